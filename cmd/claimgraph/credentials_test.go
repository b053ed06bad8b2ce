package main

import (
	"context"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
	"github.com/claimgraph/claimgraph/server/tlstest"
)

const (
	testFullToken = "cli-full-0123456789abcdef"
	testROToken   = "cli-read-0123456789abcdef"
)

func TestDialLoopback(t *testing.T) {
	tests := []struct {
		target string
		want   bool
	}{
		{"127.0.0.1:7411", true},
		{"127.9.9.9:7411", true},
		{"[::1]:7411", true},
		{"[::1]", true},
		{"localhost:7411", true},
		{"LocalHost", true},
		{":7411", true},
		{"dns:///127.0.0.1:7411", true},
		{"dns://8.8.8.8/localhost:7411", true},
		{"passthrough:///[::1]:7411", true},
		{"unix:///run/claimgraph.sock", true},
		{"unix:claimgraph.sock", true},
		{"unix-abstract:claimgraph", true},

		{"10.0.0.5:7411", false},
		{"0.0.0.0:7411", false},
		{"claimgraph.example:7411", false},
		{"claimgraph.example", false},
		{"localhost.example:7411", false},
		{"dns:///claimgraph.example:7411", false},
		{"xds:///localhost:7411", false},
	}
	for _, tt := range tests {
		if got := dialLoopback(tt.target); got != tt.want {
			t.Errorf("dialLoopback(%q) = %v; want %v", tt.target, got, tt.want)
		}
	}
}

func TestDialOptionsErrors(t *testing.T) {
	dir := t.TempDir()
	two := writeTestFile(t, dir, "two", testFullToken+"\n"+testROToken+"\n")
	one := writeTestFile(t, dir, "one", "# mine\n"+testFullToken+"\n")
	ca := writeTestFile(t, dir, "ca.pem", "not a certificate\n")

	tests := []struct {
		name    string
		target  string
		cfg     clientConfig
		wantErr string // substring; "" means no error
	}{
		{name: "plaintext no token remote", target: "claimgraph.example:7411"},
		{name: "plaintext token loopback", target: "127.0.0.1:7411", cfg: clientConfig{Token: testFullToken}},
		{name: "TLS token remote", target: "claimgraph.example:7411", cfg: clientConfig{TLS: true, Token: testFullToken}},
		{name: "insecure TLS token remote", target: "claimgraph.example:7411", cfg: clientConfig{Insecure: true, TokenFile: one}},
		{name: "env token with space around", target: "127.0.0.1:7411", cfg: clientConfig{Token: " " + testFullToken + "\n"}},

		{name: "plaintext token remote", target: "claimgraph.example:7411", cfg: clientConfig{Token: testFullToken}, wantErr: "needs TLS"},
		{name: "plaintext token file remote", target: "10.0.0.5:7411", cfg: clientConfig{TokenFile: one}, wantErr: "needs TLS"},
		{name: "two tokens in file", target: "127.0.0.1:7411", cfg: clientConfig{TokenFile: two}, wantErr: "holds 2 tokens"},
		{name: "absent token file", target: "127.0.0.1:7411", cfg: clientConfig{TokenFile: filepath.Join(dir, "absent")}, wantErr: "absent"},
		{name: "malformed env token", target: "127.0.0.1:7411", cfg: clientConfig{Token: testFullToken + " " + testROToken}, wantErr: "CLAIMGRAPH_TOKEN: malformed"},
		{name: "bad CA", target: "127.0.0.1:7411", cfg: clientConfig{TLSCA: ca}, wantErr: ca},
		{name: "CA and insecure", target: "127.0.0.1:7411", cfg: clientConfig{TLSCA: ca, Insecure: true}, wantErr: "exclude"},
		{name: "cert without key", target: "127.0.0.1:7411", cfg: clientConfig{TLSCert: ca}, wantErr: "both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := dialOptions(tt.target, tt.cfg)
			if err != nil && (strings.Contains(err.Error(), testFullToken) || strings.Contains(err.Error(), testROToken)) {
				t.Errorf("dialOptions error %q contains a token", err)
			}
			if tt.wantErr == "" {
				if err != nil || len(opts) == 0 {
					t.Errorf("dialOptions(%q, %+v) = %d options, %v; want options", tt.target, tt.cfg, len(opts), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("dialOptions(%q, %+v) error = %v; want one containing %q", tt.target, tt.cfg, err, tt.wantErr)
			}
		})
	}
}

func TestRegister(t *testing.T) {
	t.Setenv("CLAIMGRAPH_TOKEN", testFullToken)
	var c clientConfig
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	var help strings.Builder
	fs.SetOutput(&help)
	c.register(fs)
	if err := fs.Parse([]string{"--tls-ca", "ca.pem", "--token-file", "tok"}); err != nil {
		t.Fatal(err)
	}
	want := clientConfig{TokenFile: "tok", Token: testFullToken, TLSCA: "ca.pem"}
	if c != want {
		t.Errorf("after register and Parse: %+v; want %+v", c, want)
	}
	fs.PrintDefaults()
	if strings.Contains(help.String(), testFullToken) {
		t.Errorf("flag help shows the token:\n%s", help.String())
	}
}

// TestDialOptionsOverGRPC dials a real server that checks tokens, in
// plaintext on loopback and over TLS, as the CLI would.
func TestDialOptionsOverGRPC(t *testing.T) {
	dir := t.TempDir()
	fullFile := writeTestFile(t, dir, "full", testFullToken+"\n")
	roFile := writeTestFile(t, dir, "ro", testROToken+"\n")
	auth, err := server.NewAuthenticator(fullFile, roFile)
	if err != nil {
		t.Fatal(err)
	}
	caFile, certFile, keyFile := writeTestPKI(t, dir)
	tlsCfg, err := server.ServerTLS(certFile, keyFile, "")
	if err != nil {
		t.Fatal(err)
	}
	plainAddr := serveAuth(t, auth)
	tlsAddr := serveAuth(t, auth, grpc.Creds(credentials.NewTLS(tlsCfg)))

	// The test service leaves IngestArticle Unimplemented: that code means
	// the call got past authentication.
	const passed = codes.Unimplemented
	tests := []struct {
		name   string
		target string
		cfg    clientConfig
		want   codes.Code
	}{
		{"plaintext no token", plainAddr, clientConfig{}, codes.Unauthenticated},
		{"plaintext read-only token", plainAddr, clientConfig{Token: testROToken}, codes.PermissionDenied},
		{"plaintext full token", plainAddr, clientConfig{Token: testFullToken}, passed},
		{"plaintext full token file", plainAddr, clientConfig{TokenFile: fullFile}, passed},
		{"TLS no token", tlsAddr, clientConfig{TLSCA: caFile}, codes.Unauthenticated},
		{"TLS read-only token", tlsAddr, clientConfig{TLSCA: caFile, Token: testROToken}, codes.PermissionDenied},
		{"TLS full token", tlsAddr, clientConfig{TLSCA: caFile, Token: testFullToken}, passed},
		{"insecure TLS full token", tlsAddr, clientConfig{Insecure: true, Token: testFullToken}, passed},
		{"TLS to plaintext server", plainAddr, clientConfig{TLSCA: caFile, Token: testFullToken}, codes.Unavailable},
		{"plaintext to TLS server", tlsAddr, clientConfig{Token: testFullToken}, codes.Unavailable},
		{"TLS with system roots", tlsAddr, clientConfig{TLS: true, Token: testFullToken}, codes.Unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := dialOptions(tt.target, tt.cfg)
			if err != nil {
				t.Fatalf("dialOptions: %v", err)
			}
			err = ingestWith(t, tt.target, opts...)
			if got := status.Code(err); got != tt.want {
				t.Errorf("IngestArticle: code %v (%v); want %v", got, err, tt.want)
			}
		})
	}
}

// TestTokenNeedsTLSBeyondLoopback shows that gRPC itself refuses to send the
// token in plaintext to a target that is not loopback, even when the
// transport credentials are replaced after dialOptions.
func TestTokenNeedsTLSBeyondLoopback(t *testing.T) {
	addr := serveAuth(t, nil)
	toLocal := grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	})
	for _, tt := range []struct {
		target string
		wantOK bool
	}{
		{"passthrough:///claimgraph.example:7411", false},
		{"passthrough:///127.0.0.1:7411", true},
	} {
		opts, err := dialOptions(tt.target, clientConfig{TLS: true, Token: testFullToken})
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()), toLocal)
		err = ingestWith(t, tt.target, opts...)
		if ok := status.Code(err) == codes.Unimplemented; ok != tt.wantOK {
			t.Errorf("plaintext call with token to %s: %v; want success %v", tt.target, err, tt.wantOK)
		}
	}
}

// ingestWith calls IngestArticle on target and returns its error, or the error
// of creating the client.
func ingestWith(tb testing.TB, target string, opts ...grpc.DialOption) error {
	tb.Helper()
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return status.Error(codes.Unknown, err.Error())
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = claimgraphv1.NewClaimGraphServiceClient(conn).IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{})
	return err
}

// serveAuth starts a ClaimGraphService whose RPCs are all Unimplemented
// behind auth's interceptors on 127.0.0.1:0, and returns its address.
func serveAuth(tb testing.TB, auth *server.Authenticator, opts ...grpc.ServerOption) string {
	tb.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	opts = append(opts, grpc.ChainUnaryInterceptor(auth.UnaryInterceptor()), grpc.ChainStreamInterceptor(auth.StreamInterceptor()))
	s := grpc.NewServer(opts...)
	claimgraphv1.RegisterClaimGraphServiceServer(s, claimgraphv1.UnimplementedClaimGraphServiceServer{})
	go s.Serve(lis)
	tb.Cleanup(s.Stop)
	return lis.Addr().String()
}

func writeTestFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// writeTestPKI writes a throwaway CA and a server certificate it signed for
// 127.0.0.1 and localhost into dir.
func writeTestPKI(tb testing.TB, dir string) (caFile, certFile, keyFile string) {
	tb.Helper()
	p := tlstest.New(tb, dir)
	return p.CA, p.ServerCert, p.ServerKey
}
