package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestNodeCache checks that a value read before a write that changes its
// node is not kept, that the write forgets what was kept, and that the
// cache holds at most its maximum.
func TestNodeCache(t *testing.T) {
	c := newNodeCache[int](3)
	a, b := quad.IRI("a"), quad.IRI("b")
	_, gen, ok := c.get(a)
	if ok {
		t.Fatalf("get(a) on an empty cache found a value")
	}
	write := []cgraph.Delta{{Quad: quad.Quad{Subject: a, Predicate: PredValue, Object: quad.Int(2)}, Action: cgraph.Add}}
	c.forget(write, func(quad.IRI) bool { return true })
	c.put(a, 1, gen) // read before the write
	if v, _, ok := c.get(a); ok {
		t.Errorf("get(a) = %d after a put older than a write; want none", v)
	}
	_, gen, _ = c.get(a)
	c.put(a, 2, gen)
	if v, _, ok := c.get(a); !ok || v != 2 {
		t.Errorf("get(a) = %d, %v; want 2, true", v, ok)
	}
	c.forget(write, func(n quad.IRI) bool { return n == b })
	if _, _, ok := c.get(a); !ok {
		t.Errorf("a write of other nodes forgot a")
	}
	c.forget(write, func(quad.IRI) bool { return true })
	if _, _, ok := c.get(a); ok {
		t.Errorf("a write of a kept it")
	}
	for i := range 10 {
		_, gen, _ := c.get(a)
		c.put(quad.IRI(fmt.Sprint(i)), i, gen)
	}
	if n := c.len(); n != 3 {
		t.Errorf("cache of at most 3 holds %d", n)
	}
}

// TestNodeCacheReads checks that the links and figures that pages read
// from the cache are those the store holds after writes replace and
// delete the articles that hold them: each page read with the cache
// filled, after a write, equals the page read with the cache emptied.
func TestNodeCacheReads(t *testing.T) {
	ctx := context.Background()
	eachIndexedBackend(t, func(t *testing.T, s *Store) {
		for i := range 8 {
			if _, err := s.PutArticles(ctx, []Document{indexedDoc(i, 0)}); err != nil {
				t.Fatal(err)
			}
		}
		type pages struct {
			Links     []Link
			Measure   MeasureInfo
			Conflicts []Conflict
			Articles  []ArticleInfo
		}
		read := func() pages {
			t.Helper()
			var p pages
			var err error
			if p.Links, _, err = s.ListLinks(ctx, LinkFilter{}, Page{Limit: 1000}); err != nil {
				t.Fatal(err)
			}
			if p.Measure, _, err = s.TrackMeasurePage(ctx, "killed@test", Page{Limit: 1000}); err != nil {
				t.Fatal(err)
			}
			if p.Conflicts, _, err = s.ListConflicts(ctx, "", Page{Limit: 1000}); err != nil {
				t.Fatal(err)
			}
			if p.Articles, _, err = s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 1000}); err != nil {
				t.Fatal(err)
			}
			return p
		}
		uncached := func() pages {
			t.Helper()
			s.index.links = newNodeCache[Link](maxCachedLinks)
			s.index.figures = newNodeCache[StoredFigure](maxCachedFigures)
			s.index.figureLinks = newNodeCache[[]string](maxCachedFigures)
			s.index.articles = newNodeCache[ArticleInfo](maxCachedArticles)
			return read()
		}
		check := func(stage string) {
			t.Helper()
			read() // fills the cache
			got := read()
			if s.index.links.len() == 0 || s.index.figures.len() == 0 || s.index.figureLinks.len() == 0 || s.index.articles.len() == 0 {
				t.Fatalf("%s: the cache holds %d links, %d figures and the links of %d; the test tests little",
					stage, s.index.links.len(), s.index.figures.len(), s.index.figureLinks.len())
			}
			if want := uncached(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: pages read through the cache = %+v;\nread from the store = %+v", stage, got, want)
			}
			read() // fills the cache for the next write
		}
		check("first")
		for i := range 4 {
			if _, err := s.PutArticles(ctx, []Document{indexedDoc(i, 1)}); err != nil { // other figure values
				t.Fatal(err)
			}
		}
		check("after replaces")
		if _, err := s.DeleteArticle(ctx, indexedDoc(1, 0).Meta.ID); err != nil {
			t.Fatal(err)
		}
		check("after a delete")
	})
}
