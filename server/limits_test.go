package server_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// queryAll runs a raw query and returns its results (the truncation marker
// is not one).
func queryAll(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient, req *claimgraphv1.QueryRequest) ([]string, error) {
	stream, err := c.Query(ctx, req)
	if err != nil {
		return nil, err
	}
	var out []string
	for {
		r, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if r.GetTruncated() {
			continue // the marker that the cap cut the results carries none
		}
		out = append(out, r.GetResultJson())
	}
}

// exportLines returns the N-Quads of the store (articleID "") or of one
// article, one quad per element, sorted.
func exportLines(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient, articleID string) ([]string, error) {
	stream, err := c.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: articleID})
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for {
		r, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		b.WriteString(r.GetNquads())
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	sort.Strings(lines)
	return lines, nil
}

func TestConfigCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  server.Config
		want string // "" for valid
	}{
		{"zero", server.Config{}, ""},
		{"article fits", server.Config{MaxArticleBytes: 1 << 20, MaxMessageBytes: 2 << 20}, ""},
		{"big article raises the default", server.Config{MaxArticleBytes: 8 << 20}, ""},
		{"message too small", server.Config{MaxArticleBytes: 1 << 20, MaxMessageBytes: 1 << 20}, "max message bytes"},
		{"message too small for default article", server.Config{MaxMessageBytes: 1000}, "max message bytes"},
		{"negative", server.Config{MaxStatements: -1}, "max statements"},
		{"negative timeout", server.Config{QueryTimeout: -time.Second}, "query timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Check()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("%+v.Check() = %v; want %q", tc.cfg, err, tc.want)
			}
		})
	}
}

// TestMessageLimit: a message above MaxMessageBytes is ResourceExhausted
// before any handler runs; an article above MaxArticleBytes but within the
// message limit is InvalidArgument on its text.
func TestMessageLimit(t *testing.T) {
	const maxArticle = 1000
	e := start(t, server.Config{MaxArticleBytes: maxArticle, MaxMessageBytes: maxArticle + 64<<10})
	ctx := context.Background()
	ingest := func(n int) error {
		_, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: &claimgraphv1.ArticleInput{
			Id: "big", Text: strings.Repeat("word ", n/5), Language: "en",
		}})
		return err
	}
	err := ingest(200 << 10)
	if status.Code(err) != codes.ResourceExhausted || !strings.Contains(err.Error(), "larger than max") {
		t.Errorf("a 200 KiB message with a %d-byte limit: %v; want ResourceExhausted naming the limit", maxArticle+64<<10, err)
	}
	wantStatus(t, ingest(2*maxArticle), codes.InvalidArgument, "article.text")
	if err := ingest(maxArticle / 2); err != nil {
		t.Errorf("an article within the limits: %v", err)
	}
}

// TestStatementLimit: an article that yields more statements than
// MaxStatements is refused whole by every RPC that extracts, and nothing of
// it is stored.
func TestStatementLimit(t *testing.T) {
	ctx := context.Background()
	x, err := start(t, server.Config{}).client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: seedInput()})
	if err != nil {
		t.Fatal(err)
	}
	n := len(x.GetExtraction().GetStatements())
	if n < 2 {
		t.Fatalf("the seed yields %d statements; the test needs 2 or more", n)
	}
	e := start(t, server.Config{MaxStatements: n - 1})

	_, err = e.client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: seedInput()})
	wantStatus(t, err, codes.InvalidArgument, "article.text")
	if !strings.Contains(err.Error(), "statements") || !strings.Contains(err.Error(), "--max-statements") {
		t.Errorf("Extract over the limit: %v; want it to name statements and --max-statements", err)
	}
	_, err = e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: seedInput()})
	wantStatus(t, err, codes.InvalidArgument, "article.text")

	stream, err := e.client.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	small := &claimgraphv1.ArticleInput{Id: "small", Text: "The minister said that talks would resume.", Language: "en"}
	for _, in := range []*claimgraphv1.ArticleInput{seedInput(), small} {
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	if f := resp.GetFailures(); resp.GetArticleCount() != 1 || len(f) != 1 || f[0].GetIndex() != 0 || f[0].GetField() != "article.text" {
		t.Errorf("IngestArticles(seed, small) = %v; want small stored and the seed refused on article.text", resp)
	}
	_, err = e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: seedInput().GetId()})
	wantStatus(t, err, codes.NotFound, "")
}

// TestConcurrentStreamLimit: calls beyond MaxConcurrentStreams on one
// connection wait for a free stream; they are not refused.
func TestConcurrentStreamLimit(t *testing.T) {
	e := start(t, server.Config{MaxConcurrentStreams: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A first call connects, so the client knows the server's limit.
	_, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "a"})
	wantStatus(t, err, codes.NotFound, "")
	open, err := e.client.IngestArticles(ctx) // holds the one stream
	if err != nil {
		t.Fatal(err)
	}
	if err := open.Send(&claimgraphv1.IngestArticlesRequest{Article: &claimgraphv1.ArticleInput{Id: "a", Text: "text", Language: "en"}}); err != nil {
		t.Fatal(err)
	}
	short, cancelShort := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancelShort()
	_, err = e.client.GetArticle(short, &claimgraphv1.GetArticleRequest{Id: "a"})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("a second call while the only stream is open: %v; want it to wait (DeadlineExceeded)", err)
	}
	if _, err := open.CloseAndRecv(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "a"}); err != nil {
		t.Errorf("a call after the stream closed: %v", err)
	}
}

// authOptions returns server options that check tokens, and a context for
// each kind of token.
func authOptions(t *testing.T) (opts []grpc.ServerOption, full, readOnly context.Context) {
	t.Helper()
	dir := t.TempDir()
	fullFile, roFile := filepath.Join(dir, "full"), filepath.Join(dir, "ro")
	if err := os.WriteFile(fullFile, []byte("full-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(roFile, []byte("read-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	auth, err := server.NewAuthenticator(fullFile, roFile)
	if err != nil {
		t.Fatal(err)
	}
	opts = []grpc.ServerOption{grpc.ChainUnaryInterceptor(auth.UnaryInterceptor()), grpc.ChainStreamInterceptor(auth.StreamInterceptor())}
	bearer := func(tok string) context.Context {
		return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
	}
	return opts, bearer("full-token"), bearer("read-token")
}

// TestGizmoNeedsFullAccess: with tokens, Gizmo is for full-access tokens
// only; GraphQL and MQL are open to read-only tokens.
func TestGizmoNeedsFullAccess(t *testing.T) {
	opts, full, readOnly := authOptions(t)
	e := start(t, server.Config{}, opts...)
	if _, err := e.client.IngestArticle(full, &claimgraphv1.IngestArticleRequest{Article: seedInput()}); err != nil {
		t.Fatal(err)
	}
	gizmo := &claimgraphv1.QueryRequest{Query: "g.V().limit(1).all()", Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GIZMO}
	unspecified := &claimgraphv1.QueryRequest{Query: "g.V().limit(1).all()"}
	graphql := &claimgraphv1.QueryRequest{Query: "{ nodes(first: 1) { id } }", Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL}
	mql := &claimgraphv1.QueryRequest{Query: `[{"id": null}]`, Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL, Limit: 1}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		req  *claimgraphv1.QueryRequest
		want codes.Code
	}{
		{"gizmo full", full, gizmo, codes.OK},
		{"gizmo read-only", readOnly, gizmo, codes.PermissionDenied},
		{"unspecified (gizmo) read-only", readOnly, unspecified, codes.PermissionDenied},
		{"graphql read-only", readOnly, graphql, codes.OK},
		{"mql read-only", readOnly, mql, codes.OK},
		{"graphql full", full, graphql, codes.OK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := queryAll(tc.ctx, e.client, tc.req)
			if status.Code(err) != tc.want {
				t.Fatalf("Query(%q) = %v; want %v", tc.req.GetQuery(), err, tc.want)
			}
			if tc.want == codes.OK && len(got) == 0 {
				t.Errorf("Query(%q) gave no result", tc.req.GetQuery())
			}
			if tc.want == codes.PermissionDenied && !strings.Contains(err.Error(), "full-access token") {
				t.Errorf("Query(%q) = %v; want it to say a full-access token is needed", tc.req.GetQuery(), err)
			}
		})
	}
}

// TestQueriesCannotWrite tries to write through every query language: each
// attempt fails or reads, and the store is unchanged.
func TestQueriesCannotWrite(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)
	before, err := exportLines(ctx, e.client, "")
	if err != nil {
		t.Fatal(err)
	}
	const (
		gizmo   = claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GIZMO
		graphql = claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL
		mql     = claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL
	)
	for _, tc := range []struct {
		lang claimgraphv1.QueryLanguage
		q    string
	}{
		// Cayley's query sessions get a graph.QuadStore, which has no write
		// method; these try what a writer would look for.
		{gizmo, `graph.addQuad("<a>", "<b>", "<c>")`},
		{gizmo, `g.addQuad("<a>", "<b>", "<c>")`},
		{gizmo, `g.V().forEach(function(v){ g.removeQuad(v.id, "<b>", "<c>") })`},
		{gizmo, `var qs = g.qs || graph.qs; qs.ApplyDeltas([], {})`},
		{gizmo, `for (var k in this) { if (/write|delta|quad|remove|add/i.test(k)) g.emit(k) }`},
		{graphql, `mutation { addQuad(subject: "a", predicate: "b", object: "c") { id } }`},
		{graphql, `{ nodes(id: "<a>") @insert { id } }`},
		{mql, `[{"id": "<a>", "<b>": "<c>", "connect": "insert"}]`},
		{mql, `{"id": "<a>", "<b>": {"connect": "delete", "id": null}}`},
	} {
		_, err := queryAll(ctx, e.client, &claimgraphv1.QueryRequest{Query: tc.q, Language: tc.lang})
		if c := status.Code(err); c != codes.OK && c != codes.InvalidArgument {
			t.Errorf("Query(%v, %q) = %v; want a result or InvalidArgument", tc.lang, tc.q, err)
		}
	}
	after, err := exportLines(ctx, e.client, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("the store changed after write attempts through queries: %d quads, then %d", len(before), len(after))
	}
}
