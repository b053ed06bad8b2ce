package graph

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// Linking through the store: the story of link_test.go, written in several
// orders, one by one and in bulk, must give exactly wantStoryLinks, and the
// very same link quads on every backend.

// allLinks pages through ListLinks with small pages.
func allLinks(t testing.TB, s *Store, f LinkFilter) []Link {
	t.Helper()
	var out []Link
	p := Page{Limit: 7}
	for {
		got, next, err := s.ListLinks(context.Background(), f, p)
		if err != nil {
			t.Fatalf("ListLinks(%+v): %v", f, err)
		}
		out = append(out, got...)
		if next == "" {
			return out
		}
		if next <= p.After {
			t.Fatalf("ListLinks: next %q does not advance past %q", next, p.After)
		}
		p.After = next
	}
}

func sortedStrings(ls []Link) []string {
	out := linkStrings(ls)
	sort.Strings(out)
	return out
}

// linkNQuads returns the quads under LinksLabel as sorted N-Quads lines.
func linkNQuads(t testing.TB, s *Store) []string {
	t.Helper()
	qs := linkQuads(t, s)
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	slices.Sort(out)
	return out
}

func docByID(docs []Document, id string) Document {
	for _, d := range docs {
		if d.Meta.ID == id {
			return d
		}
	}
	panic("no document " + id)
}

// wantStoryLinks are the links the story gives when its articles are
// written in storyDocs order: figures relate to the figures of their own
// day and of the nearest days before and after; statements and events
// link to their claim's or group's first report.
var wantStoryLinks = []string{
	"FIGURE_AGREES hostages:released ar-toll-rise-1013/f3 -> en-hostages-freed-1013/f1",
	"FIGURE_AGREES hostages:remaining ar-ministry-toll-1007/f3 -> en-wire-1007/f5",
	"FIGURE_AGREES hostages:taken ar-diplomacy-1007b/f1 -> en-wire-1007/f4",
	"FIGURE_AGREES hostages:taken ar-diplomacy-1007b/f1 -> seed-gaza-diplomacy/f2",
	"FIGURE_AGREES hostages:taken en-wire-1007/f4 -> seed-gaza-diplomacy/f2",
	"FIGURE_AGREES injured@gaza ar-ministry-toll-1007/f2 -> en-wire-1007/f2",
	"FIGURE_AGREES killed:children@gaza ar-westbank-1008/f2 -> ar-toll-rise-1013/f2",
	"FIGURE_AGREES killed@gaza ar-ministry-toll-1007/f1 -> en-wire-1007/f1",
	"FIGURE_AGREES killed@gaza ar-toll-rise-1013/f1 -> en-hostages-freed-1013/f2",
	"FIGURE_AGREES killed@israel/2023-10-07 en-wire-1007/f3 -> en-israel-toll-1008/f1",
	"FIGURE_CONFLICTS killed@gaza ar-ministry-toll-1007/f1 -> en-blog-1010/f1",
	"FIGURE_CONFLICTS killed@gaza ar-ministry-toll-1007/f1 -> seed-gaza-diplomacy/f1",
	"FIGURE_CONFLICTS killed@gaza en-wire-1007/f1 -> en-blog-1010/f1",
	"FIGURE_CONFLICTS killed@gaza en-wire-1007/f1 -> seed-gaza-diplomacy/f1",
	"FIGURE_UPDATES hostages:taken en-israel-toll-1008/f2 -> ar-diplomacy-1007b/f1",
	"FIGURE_UPDATES hostages:taken en-israel-toll-1008/f2 -> en-wire-1007/f4",
	"FIGURE_UPDATES hostages:taken en-israel-toll-1008/f2 -> seed-gaza-diplomacy/f2",
	"FIGURE_UPDATES killed@gaza ar-toll-rise-1013/f1 -> en-blog-1010/f1",
	"FIGURE_UPDATES killed@gaza en-blog-1010/f1 -> seed-gaza-diplomacy/f1",
	"FIGURE_UPDATES killed@gaza en-hostages-freed-1013/f2 -> en-blog-1010/f1",
	"SAME_CLAIM claim/ar-ministry-toll-1007/s1 en-wire-1007/s1 -> ar-ministry-toll-1007/s1",
	"SAME_CLAIM claim/ar-toll-rise-1013/s2 en-hostages-freed-1013/s2 -> ar-toll-rise-1013/s2",
	"SAME_CLAIM claim/seed-gaza-diplomacy/s3 ar-diplomacy-1007b/s1 -> seed-gaza-diplomacy/s3",
	"SAME_CLAIM claim/seed-gaza-diplomacy/s5 ar-ministry-toll-1007/s2 -> seed-gaza-diplomacy/s5",
	"SAME_CLAIM claim/seed-gaza-diplomacy/s5 en-wire-1007/s2 -> seed-gaza-diplomacy/s5",
	"SAME_EVENT event/release/2025-10-13/ar-toll-rise-1013/e1 en-hostages-freed-1013/e1 -> ar-toll-rise-1013/e1",
	"SAME_EVENT event/travel/2025-10-07/seed-gaza-diplomacy/e2 ar-diplomacy-1007b/e1 -> seed-gaza-diplomacy/e2",
	"SAME_EVENT event/travel/2025-10-07/seed-gaza-diplomacy/e2 en-wire-1007/e2 -> seed-gaza-diplomacy/e2",
	"SAME_EVENT event/war/2023-10-07/seed-gaza-diplomacy/e1 en-wire-1007/e1 -> seed-gaza-diplomacy/e1",
}

// partition returns the groups that links of kind join (their ends,
// transitively), each sorted, in order.
func partition(links []Link, kind LinkKind) []string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		parent[x] = x
		return x
	}
	for _, l := range links {
		if l.Kind == kind {
			parent[find(l.From.ArticleID+"/"+l.From.LocalID)] = find(l.To.ArticleID + "/" + l.To.LocalID)
		}
	}
	groups := map[string][]string{}
	for x := range parent {
		groups[find(x)] = append(groups[find(x)], x)
	}
	var out []string
	for _, g := range groups {
		slices.Sort(g)
		out = append(out, strings.Join(g, " "))
	}
	slices.Sort(out)
	return out
}

func testStoryLinks(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	docs := storyDocs(t)
	want := slices.Clone(wantStoryLinks)
	sort.Strings(want)
	var wantConflicts []string
	for _, w := range want {
		if strings.HasPrefix(w, "FIGURE_CONFLICTS") {
			wantConflicts = append(wantConflicts, w)
		}
	}
	var refQuads []string
	reversed := slices.Clone(docs)
	slices.Reverse(reversed)
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(5, 6)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, tc := range []struct {
		name    string
		batches [][]Document
		inOrder bool // written in storyDocs order: exactly wantStoryLinks
	}{
		{"bulk", [][]Document{docs}, true},
		{"one by one", splitEach(docs), true},
		{"reversed one by one", splitEach(reversed), false},
		{"shuffled one by one", splitEach(shuffled), false},
		{"shuffled in two batches", [][]Document{shuffled[:4], shuffled[4:]}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wipe(t, s)
			if n := quadCount(t, s); n != 0 {
				t.Fatalf("QuadCount after wipe = %d", n)
			}
			for _, batch := range tc.batches {
				if _, err := s.PutArticles(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
			links := allLinks(t, s, LinkFilter{})
			got := sortedStrings(links)
			if tc.inOrder {
				if !slices.Equal(got, want) {
					t.Fatalf("links differ from wantStoryLinks:\n%s", diffLines(got, want))
				}
				if refQuads == nil {
					refQuads = linkNQuads(t, s)
				} else if q := linkNQuads(t, s); !slices.Equal(q, refQuads) {
					t.Errorf("link quads differ from a bulk write:\n%s", diffLines(q, refQuads))
				}
			}
			// Whatever the order, the same conflicts, claims and events.
			var conflicts []string
			for _, g := range got {
				if strings.HasPrefix(g, "FIGURE_CONFLICTS") {
					conflicts = append(conflicts, g)
				}
			}
			if !slices.Equal(conflicts, wantConflicts) {
				t.Errorf("conflicts:\n%s", diffLines(conflicts, wantConflicts))
			}
			wantLinks := linksOf(t, want)
			for _, kind := range []LinkKind{SameClaim, SameEvent} {
				if g, w := partition(links, kind), partition(wantLinks, kind); !slices.Equal(g, w) {
					t.Errorf("%v groups:\n%s", kind, diffLines(g, w))
				}
			}
			checkAccounted(t, s)
		})
	}
	// The store now holds the story. Filters select what Compute says.
	all := allLinks(t, s, LinkFilter{})
	for _, f := range []LinkFilter{{Kind: FigureConflicts}, {ArticleID: "seed-gaza-diplomacy"}, {Kind: SameClaim, ArticleID: "en-wire-1007"}, {ArticleID: "nope"}} {
		var w []string
		for _, l := range all {
			if (f.Kind == 0 || l.Kind == f.Kind) && (f.ArticleID == "" || l.From.ArticleID == f.ArticleID || l.To.ArticleID == f.ArticleID) {
				w = append(w, linkString(l))
			}
		}
		sort.Strings(w)
		if got := sortedStrings(allLinks(t, s, f)); !slices.Equal(got, w) {
			t.Errorf("ListLinks(%+v):\n%s", f, diffLines(got, w))
		}
	}
	// Links carry values and dates.
	for _, l := range all {
		if l.Kind == FigureConflicts && l.To.ArticleID == "seed-gaza-diplomacy" && l.To.Value != 12000 {
			t.Errorf("%s: seed value %v; want 12000", linkString(l), l.To.Value)
		}
		if l.From.Date == "" || l.To.Date == "" || l.Score <= 0 {
			t.Errorf("link lacks date or score: %+v", l)
		}
	}
	// Writing an article again changes no link quad.
	before, beforeQuads := quadCount(t, s), linkNQuads(t, s)
	mustPut(t, s, docs[0])
	if got := linkNQuads(t, s); !slices.Equal(got, beforeQuads) {
		t.Errorf("rewrite changed link quads:\n%s", diffLines(got, beforeQuads))
	}
	if got := quadCount(t, s); got != before {
		t.Errorf("QuadCount after rewrite = %d; want %d", got, before)
	}
}

// linksOf parses links written by linkString (kinds, keys and ends only).
func linksOf(t testing.TB, lines []string) []Link {
	t.Helper()
	var out []Link
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) != 5 {
			t.Fatalf("bad link line %q", line)
		}
		end := func(s string) NodeRef {
			art, local, _ := strings.Cut(s, "/")
			return NodeRef{ArticleID: art, LocalID: local}
		}
		out = append(out, Link{Kind: ParseLinkKind(f[0]), Key: f[1], From: end(f[2]), To: end(f[4])})
	}
	return out
}

func splitEach(docs []Document) [][]Document {
	var out [][]Document
	for _, d := range docs {
		out = append(out, []Document{d})
	}
	return out
}

func testDeleteRelinks(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	docs := storyDocs(t)
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	before := sortedStrings(allLinks(t, s, LinkFilter{}))
	for _, id := range []string{"ar-ministry-toll-1007", "seed-gaza-diplomacy"} {
		if _, err := s.DeleteArticle(ctx, id); err != nil {
			t.Fatal(err)
		}
		// Exactly the links with an end in the deleted article go.
		var want []string
		for _, l := range before {
			if !strings.Contains(l, " "+id+"/") {
				want = append(want, l)
			}
		}
		before = want
		if got := sortedStrings(allLinks(t, s, LinkFilter{})); !slices.Equal(got, want) {
			t.Errorf("after deleting %s:\n%s", id, diffLines(got, want))
		}
		for _, q := range linkNQuads(t, s) {
			if strings.Contains(q, string(ArticleIRI(id))+">") || (strings.Contains(q, string(ArticleIRI(id))+"/") && !strings.Contains(q, "ns#first>")) {
				t.Errorf("link quad names deleted %s: %s", id, q)
				break
			}
		}
		checkAccounted(t, s)
	}
	// The seed's hostage-deal claim keeps its two other reports.
	c, err := s.GetClaim(ctx, "claim/seed-gaza-diplomacy/s5")
	if err != nil || !slices.Equal(c.ArticleIDs, []string{"ar-diplomacy-1007b", "en-wire-1007"}) && !slices.Equal(c.ArticleIDs, []string{"en-wire-1007"}) {
		t.Logf("claim after deleting its first report = %+v, %v", c, err)
	}
	// Replacing an article relinks too: en-blog's 60,000 corrected to 68,000
	// now updates the 67,000 of en-wire instead of conflicting with it.
	blog := docByID(storyDocs(t), "en-blog-1010")
	blog.Extraction.Figures[0].Value = 68000
	mustPut(t, s, blog)
	got := sortedStrings(allLinks(t, s, LinkFilter{ArticleID: "en-blog-1010"}))
	if !slices.Contains(got, "FIGURE_UPDATES killed@gaza en-blog-1010/f1 -> en-wire-1007/f1") {
		t.Errorf("en-blog-1010 replaced: links %v; want its 68,000 to update en-wire's 67,000", got)
	}
	for _, l := range got {
		if strings.HasPrefix(l, "FIGURE_CONFLICTS") {
			t.Errorf("en-blog-1010 replaced: conflict %s", l)
		}
	}
	checkAccounted(t, s)
	wipe(t, s)
	if n := quadCount(t, s); n != 0 {
		t.Errorf("QuadCount after deleting every article = %d; want 0: %v", n, linkNQuads(t, s))
	}
}

func testClaimsAndMeasures(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	if _, err := s.PutArticles(ctx, storyDocs(t)); err != nil {
		t.Fatal(err)
	}
	c, err := s.GetClaim(ctx, "claim/seed-gaza-diplomacy/s5")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ar-ministry-toll-1007", "en-wire-1007", "seed-gaza-diplomacy"}; !slices.Equal(c.ArticleIDs, want) {
		t.Errorf("claim articles = %v; want %v", c.ArticleIDs, want)
	}
	if c.SpeakerID != "donald-trump" || c.FirstReported != "2025-10-07" || c.LastReported != "2025-10-07" || len(c.Statements) != 3 {
		t.Errorf("claim = %+v", c)
	}
	if !slices.ContainsFunc(c.Statements, func(st StoredStatement) bool {
		return st.ArticleID == "seed-gaza-diplomacy" && st.Content == "أن الاتفاق لإطلاق سراحهم على وشك الانتهاء"
	}) {
		t.Errorf("claim's statements = %+v; want the seed's", c.Statements)
	}
	if _, err := s.GetClaim(ctx, "claim/nope/s1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetClaim(nope) = %v; want ErrNotFound", err)
	}
	claimKeys := func(f ClaimFilter) []string {
		var keys []string
		p := Page{Limit: 1}
		for {
			got, next, err := s.ListClaims(ctx, f, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range got {
				keys = append(keys, c.Key)
			}
			if next == "" {
				return keys
			}
			p.After = next
		}
	}
	all := []string{"claim/ar-ministry-toll-1007/s1", "claim/ar-toll-rise-1013/s2", "claim/seed-gaza-diplomacy/s3", "claim/seed-gaza-diplomacy/s5"}
	if got := claimKeys(ClaimFilter{}); !slices.Equal(got, all) {
		t.Errorf("ListClaims() = %v; want %v", got, all)
	}
	for _, ref := range []string{"Trump", "ترامب", "donald-trump"} {
		want := []string{"claim/ar-toll-rise-1013/s2", "claim/seed-gaza-diplomacy/s3", "claim/seed-gaza-diplomacy/s5"}
		if got := claimKeys(ClaimFilter{Speaker: ref}); !slices.Equal(got, want) {
			t.Errorf("ListClaims(speaker %q) = %v; want %v", ref, got, want)
		}
	}
	if got := claimKeys(ClaimFilter{Speaker: "Biden"}); len(got) != 0 {
		t.Errorf("ListClaims(Biden) = %v", got)
	}

	m, err := s.TrackMeasure(ctx, "killed@gaza")
	if err != nil {
		t.Fatal(err)
	}
	var series []string
	for _, f := range m.Figures {
		series = append(series, fmt.Sprintf("%s/%s %v", f.ArticleID, f.ID, f.Value))
	}
	wantSeries := []string{"ar-ministry-toll-1007/f1 67000", "en-wire-1007/f1 67000", "seed-gaza-diplomacy/f1 12000",
		"en-blog-1010/f1 60000", "ar-toll-rise-1013/f1 67682", "en-hostages-freed-1013/f2 67600"}
	if !slices.Equal(series, wantSeries) {
		t.Errorf("TrackMeasure(killed@gaza) figures = %v; want %v", series, wantSeries)
	}
	var wantLinks []string
	for _, w := range wantStoryLinks {
		if strings.Contains(w, " killed@gaza ") {
			wantLinks = append(wantLinks, w)
		}
	}
	sort.Strings(wantLinks)
	if got := sortedStrings(m.Links); !slices.Equal(got, wantLinks) {
		t.Errorf("TrackMeasure(killed@gaza) links:\n%s", diffLines(got, wantLinks))
	}
	// Only ar-westbank-1008 counts the West Bank's dead: a series of one.
	if m, err := s.TrackMeasure(ctx, "killed@west-bank"); err != nil || len(m.Figures) != 1 || m.Figures[0].Value != 1000 || len(m.Links) != 0 {
		t.Errorf("TrackMeasure(killed@west-bank) = %+v, %v; want the one figure", m, err)
	}
	if _, err := s.TrackMeasure(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("TrackMeasure(nope) = %v; want ErrNotFound", err)
	}
	var keys []string
	p := Page{Limit: 3}
	for {
		got, next, err := s.ListMeasures(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, got...)
		if next == "" {
			break
		}
		p.After = next
	}
	wantKeys := []string{"hostages:released", "hostages:remaining", "hostages:taken", "injured@gaza",
		"killed:children@gaza", "killed@gaza", "killed@israel/2023-10-07", "killed@west-bank"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("ListMeasures = %v; want %v", keys, wantKeys)
	}
}

// The done-when: the seed and an article giving 67,000 killed give
// a conflict naming both articles and their sources.
func testSeedConflict(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	docs := storyDocs(t)
	seed := mustPut(t, s, docByID(docs, "seed-gaza-diplomacy"))[0]
	// Alone, an article is indexed for linking but has no link.
	if n, links := quadCount(t, s), linkQuadCount(t, s); n != seed.QuadCount+links {
		t.Errorf("one article: QuadCount %d, link quads %d; want %d more", n, links, seed.QuadCount)
	}
	if got := allLinks(t, s, LinkFilter{}); len(got) != 0 {
		t.Errorf("one article has links: %v", linkStrings(got))
	}
	mustPut(t, s, docByID(docs, "ar-ministry-toll-1007"))
	for _, measure := range []string{"killed@gaza", ""} {
		got, next, err := s.ListConflicts(ctx, measure, Page{})
		if err != nil || next != "" || len(got) != 1 {
			t.Fatalf("ListConflicts(%q) = %+v, %q, %v; want one", measure, got, next, err)
		}
		c := got[0]
		if c.Link.Kind != FigureConflicts || c.Link.Key != "killed@gaza" {
			t.Errorf("conflict link = %+v", c.Link)
		}
		if c.FromArticle.ID != "ar-ministry-toll-1007" || c.FromArticle.Publisher != "وكالة الساحل" ||
			c.From.Value != 67000 || c.From.SourceID != "gaza-health-ministry" {
			t.Errorf("conflict from = %+v, %+v", c.FromArticle.ArticleMeta, c.From)
		}
		if c.ToArticle.ID != "seed-gaza-diplomacy" || c.ToArticle.Publisher != "seed wire" || c.ToArticle.Published != "2025-10-07" ||
			c.To.Value != 12000 || c.To.Text != "نحو 12 ألف فلسطيني" {
			t.Errorf("conflict to = %+v, %+v", c.ToArticle.ArticleMeta, c.To)
		}
	}
	if got, _, err := s.ListConflicts(ctx, "hostages:taken", Page{}); err != nil || len(got) != 0 {
		t.Errorf("ListConflicts(hostages:taken) = %+v, %v; want none", got, err)
	}
}

// receive returns the changes that arrive on ch within a short wait after
// the last one.
func receive(t testing.TB, ch <-chan Change) (got []Change, closed bool) {
	t.Helper()
	for {
		select {
		case c, ok := <-ch:
			if !ok {
				return got, true
			}
			got = append(got, c)
		case <-time.After(200 * time.Millisecond):
			return got, false
		}
	}
}

func testSubscribe(t *testing.T, b backend) {
	s := b.open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	docs := storyDocs(t)
	mustPut(t, s, docByID(docs, "seed-gaza-diplomacy"))
	ch := s.Subscribe(ctx, 100)
	mustPut(t, s, docByID(docs, "ar-ministry-toll-1007"))
	got, closed := receive(t, ch)
	if closed {
		t.Fatal("subscription closed")
	}
	var kinds []string
	var conflict, claim bool
	for _, c := range got {
		kinds = append(kinds, c.Kind.String())
		if c.ArticleID != "ar-ministry-toll-1007" {
			t.Errorf("change %v caused by %q", c.Kind, c.ArticleID)
		}
		switch c.Kind {
		case StatementAdded:
			if c.Statement == nil || c.Statement.ArticleID != "ar-ministry-toll-1007" {
				t.Errorf("StatementAdded = %+v", c.Statement)
			}
		case ClaimUpdated:
			claim = c.Claim != nil && c.Claim.Key == "claim/seed-gaza-diplomacy/s5" && len(c.Claim.Statements) == 2
		case LinkAdded:
			if c.Link.Kind == FigureConflicts && c.Link.Key == "killed@gaza" && c.Link.To.ArticleID == "seed-gaza-diplomacy" {
				conflict = true
			}
		}
	}
	want := []string{"STATEMENT_ADDED", "STATEMENT_ADDED", "CLAIM_UPDATED", "LINK_ADDED", "LINK_ADDED"}
	if !slices.Equal(kinds, want) || !conflict || !claim {
		t.Errorf("changes = %v (conflict %v, claim %v); want %v with the conflict and the claim", kinds, conflict, claim, want)
	}
	// Rewriting the same article changes nothing, so nothing is sent.
	mustPut(t, s, docByID(docs, "ar-ministry-toll-1007"))
	if got, _ := receive(t, ch); len(got) != 0 {
		t.Errorf("rewrite sent %d changes", len(got))
	}
	// A subscriber that falls behind is dropped; writers never wait.
	slow := s.Subscribe(ctx, 1)
	mustPut(t, s, docByID(docs, "en-wire-1007"))
	if got, closed := receive(t, slow); !closed || len(got) > 1 {
		t.Errorf("slow subscriber got %d changes, closed %v; want at most 1, closed", len(got), closed)
	}
	if got, _ := receive(t, ch); len(got) == 0 {
		t.Error("no changes for en-wire-1007")
	}
	cancel()
	if _, closed := receive(t, ch); !closed {
		t.Error("subscription not closed when its context ended")
	}
}

// A small graph: Trump, his statements and the articles; two actors meet
// in an event.
func testNeighborhoodPaths(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	g, err := s.Neighborhood(ctx, "Trump", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]Node{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	trump := string(ActorIRI("donald-trump"))
	if g.Nodes[0].ID != trump || g.Nodes[0].Type != "Person" || g.Nodes[0].Label == "" {
		t.Errorf("first node = %+v; want Trump, a Person", g.Nodes[0])
	}
	for _, id := range []quad.IRI{StatementIRI("ar-1", "s6-40"), StatementIRI("en-1", "s13-37"), ArticleIRI("ar-1"), ArticleIRI("en-1")} {
		if _, ok := nodes[string(id)]; !ok {
			t.Errorf("Neighborhood(Trump) lacks %s", id)
		}
	}
	if n := nodes[string(StatementIRI("ar-1", "s6-40"))]; n.Type != "Statement" || n.Label != "أنه سيناقش الخطة" {
		t.Errorf("statement node = %+v", n)
	}
	if g.Truncated {
		t.Error("Truncated at depth 1")
	}
	hasEdge := func(g Subgraph, e Edge) bool { return slices.Contains(g.Edges, e) }
	if !hasEdge(g, Edge{string(StatementIRI("ar-1", "s6-40")), string(PredSpeaker), trump}) {
		t.Error("no speaker edge from the statement to Trump")
	}
	if !hasEdge(g, Edge{trump, string(PredName), "دونالد ترامب"}) {
		t.Error("no name attribute of Trump")
	}
	for _, e := range g.Edges {
		if e.Predicate == string(PredType) || e.Predicate == string(PredQuadList) || e.Predicate == string(PredArticleBody) || e.Predicate == string(PredNameWord) {
			t.Errorf("hidden edge %v", e)
		}
	}
	g2, err := s.Neighborhood(ctx, trump, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !hasEdge(g2, Edge{string(StatementIRI("ar-1", "s6-40")), string(PredDerivedFrom), string(ArticleIRI("ar-1"))}) || len(g2.Nodes) <= len(g.Nodes) {
		t.Errorf("depth 2: %d nodes (depth 1: %d), lacks statement → article", len(g2.Nodes), len(g.Nodes))
	}
	small, err := s.Neighborhood(ctx, "donald-trump", 2, 3)
	if err != nil || len(small.Nodes) != 3 || !small.Truncated {
		t.Errorf("Neighborhood limit 3 = %d nodes, truncated %v, %v", len(small.Nodes), small.Truncated, err)
	}
	if _, err := s.Neighborhood(ctx, Base+"actor/nobody", 1, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("Neighborhood(unknown IRI) = %v; want ErrNotFound", err)
	}
	if _, err := s.Neighborhood(ctx, "Biden", 1, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("Neighborhood(Biden) = %v; want ErrNotFound", err)
	}

	// Trump — statement — article.
	paths, err := s.FindPaths(ctx, "Trump", "ar-1", 0, 0)
	if err != nil || len(paths) == 0 {
		t.Fatalf("FindPaths(Trump, ar-1) = %v, %v", paths, err)
	}
	if len(paths[0].Edges) != 1 || paths[0].Edges[0] != (Edge{trump, string(PredMentionedIn), string(ArticleIRI("ar-1"))}) {
		t.Errorf("shortest path = %v; want Trump mentionedIn ar-1", paths[0])
	}
	via := Path{Edges: []Edge{
		{string(StatementIRI("ar-1", "s6-40")), string(PredSpeaker), trump},
		{string(StatementIRI("ar-1", "s6-40")), string(PredDerivedFrom), string(ArticleIRI("ar-1"))},
	}}
	if !slices.ContainsFunc(paths, func(p Path) bool { return slices.Equal(p.Edges, via.Edges) }) {
		t.Errorf("no path Trump ← statement → ar-1 in %v", paths)
	}
	for i := 1; i < len(paths); i++ {
		if len(paths[i].Edges) < len(paths[i-1].Edges) {
			t.Errorf("path %d is shorter than path %d", i, i-1)
		}
	}
	// Two actors through an event.
	paths, err = s.FindPaths(ctx, "Hamas", "إسرائيل", 2, 50)
	if err != nil {
		t.Fatal(err)
	}
	war := Path{Edges: []Edge{
		{string(EventIRI("ar-1", "e-war")), string(PredParticipant), string(ActorIRI("hamas"))},
		{string(EventIRI("ar-1", "e-war")), string(PredParticipant), string(ActorIRI("israel"))},
	}}
	if !slices.ContainsFunc(paths, func(p Path) bool { return slices.Equal(p.Edges, war.Edges) }) {
		t.Errorf("no path Hamas ← war → Israel in %v", paths)
	}
	for _, p := range paths {
		if len(p.Edges) != 2 {
			t.Errorf("path of %d edges with maxDepth 2: %v", len(p.Edges), p)
		}
	}
	if paths, err := s.FindPaths(ctx, "ar-1", "en-1", 1, 0); err != nil || len(paths) != 0 {
		t.Errorf("FindPaths(ar-1, en-1, depth 1) = %v, %v; want none", paths, err)
	}
	if _, err := s.FindPaths(ctx, "Biden", "ar-1", 0, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindPaths(Biden) = %v; want ErrNotFound", err)
	}
	// A measure's key, as ListMeasures gives it, names its node.
	keys, _, err := s.ListMeasures(ctx, Page{})
	if err != nil || len(keys) == 0 {
		t.Fatalf("ListMeasures = %v, %v", keys, err)
	}
	g, err = s.Neighborhood(ctx, keys[0], 1, 0)
	if err != nil || len(g.Nodes) == 0 || g.Nodes[0].ID != string(measureIRI(keys[0])) || g.Nodes[0].Type != "Measure" {
		t.Errorf("Neighborhood(%q) = %+v, %v; want the measure first", keys[0], g.Nodes, err)
	}
}
