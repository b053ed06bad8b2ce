package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// TestCutOff checks that CutOff ends a bulk ingest waiting for its next
// article with Unavailable saying its write was not stored, and that the
// article of its unwritten batch is indeed not stored (whether CutOff came
// before or after the server received it).
func TestCutOff(t *testing.T) {
	store := newTestStore(t)
	svc := server.New(store, server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e := startService(t, svc)
	stream, err := e.client.IngestArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The first batch is one article, the second two: "pending" waits.
	for _, id := range []string{"first", "pending"} {
		in := &claimgraphv1.ArticleInput{Id: id, Text: "The minister said that talks would resume.", Language: "en"}
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			t.Fatal(err)
		}
	}
	svc.CutOff()
	stream.Header() // returns when the server ends the stream
	_, err = stream.CloseAndRecv()
	if status.Code(err) != codes.Unavailable || !strings.Contains(err.Error(), "not stored") {
		t.Errorf("IngestArticles cut off: %v; want Unavailable saying the write was not stored", err)
	}
	if _, err := store.GetArticle(context.Background(), "pending"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("GetArticle(pending) after the cut-off: %v; want not found", err)
	}
}

// TestShutdownEndsHealthWatch checks that Shutdown ends an open health
// Watch, which would hold a graceful stop up, after it said NOT_SERVING.
func TestShutdownEndsHealthWatch(t *testing.T) {
	svc := server.New(newTestStore(t), server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e := startService(t, svc)
	w, err := e.health.Watch(context.Background(), &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := w.Recv(); err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health Watch first said %v, %v; want SERVING", resp, err)
	}
	svc.Shutdown()
	var last healthpb.HealthCheckResponse_ServingStatus
	for {
		resp, err := w.Recv()
		if err != nil {
			if status.Code(err) != codes.Unavailable {
				t.Errorf("health Watch at Shutdown ended with %v; want Unavailable", err)
			}
			break
		}
		last = resp.GetStatus()
	}
	if last != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Errorf("health Watch said %v last; want NOT_SERVING", last)
	}
}
