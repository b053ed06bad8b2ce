package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestNeighborhoodLimit checks that a neighbourhood cut by its limit is
// the first nodes of the whole one, in its order, with exactly the edges
// and attributes of the whole one among them, and Truncated when the
// whole one has more nodes.
func TestNeighborhoodLimit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendMemory})
	var docs []Document
	for i := 0; i < 12; i++ {
		docs = append(docs, trackDoc(i))
	}
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, node := range []string{"bench-000003", "actor-007"} {
		for _, depth := range []int{1, 2, 3} {
			whole, err := s.Neighborhood(ctx, node, depth, MaxNeighborhoodLimit)
			if err != nil {
				t.Fatal(err)
			}
			if whole.Truncated || len(whole.Nodes) < 6 {
				t.Fatalf("Neighborhood(%s, %d) = %d nodes, truncated %v; want a whole one of 6 or more", node, depth, len(whole.Nodes), whole.Truncated)
			}
			for _, limit := range []int{1, 2, 5, len(whole.Nodes) - 1, len(whole.Nodes)} {
				name := fmt.Sprintf("Neighborhood(%s, %d, %d)", node, depth, limit)
				cut, err := s.Neighborhood(ctx, node, depth, limit)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(cut.Nodes, whole.Nodes[:limit]) {
					t.Errorf("%s nodes = %v; want the first of %v", name, cut.Nodes, whole.Nodes)
				}
				if want := limit < len(whole.Nodes); cut.Truncated != want {
					t.Errorf("%s truncated = %v; want %v", name, cut.Truncated, want)
				}
				in := map[string]bool{}
				for _, n := range cut.Nodes {
					in[n.ID] = true
				}
				var want []Edge
				for _, e := range whole.Edges {
					if in[e.Subject] && (in[e.Object] || isAttr(whole, e)) {
						want = append(want, e)
					}
				}
				got := slices.Clone(cut.Edges)
				slices.SortFunc(got, compareEdges)
				slices.SortFunc(want, compareEdges)
				if !slices.Equal(got, want) {
					t.Errorf("%s edges:\n got %v\nwant %v", name, got, want)
				}
			}
		}
	}
}

// isAttr reports whether e is a literal attribute of g: its object names
// no node of g and it does not lead to one.
func isAttr(g Subgraph, e Edge) bool {
	for _, n := range g.Nodes {
		if n.ID == e.Object {
			return false
		}
	}
	return true
}
