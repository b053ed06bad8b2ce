package main

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var httpAddrRE = regexp.MustCompile(`msg="serving web pages and /metrics" http=(\S+)`)

// httpAddr returns the address serve --http 127.0.0.1:0 logged.
func (p *serverProc) httpAddr(t *testing.T) string {
	t.Helper()
	m := httpAddrRE.FindStringSubmatch(p.log.String())
	if m == nil {
		t.Fatalf("serve logged no web address:\n%s", p.log)
	}
	return m[1]
}

func httpGet(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestHTTPMetrics ingests the story through the bulk stream and scrapes
// /metrics as Prometheus would: per-RPC counts, codes and latencies, and
// what the store holds.
func TestHTTPMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "db"), "--http", "127.0.0.1:0")
	web := "http://" + srv.httpAddr(t)
	srv.must(t, "./claimgraph ingest testdata/story/articles.jsonl")
	srv.must(t, "./claimgraph articles")
	code, body := httpGet(t, web+"/metrics", "")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics = %d\n%s", code, body)
	}
	for _, want := range []string{
		`grpc_server_handled_total{grpc_code="OK",grpc_method="IngestArticles",grpc_service="claimgraph.v1.ClaimGraphService",grpc_type="client_stream"} 1`,
		`grpc_server_handled_total{grpc_code="OK",grpc_method="ListArticles",grpc_service="claimgraph.v1.ClaimGraphService",grpc_type="unary"} 1`,
		`grpc_server_handling_seconds_bucket{grpc_method="IngestArticles"`,
		`grpc_server_started_total{grpc_method="DeleteArticle",grpc_service="claimgraph.v1.ClaimGraphService",grpc_type="unary"} 0`,
		"claimgraph_articles_stored 9\n",
		"claimgraph_statements_stored ",
		"claimgraph_figures_stored ",
		"claimgraph_events_stored ",
		`claimgraph_links_stored{kind="FIGURE_CONFLICTS"} `,
		"claimgraph_conflicts_stored ",
		"claimgraph_ingest_batches_total 1\n",
		"claimgraph_ingested_articles_total 9\n",
		"claimgraph_extraction_seconds_count 9\n",
		"claimgraph_store_quads ",
		"claimgraph_store_bytes ",
		"go_goroutines ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics has no %q", want)
		}
	}
	if strings.Contains(body, "claimgraph_conflicts_stored 0\n") || strings.Contains(body, "claimgraph_statements_stored 0\n") {
		t.Errorf("/metrics counts nothing stored after the ingest:\n%s", grepLines(body, "claimgraph_"))
	}
	code, body = httpGet(t, web+"/", "")
	if code != http.StatusOK || !strings.Contains(body, "seed-gaza-diplomacy") {
		t.Errorf("GET / = %d; want 200 listing the articles", code)
	}
	srv.stop(t)
}

// TestHTTPTokens checks that the pages and /metrics take the gRPC API's
// tokens, and show nothing without one.
func TestHTTPTokens(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	full, ro := filepath.Join(dir, "full"), filepath.Join(dir, "ro")
	if err := os.WriteFile(full, []byte("full-token-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ro, []byte("read-token-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, filepath.Join(dir, "db"), "--http", "127.0.0.1:0", "--auth-token-file", full, "--read-only-token-file", ro)
	web := "http://" + srv.httpAddr(t)
	for _, p := range []string{"/", "/metrics", "/actor?id=donald-trump"} {
		if code, body := httpGet(t, web+p, ""); code != http.StatusUnauthorized || strings.Contains(body, "claimgraph_") {
			t.Errorf("GET %s without a token = %d; want 401 and no data", p, code)
		}
		if code, _ := httpGet(t, web+p, "not-a-token"); code != http.StatusUnauthorized {
			t.Errorf("GET %s with an unknown token = %d; want 401", p, code)
		}
	}
	for _, tok := range []string{"full-token-1", "read-token-1"} {
		if code, body := httpGet(t, web+"/metrics", tok); code != http.StatusOK || !strings.Contains(body, "grpc_server_started_total") {
			t.Errorf("GET /metrics with %s = %d; want 200 and the metrics", tok, code)
		}
	}
	srv.stop(t)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestHTTPTLS checks that with --tls-cert the web port serves HTTPS with
// the API's certificate and refuses plain HTTP.
func TestHTTPTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	ca, cert, key := writeTestPKI(t, dir)
	srv := startServer(t, filepath.Join(dir, "db"), "--tls-cert", cert, "--tls-key", key, "--http", "127.0.0.1:0")
	addr := srv.httpAddr(t)
	pem, err := os.ReadFile(ca)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	resp, err := c.Get("https://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("GET https /metrics: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET https /metrics = %d; want 200", resp.StatusCode)
	}
	if resp, err := http.Get("http://" + addr + "/metrics"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("plain HTTP to the TLS web port served the metrics")
		}
	}
	srv.stop(t)
}
