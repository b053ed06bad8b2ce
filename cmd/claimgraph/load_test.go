package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// TestLoad serves on loopback TCP and has clients keep ingesting,
// re-ingesting and querying a bounded set of articles, some of them beyond
// the limits, for at most loadRequests calls or loadTime. No call may fail
// except by a limit, and the heap after the load, once collected, must stay
// within a generous factor of the heap before it: the store's size is
// bounded, so growth would be a leak. No goroutine may outlive the server
// and its clients (goleak).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for several seconds")
	}
	// Deferred first, so checked last: after the server, the store and the
	// client connection are closed.
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const (
		loadRequests = 3000
		loadTime     = 8 * time.Second
		workers      = 6
		articles     = 40
		maxArticle   = 8 << 10
	)
	st, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := server.New(st, server.Config{
		MaxArticleBytes: maxArticle, MaxMessageBytes: maxArticle + 64<<10,
		// The queries are bounded (50 results); the point is their
		// result, not their speed on a loaded machine.
		MaxConcurrentQueries: 2, QueryTimeout: time.Hour,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	gs := svc.NewGRPCServer()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(lis)
	defer gs.Stop()
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := claimgraphv1.NewClaimGraphServiceClient(conn)
	ctx := context.Background()

	version := func(i, v int) *claimgraphv1.ArticleInput {
		in := crashArticle(i + v*articles) // another text under the same id
		in.Id = crashArticle(i).GetId()
		return in
	}
	for i := range articles {
		if _, err := c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: version(i, 1)}); err != nil {
			t.Fatal(err)
		}
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()

	var (
		sent     atomic.Int64
		mu       sync.Mutex
		byCode   = map[codes.Code]int{}
		deadline = time.Now().Add(loadTime)
		wg       sync.WaitGroup
	)
	oversized := &claimgraphv1.ArticleInput{Id: "big", Language: "en", Text: strings.Repeat("The minister said that talks would resume. ", maxArticle/40)}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 5))
			for sent.Add(1) <= loadRequests && time.Now().Before(deadline) {
				i := r.IntN(articles)
				var err error
				allowed := codes.OK
				switch r.IntN(8) {
				case 0, 1:
					_, err = c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: version(i, r.IntN(2))})
				case 2:
					_, err = c.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: oversized})
					allowed = codes.InvalidArgument
				case 3:
					_, err = c.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: crashArticle(i).GetId()})
				case 4:
					_, err = c.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: 10})
				case 5, 6:
					var stream claimgraphv1.ClaimGraphService_QueryClient
					stream, err = c.Query(ctx, &claimgraphv1.QueryRequest{Query: `g.V().has("<http://schema.org/name>").out("<http://schema.org/name>").all()`, Limit: 50})
					for err == nil {
						_, err = stream.Recv()
					}
					if errors.Is(err, io.EOF) {
						err = nil
					}
					allowed = codes.ResourceExhausted // --max-concurrent-queries
				case 7:
					var stream claimgraphv1.ClaimGraphService_ExportQuadsClient
					stream, err = c.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: crashArticle(i).GetId()})
					for err == nil {
						_, err = stream.Recv()
					}
					if errors.Is(err, io.EOF) {
						err = nil
					}
				}
				code := status.Code(err)
				mu.Lock()
				byCode[code]++
				mu.Unlock()
				if code != codes.OK && code != allowed {
					t.Errorf("a call failed, not by a limit: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	after := heap()
	total := 0
	for _, n := range byCode {
		total += n
	}
	t.Logf("%d calls: %v; heap %d KiB before, %d KiB after", total, byCode, before>>10, after>>10)
	if byCode[codes.OK] < total/2 {
		t.Errorf("only %d of %d calls succeeded", byCode[codes.OK], total)
	}
	if limit := 3*before + 32<<20; after > limit {
		t.Errorf("heap grew from %d KiB to %d KiB under a bounded load; want at most %d KiB", before>>10, after>>10, limit>>10)
	}
}
