package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"google.golang.org/protobuf/proto"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runArticles lists stored articles.
func runArticles(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "articles", "[--language ar|en] [--limit N | --all]")
	var (
		co       clientOptions
		pg       paging
		language = fs.String("language", "", "only articles in this language")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "ARTICLE", "LANG", "STATEMENTS", "FIGURES", "EVENTS", "QUADS", "PUBLISHED", "TITLE")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Article, string, error) {
		resp, err := client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{Language: *language, PageSize: size, PageToken: token})
		return resp.GetArticles(), resp.GetNextPageToken(), err
	}, func(a *claimgraphv1.Article) error {
		return printArticle(out, a, a, a.GetPublished(), clip(a.GetTitle(), 50))
	}))
}

// printArticle prints m (an article, or the response holding it) with the
// article's counts as the table row; extra cells follow them.
func printArticle(out *printer, a *claimgraphv1.Article, m proto.Message, extra ...string) error {
	row := []string{
		a.GetId(), a.GetLanguage(),
		strconv.Itoa(int(a.GetStatementCount())), strconv.Itoa(int(a.GetFigureCount())),
		strconv.Itoa(int(a.GetEventCount())), strconv.FormatInt(a.GetQuadCount(), 10),
	}
	return out.print(m, append(row, extra...)...)
}

// noArgs parses flags and refuses arguments.
func noArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fs.Usage()
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), rest[0])
	}
	return nil
}
