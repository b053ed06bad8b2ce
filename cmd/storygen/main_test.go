package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/claimgraph/claimgraph/internal/story"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// TestRunWritesArticlesTheServerAccepts reads every line as the CLI's
// reader and the server do: a protobuf JSON ArticleInput (here with no
// unknown field allowed) that passes the server's checks.
func TestRunWritesArticlesTheServerAccepts(t *testing.T) {
	truth := filepath.Join(t.TempDir(), "truth.jsonl")
	var out, errOut bytes.Buffer
	args := []string{"-n", "40", "-seed", "3", "-per-day", "5", "-start", "2024-02-01", "-planted", "3", "-truth", truth}
	if err := run(args, &out, &errOut); err != nil {
		t.Fatalf("run(%q): %v; stderr %s", args, err, errOut.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 40 {
		t.Fatalf("%d lines; want 40", len(lines))
	}
	for i, line := range lines {
		in := new(claimgraphv1.ArticleInput)
		if err := protojson.Unmarshal([]byte(line), in); err != nil {
			t.Fatalf("line %d: not an ArticleInput: %v\n%s", i+1, err, line)
		}
		if _, err := server.ArticleFromInput("article", in, true); err != nil {
			t.Errorf("line %d: the server refuses it: %v", i+1, err)
		}
		if in.GetUrl() == "" || in.GetTitle() == "" || in.GetPublisher() == "" {
			t.Errorf("line %d: url %q, title %q, publisher %q; want all set", i+1, in.GetUrl(), in.GetTitle(), in.GetPublisher())
		}
	}

	f, err := os.Open(truth)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, planted := 0, 0
	for sc.Scan() {
		var tr story.Truth
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatalf("truth line %d: %v", n+1, err)
		}
		if !strings.Contains(lines[n], `"id":"`+tr.ID+`"`) {
			t.Errorf("truth line %d is about %s, article line %d is %.40s", n+1, tr.ID, n+1, lines[n])
		}
		if tr.Planted {
			planted++
		}
		n++
	}
	if n != 40 || planted != 3 {
		t.Errorf("truth: %d lines, %d planted; want 40, 3", n, planted)
	}

	var again bytes.Buffer
	if err := run(args, &again, &errOut); err != nil || !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Errorf("a second run(%q) = %v, same bytes %v; want nil, true", args, err, bytes.Equal(out.Bytes(), again.Bytes()))
	}
}

func TestRunRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"},
		{"-start", "2024-13-01"},
		{"-n", "10", "-planted", "5"},
		{"extra"},
		{"-truth", filepath.Join(t.TempDir(), "no", "such", "dir", "truth.jsonl")},
	} {
		var out, errOut bytes.Buffer
		if err := run(args, &out, &errOut); err == nil {
			t.Errorf("run(%q) = nil; want an error", args)
		}
	}
}
