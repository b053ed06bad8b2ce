package main

import (
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// claimgraph runs the built binary offline and returns its standard
// output, or fails the test.
func claimgraph(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("claimgraph %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// A store written by claimgraph before the schema version (the export of
// testdata/store-v1) is refused with the command that upgrades it; once
// upgraded it serves, with its figures keyed and linked.
func TestImportAndUpgrade(t *testing.T) {
	f, err := os.Open(filepath.Join(repoRoot, "testdata/store-v1/story.nq.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	nq := filepath.Join(t.TempDir(), "v1.nq")
	out, err := os.Create(nq)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := out.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	out.Close()
	db := filepath.Join(t.TempDir(), "db")
	if got := claimgraph(t, "", "import", "--db-path", db, nq); !strings.HasPrefix(got, "import: ") {
		t.Errorf("import printed %q", got)
	}
	serve := exec.Command(buildBinary(t), "serve", "--listen", "127.0.0.1:0", "--db-path", db)
	msg, err := serve.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "claimgraph upgrade --db bolt --db-path") {
		t.Fatalf("serve on a version 1 store: %v\n%s\nwant a refusal naming the upgrade command", err, msg)
	}
	if got := claimgraph(t, "", "upgrade", "--db-path", db); !strings.Contains(got, "schema version 2") {
		t.Errorf("upgrade printed %q", got)
	}
	srv := startServer(t, db)
	if out := srv.must(t, "./claimgraph conflicts --measure killed@gaza"); !strings.Contains(out, "seed") && !strings.Contains(out, "gaza-diplomacy") {
		t.Errorf("conflicts after upgrade:\n%s\nwant the seed's toll in conflict", out)
	}
	srv.stop(t)
}

// export | import moves a store: the second store exports the same quads.
func TestExportImportRoundTrip(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	srv := startServer(t, a)
	srv.must(t, "./claimgraph ingest testdata/story/articles.jsonl")
	first := srv.must(t, "./claimgraph export")
	srv.stop(t)
	b := filepath.Join(t.TempDir(), "b")
	claimgraph(t, first, "import", "--db-path", b, "-")
	srv = startServer(t, b)
	second := srv.must(t, "./claimgraph export")
	srv.stop(t)
	x, y := strings.Split(strings.TrimSpace(first), "\n"), strings.Split(strings.TrimSpace(second), "\n")
	slices.Sort(x)
	slices.Sort(y)
	if !slices.Equal(x, y) {
		t.Errorf("export after import differs: %d lines, then %d", len(x), len(y))
	}
	// Importing into a store that holds something is refused.
	cmd := exec.Command(buildBinary(t), "import", "--db-path", b, "-")
	cmd.Stdin = strings.NewReader(first)
	if msg, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(msg), "not empty") {
		t.Errorf("import into a full store: %v, %s; want a refusal", err, msg)
	}
}
