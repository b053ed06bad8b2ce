package graph

import (
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

func TestArticleIndex(t *testing.T) {
	ix := &articleIndex{ids: newSortedSet(), prefixes: newSortedSet()}
	typeQuad := func(id string) quad.Quad {
		return quad.Quad{Subject: ArticleIRI(id), Predicate: PredType, Object: ClassArticle, Label: ArticleIRI(id)}
	}
	var add []cgraph.Delta
	for _, id := range []string{"b", "a/b", "a.b", "a", "c"} {
		add = append(add, cgraph.Delta{Quad: typeQuad(id), Action: cgraph.Add})
	}
	// Another article's quad of the same shape under another label is no article.
	add = append(add, cgraph.Delta{Quad: quad.Quad{Subject: ArticleIRI("x"), Predicate: PredType, Object: ClassArticle, Label: LinksLabel}, Action: cgraph.Add})
	ix.apply(add)
	if got, more := ix.page("", 2); !slices.Equal(got, []string{"a", "a.b"}) || !more {
		t.Errorf("page(\"\", 2) = %v, %v; want [a a.b], true", got, more)
	}
	if got, more := ix.page("a.b", 10); !slices.Equal(got, []string{"a/b", "b", "c"}) || more {
		t.Errorf("page(a.b, 10) = %v, %v; want [a/b b c], false", got, more)
	}
	ix.apply([]cgraph.Delta{{Quad: typeQuad("b"), Action: cgraph.Delete}})
	var prefixes []string
	ix.eachPrefix("", func(p string) bool { prefixes = append(prefixes, p); return true })
	// Item keys sort by the encoded id and "/": a%2Fb sorts before a.b.
	if want := []string{"a%2Fb/", "a.b/", "a/", "c/"}; !slices.Equal(prefixes, want) {
		t.Errorf("eachPrefix = %v; want %v", prefixes, want)
	}
	prefixes = nil
	ix.eachPrefix("a.b/statement/s1", func(p string) bool { prefixes = append(prefixes, p); return len(prefixes) < 2 })
	if want := []string{"a.b/", "a/"}; !slices.Equal(prefixes, want) {
		t.Errorf("eachPrefix(after a.b's item) = %v; want %v", prefixes, want)
	}
}
