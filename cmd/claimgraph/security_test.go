package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// TestIngestNeedsFullToken is issue 5's first check, on the built binary:
// with --auth-token-file, `claimgraph ingest` without a token fails with
// Unauthenticated, with a read-only token with PermissionDenied, and with a
// full token succeeds.
func TestIngestNeedsFullToken(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	full := writeTestFile(t, dir, "full.tokens", "# writers\nfull-0123456789\n")
	ro := writeTestFile(t, dir, "ro.tokens", "read-0123456789\n")
	srv := startServer(t, filepath.Join(dir, "db"), "--auth-token-file", full, "--read-only-token-file", ro)
	ingest := func(tokenFile string) error {
		line := strings.Replace(cmdIngest, "ingest", "ingest --token-file "+tokenFile, 1)
		if tokenFile == "" {
			line = cmdIngest
		}
		_, err := srv.sh(t, line)
		return err
	}
	if err := ingest(""); err == nil || !strings.Contains(err.Error(), " Unauthenticated: ") {
		t.Errorf("ingest without a token = %v; want Unauthenticated", err)
	}
	if err := ingest(ro); err == nil || !strings.Contains(err.Error(), " PermissionDenied: ") {
		t.Errorf("ingest with a read-only token = %v; want PermissionDenied", err)
	}
	if err := ingest(full); err != nil {
		t.Errorf("ingest with a full token: %v", err)
	}
	if out, err := srv.sh(t, "./claimgraph articles --token-file "+ro); err != nil || !strings.Contains(out, "gaza-diplomacy") {
		t.Errorf("articles with a read-only token = %q, %v; want the ingested article", out, err)
	}
	if strings.Contains(srv.log.String(), "0123456789") {
		t.Errorf("the server log holds a token:\n%s", srv.log)
	}
	srv.stop(t)
}

// TestTLSWithGrpcurl is issue 5's second check: with --tls-cert and
// --tls-key, grpcurl with the CA works and plaintext does not; so does the
// CLI with --tls-ca.
func TestTLSWithGrpcurl(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	ca, cert, key := writeTestPKI(t, dir)
	srv := startServer(t, filepath.Join(dir, "db"), "--tls-cert", cert, "--tls-key", key)

	if out, err := srv.sh(t, "./claimgraph articles --tls-ca "+ca); err != nil {
		t.Errorf("articles over TLS: %q, %v", out, err)
	}
	if _, err := srv.sh(t, "./claimgraph articles"); err == nil {
		t.Errorf("articles in plaintext to a TLS server succeeded")
	}
	out, err := srv.sh(t, "grpcurl -cacert "+ca+" "+defaultServer+" list")
	switch {
	case errors.Is(err, errSkipped):
		t.Log("grpcurl is not installed; the CLI checks ran")
	case err != nil:
		t.Errorf("grpcurl with the CA: %v", err)
	case !strings.Contains(out, "claimgraph.v1.ClaimGraphService"):
		t.Errorf("grpcurl with the CA listed:\n%s", out)
	default:
		if _, err := srv.sh(t, cmdGrpcurlList); err == nil {
			t.Errorf("%s succeeded against a TLS server", cmdGrpcurlList)
		}
		if _, err := srv.sh(t, "grpcurl "+defaultServer+" list"); err == nil {
			t.Errorf("grpcurl without the CA trusted the test certificate")
		}
	}
	srv.stop(t)
}

// startQuery starts a raw Gizmo query on srv and returns a channel that
// receives its end: the number of results and the error.
func startQuery(t *testing.T, srv *serverProc, q string) <-chan error {
	t.Helper()
	c := dialTest(t, srv.addr)
	done := make(chan error, 1)
	go func() {
		stream, err := c.Query(context.Background(), &claimgraphv1.QueryRequest{Query: q})
		n := 0
		for err == nil {
			_, err = stream.Recv()
			n++
		}
		if errors.Is(err, io.EOF) && n < 2 {
			err = errors.New("the query ended without a result")
		} else if errors.Is(err, io.EOF) {
			err = nil
		}
		done <- err
	}()
	// Let the call reach the server; the test does not depend on how long.
	time.Sleep(300 * time.Millisecond)
	return done
}

// drainWatch reads a watch to its end.
func drainWatch(w claimgraphv1.ClaimGraphService_WatchClaimsClient) error {
	for {
		if _, err := w.Recv(); err != nil {
			return err
		}
	}
}

// waitExit waits for srv to exit after SIGTERM and checks that it exited 0,
// closed the store and logged want.
func waitExit(t *testing.T, srv *serverProc, within time.Duration, want string) {
	t.Helper()
	select {
	case err := <-srv.done:
		if err != nil {
			t.Errorf("serve exited with %v; want 0\n%s", err, srv.log)
		}
	case <-time.After(within):
		t.Fatalf("serve still running %v after SIGTERM\n%s", within, srv.log)
	}
	for _, w := range []string{"msg=stopped", want} {
		if !strings.Contains(srv.log.String(), w) {
			t.Errorf("serve did not log %q:\n%s", w, srv.log)
		}
	}
}

// TestShutdown runs the built binary: SIGTERM lets a call in flight finish,
// cuts one that outlives --shutdown-timeout, and a second SIGTERM stops at
// once; each time the process closes the store and exits 0.
func TestShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dbPath := filepath.Join(t.TempDir(), "db")
	const slow = `var t0 = Date.now(); while (Date.now() - t0 < 1500) {} g.V().limit(1).all()`
	const endless = `while (true) {}`

	t.Run("drains", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "1m")
		srv.must(t, cmdIngest)
		// A watch never ends by itself; it must not hold the shutdown up.
		watch, err := dialTest(t, srv.addr).WatchClaims(context.Background(), &claimgraphv1.WatchClaimsRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if first, err := watch.Recv(); err != nil || first.GetStarted() == nil {
			t.Fatalf("watch's first message = %v, %v; want started", first, err)
		}
		done := startQuery(t, srv, slow)
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Errorf("a query in flight at SIGTERM: %v; want it to finish", err)
		}
		if err := drainWatch(watch); status.Code(err) != codes.Unavailable {
			t.Errorf("a watch at SIGTERM ended with %v; want Unavailable", err)
		}
		waitExit(t, srv, 30*time.Second, "msg=\"shutting down\"")
		if strings.Contains(srv.log.String(), "after the shutdown timeout") {
			t.Errorf("the shutdown waited for its timeout:\n%s", srv.log)
		}
	})
	t.Run("cut at the timeout", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "1s", "--query-timeout", "10m")
		done := startQuery(t, srv, endless)
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := <-done; status.Code(err) != codes.Unavailable && status.Code(err) != codes.Canceled {
			t.Errorf("an endless query at SIGTERM: %v; want it cut (Unavailable or Canceled)", err)
		}
		waitExit(t, srv, time.Minute, "after the shutdown timeout")
	})
	t.Run("second signal", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "10m", "--query-timeout", "10m")
		done := startQuery(t, srv, endless)
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		for !strings.Contains(srv.log.String(), "shutting down") {
			time.Sleep(10 * time.Millisecond)
		}
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		// Far less than the 10-minute timeout: the second signal stops it.
		waitExit(t, srv, time.Minute, "second signal")
		if err := <-done; err == nil {
			t.Errorf("an endless query survived two SIGTERMs")
		}
	})
}
