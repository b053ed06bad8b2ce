package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeInvented writes n invented annotated articles into a new folder.
func writeInvented(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	sources := []string{"The mayor", "Police officials", "Maria Lopez"}
	contents := []string{"the bridge would reopen soon", "the roads were closed", "taxes should fall"}
	for i := range n {
		src, con := sources[i%len(sources)], contents[(i+1)%len(contents)]
		text := fmt.Sprintf("Rain fell on Monday.\n\n%s said that %s.", src, con)
		start := len([]rune(text)) - len([]rune(con)) - 1
		g := map[string]any{
			"id": fmt.Sprintf("a%d", i), "language": "en", "text": text,
			"statements": []map[string]any{{
				"speaker": src, "cue": "said", "kind": "indirect", "content": con,
				"content_spans": [][2]int{{start, start + len([]rune(con))}},
			}},
		}
		b, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.json", i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	train := writeInvented(t, 9)
	dev := writeInvented(t, 3)
	out := filepath.Join(t.TempDir(), "model")
	var stdout bytes.Buffer
	if err := run([]string{"-train", train, "-out", out, "-dev", dev, "-epochs", "3"}, &stdout); err != nil {
		t.Fatalf("run: %v", err)
	}
	first, err := os.ReadFile(out)
	if err != nil || len(first) == 0 {
		t.Fatalf("model file: %d bytes, %v; want a model", len(first), err)
	}
	for _, want := range []string{"trained on 9 articles", "source ", "cue ", "content "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output %q lacks %q", stdout.String(), want)
		}
	}
	if err := run([]string{"-train", train, "-out", out, "-epochs", "3"}, &stdout); err != nil {
		t.Fatalf("second run: %v", err)
	}
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Errorf("training twice gave different models (%d and %d bytes)", len(first), len(second))
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-train", t.TempDir(), "-out", filepath.Join(t.TempDir(), "m")},
	} {
		if err := run(args, new(bytes.Buffer)); err == nil {
			t.Errorf("run(%q) succeeded; want an error", args)
		}
	}
}
