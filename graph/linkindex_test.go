package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// setLinkPages pages through the links as the stores without ordered
// lists do (every indexed set read and sorted): what the ordered lists
// must give, page by page.
func setLinkPages(t testing.TB, s *Store, kind LinkKind, articleID, key string, limit int) [][]string {
	t.Helper()
	if err := s.rlock(); err != nil {
		t.Fatal(err)
	}
	defer s.runlock()
	sets, err := s.linkSetsLocked(context.Background(), kind, articleID, key)
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]string
	p := Page{Limit: limit}
	for {
		keys, next := pageKeys(sets, linkKeyOf, p)
		pages = append(pages, keys)
		if next == "" {
			return pages
		}
		p.After = next
	}
}

// listLinkPages pages through ListLinks (ListConflicts when conflicts is
// set), giving each page's link keys.
func listLinkPages(t testing.TB, s *Store, f LinkFilter, measure string, conflicts bool, limit int) [][]string {
	t.Helper()
	ctx := context.Background()
	var pages [][]string
	p := Page{Limit: limit}
	for {
		var links []Link
		var next string
		var err error
		if conflicts {
			var cs []Conflict
			cs, next, err = s.ListConflicts(ctx, measure, p)
			for _, c := range cs {
				links = append(links, c.Link)
			}
		} else {
			links, next, err = s.ListLinks(ctx, f, p)
		}
		if err != nil {
			t.Fatalf("ListLinks(%+v, %q): %v", f, measure, err)
		}
		var keys []string
		for _, l := range links {
			k, _ := linkKeyOf(linkIRI(&l))
			keys = append(keys, k)
		}
		pages = append(pages, keys)
		if next == "" {
			return pages
		}
		if len(pages) > 1000 {
			t.Fatalf("ListLinks(%+v): more than 1000 pages", f)
		}
		p.After = next
	}
}

// TestLinkListsPageAsSets checks that ListLinks and ListConflicts, which
// page from ordered lists of link keys where the store keeps them, give
// exactly the pages that reading and sorting every link gives: for every
// kind, article and measure, with lists built before some writes (kept by
// them) and after, and after a delete.
func TestLinkListsPageAsSets(t *testing.T) {
	ctx := context.Background()
	eachIndexedBackend(t, func(t *testing.T, s *Store) {
		if s.index == nil {
			t.Fatal("the store keeps no ordered lists: the test tests nothing")
		}
		docs := storyDocs(t)
		var articles []string
		for _, d := range docs {
			articles = append(articles, d.Meta.ID)
		}
		kinds := []LinkKind{0, SameClaim, FigureAgrees, FigureConflicts, FigureUpdates, SameEvent}
		check := func(stage string) {
			t.Helper()
			var filters []LinkFilter
			for _, k := range kinds {
				filters = append(filters, LinkFilter{Kind: k})
				for _, a := range append(slices.Clone(articles), "no-such-article") {
					filters = append(filters, LinkFilter{Kind: k, ArticleID: a})
				}
			}
			total := 0
			for _, f := range filters {
				for _, limit := range []int{1, 3, 50} {
					want := setLinkPages(t, s, f.Kind, f.ArticleID, "", limit)
					got := listLinkPages(t, s, f, "", false, limit)
					if !slices.EqualFunc(got, want, slices.Equal) {
						t.Errorf("%s: ListLinks(%+v) pages of %d = %v; want %v", stage, f, limit, got, want)
					}
					if f == (LinkFilter{}) && limit == 50 {
						for _, p := range want {
							total += len(p)
						}
					}
				}
			}
			if total < 10 {
				t.Errorf("%s: %d links in all: the test tests little", stage, total)
			}
			for _, m := range []string{"", "killed@gaza", "no-such-measure"} {
				want := setLinkPages(t, s, FigureConflicts, "", m, 2)
				got := listLinkPages(t, s, LinkFilter{}, m, true, 2)
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("%s: ListConflicts(%q) pages = %v; want %v", stage, m, got, want)
				}
			}
		}
		mustPut(t, s, docs[:len(docs)/2]...)
		check("half written, lists built from the store")
		mustPut(t, s, docs[len(docs)/2:]...)
		check("all written, lists kept by the writes")
		if _, err := s.DeleteArticle(ctx, articles[0]); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("after deleting %s", articles[0]))
		if s.index.subjects.size(subjectFilter{linkTypeKey}) == 0 {
			t.Error("the list of every link is empty: ListLinks did not page from it")
		}
	})
}
