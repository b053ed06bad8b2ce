//go:build race

package server_test

// raceEnabled: boltdb/bolt v1.3.1, under Cayley's bolt backend, dies under
// -race (checkptr), so bolt runs out of process then.
const raceEnabled = true
