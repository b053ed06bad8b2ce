package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestLinkPages checks that ListLinks and ListConflicts paged from the
// subject lists give what they give from Cayley's indexes alone, page by
// page for several page sizes, after the lists were built and then kept
// through writes, replaces and deletes.
func TestLinkPages(t *testing.T) {
	ctx := context.Background()
	for _, cfg := range []Config{{Backend: BackendMemory}, {Backend: BackendBolt, Path: t.TempDir() + "/db"}} {
		if cfg.Backend == BackendBolt && raceEnabled {
			continue
		}
		t.Run(cfg.Backend, func(t *testing.T) {
			s := openTest(t, cfg)
			put := func(docs ...Document) {
				t.Helper()
				if _, err := s.PutArticles(ctx, docs); err != nil {
					t.Fatal(err)
				}
			}
			for i := 0; i < 20; i++ {
				put(trackDoc(i))
			}
			type list func(p Page) ([]string, string, error)
			links := func(f LinkFilter) list {
				return func(p Page) ([]string, string, error) {
					ls, next, err := s.ListLinks(ctx, f, p)
					return sortedStringsInOrder(ls), next, err
				}
			}
			conflicts := func(measure string) list {
				return func(p Page) ([]string, string, error) {
					cs, next, err := s.ListConflicts(ctx, measure, p)
					var out []string
					for _, c := range cs {
						out = append(out, fmt.Sprintf("%v %s/%s %s/%s", sortedStringsInOrder([]Link{c.Link}), c.From.ArticleID, c.From.ID, c.ToArticle.ID, c.To.ID))
					}
					return out, next, err
				}
			}
			lists := map[string]list{
				"links/all":          links(LinkFilter{}),
				"links/kind":         links(LinkFilter{Kind: FigureAgrees}),
				"links/article":      links(LinkFilter{ArticleID: "bench-000005"}),
				"links/kind+article": links(LinkFilter{Kind: FigureUpdates, ArticleID: "bench-000011"}),
				"conflicts/all":      conflicts(""),
				"conflicts/measure":  conflicts("killed@track"),
			}
			all := func(l list, size int) []string {
				t.Helper()
				var out []string
				p := Page{Limit: size}
				for range 1000 {
					keys, next, err := l(p)
					if err != nil {
						t.Fatal(err)
					}
					if len(keys) > size || (next != "" && len(keys) != size) {
						t.Fatalf("page of %d items, limit %d, next %q", len(keys), size, next)
					}
					out = append(out, keys...)
					if next == "" {
						return out
					}
					p.After = next
				}
				t.Fatal("pages never end")
				return nil
			}
			check := func(stage string) {
				t.Helper()
				for name, l := range lists {
					ix := s.index
					s.index = nil // Cayley's indexes alone: the reference
					want := all(l, 1000)
					s.index = ix
					if len(want) == 0 {
						t.Fatalf("%s: %s: the reference is empty: the test tests nothing", stage, name)
					}
					for _, size := range []int{1, 2, 5, 1000} {
						if got := all(l, size); !reflect.DeepEqual(got, want) {
							t.Errorf("%s: %s, pages of %d:\n got %v\nwant %v", stage, name, size, got, want)
						}
					}
				}
			}
			check("built")
			put(trackDoc(20), trackDoc(21))
			d := trackDoc(5) // a replace that moves the figures and changes them
			for f := 0; f < 2; f++ {
				d.Extraction.Figures[f].AsOf = "2025-09-30"
				d.Extraction.Figures[f].Value += 1000
			}
			put(d)
			if _, err := s.DeleteArticle(ctx, "bench-000012"); err != nil {
				t.Fatal(err)
			}
			check("kept")
		})
	}
}

// sortedStringsInOrder is sortedStrings without the sort: the links as
// lines, in the order given.
func sortedStringsInOrder(ls []Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, sortedStrings([]Link{l})...)
	}
	return out
}
