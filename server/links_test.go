package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// tollText gives 67,000 killed in Gaza since 2023-10-07, where the seed
// gives about 12,000 for the same date: the two conflict.
var tollText = readTestdata("fact-tracking/health-ministry-toll.txt")

const tollID = "health-ministry-toll"

func tollInput() *claimgraphv1.ArticleInput {
	return &claimgraphv1.ArticleInput{Id: tollID, Text: tollText, Published: "2025-10-07", Publisher: "Gaza wire"}
}

// serve serves svc over bufconn and returns a client for it.
func serve(t testing.TB, svc *server.Service) claimgraphv1.ClaimGraphServiceClient {
	t.Helper()
	gs := svc.NewGRPCServer()
	lis := bufconn.Listen(1 << 20)
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return claimgraphv1.NewClaimGraphServiceClient(conn)
}

func quietConfig() server.Config {
	return server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (e *testEnv) ingest(t testing.TB, in *claimgraphv1.ArticleInput) {
	t.Helper()
	if _, err := e.client.IngestArticle(context.Background(), &claimgraphv1.IngestArticleRequest{Article: in}); err != nil {
		t.Fatalf("IngestArticle(%s): %v", in.GetId(), err)
	}
}

// The done-when: the seed and an article giving 67,000 killed in
// Gaza the same day conflict, and the conflict names both sources.
func TestListConflictsSeed(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)
	e.ingest(t, tollInput())

	for _, measure := range []string{"", "killed@gaza"} {
		resp, err := e.client.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{Measure: measure})
		if err != nil {
			t.Fatalf("ListConflicts(%q): %v", measure, err)
		}
		var found *claimgraphv1.Conflict
		for _, c := range resp.GetConflicts() {
			arts := []string{c.GetFromArticle().GetId(), c.GetToArticle().GetId()}
			if strings.Join(arts, " ") == tollID+" gaza-diplomacy" || strings.Join(arts, " ") == "gaza-diplomacy "+tollID {
				found = c
			}
		}
		if found == nil {
			t.Fatalf("ListConflicts(%q) = %v; want a conflict between %s and the seed", measure, resp.GetConflicts(), tollID)
		}
		l := found.GetLink()
		if l.GetKind() != claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS || l.GetKey() != "killed@gaza" {
			t.Errorf("conflict link = %v; want FIGURE_CONFLICTS of killed@gaza", l)
		}
		values := map[string]float64{
			found.GetFromArticle().GetId(): found.GetFromFigure().GetValue(),
			found.GetToArticle().GetId():   found.GetToFigure().GetValue(),
		}
		if values[tollID] != 67000 || values["gaza-diplomacy"] != 12000 {
			t.Errorf("conflict figures = %v; want 67000 from %s and 12000 from the seed", values, tollID)
		}
		for _, end := range []*claimgraphv1.LinkEnd{l.GetFrom(), l.GetTo()} {
			if end.Value == nil || end.GetText() == "" || end.GetDate() == "" {
				t.Errorf("conflict end %v; want its value, text and date", end)
			}
		}
		for _, a := range []*claimgraphv1.Article{found.GetFromArticle(), found.GetToArticle()} {
			if a.GetPublished() != "2025-10-07" {
				t.Errorf("conflict article %v; want it published 2025-10-07", a)
			}
		}
	}
	resp, err := e.client.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{Measure: "no-such-measure"})
	if err != nil || len(resp.GetConflicts()) != 0 {
		t.Errorf("ListConflicts(no-such-measure) = %v, %v; want none", resp, err)
	}
}

func TestTrackMeasure(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)
	e.ingest(t, tollInput())

	measures, err := e.client.ListMeasures(ctx, &claimgraphv1.ListMeasuresRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(measures.GetMeasures(), "killed@gaza") {
		t.Fatalf("ListMeasures = %v; want killed@gaza among them", measures.GetMeasures())
	}
	resp, err := e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@gaza"})
	if err != nil {
		t.Fatal(err)
	}
	var values []float64
	for _, f := range resp.GetFigures() {
		values = append(values, f.GetValue())
	}
	if len(values) < 2 || !containsFloat(values, 67000) || !containsFloat(values, 12000) {
		t.Errorf("TrackMeasure(killed@gaza) figures = %v; want 12000 and 67000", values)
	}
	var articles []string
	for _, a := range resp.GetArticles() {
		articles = append(articles, a.GetId())
	}
	if !contains(articles, tollID) || !contains(articles, "gaza-diplomacy") {
		t.Errorf("TrackMeasure articles = %v; want both sources", articles)
	}
	conflict := false
	for _, l := range resp.GetLinks() {
		conflict = conflict || (l.GetKind() == claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS && l.GetFrom().GetText() != "")
	}
	if !conflict {
		t.Errorf("TrackMeasure links = %v; want the conflict, with the figures' text", resp.GetLinks())
	}

	// Page by page, one figure a page: the same series, every link with
	// both ends' text, and tokens bound to their measure.
	whole, err := e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@gaza", PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if whole.GetNextPageToken() != "" {
		t.Errorf("TrackMeasure(page_size 1000) next_page_token = %q; want the last page", whole.GetNextPageToken())
	}
	figID := func(f *claimgraphv1.Figure) string { return f.GetArticleId() + "/" + f.GetId() }
	var want, got []string
	for _, f := range whole.GetFigures() {
		want = append(want, figID(f))
	}
	token := ""
	for pages := 0; ; pages++ {
		if pages > len(want) {
			t.Fatalf("TrackMeasure(page_size 1): more than %d pages", len(want))
		}
		page, err := e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@gaza", PageSize: 1, PageToken: token})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.GetFigures()) != 1 || len(page.GetArticles()) != 1 {
			t.Fatalf("TrackMeasure(page_size 1) = %d figures, %d articles; want one each", len(page.GetFigures()), len(page.GetArticles()))
		}
		got = append(got, figID(page.GetFigures()[0]))
		for _, l := range page.GetLinks() {
			if l.GetFrom().GetText() == "" || l.GetTo().GetText() == "" {
				t.Errorf("TrackMeasure(page_size 1) link %v lacks an end's text", l)
			}
		}
		if token = page.GetNextPageToken(); token == "" {
			break
		}
		if pages == 0 {
			_, err := e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@west-bank", PageToken: token})
			wantStatus(t, err, codes.InvalidArgument, "page_token")
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("TrackMeasure pages = %v; want %v", got, want)
	}
	_, err = e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@gaza", PageSize: -1})
	wantStatus(t, err, codes.InvalidArgument, "page_size")

	_, err = e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "no-such-measure"})
	wantStatus(t, err, codes.NotFound, "")
	_, err = e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{})
	wantStatus(t, err, codes.InvalidArgument, "measure")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsFloat(list []float64, f float64) bool {
	for _, v := range list {
		if v == f {
			return true
		}
	}
	return false
}

// ingestStory ingests every article of testdata/story.
func (e *testEnv) ingestStory(t testing.TB) {
	t.Helper()
	b, err := os.ReadFile("../testdata/story/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	stream, err := e.client.IngestArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		in := new(claimgraphv1.ArticleInput)
		if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal([]byte(line), in); err != nil {
			t.Fatal(err)
		}
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil || len(resp.GetFailures()) > 0 {
		t.Fatalf("IngestArticles(story) = %v, %v", resp, err)
	}
}

func TestListLinks(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestStory(t)

	all, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[claimgraphv1.LinkKind]int{}
	for _, l := range all.GetLinks() {
		kinds[l.GetKind()]++
		if l.GetFrom().GetArticleId() == l.GetTo().GetArticleId() {
			t.Errorf("link %v joins an article to itself", l)
		}
		figure := strings.HasPrefix(l.GetKind().String(), "LINK_KIND_FIGURE_")
		if (l.GetFrom().Value != nil) != figure || (l.GetTo().Value != nil) != figure {
			t.Errorf("link %v: ends have values %v; want them on figure links only", l, figure)
		}
	}
	for _, k := range []claimgraphv1.LinkKind{claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM, claimgraphv1.LinkKind_LINK_KIND_FIGURE_AGREES, claimgraphv1.LinkKind_LINK_KIND_SAME_EVENT} {
		if kinds[k] == 0 {
			t.Errorf("story links by kind = %v; want some %v", kinds, k)
		}
	}

	t.Run("kind filter", func(t *testing.T) {
		resp, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{Kind: claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM, PageSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.GetLinks()) != kinds[claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM] {
			t.Errorf("ListLinks(SAME_CLAIM) = %d links; want %d", len(resp.GetLinks()), kinds[claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM])
		}
		for _, l := range resp.GetLinks() {
			if l.GetKind() != claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM {
				t.Errorf("ListLinks(SAME_CLAIM) gave %v", l)
			}
		}
	})
	t.Run("article filter", func(t *testing.T) {
		resp, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{ArticleId: "en-wire-1007", PageSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.GetLinks()) == 0 {
			t.Error("ListLinks(article en-wire-1007) is empty")
		}
		for _, l := range resp.GetLinks() {
			if l.GetFrom().GetArticleId() != "en-wire-1007" && l.GetTo().GetArticleId() != "en-wire-1007" {
				t.Errorf("ListLinks(article en-wire-1007) gave %v", l)
			}
		}
	})
	t.Run("pages", func(t *testing.T) {
		var got int
		token := ""
		for {
			resp, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{PageSize: 3, PageToken: token})
			if err != nil {
				t.Fatal(err)
			}
			got += len(resp.GetLinks())
			if token = resp.GetNextPageToken(); token == "" {
				break
			}
			// The token is bound to its filter.
			_, err = e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{Kind: claimgraphv1.LinkKind_LINK_KIND_SAME_EVENT, PageSize: 3, PageToken: token})
			wantStatus(t, err, codes.InvalidArgument, "page_token")
		}
		if got != len(all.GetLinks()) {
			t.Errorf("paging by 3 gave %d links; want %d", got, len(all.GetLinks()))
		}
	})
	t.Run("invalid", func(t *testing.T) {
		_, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{Kind: 99})
		wantStatus(t, err, codes.InvalidArgument, "kind")
		_, err = e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{PageSize: -1})
		wantStatus(t, err, codes.InvalidArgument, "page_size")
	})
}

func TestClaims(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestStory(t)

	resp, err := e.client.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{Speaker: "Trump"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetClaims()) == 0 {
		t.Fatal("ListClaims(Trump) is empty")
	}
	for _, c := range resp.GetClaims() {
		if c.GetSpeakerId() != "donald-trump" || len(c.GetStatements()) < 2 || len(c.GetArticleIds()) < 2 || c.GetFirstReported() == "" {
			t.Errorf("claim %v; want Trump's, reported by two articles or more, with dates", c)
		}
		if c.GetFirstReported() > c.GetLastReported() {
			t.Errorf("claim %s first reported %s, after its last report %s", c.GetId(), c.GetFirstReported(), c.GetLastReported())
		}
	}
	first := resp.GetClaims()[0]
	got, err := e.client.GetClaim(ctx, &claimgraphv1.GetClaimRequest{Id: first.GetId()})
	if err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(got.GetClaim(), first) {
		t.Errorf("GetClaim(%s) = %v; want %v as listed", first.GetId(), got.GetClaim(), first)
	}
	_, err = e.client.GetClaim(ctx, &claimgraphv1.GetClaimRequest{Id: "claim/nope/s1"})
	wantStatus(t, err, codes.NotFound, "")
	_, err = e.client.GetClaim(ctx, &claimgraphv1.GetClaimRequest{})
	wantStatus(t, err, codes.InvalidArgument, "id")

	none, err := e.client.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{Speaker: "nobody-at-all"})
	if err != nil || len(none.GetClaims()) != 0 {
		t.Errorf("ListClaims(nobody-at-all) = %v, %v; want none", none, err)
	}
}

func TestNeighborhood(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)

	resp, err := e.client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "Trump"})
	if err != nil {
		t.Fatal(err)
	}
	nodes := resp.GetNodes()
	if len(nodes) == 0 || nodes[0].GetId() != graph.NodeIRI("actor", "donald-trump") || nodes[0].GetLabel() != "Donald Trump" {
		t.Fatalf("Neighborhood(Trump) starts with %v; want Donald Trump's node", nodes)
	}
	ids := map[string]bool{}
	statements := 0
	for _, n := range nodes {
		ids[n.GetId()] = true
		if n.GetType() == "Statement" {
			statements++
		}
	}
	if statements < 5 {
		t.Errorf("Neighborhood(Trump) has %d statements; want his five or more", statements)
	}
	for _, edge := range resp.GetEdges() {
		if !ids[edge.GetSubject()] || edge.GetLiteral() == ids[edge.GetObject()] {
			t.Errorf("edge %v: subject not a node, or literal %v wrong", edge, edge.GetLiteral())
		}
	}

	small, err := e.client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "donald-trump", Depth: 2, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(small.GetNodes()) != 3 || !small.GetTruncated() {
		t.Errorf("Neighborhood(limit 3) = %d nodes, truncated %v; want 3, truncated", len(small.GetNodes()), small.GetTruncated())
	}

	for _, tc := range []struct {
		name  string
		req   *claimgraphv1.NeighborhoodRequest
		code  codes.Code
		field string
	}{
		{"no node", &claimgraphv1.NeighborhoodRequest{}, codes.InvalidArgument, "node"},
		{"too deep", &claimgraphv1.NeighborhoodRequest{Node: "Trump", Depth: 4}, codes.InvalidArgument, "depth"},
		{"negative depth", &claimgraphv1.NeighborhoodRequest{Node: "Trump", Depth: -1}, codes.InvalidArgument, "depth"},
		{"negative limit", &claimgraphv1.NeighborhoodRequest{Node: "Trump", Limit: -1}, codes.InvalidArgument, "limit"},
		{"unknown node", &claimgraphv1.NeighborhoodRequest{Node: "nobody-at-all"}, codes.NotFound, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.Neighborhood(ctx, tc.req)
			wantStatus(t, err, tc.code, tc.field)
		})
	}
}

func TestFindPaths(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)

	resp, err := e.client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "Trump", To: "Witkoff"})
	if err != nil {
		t.Fatal(err)
	}
	paths := resp.GetPaths()
	if len(paths) == 0 {
		t.Fatal("FindPaths(Trump, Witkoff) found no path")
	}
	trump, witkoff := graph.NodeIRI("actor", "donald-trump"), graph.NodeIRI("actor", "steve-witkoff")
	for i, p := range paths {
		edges := p.GetEdges()
		if len(edges) == 0 {
			t.Fatalf("path %d is empty", i)
		}
		if i > 0 && len(edges) < len(paths[i-1].GetEdges()) {
			t.Errorf("path %d has %d edges, fewer than path %d: want shortest first", i, len(edges), i-1)
		}
		first, last := edges[0], edges[len(edges)-1]
		if (first.GetSubject() != trump && first.GetObject() != trump) || (last.GetSubject() != witkoff && last.GetObject() != witkoff) {
			t.Errorf("path %d = %v; want it from Trump to Witkoff", i, edges)
		}
	}
	one, err := e.client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "Trump", To: "Witkoff", Limit: 1})
	if err != nil || len(one.GetPaths()) != 1 {
		t.Errorf("FindPaths(limit 1) = %d paths, %v; want 1", len(one.GetPaths()), err)
	}

	for _, tc := range []struct {
		name  string
		req   *claimgraphv1.FindPathsRequest
		code  codes.Code
		field string
	}{
		{"no from", &claimgraphv1.FindPathsRequest{To: "Trump"}, codes.InvalidArgument, "from"},
		{"no to", &claimgraphv1.FindPathsRequest{From: "Trump"}, codes.InvalidArgument, "to"},
		{"too deep", &claimgraphv1.FindPathsRequest{From: "Trump", To: "Witkoff", MaxDepth: 7}, codes.InvalidArgument, "max_depth"},
		{"negative limit", &claimgraphv1.FindPathsRequest{From: "Trump", To: "Witkoff", Limit: -1}, codes.InvalidArgument, "limit"},
		{"unknown node", &claimgraphv1.FindPathsRequest{From: "Trump", To: "nobody-at-all"}, codes.NotFound, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.FindPaths(ctx, tc.req)
			wantStatus(t, err, tc.code, tc.field)
		})
	}
}

// watch starts a watch on client and returns once the server has said it
// is subscribed (its first message), so that every later write is
// delivered.
func watch(t testing.TB, ctx context.Context, client claimgraphv1.ClaimGraphServiceClient) claimgraphv1.ClaimGraphService_WatchClaimsClient {
	t.Helper()
	stream, err := client.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := stream.Recv()
	if err != nil {
		t.Fatalf("WatchClaims: %v", err)
	}
	if first.GetStarted().GetStartTime() == nil || first.GetArticleId() != "" {
		t.Fatalf("WatchClaims sent first %v; want started, with its time", first)
	}
	return stream
}

// The done-when: a subscribed client gets the conflict when the
// article that causes it is ingested.
func TestWatchClaimsConflict(t *testing.T) {
	e := start(t, server.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream := watch(t, ctx, e.client)
	e.ingestSeed(t)
	e.ingest(t, tollInput())

	var statements, claims int
	for {
		resp, err := stream.Recv()
		if err != nil {
			t.Fatalf("WatchClaims ended before the conflict (%d statements, %d claims): %v", statements, claims, err)
		}
		switch c := resp.GetChange().(type) {
		case *claimgraphv1.WatchClaimsResponse_Statement:
			statements++
			if c.Statement.GetArticleId() != resp.GetArticleId() {
				t.Errorf("statement %v sent for article %s", c.Statement, resp.GetArticleId())
			}
		case *claimgraphv1.WatchClaimsResponse_Claim:
			claims++
		case *claimgraphv1.WatchClaimsResponse_Link:
			l := c.Link
			if l.GetKind() == claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS && l.GetKey() == "killed@gaza" {
				if resp.GetArticleId() != tollID {
					t.Errorf("conflict sent for article %q; want %q, whose write caused it", resp.GetArticleId(), tollID)
				}
				if statements == 0 {
					t.Error("conflict came before any statement")
				}
				return
			}
		default:
			t.Errorf("change %v has nothing set", resp)
		}
	}
}

// TestWatchClaimsEnds checks how a watch ends: the client cancelling, the
// server shutting down.
func TestWatchClaimsEnds(t *testing.T) {
	store := newTestStore(t)
	svc := server.New(store, quietConfig())
	client := serve(t, svc)

	ctx, cancel := context.WithCancel(context.Background())
	stream := watch(t, ctx, client)
	cancel()
	_, err := stream.Recv()
	wantStatus(t, err, codes.Canceled, "")

	stream = watch(t, context.Background(), client)
	svc.Shutdown()
	_, err = stream.Recv()
	wantStatus(t, err, codes.Unavailable, "")
	_, err = watchRecv(client)
	wantStatus(t, err, codes.Unavailable, "")
}

// watchRecv starts a watch and returns what comes after its started
// message, or how it ends before that.
func watchRecv(client claimgraphv1.ClaimGraphServiceClient) (*claimgraphv1.WatchClaimsResponse, error) {
	stream, err := client.WatchClaims(context.Background(), &claimgraphv1.WatchClaimsRequest{})
	if err != nil {
		return nil, err
	}
	resp, err := stream.Recv()
	if err != nil || resp.GetStarted() == nil {
		return resp, err
	}
	return stream.Recv()
}

// droppingStore drops every subscription at once, as the store does with a
// subscriber that fell behind.
type droppingStore struct{ server.Store }

func (droppingStore) Subscribe(context.Context, int) <-chan graph.Change {
	ch := make(chan graph.Change)
	close(ch)
	return ch
}

func TestWatchClaimsFellBehind(t *testing.T) {
	client := serve(t, server.New(droppingStore{newTestStore(t)}, quietConfig()))
	_, err := watchRecv(client)
	wantStatus(t, err, codes.ResourceExhausted, "")
	if !strings.Contains(err.Error(), "fell behind") {
		t.Errorf("error %q does not say the watch fell behind", err)
	}
}

func TestWatchClaimsStoreClosed(t *testing.T) {
	st, err := graph.Open(context.Background(), graph.Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	client := serve(t, server.New(st, quietConfig()))
	stream := watch(t, context.Background(), client)
	st.Close()
	_, err = stream.Recv()
	wantStatus(t, err, codes.Unavailable, "")
}

func TestFigureValueZeroInJSON(t *testing.T) {
	f := server.FigureToProto("a", &extract.Figure{ID: "f1", Measure: "killed"})
	b, err := protojson.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(string(b), " ", ""), `"value":0`) {
		t.Errorf("figure of value 0 as JSON = %s; want \"value\": 0", b)
	}
}
