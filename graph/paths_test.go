package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// findPathsBefore is FindPaths as it was before the bidirectional search
// (breadth first from b to maxDepth, then depth first from a): the
// reference the search must agree with.
func findPathsBefore(ctx context.Context, s *Store, a, b quad.IRI, maxDepth, limit int) ([]Path, error) {
	adj := map[string][]Edge{}
	edges := func(n string) ([]Edge, error) {
		if e, ok := adj[n]; ok {
			return e, nil
		}
		f, err := s.nodeFactsLocked(ctx, quad.IRI(n), true, 0)
		if err != nil {
			return nil, err
		}
		adj[n] = f.edges
		return f.edges, nil
	}
	dist := map[string]int{string(b): 0}
	frontier := []string{string(b)}
	for d := 1; d <= maxDepth && len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			es, err := edges(n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				if o := e.other(n); !hasKey(dist, o) {
					dist[o] = d
					next = append(next, o)
				}
			}
		}
		frontier = next
	}
	start, ok := dist[string(a)]
	if !ok {
		return nil, nil
	}
	var paths []Path
	onPath := map[string]bool{string(a): true}
	var walk []Edge
	var dfs func(n string, left int) error
	dfs = func(n string, left int) error {
		if len(paths) == limit {
			return nil
		}
		if left == 0 {
			if n == string(b) {
				paths = append(paths, Path{Edges: slices.Clone(walk)})
			}
			return nil
		}
		es, err := edges(n)
		if err != nil {
			return err
		}
		for _, e := range es {
			o := e.other(n)
			if d, ok := dist[o]; !ok || d > left-1 || onPath[o] {
				continue
			}
			onPath[o] = true
			walk = append(walk, e)
			err := dfs(o, left-1)
			walk = walk[:len(walk)-1]
			onPath[o] = false
			if err != nil {
				return err
			}
		}
		return nil
	}
	for l := start; l <= maxDepth && len(paths) < limit; l++ {
		if err := dfs(string(a), l); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// writeRandomGraph stores n invented nodes joined by random edges of a few
// predicates, some stated under two labels, with literals, types and
// hidden facts beside them, and returns the nodes.
func writeRandomGraph(t testing.TB, s *Store, seed uint64, n, edges int) []quad.IRI {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	nodes := make([]quad.IRI, n)
	for i := range nodes {
		nodes[i] = quad.IRI(fmt.Sprintf("http://example.org/node/%02d", i))
	}
	preds := []quad.IRI{"http://example.org/p/knows", "http://example.org/p/cites", PredMentions, PredSpeaker}
	seen := map[quad.Quad]bool{}
	tx := cgraph.NewTransaction()
	add := func(q quad.Quad) {
		if !seen[q] {
			seen[q] = true
			tx.AddQuad(q)
		}
	}
	for i, nd := range nodes {
		add(quad.Quad{Subject: nd, Predicate: PredType, Object: ClassPerson, Label: quad.IRI("http://example.org/l/1")})
		add(quad.Quad{Subject: nd, Predicate: PredName, Object: quad.String(fmt.Sprintf("node %d", i%5)), Label: quad.IRI("http://example.org/l/1")})
		add(quad.Quad{Subject: nd, Predicate: PredOnDay, Object: nodes[(i+1)%n], Label: quad.IRI("http://example.org/l/1")}) // hidden
	}
	for range edges {
		q := quad.Quad{Subject: nodes[r.IntN(n)], Predicate: preds[r.IntN(len(preds))], Object: nodes[r.IntN(n)],
			Label: quad.IRI(fmt.Sprintf("http://example.org/l/%d", 1+r.IntN(2)))}
		add(q)
	}
	if err := s.wqs.ApplyDeltas(tx.Deltas, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if s.purge != nil {
		s.purge()
	}
	return nodes
}

// TestFindPathsAsBefore checks that the bidirectional search finds the
// paths, in the order, that the search from one end found, on random
// graphs sparse and dense, for every depth and a few limits.
func TestFindPathsAsBefore(t *testing.T) {
	ctx := context.Background()
	backends := []Config{{Backend: BackendMemory}}
	if !raceEnabled {
		backends = append(backends, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	}
	for _, cfg := range backends {
		for _, g := range []struct {
			seed         uint64
			nodes, edges int
		}{{1, 30, 25}, {2, 30, 60}, {3, 20, 80}} {
			t.Run(fmt.Sprintf("%s/seed=%d", cfg.Backend, g.seed), func(t *testing.T) {
				c := cfg
				if c.Path != "" {
					c.Path = fmt.Sprintf("%s-%d", c.Path, g.seed)
				}
				s := openTest(t, c)
				nodes := writeRandomGraph(t, s, g.seed, g.nodes, g.edges)
				found := 0
				for i := 0; i < len(nodes); i += 3 {
					for j := 1; j < len(nodes); j += 4 {
						for _, depth := range []int{1, 2, 3, 4, 5} {
							for _, limit := range []int{1, 3, MaxPathLimit} {
								got, err := s.FindPaths(ctx, string(nodes[i]), string(nodes[j]), depth, limit)
								if err != nil {
									t.Fatal(err)
								}
								var want []Path
								if i != j {
									if want, err = findPathsBefore(ctx, s, nodes[i], nodes[j], depth, limit); err != nil {
										t.Fatal(err)
									}
								}
								if !reflect.DeepEqual(got, want) {
									t.Fatalf("FindPaths(%s, %s, %d, %d) =\n%v\nwant\n%v", nodes[i], nodes[j], depth, limit, got, want)
								}
								found += len(got)
							}
						}
					}
				}
				if found == 0 {
					t.Fatal("no paths at all: the graph tests nothing")
				}
			})
		}
	}
}
