package server

import (
	"context"
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/graph"
)

// errBusy says a limit on concurrent work was reached; it maps to
// ResourceExhausted.
var errBusy = errors.New("too many queries running; try again later")

// toStatus maps an error from a handler to the gRPC status the client sees.
// It is the one place where errors become codes:
//   - a *FieldError is InvalidArgument with a BadRequest field violation;
//   - graph.ErrNotFound is NotFound;
//   - context errors are DeadlineExceeded or Canceled;
//   - errBusy is ResourceExhausted;
//   - a status error passes through;
//   - anything else is Internal with a generic message, and is logged here,
//     once, with the method that failed.
func (s *Service) toStatus(ctx context.Context, method string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	switch {
	case errors.As(err, &fe):
		st := status.New(codes.InvalidArgument, fe.Error())
		br := &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: fe.Field, Description: fe.Reason},
		}}
		if d, derr := st.WithDetails(br); derr == nil {
			st = d
		}
		return st.Err()
	case errors.Is(err, graph.ErrNotFound):
		return status.Error(codes.NotFound, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, errBusy):
		return status.Error(codes.ResourceExhausted, err.Error())
	}
	if st, ok := status.FromError(err); ok {
		return st.Err()
	}
	s.log.ErrorContext(ctx, "internal error", "method", method, "err", err)
	return status.Error(codes.Internal, "internal error; the server log has the details")
}
