package server_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

// pingStore is a store whose database is reachable while down is false.
type pingStore struct {
	server.Store
	down atomic.Bool
}

func (s *pingStore) Ping(context.Context) error {
	if s.down.Load() {
		return errors.New("dial tcp 10.0.0.9:5432: connect: connection refused")
	}
	return nil
}

func TestHealthReportsDatabase(t *testing.T) {
	st := &pingStore{Store: newTestStore(t)}
	e := startOn(t, st, server.Config{})
	ctx := context.Background()
	check := func(want healthpb.HealthCheckResponse_ServingStatus) {
		t.Helper()
		for _, svc := range []string{"", "claimgraph.v1.ClaimGraphService"} {
			resp, err := e.health.Check(ctx, &healthpb.HealthCheckRequest{Service: svc})
			if err != nil || resp.GetStatus() != want {
				t.Errorf("Check(%q) with the database down=%v: %v, %v; want %v", svc, st.down.Load(), resp, err, want)
			}
		}
	}
	check(healthpb.HealthCheckResponse_SERVING)
	st.down.Store(true)
	check(healthpb.HealthCheckResponse_NOT_SERVING)

	// A Watch hears it too.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := e.health.Watch(wctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		resp, err := w.Recv()
		if err != nil {
			t.Fatalf("Watch: %v; want NOT_SERVING first", err)
		}
		if resp.GetStatus() == healthpb.HealthCheckResponse_NOT_SERVING {
			break
		}
	}
	cancel()

	st.down.Store(false)
	check(healthpb.HealthCheckResponse_SERVING)
}

// TestHealthGraphStore: *graph.Store is a Pinger, reachable while open.
func TestHealthGraphStore(t *testing.T) {
	st, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	var p server.Pinger = st
	if err := p.Ping(context.Background()); err != nil {
		t.Errorf("Ping of an open memory store = %v", err)
	}
	st.Close()
	if err := p.Ping(context.Background()); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Ping after Close = %v; want ErrClosed", err)
	}
}
