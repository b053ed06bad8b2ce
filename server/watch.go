package server

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// watchBuffer is how many changes a watch may be behind before the store
// drops it. One write sends all its changes at once (a statement each, and
// its claims and links), and the store drops a watcher that has no room
// for all of them, so it must hold a large article, or a bulk batch, whole.
const watchBuffer = 8192

// errWatchBehind ends a watch the store dropped for falling behind.
var errWatchBehind = status.Error(codes.ResourceExhausted,
	"the watch fell behind the writes and was dropped; watch again, and catch up with ListStatements, ListClaims and ListLinks")

// WatchClaims sends a first message (started) once the watch is subscribed,
// then streams the statements, claims and links that writes store, as they
// are written, until the client goes away (the call ends with its
// context's error), the client falls behind (ResourceExhausted), or the
// server shuts down (Unavailable).
func (s *Service) WatchClaims(_ *claimgraphv1.WatchClaimsRequest, stream claimgraphv1.ClaimGraphService_WatchClaimsServer) error {
	const method = "WatchClaims"
	ctx := stream.Context()
	if s.watching.Err() != nil {
		return status.Error(codes.Unavailable, "the server is shutting down")
	}
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.watching, cancel)()
	changes := s.store.Subscribe(sub, watchBuffer)
	// Word now, so that a client knows it is subscribed before any change
	// comes: what is written after this is delivered.
	started := &claimgraphv1.WatchClaimsResponse{Change: &claimgraphv1.WatchClaimsResponse_Started{
		Started: &claimgraphv1.WatchStarted{StartTime: timestamppb.Now()},
	}}
	if err := stream.Send(started); err != nil {
		return s.toStatus(ctx, method, fmt.Errorf("watch: send: %w", err))
	}
	for {
		var c graph.Change
		var ok bool
		select {
		case c, ok = <-changes:
		case <-sub.Done():
		}
		switch {
		case ctx.Err() != nil:
			return s.toStatus(ctx, method, ctx.Err())
		case s.watching.Err() != nil:
			return status.Error(codes.Unavailable, "the server is shutting down")
		case !ok:
			return s.watchClosed(ctx, method)
		}
		resp, known := ChangeToProto(&c)
		if !known {
			continue
		}
		if err := stream.Send(resp); err != nil {
			return s.toStatus(ctx, method, fmt.Errorf("watch: send: %w", err))
		}
	}
}

// watchClosed says why the store closed a live subscription: it dropped a
// watch that fell behind, or it was closed. The store does not say which,
// so a cheap read asks whether it is still open.
func (s *Service) watchClosed(ctx context.Context, method string) error {
	if _, _, err := s.store.ListMeasures(ctx, graph.Page{Limit: 1}); errors.Is(err, graph.ErrClosed) {
		return s.toStatus(ctx, method, err)
	}
	return errWatchBehind
}
