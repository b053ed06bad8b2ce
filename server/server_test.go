package server_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// seedText is the seed article (published 2025-10-07).
var seedText = readTestdata("seed/gaza-diplomacy.txt")

// readTestdata returns a file of the repository's testdata folder; the
// package's tests cannot run without it.
func readTestdata(name string) string {
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type testEnv struct {
	client claimgraphv1.ClaimGraphServiceClient
	health healthpb.HealthClient
	conn   *grpc.ClientConn
}

// start serves a Service with cfg over a real in-memory store on bufconn
// and returns clients for it. opts are added to the gRPC server's.
func start(t testing.TB, cfg server.Config, opts ...grpc.ServerOption) *testEnv {
	t.Helper()
	return startOn(t, newTestStore(t), cfg, opts...)
}

// startOn is start over the given store.
func startOn(t testing.TB, store server.Store, cfg server.Config, opts ...grpc.ServerOption) *testEnv {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return startService(t, server.New(store, cfg), opts...)
}

// startService serves svc on bufconn and returns clients for it.
func startService(t testing.TB, svc *server.Service, opts ...grpc.ServerOption) *testEnv {
	t.Helper()
	gs := svc.NewGRPCServer(opts...)
	lis := bufconn.Listen(1 << 20)
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(16<<20), grpc.ForceCodec(badUTF8Codec{})),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &testEnv{client: claimgraphv1.NewClaimGraphServiceClient(conn), health: healthpb.NewHealthClient(conn), conn: conn}
}

// bad stands for invalid UTF-8 in requests: Go's protobuf refuses to
// encode invalid UTF-8, so badUTF8Codec encodes the request and then
// replaces bad with as many 0xff bytes, which keeps the encoding valid.
const bad = "@@BAD@@"

type badUTF8Codec struct{}

func (badUTF8Codec) Name() string { return "proto" }

func (badUTF8Codec) Marshal(v any) ([]byte, error) {
	b, err := proto.Marshal(v.(proto.Message))
	return bytes.ReplaceAll(b, []byte(bad), bytes.Repeat([]byte{0xff}, len(bad))), err
}

func (badUTF8Codec) Unmarshal(b []byte, v any) error { return proto.Unmarshal(b, v.(proto.Message)) }

func seedInput() *claimgraphv1.ArticleInput {
	return &claimgraphv1.ArticleInput{Id: "gaza-diplomacy", Text: seedText, Published: "2025-10-07", Title: "Gaza diplomacy"}
}

func (e *testEnv) ingestSeed(t testing.TB) *claimgraphv1.IngestArticleResponse {
	t.Helper()
	resp, err := e.client.IngestArticle(context.Background(), &claimgraphv1.IngestArticleRequest{Article: seedInput()})
	if err != nil {
		t.Fatalf("IngestArticle(seed): %v", err)
	}
	return resp
}

// wantStatus fails unless err has code want and, when field is not empty,
// a BadRequest field violation naming field.
func wantStatus(t testing.TB, err error, want codes.Code, field string) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != want {
		t.Fatalf("code = %v (%v); want %v", st.Code(), err, want)
	}
	if field == "" {
		return
	}
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				if v.GetField() == field {
					return
				}
			}
			t.Fatalf("field violations = %v; want one for %q", br.GetFieldViolations(), field)
		}
	}
	t.Fatalf("status %v has no BadRequest details; want a violation for %q", st, field)
}

func TestIngestArticleInvalid(t *testing.T) {
	e := start(t, server.Config{MaxArticleBytes: 1000})
	ok := func(mod func(*claimgraphv1.ArticleInput)) *claimgraphv1.ArticleInput {
		in := &claimgraphv1.ArticleInput{Id: "a1", Text: "قال الرئيس إن الوضع صعب.", Language: "ar", Published: "2025-10-07"}
		if mod != nil {
			mod(in)
		}
		return in
	}
	for _, tc := range []struct {
		name  string
		in    *claimgraphv1.ArticleInput
		field string
	}{
		{"no article", nil, "article"},
		{"no id", ok(func(a *claimgraphv1.ArticleInput) { a.Id = "" }), "article.id"},
		{"invalid UTF-8 id", ok(func(a *claimgraphv1.ArticleInput) { a.Id = "a" + bad }), "article.id"},
		{"empty text", ok(func(a *claimgraphv1.ArticleInput) { a.Text = "" }), "article.text"},
		{"blank text", ok(func(a *claimgraphv1.ArticleInput) { a.Text = " \n\t " }), "article.text"},
		{"invalid UTF-8 text", ok(func(a *claimgraphv1.ArticleInput) { a.Text = "said " + bad + " that" }), "article.text"},
		{"text over the limit", ok(func(a *claimgraphv1.ArticleInput) { a.Text = strings.Repeat("word ", 201) }), "article.text"},
		{"unknown language", ok(func(a *claimgraphv1.ArticleInput) { a.Language = "fr" }), "article.language"},
		{"bad date", ok(func(a *claimgraphv1.ArticleInput) { a.Published = "2025-13-40" }), "article.published"},
		{"date not ISO", ok(func(a *claimgraphv1.ArticleInput) { a.Published = "07/10/2025" }), "article.published"},
		{"invalid UTF-8 title", ok(func(a *claimgraphv1.ArticleInput) { a.Title = bad }), "article.title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.IngestArticle(context.Background(), &claimgraphv1.IngestArticleRequest{Article: tc.in})
			wantStatus(t, err, codes.InvalidArgument, tc.field)
		})
	}
	t.Run("valid", func(t *testing.T) {
		if _, err := e.client.IngestArticle(context.Background(), &claimgraphv1.IngestArticleRequest{Article: ok(nil)}); err != nil {
			t.Fatalf("IngestArticle(valid) = %v", err)
		}
	})
}

func TestExtractStoresNothing(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	resp, err := e.client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: &claimgraphv1.ArticleInput{Text: seedText, Published: "2025-10-07"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetExtraction().GetStatements()) == 0 {
		t.Errorf("Extract(seed) found no statements")
	}
	list, err := e.client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(list.GetArticles()); n != 0 {
		t.Errorf("after Extract, ListArticles has %d articles; want 0", n)
	}
	_, err = e.client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: &claimgraphv1.ArticleInput{Text: "x", Language: "de"}})
	wantStatus(t, err, codes.InvalidArgument, "article.language")
}

func TestIngestAndRead(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	first := e.ingestSeed(t)
	a := first.GetArticle()
	if a.GetId() != "gaza-diplomacy" || a.GetPublished() != "2025-10-07" || a.GetLanguage() != "ar" {
		t.Errorf("IngestArticle(seed).Article = %v; want id gaza-diplomacy, published 2025-10-07, language ar", a)
	}
	if a.GetQuadCount() == 0 || a.GetStatementCount() == 0 || a.GetIngestTime() == nil {
		t.Errorf("IngestArticle(seed).Article = %v; want quads, statements and an ingest time", a)
	}
	again := e.ingestSeed(t)
	if got, want := again.GetArticle().GetQuadCount(), a.GetQuadCount(); got != want {
		t.Errorf("re-ingest: quad count = %d; want %d", got, want)
	}

	got, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "gaza-diplomacy"})
	if err != nil {
		t.Fatal(err)
	}
	if got.GetArticle().GetContentHash() != a.GetContentHash() {
		t.Errorf("GetArticle hash = %q; want %q", got.GetArticle().GetContentHash(), a.GetContentHash())
	}

	for _, speaker := range []string{"Trump", "ترامب"} {
		resp, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{Speaker: speaker})
		if err != nil {
			t.Fatalf("ListStatements(speaker %q): %v", speaker, err)
		}
		direct := false
		for _, s := range resp.GetStatements() {
			direct = direct || s.GetKind() == claimgraphv1.StatementKind_STATEMENT_KIND_DIRECT
		}
		if n := len(resp.GetStatements()); n < 5 || !direct {
			t.Errorf("ListStatements(speaker %q): %d statements, direct quote %v; want at least 5 and a direct quote", speaker, n, direct)
		}
	}

	figs, err := e.client.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{ArticleId: "gaza-diplomacy"})
	if err != nil {
		t.Fatal(err)
	}
	values := map[float64]bool{}
	for _, f := range figs.GetFigures() {
		values[f.GetValue()] = f.GetApproximate() || values[f.GetValue()]
	}
	if approx, ok := values[12000]; !ok || !approx {
		t.Errorf("ListFigures: 12000 present %v approximate %v; want an approximate 12000", ok, approx)
	}
	if _, ok := values[251]; !ok {
		t.Errorf("ListFigures: no 251 among %v", values)
	}

	actors, err := e.client.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: "ترامب"})
	if err != nil {
		t.Fatal(err)
	}
	if len(actors.GetActors()) == 0 {
		t.Fatalf("SearchActors(ترامب) found nothing")
	}
	actor, err := e.client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: actors.GetActors()[0].GetId()})
	if err != nil {
		t.Fatal(err)
	}
	if len(actor.GetArticleIds()) != 1 || actor.GetArticleIds()[0] != "gaza-diplomacy" {
		t.Errorf("GetActor(%s).ArticleIds = %v; want [gaza-diplomacy]", actor.GetActor().GetId(), actor.GetArticleIds())
	}

	if _, err := e.client.ListEvents(ctx, &claimgraphv1.ListEventsRequest{DateFrom: "2023", DateTo: "2025-10-07"}); err != nil {
		t.Errorf("ListEvents(2023..2025-10-07): %v", err)
	}

	del, err := e.client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: "gaza-diplomacy"})
	if err != nil {
		t.Fatal(err)
	}
	if del.GetQuadCount() != a.GetQuadCount() {
		t.Errorf("DeleteArticle removed %d quads; want %d", del.GetQuadCount(), a.GetQuadCount())
	}
	_, err = e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "gaza-diplomacy"})
	wantStatus(t, err, codes.NotFound, "")
	_, err = e.client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: "gaza-diplomacy"})
	wantStatus(t, err, codes.NotFound, "")
}

func TestNotFoundAndMissingIDs(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	_, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "nope"})
	wantStatus(t, err, codes.NotFound, "")
	_, err = e.client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: "nope"})
	wantStatus(t, err, codes.NotFound, "")
	_, err = e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{})
	wantStatus(t, err, codes.InvalidArgument, "id")
	_, err = e.client.GetActor(ctx, &claimgraphv1.GetActorRequest{})
	wantStatus(t, err, codes.InvalidArgument, "id")
	_, err = e.client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{})
	wantStatus(t, err, codes.InvalidArgument, "id")
}

func TestListValidation(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	c := e.client
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"articles negative page_size", func() error {
			_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: -1})
			return err
		}, "page_size"},
		{"articles bad language", func() error {
			_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{Language: "xx"})
			return err
		}, "language"},
		{"articles garbage token", func() error {
			_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageToken: "not a token!"})
			return err
		}, "page_token"},
		{"actors negative page_size", func() error {
			_, err := c.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{PageSize: -5})
			return err
		}, "page_size"},
		{"actors bad kind", func() error {
			_, err := c.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Kind: 42})
			return err
		}, "kind"},
		{"statements negative page_size", func() error {
			_, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: -1})
			return err
		}, "page_size"},
		{"statements invalid UTF-8 speaker", func() error {
			_, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{Speaker: bad})
			return err
		}, "speaker"},
		{"figures forged token", func() error {
			_, err := c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{PageToken: "AQAAAAAAAAAAAAAAAGZvbw"})
			return err
		}, "page_token"},
		{"events bad date_from", func() error {
			_, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{DateFrom: "2023-1"})
			return err
		}, "date_from"},
		{"events bad date_to", func() error {
			_, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{DateTo: "2023-02-30"})
			return err
		}, "date_to"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantStatus(t, tc.call(), codes.InvalidArgument, tc.field) })
	}
}

// TestPaging walks the seed's statements two at a time and checks that the
// pages add up to the whole list, that a huge page_size is clamped rather
// than refused, and that a token is bound to its filter.
func TestPaging(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)
	all, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: 5000})
	if err != nil {
		t.Fatalf("ListStatements(page_size 5000) = %v; want it clamped to 1000", err)
	}
	if all.GetNextPageToken() != "" || len(all.GetStatements()) < 3 {
		t.Fatalf("ListStatements(page_size 5000): %d statements, next %q; want all of them at once", len(all.GetStatements()), all.GetNextPageToken())
	}
	var ids []string
	token := ""
	for pages := 0; ; pages++ {
		if pages > len(all.GetStatements()) {
			t.Fatalf("paging does not end")
		}
		resp, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: 2, PageToken: token})
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		if len(resp.GetStatements()) > 2 {
			t.Fatalf("page %d has %d statements; want at most 2", pages, len(resp.GetStatements()))
		}
		for _, s := range resp.GetStatements() {
			ids = append(ids, s.GetId())
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
		if pages == 0 {
			_, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: 2, PageToken: token, Speaker: "Trump"})
			wantStatus(t, err, codes.InvalidArgument, "page_token")
			_, err = e.client.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{PageToken: token})
			wantStatus(t, err, codes.InvalidArgument, "page_token")
			tampered := []byte(token)
			tampered[len(tampered)-1] ^= 1
			_, err = e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: 2, PageToken: string(tampered)})
			wantStatus(t, err, codes.InvalidArgument, "page_token")
		}
	}
	if len(ids) != len(all.GetStatements()) {
		t.Fatalf("paging by 2 gave %d statements; want %d", len(ids), len(all.GetStatements()))
	}
	for i, s := range all.GetStatements() {
		if ids[i] != s.GetId() {
			t.Errorf("statement %d: paged id %q; want %q", i, ids[i], s.GetId())
		}
	}
}

func TestIngestArticlesStream(t *testing.T) {
	e := start(t, server.Config{IngestBatchArticles: 2})
	ctx := context.Background()
	stream, err := e.client.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inputs := []*claimgraphv1.ArticleInput{
		seedInput(),
		{Id: "en-1", Text: "The minister said that talks would resume on Monday.", Language: "en", Published: "2025-10-06"},
		{Id: "empty", Text: ""},
		{Id: "en-2", Text: "Officials said more than 300 people were evacuated.", Language: "en"},
		{Id: "bad-date", Text: "He said so.", Published: "yesterday"},
		{Id: "en-3", Text: "\"We will rebuild,\" the mayor said.", Language: "en"},
		{Id: "bad-utf8", Text: "He said " + bad},
	}
	for _, in := range inputs {
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetArticleCount() != 4 || resp.GetQuadCount() == 0 {
		t.Errorf("IngestArticles: %d articles, %d quads; want 4 articles and some quads", resp.GetArticleCount(), resp.GetQuadCount())
	}
	type failure struct {
		index     int32
		id, field string
	}
	var got []failure
	for _, f := range resp.GetFailures() {
		got = append(got, failure{f.GetIndex(), f.GetArticleId(), f.GetField()})
	}
	want := []failure{{2, "empty", "article.text"}, {4, "bad-date", "article.published"}, {6, "bad-utf8", "article.text"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("IngestArticles failures = %v; want %v", got, want)
	}
	list, err := e.client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(list.GetArticles()); n != 4 {
		t.Errorf("ListArticles after bulk ingest: %d articles; want 4", n)
	}
}

func TestQuery(t *testing.T) {
	e := start(t, server.Config{MaxQueryResults: 3})
	ctx := context.Background()
	e.ingestSeed(t)
	run := func(req *claimgraphv1.QueryRequest) ([]string, error) { return queryAll(ctx, e.client, req) }

	t.Run("gizmo capped", func(t *testing.T) {
		got, err := run(&claimgraphv1.QueryRequest{Query: "g.V().all()"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Errorf("g.V().all() with a cap of 3 gave %d results; want 3", len(got))
		}
		got, err = run(&claimgraphv1.QueryRequest{Query: "g.V().all()", Limit: 1})
		if err != nil || len(got) != 1 {
			t.Errorf("g.V().all() with limit 1 gave %d results, %v; want 1", len(got), err)
		}
	})
	t.Run("endless", func(t *testing.T) {
		_, err := run(&claimgraphv1.QueryRequest{Query: "while(true){}", Timeout: durationpb.New(50 * time.Millisecond)})
		wantStatus(t, err, codes.DeadlineExceeded, "")
		resp, err := e.health.Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Fatalf("health after an endless query = %v, %v; want SERVING", resp, err)
		}
		if _, err := run(&claimgraphv1.QueryRequest{Query: "g.V().all()", Limit: 1}); err != nil {
			t.Errorf("a query after an endless one: %v", err)
		}
	})
	t.Run("call deadline", func(t *testing.T) {
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		stream, err := e.client.Query(cctx, &claimgraphv1.QueryRequest{Query: "while(true){}"})
		if err == nil {
			_, err = stream.Recv()
		}
		wantStatus(t, err, codes.DeadlineExceeded, "")
	})
	for _, tc := range []struct {
		name  string
		req   *claimgraphv1.QueryRequest
		field string
	}{
		{"syntax error", &claimgraphv1.QueryRequest{Query: "g.V(("}, "query"},
		{"empty", &claimgraphv1.QueryRequest{}, "query"},
		{"bad language", &claimgraphv1.QueryRequest{Query: "x", Language: 9}, "language"},
		{"negative limit", &claimgraphv1.QueryRequest{Query: "g.V().all()", Limit: -1}, "limit"},
		{"negative timeout", &claimgraphv1.QueryRequest{Query: "g.V().all()", Timeout: durationpb.New(-time.Second)}, "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(tc.req)
			wantStatus(t, err, codes.InvalidArgument, tc.field)
		})
	}
}

func TestExportQuads(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	a := e.ingestSeed(t).GetArticle()
	for _, id := range []string{"gaza-diplomacy", ""} {
		stream, err := e.client.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: id})
		if err != nil {
			t.Fatal(err)
		}
		var lines int64
		var all strings.Builder
		for {
			r, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			// Chunks end at a line end, unless a line is longer than a
			// chunk: then it comes in full chunks.
			chunk := r.GetNquads()
			if len(chunk) > 64<<10 {
				t.Fatalf("ExportQuads(%q): a chunk of %d bytes; want at most 64 KiB", id, len(chunk))
			}
			if !strings.HasSuffix(chunk, "\n") && len(chunk) < 64<<10 {
				t.Fatalf("ExportQuads(%q): a short chunk does not end a line: ...%q", id, chunk[max(0, len(chunk)-40):])
			}
			lines += int64(strings.Count(chunk, "\n"))
			all.WriteString(chunk)
		}
		if _, err := quad.ReadAll(nquads.NewReader(strings.NewReader(all.String()), false)); err != nil {
			t.Errorf("ExportQuads(%q): the chunks joined do not parse: %v", id, err)
		}
		if id != "" && lines != a.GetQuadCount() {
			t.Errorf("ExportQuads(%q) = %d lines; want the article's %d quads", id, lines, a.GetQuadCount())
		}
		if id == "" && lines < a.GetQuadCount() {
			t.Errorf("ExportQuads() = %d lines; want at least the article's %d quads", lines, a.GetQuadCount())
		}
	}
}

func TestHealth(t *testing.T) {
	e := start(t, server.Config{})
	for _, svc := range []string{"", "claimgraph.v1.ClaimGraphService"} {
		resp, err := e.health.Check(context.Background(), &healthpb.HealthCheckRequest{Service: svc})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("Check(%q) = %v, %v; want SERVING", svc, resp, err)
		}
	}
}

// The benchmarks compare the service with its own ceiling in one run: a
// health check is the cost of a gRPC call over bufconn with nothing behind it.

func BenchmarkHealthCheck(b *testing.B) {
	e := start(b, server.Config{})
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.health.Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListStatementsBySpeaker(b *testing.B) {
	e := start(b, server.Config{})
	ctx := context.Background()
	e.ingestSeed(b)
	for b.Loop() {
		if _, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{Speaker: "ترامب"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIngestSeed(b *testing.B) {
	e := start(b, server.Config{})
	ctx := context.Background()
	req := &claimgraphv1.IngestArticleRequest{Article: seedInput()}
	for b.Loop() {
		if _, err := e.client.IngestArticle(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// TestQueryConcurrencyLimit holds the only query slot with an endless query
// and checks that another query is ResourceExhausted meanwhile. Which of two
// queries gets the slot first is up to the scheduler: an endless query that
// was refused is started again.
func TestQueryConcurrencyLimit(t *testing.T) {
	e := start(t, server.Config{MaxConcurrentQueries: 1, QueryTimeout: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ended := make(chan error, 1)
	startEndless := func() {
		endless, err := e.client.Query(ctx, &claimgraphv1.QueryRequest{Query: "while(true){}"})
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			_, err := endless.Recv()
			ended <- err
		}()
	}
	startEndless()
	for {
		select {
		case err := <-ended:
			if status.Code(err) != codes.ResourceExhausted {
				t.Fatalf("the endless query ended: %v", err)
			}
			startEndless()
		default:
		}
		stream, err := e.client.Query(context.Background(), &claimgraphv1.QueryRequest{Query: "g.V().limit(1).all()"})
		for err == nil {
			_, err = stream.Recv()
		}
		if status.Code(err) == codes.ResourceExhausted {
			break
		}
		if !errors.Is(err, io.EOF) {
			t.Fatalf("second query: %v; want ResourceExhausted or success", err)
		}
	}
	cancel()
	if err := <-ended; status.Code(err) != codes.Canceled {
		t.Errorf("the endless query after cancel: %v; want Canceled", err)
	}
}
