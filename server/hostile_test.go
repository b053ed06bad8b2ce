package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// hostileGizmo are the one-line Gizmo queries of issue 14 that killed the
// server (../testdata/hostile-gizmo.txt).
var hostileGizmo = func() []string {
	b, err := os.ReadFile("../testdata/hostile-gizmo.txt")
	if err != nil {
		panic(err)
	}
	var qs []string
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			qs = append(qs, line)
		}
	}
	return qs
}()

// openBackend opens a store of the named backend, closed when the test
// ends; bolt is skipped under the race detector (boltdb/bolt fails
// checkptr there).
func openBackend(t *testing.T, backend string) *graph.Store {
	t.Helper()
	cfg := graph.Config{Backend: backend}
	if backend == graph.BackendBolt {
		if raceEnabled {
			t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race")
		}
		cfg.Path = filepath.Join(t.TempDir(), "db")
	}
	st, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestHostileQueries sends each query of the issue 100 times, 8 at once,
// and checks that each answers InvalidArgument, and that the server is
// healthy and the store unchanged after all of them.
func TestHostileQueries(t *testing.T) {
	for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
		t.Run(backend, func(t *testing.T) {
			e := startOn(t, openBackend(t, backend), server.Config{MaxConcurrentQueries: 8})
			e.ingestSeed(t)
			ctx := context.Background()
			before, err := exportLines(ctx, e.client, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range hostileGizmo {
				var wg sync.WaitGroup
				sem := make(chan struct{}, 8)
				codesSeen := map[codes.Code]int{}
				var mu sync.Mutex
				for range 100 {
					wg.Add(1)
					sem <- struct{}{}
					go func() {
						defer wg.Done()
						defer func() { <-sem }()
						_, err := queryAll(ctx, e.client, &claimgraphv1.QueryRequest{Query: q})
						mu.Lock()
						codesSeen[status.Code(err)]++
						mu.Unlock()
					}()
				}
				wg.Wait()
				if codesSeen[codes.InvalidArgument] != 100 {
					t.Errorf("%s: 100 sends answered %v; want InvalidArgument every time", q, codesSeen)
				}
			}
			resp, err := e.health.Check(ctx, &healthpb.HealthCheckRequest{})
			if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
				t.Fatalf("health after the hostile queries = %v, %v; want SERVING", resp, err)
			}
			after, err := exportLines(ctx, e.client, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(before, after) {
				t.Errorf("the store changed under hostile queries: %d quads before, %d after", len(before), len(after))
			}
			if got, err := queryAll(ctx, e.client, &claimgraphv1.QueryRequest{Query: "g.V().limit(3).all()"}); err != nil || len(got) != 3 {
				t.Errorf("a query after the hostile ones = %d results, %v; want 3", len(got), err)
			}
		})
	}
}

// TestQueryErrorClasses checks that a query of the wrong type is the
// caller's mistake, in every language.
func TestQueryErrorClasses(t *testing.T) {
	e := start(t, server.Config{})
	e.ingestSeed(t)
	for _, tc := range []struct {
		lang claimgraphv1.QueryLanguage
		q    string
	}{
		{0, `g.V(regex("(")).all()`},
		{0, `g.V().filter(regex("[")).all()`},
		{0, `g.V(g).all()`},
		{0, `g.V().is(null).all()`},
		{0, `g.emit(NaN)`},
		{0, `g.emit(function(){})`},
		{0, `throw new Error("mine")`},
		{claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL, `{ nodes(first: "x") { id } }`},
		{claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL, `mutation { x }`},
		{claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL, `[{"id": null, "<p>": `},
	} {
		t.Run(tc.q, func(t *testing.T) {
			_, err := queryAll(context.Background(), e.client, &claimgraphv1.QueryRequest{Language: tc.lang, Query: tc.q})
			wantStatus(t, err, codes.InvalidArgument, "query")
		})
	}
}

// syntheticArticles returns n short English articles with distinct
// speakers, so that no two share a linking scope.
func syntheticArticles(n int) []*claimgraphv1.ArticleInput { return syntheticArticlesFrom(0, n) }

// syntheticArticlesFrom is syntheticArticles numbered from first.
func syntheticArticlesFrom(first, n int) []*claimgraphv1.ArticleInput {
	out := make([]*claimgraphv1.ArticleInput, n)
	for j := range out {
		i := first + j
		out[j] = &claimgraphv1.ArticleInput{
			Id: fmt.Sprintf("synthetic-%03d", i), Language: "en", Published: "2025-10-07",
			Text: fmt.Sprintf("Minister Alder%d said the port plan of Vell%d would open soon.", i, i),
		}
	}
	return out
}

func ingestAll(t testing.TB, c claimgraphv1.ClaimGraphServiceClient, arts []*claimgraphv1.ArticleInput) {
	t.Helper()
	if err := bulkIngest(c, arts); err != nil {
		t.Fatal(err)
	}
}

// bulkIngest sends arts through one IngestArticles stream.
func bulkIngest(c claimgraphv1.ClaimGraphServiceClient, arts []*claimgraphv1.ArticleInput) error {
	stream, err := c.IngestArticles(context.Background())
	if err != nil {
		return err
	}
	for _, a := range arts {
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: a}); err != nil {
			return err
		}
	}
	resp, err := stream.CloseAndRecv()
	if err == nil && len(resp.GetFailures()) > 0 {
		err = fmt.Errorf("IngestArticles failures: %v", resp.GetFailures())
	}
	return err
}

// TestGraphQLByteCap asks for every node of a store of 300 articles: the
// answer stays within the byte cap, says it was cut, and is valid JSON;
// the memory the server spends on it is bounded by the caps, not by the
// store; and a deadline cuts GraphQL as it does the other languages.
func TestGraphQLByteCap(t *testing.T) {
	const maxResults, maxBytes = 100, 4 << 10
	store := newTestStore(t)
	e := startOn(t, store, server.Config{MaxQueryResults: maxResults, MaxQueryBytes: maxBytes})
	ingestAll(t, e.client, syntheticArticles(300))
	nodesQuery := &claimgraphv1.QueryRequest{Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL, Query: `{ nodes { id } }`}

	var answer []string
	truncated := false
	allocated := queryAllocBytes(t, func() {
		answer, truncated = nil, false
		stream, err := e.client.Query(context.Background(), nodesQuery)
		if err != nil {
			t.Fatal(err)
		}
		for {
			r, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.GetTruncated() {
				truncated = true
				continue
			}
			answer = append(answer, r.GetResultJson())
		}
	})
	if len(answer) != 1 || !truncated {
		t.Fatalf("{ nodes { id } } on 300 articles = %d results, truncated %v; want one cut answer", len(answer), truncated)
	}
	if n := len(answer[0]); n > maxBytes {
		t.Errorf("the answer is %d bytes; want at most %d", n, maxBytes)
	}
	var v struct {
		Nodes []struct{ ID any } `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(answer[0]), &v); err != nil || len(v.Nodes) == 0 {
		t.Errorf("the cut answer = %d nodes, %v; want valid JSON with nodes", len(v.Nodes), err)
	}

	// The heap cannot grow during the query by more than the bytes
	// allocated meanwhile, which the caps bound: Cayley's GraphQL builds at
	// most the result cap's nodes (about 1.1 KiB each for this query,
	// measured; 4 KiB allowed), the answer is encoded up to the byte cap
	// (4 copies allowed: JSON, the message, gRPC's buffers) and a query has
	// a fixed cost (512 KiB allowed: session, parsing). The store does not
	// enter it. The same query with caps too large to bind shows that the
	// bound is below what the whole store costs, so that the check can
	// fail: before the caps, this answer grew a server by 3.7 GB.
	bound := uint64(512<<10 + maxResults*4<<10 + 4*maxBytes)
	if allocated > bound {
		t.Errorf("{ nodes { id } } allocated %d KiB while it ran; want at most %d KiB (the caps' bound)", allocated>>10, bound>>10)
	}
	unbound := startOn(t, store, server.Config{MaxQueryResults: 1 << 20, MaxQueryBytes: 32 << 20})
	var whole []string
	wholeAllocated := queryAllocBytes(t, func() {
		var err error
		if whole, err = queryAll(context.Background(), unbound.client, nodesQuery); err != nil || len(whole) != 1 {
			t.Fatalf("{ nodes { id } } with no caps to speak of = %d results, %v; want one", len(whole), err)
		}
	})
	if wholeAllocated <= bound {
		t.Fatalf("{ nodes { id } } over the whole store allocates %d KiB, within the bound of %d KiB: the store is too small to tell a capped answer from the whole", wholeAllocated>>10, bound>>10)
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	t.Logf("{ nodes { id } } on 300 articles: %d bytes, %d nodes, %d KiB allocated (bound %d KiB); uncapped %d bytes, %d KiB allocated; live heap after GC %d MiB",
		len(answer[0]), len(v.Nodes), allocated>>10, bound>>10, len(whole[0]), wholeAllocated>>10, m.HeapAlloc>>20)

	_, err := queryAll(context.Background(), e.client, &claimgraphv1.QueryRequest{
		Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL, Query: `{ nodes { id } }`, Timeout: durationpb.New(time.Nanosecond)})
	wantStatus(t, err, codes.DeadlineExceeded, "")
}

// queryAllocBytes runs fn three times and returns the fewest bytes the
// process allocated during a run (runtime.MemStats.TotalAlloc, exact:
// ReadMemStats stops the world). Other goroutines can only add to a run's
// count, so the fewest is the closest to fn's own.
func queryAllocBytes(t *testing.T, fn func()) uint64 {
	t.Helper()
	var least uint64
	for i := range 3 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		before := m.TotalAlloc
		fn()
		runtime.ReadMemStats(&m)
		if n := m.TotalAlloc - before; i == 0 || n < least {
			least = n
		}
	}
	return least
}
