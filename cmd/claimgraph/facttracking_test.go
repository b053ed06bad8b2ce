package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFactTracking runs the README's fact-tracking example on the built
// binary: the seed and an article giving about 67,000 killed in Gaza the
// same day conflict, and the commands show the conflict with both sources.
func TestFactTracking(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "claimgraph.db"))

	// A watch started before the ingest sees the conflict as it is written.
	watch := exec.Command(buildBinary(t), "watch")
	watch.Env = append(watch.Environ(), "CLAIMGRAPH_SERVER="+srv.addr)
	watchOut, err := watch.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	watchErr, err := watch.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := watch.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { watch.Process.Kill(); watch.Wait() })
	if line, err := bufio.NewReader(watchErr).ReadString('\n'); err != nil || !strings.Contains(line, "watching") {
		t.Fatalf("watch said %q, %v; want it watching", line, err)
	}

	srv.must(t, cmdIngest)
	srv.must(t, cmdIngestToll)

	conflictRE := regexp.MustCompile(`link\s+health-ministry-toll\s+figure_conflicts killed@gaza: .*gaza-diplomacy/.*= 12000.*health-ministry-toll/.*= 67000`)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(watchOut)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	timeout := time.After(30 * time.Second)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("watch ended before the conflict; it printed:\n%s", strings.Join(seen, "\n"))
			}
			seen = append(seen, l)
			if conflictRE.MatchString(l) {
				break wait
			}
		case <-timeout:
			t.Fatalf("watch printed no conflict in 30s:\n%s", strings.Join(seen, "\n"))
		}
	}
	go func() {
		for range lines { // until watch exits
		}
	}()
	if err := watch.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := watch.Wait(); err != nil {
		t.Errorf("watch after an interrupt: %v; want a clean exit", err)
	}

	// Two rows, one per source, each naming its article, date and value.
	rows := tableRows(srv.must(t, cmdConflicts))
	if len(rows) != 2 ||
		!regexp.MustCompile(`^1\s+killed@gaza\s+2025-10-07\s+~12000\s+gaza-diplomacy\s+2025-10-07\s`).MatchString(rows[0]) ||
		!regexp.MustCompile(`^1\s+killed@gaza\s+2025-10-07\s+~67000\s+health-ministry-toll\s+Gaza wire\s+2025-10-07\s+gaza-health-ministry\s`).MatchString(rows[1]) {
		t.Errorf("%s:\n%s\nwant the conflict with both sources", cmdConflicts, strings.Join(rows, "\n"))
	}
	conflicts := jsonLines(t, srv.must(t, cmdConflicts+" --json"))
	if len(conflicts) != 1 {
		t.Fatalf("%s --json: %d conflicts; want 1", cmdConflicts, len(conflicts))
	}

	if out := srv.must(t, cmdMeasures); !regexp.MustCompile(`(?m)^killed@gaza$`).MatchString(out) {
		t.Errorf("%s:\n%s\nwant killed@gaza", cmdMeasures, out)
	}
	track := srv.must(t, cmdTrack)
	if !strings.Contains(track, "~12000") || !strings.Contains(track, "~67000") || !strings.Contains(track, "figure_conflicts") {
		t.Errorf("%s:\n%s\nwant both figures and their conflict", cmdTrack, track)
	}
	if rows := tableRows(srv.must(t, cmdLinksKind)); len(rows) != 1 || !strings.HasPrefix(rows[0], "figure_conflicts") {
		t.Errorf("%s:\n%s\nwant the one conflict", cmdLinksKind, strings.Join(rows, "\n"))
	}
	srv.must(t, cmdClaimsTrump) // the two articles share no claim of Trump's: a header only

	dot := srv.must(t, cmdNeighborhood)
	if !strings.HasPrefix(dot, "digraph claimgraph {") || !strings.Contains(dot, `"https://claimgraph.org/article/health-ministry-toll" [label="NewsArticle\nhealth-ministry-toll", penwidth=2];`) {
		t.Errorf("%s:\n%s\nwant a digraph around the article", cmdNeighborhood, dot)
	}
	if path, err := exec.LookPath("dot"); err == nil {
		render := exec.Command(path, "-Tsvg")
		render.Stdin = strings.NewReader(dot)
		if out, err := render.CombinedOutput(); err != nil {
			t.Errorf("dot -Tsvg: %v\n%s", err, out)
		}
	}

	paths := strings.Split(strings.TrimSpace(srv.must(t, cmdPaths)), "\n")
	if len(paths) == 0 || !regexp.MustCompile(`^\(2\) actor/donald-trump .* actor/steve-witkoff$`).MatchString(paths[0]) {
		t.Errorf("%s:\n%s\nwant two-edge paths from Trump to Witkoff", cmdPaths, strings.Join(paths, "\n"))
	}

	// The running story, through the real extractor: every toll in
	// killed@gaza, and the blog's 60,000 against the 67,000 of three days
	// before.
	srv.must(t, cmdIngestStory)
	track = srv.must(t, cmdTrack)
	for _, v := range []string{"67682", "≥67600", "60000", "67000"} {
		if !strings.Contains(track, v) {
			t.Errorf("%s after the story:\n%s\nwant %s among the figures", cmdTrack, track, v)
		}
	}
	if out := srv.must(t, cmdConflictsGaza); !regexp.MustCompile(`(?m)^\d+\s+killed@gaza\s+2025-10-10\s+60000\s+en-blog-1010\s`).MatchString(out) {
		t.Errorf("%s:\n%s\nwant the blog's 60,000 in conflict", cmdConflictsGaza, out)
	}
	srv.stop(t)
}

// TestPutExtractionCLI stores the extractor's output for the seed through
// put-extraction under another id: it is stored and linked to the seed as
// an ingested copy would be, and a broken extraction names the field.
func TestPutExtractionCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := startServer(t, filepath.Join(t.TempDir(), "claimgraph.db"))
	srv.must(t, cmdIngest)
	const seed = "testdata/seed/gaza-diplomacy.txt"
	x := srv.must(t, "./claimgraph extract --published 2025-10-07 "+seed)
	dir := t.TempDir()
	good := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(good, []byte(x), 0o644); err != nil {
		t.Fatal(err)
	}
	out := srv.must(t, "./claimgraph put-extraction --id seed-copy --published 2025-10-07 "+seed+" "+good)
	if rows := tableRows(out); len(rows) != 1 || !strings.HasPrefix(rows[0], "seed-copy") {
		t.Errorf("put-extraction printed:\n%s\nwant the stored seed-copy", out)
	}
	links := srv.must(t, "./claimgraph links --article seed-copy --kind same_claim")
	if len(tableRows(links)) == 0 {
		t.Errorf("links of seed-copy:\n%s\nwant its claims shared with the seed", links)
	}

	bad := filepath.Join(dir, "bad.json")
	broken := strings.Replace(x, `"speakerId":"`, `"speakerId":"nobody-`, 1)
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := srv.sh(t, "./claimgraph put-extraction --id seed-bad "+seed+" "+bad)
	if err == nil || !strings.Contains(err.Error(), "InvalidArgument: extraction.statements[0].speaker_id:") {
		t.Errorf("put-extraction of a broken extraction = %v; want InvalidArgument on extraction.statements[0].speaker_id", err)
	}
	srv.stop(t)
}
