package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// pgRows returns the rows of Cayley's tables in the database conn names,
// each as text, sorted: every column of nodes, and the four hashes of
// quads with their place in the order they were written (not the horizon
// or time a write gave them).
func pgRows(t testing.TB, conn string) []string {
	t.Helper()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, q := range []string{
		`SELECT 'node ' || n::text FROM nodes n`,
		`SELECT 'quad ' || row_number() OVER (ORDER BY horizon) || ' ' || row(subject_hash, predicate_hash, object_hash, label_hash)::text FROM quads`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	slices.Sort(out)
	return out
}

// TestPostgresWritesAsCayley applies the same writes through Cayley's own
// postgres flavour and through pgDB.apply, each into an empty database,
// and checks that both leave the same rows after each: values of every
// kind, quads with and without a label, nodes that lose their last quad
// or keep some, a node a write both adds and removes, and a write that
// deletes a quad that is not stored (it fails on both, changing nothing).
func TestPostgresWritesAsCayley(t *testing.T) {
	ctx := context.Background()
	cayleyConn, oursConn := pgScratch(t), pgScratch(t)
	if err := cgraph.InitQuadStore("postgres", cayleyConn, nil); err != nil {
		t.Fatal(err)
	}
	cqs, err := cgraph.NewQuadStore("postgres", cayleyConn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cqs.Close()
	pg, done, err := preparePostgres(ctx, oursConn)
	if err != nil {
		t.Fatal(err)
	}
	done(true)
	defer pg.close()

	art, other := quad.IRI("https://example.org/a"), quad.IRI("https://example.org/b")
	q := func(s, p quad.Value, o quad.Value, l quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: l}
	}
	name := quad.IRI("http://schema.org/name")
	when := time.Date(2025, 10, 7, 12, 30, 0, 0, time.UTC)
	first := []quad.Quad{
		q(art, name, quad.String("Gaza talks"), art),
		q(art, name, quad.LangString{Value: "محادثات غزة", Lang: "ar"}, art),
		q(art, quad.IRI("ex:count"), quad.Int(67000), art),
		q(art, quad.IRI("ex:share"), quad.Float(0.25), art),
		q(art, quad.IRI("ex:approx"), quad.Bool(true), art),
		q(art, quad.IRI("ex:at"), quad.Time(when), art),
		q(art, quad.IRI("ex:day"), quad.TypedString{Value: "2025-10-07", Type: "http://www.w3.org/2001/XMLSchema#date"}, art),
		q(art, quad.IRI("ex:blank"), quad.BNode("b1"), art),
		q(art, quad.IRI("ex:mentions"), other, art),
		q(other, name, quad.String("Gaza talks"), other), // a value two quads share
		q(other, name, quad.String("unlabelled"), nil),
		q(other, quad.IRI("ex:mentions"), art, nil),
	}
	adds := func(qs ...quad.Quad) []cgraph.Delta {
		var out []cgraph.Delta
		for _, x := range qs {
			out = append(out, cgraph.Delta{Quad: x, Action: cgraph.Add})
		}
		return out
	}
	dels := func(qs ...quad.Quad) []cgraph.Delta {
		out := adds(qs...)
		for i := range out {
			out[i].Action = cgraph.Delete
		}
		return out
	}
	writes := []struct {
		name    string
		deltas  []cgraph.Delta
		wantErr error
	}{
		{"add", adds(first...), nil},
		{"replace", append(dels(first[0], first[2], first[3], first[10], first[11]),
			adds(q(art, name, quad.String("Gaza talks, day two"), art), q(art, quad.IRI("ex:count"), quad.Int(67001), art))...), nil},
		{"missing", dels(q(art, name, quad.String("never written"), art)), cgraph.ErrQuadNotExist},
		{"missing, unlabelled", append(adds(q(art, name, quad.String("new"), art)), dels(first[11])...), cgraph.ErrQuadNotExist},
		// ex:approx and true leave with one quad and come back with another.
		{"net zero", append(dels(first[4]), adds(q(other, quad.IRI("ex:approx"), quad.Bool(true), other))...), nil},
		{"delete all", dels(append(slices.Clone(first[5:10]),
			first[1],
			q(art, name, quad.String("Gaza talks, day two"), art), q(art, quad.IRI("ex:count"), quad.Int(67001), art),
			q(other, quad.IRI("ex:approx"), quad.Bool(true), other))...), nil},
	}
	for _, w := range writes {
		cerr := cqs.ApplyDeltas(w.deltas, cgraph.IgnoreOpts{})
		oerr := pg.apply(ctx, w.deltas)
		for _, e := range []struct {
			who string
			err error
		}{{"Cayley", cerr}, {"apply", oerr}} {
			if w.wantErr == nil && e.err != nil || w.wantErr != nil && !errors.Is(e.err, w.wantErr) {
				t.Errorf("%s: %s: error %v; want %v", w.name, e.who, e.err, w.wantErr)
			}
		}
		got, want := pgRows(t, oursConn), pgRows(t, cayleyConn)
		if !slices.Equal(got, want) {
			t.Errorf("%s: rows differ from Cayley's:\n%s", w.name, diffLines(got, want))
		}
		if len(want) == 0 && w.name != "delete all" {
			t.Errorf("%s: no rows", w.name)
		}
	}
	if rows := pgRows(t, oursConn); len(rows) != 0 {
		t.Errorf("after deleting every quad, rows left:\n%s", strings.Join(rows, "\n"))
	}
}

// TestPostgresAnalyzesAsItFills checks that a store filling a new
// database runs ANALYZE on Cayley's tables itself, not waiting for
// autovacuum: a write of more than pgAnalyzeMin quads starts one.
func TestPostgresAnalyzesAsItFills(t *testing.T) {
	conn := pgScratch(t)
	s := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	var docs []Document
	for i := range 40 {
		docs = append(docs, linkedBenchDoc(i, 0))
	}
	if _, err := s.PutArticles(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.QuadCount(context.Background()); q < pgAnalyzeMin {
		t.Fatalf("%d quads written; want more than %d", q, pgAnalyzeMin)
	}
	s.pg.bg.Wait() // Close would cancel it
	s.Close()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"quads", "nodes"} {
		var n int
		if err := db.QueryRow(`SELECT analyze_count FROM pg_stat_user_tables WHERE relname = $1`, table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%s: analyze_count = 0 after the store wrote to it; want an ANALYZE", table)
		}
	}
}

// TestSomeSubjectsOf checks that tx.someSubjectsOf, which reads the
// subjects of many objects at once on PostgreSQL, gives what
// tx.someSubjects gives for each: with quads this tx adds first, quads it
// removes left out, other labels and predicates ignored, and an object
// with more stored quads than the batched read takes; and that
// firstSubjects, which then reads from what was read ahead, gives what
// it gives without.
func TestSomeSubjectsOf(t *testing.T) {
	ctx := context.Background()
	pred, label := quad.IRI("ex:band"), LinksLabel
	objs := []quad.Value{quad.String("many"), quad.String("few"), quad.String("none"), quad.String("removed")}
	subj := func(o, i int) quad.IRI { return quad.IRI(fmt.Sprintf("ex:s/%d/%02d", o, i)) }
	var stored []cgraph.Delta
	for o, n := range []int{20, 2, 0, 9} {
		for i := range n {
			stored = append(stored, cgraph.Delta{Action: cgraph.Add, Quad: quad.Quad{Subject: subj(o, i), Predicate: pred, Object: objs[o], Label: label}})
		}
	}
	noise := []quad.Quad{
		{Subject: subj(1, 50), Predicate: pred, Object: objs[1], Label: quad.IRI("ex:other-label")},
		{Subject: subj(1, 51), Predicate: quad.IRI("ex:other"), Object: objs[1], Label: label},
	}
	for _, q := range noise {
		stored = append(stored, cgraph.Delta{Action: cgraph.Add, Quad: q})
	}
	for _, be := range []struct {
		name string
		cfg  func(testing.TB) Config // skips a subtest whose backend is absent
	}{
		{"memory", func(testing.TB) Config { return Config{Backend: BackendMemory} }},
		{"postgres", func(t testing.TB) Config { return Config{Backend: BackendPostgres, Path: pgScratch(t)} }},
	} {
		t.Run(be.name, func(t *testing.T) {
			s := openTest(t, be.cfg(t))
			err := s.write(ctx, func() error {
				if err := s.applyLocked(ctx, stored); err != nil {
					return err
				}
				build := func() *tx {
					tx := newTx(ctx, s)
					tx.add(quad.Quad{Subject: subj(1, 90), Predicate: pred, Object: objs[1], Label: label})
					tx.add(quad.Quad{Subject: subj(2, 90), Predicate: pred, Object: objs[2], Label: label})
					for i := range 8 { // all but one of the first 2*limit
						tx.remove(quad.Quad{Subject: subj(3, i), Predicate: pred, Object: objs[3], Label: label})
					}
					return tx
				}
				for _, limit := range []int{1, 2, 4, 8} {
					read, alone := build(), build() // alone reads nothing ahead
					got, err := read.someSubjectsOf(objs, pred, label, limit)
					if err != nil {
						return err
					}
					for i, o := range objs {
						want, err := alone.someSubjects(o, pred, label, limit)
						if err != nil {
							return err
						}
						if !slices.Equal(got[i], want) {
							t.Errorf("limit %d: someSubjectsOf(%v) = %v; someSubjects gives %v", limit, o, got[i], want)
						}
						if len(want) == 0 && i != 2 {
							t.Errorf("limit %d: someSubjects(%v) is empty", limit, o)
						}
						// firstSubjects after someSubjectsOf read ahead, skipping one.
						for _, skip := range []quad.IRI{subj(0, 0), subj(1, 1), subj(3, 8)} {
							got, err := read.firstSubjects(o, pred, label, skip, limit)
							if err != nil {
								return err
							}
							want, err := alone.firstSubjects(o, pred, label, skip, limit)
							if err != nil {
								return err
							}
							if !slices.Equal(got, want) {
								t.Errorf("limit %d: firstSubjects(%v, skip %v) = %v read ahead, %v alone", limit, o, skip, got, want)
							}
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestOldQuadsBatched checks that oldQuadsLocked, which reads the stored
// versions of many articles at once on PostgreSQL, gives for each what
// articleQuadsLocked gives: quad lists, the articles' own quads and their
// items', in the same order; nothing for an article not stored.
func TestOldQuadsBatched(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	docs := []Document{docAR(), docEN()}
	for i := range 6 {
		docs = append(docs, linkedBenchDoc(i, 0))
	}
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	var built []*articleQuads
	for _, d := range append(docs, linkedBenchDoc(99, 0), docAR()) { // one not stored, one twice
		aq, err := buildArticle(d, now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		built = append(built, aq)
	}
	err := s.write(ctx, func() error {
		got, err := s.oldQuadsLocked(ctx, built)
		if err != nil {
			return err
		}
		if len(got) != len(built)-1 {
			t.Errorf("oldQuadsLocked gave %d articles; want %d", len(got), len(built)-1)
		}
		for _, aq := range built {
			want, err := s.articleQuadsLocked(ctx, aq.label)
			if err != nil {
				return err
			}
			if !slices.Equal(got[aq.label], want) {
				t.Errorf("%s: oldQuadsLocked gave %d quads; articleQuadsLocked %d:\n%s", aq.label, len(got[aq.label]), len(want),
					diffLines(quadStrings(got[aq.label]), quadStrings(want)))
			}
			if len(want) == 0 && aq.label != ArticleIRI(linkedBenchDoc(99, 0).Meta.ID) {
				t.Errorf("%s: stored, but articleQuadsLocked found no quads", aq.label)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func quadStrings(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	return out
}
