package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// The end-to-end test builds the binary once, serves on a free port with a
// bolt store in a temporary directory and runs the README's walk-through
// commands as written (the README says ./claimgraph; the test points
// CLAIMGRAPH_SERVER at its own port).

var (
	buildOnce sync.Once
	binDir    string
	binary    string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary builds cmd/claimgraph once per test run.
func buildBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "claimgraph-e2e"); buildErr != nil {
			return
		}
		binary = filepath.Join(binDir, "claimgraph")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// lockedBuffer collects a process's log.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// serverProc is a running `claimgraph serve`.
type serverProc struct {
	cmd   *exec.Cmd
	addr  string
	log   *lockedBuffer
	done  chan error
	addrc chan string // where it listens, once; closed when it exits
}

var addrRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startServer runs `claimgraph serve` on a free port over the bolt store in
// dbPath, with extra flags, and waits until it says where it listens.
func startServer(t *testing.T, dbPath string, flags ...string) *serverProc {
	t.Helper()
	p := launchServer(t, dbPath, flags...)
	p.waitListening(t)
	return p
}

// launchServer runs `claimgraph serve` as startServer does, without
// waiting: waitListening waits.
func launchServer(t *testing.T, dbPath string, flags ...string) *serverProc {
	t.Helper()
	cmd := exec.Command(buildBinary(t), append([]string{"serve", "--listen", "127.0.0.1:0", "--db-path", dbPath}, flags...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProc{cmd: cmd, log: new(lockedBuffer), done: make(chan error, 1), addrc: make(chan string, 1)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(p.log, sc.Text())
			if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
				p.addrc <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
		p.done <- cmd.Wait()
		close(p.addrc)
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	return p
}

// waitListening waits until a launched server says where it listens.
func (p *serverProc) waitListening(t *testing.T) {
	t.Helper()
	addr, ok := <-p.addrc
	if !ok {
		t.Fatalf("serve exited before listening: %v\n%s", <-p.done, p.log)
	}
	p.addr = addr
}

// stop sends SIGTERM and waits for a clean exit.
func (p *serverProc) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-p.done; err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, p.log)
	}
	if !strings.Contains(p.log.String(), "msg=stopped") {
		t.Errorf("serve did not log a graceful stop:\n%s", p.log)
	}
}

// sh runs a README command line against p: "./claimgraph ARGS" runs the
// built binary. It returns standard output and, on a non-zero exit, an
// error holding standard error.
func (p *serverProc) sh(t *testing.T, line string) (string, error) {
	t.Helper()
	args := shellWords(t, line)
	switch args[0] {
	case "./claimgraph":
		args[0] = buildBinary(t)
	case "grpcurl":
		path, err := exec.LookPath("grpcurl")
		if err != nil {
			home, _ := os.UserHomeDir()
			path = filepath.Join(home, "go", "bin", "grpcurl")
			if _, err := os.Stat(path); err != nil {
				t.Logf("grpcurl is not installed; skipping %q", line)
				return "", errSkipped
			}
		}
		args[0] = path
		for i, a := range args {
			if a == defaultServer {
				args[i] = p.addr
			}
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "CLAIMGRAPH_SERVER="+p.addr)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%s: %v: %s", line, err, stderr.String())
	}
	return stdout.String(), nil
}

var errSkipped = errors.New("skipped")

// must runs a README command line and fails the test if it fails.
func (p *serverProc) must(t *testing.T, line string) string {
	t.Helper()
	out, err := p.sh(t, line)
	if err != nil && !errors.Is(err, errSkipped) {
		t.Fatal(err)
	}
	return out
}

// shellWords splits a command line as sh would, for the quoting the README
// uses: words, 'single quotes' and "double quotes" without escapes.
func shellWords(t testing.TB, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case '\'', '"':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				t.Fatalf("unbalanced quote in %q", line)
			}
			w.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// jsonLines decodes one JSON object per line.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not a JSON object: %q: %v", line, err)
		}
		objs = append(objs, m)
	}
	return objs
}

// tableRows returns the rows of a table without its header.
func tableRows(out string) []string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) <= 1 {
		return nil
	}
	return lines[1:]
}

func countLines(s string) int { return strings.Count(s, "\n") }

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dbPath := filepath.Join(t.TempDir(), "claimgraph.db")
	srv := startServer(t, dbPath)

	out := srv.must(t, cmdIngest)
	if !strings.Contains(out, "gaza-diplomacy") {
		t.Fatalf("%s printed:\n%s", cmdIngest, out)
	}
	articles := jsonLines(t, srv.must(t, cmdArticles+" --json"))
	if len(articles) != 1 || articles[0]["id"] != "gaza-diplomacy" || articles[0]["published"] != "2025-10-07" {
		t.Fatalf("articles after ingest = %v; want the seed, published 2025-10-07", articles)
	}
	if rows := tableRows(srv.must(t, cmdArticles)); len(rows) != 1 {
		t.Errorf("%s: %d rows; want 1", cmdArticles, len(rows))
	}

	stmts := tableRows(srv.must(t, cmdStatements))
	if len(stmts) < 5 {
		t.Errorf("%s: %d statements; want at least 5:\n%s", cmdStatements, len(stmts), strings.Join(stmts, "\n"))
	}
	arStmts := jsonLines(t, srv.must(t, cmdStatementsAr))
	direct := false
	for _, s := range arStmts {
		direct = direct || s["kind"] == "STATEMENT_KIND_DIRECT"
	}
	if len(arStmts) < 5 || !direct || len(arStmts) != len(stmts) {
		t.Errorf("%s: %d statements (Trump: %d), direct quote %v; want the same five or more, with a direct quote", cmdStatementsAr, len(arStmts), len(stmts), direct)
	}

	figures := srv.must(t, cmdFigures)
	if !regexp.MustCompile(`~12000\s`).MatchString(figures) || !regexp.MustCompile(`\s251\s`).MatchString(figures) {
		t.Errorf("%s: want ~12000 (approximate) and 251:\n%s", cmdFigures, figures)
	}
	if rows := tableRows(srv.must(t, cmdActors)); len(rows) == 0 {
		t.Errorf("%s found nobody", cmdActors)
	}
	srv.must(t, cmdEvents)

	articleQuads, err := strconv.Atoi(fmt.Sprint(articles[0]["quadCount"])) // int64 is a JSON string
	if err != nil {
		t.Fatalf("articles: quadCount %v: %v", articles[0]["quadCount"], err)
	}
	exported := srv.must(t, cmdExport)
	if n := countLines(exported); n != articleQuads || !strings.Contains(exported, "<https://claimgraph.org/article/") {
		t.Errorf("%s: %d lines; want the article's %d quads", cmdExport, n, articleQuads)
	}
	total := countLines(srv.must(t, "./claimgraph export"))

	gizmo := srv.must(t, cmdGizmo)
	if countLines(gizmo) < 5 {
		t.Errorf("%s: want the content of Trump's statements, got:\n%s", cmdGizmo, gizmo)
	}

	srv.must(t, cmdIngest)
	if again := countLines(srv.must(t, "./claimgraph export")); again != total {
		t.Errorf("re-ingest: %d quads; want %d as before", again, total)
	}

	srv.stop(t)
	srv = startServer(t, dbPath)
	if again := countLines(srv.must(t, "./claimgraph export")); again != total {
		t.Errorf("after a restart: %d quads; want %d as before", again, total)
	}
	if again := tableRows(srv.must(t, cmdStatements)); len(again) != len(stmts) {
		t.Errorf("after a restart: %d statements by Trump; want %d", len(again), len(stmts))
	}

	_, err = srv.sh(t, cmdEndless)
	if err == nil || !strings.Contains(err.Error(), "claimgraph: DeadlineExceeded:") {
		t.Errorf("%s = %v; want a DeadlineExceeded error", cmdEndless, err)
	}
	checkHealth(t, srv.addr)
	if out := srv.must(t, `./claimgraph query 'g.V().limit(1).all()'`); countLines(out) != 1 {
		t.Errorf("a query after an endless one printed %q; want one result", out)
	}

	if out, err := srv.sh(t, cmdGrpcurlList); err == nil && !strings.Contains(out, "claimgraph.v1.ClaimGraphService") {
		t.Errorf("%s:\n%s", cmdGrpcurlList, out)
	} else if err != nil && !errors.Is(err, errSkipped) {
		t.Error(err)
	}
	if out, err := srv.sh(t, cmdGrpcurlSearch); err == nil && !strings.Contains(out, "Trump") {
		t.Errorf("%s:\n%s", cmdGrpcurlSearch, out)
	} else if err != nil && !errors.Is(err, errSkipped) {
		t.Error(err)
	}

	deleted := srv.must(t, cmdDelete)
	if !strings.Contains(deleted, fmt.Sprint(articleQuads)) {
		t.Errorf("%s printed %q; want %d quads removed", cmdDelete, deleted, articleQuads)
	}
	if _, err := srv.sh(t, cmdExport); err == nil || !strings.Contains(err.Error(), "claimgraph: NotFound:") {
		t.Errorf("after delete, %s = %v; want NotFound", cmdExport, err)
	}
	// The links label also goes: its bookkeeping for the seed (linking
	// scopes) names the seed, and no link may point at a deleted article.
	left := srv.must(t, "./claimgraph export")
	if n := countLines(left); n > total-articleQuads || strings.Contains(left, "/article/gaza-diplomacy") {
		t.Errorf("after delete: %d quads, naming the article %v; want at most %d - %d, none naming it",
			n, strings.Contains(left, "/article/gaza-diplomacy"), total, articleQuads)
	}
	_, err = srv.sh(t, cmdDelete)
	if err == nil || !strings.Contains(err.Error(), "claimgraph: NotFound:") {
		t.Errorf("deleting twice = %v; want NotFound", err)
	}
	srv.stop(t)
}

// TestErrors checks that failures print the gRPC code and message and exit
// non-zero.
func TestErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "db"))
	empty := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ line, want string }{
		{"./claimgraph ingest " + empty, "InvalidArgument: article.text: is empty"},
		{"./claimgraph ingest --published 2025-13-01 " + empty, "InvalidArgument: article."},
		{"./claimgraph ingest --language fr testdata/seed/gaza-diplomacy.txt", "InvalidArgument: article.language:"},
		{"./claimgraph events --from yesterday", "InvalidArgument: date_from:"},
		{"./claimgraph query 'g.V(('", "InvalidArgument: "},
		{"./claimgraph statements --limit 0", "--limit must be positive"},
		{"./claimgraph delete nope", `NotFound: no article with id "nope"`},
		{"./claimgraph export --article nope", `NotFound: no article with id "nope"`},
		{"./claimgraph track killed@atlantis", `NotFound: no figures of the measure "killed@atlantis"`},
		{"./claimgraph events --from 2025 --to 2023-10", "InvalidArgument: date_from: 2025 is after date_to 2023-10"},
		{"./claimgraph statements --speaker Trumpp", `--speaker: no stored actor is called "Trumpp"`},
		{"./claimgraph statements --mentions Nobody", `--mentions: no stored actor is called "Nobody"`},
		{"./claimgraph claims --speaker Trumpp", `--speaker: no stored actor is called "Trumpp"`},
		{"./claimgraph events --participant Trumpp", `--participant: no stored actor is called "Trumpp"`},
		{"./claimgraph figures --measure killd", `--measure: no stored figure has the measure "killd"`},
		{"./claimgraph figures --source Trumpp", `--source: no stored actor is called "Trumpp"`},
		{"./claimgraph conflicts --measure killd@gaza", `--measure: no stored figure has the measure "killd@gaza"`},
		{"./claimgraph frobnicate", `unknown command "frobnicate"`},
	} {
		_, err := srv.sh(t, tc.line)
		if err == nil || !strings.Contains(err.Error(), "claimgraph: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s = %v; want an error with %q", tc.line, err, tc.want)
		}
	}
	srv.stop(t)
}

// TestIngestJSONL sends a JSONL file through the IngestArticles stream;
// the invalid line is reported and the others are stored.
func TestIngestJSONL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "db"))
	seed, err := os.ReadFile(filepath.Join(repoRoot, "testdata/seed/gaza-diplomacy.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.Encode(map[string]string{"id": "seed", "text": string(seed)})
	enc.Encode(map[string]string{"id": "en", "text": "The minister said that talks would resume.", "language": "en"})
	enc.Encode(map[string]string{"id": "blank", "text": "  "})
	file := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = srv.sh(t, "./claimgraph ingest --published 2025-10-07 "+file)
	if err == nil || !strings.Contains(err.Error(), `:3: article "blank" not stored: article.text: is empty`) {
		t.Errorf("ingest JSONL = %v; want line 3 reported", err)
	}
	articles := jsonLines(t, srv.must(t, "./claimgraph articles --json"))
	if len(articles) != 2 || articles[1]["id"] != "seed" || articles[1]["published"] != "2025-10-07" {
		t.Errorf("articles after JSONL ingest = %v; want en and seed (published 2025-10-07)", articles)
	}
	srv.stop(t)
}

func checkHealth(t *testing.T, addr string) {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health check = %v, %v; want SERVING", resp, err)
	}
}
