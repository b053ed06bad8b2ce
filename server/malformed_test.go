package server_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// malformed is one hostile request to one RPC and the code it must get.
type malformed struct {
	name string
	call func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error
	want codes.Code
}

// drain reads a server stream to its end and returns its error.
func drain[T any](recv func() (T, error)) error {
	for {
		if _, err := recv(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func ingest(in *claimgraphv1.ArticleInput) func(context.Context, claimgraphv1.ClaimGraphServiceClient) error {
	return func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
		_, err := c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: in})
		return err
	}
}

// ingestStream sends ins through IngestArticles. A refused article is not
// an error of the call, so one that is not reported as a failure is
// returned as Unknown, which no row wants.
func ingestStream(ins ...*claimgraphv1.ArticleInput) func(context.Context, claimgraphv1.ClaimGraphServiceClient) error {
	return func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
		stream, err := c.IngestArticles(ctx)
		if err != nil {
			return err
		}
		for _, in := range ins {
			if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
				break // CloseAndRecv says why
			}
		}
		resp, err := stream.CloseAndRecv()
		if err == nil && len(resp.GetFailures()) != len(ins) {
			return status.Errorf(codes.Unknown, "%d of %d malformed articles reported as failures", len(resp.GetFailures()), len(ins))
		}
		return err
	}
}

func query(req *claimgraphv1.QueryRequest) func(context.Context, claimgraphv1.ClaimGraphServiceClient) error {
	return func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
		stream, err := c.Query(ctx, req)
		if err != nil {
			return err
		}
		return drain(stream.Recv)
	}
}

func export(id string) func(context.Context, claimgraphv1.ClaimGraphServiceClient) error {
	return func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
		stream, err := c.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: id})
		if err != nil {
			return err
		}
		return drain(stream.Recv)
	}
}

// TestMalformedRequests drives every RPC of ClaimGraphService with
// malformed requests and checks the code of each answer. The RPCs come from
// the service descriptor: a new RPC without rows here fails the test.
func TestMalformedRequests(t *testing.T) {
	const maxArticle = 4 << 10
	e := start(t, server.Config{MaxArticleBytes: maxArticle, MaxMessageBytes: maxArticle + 64<<10, MaxStatements: 1})
	ctx := context.Background()
	for _, id := range []string{"a1", "a2"} {
		if _, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: &claimgraphv1.ArticleInput{
			Id: id, Text: "The minister said that talks would resume.", Language: "en",
		}}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := e.client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: 1})
	if err != nil || page.GetNextPageToken() == "" {
		t.Fatalf("ListArticles(page_size 1) = %v, %v; want a next page token", page, err)
	}
	token := page.GetNextPageToken()
	flipped := token[:len(token)-2] + map[bool]string{true: "AA", false: "BB"}[!strings.HasSuffix(token, "AA")]

	article := func(mod func(*claimgraphv1.ArticleInput)) *claimgraphv1.ArticleInput {
		in := &claimgraphv1.ArticleInput{Id: "m", Text: "The minister said that talks would resume.", Language: "en"}
		mod(in)
		return in
	}
	huge := strings.Repeat("x", 200<<10)            // beyond the message limit
	long := strings.Repeat("word ", maxArticle/5+1) // beyond the article limit
	invalid := []struct {
		name string
		in   *claimgraphv1.ArticleInput
	}{
		{"no id", article(func(a *claimgraphv1.ArticleInput) { a.Id = "" })},
		{"invalid UTF-8 id", article(func(a *claimgraphv1.ArticleInput) { a.Id = "m" + bad })},
		{"invalid UTF-8 text", article(func(a *claimgraphv1.ArticleInput) { a.Text += bad })},
		{"blank text", article(func(a *claimgraphv1.ArticleInput) { a.Text = " \n\t\u3000" })},
		{"NUL text", article(func(a *claimgraphv1.ArticleInput) { a.Text = "\x00\x00" })},
		{"unknown language", article(func(a *claimgraphv1.ArticleInput) { a.Language = "xx" })},
		{"bad published", article(func(a *claimgraphv1.ArticleInput) { a.Published = "2025-02-30" })},
		{"article too long", article(func(a *claimgraphv1.ArticleInput) { a.Text = long })},
	}

	rows := map[string][]malformed{
		"IngestArticle": {
			{"no article", ingest(nil), codes.InvalidArgument},
			{"message too large", ingest(article(func(a *claimgraphv1.ArticleInput) { a.Text = huge })), codes.ResourceExhausted},
		},
		"IngestArticles": {
			{"no article", ingestStream(nil), codes.OK},
			{"message too large", ingestStream(article(func(a *claimgraphv1.ArticleInput) { a.Text = huge })), codes.ResourceExhausted},
		},
		"DeleteArticle": {
			{"no id", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{})
				return err
			}, codes.InvalidArgument},
			{"invalid UTF-8 id", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: bad})
				return err
			}, codes.InvalidArgument},
			{"missing", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: "nope>\"\n"})
				return err
			}, codes.NotFound},
		},
		"Extract": {
			{"no article", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.Extract(ctx, &claimgraphv1.ExtractRequest{})
				return err
			}, codes.InvalidArgument},
			{"message too large", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.Extract(ctx, &claimgraphv1.ExtractRequest{Article: &claimgraphv1.ArticleInput{Text: huge}})
				return err
			}, codes.ResourceExhausted},
		},
		"GetArticle": {
			{"no id", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.GetArticle(ctx, &claimgraphv1.GetArticleRequest{})
				return err
			}, codes.InvalidArgument},
			{"invalid UTF-8 id", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: bad})
				return err
			}, codes.InvalidArgument},
			{"missing", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "a1/../a2"})
				return err
			}, codes.NotFound},
		},
		"ListArticles": {
			{"bad language", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{Language: "klingon"})
				return err
			}, codes.InvalidArgument},
			{"negative page size", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: -1})
				return err
			}, codes.InvalidArgument},
			{"garbage token", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageToken: "!!not base64!!"})
				return err
			}, codes.InvalidArgument},
			{"altered token", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageToken: flipped})
				return err
			}, codes.InvalidArgument},
			{"token of another filter", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{Language: "ar", PageToken: token})
				return err
			}, codes.InvalidArgument},
			{"huge page size is clamped", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: 1 << 30})
				return err
			}, codes.OK},
		},
		"GetActor": {
			{"no id", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.GetActor(ctx, &claimgraphv1.GetActorRequest{})
				return err
			}, codes.InvalidArgument},
			{"missing", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: "\u202enobody"})
				return err
			}, codes.NotFound},
		},
		"SearchActors": {
			{"bad kind", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: "x", Kind: 99})
				return err
			}, codes.InvalidArgument},
			{"invalid UTF-8 query", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: bad})
				return err
			}, codes.InvalidArgument},
			{"token of another list", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: "x", PageToken: token})
				return err
			}, codes.InvalidArgument},
		},
		"ListStatements": {
			{"invalid UTF-8 speaker", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{Speaker: bad})
				return err
			}, codes.InvalidArgument},
			{"negative page size", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageSize: -5})
				return err
			}, codes.InvalidArgument},
			{"token of another list", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{PageToken: token})
				return err
			}, codes.InvalidArgument},
		},
		"ListFigures": {
			{"invalid UTF-8 measure", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{Measure: bad})
				return err
			}, codes.InvalidArgument},
			{"garbage token", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{PageToken: "AQ"})
				return err
			}, codes.InvalidArgument},
		},
		"ListEvents": {
			{"bad date", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{DateFrom: "2023-13"})
				return err
			}, codes.InvalidArgument},
			{"invalid UTF-8 participant", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{Participant: bad})
				return err
			}, codes.InvalidArgument},
			{"token of another list", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
				_, err := c.ListEvents(ctx, &claimgraphv1.ListEventsRequest{PageToken: token})
				return err
			}, codes.InvalidArgument},
		},
		"Query": {
			{"empty", query(&claimgraphv1.QueryRequest{}), codes.InvalidArgument},
			{"bad language", query(&claimgraphv1.QueryRequest{Query: "g.V()", Language: 42}), codes.InvalidArgument},
			{"syntax error", query(&claimgraphv1.QueryRequest{Query: "g.V(("}), codes.InvalidArgument},
			{"graphql syntax error", query(&claimgraphv1.QueryRequest{Query: "{{{", Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL}), codes.InvalidArgument},
			{"mql not JSON", query(&claimgraphv1.QueryRequest{Query: "[{", Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL}), codes.InvalidArgument},
			{"invalid UTF-8", query(&claimgraphv1.QueryRequest{Query: "g.V()" + bad}), codes.InvalidArgument},
			{"negative limit", query(&claimgraphv1.QueryRequest{Query: "g.V().all()", Limit: -1}), codes.InvalidArgument},
			{"invalid timeout", query(&claimgraphv1.QueryRequest{Query: "g.V().all()", Timeout: &durationpb.Duration{Seconds: 1, Nanos: -5}}), codes.InvalidArgument},
			{"throws", query(&claimgraphv1.QueryRequest{Query: `throw new Error("boom")`}), codes.InvalidArgument},
		},
		"ExportQuads": {
			{"invalid UTF-8 id", export(bad), codes.InvalidArgument},
			{"missing", export("nope\x00"), codes.NotFound},
		},
	}
	unary := func(f func(context.Context, claimgraphv1.ClaimGraphServiceClient) (any, error)) func(context.Context, claimgraphv1.ClaimGraphServiceClient) error {
		return func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
			_, err := f(ctx, c)
			return err
		}
	}
	hand := &claimgraphv1.ArticleInput{Id: "hand", Text: handText, Language: "en"}
	twoStatements := handExtraction()
	s2 := proto.Clone(twoStatements.Statements[0]).(*claimgraphv1.Statement)
	s2.Id = "s2"
	twoStatements.Statements = append(twoStatements.Statements, s2)
	rows["PutExtraction"] = []malformed{
		{"no article", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Extraction: handExtraction()})
		}), codes.InvalidArgument},
		{"NUL text", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			in := proto.Clone(hand).(*claimgraphv1.ArticleInput)
			in.Text = strings.Replace(in.Text, ".", "\x00", 1)
			return c.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: in, Extraction: handExtraction()})
		}), codes.InvalidArgument},
		{"span beyond the text", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			x := handExtraction()
			x.Statements[0].ContentSpan = &claimgraphv1.Span{Start: 11, End: 1 << 30}
			return c.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: hand, Extraction: x})
		}), codes.InvalidArgument},
		{"invalid UTF-8 content", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			x := handExtraction()
			x.Statements[0].Content = bad
			return c.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: hand, Extraction: x})
		}), codes.InvalidArgument},
		{"more statements than the limit", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: hand, Extraction: twoStatements})
		}), codes.InvalidArgument},
	}
	rows["ListLinks"] = []malformed{
		{"bad kind", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListLinks(ctx, &claimgraphv1.ListLinksRequest{Kind: 99})
		}), codes.InvalidArgument},
		{"invalid UTF-8 article", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListLinks(ctx, &claimgraphv1.ListLinksRequest{ArticleId: bad})
		}), codes.InvalidArgument},
		{"token of another list", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListLinks(ctx, &claimgraphv1.ListLinksRequest{PageToken: token})
		}), codes.InvalidArgument},
	}
	rows["GetClaim"] = []malformed{
		{"no id", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.GetClaim(ctx, &claimgraphv1.GetClaimRequest{})
		}), codes.InvalidArgument},
		{"missing", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.GetClaim(ctx, &claimgraphv1.GetClaimRequest{Id: "no>such\nclaim"})
		}), codes.NotFound},
	}
	rows["ListClaims"] = []malformed{
		{"invalid UTF-8 speaker", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{Speaker: bad})
		}), codes.InvalidArgument},
		{"negative page size", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{PageSize: -1})
		}), codes.InvalidArgument},
	}
	rows["TrackMeasure"] = []malformed{
		{"no measure", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{})
		}), codes.InvalidArgument},
		{"invalid UTF-8 measure", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: bad})
		}), codes.InvalidArgument},
	}
	rows["ListMeasures"] = []malformed{
		{"garbage token", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListMeasures(ctx, &claimgraphv1.ListMeasuresRequest{PageToken: "%%%"})
		}), codes.InvalidArgument},
	}
	rows["ListConflicts"] = []malformed{
		{"invalid UTF-8 measure", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{Measure: bad})
		}), codes.InvalidArgument},
		{"token of another list", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{PageToken: token})
		}), codes.InvalidArgument},
	}
	rows["Neighborhood"] = []malformed{
		{"no node", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{})
		}), codes.InvalidArgument},
		{"negative depth", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "article/a1", Depth: -1})
		}), codes.InvalidArgument},
		{"huge depth", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "article/a1", Depth: 1 << 30})
		}), codes.InvalidArgument},
		{"negative limit", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "article/a1", Limit: -1})
		}), codes.InvalidArgument},
		{"invalid UTF-8 node", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: bad})
		}), codes.InvalidArgument},
	}
	rows["FindPaths"] = []malformed{
		{"no ends", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.FindPaths(ctx, &claimgraphv1.FindPathsRequest{})
		}), codes.InvalidArgument},
		{"huge depth", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "article/a1", To: "article/a2", MaxDepth: 1 << 30})
		}), codes.InvalidArgument},
		{"negative limit", unary(func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) (any, error) {
			return c.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "article/a1", To: "article/a2", Limit: -3})
		}), codes.InvalidArgument},
	}
	rows["WatchClaims"] = []malformed{
		// The request has no fields; a watch ends only with its caller.
		{"caller deadline", func(ctx context.Context, c claimgraphv1.ClaimGraphServiceClient) error {
			ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			defer cancel()
			stream, err := c.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{})
			if err != nil {
				return err
			}
			return drain(stream.Recv)
		}, codes.DeadlineExceeded},
	}
	for _, tc := range invalid {
		rows["IngestArticle"] = append(rows["IngestArticle"], malformed{tc.name, ingest(tc.in), codes.InvalidArgument})
		rows["IngestArticles"] = append(rows["IngestArticles"], malformed{tc.name, ingestStream(tc.in), codes.OK})
	}

	before, err := exportLines(ctx, e.client, "")
	if err != nil {
		t.Fatal(err)
	}
	desc := claimgraphv1.ClaimGraphService_ServiceDesc
	var rpcs []string
	for _, m := range desc.Methods {
		rpcs = append(rpcs, m.MethodName)
	}
	for _, s := range desc.Streams {
		rpcs = append(rpcs, s.StreamName)
	}
	for _, rpc := range rpcs {
		t.Run(rpc, func(t *testing.T) {
			cases, ok := rows[rpc]
			if !ok || len(cases) == 0 {
				t.Fatalf("no malformed requests for %s: add rows to TestMalformedRequests", rpc)
			}
			delete(rows, rpc)
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					if got := status.Code(tc.call(ctx, e.client)); got != tc.want {
						t.Errorf("%s(%s) = %v; want %v", rpc, tc.name, tc.call(ctx, e.client), tc.want)
					}
				})
			}
		})
	}
	for rpc := range rows {
		t.Errorf("rows for %s, which the service does not have", rpc)
	}
	after, err := exportLines(ctx, e.client, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("malformed requests changed the store: %d quads, then %d", len(before), len(after))
	}
}

// pickyStore refuses, as invalid, every document whose id starts with "bad".
type pickyStore struct{ server.Store }

func (s pickyStore) PutArticles(ctx context.Context, ds []graph.Document) ([]graph.ArticleInfo, error) {
	for _, d := range ds {
		if strings.HasPrefix(d.Meta.ID, "bad") {
			return nil, fmt.Errorf("put article %q: %w: refused by the test", d.Meta.ID, graph.ErrInvalid)
		}
	}
	return s.Store.PutArticles(ctx, ds)
}

func (s pickyStore) PutArticle(ctx context.Context, d graph.Document) (graph.ArticleInfo, error) {
	infos, err := s.PutArticles(ctx, []graph.Document{d})
	if err != nil {
		return graph.ArticleInfo{}, err
	}
	return infos[0], nil
}

// TestIngestArticlesIsolatesInvalid: an article only the store finds
// invalid costs its batch nothing; it is reported, the others are stored.
func TestIngestArticlesIsolatesInvalid(t *testing.T) {
	e := startOn(t, pickyStore{newTestStore(t)}, server.Config{})
	ctx := context.Background()
	stream, err := e.client.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"a", "bad-1", "b", "bad\xff", "c"}
	for _, id := range ids {
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: &claimgraphv1.ArticleInput{
			Id: strings.ReplaceAll(id, "\xff", bad), Text: "The minister said that talks would resume.", Language: "en",
		}}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	f := resp.GetFailures()
	if resp.GetArticleCount() != 3 || len(f) != 2 || f[0].GetIndex() != 1 || f[0].GetField() != "article" || f[1].GetIndex() != 3 {
		t.Errorf("IngestArticles(%q) = %v; want a, b and c stored, 1 and 3 reported", ids, resp)
	}
}
