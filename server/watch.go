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

// DefaultWatchBuffer is Config.WatchBuffer's default. One write sends all
// its changes at once (a statement each, and its claims and links), so the
// buffer must hold a large article, or a bulk batch, whole.
const DefaultWatchBuffer = 8192

// errWatchBehind ends a watch that fell behind.
var errWatchBehind = status.Error(codes.ResourceExhausted,
	"the watch fell behind the writes and was dropped; watch again, and catch up with ListStatements, ListClaims and ListLinks")

// WatchClaims sends a first message (started) once the watch is subscribed,
// then streams the statements, claims and links that writes store, as they
// are written, until the client goes away (the call ends with its
// context's error), the client falls behind (ResourceExhausted), or the
// server shuts down (Unavailable).
//
// The handler takes each change from the store as it comes and queues it
// for a sender goroutine, which may be held in Send by a client that does
// not read (gRPC flow control). When Config.WatchBuffer changes are queued
// the call ends at once, with ResourceExhausted, whether or not the client
// is reading, and its queue is released.
func (s *Service) WatchClaims(_ *claimgraphv1.WatchClaimsRequest, stream claimgraphv1.ClaimGraphService_WatchClaimsServer) error {
	const method = "WatchClaims"
	ctx := stream.Context()
	if s.watching.Err() != nil {
		return status.Error(codes.Unavailable, "the server is shutting down")
	}
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.watching, cancel)()
	changes := s.store.Subscribe(sub, s.cfg.WatchBuffer)
	// Word now, so that a client knows it is subscribed before any change
	// comes: what is written after this is delivered.
	started := &claimgraphv1.WatchClaimsResponse{Change: &claimgraphv1.WatchClaimsResponse_Started{
		Started: &claimgraphv1.WatchStarted{StartTime: timestamppb.Now()},
	}}
	if err := stream.Send(started); err != nil {
		return s.toStatus(ctx, method, fmt.Errorf("watch: send: %w", err))
	}
	queue := make(chan *claimgraphv1.WatchClaimsResponse, s.cfg.WatchBuffer)
	sendErr := make(chan error, 1)
	over := make(chan struct{})
	defer close(over)
	go func() {
		// Ends when Send fails or the handler has returned; a Send in
		// progress then fails as the call ends.
		for {
			select {
			case <-over:
				return
			case resp := <-queue:
				if err := stream.Send(resp); err != nil {
					sendErr <- err
					return
				}
			}
		}
	}()
	for {
		var c graph.Change
		var ok bool
		select {
		case c, ok = <-changes:
		case err := <-sendErr:
			return s.toStatus(ctx, method, fmt.Errorf("watch: send: %w", err))
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
		select {
		case queue <- resp:
		default:
			return errWatchBehind
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
