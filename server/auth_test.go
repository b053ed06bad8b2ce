package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// Tokens used across the tests. Every error a test sees is checked not to
// contain any of them.
const (
	fullToken  = "full-0123456789abcdef"
	full2Token = "full-fedcba9876543210"
	roToken    = "read-0123456789abcdef"
	roBadToken = "read-not-in-any-file"
)

var testTokens = []string{fullToken, full2Token, roToken, roBadToken}

// assertNoSecret fails the test if err's text contains a token.
func assertNoSecret(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	for _, s := range testTokens {
		if strings.Contains(err.Error(), s) {
			tb.Errorf("error %q contains a token", err)
		}
	}
}

// writeTestFile writes content to a new file in dir and returns its name.
func writeTestFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// newTestAuthenticator returns an Authenticator over a full-access file with
// fullToken and a read-only file with roToken, and the two file names.
func newTestAuthenticator(tb testing.TB) (a *Authenticator, fullFile, roFile string) {
	tb.Helper()
	dir := tb.TempDir()
	fullFile = writeTestFile(tb, dir, "full", "# full access\n"+fullToken+"\n")
	roFile = writeTestFile(tb, dir, "ro", roToken+"\n")
	a, err := NewAuthenticator(fullFile, roFile)
	if err != nil {
		tb.Fatalf("NewAuthenticator: %v", err)
	}
	return a, fullFile, roFile
}

func TestReadTokenFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []string
		wantErr string // substring; "" means no error
	}{
		{name: "one", content: fullToken + "\n", want: []string{fullToken}},
		{name: "no final newline", content: fullToken, want: []string{fullToken}},
		{
			name:    "comments blanks and space",
			content: "# ops team\n\n  " + fullToken + "  \n\t# rotated 2025-10\n" + full2Token + "\r\n\n",
			want:    []string{fullToken, full2Token},
		},
		{name: "empty", content: "", wantErr: "no token"},
		{name: "only comments", content: "# nothing\n\n   \n", wantErr: "no token"},
		{name: "inner space", content: "# x\n" + fullToken + " " + full2Token + "\n", wantErr: "line 2: malformed token"},
		{name: "inline comment", content: fullToken + " # laptop\n", wantErr: "line 1: malformed token"},
		{name: "control char", content: fullToken + "\x00\n", wantErr: "line 1: malformed token"},
		{name: "arabic", content: "رمز-" + fullToken + "\n", wantErr: "line 1: malformed token"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTestFile(t, dir, strings.ReplaceAll(tt.name, " ", "_"), tt.content)
			got, err := ReadTokenFile(p)
			assertNoSecret(t, err)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), p) {
					t.Fatalf("ReadTokenFile(%q) error = %v; want one naming the file and containing %q", tt.content, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ReadTokenFile(%q) = %q, %v; want %q", tt.content, got, err, tt.want)
			}
		})
	}

	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(dir, "absent")
		_, err := ReadTokenFile(p)
		if !errors.Is(err, os.ErrNotExist) || strings.Count(err.Error(), p) != 1 {
			t.Errorf("ReadTokenFile(absent) error = %v; want ErrNotExist naming the file once", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		p := writeTestFile(t, dir, "large", strings.Repeat(fullToken+"\n", maxTokenFileSize/len(fullToken)+1))
		_, err := ReadTokenFile(p)
		assertNoSecret(t, err)
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("ReadTokenFile(large) error = %v; want too large", err)
		}
	})
}

func TestNewAuthenticator(t *testing.T) {
	dir := t.TempDir()
	full := writeTestFile(t, dir, "full", fullToken+"\n")
	ro := writeTestFile(t, dir, "ro", roToken+"\n")
	both := writeTestFile(t, dir, "both", "# shared by mistake\n"+fullToken+"\n")
	empty := writeTestFile(t, dir, "empty", "\n")

	tests := []struct {
		name        string
		full, ro    string
		wantEnabled bool
		wantErr     string
	}{
		{name: "none", wantEnabled: false},
		{name: "full only", full: full, wantEnabled: true},
		{name: "read-only only", ro: ro, wantEnabled: true},
		{name: "both", full: full, ro: ro, wantEnabled: true},
		{name: "token in both files", full: full, ro: both, wantErr: "line 2 of " + both + " repeats line 1 of " + full},
		{name: "empty full", full: empty, ro: ro, wantErr: empty},
		{name: "empty read-only", full: full, ro: empty, wantErr: empty},
		{name: "missing", full: filepath.Join(dir, "absent"), wantErr: filepath.Join(dir, "absent")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := NewAuthenticator(tt.full, tt.ro)
			assertNoSecret(t, err)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("NewAuthenticator(%q, %q) error = %v; want one containing %q", tt.full, tt.ro, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewAuthenticator(%q, %q): %v", tt.full, tt.ro, err)
			}
			if got := a.Enabled(); got != tt.wantEnabled {
				t.Errorf("Enabled() = %v; want %v", got, tt.wantEnabled)
			}
		})
	}
}

// incomingAuth returns a server-side context carrying the given authorization
// values, as gRPC would hand it to an interceptor.
func incomingAuth(auth ...string) context.Context {
	md := metadata.MD{}
	for _, v := range auth {
		md.Append("authorization", v)
	}
	return metadata.NewIncomingContext(context.Background(), md)
}

// callUnary runs a's unary interceptor for method with a handler that
// records the access it saw.
func callUnary(a *Authenticator, ctx context.Context, method string) (Access, bool, error) {
	var got Access
	var ok, called bool
	_, err := a.UnaryInterceptor()(ctx, nil, &grpc.UnaryServerInfo{FullMethod: method},
		func(ctx context.Context, _ any) (any, error) {
			called = true
			got, ok = AccessFromContext(ctx)
			return nil, nil
		})
	if err == nil && !called {
		err = errors.New("handler not called")
	}
	return got, ok, err
}

func TestInterceptorClassification(t *testing.T) {
	a, _, _ := newTestAuthenticator(t)
	const (
		ingest  = claimgraphv1.ClaimGraphService_IngestArticle_FullMethodName
		bulk    = claimgraphv1.ClaimGraphService_IngestArticles_FullMethodName
		del     = claimgraphv1.ClaimGraphService_DeleteArticle_FullMethodName
		get     = claimgraphv1.ClaimGraphService_GetArticle_FullMethodName
		query   = claimgraphv1.ClaimGraphService_Query_FullMethodName
		export  = claimgraphv1.ClaimGraphService_ExportQuads_FullMethodName
		future  = "/claimgraph.v1.ClaimGraphService/SomethingNew"
		other   = "/other.v1.Admin/Wipe"
		check   = "/grpc.health.v1.Health/Check"
		watch   = "/grpc.health.v1.Health/Watch"
		reflect = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"
	)
	bearer := func(tok string) []string { return []string{"Bearer " + tok} }
	tests := []struct {
		name       string
		method     string
		auth       []string
		want       codes.Code
		wantAccess Access // when want is OK and a token was checked
	}{
		{name: "health without token", method: check, want: codes.OK},
		{name: "health watch without token", method: watch, want: codes.OK},
		{name: "health with unknown token", method: check, auth: bearer(roBadToken), want: codes.OK},

		{name: "read without token", method: get, want: codes.Unauthenticated},
		{name: "write without token", method: ingest, want: codes.Unauthenticated},
		{name: "empty value", method: get, auth: []string{""}, want: codes.Unauthenticated},
		{name: "scheme only", method: get, auth: []string{"Bearer"}, want: codes.Unauthenticated},
		{name: "scheme and space", method: get, auth: []string{"Bearer "}, want: codes.Unauthenticated},
		{name: "no scheme", method: get, auth: []string{fullToken}, want: codes.Unauthenticated},
		{name: "basic scheme", method: get, auth: []string{"Basic " + fullToken}, want: codes.Unauthenticated},
		{name: "two values", method: get, auth: append(bearer(fullToken), bearer(fullToken)...), want: codes.Unauthenticated},
		{name: "token with space", method: get, auth: []string{"Bearer " + fullToken + " x"}, want: codes.Unauthenticated},
		{name: "unknown token", method: get, auth: bearer(roBadToken), want: codes.Unauthenticated},
		{name: "prefix of token", method: get, auth: bearer(fullToken[:len(fullToken)-1]), want: codes.Unauthenticated},
		{name: "token plus suffix", method: get, auth: bearer(fullToken + "0"), want: codes.Unauthenticated},

		{name: "lower-case scheme", method: get, auth: []string{"bearer " + roToken}, want: codes.OK, wantAccess: AccessReadOnly},
		{name: "surrounding space", method: get, auth: []string{"  Bearer   " + roToken + " "}, want: codes.OK, wantAccess: AccessReadOnly},

		{name: "read-only reads", method: get, auth: bearer(roToken), want: codes.OK, wantAccess: AccessReadOnly},
		{name: "read-only queries", method: query, auth: bearer(roToken), want: codes.OK, wantAccess: AccessReadOnly},
		{name: "read-only exports", method: export, auth: bearer(roToken), want: codes.OK, wantAccess: AccessReadOnly},
		{name: "read-only reflects", method: reflect, auth: bearer(roToken), want: codes.OK, wantAccess: AccessReadOnly},
		{name: "reflection without token", method: reflect, want: codes.Unauthenticated},
		{name: "read-only ingests", method: ingest, auth: bearer(roToken), want: codes.PermissionDenied},
		{name: "read-only bulk ingests", method: bulk, auth: bearer(roToken), want: codes.PermissionDenied},
		{name: "read-only deletes", method: del, auth: bearer(roToken), want: codes.PermissionDenied},
		{name: "read-only puts extraction", method: putExtractionMethod, auth: bearer(roToken), want: codes.PermissionDenied},
		{name: "read-only calls unclassified method", method: future, auth: bearer(roToken), want: codes.PermissionDenied},
		{name: "read-only calls other service", method: other, auth: bearer(roToken), want: codes.PermissionDenied},

		{name: "full reads", method: get, auth: bearer(fullToken), want: codes.OK, wantAccess: AccessFull},
		{name: "full ingests", method: ingest, auth: bearer(fullToken), want: codes.OK, wantAccess: AccessFull},
		{name: "full deletes", method: del, auth: bearer(fullToken), want: codes.OK, wantAccess: AccessFull},
		{name: "full calls unclassified method", method: future, auth: bearer(fullToken), want: codes.OK, wantAccess: AccessFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := callUnary(a, incomingAuth(tt.auth...), tt.method)
			assertNoSecret(t, err)
			if code := status.Code(err); code != tt.want {
				t.Fatalf("unary %s with %q: code %v (%v); want %v", tt.method, tt.auth, code, err, tt.want)
			}
			if tt.want == codes.OK {
				wantOK := tt.wantAccess != AccessNone
				if got != tt.wantAccess || ok != wantOK {
					t.Errorf("AccessFromContext = %v, %v; want %v, %v", got, ok, tt.wantAccess, wantOK)
				}
			}

			// The stream interceptor decides the same way.
			var streamAccess Access
			err = a.StreamInterceptor()(nil, authFakeStream{incomingAuth(tt.auth...)}, &grpc.StreamServerInfo{FullMethod: tt.method},
				func(_ any, ss grpc.ServerStream) error {
					streamAccess, _ = AccessFromContext(ss.Context())
					return nil
				})
			assertNoSecret(t, err)
			if code := status.Code(err); code != tt.want {
				t.Fatalf("stream %s with %q: code %v (%v); want %v", tt.method, tt.auth, code, err, tt.want)
			}
			if tt.want == codes.OK && streamAccess != tt.wantAccess {
				t.Errorf("stream AccessFromContext = %v; want %v", streamAccess, tt.wantAccess)
			}
		})
	}
}

// authFakeStream is a ServerStream that only has a context.
type authFakeStream struct{ ctx context.Context }

func (s authFakeStream) Context() context.Context   { return s.ctx }
func (authFakeStream) SetHeader(metadata.MD) error  { return nil }
func (authFakeStream) SendHeader(metadata.MD) error { return nil }
func (authFakeStream) SetTrailer(metadata.MD)       {}
func (authFakeStream) SendMsg(any) error            { return nil }
func (authFakeStream) RecvMsg(any) error            { return io.EOF }

// TestEveryServiceMethodClassified fails when the API gains an RPC that is in
// neither readMethods nor writeMethods: decide which it is.
func TestEveryServiceMethodClassified(t *testing.T) {
	sd := claimgraphv1.ClaimGraphService_ServiceDesc
	var names []string
	for _, m := range sd.Methods {
		names = append(names, m.MethodName)
	}
	for _, s := range sd.Streams {
		names = append(names, s.StreamName)
	}
	for _, n := range names {
		full := "/" + sd.ServiceName + "/" + n
		if readMethods[full] == writeMethods[full] {
			t.Errorf("%s: in readMethods %v, in writeMethods %v; want it in exactly one", full, readMethods[full], writeMethods[full])
		}
	}
	for m := range writeMethods {
		if !strings.HasPrefix(m, "/"+sd.ServiceName+"/") {
			t.Errorf("write method %s is not a %s method", m, sd.ServiceName)
		}
	}
}

func TestDisabledAuthenticator(t *testing.T) {
	disabled, err := NewAuthenticator("", "")
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Authenticator{"nil": nil, "no files": disabled} {
		t.Run(name, func(t *testing.T) {
			if a.Enabled() {
				t.Error("Enabled() = true; want false")
			}
			if err := a.Reload(); err != nil {
				t.Errorf("Reload() = %v; want nil", err)
			}
			if _, ok, err := callUnary(a, context.Background(), claimgraphv1.ClaimGraphService_DeleteArticle_FullMethodName); err != nil || ok {
				t.Errorf("unary DeleteArticle = %v, access set %v; want nil, false", err, ok)
			}
			called := false
			err := a.StreamInterceptor()(nil, authFakeStream{context.Background()}, &grpc.StreamServerInfo{FullMethod: claimgraphv1.ClaimGraphService_IngestArticles_FullMethodName},
				func(any, grpc.ServerStream) error { called = true; return nil })
			if err != nil || !called {
				t.Errorf("stream IngestArticles = %v, called %v; want nil, true", err, called)
			}
		})
	}
}

func TestReload(t *testing.T) {
	a, fullFile, roFile := newTestAuthenticator(t)
	get := claimgraphv1.ClaimGraphService_GetArticle_FullMethodName
	access := func(tok string) Access {
		t.Helper()
		got, _, err := callUnary(a, incomingAuth("Bearer "+tok), get)
		assertNoSecret(t, err)
		if err != nil && status.Code(err) != codes.Unauthenticated {
			t.Fatalf("unary GetArticle: %v", err)
		}
		return got
	}
	expect := func(step string, want map[string]Access) {
		t.Helper()
		for tok, w := range want {
			if got := access(tok); got != w {
				t.Errorf("%s: token %d has access %v; want %v", step, slices.Index(testTokens, tok), got, w)
			}
		}
	}

	// Rotate: full2 replaces full; the read-only token moves to full.
	writeTestFile(t, filepath.Dir(fullFile), filepath.Base(fullFile), full2Token+"\n"+roToken+"\n")
	writeTestFile(t, filepath.Dir(roFile), filepath.Base(roFile), roBadToken+"\n")
	if err := a.Reload(); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	rotated := map[string]Access{fullToken: AccessNone, full2Token: AccessFull, roToken: AccessFull, roBadToken: AccessReadOnly}
	expect("after rotation", rotated)

	// Failed reloads keep the rotated tokens.
	failures := []struct {
		name  string
		spoil func()
	}{
		{"empty full file", func() { writeTestFile(t, filepath.Dir(fullFile), filepath.Base(fullFile), "# emptied\n") }},
		{"malformed read-only file", func() { writeTestFile(t, filepath.Dir(roFile), filepath.Base(roFile), fullToken+" oops\n") }},
		{"token in both", func() { writeTestFile(t, filepath.Dir(roFile), filepath.Base(roFile), full2Token+"\n") }},
		{"removed read-only file", func() {
			if err := os.Remove(roFile); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			// Restore good files, then break one.
			writeTestFile(t, filepath.Dir(fullFile), filepath.Base(fullFile), full2Token+"\n"+roToken+"\n")
			writeTestFile(t, filepath.Dir(roFile), filepath.Base(roFile), roBadToken+"\n")
			f.spoil()
			err := a.Reload()
			assertNoSecret(t, err)
			if err == nil {
				t.Fatal("Reload() = nil; want an error")
			}
			expect("after failed reload", rotated)
		})
	}
}

// TestReloadConcurrent is for -race: calls keep being checked while the
// token set is swapped.
func TestReloadConcurrent(t *testing.T) {
	a, _, _ := newTestAuthenticator(t)
	ctx := incomingAuth("Bearer " + fullToken)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				if _, _, err := callUnary(a, ctx, claimgraphv1.ClaimGraphService_IngestArticle_FullMethodName); err != nil {
					t.Errorf("unary IngestArticle during reload: %v", err)
					return
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 50 {
				if err := a.Reload(); err != nil {
					t.Errorf("Reload: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// authTestService implements the RPCs the gRPC test calls; the rest stay
// Unimplemented, which is also proof that the call got past the interceptor.
type authTestService struct {
	claimgraphv1.UnimplementedClaimGraphServiceServer
}

func (authTestService) IngestArticle(context.Context, *claimgraphv1.IngestArticleRequest) (*claimgraphv1.IngestArticleResponse, error) {
	return &claimgraphv1.IngestArticleResponse{}, nil
}

func (authTestService) GetArticle(context.Context, *claimgraphv1.GetArticleRequest) (*claimgraphv1.GetArticleResponse, error) {
	return &claimgraphv1.GetArticleResponse{}, nil
}

func (authTestService) IngestArticles(s grpc.ClientStreamingServer[claimgraphv1.IngestArticlesRequest, claimgraphv1.IngestArticlesResponse]) error {
	for {
		if _, err := s.Recv(); err == io.EOF {
			return s.SendAndClose(&claimgraphv1.IngestArticlesResponse{})
		} else if err != nil {
			return err
		}
	}
}

func (authTestService) ExportQuads(*claimgraphv1.ExportQuadsRequest, grpc.ServerStreamingServer[claimgraphv1.ExportQuadsResponse]) error {
	return nil
}

// serveAuthTest starts a gRPC server on 127.0.0.1:0 with the health service,
// reflection and authTestService behind a's interceptors, plus any extra server
// options, and returns its address.
func serveAuthTest(tb testing.TB, a *Authenticator, opts ...grpc.ServerOption) string {
	tb.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	opts = append(opts, grpc.ChainUnaryInterceptor(a.UnaryInterceptor()), grpc.ChainStreamInterceptor(a.StreamInterceptor()))
	s := grpc.NewServer(opts...)
	healthpb.RegisterHealthServer(s, health.NewServer())
	claimgraphv1.RegisterClaimGraphServiceServer(s, authTestService{})
	reflection.Register(s)
	go s.Serve(lis)
	tb.Cleanup(s.Stop)
	return lis.Addr().String()
}

func TestAuthOverGRPC(t *testing.T) {
	a, _, _ := newTestAuthenticator(t)
	addr := serveAuthTest(t, a)
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cg := claimgraphv1.NewClaimGraphServiceClient(conn)
	hc := healthpb.NewHealthClient(conn)
	rc := reflectionpb.NewServerReflectionClient(conn)

	calls := map[string]func(context.Context) error{
		"Health.Check": func(ctx context.Context) error {
			_, err := hc.Check(ctx, &healthpb.HealthCheckRequest{})
			return err
		},
		"IngestArticle": func(ctx context.Context) error {
			_, err := cg.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{})
			return err
		},
		"GetArticle": func(ctx context.Context) error {
			_, err := cg.GetArticle(ctx, &claimgraphv1.GetArticleRequest{})
			return err
		},
		"IngestArticles": func(ctx context.Context) error {
			s, err := cg.IngestArticles(ctx)
			if err != nil {
				return err
			}
			if err := s.Send(&claimgraphv1.IngestArticlesRequest{}); err != nil && err != io.EOF {
				return err
			}
			_, err = s.CloseAndRecv()
			return err
		},
		"ExportQuads": func(ctx context.Context) error {
			s, err := cg.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{})
			if err != nil {
				return err
			}
			if _, err := s.Recv(); err != io.EOF {
				return err
			}
			return nil
		},
		"ServerReflection": func(ctx context.Context) error {
			s, err := rc.ServerReflectionInfo(ctx)
			if err != nil {
				return err
			}
			if err := s.Send(&reflectionpb.ServerReflectionRequest{
				MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{},
			}); err != nil && err != io.EOF {
				return err
			}
			_, err = s.Recv()
			return err
		},
	}
	U, P, OK := codes.Unauthenticated, codes.PermissionDenied, codes.OK
	tests := []struct {
		call                string
		none, bad, ro, full codes.Code
	}{
		{"Health.Check", OK, OK, OK, OK},
		{"IngestArticle", U, U, P, OK},
		{"GetArticle", U, U, OK, OK},
		{"IngestArticles", U, U, P, OK},
		{"ExportQuads", U, U, OK, OK},
		{"ServerReflection", U, U, OK, OK},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			who   string
			token string
			want  codes.Code
		}{{"no token", "", tt.none}, {"unknown token", roBadToken, tt.bad}, {"read-only token", roToken, tt.ro}, {"full token", fullToken, tt.full}} {
			t.Run(tt.call+"/"+c.who, func(t *testing.T) {
				ctx := t.Context()
				if c.token != "" {
					ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+c.token)
				}
				err := calls[tt.call](ctx)
				assertNoSecret(t, err)
				if got := status.Code(err); got != c.want {
					t.Errorf("%s with %s: code %v (%v); want %v", tt.call, c.who, got, err, c.want)
				}
			})
		}
	}
}

func TestInsecureListenWarning(t *testing.T) {
	tests := []struct {
		addr      string
		tls, auth bool
		want      string // substring; "" means no warning
	}{
		{addr: "127.0.0.1:8080"},
		{addr: "127.1.2.3:8080"},
		{addr: "[::1]:8080"},
		{addr: "localhost:8080"},
		{addr: "LOCALHOST:8080"},
		{addr: "unix:/run/claimgraph.sock"},
		{addr: "/run/claimgraph.sock"},
		{addr: "0.0.0.0:8080", tls: true, auth: true},
		{addr: ":8080", want: "neither TLS nor tokens"},
		{addr: "0.0.0.0:8080", want: "neither TLS nor tokens"},
		{addr: "[::]:8080", want: "neither TLS nor tokens"},
		{addr: "10.0.0.5:8080", auth: true, want: "without TLS"},
		{addr: "claimgraph.internal:8080", tls: true, want: "without tokens"},
		{addr: "not an address", tls: true, want: "without tokens"},
	}
	for _, tt := range tests {
		got := InsecureListenWarning(tt.addr, tt.tls, tt.auth)
		if tt.want == "" && got != "" || tt.want != "" && (!strings.Contains(got, tt.want) || !strings.Contains(got, tt.addr)) {
			t.Errorf("InsecureListenWarning(%q, %v, %v) = %q; want %q", tt.addr, tt.tls, tt.auth, got, tt.want)
		}
	}
}

// TestRevocationEndsOpenStreams checks that a stream opened with a token
// ends at its next message once a reload has removed the token, and that
// an ingest stream then writes nothing of what it held.
func TestRevocationEndsOpenStreams(t *testing.T) {
	st, err := graph.Open(t.Context(), graph.Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a, fullFile, _ := newTestAuthenticator(t)
	svc := New(st, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	gs := svc.NewGRPCServer(grpc.ChainUnaryInterceptor(a.UnaryInterceptor()), grpc.ChainStreamInterceptor(a.StreamInterceptor()))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	cg := claimgraphv1.NewClaimGraphServiceClient(conn)
	as := func(tok string) context.Context {
		return metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+tok)
	}
	// setFull makes the full-access file hold toks and reloads it.
	setFull := func(toks ...string) {
		t.Helper()
		writeTestFile(t, filepath.Dir(fullFile), filepath.Base(fullFile), strings.Join(toks, "\n")+"\n")
		if err := a.Reload(); err != nil {
			t.Fatalf("Reload: %v", err)
		}
	}
	article := func(id string) *claimgraphv1.IngestArticlesRequest {
		return &claimgraphv1.IngestArticlesRequest{Article: &claimgraphv1.ArticleInput{Id: id, Text: "The minister said that talks would resume.", Language: "en"}}
	}

	t.Run("ingest", func(t *testing.T) {
		// A stream's first batch is one article, its second two: the
		// second article waits unwritten when the third comes. The first
		// is written before or after the reload, as it happens.
		for _, revoke := range []bool{false, true} {
			setFull(fullToken, full2Token)
			s, err := cg.IngestArticles(as(fullToken))
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{fmt.Sprintf("first-%v", revoke), fmt.Sprintf("pending-%v", revoke), fmt.Sprintf("after-%v", revoke)}
			for i, id := range ids {
				if i == 2 && revoke {
					setFull(full2Token)
				}
				if err := s.Send(article(id)); err != nil && err != io.EOF {
					t.Fatal(err)
				}
			}
			_, err = s.CloseAndRecv()
			assertNoSecret(t, err)
			want := codes.OK
			if revoke {
				want = codes.Unauthenticated
			}
			if status.Code(err) != want {
				t.Errorf("IngestArticles (token revoked: %v): %v; want %v", revoke, err, want)
			}
			for _, id := range ids[1:] {
				_, err := cg.GetArticle(as(full2Token), &claimgraphv1.GetArticleRequest{Id: id})
				if stored := err == nil; stored == revoke {
					t.Errorf("article %s stored: %v (%v); want %v", id, stored, err, !revoke)
				}
			}
		}
	})

	t.Run("bidi", func(t *testing.T) {
		setFull(fullToken, full2Token)
		s, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(as(fullToken))
		if err != nil {
			t.Fatal(err)
		}
		req := &reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}
		if err := s.Send(req); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Recv(); err != nil {
			t.Fatalf("reflection before the reload: %v", err)
		}
		setFull(full2Token)
		if err := s.Send(req); err != nil && err != io.EOF {
			t.Fatal(err)
		}
		_, err = s.Recv()
		if status.Code(err) != codes.Unauthenticated {
			t.Errorf("reflection after its token was revoked: %v; want Unauthenticated", err)
		}
	})
}
