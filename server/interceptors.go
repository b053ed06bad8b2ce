package server

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// logUnary logs every unary call: method, code and duration. It never logs
// requests or responses (article text, page tokens).
func (s *Service) logUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	start := time.Now()
	resp, err := handler(ctx, req)
	s.logCall(ctx, info.FullMethod, start, err)
	return resp, err
}

// logStream logs every streaming call as logUnary does.
func (s *Service) logStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	start := time.Now()
	err := handler(srv, ss)
	s.logCall(ss.Context(), info.FullMethod, start, err)
	return err
}

func (s *Service) logCall(ctx context.Context, method string, start time.Time, err error) {
	st := status.Convert(err)
	level := slog.LevelInfo
	switch st.Code() {
	case codes.OK, codes.InvalidArgument, codes.NotFound, codes.Canceled:
	case codes.Internal, codes.Unknown:
		level = slog.LevelError
	default:
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("code", st.Code().String()),
		slog.Duration("duration", time.Since(start)),
	}
	s.log.LogAttrs(ctx, level, "rpc", attrs...)
}

// recoverUnary turns a panic in a handler into Internal and logs its stack.
func (s *Service) recoverUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	defer s.recoverTo(ctx, info.FullMethod, &err)
	return handler(ctx, req)
}

// recoverStream turns a panic in a streaming handler into Internal.
func (s *Service) recoverStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
	defer s.recoverTo(ss.Context(), info.FullMethod, &err)
	return handler(srv, ss)
}

func (s *Service) recoverTo(ctx context.Context, method string, err *error) {
	if p := recover(); p != nil {
		*err = s.toStatus(ctx, method, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
	}
}
