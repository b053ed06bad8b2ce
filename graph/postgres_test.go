package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/claimgraph/claimgraph/internal/pgtest"
)

var pgNoIndexes = flag.Bool("graph.pgnoindexes", false, "BenchmarkDeleteArticlePostgres without the indexes claimgraph adds (to measure them)")

// pgScratch returns a new, empty database (see pgtest.Scratch).
func pgScratch(t testing.TB) string {
	t.Helper()
	return pgtest.Scratch(t, "claimgraph_scratch")
}

// pgIndexNames returns the names of the indexes on table in the database
// conn names.
func pgIndexNames(t testing.TB, conn, table string) map[string]bool {
	t.Helper()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT indexname FROM pg_indexes WHERE tablename = $1`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPostgresIndexes(t *testing.T) {
	conn := pgScratch(t)
	cfg := Config{Backend: BackendPostgres, Path: conn}
	for i := range 2 { // the second open finds them there
		s := openTest(t, cfg)
		if got := pgIndexNames(t, conn, "quads"); !got["claimgraph_label_index"] || !got["spo_index"] {
			t.Errorf("open %d: indexes on quads = %v; want claimgraph_label_index beside Cayley's", i+1, got)
		}
		if _, err := s.PutArticle(context.Background(), docAR()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteArticle(context.Background(), docAR().Meta.ID); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

// TestPostgresOpenTogether opens several stores at once on an empty
// database: each creates the tables if no other has, and all succeed.
func TestPostgresOpenTogether(t *testing.T) {
	for round := range 3 {
		conn := pgScratch(t)
		const n = 4
		var wg sync.WaitGroup
		stores := make([]*Store, n)
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				stores[i], errs[i] = Open(context.Background(), Config{Backend: BackendPostgres, Path: conn})
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d: Open %d of %d together: %v", round, i+1, n, err)
				continue
			}
			defer stores[i].Close()
		}
		if t.Failed() {
			return
		}
		// One schema quad, and every store writes and reads.
		qq, err := stores[0].quadsLocked(context.Background(), quad.Subject, StoreNode, PredSchemaVersion)
		if err != nil || len(qq) != 1 {
			t.Errorf("round %d: schema version quads = %v, %v; want one", round, qq, err)
		}
		if _, err := stores[1].PutArticle(context.Background(), docEN()); err != nil {
			t.Fatal(err)
		}
		if _, err := stores[n-1].GetArticle(context.Background(), docEN().Meta.ID); err != nil {
			t.Errorf("round %d: an article written through one store, read through another: %v", round, err)
		}
	}
}

// BenchmarkDeleteArticlePostgres measures DeleteArticle (and the write
// that puts the article back, untimed) on a PostgreSQL store of
// -graph.benchlinkedsizes linked articles; -graph.pgnoindexes leaves out
// the indexes claimgraph adds, to measure what they bring.
func BenchmarkDeleteArticlePostgres(b *testing.B) {
	if *pgNoIndexes {
		saved := pgIndexes
		pgIndexes = nil
		defer func() { pgIndexes = saved }()
	}
	n := parseSizes(b, *benchLinkedSizes)[0]
	conn := pgScratch(b)
	s := openTest(b, Config{Backend: BackendPostgres, Path: conn})
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < n; i += 50 {
		var docs []Document
		for j := i; j < min(i+50, n); j++ {
			docs = append(docs, linkedBenchDoc(j, 0))
		}
		if _, err := s.PutArticles(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	q, _ := s.QuadCount(ctx)
	b.Logf("postgres store of %d linked articles, %d quads, loaded in %v; indexes on quads: %v", n, q, time.Since(start), pgIndexNames(b, conn, "quads"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := linkedBenchDoc(i*7%n, 0)
		if _, err := s.DeleteArticle(ctx, doc.Meta.ID); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := s.PutArticle(ctx, doc); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// TestPostgresWriteRetries fails a write's transaction as PostgreSQL does
// on a serialisation failure: it is run again, and stored once; failing
// every time, it is ErrConflict and nothing is stored.
func TestPostgresWriteRetries(t *testing.T) {
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	ctx := context.Background()
	fails := 0
	s.testBeforeApply = func(context.Context) error {
		if fails > 0 {
			fails--
			return &pq.Error{Code: "40001", Message: "could not serialize access"}
		}
		return nil
	}
	fails = pgWriteAttempts - 1
	if _, err := s.PutArticle(ctx, docAR()); err != nil {
		t.Fatalf("PutArticle failing %d times: %v", pgWriteAttempts-1, err)
	}
	if _, err := s.GetArticle(ctx, docAR().Meta.ID); err != nil {
		t.Errorf("GetArticle after retried write: %v", err)
	}
	fails = pgWriteAttempts
	if _, err := s.PutArticle(ctx, docEN()); !errors.Is(err, ErrConflict) {
		t.Errorf("PutArticle failing %d times = %v; want ErrConflict", pgWriteAttempts, err)
	}
	if _, err := s.GetArticle(ctx, docEN().Meta.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetArticle after failed write = %v; want ErrNotFound", err)
	}
	fails = pgWriteAttempts
	s.testBeforeApply = func(context.Context) error { return &pq.Error{Code: "40P01", Message: "deadlock detected"} }
	if _, err := s.DeleteArticle(ctx, docAR().Meta.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("DeleteArticle deadlocked = %v; want ErrConflict", err)
	}
	s.testBeforeApply = nil
	if _, err := s.DeleteArticle(ctx, docAR().Meta.ID); err != nil {
		t.Errorf("DeleteArticle: %v", err)
	}
}

// normalExport returns the store's N-Quads, sorted, without the ingest
// times (which differ between two ingests of the same articles).
func normalExport(t testing.TB, s *Store) []string {
	t.Helper()
	var b bytes.Buffer
	if err := s.ExportQuads(context.Background(), "", &b); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l != "" && !strings.Contains(l, string(PredIngestTime)) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// writeOp is one write of TestPostgresWritesAcrossStores: article i,
// variant v, or a delete.
type writeOp struct {
	i, v int
	del  bool
}

type writeOpKey struct{}

// TestPostgresWritesAcrossStores writes linked articles concurrently
// through two stores on one database, as two servers would, recording the
// order in which the writes took the database's write lock, and makes the
// same writes one after another in that order on another database. First
// every article once: both give the same quads (claims and event groups
// are named after the first article that reports them, so the order
// matters). Then replaces and deletes: both hold the same articles, each
// with the same quads, and no link to a deleted article. (Not the same
// links: a group whose first member leaves is represented from then on by
// the member the backend's index gives first, which on PostgreSQL follows
// the rows' physical order.)
func TestPostgresWritesAcrossStores(t *testing.T) {
	conn := pgScratch(t)
	a := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	b := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	seq := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	var (
		mu    sync.Mutex
		order []writeOp
	)
	record := func(ctx context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, ctx.Value(writeOpKey{}).(writeOp))
		return nil
	}
	a.testBeforeApply, b.testBeforeApply = record, record
	const n = 40 // benchStory articles share claims, measures and events
	apply := func(s *Store, op writeOp) error {
		ctx := context.WithValue(context.Background(), writeOpKey{}, op)
		var err error
		if op.del {
			_, err = s.DeleteArticle(ctx, linkedBenchDoc(op.i, 0).Meta.ID)
		} else {
			_, err = s.PutArticle(ctx, linkedBenchDoc(op.i, op.v))
		}
		return err
	}
	phase := func(name string, ops func(i int) []writeOp) {
		t.Helper()
		order = nil
		var wg sync.WaitGroup
		errs := make(chan error, 3*n)
		for w, s := range []*Store{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += 4 {
					for _, op := range ops(i) {
						if err := apply(s, op); err != nil {
							errs <- err
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("%s: concurrent write: %v", name, err)
		}
		for _, op := range order {
			if err := apply(seq, op); err != nil {
				t.Fatal(err)
			}
		}
	}

	phase("puts", func(i int) []writeOp { return []writeOp{{i: i}} })
	want := normalExport(t, seq)
	for name, s := range map[string]*Store{"a": a, "b": b} {
		if got := normalExport(t, s); !slices.Equal(got, want) {
			t.Errorf("store %s after concurrent puts: %d quads; the sequential ingest's %d:\n%.4000s", name, len(got), len(want), diffLines(got, want))
		}
	}
	links, _, err := a.ListLinks(context.Background(), LinkFilter{}, Page{Limit: 1000})
	if err != nil || len(links) < n {
		t.Errorf("ListLinks = %d links, %v; want at least %d", len(links), err, n)
	}

	phase("replaces and deletes", func(i int) []writeOp {
		var ops []writeOp
		if i%5 == 0 {
			ops = append(ops, writeOp{i: i, v: 1})
		}
		if i%7 == 3 {
			ops = append(ops, writeOp{i: i, del: true})
		}
		return ops
	})
	// Every article as the sequential writes left it, and no link to a
	// deleted one.
	arts, _, err := seq.ListArticles(context.Background(), ArticleFilter{}, Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*Store{"a": a, "b": b} {
		got, _, err := s.ListArticles(context.Background(), ArticleFilter{}, Page{Limit: 1000})
		if err != nil || len(got) != len(arts) {
			t.Errorf("store %s after concurrent replaces and deletes: %d articles, %v; want %d", name, len(got), err, len(arts))
		}
		stored := map[string]bool{}
		for _, art := range arts {
			stored[art.ID] = true
			if g, w := articleLines(t, s, art.ID), articleLines(t, seq, art.ID); !slices.Equal(g, w) {
				t.Errorf("store %s: article %s after concurrent replaces and deletes:\n%.2000s", name, art.ID, diffLines(g, w))
			}
		}
		links, _, err := s.ListLinks(context.Background(), LinkFilter{}, Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			if !stored[l.From.ArticleID] || !stored[l.To.ArticleID] {
				t.Errorf("store %s: link %+v has an end in a deleted article", name, l)
			}
		}
	}
}

// articleLines returns the article's N-Quads, sorted, without its ingest
// time.
func articleLines(t testing.TB, s *Store, id string) []string {
	t.Helper()
	var b bytes.Buffer
	if err := s.ExportQuads(context.Background(), id, &b); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l != "" && !strings.Contains(l, string(PredIngestTime)) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// nextArticles reads changes from ch until it has seen a statement of
// each of n articles, and returns the articles in the order their first
// statement came.
func nextArticles(t *testing.T, ch <-chan Change, n int) []string {
	t.Helper()
	var out []string
	timeout := time.After(30 * time.Second) // a hang guard, not a timing assertion
	for len(out) < n {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatalf("subscription closed after %v", out)
			}
			if c.Kind == StatementAdded && !slices.Contains(out, c.ArticleID) {
				out = append(out, c.ArticleID)
			}
		case <-timeout:
			t.Fatalf("no change after %v", out)
		}
	}
	return out
}

// TestPostgresWatchAcrossStores writes through two stores on one
// database, and checks that subscribers of each hear every write, in the
// order they were made.
func TestPostgresWatchAcrossStores(t *testing.T) {
	conn := pgScratch(t)
	a := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	b := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	subA, subB := a.Subscribe(ctx, 0), b.Subscribe(ctx, 0)
	var want []string
	for i, s := range []*Store{b, a, b, b, a} {
		doc := linkedBenchDoc(i, 0)
		if _, err := s.PutArticle(ctx, doc); err != nil {
			t.Fatal(err)
		}
		want = append(want, doc.Meta.ID)
	}
	for name, ch := range map[string]<-chan Change{"a": subA, "b": subB} {
		if got := nextArticles(t, ch, len(want)); !slices.Equal(got, want) {
			t.Errorf("subscriber of %s heard the articles %v; want %v", name, got, want)
		}
	}
	// A link made by a write through b reaches a's subscriber whole.
	doc := linkedBenchDoc(5, 0)
	if _, err := b.PutArticle(ctx, doc); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(30 * time.Second)
	for {
		select {
		case c := <-subA:
			if c.Kind == LinkAdded && c.ArticleID == doc.Meta.ID {
				if c.Link == nil || c.Link.Key == "" {
					t.Errorf("link change = %+v; want the link", c)
				}
				return
			}
		case <-timeout:
			t.Fatal("a's subscriber heard no link of b's write")
		}
	}
}

// TestPostgresWriteWaitsForOtherServer holds the database's write lock as
// another server writing would: a write waits for it, and one whose
// context ends while it waits fails with the context's error, not as an
// unavailable database.
func TestPostgresWriteWaitsForOtherServer(t *testing.T) {
	conn := pgScratch(t)
	s := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	other, err := openPG(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.close()
	release, err := other.lock(context.Background(), pgLockWrite)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.PutArticle(ctx, docAR())
		done <- err
	}()
	waitForLockWaiter(t, other)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) || errors.Is(err, ErrUnavailable) {
		t.Errorf("PutArticle cancelled while another server writes = %v; want context.Canceled", err)
	}
	go func() {
		_, err := s.PutArticle(context.Background(), docAR())
		done <- err
	}()
	waitForLockWaiter(t, other)
	// Reads go on meanwhile.
	if _, _, err := s.ListArticles(context.Background(), ArticleFilter{}, Page{Limit: 10}); err != nil {
		t.Errorf("ListArticles while another server writes: %v", err)
	}
	release()
	if err := <-done; err != nil {
		t.Errorf("PutArticle after the other server's write: %v", err)
	}
	if _, err := s.GetArticle(context.Background(), docAR().Meta.ID); err != nil {
		t.Error(err)
	}
}

// waitForLockWaiter returns once a session waits for an advisory lock.
func waitForLockWaiter(t *testing.T, p *pgDB) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); { // a hang guard
		var n int
		if err := p.db.QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		runtime.Gosched()
	}
	t.Fatal("no write waits for the lock")
}

// TestPostgresQuadCountAcrossStores: the count one store gives follows
// the writes made through another.
func TestPostgresQuadCountAcrossStores(t *testing.T) {
	conn := pgScratch(t)
	a := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	b := openTest(t, Config{Backend: BackendPostgres, Path: conn})
	ctx := context.Background()
	before, err := a.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info, err := b.PutArticle(ctx, docAR())
	if err != nil {
		t.Fatal(err)
	}
	after, err := a.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after < before+info.QuadCount {
		t.Errorf("QuadCount through a: %d, then %d after b wrote %d quads", before, after, info.QuadCount)
	}
}

func TestPGConn(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://u@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?jit=off&sslmode=disable"},
		{"postgresql://h/db", "postgresql://h/db?jit=off"},
		{"host=h dbname=db sslmode=disable", "host=h dbname=db sslmode=disable jit=off"},
		{"postgres://h/db?jit=on", "postgres://h/db?jit=on"},
		{"host=h jit=on", "host=h jit=on"},
	} {
		if got := pgConn(c.in); got != c.want {
			t.Errorf("pgConn(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// TestPostgresJITOff checks that the store's connections run with
// PostgreSQL's JIT compiler off (see pgConn).
func TestPostgresJITOff(t *testing.T) {
	s := openTest(t, Config{Backend: BackendPostgres, Path: pgScratch(t)})
	var jit string
	if err := s.pg.db.QueryRow(`SELECT current_setting('jit')`).Scan(&jit); err != nil {
		t.Fatal(err)
	}
	if jit != "off" {
		t.Errorf("jit = %q on the store's connection; want off", jit)
	}
}
