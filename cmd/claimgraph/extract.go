package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// runExtract runs the extractor offline. A plain file is one article whose
// id defaults to the file's base name, as ingest's; a .jsonl file (or any
// input with --jsonl) holds one article object per line, read as ingest
// reads it. No file, or "-", reads standard input. It prints one Extraction
// per article as protobuf JSON, one per line.
func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "extract", "[flags] [FILE...]")
	var (
		af    articleFlags
		jsonl = fs.Bool("jsonl", false, "every input holds one article object per line, as .jsonl files do")
	)
	af.register(fs, "article id (one plain file only; default: the file's base name)", "article language: ar or en (default: detect)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if af.id != "" && len(files) > 1 {
		return fmt.Errorf("extract: --id names one article, but %d files were given", len(files))
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	emit := func(in *claimgraphv1.ArticleInput, where string) error {
		af.fill(in)
		a, err := server.ArticleFromInput("article", in, false)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		b, err := protojson.Marshal(server.ExtractionToProto(extract.Extract(a)))
		if err != nil {
			return err
		}
		out.Write(b)
		return out.WriteByte('\n')
	}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, closeFn, err := open(e, name)
		if err != nil {
			return err
		}
		if *jsonl || strings.HasSuffix(name, ".jsonl") {
			err = readArticles(r, name, emit)
		} else {
			err = extractFile(r, name, &af, emit)
		}
		closeFn()
		if err != nil {
			return err
		}
	}
	return nil
}

// extractFile extracts one plain-text article. Standard input without --id
// is the article "-".
func extractFile(r io.Reader, name string, af *articleFlags, emit func(*claimgraphv1.ArticleInput, string) error) error {
	id := "-"
	if name != "-" || af.id != "" {
		var err error
		if id, err = af.idFor("extract", name); err != nil {
			return err
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return emit(&claimgraphv1.ArticleInput{Id: id, Text: string(b)}, name)
}

// open opens a named input; "-" is standard input.
func open(e *env, name string) (io.Reader, func() error, error) {
	if name == "-" {
		return e.stdin, func() error { return nil }, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
