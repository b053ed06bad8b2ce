package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
//   - an *extractorError is Internal, logged where the extractor failed;
//   - graph.ErrBadQuery is InvalidArgument on "query", graph.ErrInvalid on
//     "article";
//   - a *notFoundError is NotFound naming what was not found in the
//     request's words, with a ResourceInfo; a bare graph.ErrNotFound is
//     NotFound too;
//   - graph.ErrClosed is Unavailable;
//   - graph.ErrConflict (a write PostgreSQL rolled back each time it was
//     run) is Aborted, a database that cannot be reached
//     (graph.Unreachable: graph.ErrUnavailable, or a read's lost
//     connection) Unavailable, each logged as a warning;
//   - context errors are DeadlineExceeded or Canceled;
//   - errBusy is ResourceExhausted;
//   - a status error passes through;
//   - anything else is Internal with a generic message, and is logged here,
//     once, with the method that failed.
func (s *Service) toStatus(ctx context.Context, method string, err error) error {
	if err == nil {
		return nil
	}
	var (
		fe *FieldError
		nf *notFoundError
		ee *extractorError
	)
	switch {
	case errors.As(err, &ee):
		return status.Error(codes.Internal, ee.Error()) // logged where it happened
	case errors.As(err, &nf):
		st := status.New(codes.NotFound, nf.Error())
		if d, derr := st.WithDetails(&errdetails.ResourceInfo{ResourceType: nf.what, ResourceName: nf.name, Description: nf.hint}); derr == nil {
			st = d
		}
		return st.Err()
	case errors.As(err, &fe):
		st := status.New(codes.InvalidArgument, fe.Error())
		br := &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: fe.Field, Description: fe.Reason},
		}}
		if d, derr := st.WithDetails(br); derr == nil {
			st = d
		}
		return st.Err()
	case errors.Is(err, graph.ErrBadQuery):
		// The parser's own words, without the wrapping that repeats "query".
		reason := err.Error()
		if i := strings.LastIndex(reason, graph.ErrBadQuery.Error()+": "); i >= 0 {
			reason = reason[i+len(graph.ErrBadQuery.Error())+2:]
		}
		return s.toStatus(ctx, method, &FieldError{"query", reason})
	case errors.Is(err, graph.ErrInvalid):
		return s.toStatus(ctx, method, &FieldError{"article", err.Error()})
	case errors.Is(err, graph.ErrNotFound):
		return status.Error(codes.NotFound, strings.ReplaceAll(err.Error(), graph.ErrNotFound.Error(), "not found"))
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, errBusy):
		return status.Error(codes.ResourceExhausted, err.Error())
	case errors.Is(err, graph.ErrClosed):
		return status.Error(codes.Unavailable, "the store is closed; the server is shutting down")
	case errors.Is(err, graph.ErrConflict):
		s.log.WarnContext(ctx, "write conflict", "method", method, "err", err)
		return status.Error(codes.Aborted, "the write conflicted with writes through other servers each time it was tried; nothing of it was stored: try again")
	case graph.Unreachable(err):
		s.log.WarnContext(ctx, "database unavailable", "method", method, "err", err)
		return status.Error(codes.Unavailable, "the database cannot be reached; nothing of a write was stored: try again")
	}
	if st, ok := status.FromError(err); ok {
		return st.Err()
	}
	s.log.ErrorContext(ctx, "internal error", "method", method, "err", err)
	return status.Error(codes.Internal, "internal error; the server log has the details")
}

// notFoundError says, in the words of the request, what it named that does
// not exist: `no article with id "x"`, not the store's "not found".
type notFoundError struct {
	what, name string // what kind of thing, and as the request named it
	hint       string // where to find the names that exist, or ""
	err        error
}

func (e *notFoundError) Error() string {
	msg := fmt.Sprintf("no %s %q", e.what, e.name)
	if e.hint != "" {
		msg += "; " + e.hint
	}
	return msg
}

func (e *notFoundError) Unwrap() error { return e.err }

// notFound returns err naming what (an article, an actor, …) the request
// called name if err is graph.ErrNotFound, and err unchanged otherwise.
func notFound(err error, what, name, hint string) error {
	if errors.Is(err, graph.ErrNotFound) {
		return &notFoundError{what: what, name: name, hint: hint, err: err}
	}
	return err
}
