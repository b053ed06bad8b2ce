package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// progressArticles returns n invented English articles as JSONL, each with
// its own speaker (so that linking has nothing to join), and blank more
// whose text is blank (the server refuses them).
func progressArticles(n, blank int) string {
	first := []string{"Arlo", "Bexley", "Corin", "Dalia", "Emrys", "Fenna", "Galen", "Hester", "Ilse", "Jory", "Kester", "Linnea", "Mireille"}
	last := []string{"Ashdown", "Brannock", "Calloway", "Dunmore", "Everleigh", "Farrow", "Greaves", "Holloway", "Ingram", "Jessop", "Kilbride", "Lockhart"}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range n {
		name := first[i%len(first)] + " " + last[i/len(first)%len(last)]
		enc.Encode(map[string]string{
			"id":       fmt.Sprintf("progress-%03d", i),
			"text":     name + " said that the old bridge would reopen in the spring.",
			"language": "en",
		})
	}
	for i := range blank {
		enc.Encode(map[string]string{"id": fmt.Sprintf("blank-%d", i), "text": " "})
	}
	return b.String()
}

// TestIngestProgress ingests 150 articles and a blank one with stderr not
// a terminal: a plain line after each batch, then the summary; a second
// run skips what is stored.
func TestIngestProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "db"))
	file := writeTestFile(t, t.TempDir(), "many.jsonl", progressArticles(150, 1))
	ingest := func() (string, string) {
		cmd := exec.Command(buildBinary(t), "ingest", "--server", srv.addr, "--progress-every", "0", file)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err == nil || !strings.Contains(stderr.String(), `article "blank-0" not stored`) {
			t.Fatalf("ingest = %v\n%s\nwant blank-0 refused", err, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	stdout, stderr := ingest()
	for _, want := range []string{
		"ingest: 64/151 articles (64 stored, 0 failed, 0 skipped), ",
		"ingest: 128/151 articles (128 stored, 0 failed, 0 skipped), ",
		"ingest: 151/151 articles (150 stored, 1 failed, 0 skipped), ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("ingest stderr:\n%s\nwant a line %q", stderr, want)
		}
	}
	if !regexp.MustCompile(`(?m)^ingest: 150 stored, 1 failed, 0 skipped, in \d+\.\ds$`).MatchString(stderr) {
		t.Errorf("ingest stderr:\n%s\nwant the summary: 150 stored, 1 failed, 0 skipped", stderr)
	}
	if !strings.Contains(stdout, "(150 articles)") || strings.Contains(stdout, "\r") || strings.Contains(stderr, "\r") {
		t.Errorf("ingest stdout:\n%s\nwant one row of 150 articles, and no bar drawn off a terminal", stdout)
	}
	if strings.Contains(stderr, "ETA") && !regexp.MustCompile(`ETA \d`).MatchString(stderr) {
		t.Errorf("ETA malformed in:\n%s", stderr)
	}

	_, stderr = ingest()
	if !strings.Contains(stderr, "ingest: 0 stored, 1 failed, 150 skipped, in ") {
		t.Errorf("second ingest stderr:\n%s\nwant 150 skipped as stored already", stderr)
	}
	srv.stop(t)
}

// lineWriter sends each line written to it on a channel.
type lineWriter struct {
	buf   bytes.Buffer
	lines chan string
	all   lockedBuffer
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.all.Write(p)
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line) // an unfinished line: keep it
			return len(p), nil
		}
		select {
		case w.lines <- strings.TrimSuffix(line, "\n"):
		default:
		}
	}
}

// TestIngestInterrupted interrupts an ingest from standard input once its
// first batch is stored: the summary says how many articles were stored and
// that re-running resumes; re-running stores only the rest.
func TestIngestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "db"))
	articles := progressArticles(batchArticles+1, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	stderr := &lineWriter{lines: make(chan string, 100)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"ingest", "--jsonl", "--server", srv.addr, "--progress-every", "0", "-"}, pr, io.Discard, stderr)
	}()
	// Every article; the input stays open, as a terminal's would.
	go io.WriteString(pw, articles)
	timeout := time.After(2 * time.Minute)
	for waiting := true; waiting; {
		select {
		case line := <-stderr.lines:
			waiting = !strings.HasPrefix(line, fmt.Sprintf("ingest: %d articles (%d stored", batchArticles, batchArticles))
		case err := <-done:
			t.Fatalf("ingest ended before the interrupt: %v\n%s", err, stderr.all.String())
		case <-timeout:
			t.Fatalf("no progress line after the first batch:\n%s", stderr.all.String())
		}
	}
	cancel()   // the interrupt
	pw.Close() // and the input ends
	err := <-done
	out := stderr.all.String()
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("interrupted ingest = %v; want an error that says interrupted", err)
	}
	if !regexp.MustCompile(fmt.Sprintf(`ingest: interrupted after \d+\.\ds: %d articles stored \(0 failed, 0 skipped\)`, batchArticles)).MatchString(out) ||
		!strings.Contains(out, "re-running the same command resumes safely") {
		t.Errorf("interrupted ingest printed:\n%s\nwant %d articles stored and how to resume", out, batchArticles)
	}

	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "--jsonl", "--server", srv.addr, "-"}, strings.NewReader(articles), io.Discard, &errOut); err != nil {
		t.Fatalf("re-run: %v\n%s", err, errOut.String())
	}
	if want := fmt.Sprintf("ingest: 1 stored, 0 failed, %d skipped, in ", batchArticles); !strings.Contains(errOut.String(), want) {
		t.Errorf("re-run printed:\n%s\nwant %q", errOut.String(), want)
	}
	srv.stop(t)
}

// TestProgressBar checks the terminal form's text.
func TestProgressBar(t *testing.T) {
	p := &progress{total: 200, stored: 50, skipped: 10, start: time.Unix(0, 0)}
	got := p.bar(time.Unix(10, 0))
	if want := "[#########.....................]  30%  60/200 articles  6.0/s  ETA 23s"; got != want {
		t.Errorf("bar = %q; want %q", got, want)
	}
	p.total = -1
	if got, want := p.line(time.Unix(10, 0)), "60 articles (50 stored, 0 failed, 10 skipped), 6.0/s"; got != want {
		t.Errorf("line = %q; want %q", got, want)
	}
	var b bytes.Buffer
	p = &progress{w: &b, total: 2, start: time.Now()}
	p.add(1, 0, 0)
	p.finish(true, 1)
	if s := b.String(); !strings.Contains(s, "1 of 2 articles stored") || !strings.Contains(s, "the 1 being sent may be stored too") {
		t.Errorf("interrupted summary = %q", s)
	}
}
