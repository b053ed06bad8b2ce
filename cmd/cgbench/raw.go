package main

import (
	"bufio"
	"io"
	"os"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // the raw load's backend
	"github.com/cayleygraph/quad/nquads"
)

// rawLoad is the ceiling of writes: the store's own quads loaded into a
// bare Cayley bolt store, 10,000 quads a transaction.
type rawLoad struct {
	Quads        int64   `json:"quads"`
	QuadsPerSec  float64 `json:"quads_per_sec"`
	BytesPerQuad float64 `json:"bytes_per_quad"`
}

// rawBatch is the quads of one raw transaction, as CAYLEY.md measures.
const rawBatch = 10000

// loadRaw loads the N-Quads file at path into a new bolt store in dir and
// times the writes (not the parsing).
func loadRaw(path, dir string) (rawLoad, error) {
	var r rawLoad
	f, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer f.Close()
	if err := cgraph.InitQuadStore("bolt", dir, nil); err != nil {
		return r, err
	}
	qs, err := cgraph.NewQuadStore("bolt", dir, nil)
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	closed := false
	defer func() {
		if !closed {
			qs.Close()
		}
	}()
	nr := nquads.NewReader(bufio.NewReaderSize(f, 1<<20), false)
	var took time.Duration
	deltas := make([]cgraph.Delta, 0, rawBatch)
	flush := func() error {
		if len(deltas) == 0 {
			return nil
		}
		start := time.Now()
		err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true})
		took += time.Since(start)
		r.Quads += int64(len(deltas))
		deltas = deltas[:0]
		return err
	}
	for {
		q, err := nr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r, err
		}
		deltas = append(deltas, cgraph.Delta{Action: cgraph.Add, Quad: q})
		if len(deltas) == rawBatch {
			if err := flush(); err != nil {
				return r, err
			}
		}
	}
	if err := flush(); err != nil {
		return r, err
	}
	if r.Quads == 0 {
		return r, io.ErrUnexpectedEOF
	}
	r.QuadsPerSec = float64(r.Quads) / took.Seconds()
	closed = true
	if err := qs.Close(); err != nil {
		return r, err
	}
	r.BytesPerQuad = float64(dirBytes(dir)) / float64(r.Quads)
	return r, nil
}
