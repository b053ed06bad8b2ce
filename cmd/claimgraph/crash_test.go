package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

var (
	crashLong  = flag.Bool("crash.long", false, "run the long crash test: long stories, many kills (or CLAIMGRAPH_CRASH_LONG=1)")
	crashKills = flag.Int("crash.kills", 50, "kills in the long crash test (or CLAIMGRAPH_CRASH_KILLS)")
)

// The generated articles: short Arabic and English news items with
// attributions, figures and dates, the same for the same index. They draw
// on enough places, measures and dates that few of them report the same
// count, claim or event: cross-article links stay as sparse as in a real
// feed, where most articles are about different things.
var (
	enSpeakers = []string{"the health minister", "Antonio Guterres", "a US official", "the army spokesman", "Donald Trump", "the mayor"}
	arSpeakers = []string{"وزير الصحة", "الرئيس الأمريكي", "مسؤول أمريكي", "المتحدث باسم الجيش", "الأمين العام للأمم المتحدة", "رئيس البلدية"}
	places     = [][2]string{
		{"France", "فرنسا"}, {"Germany", "ألمانيا"}, {"Russia", "روسيا"}, {"China", "الصين"}, {"Japan", "اليابان"}, {"India", "الهند"},
		{"Pakistan", "باكستان"}, {"Afghanistan", "أفغانستان"}, {"Iran", "إيران"}, {"Iraq", "العراق"}, {"Syria", "سوريا"}, {"Lebanon", "لبنان"},
		{"Jordan", "الأردن"}, {"Israel", "إسرائيل"}, {"Egypt", "مصر"}, {"Qatar", "قطر"}, {"Kuwait", "الكويت"}, {"Bahrain", "البحرين"},
		{"Yemen", "اليمن"}, {"Turkey", "تركيا"}, {"Libya", "ليبيا"}, {"Tunisia", "تونس"}, {"Algeria", "الجزائر"}, {"Morocco", "المغرب"},
		{"Mauritania", "موريتانيا"}, {"Sudan", "السودان"}, {"Somalia", "الصومال"}, {"Djibouti", "جيبوتي"}, {"Ethiopia", "إثيوبيا"}, {"Eritrea", "إريتريا"},
		{"Kenya", "كينيا"}, {"Uganda", "أوغندا"}, {"Tanzania", "تنزانيا"}, {"Rwanda", "رواندا"}, {"Burundi", "بوروندي"}, {"Nigeria", "نيجيريا"},
		{"Niger", "النيجر"}, {"Chad", "تشاد"}, {"Senegal", "السنغال"}, {"Ghana", "غانا"}, {"Cameroon", "الكاميرون"}, {"Zimbabwe", "زيمبابوي"},
		{"Zambia", "زامبيا"}, {"Mozambique", "موزمبيق"}, {"Angola", "أنغولا"}, {"Namibia", "ناميبيا"}, {"Botswana", "بوتسوانا"}, {"Madagascar", "مدغشقر"},
		{"Malawi", "مالاوي"}, {"Guinea", "غينيا"}, {"Liberia", "ليبيريا"}, {"Gabon", "الغابون"}, {"Gambia", "غامبيا"}, {"Togo", "توغو"},
		{"Spain", "إسبانيا"}, {"Portugal", "البرتغال"}, {"Italy", "إيطاليا"}, {"Greece", "اليونان"}, {"Cyprus", "قبرص"}, {"Malta", "مالطا"},
		{"Netherlands", "هولندا"}, {"Belgium", "بلجيكا"}, {"Switzerland", "سويسرا"}, {"Austria", "النمسا"}, {"Ireland", "أيرلندا"}, {"Denmark", "الدنمارك"},
		{"Norway", "النرويج"}, {"Sweden", "السويد"}, {"Finland", "فنلندا"}, {"Poland", "بولندا"}, {"Hungary", "المجر"}, {"Romania", "رومانيا"},
	}
	// subjects and what happened to them, as [English, Arabic].
	enSubjects = []string{"people", "children", "women", "soldiers", "journalists"}
	arSubjects = []string{"شخصًا", "طفلًا", "امرأة", "جنديًا", "صحفيًا"}
	enFates    = []string{"were killed", "were injured", "were arrested", "were displaced", "are missing"}
	arFates    = []string{"قتلوا", "أصيبوا", "اعتقلوا", "نزحوا", "فقدوا"}
	enDays     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	arDays     = []string{"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"}
	enMonths   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	arMonths   = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
)

func crashArticle(i int) *claimgraphv1.ArticleInput {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	place := func(lang int) string { return places[r.IntN(len(places))][lang] }
	var b strings.Builder
	in := &claimgraphv1.ArticleInput{
		Id:        fmt.Sprintf("crash-%05d", i),
		Published: fmt.Sprintf("%d-%02d-%02d", 2020+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28)),
		Title:     fmt.Sprintf("item %d", i),
	}
	since := r.IntN(12)
	if i%2 == 0 {
		in.Language = "en"
		fmt.Fprintf(&b, "%s said on %s that %d %s %s in %s. ", cap1(pick(enSpeakers)), pick(enDays), 10+r.IntN(5000), pick(enSubjects), pick(enFates), place(0))
		fmt.Fprintf(&b, "According to %s, more than %d %s %s in %s since %s %d, %d. ", pick(enSpeakers), 100+r.IntN(900), pick(enSubjects), pick(enFates), place(0), enMonths[since], 1+r.IntN(28), 2015+r.IntN(5))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "\"We will rebuild %s,\" %s said. ", place(0), pick(enSpeakers))
		}
		fmt.Fprintf(&b, "Talks resumed in %s on %s.", place(0), pick(enDays))
	} else {
		in.Language = "ar"
		fmt.Fprintf(&b, "قال %s يوم %s إن %d %s %s في %s. ", pick(arSpeakers), pick(arDays), 10+r.IntN(5000), pick(arSubjects), pick(arFates), place(1))
		fmt.Fprintf(&b, "وأشار %s إلى أن نحو %d %s %s في %s منذ %d %s %d. ", pick(arSpeakers), 100+r.IntN(900), pick(arSubjects), pick(arFates), place(1), 1+r.IntN(28), arMonths[since], 2015+r.IntN(5))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "وأضاف %s أن المفاوضات ستستأنف في %s الأسبوع المقبل. ", pick(arSpeakers), place(1))
		}
		fmt.Fprintf(&b, "واستؤنفت المحادثات في %s يوم %s.", place(1), pick(arDays))
	}
	in.Text = b.String()
	return in
}

// longStory returns article i of the long crash test: a story of many
// paragraphs in one language, as long wire stories are, each paragraph
// a generated item.
func longStory(i int) *claimgraphv1.ArticleInput {
	in := crashArticle(i)
	var b strings.Builder
	for j := range 24 {
		// Items of the same parity are in the same language as item i.
		b.WriteString(crashArticle(100000 + 2*(i*24+j) + i%2).GetText())
		b.WriteString("\n\n")
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

// checkWhole checks that every stored article holds exactly what the
// extractor gives for the text of one of its versions: the same
// statements, figures and events, by id. It returns, for each id stored,
// the index of the version it holds.
func checkWhole(t *testing.T, c claimgraphv1.ClaimGraphServiceClient, versions map[string][]*claimgraphv1.ArticleInput) map[string]int {
	t.Helper()
	ctx := context.Background()
	stored := map[string]int{}
	for _, a := range storedArticles(t, c) {
		ins, ok := versions[a.GetId()]
		if !ok {
			t.Errorf("article %q is stored but was never sent", a.GetId())
			continue
		}
		var got []string
		stmts, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts.GetStatements() {
			got = append(got, s.GetId()+" "+s.GetContent())
		}
		figs, err := c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range figs.GetFigures() {
			got = append(got, fmt.Sprintf("figure %s %v", f.GetId(), f.GetValue()))
		}
		events, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{ArticleId: a.GetId(), PageSize: server.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events.GetEvents() {
			got = append(got, "event "+e.GetId()+" "+e.GetTrigger())
		}
		slices.Sort(got)
		var wants [][]string
		for v, in := range ins {
			want := wholeArticle(t, in)
			if slices.Equal(got, want) && a.GetStatementCount() == int32(len(stmts.GetStatements())) {
				stored[a.GetId()] = v
				break
			}
			wants = append(wants, want)
		}
		if _, ok := stored[a.GetId()]; !ok {
			t.Errorf("article %q holds %q; the texts of its versions give %q", a.GetId(), got, wants)
		}
	}
	return stored
}

// wholeArticle returns what checkWhole reads back from a stored article
// whose text is in's, as extracted here.
func wholeArticle(t *testing.T, in *claimgraphv1.ArticleInput) []string {
	ea, err := server.ArticleFromInput("article", in, true)
	if err != nil {
		t.Fatal(err)
	}
	x := extract.Extract(ea)
	var want []string
	for _, s := range x.Statements {
		want = append(want, s.ID+" "+s.Content)
	}
	for _, f := range x.Figures {
		want = append(want, fmt.Sprintf("figure %s %v", f.ID, f.Value))
	}
	for _, e := range x.Events {
		want = append(want, "event "+e.ID+" "+e.Trigger)
	}
	slices.Sort(want)
	return want
}

// ingestUntil streams the articles not yet stored, in order, through one
// IngestArticles call, and returns true when the server acknowledged them
// all. With killDelay >= 0 it SIGKILLs the server killDelay after the first
// batch of this call is committed, while later ones are being extracted or
// written, and returns false.
func ingestUntil(t *testing.T, srv *serverProc, c claimgraphv1.ClaimGraphServiceClient, todo []*claimgraphv1.ArticleInput, killDelay time.Duration) bool {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := c.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		resp *claimgraphv1.IngestArticlesResponse
		err  error
	}
	// A watch says when this call's first batch is committed: its first
	// change, after the message that says it is live. Opened before the
	// ingest, it misses nothing.
	var watch claimgraphv1.ClaimGraphService_WatchClaimsClient
	if killDelay >= 0 {
		if watch, err = c.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{}); err == nil {
			_, err = watch.Header()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan result, 1)
	go func() {
		for _, in := range todo {
			if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
				break // CloseAndRecv says why
			}
		}
		resp, err := stream.CloseAndRecv()
		done <- result{resp, err}
	}()
	if killDelay >= 0 {
		committed := make(chan struct{})
		go func() {
			for {
				m, err := watch.Recv()
				if err != nil {
					return
				}
				if m.GetStarted() == nil { // a change, not word that the watch is live
					close(committed)
					return
				}
			}
		}()
		select {
		case res := <-done:
			done <- res // the ingest ended before a kill: check it below
		case <-committed:
			// The kill lands a random while after the first commit; the
			// delay is no bet: whenever it lands, the checks hold.
			time.Sleep(killDelay)
			if err := srv.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-srv.done
			return false
		}
	}
	res := <-done
	if res.err != nil {
		t.Fatalf("IngestArticles of %d articles: %v\n%s", len(todo), res.err, srv.log)
	}
	if int(res.resp.GetArticleCount()) != len(todo) || len(res.resp.GetFailures()) > 0 {
		t.Fatalf("IngestArticles of %d articles: %d stored, failures %v", len(todo), res.resp.GetArticleCount(), res.resp.GetFailures())
	}
	return true
}

// TestCrashDuringIngest SIGKILLs the server in the middle of a bulk ingest
// into bolt, restarts it on the same directory and checks that the store
// opens, that every article in it is whole, and that the ingest resumes and
// completes. Then it does the same with a re-ingest of every article,
// shortened by its first paragraph (a replace that removes more than it
// adds): after each kill every article holds exactly its old version or
// its new one. The long form (-crash.long or CLAIMGRAPH_CRASH_LONG=1)
// sends 400 long stories (24 paragraphs each) and kills 50 times during
// the ingest (-crash.kills or CLAIMGRAPH_CRASH_KILLS) and a fifth as many
// during the re-ingest, each kill a while after the first batch of that
// round's ingest is committed.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests thousands of articles")
	}
	// Cross-article linking makes each write cost more as the store grows
	// (every article here links to some others), so the short form keeps
	// to a few hundred articles.
	n, kills, article := 250, 2, crashArticle
	if *crashLong || os.Getenv("CLAIMGRAPH_CRASH_LONG") == "1" {
		n, kills, article = 400, *crashKills, longStory
		if k, err := strconv.Atoi(os.Getenv("CLAIMGRAPH_CRASH_KILLS")); err == nil {
			kills = k
		}
	}
	versions := map[string][]*claimgraphv1.ArticleInput{}
	all := make([][2]*claimgraphv1.ArticleInput, n)
	for i := range all {
		in := article(i)
		edited := proto.Clone(in).(*claimgraphv1.ArticleInput)
		edited.Text = withoutFirstParagraph(in.GetText())
		all[i] = [2]*claimgraphv1.ArticleInput{in, edited}
		versions[in.GetId()] = all[i][:]
	}
	dbPath := filepath.Join(t.TempDir(), "claimgraph.db")
	r := rand.New(rand.NewPCG(1, 2))
	stored := map[string]int{}
	for v, phaseKills := range []int{kills, max(1, kills/5)} {
		for round := 0; ; round++ {
			start := time.Now()
			srv := startServer(t, dbPath)
			c := dialTest(t, srv.addr)
			if round > 0 {
				stored = checkWhole(t, c, versions)
				t.Logf("version %d, restart %d: the store opened with %d whole articles", v, round, len(stored))
			}
			var todo []*claimgraphv1.ArticleInput
			for _, in := range all {
				if got, ok := stored[in[v].GetId()]; !ok || got < v {
					todo = append(todo, in[v])
				}
			}
			killDelay := time.Duration(-1)
			if round < phaseKills {
				// After a first batch is committed, while the next ones are
				// extracted or written.
				killDelay = time.Duration(r.IntN(400)) * time.Millisecond
			}
			if ingestUntil(t, srv, c, todo, killDelay) {
				stored = checkWhole(t, c, versions)
				for _, in := range all {
					if got, ok := stored[in[v].GetId()]; !ok || got != v {
						t.Errorf("after the ingest of version %d completed, article %q holds version %d (stored: %v)", v, in[v].GetId(), got, ok)
					}
				}
				srv.stop(t)
				t.Logf("version %d, round %d: ingest of %d articles completed in %v, after %d kills", v, round, len(todo), time.Since(start).Round(time.Millisecond), round)
				if round < phaseKills {
					t.Logf("the ingest completed before all %d kills: fewer articles were left than the kills needed", phaseKills)
				}
				break
			}
			if t.Failed() {
				return
			}
			t.Logf("version %d, round %d: killed %v after the first batch committed, in an ingest of %d articles (%v)", v, round, killDelay, len(todo), time.Since(start).Round(time.Millisecond))
		}
	}
}

// withoutFirstParagraph returns text without its first paragraph, or,
// with one paragraph, without its first sentence.
func withoutFirstParagraph(text string) string {
	if _, rest, ok := strings.Cut(text, "\n\n"); ok {
		return rest
	}
	_, rest, _ := strings.Cut(text, ". ")
	return rest
}
