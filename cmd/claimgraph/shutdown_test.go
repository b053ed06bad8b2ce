package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"sync/atomic"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// stuckService's GetArticle stands for a write inside the store that
// does not look at its context: it returns only when release is closed.
type stuckService struct {
	claimgraphv1.UnimplementedClaimGraphServiceServer
	entered, release chan struct{}
}

func (s *stuckService) GetArticle(context.Context, *claimgraphv1.GetArticleRequest) (*claimgraphv1.GetArticleResponse, error) {
	close(s.entered)
	<-s.release
	return &claimgraphv1.GetArticleResponse{}, nil
}

type countingCutter struct{ n atomic.Int32 }

func (c *countingCutter) CutOff() { c.n.Add(1) }

// TestDrainGivesUpOnStuckCalls checks that past the shutdown timeout drain
// cuts calls off, closes the connections and returns, reporting that not
// every call ended, even when a handler never returns: the process must
// not wait for it.
func TestDrainGivesUpOnStuckCalls(t *testing.T) {
	svc := &stuckService{entered: make(chan struct{}), release: make(chan struct{})}
	defer close(svc.release)
	gs := grpc.NewServer()
	claimgraphv1.RegisterClaimGraphServiceServer(gs, svc)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(lis)
	c := dialTest(t, lis.Addr().String())
	called := make(chan error, 1)
	go func() {
		_, err := c.GetArticle(context.Background(), &claimgraphv1.GetArticleRequest{Id: "x"})
		called <- err
	}()
	<-svc.entered

	var cut countingCutter
	sigs := &signals{second: make(chan struct{})} // no second signal
	if drain(gs, &cut, 0, sigs, slog.New(slog.NewTextHandler(io.Discard, nil))) {
		t.Errorf("drain reported every call ended while one was stuck")
	}
	if cut.n.Load() != 1 {
		t.Errorf("drain called CutOff %d times; want once", cut.n.Load())
	}
	if err := <-called; status.Code(err) != codes.Unavailable {
		t.Errorf("the stuck call ended with %v; want Unavailable (its connection closed)", err)
	}
}
