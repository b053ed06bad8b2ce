package server_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// TestIngestBudget holds one write in extraction while others come: the
// writes that do not fit the budget of ingest bytes in flight are
// ResourceExhausted, retryable, and reads keep working; once the held
// write is done, the refused one goes through.
func TestIngestBudget(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	svc := server.New(newTestStore(t), server.Config{
		MaxArticleBytes: 1000, MaxIngestBytes: 1500,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	server.SetExtractor(svc, func(a extract.Article) *extract.Extraction {
		if strings.HasPrefix(a.Text, "HOLD") {
			close(entered)
			<-release
		}
		return extract.Extract(a)
	})
	e := startService(t, svc)
	ctx := context.Background()
	text := func(prefix string, n int) string {
		s := prefix + " The minister said that talks would resume."
		return s + strings.Repeat(" ", n-len(s))
	}
	held := make(chan error, 1)
	go func() {
		_, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: &claimgraphv1.ArticleInput{Id: "held", Text: text("HOLD", 1000), Language: "en"}})
		held <- err
	}()
	<-entered // 1000 of the 1500 bytes are in flight

	over := &claimgraphv1.ArticleInput{Id: "over", Text: text("Then", 600), Language: "en"}
	_, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: over})
	wantRetryable(t, "IngestArticle", err)
	_, err = e.client.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: over, Extraction: &claimgraphv1.Extraction{}})
	wantRetryable(t, "PutExtraction", err)
	stream, err := e.client.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: over}); err != nil {
		t.Fatal(err)
	}
	_, err = stream.CloseAndRecv()
	wantRetryable(t, "IngestArticles", err)

	// Reads are not limited by the budget.
	if _, err := e.client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{}); err != nil {
		t.Errorf("ListArticles while the budget is spent: %v", err)
	}
	_, err = e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "over"})
	wantStatus(t, err, codes.NotFound, "")
	if _, err := e.client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: over}); err != nil {
		t.Errorf("Extract while the budget is spent: %v", err)
	}
	// What fits still goes through.
	fits := &claimgraphv1.ArticleInput{Id: "fits", Text: text("Small", 400), Language: "en"}
	if _, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: fits}); err != nil {
		t.Errorf("IngestArticle of 400 bytes beside 1000 of a 1500 budget: %v", err)
	}

	close(release)
	if err := <-held; err != nil {
		t.Fatalf("the held IngestArticle: %v", err)
	}
	if _, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: over}); err != nil {
		t.Errorf("IngestArticle retried after the budget freed: %v", err)
	}
}

// wantRetryable fails unless err is ResourceExhausted, says that a retry
// may succeed, and carries a RetryInfo.
func wantRetryable(t *testing.T, call string, err error) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != codes.ResourceExhausted || !strings.Contains(st.Message(), "retry") {
		t.Errorf("%s over the ingest budget: %v; want ResourceExhausted saying to retry", call, err)
		return
	}
	for _, d := range st.Details() {
		if _, ok := d.(*errdetails.RetryInfo); ok {
			return
		}
	}
	t.Errorf("%s over the ingest budget: %v has no RetryInfo", call, err)
}

// TestIngestArticlesFirstBatchEarly checks that a bulk stream's first
// article is stored while the stream is still open, without waiting for a
// batch to fill: a watch sees its statement before the stream ends.
func TestIngestArticlesFirstBatchEarly(t *testing.T) {
	e := start(t, server.Config{})
	// The bound only ends a broken test; it times nothing.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	watch, err := e.client.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := watch.Header(); err != nil {
		t.Fatal(err)
	}
	stream, err := e.client.IngestArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in := &claimgraphv1.ArticleInput{Id: "first", Text: "The minister said that talks would resume on Monday.", Language: "en"}
	if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
		t.Fatal(err)
	}
	for {
		resp, err := watch.Recv()
		if err != nil {
			t.Fatalf("the watch ended before the first article of an open stream was stored: %v", err)
		}
		if resp.GetArticleId() == "first" {
			break
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil || resp.GetArticleCount() != 1 {
		t.Errorf("IngestArticles: %v, %v; want one article", resp, err)
	}
}
