package server_test

import (
	"context"
	"log/slog"
	"testing"

	"google.golang.org/grpc/codes"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"

	"github.com/claimgraph/claimgraph/server"
)

// callLog is a slog.Handler that sends the code of each logged call of one
// method on a channel.
type callLog struct {
	method string
	codes  chan string
}

func (h callLog) Enabled(context.Context, slog.Level) bool { return true }
func (h callLog) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h callLog) WithGroup(string) slog.Handler            { return h }

func (h callLog) Handle(_ context.Context, r slog.Record) error {
	var method, code string
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "method":
			method = a.Value.String()
		case "code":
			code = a.Value.String()
		}
		return true
	})
	if method == h.method {
		h.codes <- code
	}
	return nil
}

// TestWatchClaimsSlowConsumer has a client that never reads while
// articles are written one by one, each making a few changes: once gRPC's
// flow control holds the server's sends, its buffer fills and the server
// ends the call (it logs it) without the client reading; the client then
// finds what was sent and ResourceExhausted.
func TestWatchClaimsSlowConsumer(t *testing.T) {
	logged := callLog{method: "/claimgraph.v1.ClaimGraphService/WatchClaims", codes: make(chan string, 1)}
	e := start(t, server.Config{WatchBuffer: 100, Logger: slog.New(logged)})
	ctx := context.Background()
	stream := watch(t, ctx, e.client)
	written := 0
	var code string
	for code == "" {
		select {
		case code = <-logged.codes:
		default:
			if _, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: syntheticArticlesFrom(written, 1)[0]}); err != nil {
				t.Fatal(err)
			}
			written++
		}
	}
	if code != codes.ResourceExhausted.String() {
		t.Fatalf("the unread watch ended with %s; want ResourceExhausted", code)
	}
	n := 0
	for {
		_, err := stream.Recv()
		if err != nil {
			wantStatus(t, err, codes.ResourceExhausted, "")
			break
		}
		n++
	}
	t.Logf("%d articles written before the unread watch was ended; the client then read %d changes", written, n)
}
