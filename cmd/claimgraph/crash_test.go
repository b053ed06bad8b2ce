package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

var crashLong = flag.Bool("crash.long", false, "run the long crash test: more articles, more kills (or CLAIMGRAPH_CRASH_LONG=1)")

// The generated articles: short Arabic and English news items with
// attributions, figures and dates, the same for the same index.
var (
	enSpeakers = []string{"the health minister", "Antonio Guterres", "a US official", "the army spokesman", "Donald Trump", "the mayor of Gaza"}
	enPlaces   = []string{"Gaza", "Rafah", "Khan Younis", "Beirut", "Cairo", "the West Bank"}
	arSpeakers = []string{"وزير الصحة", "الرئيس الأمريكي", "مسؤول أمريكي", "المتحدث باسم الجيش", "الأمين العام للأمم المتحدة", "رئيس بلدية غزة"}
	arPlaces   = []string{"غزة", "رفح", "خان يونس", "بيروت", "القاهرة", "الضفة الغربية"}
	enDays     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	arDays     = []string{"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"}
)

func crashArticle(i int) *claimgraphv1.ArticleInput {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	var b strings.Builder
	in := &claimgraphv1.ArticleInput{
		Id:        fmt.Sprintf("crash-%05d", i),
		Published: fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)),
		Title:     fmt.Sprintf("item %d", i),
	}
	if i%2 == 0 {
		in.Language = "en"
		fmt.Fprintf(&b, "%s said on %s that %d people were killed in %s. ", cap1(pick(enSpeakers)), pick(enDays), 10+r.IntN(5000), pick(enPlaces))
		fmt.Fprintf(&b, "According to %s, more than %d families have fled %s since October 7, 2023. ", pick(enSpeakers), 100+r.IntN(900), pick(enPlaces))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "\"We will not stop until the hostages are home,\" %s said. ", pick(enSpeakers))
		}
		fmt.Fprintf(&b, "Talks between Israel and Hamas resumed in %s on %s.", pick(enPlaces), pick(enDays))
	} else {
		in.Language = "ar"
		fmt.Fprintf(&b, "قال %s يوم %s إن %d شخصًا قتلوا في %s. ", pick(arSpeakers), pick(arDays), 10+r.IntN(5000), pick(arPlaces))
		fmt.Fprintf(&b, "وأشار %s إلى أن نحو %d ألف نازح وصلوا إلى %s منذ السابع من أكتوبر 2023. ", pick(arSpeakers), 1+r.IntN(90), pick(arPlaces))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "وأضاف %s أن المفاوضات ستستأنف في %s الأسبوع المقبل. ", pick(arSpeakers), pick(arPlaces))
		}
		fmt.Fprintf(&b, "واندلعت الحرب بين حماس وإسرائيل في السابع من أكتوبر 2023.")
	}
	in.Text = b.String()
	return in
}

func cap1(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// dialTest returns a client of the server at addr.
func dialTest(t testing.TB, addr string) claimgraphv1.ClaimGraphServiceClient {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return claimgraphv1.NewClaimGraphServiceClient(conn)
}

// storedArticles lists every stored article.
func storedArticles(t testing.TB, c claimgraphv1.ClaimGraphServiceClient) []*claimgraphv1.Article {
	t.Helper()
	var all []*claimgraphv1.Article
	req := &claimgraphv1.ListArticlesRequest{PageSize: server.MaxPageSize}
	for {
		resp, err := c.ListArticles(context.Background(), req)
		if err != nil {
			t.Fatalf("ListArticles: %v", err)
		}
		all = append(all, resp.GetArticles()...)
		if resp.GetNextPageToken() == "" {
			return all
		}
		req.PageToken = resp.GetNextPageToken()
	}
}

// checkWhole checks that every stored article holds what the extractor
// gives for its text: the same statements, figures and events, by count and
// by id. It returns the ids stored.
func checkWhole(t *testing.T, c claimgraphv1.ClaimGraphServiceClient, inputs map[string]*claimgraphv1.ArticleInput) map[string]bool {
	t.Helper()
	ctx := context.Background()
	stored := map[string]bool{}
	for _, a := range storedArticles(t, c) {
		in, ok := inputs[a.GetId()]
		if !ok {
			t.Errorf("article %q is stored but was never sent", a.GetId())
			continue
		}
		stored[a.GetId()] = true
		ea, err := server.ArticleFromInput("article", in, true)
		if err != nil {
			t.Fatal(err)
		}
		x := extract.Extract(ea)
		if int(a.GetStatementCount()) != len(x.Statements) || int(a.GetFigureCount()) != len(x.Figures) || int(a.GetEventCount()) != len(x.Events) {
			t.Errorf("article %q holds %d statements, %d figures, %d events; its text gives %d, %d, %d",
				a.GetId(), a.GetStatementCount(), a.GetFigureCount(), a.GetEventCount(), len(x.Statements), len(x.Figures), len(x.Events))
			continue
		}
		var want, got []string
		for _, s := range x.Statements {
			want = append(want, s.ID)
		}
		stmts, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts.GetStatements() {
			got = append(got, s.GetId())
		}
		for _, f := range x.Figures {
			want = append(want, "figure "+f.ID)
		}
		figs, err := c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range figs.GetFigures() {
			got = append(got, "figure "+f.GetId())
		}
		for _, e := range x.Events {
			want = append(want, "event "+e.ID)
		}
		events, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events.GetEvents() {
			got = append(got, "event "+e.GetId())
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("article %q holds %q; its text gives %q", a.GetId(), got, want)
		}
	}
	return stored
}

// ingestUntil streams the articles not yet stored, in order, through one
// IngestArticles call. With kill, it SIGKILLs the server once killAfter
// articles were sent and returns false; otherwise it closes the stream and
// returns true when the server acknowledged everything.
func ingestUntil(t *testing.T, srv *serverProc, c claimgraphv1.ClaimGraphServiceClient, todo []*claimgraphv1.ArticleInput, killAfter int) bool {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := c.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range todo {
		if killAfter >= 0 && i == killAfter {
			if err := srv.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-srv.done
			return false
		}
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			break // CloseAndRecv says why
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatalf("IngestArticles of %d articles: %v\n%s", len(todo), err, srv.log)
	}
	if int(resp.GetArticleCount()) != len(todo) || len(resp.GetFailures()) > 0 {
		t.Fatalf("IngestArticles of %d articles: %d stored, failures %v", len(todo), resp.GetArticleCount(), resp.GetFailures())
	}
	return true
}

// TestCrashDuringIngest SIGKILLs the server in the middle of a bulk ingest
// into bolt, restarts it on the same directory and checks that the store
// opens, that every article in it is whole, and that the ingest resumes and
// completes. The long form (-crash.long or CLAIMGRAPH_CRASH_LONG=1) sends
// more articles and kills more often.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests thousands of articles")
	}
	n, kills := 1500, 2
	if *crashLong || os.Getenv("CLAIMGRAPH_CRASH_LONG") == "1" {
		n, kills = 6000, 8
	}
	inputs := map[string]*claimgraphv1.ArticleInput{}
	all := make([]*claimgraphv1.ArticleInput, n)
	for i := range all {
		all[i] = crashArticle(i)
		inputs[all[i].GetId()] = all[i]
	}
	dbPath := filepath.Join(t.TempDir(), "claimgraph.db")
	r := rand.New(rand.NewPCG(1, 2))
	stored := map[string]bool{}
	for round := 0; ; round++ {
		start := time.Now()
		srv := startServer(t, dbPath)
		c := dialTest(t, srv.addr)
		if round > 0 {
			stored = checkWhole(t, c, inputs)
			t.Logf("restart %d: the store opened with %d whole articles", round, len(stored))
		}
		var todo []*claimgraphv1.ArticleInput
		for _, in := range all {
			if !stored[in.GetId()] {
				todo = append(todo, in)
			}
		}
		killAfter := -1
		if round < kills && len(todo) > 10 {
			// Anywhere in the first two thirds of what is left: before,
			// during or after a batch's transaction.
			killAfter = 1 + r.IntN(len(todo)*2/3)
		}
		if ingestUntil(t, srv, c, todo, killAfter) {
			stored = checkWhole(t, c, inputs)
			if len(stored) != n {
				t.Errorf("after the ingest completed, %d of %d articles are stored", len(stored), n)
			}
			srv.stop(t)
			t.Logf("round %d: ingest of %d articles completed in %v", round, len(todo), time.Since(start).Round(time.Millisecond))
			return
		}
		if t.Failed() {
			return
		}
		t.Logf("round %d: killed after sending %d of %d articles (%v)", round, killAfter, len(todo), time.Since(start).Round(time.Millisecond))
	}
}
