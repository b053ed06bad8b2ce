package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runIngest stores articles. A plain file is one article whose id defaults
// to the file's base name; a .jsonl file (or any input with --jsonl) holds
// one article object per line and goes through the IngestArticles stream.
// "-" reads standard input. The flags fill what an article leaves empty.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[flags] FILE...")
	var (
		co    clientOptions
		af    articleFlags
		jsonl = fs.Bool("jsonl", false, "every input holds one article object per line, as .jsonl files do")
	)
	co.register(fs)
	af.register(fs, "article id (one plain file only; default: the file's base name)", "article language: ar or en (default: detect)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: no files given")
	}
	if af.id != "" && len(files) > 1 {
		return fmt.Errorf("ingest: --id names one article, but %d files were given", len(files))
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	out := newPrinter(e.stdout, co.json, "ARTICLE", "LANG", "STATEMENTS", "FIGURES", "EVENTS", "QUADS")
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, closeFile, err := open(e, name)
		if err != nil {
			return err
		}
		if *jsonl || strings.HasSuffix(name, ".jsonl") {
			err = ingestStream(ctx, e, client, out, r, name, af.fill)
		} else {
			err = ingestFile(ctx, client, out, r, name, &af)
		}
		closeFile()
		if err != nil {
			out.done(nil) // what was stored before the error
			return err
		}
	}
	return out.done(nil)
}

// ingestFile stores one plain-text article.
func ingestFile(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, out *printer, r io.Reader, name string, af *articleFlags) error {
	id, err := af.idFor("ingest", name)
	if err != nil {
		return err
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	in := &claimgraphv1.ArticleInput{Id: id, Text: string(text)}
	af.fill(in)
	resp, err := client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: in})
	if err != nil {
		return fmt.Errorf("%s: %w", name, rpcError(err))
	}
	return printArticle(out, resp.GetArticle(), resp)
}

// ingestStream sends the article objects of one JSONL input through one
// IngestArticles stream and reports the articles the server refused.
func ingestStream(ctx context.Context, e *env, client claimgraphv1.ClaimGraphServiceClient, out *printer, r io.Reader, name string, fill func(*claimgraphv1.ArticleInput)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := client.IngestArticles(ctx)
	if err != nil {
		return rpcError(err)
	}
	var where []string // where[i] is the line of the i-th article sent
	err = readArticles(r, name, func(in *claimgraphv1.ArticleInput, at string) error {
		fill(in)
		where = append(where, at)
		return stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in})
	})
	if err != nil && !errors.Is(err, io.EOF) {
		return err // a line that is not an article: cancel the stream
	}
	// After a failed Send (io.EOF), CloseAndRecv says why the server ended.
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return fmt.Errorf("%s: %w", name, rpcError(err))
	}
	if err := out.print(resp, fmt.Sprintf("%s (%d articles)", name, resp.GetArticleCount()), "-", "-", "-", "-", strconv.FormatInt(resp.GetQuadCount(), 10)); err != nil {
		return err
	}
	for _, f := range resp.GetFailures() {
		at := name
		if i := int(f.GetIndex()); i < len(where) {
			at = where[i]
		}
		fmt.Fprintf(e.stderr, "%s: article %q not stored: %s: %s\n", at, f.GetArticleId(), f.GetField(), f.GetReason())
	}
	if n := len(resp.GetFailures()); n > 0 {
		return fmt.Errorf("%s: %d of %d articles not stored", name, n, n+int(resp.GetArticleCount()))
	}
	return nil
}
