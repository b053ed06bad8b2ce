package main

import (
	"context"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protojson"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runPutExtraction stores an article with an extraction made elsewhere:
// the article's text from one file and its Extraction, as protobuf JSON
// (what `claimgraph extract` prints), from another. The server checks the
// extraction as its own and links the article.
func runPutExtraction(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "put-extraction", "[flags] TEXT_FILE EXTRACTION_JSON")
	var (
		co clientOptions
		af articleFlags
	)
	co.register(fs)
	af.register(fs, "article id (default: the text file's base name)", "article language: ar or en (default: the extraction's)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 2 {
		fs.Usage()
		return fmt.Errorf("put-extraction: want a text file and an extraction file, got %d arguments", len(files))
	}
	textName, xName := files[0], files[1]
	id, err := af.idFor("put-extraction", textName)
	if err != nil {
		return err
	}
	text, err := readAll(e, textName)
	if err != nil {
		return err
	}
	xJSON, err := readAll(e, xName)
	if err != nil {
		return err
	}
	x := new(claimgraphv1.Extraction)
	if err := protojson.Unmarshal(xJSON, x); err != nil {
		return fmt.Errorf("%s: not an Extraction in protobuf JSON: %w", xName, err)
	}
	// `claimgraph extract FILE` names the extraction after FILE's base
	// name (older versions: FILE); the article id given here is the one
	// that counts.
	if base, _ := new(articleFlags).idFor("put-extraction", textName); x.GetArticleId() == base || x.GetArticleId() == textName {
		x.ArticleId = ""
	}
	in := &claimgraphv1.ArticleInput{Id: id, Text: string(text)}
	af.fill(in)
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	resp, err := client.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: in, Extraction: x})
	if err != nil {
		return rpcError(err)
	}
	out := newPrinter(e.stdout, co.json, "ARTICLE", "LANG", "STATEMENTS", "FIGURES", "EVENTS", "QUADS")
	return out.done(printArticle(out, resp.GetArticle(), resp))
}

// readAll reads a named input; "-" is standard input.
func readAll(e *env, name string) ([]byte, error) {
	r, closeFn, err := open(e, name)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	return io.ReadAll(r)
}
