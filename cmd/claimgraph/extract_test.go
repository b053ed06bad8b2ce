package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/extract"
)

// TestExtractNoPanic runs `claimgraph extract --jsonl` on the texts the
// extractor once panicked on, and then with an extractor that panics on
// one article: the command never dies with a Go panic, prints the other
// articles, and fails naming the bad one.
func TestExtractNoPanic(t *testing.T) {
	input := `{"id": "good-1", "text": "The minister said that talks would resume."}
{"id": "zero-dash", "text": "0-"}
{"id": "adding", "text": "0,Adding", "language": "en"}
{"id": "good-2", "text": "Officials said more than 300 people were evacuated."}
`
	runIt := func() (string, string, error) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"extract", "--jsonl"}, strings.NewReader(input), &stdout, &stderr)
		return stdout.String(), stderr.String(), err
	}
	out, errOut, err := runIt()
	if err != nil || strings.Count(out, "\n") != 4 {
		t.Fatalf("extract --jsonl: %v, %d lines\n%s", err, strings.Count(out, "\n"), errOut)
	}

	defer func(orig func(extract.Article) *extract.Extraction) { extractArticle = orig }(extractArticle)
	extractArticle = func(a extract.Article) *extract.Extraction {
		if a.ID == "zero-dash" {
			var s []int
			_ = s[len(a.Text)]
		}
		return extract.Extract(a)
	}
	out, errOut, err = runIt()
	if err == nil || !strings.Contains(errOut, "zero-dash") || !strings.Contains(errOut, "extractor failed") {
		t.Errorf("extract --jsonl with a panicking extractor: %v\n%s; want an error naming zero-dash", err, errOut)
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("extract --jsonl with one article failing printed %d lines; want the 3 others", n)
	}
}
