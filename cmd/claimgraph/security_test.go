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

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
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

// startQuery starts a raw Gizmo query on srv and returns, once the
// query is running on the server, a channel that receives its end. q must
// emit one result first (g.Emit): its arrival is the sign that the call is
// in flight, so no sleep has to guess how long that takes.
func startQuery(t *testing.T, srv *serverProc, q string) <-chan error {
	t.Helper()
	c := dialTest(t, srv.addr)
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		stream, err := c.Query(context.Background(), &claimgraphv1.QueryRequest{Query: q})
		n := 0
		for err == nil {
			_, err = stream.Recv()
			if n++; n == 1 {
				close(started)
			}
		}
		if n == 1 {
			close(started)
		}
		if errors.Is(err, io.EOF) && n < 3 {
			err = errors.New("the query ended without a result after the first")
		} else if errors.Is(err, io.EOF) {
			err = nil
		}
		done <- err
	}()
	<-started
	return done
}

// watchHealth opens a health Watch on srv and returns a channel of the
// statuses it receives and one that receives its end.
func watchHealth(t *testing.T, srv *serverProc) (<-chan healthpb.HealthCheckResponse_ServingStatus, <-chan error) {
	t.Helper()
	conn, err := grpc.NewClient(srv.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	w, err := healthpb.NewHealthClient(conn).Watch(context.Background(), &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	statuses := make(chan healthpb.HealthCheckResponse_ServingStatus, 16)
	end := make(chan error, 1)
	go func() {
		for {
			resp, err := w.Recv()
			if err != nil {
				end <- err
				return
			}
			statuses <- resp.GetStatus()
		}
	}()
	if st := <-statuses; st != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health Watch began with %v; want SERVING", st)
	}
	return statuses, end
}

// signalShutdown sends SIGTERM to srv and returns once the server has
// begun its shutdown, which its health Watch says (NOT_SERVING).
func signalShutdown(t *testing.T, srv *serverProc, statuses <-chan healthpb.HealthCheckResponse_ServingStatus) {
	t.Helper()
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for st := range statuses {
		if st == healthpb.HealthCheckResponse_NOT_SERVING {
			return
		}
	}
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
// closed the store and logged want. The bound is generous:
// it is there to end a hung test, not to time the shutdown, whose time is
// logged.
func waitExit(t *testing.T, srv *serverProc, want string) time.Duration {
	t.Helper()
	start := time.Now()
	select {
	case err := <-srv.done:
		if err != nil {
			t.Errorf("serve exited with %v; want 0\n%s", err, srv.log)
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve still running 2m after SIGTERM\n%s", srv.log)
	}
	for _, w := range []string{want, "msg=stopped"} {
		if !strings.Contains(srv.log.String(), w) {
			t.Errorf("serve did not log %q:\n%s", w, srv.log)
		}
	}
	return time.Since(start)
}

// TestShutdown runs the built binary: SIGTERM lets a call in flight finish
// and does not wait for watches; it cuts a call that outlives
// --shutdown-timeout, and a second SIGTERM cuts at once; each time the
// process closes the store and exits 0.
func TestShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dbPath := filepath.Join(t.TempDir(), "db")
	const slow = `g.Emit("started"); var t0 = Date.now(); while (Date.now() - t0 < 1500) {} g.V().limit(1).all()`
	const endless = `g.Emit("started"); while (true) {}`

	t.Run("drains", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "10m")
		srv.must(t, cmdIngest)
		// Watches never end by themselves; they must not hold the shutdown up.
		watch, err := dialTest(t, srv.addr).WatchClaims(context.Background(), &claimgraphv1.WatchClaimsRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if first, err := watch.Recv(); err != nil || first.GetStarted() == nil {
			t.Fatalf("watch's first message = %v, %v; want started", first, err)
		}
		statuses, healthEnd := watchHealth(t, srv)
		done := startQuery(t, srv, slow)
		signalShutdown(t, srv, statuses)
		if err := <-done; err != nil {
			t.Errorf("a query in flight at SIGTERM: %v; want it to finish", err)
		}
		if err := drainWatch(watch); status.Code(err) != codes.Unavailable {
			t.Errorf("a watch at SIGTERM ended with %v; want Unavailable", err)
		}
		if err := <-healthEnd; status.Code(err) != codes.Unavailable {
			t.Errorf("a health Watch at SIGTERM ended with %v; want Unavailable", err)
		}
		// Had a watch held it, the shutdown would wait for its 10 minutes.
		waitExit(t, srv, "msg=\"shutting down\"")
		if strings.Contains(srv.log.String(), "cutting") {
			t.Errorf("the shutdown cut calls off:\n%s", srv.log)
		}
	})
	t.Run("cut at the timeout", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "1s", "--query-timeout", "10m")
		done := startQuery(t, srv, endless)
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := <-done; status.Code(err) != codes.Unavailable {
			t.Errorf("an endless query at SIGTERM: %v; want it cut (Unavailable)", err)
		}
		waitExit(t, srv, "after the shutdown timeout")
	})
	t.Run("second signal", func(t *testing.T) {
		srv := startServer(t, dbPath, "--shutdown-timeout", "10m", "--query-timeout", "10m")
		statuses, _ := watchHealth(t, srv)
		done := startQuery(t, srv, endless)
		signalShutdown(t, srv, statuses)
		if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		// Far less than the 10-minute timeout: the second signal cuts it.
		waitExit(t, srv, "second signal")
		if err := <-done; status.Code(err) != codes.Unavailable {
			t.Errorf("an endless query at two SIGTERMs: %v; want it cut (Unavailable)", err)
		}
	})
	// A bulk ingest holds an article in its unwritten batch when the
	// shutdown cuts it off: the client is told it was not stored, and
	// after a restart it is not there.
	for _, how := range []string{"timeout", "second signal"} {
		t.Run("write cut off at the "+how, func(t *testing.T) {
			timeout := map[string]string{"timeout": "1s", "second signal": "10m"}[how]
			srv := startServer(t, dbPath, "--shutdown-timeout", timeout)
			statuses, _ := watchHealth(t, srv)
			id := "cut-off-" + strings.ReplaceAll(how, " ", "-")
			stream, err := dialTest(t, srv.addr).IngestArticles(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			// A stream's first batch is one article, its second two: the
			// second article waits unwritten.
			for _, aid := range []string{id + "-first", id} {
				in := &claimgraphv1.ArticleInput{Id: aid, Text: "The minister said that talks would resume on Monday.", Language: "en"}
				if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
					t.Fatal(err)
				}
			}
			signalShutdown(t, srv, statuses)
			if how == "second signal" {
				if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			}
			// The stream stays open: Header returns when the server ends it.
			stream.Header()
			_, err = stream.CloseAndRecv()
			if status.Code(err) != codes.Unavailable || !strings.Contains(err.Error(), "not stored") {
				t.Errorf("a bulk ingest cut off by the shutdown: %v; want Unavailable saying the write was not stored", err)
			}
			took := waitExit(t, srv, "cutting")
			t.Logf("cut off at the %s; the process exited %v after the call ended", how, took)

			srv = startServer(t, dbPath)
			_, err = dialTest(t, srv.addr).GetArticle(context.Background(), &claimgraphv1.GetArticleRequest{Id: id})
			if status.Code(err) != codes.NotFound {
				t.Errorf("GetArticle(%s) after the restart: %v; want NotFound (it was reported not stored)", id, err)
			}
			srv.stop(t)
		})
	}
}
