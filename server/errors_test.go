package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/lib/pq"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

func TestToStatus(t *testing.T) {
	var logged bytes.Buffer
	s := New(nil, Config{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	for _, tc := range []struct {
		err  error
		want codes.Code
	}{
		{&FieldError{"article.text", "is empty"}, codes.InvalidArgument},
		{fmt.Errorf("put article %q: %w", "a", &FieldError{"article.id", "is required"}), codes.InvalidArgument},
		{fmt.Errorf("get article %q: %w", "a", graph.ErrNotFound), codes.NotFound},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), codes.DeadlineExceeded},
		{fmt.Errorf("list: %w", context.Canceled), codes.Canceled},
		{errBusy, codes.ResourceExhausted},
		{fmt.Errorf("query: %w: SyntaxError: line 1", graph.ErrBadQuery), codes.InvalidArgument},
		{fmt.Errorf("put article: %w: no id", graph.ErrInvalid), codes.InvalidArgument},
		{fmt.Errorf("list: %w", graph.ErrClosed), codes.Unavailable},
		{fmt.Errorf("put articles: %w: deadlock detected", graph.ErrConflict), codes.Aborted},
		{fmt.Errorf("delete article %q: %w: connection refused", "a", graph.ErrUnavailable), codes.Unavailable},
		// A read whose connection to PostgreSQL broke, as Cayley returns it.
		{fmt.Errorf("list statements: %w", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), codes.Unavailable},
		{fmt.Errorf("get article: %w", &pq.Error{Code: "57P01", Message: "terminating connection due to administrator command"}), codes.Unavailable},
		{fmt.Errorf("get article: %w", &pq.Error{Code: "42601", Message: "syntax error"}), codes.Internal},
		{status.Error(codes.Unavailable, "gone"), codes.Unavailable},
		{errors.New("bolt: disk on fire at /secret/path"), codes.Internal},
	} {
		got := s.toStatus(context.Background(), "M", tc.err)
		if status.Code(got) != tc.want {
			t.Errorf("toStatus(%v) = %v; want %v", tc.err, status.Code(got), tc.want)
		}
	}
	if n := strings.Count(logged.String(), "disk on fire"); n != 1 {
		t.Errorf("the internal error was logged %d times; want once:\n%s", n, logged.String())
	}
	internal := s.toStatus(context.Background(), "M", errors.New("bolt: disk on fire at /secret/path"))
	if strings.Contains(status.Convert(internal).Message(), "secret") {
		t.Errorf("Internal message %q reveals the cause", status.Convert(internal).Message())
	}
	if s.toStatus(context.Background(), "M", nil) != nil {
		t.Errorf("toStatus(nil) != nil")
	}
}

func TestToStatusBadQuery(t *testing.T) {
	s := New(nil, Config{})
	st := status.Convert(s.toStatus(context.Background(), "Query", fmt.Errorf("query: %w: SyntaxError: line 1", graph.ErrBadQuery)))
	if want := "query: SyntaxError: line 1"; st.Message() != want {
		t.Errorf("message = %q; want %q", st.Message(), want)
	}
}

func TestToStatusFieldViolation(t *testing.T) {
	s := New(nil, Config{})
	st := status.Convert(s.toStatus(context.Background(), "M", &FieldError{"page_size", "is -1; it must not be negative"}))
	if st.Message() != "page_size: is -1; it must not be negative" {
		t.Errorf("message = %q", st.Message())
	}
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok && len(br.GetFieldViolations()) == 1 && br.GetFieldViolations()[0].GetField() == "page_size" {
			return
		}
	}
	t.Errorf("details = %v; want a BadRequest violation for page_size", st.Details())
}

// panicStore panics on every call: its Store is nil.
type panicStore struct{ Store }

// TestRecoverPanic checks that a panicking handler answers Internal and the
// server goes on serving.
func TestRecoverPanic(t *testing.T) {
	var logged bytes.Buffer
	svc := New(panicStore{}, Config{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	gs := svc.NewGRPCServer()
	lis := bufconn.Listen(1 << 20)
	go gs.Serve(lis)
	defer gs.Stop()
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := claimgraphv1.NewClaimGraphServiceClient(conn)
	for i := 0; i < 2; i++ {
		_, err := c.GetArticle(context.Background(), &claimgraphv1.GetArticleRequest{Id: "a"})
		if status.Code(err) != codes.Internal {
			t.Fatalf("call %d: GetArticle on a panicking store = %v; want Internal", i, err)
		}
	}
	stream, err := c.ExportQuads(context.Background(), &claimgraphv1.ExportQuadsRequest{})
	if err == nil {
		_, err = stream.Recv()
	}
	if status.Code(err) != codes.Internal {
		t.Fatalf("ExportQuads on a panicking store = %v; want Internal", err)
	}
	if !strings.Contains(logged.String(), "panic") || !strings.Contains(logged.String(), "code=Internal") {
		t.Errorf("log does not record the panic and its code:\n%s", logged.String())
	}
}
