package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// TestListClaimsCapsStatements checks that ListClaims gives a claim that
// many articles report with its first listedStatements statements in time
// order, and its dates and articles from all of them, while GetClaim gives
// every statement.
func TestListClaimsCapsStatements(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendMemory})
	const n = listedStatements + 5
	var docs []Document
	for i := 0; i < n; i++ {
		d := plainDoc(fmt.Sprintf("claim-%02d", i), "en", "speaker-x")
		d.Meta.Published = fmt.Sprintf("2025-10-%02d", n+1-i) // key order is not time order
		d.Extraction.Statements[0].Content = "the talks would go on"
		docs = append(docs, d)
	}
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	listed, _, err := s.ListClaims(ctx, ClaimFilter{Speaker: "speaker-x"}, Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 {
		t.Fatalf("ListClaims(speaker-x) = %d claims; want 1", len(listed))
	}
	whole, err := s.GetClaim(ctx, listed[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Statements) != n {
		t.Fatalf("GetClaim = %d statements; want %d", len(whole.Statements), n)
	}
	c := listed[0]
	var got, want []string
	for _, st := range c.Statements {
		got = append(got, st.ArticleID)
	}
	for i := n - 1; i >= n-listedStatements; i-- {
		want = append(want, fmt.Sprintf("claim-%02d", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("ListClaims statements from %v; want the first reports %v", got, want)
	}
	if !slices.Equal(c.ArticleIDs, whole.ArticleIDs) || len(c.ArticleIDs) != n ||
		c.FirstReported != "2025-10-02" || c.LastReported != whole.LastReported || c.LastReported != fmt.Sprintf("2025-10-%02d", n+1) {
		t.Errorf("ListClaims = articles %v, %s..%s; want GetClaim's %v, %s..%s", c.ArticleIDs, c.FirstReported, c.LastReported,
			whole.ArticleIDs, whole.FirstReported, whole.LastReported)
	}
}

// claimPages pages through ListClaims with pages of limit.
func claimPages(t testing.TB, s *Store, f ClaimFilter, limit int) [][]ClaimInfo {
	t.Helper()
	var pages [][]ClaimInfo
	p := Page{Limit: limit}
	for {
		cs, next, err := s.ListClaims(context.Background(), f, p)
		if err != nil {
			t.Fatalf("ListClaims(%+v): %v", f, err)
		}
		pages = append(pages, cs)
		if next == "" {
			return pages
		}
		if len(pages) > 100 {
			t.Fatalf("ListClaims(%+v): more than 100 pages", f)
		}
		p.After = next
	}
}

// withoutLists returns what fn gives when s keeps no ordered lists, as on
// PostgreSQL: every claim's members read and sorted.
func withoutLists[T any](s *Store, fn func() T) T {
	ix := s.index
	s.index = nil
	defer func() { s.index = ix }()
	return fn()
}

// TestListClaimsFromLists checks that ListClaims, which pages from the
// ordered lists of claims and of each claim's members where the store
// keeps them, gives what reading and sorting everything gives: the same
// pages, statements, days and articles, with the lists built before
// writes that add reports, delete one, move an article to another day
// and rewrite one unchanged.
func TestListClaimsFromLists(t *testing.T) {
	ctx := context.Background()
	eachIndexedBackend(t, func(t *testing.T, s *Store) {
		doc := func(i int, day string) Document {
			d := plainDoc(fmt.Sprintf("cl-%02d", i), "en", []string{"speaker-x", "speaker-y"}[i%2])
			d.Meta.Published = day
			d.Extraction.Statements[0].Content = []string{"the talks would go on", "the border will open soon", "aid reached the north"}[i%3]
			d.Extraction.Statements = append(d.Extraction.Statements, extract.Statement{
				ID: "s2", SpeakerID: d.Extraction.Statements[0].SpeakerID, Kind: extract.Indirect,
				Content: []string{"prices rose again", "the ceasefire holds"}[i%2],
			})
			return d
		}
		var docs []Document
		for i := range 24 {
			docs = append(docs, doc(i, fmt.Sprintf("2025-10-%02d", 28-i%7))) // key order is not time order
		}
		check := func(stage string) {
			t.Helper()
			claims := 0
			for _, f := range []ClaimFilter{{}, {Speaker: "speaker-x"}, {Speaker: "speaker-y"}, {Speaker: "nobody"}} {
				for _, limit := range []int{1, 2, 50} {
					got := claimPages(t, s, f, limit)
					want := withoutLists(s, func() [][]ClaimInfo { return claimPages(t, s, f, limit) })
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: ListClaims(%+v) pages of %d =\n%+v\nwant\n%+v", stage, f, limit, got, want)
					}
					if f.Speaker == "" && limit == 50 {
						claims = len(got[0])
					}
				}
			}
			if claims < 4 {
				t.Errorf("%s: %d claims: the test tests little", stage, claims)
			}
		}
		mustPut(t, s, docs[:12]...)
		check("lists built")
		mustPut(t, s, docs[12:]...)
		check("reports added")
		if _, err := s.DeleteArticle(ctx, "cl-03"); err != nil {
			t.Fatal(err)
		}
		check("a report deleted")
		mustPut(t, s, doc(5, "2025-09-01"))
		check("an article moved to another day")
		mustPut(t, s, doc(7, "2025-10-28"))
		check("an article rewritten unchanged")
		if len(s.index.subjects.claims) == 0 {
			t.Error("no claim's members are kept: ListClaims did not read them from the lists")
		}
	})
}

// TestClaimMembersBuiltBesideWrites checks that a claim's member list read
// while writes commit ends up as a list read after them: writes that add
// reports, delete one and move an article to another day run between the
// read of a claim's members and the list's install, and ListClaims then
// gives what reading everything gives.
func TestClaimMembersBuiltBesideWrites(t *testing.T) {
	if raceEnabled {
		t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race")
	}
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	doc := func(i int, day string) Document {
		d := plainDoc(fmt.Sprintf("cb-%02d", i), "en", "speaker-x")
		d.Meta.Published = day
		d.Extraction.Statements[0].Content = []string{"the talks would go on", "the border will open soon"}[i%2]
		return d
	}
	for i := range 10 {
		mustPut(t, s, doc(i, fmt.Sprintf("2025-10-%02d", 20-i)))
	}
	ix := s.index.subjects
	for _, stage := range []struct {
		name  string
		write func()
	}{
		{"reports added", func() { mustPut(t, s, doc(10, "2025-10-01"), doc(11, "2025-11-01")) }},
		{"a report deleted", func() {
			if _, err := s.DeleteArticle(ctx, "cb-04"); err != nil {
				t.Error(err)
			}
		}},
		{"an article deleted and put back on another day", func() {
			if _, err := s.DeleteArticle(ctx, "cb-06"); err != nil {
				t.Error(err)
			}
			mustPut(t, s, doc(6, "2025-09-01"))
		}},
	} {
		ix.mu.Lock()
		clear(ix.claims)
		ix.mu.Unlock()
		wrote := 0
		ix.afterClaimRead = func(quad.IRI) {
			if wrote == 0 {
				wrote++
				stage.write()
			}
		}
		claimPages(t, s, ClaimFilter{}, 50)
		ix.afterClaimRead = nil
		if wrote == 0 {
			t.Fatalf("%s: no write ran during a claim's read", stage.name)
		}
		ix.mu.RLock()
		kept := len(ix.claims)
		ix.mu.RUnlock()
		if kept == 0 {
			t.Fatalf("%s: no claim's members kept", stage.name)
		}
		// The lists as built beside the write, then as read afresh.
		got := claimPages(t, s, ClaimFilter{}, 50)
		want := withoutLists(s, func() [][]ClaimInfo { return claimPages(t, s, ClaimFilter{}, 50) })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ListClaims with members built beside the write =\n%+v\nwant\n%+v", stage.name, got, want)
		}
	}
}
