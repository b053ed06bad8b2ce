package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/extract"
)

// backend opens stores of one kind for the conformance suite.
type backend struct {
	name string
	// open returns an empty store, closed when the test ends. Stores of
	// one backend may share their data (PostgreSQL): a test uses one.
	open func(t testing.TB) *Store
	// reopen closes s and opens the same data again; nil when the backend
	// does not persist.
	reopen func(t testing.TB, s *Store) *Store
	// concurrent runs the concurrency test (meant for -race on memory).
	concurrent bool
}

// runConformance runs the store's contract against one backend.
func runConformance(t *testing.T, b backend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, b backend)
	}{
		{"PutGet", testPutGet},
		{"RePutSameQuads", testRePut},
		{"Replace", testReplace},
		{"DeleteKeepsOthers", testDelete},
		{"ListArticlesPaging", testListArticles},
		{"PutArticlesBulk", testPutArticles},
		{"Invalid", testInvalid},
		{"Actors", testActors},
		{"StatementFilters", testStatementFilters},
		{"StatementPaging", testStatementPaging},
		{"Figures", testFigures},
		{"Events", testEvents},
		{"HostileIDs", testHostileIDs},
		{"Export", testExport},
		{"Query", testQuery},
		{"Reopen", testReopen},
		{"Concurrent", testConcurrent},
		{"StoryLinks", testStoryLinks},
		{"DeleteRelinks", testDeleteRelinks},
		{"ClaimsAndMeasures", testClaimsAndMeasures},
		{"SeedConflict", testSeedConflict},
		{"Subscribe", testSubscribe},
		{"NeighborhoodPaths", testNeighborhoodPaths},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, b) })
	}
}

func mustPut(t testing.TB, s *Store, docs ...Document) []ArticleInfo {
	t.Helper()
	var out []ArticleInfo
	for _, d := range docs {
		info, err := s.PutArticle(context.Background(), d)
		if err != nil {
			t.Fatalf("PutArticle(%q): %v", d.Meta.ID, err)
		}
		out = append(out, info)
	}
	return out
}

func quadCount(t testing.TB, s *Store) int64 {
	t.Helper()
	n, err := s.QuadCount(context.Background())
	if err != nil {
		t.Fatalf("QuadCount: %v", err)
	}
	return n - 1 // the schema version's quad
}

// linkQuads returns every quad under LinksLabel (a scan of the store).
func linkQuads(t testing.TB, s *Store) []quad.Quad {
	t.Helper()
	if err := s.rlock(); err != nil {
		t.Fatal(err)
	}
	defer s.runlock()
	ctx := context.Background()
	var out []quad.Quad
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		if q.Label == LinksLabel {
			out = append(out, q)
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// linkQuadCount returns the number of quads under LinksLabel.
func linkQuadCount(t testing.TB, s *Store) int64 {
	t.Helper()
	return int64(len(linkQuads(t, s)))
}

// checkAccounted checks that every quad in the store belongs to a stored
// article or to linking: the store's count is the sum of the articles'
// counts and the quads under LinksLabel.
func checkAccounted(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	sum := linkQuadCount(t, s)
	p := Page{Limit: 100}
	for {
		items, next, err := s.ListArticles(ctx, ArticleFilter{}, p)
		if err != nil {
			t.Fatalf("ListArticles: %v", err)
		}
		for _, a := range items {
			sum += a.QuadCount
		}
		if next == "" {
			break
		}
		p.After = next
	}
	if got := quadCount(t, s); got != sum {
		t.Errorf("QuadCount() = %d; articles account for %d", got, sum)
	}
}

func testPutGet(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	info := mustPut(t, s, docAR())[0]
	got, err := s.GetArticle(ctx, "ar-1")
	if err != nil {
		t.Fatalf("GetArticle: %v", err)
	}
	if !got.IngestTime.Equal(info.IngestTime) || got.IngestTime.Before(before) {
		t.Errorf("IngestTime = %v; want %v", got.IngestTime, info.IngestTime)
	}
	got.IngestTime, info.IngestTime = time.Time{}, time.Time{}
	if fmt.Sprint(got) != fmt.Sprint(info) {
		t.Errorf("GetArticle = %+v\nPutArticle = %+v", got, info)
	}
	want := ArticleMeta{ID: "ar-1", URL: "https://example.com/ar/1", Title: "ترامب وغزة", Publisher: "وكالة", Language: "ar", Published: "2025-10-07"}
	if got.ArticleMeta != want {
		t.Errorf("meta = %+v; want %+v", got.ArticleMeta, want)
	}
	if got.StatementCount != 2 || got.FigureCount != 1 || got.EventCount != 2 || got.ActorCount != 6 {
		t.Errorf("counts = %d %d %d %d; want 2 1 2 6", got.StatementCount, got.FigureCount, got.EventCount, got.ActorCount)
	}
	if len(got.ContentHash) != 64 {
		t.Errorf("ContentHash = %q", got.ContentHash)
	}
	if n := quadCount(t, s); n != got.QuadCount+linkQuadCount(t, s) || n < 50 {
		t.Errorf("QuadCount() = %d; article says %d, links %d", n, got.QuadCount, linkQuadCount(t, s))
	}
	if _, err := s.GetArticle(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetArticle(nope) = %v; want ErrNotFound", err)
	}
}

func testRePut(t *testing.T, b backend) {
	s := b.open(t)
	first := mustPut(t, s, docAR(), docEN())
	n := quadCount(t, s)
	again := mustPut(t, s, docEN(), docAR())
	if got := quadCount(t, s); got != n {
		t.Errorf("QuadCount after re-put = %d; want %d", got, n)
	}
	if first[0].QuadCount != again[1].QuadCount {
		t.Errorf("article quad count %d then %d", first[0].QuadCount, again[1].QuadCount)
	}
	checkAccounted(t, s)
}

func testReplace(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	fresh := quadCount(t, s)
	d := docAR()
	d.Extraction.Statements = d.Extraction.Statements[:1]
	d.Extraction.Statements[0].Content = "changed"
	d.Extraction.Figures = nil
	mustPut(t, s, d)
	sts, _, err := s.ListStatements(ctx, StatementFilter{ArticleID: "ar-1"}, Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 || sts[0].Content != "changed" {
		t.Errorf("statements after replace = %+v", sts)
	}
	figs, _, err := s.ListFigures(ctx, FigureFilter{ArticleID: "ar-1"}, Page{})
	if err != nil || len(figs) != 0 {
		t.Errorf("figures after replace = %v, %v; want none", figs, err)
	}
	checkAccounted(t, s)
	// Back to the original: the same count as a fresh write.
	mustPut(t, s, docAR())
	if got := quadCount(t, s); got != fresh {
		t.Errorf("QuadCount after replace and back = %d; first write gave %d", got, fresh)
	}
}

func testDelete(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	infos := mustPut(t, s, docAR())
	onlyAR := quadCount(t, s)
	mustPut(t, s, docEN())
	removed, err := s.DeleteArticle(ctx, "en-1")
	if err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	if got := quadCount(t, s); got != onlyAR {
		t.Errorf("QuadCount after delete = %d; want %d", got, onlyAR)
	}
	if removed <= 0 {
		t.Errorf("removed = %d", removed)
	}
	a, err := s.GetActor(ctx, "donald-trump")
	if err != nil {
		t.Fatalf("GetActor: %v", err)
	}
	if a.Name != "دونالد ترامب" || !slices.Equal(a.ArticleIDs, []string{"ar-1"}) || a.Kind != extract.KindPerson {
		t.Errorf("GetActor after delete = %+v", a)
	}
	if slices.Contains(a.Aliases, "Trump") {
		t.Errorf("alias only en-1 gave survived: %v", a.Aliases)
	}
	sts, _, _ := s.ListStatements(ctx, StatementFilter{Speaker: "Trump"}, Page{})
	if len(sts) != 1 || sts[0].ArticleID != "ar-1" {
		t.Errorf("statements by Trump after delete = %+v", sts)
	}
	if _, err := s.GetArticle(ctx, "en-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetArticle(deleted) = %v; want ErrNotFound", err)
	}
	if _, err := s.DeleteArticle(ctx, "en-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteArticle twice = %v; want ErrNotFound", err)
	}
	removed, err = s.DeleteArticle(ctx, "ar-1")
	if err != nil || removed != infos[0].QuadCount {
		t.Errorf("DeleteArticle(ar-1) = %d, %v; want %d", removed, err, infos[0].QuadCount)
	}
	if n := quadCount(t, s); n != 0 {
		t.Errorf("QuadCount of emptied store = %d", n)
	}
	if _, err := s.GetActor(ctx, "donald-trump"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetActor in empty store = %v; want ErrNotFound", err)
	}
}

func testListArticles(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	ids := []string{"b", "a", "e", "c", "d"}
	for i, id := range ids {
		lang := "en"
		if i%2 == 0 {
			lang = "ar"
		}
		mustPut(t, s, plainDoc(id, lang, "x"))
	}
	var got []string
	p := Page{Limit: 2}
	pages := 0
	for {
		items, next, err := s.ListArticles(ctx, ArticleFilter{}, p)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range items {
			got = append(got, a.ID)
		}
		if next == "" {
			break
		}
		if next != items[len(items)-1].ID {
			t.Errorf("next = %q; want last id %q", next, items[len(items)-1].ID)
		}
		p.After = next
	}
	if want := []string{"a", "b", "c", "d", "e"}; !slices.Equal(got, want) || pages != 3 {
		t.Errorf("paged ids = %v in %d pages; want %v in 3", got, pages, want)
	}
	items, next, err := s.ListArticles(ctx, ArticleFilter{Language: "ar"}, Page{})
	var ar []string
	for _, a := range items {
		ar = append(ar, a.ID)
	}
	if err != nil || next != "" || !slices.Equal(ar, []string{"b", "d", "e"}) {
		t.Errorf("ListArticles(ar) = %v, %q, %v; want [b d e]", ar, next, err)
	}
	items, next, _ = s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 5})
	if len(items) != 5 || next != "" {
		t.Errorf("exact page: %d items, next %q; want 5, \"\"", len(items), next)
	}
}

func testPutArticles(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	d2 := docAR()
	d2.Extraction.Statements = nil
	infos, err := s.PutArticles(ctx, []Document{docAR(), docEN(), d2})
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 3 || infos[2].StatementCount != 0 {
		t.Errorf("infos = %+v", infos)
	}
	sts, _, _ := s.ListStatements(ctx, StatementFilter{ArticleID: "ar-1"}, Page{})
	if len(sts) != 0 {
		t.Errorf("last document did not win: %d statements", len(sts))
	}
	checkAccounted(t, s)
	bulk := quadCount(t, s)
	wipe(t, s)
	mustPut(t, s, docEN(), d2)
	if got := quadCount(t, s); got != bulk {
		t.Errorf("bulk QuadCount = %d; one by one %d", bulk, got)
	}
}

func testInvalid(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docEN())
	n := quadCount(t, s)
	nul := docAR()
	nul.Meta.Title = "a\x00b"
	badUTF := docAR()
	badUTF.Extraction.Statements[0].Content = "\xff"
	dup := docAR()
	dup.Extraction.Statements[1].ID = dup.Extraction.Statements[0].ID
	noActorID := docAR()
	noActorID.Extraction.Actors[0].ID = ""
	badSpan := docAR()
	badSpan.Extraction.Figures[0].Span = extract.Span{Start: 5, End: 2}
	// NaN is not equal to itself, so a stored NaN quad could never be
	// matched again: re-putting the article would add a present quad.
	nan := docAR()
	nan.Extraction.Statements[0].Confidence = math.NaN()
	for name, d := range map[string]Document{
		"empty id": {}, "nul": nul, "utf8": badUTF, "dup": dup, "actor id": noActorID, "span": badSpan, "nan": nan,
	} {
		if _, err := s.PutArticles(ctx, []Document{docAR(), d}); !errors.Is(err, ErrInvalid) {
			t.Errorf("PutArticles(%s) = %v; want ErrInvalid", name, err)
		}
	}
	if got := quadCount(t, s); got != n {
		t.Errorf("QuadCount after refused writes = %d; want %d", got, n)
	}
	mustPut(t, s, docAR()) // the store still writes
	checkAccounted(t, s)
}

func testActors(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	a, err := s.GetActor(ctx, "donald-trump")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.ArticleIDs, []string{"ar-1", "en-1"}) {
		t.Errorf("ArticleIDs = %v", a.ArticleIDs)
	}
	for _, al := range []string{"Donald Trump", "Trump", "ترامب"} {
		if a.Name != al && !slices.Contains(a.Aliases, al) {
			t.Errorf("actor lacks name %q: %+v", al, a.Actor)
		}
	}
	if len(a.Roles) != 2 {
		t.Errorf("Roles = %+v; want 2", a.Roles)
	}
	for _, tc := range []struct {
		q    string
		kind extract.ActorKind
		want []string
	}{
		{"ترامب", 0, []string{"donald-trump"}},
		{"ترامب", extract.KindPlace, nil},
		{"trump", 0, []string{"donald-trump"}},
		{"دونالد ترامب", 0, []string{"donald-trump"}},
		{"الرئيس الامريكي", 0, []string{"donald-trump"}},
		{"hamas", extract.KindOrganization, []string{"hamas"}},
		{"حركه حماس", 0, []string{"hamas"}}, // ة folds to ه
		{"egypt", 0, []string{"egypt"}},
		{"ar-1#us-official", 0, []string{"ar-1#us-official"}},
		{"Biden", 0, nil},
		{"Trump Hamas", 0, nil},
	} {
		got, next, err := s.SearchActors(ctx, ActorFilter{Query: tc.q, Kind: tc.kind}, Page{})
		var ids []string
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if err != nil || next != "" || !slices.Equal(ids, tc.want) {
			t.Errorf("SearchActors(%q, %v) = %v, %q, %v; want %v", tc.q, tc.kind, ids, next, err, tc.want)
		}
	}
	var all []string
	p := Page{Limit: 4}
	for {
		got, next, err := s.SearchActors(ctx, ActorFilter{}, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range got {
			all = append(all, a.ID)
		}
		if next == "" {
			break
		}
		p.After = next
	}
	want := []string{"ar-1#us-official", "donald-trump", "egypt", "hamas", "israel", "steve-witkoff"}
	if !slices.Equal(all, want) {
		t.Errorf("all actors = %v; want %v", all, want)
	}
	if _, err := s.GetActor(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetActor(nobody) = %v; want ErrNotFound", err)
	}
}

func stmtKeys(sts []StoredStatement) []string {
	var out []string
	for _, s := range sts {
		out = append(out, s.ArticleID+"/"+s.ID)
	}
	return out
}

func testStatementFilters(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	for _, tc := range []struct {
		f    StatementFilter
		want []string
	}{
		{StatementFilter{}, []string{"ar-1/s41-99", "ar-1/s6-40", "en-1/s13-37", "en-1/s45-80"}},
		{StatementFilter{Speaker: "Trump"}, []string{"ar-1/s6-40", "en-1/s13-37"}},
		{StatementFilter{Speaker: "ترامب"}, []string{"ar-1/s6-40", "en-1/s13-37"}},
		{StatementFilter{Speaker: "دونالد ترامب"}, []string{"ar-1/s6-40", "en-1/s13-37"}},
		{StatementFilter{Speaker: "donald-trump"}, []string{"ar-1/s6-40", "en-1/s13-37"}},
		{StatementFilter{Speaker: "Trump", ArticleID: "en-1"}, []string{"en-1/s13-37"}},
		{StatementFilter{Speaker: "مسؤول امريكي"}, []string{"ar-1/s41-99"}},
		{StatementFilter{Speaker: "Biden"}, nil},
		{StatementFilter{Mentions: "Hamas"}, []string{"ar-1/s6-40"}},
		{StatementFilter{Mentions: "ويتكوف"}, []string{"ar-1/s41-99"}},
		{StatementFilter{Speaker: "Trump", Mentions: "حماس"}, []string{"ar-1/s6-40"}},
		{StatementFilter{ArticleID: "missing"}, nil},
	} {
		got, next, err := s.ListStatements(ctx, tc.f, Page{})
		if err != nil || next != "" || !slices.Equal(stmtKeys(got), tc.want) {
			t.Errorf("ListStatements(%+v) = %v, %q, %v; want %v", tc.f, stmtKeys(got), next, err, tc.want)
		}
	}
	got, _, _ := s.ListStatements(ctx, StatementFilter{ArticleID: "ar-1"}, Page{})
	want := docAR().Extraction.Statements
	slices.SortFunc(want, func(a, b extract.Statement) int { return strings.Compare(a.ID, b.ID) })
	for i := range want {
		w := want[i]
		slices.Sort(w.MentionIDs)
		g := got[i].Statement
		slices.Sort(g.MentionIDs)
		if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", w) {
			t.Errorf("statement round trip:\n got %+v\nwant %+v", g, w)
		}
	}
}

func testStatementPaging(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN(), plainDoc("a", "en", "x"), plainDoc("a-b", "en", "x"), plainDoc("a.b", "en", "x"))
	all, _, err := s.ListStatements(ctx, StatementFilter{}, Page{Limit: 100})
	if err != nil || len(all) != 7 {
		t.Fatalf("ListStatements = %d, %v; want 7", len(all), err)
	}
	for _, f := range []StatementFilter{{}, {Speaker: "x"}} {
		var paged []string
		p := Page{Limit: 2}
		for {
			got, next, err := s.ListStatements(ctx, f, p)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, stmtKeys(got)...)
			if next == "" {
				break
			}
			if next <= p.After {
				t.Fatalf("next %q does not advance past %q", next, p.After)
			}
			p.After = next
		}
		want := stmtKeys(all)
		if f.Speaker != "" {
			want = []string{"a-b/s1", "a.b/s1", "a/s1"}
			slices.Sort(want)
			slices.Sort(paged)
		}
		if !slices.Equal(paged, want) {
			t.Errorf("paged %+v = %v; want %v", f, paged, want)
		}
	}
}

func testFigures(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	got, _, err := s.ListFigures(ctx, FigureFilter{Measure: "killed"}, Page{})
	if err != nil || len(got) != 2 {
		t.Fatalf("ListFigures(killed) = %v, %v", got, err)
	}
	// Figures come back as given, keyed as extract.KeyFigures keys them.
	if w := keyedExtraction(docAR()).Figures[0]; fmt.Sprintf("%+v", got[0].Figure) != fmt.Sprintf("%+v", w) {
		t.Errorf("figure round trip:\n got %+v\nwant %+v", got[0].Figure, w)
	}
	if w := keyedExtraction(docEN()).Figures[0]; fmt.Sprintf("%+v", got[1].Figure) != fmt.Sprintf("%+v", w) {
		t.Errorf("figure round trip:\n got %+v\nwant %+v", got[1].Figure, w)
	}
	got, _, _ = s.ListFigures(ctx, FigureFilter{Source: "حماس"}, Page{})
	if len(got) != 1 || got[0].ArticleID != "en-1" {
		t.Errorf("ListFigures(source حماس) = %+v", got)
	}
	got, _, _ = s.ListFigures(ctx, FigureFilter{Measure: "injured"}, Page{})
	if len(got) != 0 {
		t.Errorf("ListFigures(injured) = %+v", got)
	}
}

func eventKeys(evs []StoredEvent) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.ArticleID+"/"+e.ID)
	}
	return out
}

func testEvents(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	for _, tc := range []struct {
		f    EventFilter
		want []string
	}{
		{EventFilter{}, []string{"ar-1/e-travel", "ar-1/e-war", "en-1/e-war"}},
		{EventFilter{Participant: "Witkoff"}, []string{"ar-1/e-travel"}},
		{EventFilter{Participant: "ستيف ويتكوف"}, []string{"ar-1/e-travel"}},
		{EventFilter{Participant: "Hamas"}, []string{"ar-1/e-war", "en-1/e-war"}},
		{EventFilter{Participant: "إسرائيل"}, []string{"ar-1/e-war"}},
		{EventFilter{Kind: "war"}, []string{"ar-1/e-war", "en-1/e-war"}},
		{EventFilter{DateFrom: "2023-10-07", DateTo: "2023-10-07"}, []string{"ar-1/e-war", "en-1/e-war"}},
		{EventFilter{DateFrom: "2023-10-08"}, []string{"ar-1/e-travel", "en-1/e-war"}},
		{EventFilter{DateTo: "2023-09"}, nil},
		{EventFilter{DateFrom: "2025"}, []string{"ar-1/e-travel"}},
		{EventFilter{DateFrom: "2025", Participant: "Hamas"}, nil},
		{EventFilter{ArticleID: "en-1", Kind: "war"}, []string{"en-1/e-war"}},
	} {
		got, next, err := s.ListEvents(ctx, tc.f, Page{})
		if err != nil || next != "" || !slices.Equal(eventKeys(got), tc.want) {
			t.Errorf("ListEvents(%+v) = %v, %q, %v; want %v", tc.f, eventKeys(got), next, err, tc.want)
		}
	}
	got, next, _ := s.ListEvents(ctx, EventFilter{DateFrom: "2023"}, Page{Limit: 1})
	if len(got) != 1 || next == "" {
		t.Fatalf("first page = %v, %q", eventKeys(got), next)
	}
	got2, next2, _ := s.ListEvents(ctx, EventFilter{DateFrom: "2023"}, Page{Limit: 2, After: next})
	if len(got2) != 2 || next2 != "" {
		t.Errorf("second page = %v, %q", eventKeys(got2), next2)
	}
	ev, _, _ := s.ListEvents(ctx, EventFilter{ArticleID: "ar-1", Kind: "travel"}, Page{})
	if w := docAR().Extraction.Events[0]; len(ev) != 1 || fmt.Sprintf("%+v", ev[0].Event) != fmt.Sprintf("%+v", w) {
		t.Errorf("event round trip:\n got %+v\nwant %+v", ev, w)
	}
}

var hostileIDs = []string{"a>b", `q"uote`, "new\nline", "nul\x00byte", "bidi\u202eevil\u2066", "a/b", "a", "a b", "%41", "<x>", "\\", "ت/ب", "\xff"}

func testHostileIDs(t *testing.T, b backend) {
	s := b.open(t)
	ctx := context.Background()
	for _, id := range hostileIDs {
		d := plainDoc(id, "en", "actor "+id)
		d.Meta.Title = "hostile"
		d.Text = "hostile text"
		d.Extraction.Statements[0].Content = "c"
		d.Extraction.Actors[0].ID = "act\x00" + id
		d.Extraction.Actors[0].Name = "Name"
		d.Extraction.Statements[0].SpeakerID = "act\x00" + id
		d.Extraction.Statements[0].ID = "s>" + id
		d.Extraction.Events[0].ParticipantIDs = []string{"act\x00" + id}
		mustPut(t, s, d)
	}
	for _, id := range hostileIDs {
		got, err := s.GetArticle(ctx, id)
		if err != nil || got.ID != id {
			t.Errorf("GetArticle(%q) = %q, %v", id, got.ID, err)
		}
		sts, _, err := s.ListStatements(ctx, StatementFilter{ArticleID: id}, Page{})
		if err != nil || len(sts) != 1 || sts[0].ID != "s>"+id || sts[0].ArticleID != id || sts[0].SpeakerID != "act\x00"+id {
			t.Errorf("ListStatements(%q) = %+v, %v", id, sts, err)
		}
		sts, _, err = s.ListStatements(ctx, StatementFilter{Speaker: "act\x00" + id}, Page{})
		if err != nil || len(sts) != 1 || sts[0].ArticleID != id {
			t.Errorf("ListStatements(speaker of %q) = %+v, %v", id, sts, err)
		}
		a, err := s.GetActor(ctx, "act\x00"+id)
		if err != nil || !slices.Equal(a.ArticleIDs, []string{id}) {
			t.Errorf("GetActor(act %q) = %+v, %v", id, a, err)
		}
	}
	items, _, _ := s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 100})
	if len(items) != len(hostileIDs) {
		t.Errorf("ListArticles = %d items; want %d", len(items), len(hostileIDs))
	}
	all, _, _ := s.ListStatements(ctx, StatementFilter{}, Page{Limit: 100})
	if len(all) != len(hostileIDs) {
		t.Errorf("ListStatements = %d items; want %d", len(all), len(hostileIDs))
	}
	checkExport(t, s, "")
	before, linksBefore := quadCount(t, s), linkQuadCount(t, s)
	removed, err := s.DeleteArticle(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := quadCount(t, s), before-removed-linksBefore+linkQuadCount(t, s); got != want {
		t.Errorf("QuadCount after delete = %d; want %d", got, want)
	}
	for _, id := range []string{"a/b", "a>b", "a b"} {
		if _, err := s.GetArticle(ctx, id); err != nil {
			t.Errorf("deleting %q hurt %q: %v", "a", id, err)
		}
	}
	checkAccounted(t, s)
}

// checkExport exports articleID ("" for all), parses it back and compares
// the count with the store's.
func checkExport(t testing.TB, s *Store, articleID string) []quad.Quad {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportQuads(context.Background(), articleID, &buf); err != nil {
		t.Fatalf("ExportQuads(%q): %v", articleID, err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, string(PredQuadList)) {
			continue // the list's own text is a string literal
		}
		if strings.Contains(line, "<xsd:") || strings.Contains(line, `"False"`) {
			t.Errorf("export of %q has a non-standard literal: %s", articleID, line)
			break
		}
	}
	r := nquads.NewReader(&buf, false)
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("export of %q does not parse: %v", articleID, err)
		}
		qs = append(qs, q)
	}
	var want int64
	if articleID == "" {
		want = quadCount(t, s) + 1 // and the schema version's
	} else {
		info, err := s.GetArticle(context.Background(), articleID)
		if err != nil {
			t.Fatal(err)
		}
		want = info.QuadCount
	}
	if int64(len(qs)) != want {
		t.Errorf("export of %q has %d quads; want %d", articleID, len(qs), want)
	}
	return qs
}

func testExport(t *testing.T, b backend) {
	s := b.open(t)
	mustPut(t, s, docAR(), docEN())
	qs := checkExport(t, s, "ar-1")
	for _, q := range qs {
		if q.Label != ArticleIRI("ar-1") {
			t.Fatalf("exported quad %v is not under the article's label", q)
		}
	}
	all := checkExport(t, s, "")
	en := checkExport(t, s, "en-1")
	if links := linkQuadCount(t, s); int64(len(all)) != int64(len(qs)+len(en))+links+1 {
		t.Errorf("export all = %d; articles %d + %d, links %d", len(all), len(qs), len(en), links)
	}
	if err := s.ExportQuads(context.Background(), "none", io.Discard); !errors.Is(err, ErrNotFound) {
		t.Errorf("ExportQuads(none) = %v; want ErrNotFound", err)
	}
}

func testQuery(t *testing.T, b backend) {
	s := b.open(t)
	mustPut(t, s, docAR(), docEN())
	ctx := context.Background()
	collect := func(lang, q string, limit int) ([]any, error) {
		var out []any
		err := s.Query(ctx, lang, q, limit, func(r any) error { out = append(out, r); return nil })
		return out, err
	}
	speakers := fmt.Sprintf(`g.V(%q).In(%q).All()`, "<"+string(ActorIRI("donald-trump"))+">", "<"+string(PredSpeaker)+">")
	got, err := collect("gizmo", speakers, 0)
	if err != nil || len(got) != 2 {
		t.Errorf("gizmo speakers = %v, %v; want 2 results", got, err)
	}
	got, err = collect("gizmo", fmt.Sprintf(`g.V().Has(%q, %q).All()`, "<"+string(PredType)+">", "<"+string(ClassStatement)+">"), 3)
	if err != nil || len(got) != 3 {
		t.Errorf("gizmo with limit 3 = %d results, %v", len(got), err)
	}
	mql := fmt.Sprintf(`[{"id": null, %q: %q}]`, "<"+string(PredType)+">", "<"+string(ClassStatement)+">")
	got, err = collect("mql", mql, 2)
	if err != nil || len(got) != 2 {
		t.Errorf("mql with limit 2 = %v, %v", got, err)
	}
	gql := fmt.Sprintf(`{ nodes(<%s>: <%s>) { id } }`, PredType, ClassStatement)
	got, err = collect("graphql", gql, 0)
	if err != nil || len(got) == 0 {
		t.Errorf("graphql = %v, %v", got, err)
	}
	for _, tc := range []struct{ lang, q string }{
		{"gizmo", "g.V(("},
		{"gizmo", "throw new Error('x')"},
		{"mql", `[{"id": `},
		{"graphql", "{ nodes( {"},
		{"sparql", "SELECT * WHERE {}"},
	} {
		if _, err := collect(tc.lang, tc.q, 0); !errors.Is(err, ErrBadQuery) {
			t.Errorf("Query(%s, %q) = %v; want ErrBadQuery", tc.lang, tc.q, err)
		}
	}
	stop := errors.New("stop")
	if err := s.Query(ctx, "gizmo", speakers, 0, func(any) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Query with failing fn = %v; want its error", err)
	}
	dctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	err = s.Query(dctx, "gizmo", "while(true){}", 0, func(any) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("endless gizmo = %v; want DeadlineExceeded", err)
	}
	// The store is still usable, and writable, after the timed-out query.
	if n := quadCount(t, s); n == 0 {
		t.Error("empty store after query")
	}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if _, err := s.DeleteArticle(wctx, "en-1"); err != nil {
		t.Errorf("write after timed-out query: %v", err)
	}
}

func testReopen(t *testing.T, b backend) {
	if b.reopen == nil {
		t.Skipf("%s does not persist", b.name)
	}
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR(), docEN())
	n := quadCount(t, s)
	// A crash between a write and the deletion of its ballast leaves the
	// ballast; reopening deletes it.
	left := ballast([]cgraph.Delta{
		{Action: cgraph.Delete, Quad: quad.Make(ArticleIRI("ar-1"), PredHeadline, "gone", ArticleIRI("ar-1"))},
		{Action: cgraph.Delete, Quad: quad.Make(ArticleIRI("ar-1"), PredURL, "gone", ArticleIRI("ar-1"))},
		{Action: cgraph.Add, Quad: quad.Make(ArticleIRI("ar-1"), PredText, "new", ArticleIRI("ar-1"))},
	})
	if len(left) != 2 {
		t.Fatalf("ballast for an article node losing two quads and gaining one = %d quads; want 2", len(left))
	}
	if err := s.writer().ApplyDeltas(left, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	s = b.reopen(t, s)
	if got := quadCount(t, s); got != n {
		t.Errorf("QuadCount after reopen = %d; want %d (ballast left)", got, n)
	}
	sts, _, err := s.ListStatements(ctx, StatementFilter{Speaker: "ترامب"}, Page{})
	if err != nil || len(sts) != 2 {
		t.Errorf("statements after reopen = %v, %v", sts, err)
	}
	mustPut(t, s, docAR())
	if _, err := s.DeleteArticle(ctx, "en-1"); err != nil {
		t.Fatal(err)
	}
	checkAccounted(t, s)
}

func testConcurrent(t *testing.T, b backend) {
	if !b.concurrent {
		t.Skipf("concurrency is exercised on memory")
	}
	s := b.open(t)
	ctx := context.Background()
	mustPut(t, s, docAR())
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				id := fmt.Sprintf("w%d-%d", w, i%5)
				if _, err := s.PutArticle(ctx, plainDoc(id, "en", "x")); err != nil {
					errs <- err
					return
				}
				if i%3 == 2 {
					if _, err := s.DeleteArticle(ctx, id); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, _, err := s.ListStatements(ctx, StatementFilter{Speaker: "x"}, Page{}); err != nil {
					errs <- err
					return
				}
				if _, err := s.GetArticle(ctx, "ar-1"); err != nil {
					errs <- err
					return
				}
				if err := s.Query(ctx, "gizmo", "g.V().Limit(5).All()", 0, func(any) error { return nil }); err != nil {
					errs <- err
					return
				}
				if err := s.ExportQuads(ctx, "", io.Discard); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkAccounted(t, s)
}
