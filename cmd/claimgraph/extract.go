package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// runExtract runs the extractor offline. Plain files are articles; with
// --jsonl every input holds one article object per line. It prints one
// Extraction per article as protobuf JSON, one per line.
func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	jsonl := fs.Bool("jsonl", false, "inputs hold one article object per line")
	published := fs.String("published", "", "publication date, YYYY-MM-DD, for plain-text inputs")
	language := fs.String("language", "", "language of plain-text inputs: ar or en (default: detect)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	failed := 0
	emit := func(in *claimgraphv1.ArticleInput, where string) error {
		a, err := server.ArticleFromInput("article", in, false)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		x, err := extractSafely(a)
		if err != nil {
			// One article's bug must not cost the others their output.
			failed++
			fmt.Fprintf(e.stderr, "claimgraph extract: %s (article %q): %v\n", where, a.ID, err)
			return nil
		}
		b, err := protojson.Marshal(server.ExtractionToProto(x))
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
		if *jsonl {
			err = readArticles(r, name, func(in *claimgraphv1.ArticleInput, where string) error {
				if in.Language == "" {
					in.Language = *language
				}
				if in.Published == "" {
					in.Published = *published
				}
				return emit(in, where)
			})
		} else {
			var b []byte
			if b, err = io.ReadAll(r); err == nil {
				err = emit(&claimgraphv1.ArticleInput{Id: name, Text: string(b), Language: *language, Published: *published}, name)
			}
		}
		closeFn()
		if err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("extract: the extractor failed on %d articles (a bug; the others were printed)", failed)
	}
	return nil
}

// extractArticle is the extractor; tests replace it.
var extractArticle = extract.Extract

// extractSafely runs extractArticle and turns a panic into an error, so
// that `claimgraph extract` reports a bug in the extractor instead of
// dying with a Go stack trace.
func extractSafely(a extract.Article) (x *extract.Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = nil, fmt.Errorf("the extractor failed on this article (a bug, please report it with the text): %v", p)
		}
	}()
	return extractArticle(a), nil
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
