package graph

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestVocabPreds checks that vocabPreds lists every predicate vocab.go
// declares, each once: a hub read predicate by predicate would silently
// lose the edges of one it left out.
func TestVocabPreds(t *testing.T) {
	names := func(file string, keep func(ast.Node) bool) []string {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		ast.Inspect(f, func(n ast.Node) bool {
			if !keep(n) {
				return true
			}
			ast.Inspect(n, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "Pred") {
					out = append(out, id.Name)
				}
				return true
			})
			return false
		})
		slices.Sort(out)
		return out
	}
	declared := names("vocab.go", func(n ast.Node) bool {
		d, ok := n.(*ast.GenDecl)
		return ok && d.Tok == token.CONST
	})
	listed := names("fanout.go", func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		return ok && len(vs.Names) == 1 && vs.Names[0].Name == "vocabPreds"
	})
	if len(declared) < 70 || !slices.Equal(listed, declared) {
		t.Errorf("vocabPreds lists %v;\nvocab.go declares %v", listed, declared)
	}
	if len(vocabPreds) != len(declared) {
		t.Errorf("vocabPreds has %d predicates; vocab.go declares %d", len(vocabPreds), len(declared))
	}
}

// hubStore writes n articles, each quoting one speaker ("hub-speaker"),
// a few at a time, the last id first: the order they are stored in is
// not the order of their IRIs.
func hubStore(t *testing.T, cfg Config, n int) *Store {
	t.Helper()
	s := openTest(t, cfg)
	for i := 0; i < n; i += 10 {
		var docs []Document
		for j := i; j < min(i+10, n); j++ {
			docs = append(docs, plainDoc(fmt.Sprintf("hub-%03d", n-1-j), "en", "hub-speaker"))
		}
		if _, err := s.PutArticles(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestHubFanOut checks the bound on a hub's neighbours that Neighborhood
// and FindPaths read (fanOut): a speaker quoted by more articles than the
// bound gives, through each predicate, the first articles stored, and
// the same on memory and bolt (where a node this large is read predicate
// by predicate); Truncated says so; and FindPaths still finds the direct
// edge to an article past the bound, from that article's side.
func TestHubFanOut(t *testing.T) {
	ctx := context.Background()
	const n = maxPathFanOut + 40
	cfgs := []Config{{Backend: BackendMemory}}
	if !raceEnabled { // boltdb/bolt v1.3.1 fails checkptr under -race
		cfgs = append(cfgs, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	}
	var graphs []Subgraph
	for _, cfg := range cfgs {
		s := hubStore(t, cfg, n)
		g, err := s.Neighborhood(ctx, "hub-speaker", 1, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !g.Truncated {
			t.Errorf("%s: Neighborhood(hub, 1, 20) not truncated", cfg.Backend)
		}
		// Whatever the limit, what the bound left out is never shown.
		whole, err := s.Neighborhood(ctx, "hub-speaker", 1, maxPathFanOut)
		if err != nil {
			t.Fatal(err)
		}
		arts := 0
		for _, nd := range whole.Nodes {
			rest, ok := strings.CutPrefix(nd.ID, prefixArticle+"hub-")
			if !ok {
				continue
			}
			arts++
			var i int
			if _, err := fmt.Sscanf(rest[:3], "%d", &i); err != nil || i < n-maxPathFanOut {
				t.Errorf("%s: Neighborhood(hub) shows %s, past the first %d articles stored", cfg.Backend, nd.ID, maxPathFanOut)
			}
		}
		if arts == 0 || !whole.Truncated {
			t.Errorf("%s: Neighborhood(hub, 1, %d) = %d articles, truncated %v; want some, truncated", cfg.Backend, maxPathFanOut, arts, whole.Truncated)
		}
		graphs = append(graphs, g, whole)
		// The direct edge to the last article stored is past the hub's bound.
		last := "hub-000"
		paths, err := s.FindPaths(ctx, "hub-speaker", last, 2, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) == 0 || len(paths[0].Edges) != 1 || paths[0].Edges[0].Predicate != string(PredMentionedIn) {
			t.Errorf("%s: FindPaths(hub, %s) = %v; want the mentionedIn edge first", cfg.Backend, last, paths)
		}
		for i := 1; i < len(paths); i++ {
			if len(paths[i].Edges) < len(paths[i-1].Edges) {
				t.Errorf("%s: FindPaths(hub, %s): a path of %d edges after one of %d", cfg.Backend, last, len(paths[i].Edges), len(paths[i-1].Edges))
			}
		}
	}
	if len(graphs) == 4 {
		for i := range 2 {
			if a, b := subgraphLines(graphs[i]), subgraphLines(graphs[i+2]); !reflect.DeepEqual(a, b) {
				t.Errorf("Neighborhood(hub) differs between memory and bolt:\n%s", diffLines(a, b))
			}
		}
	}
}

// subgraphLines gives g as lines, to diff.
func subgraphLines(g Subgraph) []string {
	out := []string{fmt.Sprint("truncated ", g.Truncated)}
	for _, n := range g.Nodes {
		out = append(out, fmt.Sprint("node ", n))
	}
	for _, e := range g.Edges {
		if e.Predicate != string(PredIngestTime) { // the time of each write
			out = append(out, fmt.Sprint("edge ", e))
		}
	}
	return out
}
