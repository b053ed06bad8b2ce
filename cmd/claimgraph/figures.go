package main

import (
	"context"
	"strconv"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runFigures lists reported figures.
func runFigures(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "figures", "[--article ID] [--measure M] [--source NAME] [--limit N | --all]")
	var (
		co      clientOptions
		pg      paging
		article = fs.String("article", "", "only figures from this article")
		measure = fs.String("measure", "", "only figures of this measure (killed, hostages, money, …)")
		source  = fs.String("source", "", "only figures attributed to this actor: an id, name or alias")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "ARTICLE", "VALUE", "QUALIFIER", "MEASURE", "SUBJECT", "SOURCE", "TEXT")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(namesKnown(ctx, client, out, list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Figure, string, error) {
		resp, err := client.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{
			ArticleId: *article, Measure: *measure, Source: *source, PageSize: size, PageToken: token,
		})
		return resp.GetFigures(), resp.GetNextPageToken(), err
	}, func(f *claimgraphv1.Figure) error {
		value := strconv.FormatFloat(f.GetValue(), 'f', -1, 64)
		if f.GetApproximate() {
			value = "~" + value
		}
		qual := strings.ToLower(strings.TrimPrefix(f.GetQualifier().String(), "FIGURE_QUALIFIER_"))
		source := f.GetSourceId()
		if source == "" {
			source = f.GetSourceText()
		}
		return out.print(f, f.GetArticleId(), value, qual, f.GetMeasure(), clip(f.GetSubject(), 30), clip(source, 30), clip(f.GetText(), 30))
	}), measureFlag("measure", *measure), actorFlag("source", *source)))
}
