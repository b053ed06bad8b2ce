package server

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// errCutOff is the cause of the context of every call that CutOff ends.
var errCutOff = errors.New("cut off by the server's shutdown")

// cutOffMessage is what a client whose call was cut off is told. A write
// that ends with the context's error was not committed: the store checks
// the context as it builds a write and commits nothing after it has
// failed; a write past its last check commits and answers OK if it still
// can (the serve command waits a moment for that), or dies uncommitted
// with the process. In a bulk stream, the batches written before stay
// written.
const cutOffMessage = "the server is shutting down and cut this call off: the write in progress, if any, was not stored " +
	"(in IngestArticles, batches written before it stay stored); retry against a running server"

// CutOff ends every call in flight: their contexts are cancelled, and a
// call that ends because of it is Unavailable with a message that says
// that its write in progress was not stored. The serve command calls it
// when the shutdown timeout has passed or at a second signal, shortly
// before it stops the gRPC server, so that the calls that can still
// answer say what became of them. It is safe for concurrent use.
func (s *Service) CutOff() { s.cutOff(errCutOff) }

// cutUnary and cutStream give each call a context that CutOff cancels.
func (s *Service) cutUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	ctx, cancel := s.cuttable(ctx)
	defer cancel()
	resp, err := handler(ctx, req)
	return resp, s.cutStatus(ctx, err)
}

func (s *Service) cutStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	ctx, cancel := s.cuttable(ss.Context())
	defer cancel()
	return s.cutStatus(ctx, handler(srv, &ctxStream{ServerStream: ss, ctx: ctx}))
}

// cuttable returns ctx, cancelled with errCutOff by CutOff too.
func (s *Service) cuttable(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(s.cutting, func() { cancel(context.Cause(s.cutting)) })
	return ctx, func() { stop(); cancel(nil) }
}

// cutStatus replaces the status of a call that ended because CutOff
// cancelled it, whatever error its handler made of the cancellation.
func (s *Service) cutStatus(ctx context.Context, err error) error {
	if err == nil || !errors.Is(context.Cause(ctx), errCutOff) {
		return err
	}
	switch status.Code(err) {
	case codes.Canceled, codes.Unavailable, codes.DeadlineExceeded, codes.Unknown, codes.Internal:
		return status.Error(codes.Unavailable, cutOffMessage)
	}
	return err // a refusal that had nothing to do with the cut-off
}

// ctxStream is a ServerStream with another context.
type ctxStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *ctxStream) Context() context.Context { return s.ctx }

// RecvMsg returns when a message comes or when the context ends, so that a
// bulk stream waiting for its next article ends at CutOff. gRPC's own
// RecvMsg waits on the transport only; it is left to finish on its own
// goroutine, into a message nobody reads, when the transport closes.
func (s *ctxStream) RecvMsg(m any) error {
	if err := s.ctx.Err(); err != nil {
		return status.FromContextError(err).Err()
	}
	got := make(chan error, 1)
	go func() { got <- s.ServerStream.RecvMsg(m) }()
	select {
	case err := <-got:
		return err
	case <-s.ctx.Done():
		return status.FromContextError(s.ctx.Err()).Err()
	}
}

// healthServer is grpc-go's health server, whose Watch streams end when
// Shutdown is called, after they have said NOT_SERVING: an open Watch
// would otherwise hold the graceful stop up for the whole shutdown
// timeout.
type healthServer struct {
	*health.Server
	done context.Context // cancelled by Shutdown
	// ping, when not nil, checks that the store's database can be
	// reached: Check calls it, and each Watch calls it every
	// healthProbeInterval.
	ping func(context.Context) error
	log  *slog.Logger
}

// Watch is health.Server's Watch until the service shuts down; it then
// sends the status Check gives (NOT_SERVING) and ends Unavailable.
func (h *healthServer) Watch(req *healthpb.HealthCheckRequest, stream healthpb.Health_WatchServer) error {
	if h.done.Err() != nil {
		return h.ended(req, stream)
	}
	ctx, cancel := context.WithCancel(stream.Context())
	defer cancel()
	defer context.AfterFunc(h.done, cancel)()
	if h.ping != nil {
		probed := make(chan struct{})
		defer func() { cancel(); <-probed }()
		go func() {
			defer close(probed)
			h.probe(ctx)
		}()
	}
	err := h.Server.Watch(req, &healthWatchStream{Health_WatchServer: stream, ctx: ctx})
	if h.done.Err() != nil && stream.Context().Err() == nil {
		return h.ended(req, stream)
	}
	return err
}

func (h *healthServer) ended(req *healthpb.HealthCheckRequest, stream healthpb.Health_WatchServer) error {
	if resp, err := h.Server.Check(stream.Context(), req); err == nil {
		if err := stream.Send(resp); err != nil {
			return err
		}
	}
	return status.Error(codes.Unavailable, "the server is shutting down")
}

// healthWatchStream is a Health_WatchServer with another context.
type healthWatchStream struct {
	healthpb.Health_WatchServer
	ctx context.Context
}

func (s *healthWatchStream) Context() context.Context { return s.ctx }
