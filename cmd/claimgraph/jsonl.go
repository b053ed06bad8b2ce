package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protojson"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// maxLine bounds one JSONL line: an article object.
const maxLine = 16 << 20

// readArticles reads one article object per line from r and calls fn with
// each and its position ("NAME:LINE"). Blank lines are skipped; a line that
// is not an article object is an error naming the line.
func readArticles(r io.Reader, name string, fn func(*claimgraphv1.ArticleInput, string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	dec := protojson.UnmarshalOptions{DiscardUnknown: true}
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		in := new(claimgraphv1.ArticleInput)
		if err := dec.Unmarshal(line, in); err != nil {
			return fmt.Errorf("%s: not an article object: %v", where, err)
		}
		if err := fn(in, where); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
