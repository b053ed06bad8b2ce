package server_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// panicky is the real extractor, except that it panics on a text holding
// "PANIC": a stand-in for the next extractor bug.
func panicky(a extract.Article) *extract.Extraction {
	if strings.Contains(a.Text, "PANIC") {
		var s []int
		_ = s[len(a.Text)] // index out of range, as the real bugs were
	}
	return extract.Extract(a)
}

// TestIngestArticlesExtractorPanic checks that a panic while extracting one
// article of a bulk stream becomes that article's IngestFailure and that
// the articles before and after it, in its batch and in later ones, are
// stored; and that a single IngestArticle of it is Internal.
func TestIngestArticlesExtractorPanic(t *testing.T) {
	for _, batch := range []int{1, 2, 64} {
		t.Run(map[int]string{1: "batch1", 2: "batch2", 64: "batch64"}[batch], func(t *testing.T) {
			svc := server.New(newTestStore(t), server.Config{IngestBatchArticles: batch, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			server.SetExtractor(svc, panicky)
			e := startService(t, svc)
			ctx := context.Background()
			stream, err := e.client.IngestArticles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range []*claimgraphv1.ArticleInput{
				{Id: "good-1", Text: "The minister said that talks would resume on Monday.", Language: "en"},
				{Id: "bad", Text: "0- PANIC", Language: "en"},
				{Id: "good-2", Text: "Officials said more than 300 people were evacuated.", Language: "en"},
				{Id: "zero-dash", Text: "0-"}, // panicked in the real extractor once
			} {
				if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
					t.Fatal(err)
				}
			}
			resp, err := stream.CloseAndRecv()
			if err != nil {
				t.Fatalf("IngestArticles(good-1, bad, good-2, zero-dash): %v; want the bad one as a failure", err)
			}
			if resp.GetArticleCount() != 3 {
				t.Errorf("IngestArticles stored %d articles; want 3", resp.GetArticleCount())
			}
			fs := resp.GetFailures()
			if len(fs) != 1 || fs[0].GetIndex() != 1 || fs[0].GetArticleId() != "bad" || fs[0].GetField() != "article.text" {
				t.Errorf("IngestArticles failures = %v; want one for index 1, bad, article.text", fs)
			}
			for _, id := range []string{"good-1", "good-2", "zero-dash"} {
				if _, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: id}); err != nil {
					t.Errorf("GetArticle(%s): %v", id, err)
				}
			}
			_, err = e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "bad"})
			wantStatus(t, err, codes.NotFound, "")

			_, err = e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: &claimgraphv1.ArticleInput{Id: "bad", Text: "PANIC"}})
			wantStatus(t, err, codes.Internal, "")
		})
	}
}
