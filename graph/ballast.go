package graph

import (
	"context"
	"crypto/rand"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Cayley's KV stores (bolt) net each node's reference count over a batch
// of deltas and, before they index the added quads, resolve only the nodes
// whose count does not shrink: an added quad with a node whose count
// shrinks overall (the label of an article whose replace removes more
// quads than it adds) would be stored with that direction missing. (Its
// SQL stores refer to nodes by hash and need no ballast.)
//
// Such a batch gets ballast: quads under BallastLabel that each hold one
// more reference to a shrinking node, as many as keep its count from
// shrinking, added in the same transaction. The batch, whole, is one
// transaction, so a reader or a crash sees an article's old version or its
// new one, never parts of both. The ballast is deleted in a second
// transaction that touches nothing else; a crash between the two leaves
// only ballast, which Open deletes.

// BallastLabel is the label of ballast quads; no reader answers with them,
// and exports leave them out.
const BallastLabel = quad.IRI(Base + "ballast")

// predBallast links a ballast quad's own node to the node it holds.
const predBallast = quad.IRI(nsCG + "ballastFor")

// ballast returns the ballast that deltas need (none for most batches):
// for each node of an added quad whose count the batch shrinks by k, k
// added quads with that node as their object. Each ballast quad's subject
// is new (a random batch id and a number), so ballast never collides with
// ballast left by a crash or written by another server.
func ballast(deltas []cgraph.Delta) []cgraph.Delta {
	net := map[quad.Value]int{}
	for _, d := range deltas {
		n := 1
		if d.Action == cgraph.Delete {
			n = -1
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v] += n
			}
		}
	}
	var out []cgraph.Delta
	batch := ""
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil || net[v] >= 0 {
				continue
			}
			if batch == "" {
				batch = rand.Text()
			}
			for range -net[v] {
				out = append(out, cgraph.Delta{Action: cgraph.Add, Quad: quad.Quad{
					Subject:   quad.IRI(fmt.Sprintf("%s/%s/%d", BallastLabel, batch, len(out))),
					Predicate: predBallast,
					Object:    v,
					Label:     BallastLabel,
				}})
			}
			net[v] = 0
		}
	}
	return out
}

// dropBallast deletes ballast quads that a crash left behind (see
// ballast). s.mu must be held for writing.
func (s *Store) dropBallast(ctx context.Context) error {
	left, err := s.quadsLocked(ctx, quad.Label, BallastLabel, "")
	if err != nil || len(left) == 0 {
		return err
	}
	dels := make([]cgraph.Delta, len(left))
	for i, q := range left {
		dels[i] = cgraph.Delta{Action: cgraph.Delete, Quad: q}
	}
	err = s.writer().ApplyDeltas(dels, cgraph.IgnoreOpts{IgnoreMissing: true})
	if s.purge != nil {
		s.purge()
	}
	return err
}
