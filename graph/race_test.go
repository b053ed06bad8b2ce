//go:build race

package graph

// raceEnabled: github.com/boltdb/bolt v1.3.1, which Cayley's bolt backend
// uses, dies under -race ("checkptr: converted pointer straddles multiple
// allocations"), so bolt tests skip then.
const raceEnabled = true
