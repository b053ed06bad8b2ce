package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/internal/pgtest"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// pgScratch returns a new, empty database (see pgtest.Scratch).
func pgScratch(t testing.TB) string {
	t.Helper()
	return pgtest.Scratch(t, "claimgraph_cmd")
}

// exportLines returns the N-Quads the server at c exports, sorted,
// without the ingest times (which differ between two ingests of the same
// articles).
func exportLines(t *testing.T, c claimgraphv1.ClaimGraphServiceClient) []string {
	t.Helper()
	stream, err := c.ExportQuads(context.Background(), &claimgraphv1.ExportQuadsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(resp.GetNquads())
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l != "" && !strings.Contains(l, "<https://claimgraph.org/ns#ingestTime>") {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// diffCount returns how many lines of a (sorted) b (sorted) lacks, and the
// first few.
func diffCount(a, b []string) (int, []string) {
	var n int
	var first []string
	for _, l := range a {
		if _, found := slices.BinarySearch(b, l); !found {
			n++
			if len(first) < 5 {
				first = append(first, l)
			}
		}
	}
	return n, first
}

// TestPostgresServers is issue 12's "done when": two servers started
// together on an empty database both come up; articles written
// concurrently through both give exactly the statements and links that
// the same articles written one after another into bolt give; a watcher
// on one server hears the writes made through the other. Claims and
// event groups are named after the first article that reports them, so
// the sequential ingest takes the articles in the order the concurrent
// writes committed, which the watcher tells (each article has a
// statement, and watchers hear writes in commit order).
func TestPostgresServers(t *testing.T) {
	conn := pgScratch(t)
	n := 200
	if testing.Short() {
		n = 40
	}
	a := launchServer(t, conn, "--db", "postgres")
	b := launchServer(t, conn, "--db", "postgres")
	a.waitListening(t)
	b.waitListening(t)
	ca, cb := dialTest(t, a.addr), dialTest(t, b.addr)
	for _, p := range []*serverProc{a, b} {
		checkHealth(t, p.addr)
	}

	var articles []*claimgraphv1.ArticleInput
	for i := range n {
		articles = append(articles, crashArticle(i))
	}

	// The watcher, on a.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watch, err := ca.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := watch.Recv(); err != nil || resp.GetStarted() == nil {
		t.Fatalf("WatchClaims: first message %v, %v; want started", resp, err)
	}
	heard := make(chan string, n)
	go func() {
		defer close(heard)
		seen := map[string]bool{}
		for {
			resp, err := watch.Recv()
			if err != nil {
				return
			}
			if id := resp.GetStatement().GetArticleId(); id != "" && !seen[id] {
				seen[id] = true
				heard <- id
			}
		}
	}()

	// Four writers, two on each server.
	var wg sync.WaitGroup
	errs := make(chan error, n)
	throughB := map[string]bool{}
	for w := range 4 {
		c := []claimgraphv1.ClaimGraphServiceClient{ca, cb}[w%2]
		for i := w; i < n; i += 4 {
			throughB[articles[i].GetId()] = w%2 == 1
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				resp, err := c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: articles[i]})
				if err != nil {
					errs <- fmt.Errorf("ingest %s: %w", articles[i].GetId(), err)
				} else if resp.GetArticle().GetStatementCount() == 0 {
					errs <- fmt.Errorf("ingest %s: no statement, so the watcher cannot tell its order", articles[i].GetId())
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}

	var order []string
	fromB := 0
	timeout := time.After(time.Minute) // a hang guard, not a timing assertion
	for len(order) < n {
		select {
		case id, ok := <-heard:
			if !ok {
				t.Fatalf("the watch ended after %d of %d articles", len(order), n)
			}
			order = append(order, id)
			if throughB[id] {
				fromB++
			}
		case <-timeout:
			t.Fatalf("the watcher on server a heard %d of %d articles", len(order), n)
		}
	}
	if fromB == 0 {
		t.Errorf("the watcher on server a heard none of the writes through server b")
	}

	// The same articles, one after another in that order, into bolt.
	byID := map[string]*claimgraphv1.ArticleInput{}
	for _, in := range articles {
		byID[in.GetId()] = in
	}
	seq := startServer(t, t.TempDir()+"/bolt")
	cs := dialTest(t, seq.addr)
	for _, id := range order {
		if _, err := cs.IngestArticle(context.Background(), &claimgraphv1.IngestArticleRequest{Article: byID[id]}); err != nil {
			t.Fatal(err)
		}
	}
	want := exportLines(t, cs)
	links := 0
	for _, l := range want {
		if strings.HasSuffix(l, "<https://claimgraph.org/links> .") {
			links++
		}
	}
	t.Logf("%d quads, %d links", len(want), links)
	if links == 0 {
		t.Fatalf("the sequential ingest made no links: the test proves nothing")
	}
	for name, c := range map[string]claimgraphv1.ClaimGraphServiceClient{"a": ca, "b": cb} {
		got := exportLines(t, c)
		extra, ex := diffCount(got, want)
		missing, mi := diffCount(want, got)
		if extra+missing > 0 {
			t.Errorf("server %s: %d quads; the sequential bolt ingest %d (%d of them links): %d more, e.g.\n%s\n%d missing, e.g.\n%s",
				name, len(got), len(want), links, extra, strings.Join(ex, "\n"), missing, strings.Join(mi, "\n"))
		}
	}
	cancel()
	a.stop(t)
	b.stop(t)
}

// The deployment section's commands (README, "Several servers on
// PostgreSQL"); TestREADME counts them as run, TestPostgresMove runs them.
const (
	cmdMoveToPostgres   = `./claimgraph export | ./claimgraph import --db postgres --db-path "$CLAIMGRAPH_DB_PATH" -`
	cmdMoveFromPostgres = `./claimgraph export | ./claimgraph import --db bolt --db-path ./from-postgres.db -`
)

var deploymentCommands = []string{cmdMoveToPostgres, cmdMoveFromPostgres}

// runPipe runs a README command line of the deployment section with sh,
// ./claimgraph being the built binary, in dir, with env added.
func runPipe(t *testing.T, dir, line string, env ...string) string {
	t.Helper()
	cmd := exec.Command("sh", "-c", strings.ReplaceAll(line, "./claimgraph ", buildBinary(t)+" "))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return string(out)
}

// TestPostgresMove moves a bolt store to PostgreSQL and back with the
// README's commands: each export is the same N-Quads.
func TestPostgresMove(t *testing.T) {
	conn := pgScratch(t)
	srv := startServer(t, t.TempDir()+"/a")
	srv.must(t, "./claimgraph ingest testdata/story/articles.jsonl")
	first := srv.must(t, "./claimgraph export")
	dir := t.TempDir()
	runPipe(t, dir, cmdMoveToPostgres, "CLAIMGRAPH_SERVER="+srv.addr, "CLAIMGRAPH_DB_PATH="+conn)
	srv.stop(t)

	pg := startServer(t, conn, "--db", "postgres")
	second := pg.must(t, "./claimgraph export")
	runPipe(t, dir, cmdMoveFromPostgres, "CLAIMGRAPH_SERVER="+pg.addr)
	pg.stop(t)

	back := startServer(t, dir+"/from-postgres.db")
	third := back.must(t, "./claimgraph export")
	back.stop(t)
	lines := func(s string) []string {
		l := strings.Split(strings.TrimSpace(s), "\n")
		slices.Sort(l)
		return l
	}
	x, y, z := lines(first), lines(second), lines(third)
	if len(x) < 100 {
		t.Fatalf("the bolt export has %d lines; want the story's quads", len(x))
	}
	if !slices.Equal(x, y) {
		n, e := diffCount(y, x)
		t.Errorf("PostgreSQL's export differs from bolt's: %d lines, then %d; %d new, e.g. %q", len(x), len(y), n, e)
	}
	if !slices.Equal(x, z) {
		t.Errorf("bolt's export after the way back differs: %d lines, then %d", len(x), len(z))
	}
}
