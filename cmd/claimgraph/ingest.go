package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// runIngest stores articles. A plain file is one article whose id defaults
// to the file's base name; a .jsonl file (or any input with --jsonl) holds
// one article object per line and goes through IngestArticles streams of
// one server batch each. "-" reads standard input. The flags fill what an
// article leaves empty. An article already stored with the same text and
// metadata is skipped, unless --force. Progress goes to stderr (a bar on a
// terminal, a line now and then otherwise), then a summary; an interrupted
// run says how many articles were stored.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[flags] FILE...")
	var (
		co    clientOptions
		af    articleFlags
		jsonl = fs.Bool("jsonl", false, "every input holds one article object per line, as .jsonl files do")
		force = fs.Bool("force", false, "store every article, even one stored already with the same text and metadata (to extract it again after an upgrade)")
		quiet = fs.Bool("quiet", false, "print no progress and no summary")
		every = fs.Duration("progress-every", 10*time.Second, "when stderr is not a terminal, how often to print a progress line (0: after every batch)")
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
	isJSONL := func(name string) bool { return *jsonl || strings.HasSuffix(name, ".jsonl") }
	ing := &ingester{
		client: client,
		out:    newPrinter(e.stdout, co.json, "ARTICLE", "LANG", "STATEMENTS", "FIGURES", "EVENTS", "QUADS"),
		stderr: e.stderr,
		fill:   af.fill,
		force:  *force,
		prog:   newProgress(e.stderr, countArticles(files, isJSONL), *every, *quiet),
	}
	for _, name := range files {
		if ctx.Err() != nil {
			break
		}
		r, closeFile, err := open(e, name)
		if err != nil {
			return ing.end(ctx, err)
		}
		if isJSONL(name) {
			err = ing.stream(ctx, r, name)
		} else {
			err = ing.file(ctx, r, name, &af)
		}
		closeFile()
		if err != nil {
			return ing.end(ctx, err)
		}
	}
	return ing.end(ctx, nil)
}

// countArticles returns how many articles files hold, or -1 when it cannot
// be known in advance (standard input).
func countArticles(files []string, isJSONL func(string) bool) int {
	n := 0
	for _, name := range files {
		switch {
		case name == "-":
			return -1
		case !isJSONL(name):
			n++
		default:
			f, err := os.Open(name)
			if err != nil {
				return -1
			}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 0, 64<<10), maxLine)
			for sc.Scan() {
				if len(bytes.TrimSpace(sc.Bytes())) > 0 {
					n++
				}
			}
			f.Close()
			if sc.Err() != nil {
				return -1
			}
		}
	}
	return n
}

// ingester stores the articles of one ingest run and counts them.
type ingester struct {
	client claimgraphv1.ClaimGraphServiceClient
	out    *printer
	stderr io.Writer
	fill   func(*claimgraphv1.ArticleInput)
	force  bool
	prog   *progress
	// sending is how many articles were in a stream when it failed or was
	// cut off: the server may have stored some of them.
	sending int
}

// end prints what was stored before an error, and the summary, and
// returns err; an interrupted run returns an error that says so.
func (g *ingester) end(ctx context.Context, err error) error {
	g.prog.clear()  // the bar, before the table goes to the same terminal
	g.out.done(nil) // the rows of what was stored before an error
	interrupted := ctx.Err() != nil
	g.prog.finish(interrupted, g.sending)
	if interrupted {
		return errors.New("ingest: interrupted")
	}
	return err
}

// file stores one plain-text article.
func (g *ingester) file(ctx context.Context, r io.Reader, name string, af *articleFlags) error {
	id, err := af.idFor("ingest", name)
	if err != nil {
		return err
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	in := &claimgraphv1.ArticleInput{Id: id, Text: string(text)}
	g.fill(in)
	if skip, err := g.unchanged(ctx, in); err != nil || skip {
		return err
	}
	resp, err := g.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: in})
	if err != nil {
		g.prog.add(0, 1, 0)
		return fmt.Errorf("%s: %w", name, rpcError(err))
	}
	g.prog.add(1, 0, 0)
	return printArticle(g.out, resp.GetArticle(), resp)
}

// Client batches match the server's write batches, so that each stream is
// one transaction and its response says what was stored.
const (
	batchArticles = server.DefaultIngestBatchArticles
	batchBytes    = server.DefaultIngestBatchBytes
)

// stream sends the article objects of one JSONL input in IngestArticles
// streams of a batch each, and reports the articles the server refused.
func (g *ingester) stream(ctx context.Context, r io.Reader, name string) error {
	var (
		batch  []*claimgraphv1.ArticleInput
		where  []string // where[i] is the line of batch[i]
		size   int
		total  = new(claimgraphv1.IngestArticlesResponse)
		failed int
	)
	flush := func() error {
		if len(batch) == 0 || ctx.Err() != nil {
			return nil
		}
		resp, err := g.send(ctx, batch)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, f := range resp.GetFailures() {
			at := name
			if i := int(f.GetIndex()); i < len(where) {
				at = where[i]
			}
			fmt.Fprintf(g.stderr, "%s: article %q not stored: %s: %s\n", at, f.GetArticleId(), f.GetField(), f.GetReason())
		}
		failed += len(resp.GetFailures())
		total.ArticleCount += resp.GetArticleCount()
		total.QuadCount += resp.GetQuadCount()
		g.prog.add(int(resp.GetArticleCount()), len(resp.GetFailures()), 0)
		batch, where, size = nil, nil, 0
		return nil
	}
	err := readArticles(r, name, func(in *claimgraphv1.ArticleInput, at string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		g.fill(in)
		if skip, err := g.unchanged(ctx, in); err != nil || skip {
			return err
		}
		batch, where = append(batch, in), append(where, at)
		size += len(in.GetText())
		if len(batch) >= batchArticles || size >= batchBytes {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	if ctx.Err() == nil {
		if err := g.out.print(total, fmt.Sprintf("%s (%d articles)", name, total.GetArticleCount()), "-", "-", "-", "-", strconv.FormatInt(total.GetQuadCount(), 10)); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%s: %d of %d articles not stored", name, failed, failed+int(total.GetArticleCount()))
	}
	return nil
}

// send stores one batch through one IngestArticles stream.
func (g *ingester) send(ctx context.Context, batch []*claimgraphv1.ArticleInput) (*claimgraphv1.IngestArticlesResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g.sending = len(batch)
	stream, err := g.client.IngestArticles(ctx)
	if err != nil {
		return nil, rpcError(err)
	}
	for _, in := range batch {
		// After a failed Send (io.EOF), CloseAndRecv says why the server ended.
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: in}); err != nil {
			break
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return nil, rpcError(err)
	}
	g.sending = 0
	return resp, nil
}

// unchanged says whether in is stored already with the same text and
// metadata, so that a re-run skips it (and counts it skipped); with
// --force nothing is skipped.
func (g *ingester) unchanged(ctx context.Context, in *claimgraphv1.ArticleInput) (bool, error) {
	if g.force || in.GetId() == "" {
		return false, nil
	}
	resp, err := g.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: in.GetId()})
	switch status.Code(err) {
	case codes.OK:
	case codes.NotFound, codes.InvalidArgument: // not stored, or an id the server will refuse
		return false, nil
	default:
		return false, rpcError(err)
	}
	a := resp.GetArticle()
	sum := sha256.Sum256([]byte(in.GetText()))
	same := a.GetContentHash() == hex.EncodeToString(sum[:]) &&
		a.GetUrl() == in.GetUrl() && a.GetTitle() == in.GetTitle() && a.GetPublisher() == in.GetPublisher() &&
		a.GetPublished() == in.GetPublished() && (in.GetLanguage() == "" || a.GetLanguage() == in.GetLanguage())
	if same {
		g.prog.add(0, 0, 1)
	}
	return same, nil
}
