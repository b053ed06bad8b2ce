package server_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// raceTexts are two versions of each of a few articles whose statements and
// figures link across articles (the same claim, conflicting tolls), so that
// every write and delete recomputes links the others depend on.
var raceTexts = map[string][2]string{
	"r0": {
		`The health ministry said that 120 people were killed in Gaza on Monday. "We need a ceasefire now," Antonio Guterres said.`,
		`The health ministry said that 135 people were killed in Gaza on Monday. A US official said that talks would resume in Cairo.`,
	},
	"r1": {
		`The health ministry said that 120 people were killed in Gaza on Monday.`,
		`Antonio Guterres said that the talks would resume in Cairo on Tuesday.`,
	},
	"r2": {
		"قال وزير الصحة إن 120 شخصًا قتلوا في غزة يوم الاثنين.",
		"وأشار مسؤول أمريكي إلى أن المفاوضات ستستأنف في القاهرة.",
	},
	"r3": {
		"وأوضح الرئيس الأمريكي أنه سيناقش وقف إطلاق النار مع نتنياهو يوم الثلاثاء.",
		"قال وزير الصحة إن 135 شخصًا قتلوا في غزة يوم الاثنين.",
	},
}

var raceIDs = []string{"r0", "r1", "r2", "r3"}

// raceArticle is version v of article id; its title names the version.
func raceArticle(id string, v int) *claimgraphv1.ArticleInput {
	return &claimgraphv1.ArticleInput{Id: id, Text: raceTexts[id][v], Published: "2025-10-07", Title: fmt.Sprintf("%s v%d", id, v)}
}

var timeRE = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`)

// normalQuads is the store's export, sorted, with ingest times blanked.
func normalQuads(t testing.TB, c claimgraphv1.ClaimGraphServiceClient) []string {
	t.Helper()
	lines, err := exportLines(context.Background(), c, "")
	if err != nil {
		t.Fatalf("ExportQuads: %v", err)
	}
	for i := range lines {
		lines[i] = timeRE.ReplaceAllString(lines[i], "TIME")
	}
	return lines
}

// articleQuads returns the lines that are not under the links label.
func articleQuads(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.HasSuffix(l, "<"+string(graph.LinksLabel)+"> .") {
			out = append(out, l)
		}
	}
	return out
}

// linkView returns the links of the store behind c as lines: figure links
// whole, and the groups of statements and of events that claims and event
// groups hold (their memberships), whatever their keys.
func linkView(t testing.TB, c claimgraphv1.ClaimGraphServiceClient) []string {
	t.Helper()
	resp, err := c.ListLinks(context.Background(), &claimgraphv1.ListLinksRequest{PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetNextPageToken() != "" {
		t.Fatal("more than 1000 links")
	}
	var out []string
	for _, l := range resp.GetLinks() {
		switch l.GetKind() {
		case claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM, claimgraphv1.LinkKind_LINK_KIND_SAME_EVENT:
		default:
			out = append(out, fmt.Sprintf("%v %s %s/%s %s/%s", l.GetKind(), l.GetKey(),
				l.GetFrom().GetArticleId(), l.GetFrom().GetId(), l.GetTo().GetArticleId(), l.GetTo().GetId()))
		}
	}
	groups := map[string][]string{}
	for _, line := range normalQuads(t, c) {
		f := strings.Fields(line)
		if len(f) == 5 && (f[1] == "<"+string(graph.PredClaim)+">" || f[1] == "<"+string(graph.PredInEventGroup)+">") {
			groups[f[2]] = append(groups[f[2]], f[0])
		}
	}
	for _, g := range groups {
		if len(g) > 1 {
			slices.Sort(g)
			out = append(out, "group "+strings.Join(g, " "))
		}
	}
	slices.Sort(out)
	return out
}

// hammer runs clients that ingest, re-ingest, delete and read the same few
// articles at once, and fails on any error but the expected ones.
func hammer(t *testing.T, c claimgraphv1.ClaimGraphServiceClient, clients, ops int) {
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			ctx := context.Background()
			for range ops {
				id := raceIDs[r.IntN(len(raceIDs))]
				var err error
				allowed := codes.OK
				switch op := r.IntN(10); op {
				case 0, 1:
					_, err = c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: raceArticle(id, r.IntN(2))})
				case 2:
					var stream claimgraphv1.ClaimGraphService_IngestArticlesClient
					if stream, err = c.IngestArticles(ctx); err == nil {
						for range 1 + r.IntN(3) {
							stream.Send(&claimgraphv1.IngestArticlesRequest{Article: raceArticle(raceIDs[r.IntN(len(raceIDs))], r.IntN(2))})
						}
						var resp *claimgraphv1.IngestArticlesResponse
						if resp, err = stream.CloseAndRecv(); err == nil && len(resp.GetFailures()) > 0 {
							err = fmt.Errorf("failures: %v", resp.GetFailures())
						}
					}
				case 3, 4:
					_, err = c.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: id})
					allowed = codes.NotFound
				case 5:
					_, err = c.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: id})
					allowed = codes.NotFound
				case 6:
					_, err = c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: id})
				case 7:
					_, err = exportLines(ctx, c, id)
					allowed = codes.NotFound
				case 8:
					_, err = queryAll(ctx, c, &claimgraphv1.QueryRequest{Query: `g.V().has("<http://schema.org/name>").out("<http://schema.org/name>").all()`})
				case 9:
					_, err = c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{})
				}
				if err != nil && status.Code(err) != allowed {
					t.Errorf("client %d, %s: %v", w, id, err)
				}
			}
		}()
	}
	wg.Wait()
}

// checkSurvivors compares the store behind c with a fresh store into which
// the surviving articles, in the versions that survived, were ingested one
// by one.
func checkSurvivors(t *testing.T, c claimgraphv1.ClaimGraphServiceClient) {
	t.Helper()
	ctx := context.Background()
	fresh := start(t, server.Config{})
	survivors := 0
	for _, id := range raceIDs {
		a, err := c.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: id})
		if status.Code(err) == codes.NotFound {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		v := 0
		if strings.HasSuffix(a.GetArticle().GetTitle(), "v1") {
			v = 1
		}
		if _, err := fresh.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: raceArticle(id, v)}); err != nil {
			t.Fatal(err)
		}
		survivors++
	}
	// Articles are stored exactly as a sequential ingest stores them; links
	// are made as nodes arrive, so which statement keys a claim depends on
	// the order, but not which nodes link (these articles share one day).
	if got, want := linkView(t, c), linkView(t, fresh.client); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links differ from the %d survivors ingested one by one:\n got %q\nwant %q", survivors, got, want)
	}
	got, want := articleQuads(normalQuads(t, c)), articleQuads(normalQuads(t, fresh.client))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		gotSet := map[string]bool{}
		for _, l := range got {
			gotSet[l] = true
		}
		var missing, extra []string
		for _, l := range want {
			if !gotSet[l] {
				missing = append(missing, l)
			}
			delete(gotSet, l)
		}
		for l := range gotSet {
			extra = append(extra, l)
		}
		t.Errorf("after the clients, the store differs from the %d survivors ingested one by one: %d quads missing, %d extra\nmissing: %.2000s\nextra: %.2000s",
			survivors, len(missing), len(extra), strings.Join(missing, "\n"), strings.Join(extra, "\n"))
	}
	t.Logf("%d survivors, %d quads", survivors, len(got))
}

// TestConcurrentClients has many clients write, delete and read the same
// articles at once, on the memory store and on bolt; run it with -race.
func TestConcurrentClients(t *testing.T) {
	clients, ops := 8, 40
	if testing.Short() {
		clients, ops = 4, 15
	}
	t.Run("memory", func(t *testing.T) {
		e := start(t, server.Config{MaxConcurrentQueries: clients})
		hammer(t, e.client, clients, ops)
		checkSurvivors(t, e.client)
	})
	t.Run("bolt", func(t *testing.T) {
		var c claimgraphv1.ClaimGraphServiceClient
		if raceEnabled {
			// boltdb/bolt dies under -race (checkptr): serve bolt from a
			// binary built without it; the clients stay raced.
			c = serveBoltProcess(t, clients)
		} else {
			st, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(t.TempDir(), "db")})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			c = startOn(t, st, server.Config{MaxConcurrentQueries: clients}).client
		}
		hammer(t, c, clients, ops)
		checkSurvivors(t, c)
	})
}

// serveBoltProcess builds cmd/claimgraph without the race detector, serves
// a bolt store in a temporary directory on 127.0.0.1 and returns a client.
func serveBoltProcess(t *testing.T, queries int) claimgraphv1.ClaimGraphServiceClient {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "claimgraph")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/claimgraph").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--db-path", filepath.Join(dir, "db"),
		"--max-concurrent-queries", fmt.Sprint(queries))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := regexp.MustCompile(`msg=serving addr=(\S+)`).FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var target string
	select {
	case target = <-addr:
	case <-time.After(time.Minute):
		t.Fatal("serve did not start")
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return claimgraphv1.NewClaimGraphServiceClient(conn)
}
