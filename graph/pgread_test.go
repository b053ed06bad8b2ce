package graph

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestPostgresReadsMatchCayley checks the set-wise SQL reads (pgread.go)
// against Cayley's own QuadStore API on the same PostgreSQL tables: the
// same quads, with every kind of value decoded alike.
func TestPostgresReadsMatchCayley(t *testing.T) {
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	mustPut(t, s, docAR(), docEN())
	ctx := context.Background()

	subj := quad.IRI("https://example.org/values")
	label := quad.IRI("https://example.org/values-label")
	when := time.Date(2024, 2, 29, 13, 14, 15, 0, time.UTC)
	objects := []quad.Value{
		quad.String("plain"),
		quad.String("with\x00nul"),
		quad.LangString{Value: "مرحبا", Lang: "ar"},
		quad.TypedString{Value: "2023-10", Type: "http://www.w3.org/2001/XMLSchema#gYearMonth"},
		quad.IRI("https://example.org/other"),
		quad.BNode("b1"),
		quad.Int(-42),
		quad.Float(2.5),
		quad.Bool(true),
		quad.Bool(false),
		quad.Time(when),
	}
	var deltas []cgraph.Delta
	for i, o := range objects {
		p := quad.IRI(fmt.Sprintf("https://example.org/p%d", i))
		deltas = append(deltas,
			cgraph.Delta{Quad: quad.Make(subj, p, o, label), Action: cgraph.Add},
			cgraph.Delta{Quad: quad.Make(subj, p, o, nil), Action: cgraph.Add}, // no label
		)
	}
	if err := s.writer().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}

	// cayley returns the quads Cayley's API reads with v in direction d.
	cayley := func(d quad.Direction, v quad.Value) []string {
		ref, err := s.qs.ValueOf(v)
		if err != nil {
			t.Fatal(err)
		}
		it := s.qs.QuadIterator(d, ref).Iterate()
		defer it.Close()
		var out []string
		for it.Next(ctx) {
			q, err := s.qs.Quad(it.Result())
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, quadKey(q))
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	sqlQuads := func(d quad.Direction, v quad.Value) []string {
		var out []string
		err := s.pg.eachQuad(ctx, d, v, "", func(q quad.Quad) bool {
			out = append(out, quadKey(q))
			return true
		})
		if err != nil {
			t.Fatalf("eachQuad(%v, %v): %v", d, v, err)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		d quad.Direction
		v quad.Value
	}{
		{quad.Subject, subj},
		{quad.Object, quad.IRI("https://example.org/other")},
		{quad.Object, quad.Time(when)},
		{quad.Object, quad.String("with\x00nul")},
		{quad.Subject, ArticleIRI("ar-1")},
		{quad.Object, ActorIRI("donald-trump")},
		{quad.Label, ArticleIRI("en-1")},
	} {
		want, got := cayley(c.d, c.v), sqlQuads(c.d, c.v)
		if len(want) == 0 {
			t.Fatalf("no quads with %v as %v: a bad case", c.v, c.d)
		}
		if !slices.Equal(got, want) {
			t.Errorf("eachQuad(%v, %v) =\n%s\nwant (Cayley's)\n%s", c.d, c.v, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}

	// eachLink, eachOf and facts against eachQuad, which matches Cayley.
	var gotLinks, wantLinks []string
	err := s.pg.eachLink(ctx, quad.Subject, subj, func(p quad.IRI) bool { return p != "https://example.org/p0" }, func(p quad.IRI, o quad.Value) {
		gotLinks = append(gotLinks, fmt.Sprintf("%v %#v", p, o))
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[quad.Value]int{}
	err = s.pg.eachQuad(ctx, quad.Subject, subj, "", func(q quad.Quad) bool {
		if q.Predicate != quad.IRI("https://example.org/p0") {
			wantLinks = append(wantLinks, fmt.Sprintf("%v %#v", q.Predicate, q.Object))
		}
		if q.Predicate == quad.IRI("https://example.org/p4") {
			counts[q.Object]++
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(gotLinks)
	slices.Sort(wantLinks)
	if len(wantLinks) != 2*(len(objects)-1) || !slices.Equal(gotLinks, wantLinks) {
		t.Errorf("eachLink = %q; want %q", gotLinks, wantLinks)
	}
	gotOf := map[quad.Value]int{}
	if err := s.pg.eachOf(ctx, quad.Subject, subj, "https://example.org/p4", func(o quad.Value, n int) { gotOf[o] += n }); err != nil {
		t.Fatal(err)
	}
	if len(gotOf) != 1 || gotOf[quad.IRI("https://example.org/other")] != 2 {
		t.Errorf("eachOf(p4) = %v; want %v", gotOf, counts)
	}
	fc, err := s.readFactsLocked(ctx, subj, []quad.IRI{"https://example.org/p6", "https://example.org/p9", "https://example.org/none"})
	if err != nil {
		t.Fatal(err)
	}
	if fc["https://example.org/p6"][quad.Int(-42)] != 2 || fc["https://example.org/p9"][quad.Bool(false)] != 2 || len(fc["https://example.org/none"]) != 0 {
		t.Errorf("readFactsLocked = %v; want p6 -42 twice, p9 false twice, none empty", fc)
	}
}

// TestPostgresExportPages checks that the whole-store export on
// PostgreSQL, read in pages, gives every quad once whatever the page size.
func TestPostgresExportPages(t *testing.T) {
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	mustPut(t, s, docAR(), docEN())
	export := func() []string {
		var buf bytes.Buffer
		if err := s.ExportQuads(context.Background(), "", &buf); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		slices.Sort(lines)
		return lines
	}
	whole := export()
	if n := int64(len(whole)); n != quadCount(t, s)+1 { // and the schema version's
		t.Fatalf("export has %d quads; want %d", n, quadCount(t, s)+1)
	}
	defer func(n int) { pgExportPage = n }(pgExportPage)
	for _, n := range []int{1, 7, len(whole), len(whole) + 1} {
		pgExportPage = n
		if got := export(); !slices.Equal(got, whole) {
			t.Errorf("export in pages of %d: %d quads, differs from one page's %d", n, len(got), len(whole))
		}
	}
}

// quadKey spells q with the Go type of each of its values, so that
// quad.Int(1) and quad.Float(1) differ.
func quadKey(q quad.Quad) string {
	var b strings.Builder
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		fmt.Fprintf(&b, "%T(%q) ", v, quad.StringOf(v))
	}
	return b.String()
}

// TestPostgresReadAhead checks that the facts read ahead (readahead.go)
// answer the read chokepoints as the database does, and without a round
// trip: the reads after the read-ahead run on a cancelled context, which
// any query would fail on.
func TestPostgresReadAhead(t *testing.T) {
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	mustPut(t, s, docAR(), docEN())
	ctx := context.Background()
	if err := s.rlock(); err != nil {
		t.Fatal(err)
	}
	defer s.runlock()

	var nodes []quad.IRI // articles, their items, the actors they name
	for _, id := range []string{"ar-1", "en-1"} {
		nodes = append(nodes, ArticleIRI(id))
		items, err := s.subjectsLocked(ctx, ArticleIRI(id), PredDerivedFrom)
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, slices.Sorted(maps.Keys(items))...)
	}
	actors, err := s.subjectsLocked(ctx, ClassActor, PredType)
	if err != nil {
		t.Fatal(err)
	}
	nodes = append(nodes, slices.Sorted(maps.Keys(actors))...)
	if len(actors) == 0 || len(nodes) < 10 {
		t.Fatalf("%d nodes, %d actors: a bad case", len(nodes), len(actors))
	}

	// propsKey returns p with each predicate's values sorted, after its
	// first value: Cayley's API gives no order among a node's quads.
	propsKey := func(p props) string {
		var lines []string
		for pred, vs := range p {
			sorted := make([]string, len(vs))
			for i, v := range vs {
				sorted[i] = fmt.Sprintf("%#v", v)
			}
			slices.Sort(sorted)
			lines = append(lines, fmt.Sprintf("%s first %#v: %s", pred, vs[0], strings.Join(sorted, " ")))
		}
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	type read struct {
		all, small string // propsLocked with and without bigPreds
		facts      factCounts
		typed      []quad.Value // eachOfLocked of PredType
		derived    map[quad.IRI]bool
	}
	readAll := func(ctx context.Context, n quad.IRI, withBig bool) (read, error) {
		var r read
		if withBig {
			p, err := s.propsLocked(ctx, n)
			if err != nil {
				return r, err
			}
			r.all = propsKey(p)
		}
		p, err := s.propsLocked(ctx, n, PredArticleBody, PredQuadList)
		if err != nil {
			return r, err
		}
		r.small = propsKey(p)
		if r.facts, err = s.readFactsLocked(ctx, n, actorPreds); err != nil {
			return r, err
		}
		if r.typed, err = s.objectsLocked(ctx, n, PredType); err != nil {
			return r, err
		}
		r.derived, err = s.subjectsLocked(ctx, n, PredDerivedFrom)
		return r, err
	}
	var roles []quad.IRI // read ahead by following PredRole
	for a := range actors {
		rs, err := s.objectsLocked(ctx, a, PredRole)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			roles = append(roles, r.(quad.IRI))
		}
	}
	if len(roles) == 0 {
		t.Fatal("no roles: a bad case")
	}
	want := map[quad.IRI]read{}
	for _, n := range append(slices.Clone(nodes), roles...) {
		r, err := readAll(ctx, n, true)
		if err != nil {
			t.Fatal(err)
		}
		want[n] = r
	}

	actx, err := s.readAheadLocked(ctx, nodes, nil, PredRole)
	if err == nil {
		actx, err = s.subjectsAheadLocked(actx, PredDerivedFrom, valuesOf(append(slices.Clone(nodes), roles...)))
	}
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(actx)
	cancel()
	for _, n := range append(slices.Clone(nodes), roles...) {
		_, article := parseArticleIRI(n)
		got, err := readAll(cancelled, n, !article) // an article's text is not read ahead
		if err != nil {
			t.Errorf("%s: read after the read-ahead made a query: %v", n, err)
			continue
		}
		w := want[n]
		if article {
			w.all = ""
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s read ahead:\n%+v\nwant\n%+v", n, got, w)
		}
	}
	// Subjects of a literal (an actor's name word).
	wantWord, err := s.subjectsLocked(ctx, quad.String("trump"), PredNameWord)
	if err != nil || len(wantWord) == 0 {
		t.Fatalf("subjects of name word trump = %v, %v; want some", wantWord, err)
	}
	wctx, err := s.subjectsAheadLocked(ctx, PredNameWord, []quad.Value{quad.String("trump")})
	if err != nil {
		t.Fatal(err)
	}
	wcancelled, wcancel := context.WithCancel(wctx)
	wcancel()
	if got, err := s.subjectsLocked(wcancelled, quad.String("trump"), PredNameWord); err != nil || !maps.Equal(got, wantWord) {
		t.Errorf("subjects of name word trump read ahead = %v, %v; want %v", got, err, wantWord)
	}
	// An article's text is read from the database, not from the cache.
	if _, err := s.propsLocked(cancelled, ArticleIRI("ar-1")); err == nil {
		t.Error("propsLocked(article, with its text) after the read-ahead made no query")
	}
}

// TestPGValues checks the node value cache: values are found by hash
// across a generation's turn, the oldest generation is dropped, and a
// long value is never kept.
func TestPGValues(t *testing.T) {
	c := newPGValues()
	key := func(i int) string { return fmt.Sprint("h", i) }
	c.put("long", quad.String(strings.Repeat("x", pgValueMaxLen+1)))
	if _, ok := c.get("long"); ok {
		t.Error("a long value was cached")
	}
	for i := range pgValuesMax {
		c.put(key(i), quad.Int(i))
	}
	c.put(key(pgValuesMax), quad.Int(pgValuesMax)) // turns a generation
	if v, ok := c.get(key(0)); !ok || v != quad.Int(0) {
		t.Errorf("get(%s) = %v, %v after a turn; want 0, true", key(0), v, ok)
	}
	for i := pgValuesMax + 1; i < 3*pgValuesMax; i++ { // two more turns
		c.put(key(i), quad.Int(i))
	}
	if _, ok := c.get(key(1)); ok {
		t.Errorf("get(%s) found a value two turns old", key(1))
	}
	if v, ok := c.get(key(3*pgValuesMax - 1)); !ok || v != quad.Int(3*pgValuesMax-1) {
		t.Errorf("get(last) = %v, %v", v, ok)
	}
}
