package server

import (
	"context"
	"crypto/tls"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/server/tlstest"
)

// serveTLS starts a health server over TLS from ServerTLS and returns its
// address.
func serveTLS(tb testing.TB, p tlstest.PKI, clientCA string) string {
	tb.Helper()
	cfg, err := ServerTLS(p.ServerCert, p.ServerKey, clientCA)
	if err != nil {
		tb.Fatalf("ServerTLS: %v", err)
	}
	return serveAuthTest(tb, nil, grpc.Creds(credentials.NewTLS(cfg)))
}

// healthCheck calls Health.Check on addr with the given transport credentials.
func healthCheck(tb testing.TB, addr string, creds credentials.TransportCredentials) error {
	tb.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	return err
}

// clientCreds returns TLS credentials from ClientTLS.
func clientCreds(tb testing.TB, caFile, certFile, keyFile string, skipVerify bool) credentials.TransportCredentials {
	tb.Helper()
	cfg, err := ClientTLS(caFile, certFile, keyFile, skipVerify)
	if err != nil {
		tb.Fatalf("ClientTLS(%q, %q, %q, %v): %v", caFile, certFile, keyFile, skipVerify, err)
	}
	return credentials.NewTLS(cfg)
}

func TestTLSOverGRPC(t *testing.T) {
	p := tlstest.New(t, t.TempDir())
	other := tlstest.New(t, t.TempDir()) // a CA the server does not trust

	tlsAddr := serveTLS(t, p, "")
	mtlsAddr := serveTLS(t, p, p.CA)

	tests := []struct {
		name   string
		addr   string
		creds  credentials.TransportCredentials
		wantOK bool
	}{
		{"TLS with the CA", tlsAddr, clientCreds(t, p.CA, "", "", false), true},
		{"TLS to localhost name", strings.Replace(tlsAddr, "127.0.0.1", "localhost", 1), clientCreds(t, p.CA, "", "", false), true},
		{"TLS without verification", tlsAddr, clientCreds(t, "", "", "", true), true},
		{"TLS with a client cert the server ignores", tlsAddr, clientCreds(t, p.CA, p.ClientCert, p.ClientKey, false), true},
		{"plaintext to TLS", tlsAddr, insecure.NewCredentials(), false},
		{"TLS with system roots", tlsAddr, clientCreds(t, "", "", "", false), false},
		{"TLS with another CA", tlsAddr, clientCreds(t, other.CA, "", "", false), false},

		{"mTLS with client cert", mtlsAddr, clientCreds(t, p.CA, p.ClientCert, p.ClientKey, false), true},
		{"mTLS without client cert", mtlsAddr, clientCreds(t, p.CA, "", "", false), false},
		{"mTLS with client cert from another CA", mtlsAddr, clientCreds(t, p.CA, other.ClientCert, other.ClientKey, false), false},
		{"mTLS plaintext", mtlsAddr, insecure.NewCredentials(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := healthCheck(t, tt.addr, tt.creds)
			if tt.wantOK && err != nil {
				t.Errorf("Health.Check: %v; want success", err)
			}
			if !tt.wantOK && status.Code(err) != codes.Unavailable {
				t.Errorf("Health.Check: %v; want Unavailable", err)
			}
		})
	}
}

func TestServerTLSRefusesOldVersions(t *testing.T) {
	p := tlstest.New(t, t.TempDir())
	addr := serveTLS(t, p, "")
	for _, v := range []uint16{tls.VersionTLS10, tls.VersionTLS11} {
		conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true, MinVersion: v, MaxVersion: v, NextProtos: []string{"h2"}})
		if err == nil {
			conn.Close()
			t.Errorf("TLS handshake with version %s succeeded; want failure", tls.VersionName(v))
		}
	}
	conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12, NextProtos: []string{"h2"}})
	if err != nil {
		t.Fatalf("TLS 1.2 handshake: %v", err)
	}
	conn.Close()
}

func TestTLSConfigErrors(t *testing.T) {
	dir := t.TempDir()
	p := tlstest.New(t, dir)
	absent := filepath.Join(dir, "absent.pem")
	garbage := writeTestFile(t, dir, "garbage.pem", "not PEM\n")

	tests := []struct {
		name    string
		err     error
		wantErr string // substring
	}{
		{"server no cert", errOf(ServerTLS("", p.ServerKey, "")), "need both"},
		{"server no key", errOf(ServerTLS(p.ServerCert, "", "")), "need both"},
		{"server absent cert", errOf(ServerTLS(absent, p.ServerKey, "")), absent},
		{"server garbage key", errOf(ServerTLS(p.ServerCert, garbage, "")), garbage},
		{"server key of another cert", errOf(ServerTLS(p.ServerCert, p.ClientKey, "")), p.ClientKey},
		{"server absent client CA", errOf(ServerTLS(p.ServerCert, p.ServerKey, absent)), absent},
		{"server garbage client CA", errOf(ServerTLS(p.ServerCert, p.ServerKey, garbage)), "no PEM certificate"},
		{"client absent CA", errOf(ClientTLS(absent, "", "", false)), absent},
		{"client garbage CA", errOf(ClientTLS(garbage, "", "", false)), garbage},
		{"client CA and skip verify", errOf(ClientTLS(p.CA, "", "", true)), "exclude each other"},
		{"client cert without key", errOf(ClientTLS(p.CA, p.ClientCert, "", false)), "both"},
		{"client key without cert", errOf(ClientTLS(p.CA, "", p.ClientKey, false)), "both"},
		{"client absent cert", errOf(ClientTLS(p.CA, absent, p.ClientKey, false)), absent},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.wantErr)
		}
		if tt.err != nil && strings.Count(tt.err.Error(), absent) > 1 {
			t.Errorf("%s: error %q names the file more than once", tt.name, tt.err)
		}
	}

	cfg, err := ServerTLS(p.ServerCert, p.ServerKey, p.CA)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MinVersion != tls.VersionTLS12 || cfg.ClientAuth != tls.RequireAndVerifyClientCert || cfg.ClientCAs == nil {
		t.Errorf("ServerTLS with client CA: MinVersion %x, ClientAuth %v, ClientCAs %v; want TLS 1.2, RequireAndVerifyClientCert, a pool",
			cfg.MinVersion, cfg.ClientAuth, cfg.ClientCAs)
	}
	cfg, err = ServerTLS(p.ServerCert, p.ServerKey, "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClientAuth != tls.NoClientCert {
		t.Errorf("ServerTLS without client CA: ClientAuth %v; want NoClientCert", cfg.ClientAuth)
	}
}

func errOf(_ *tls.Config, err error) error { return err }
