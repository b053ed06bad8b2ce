package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runTrack prints a measure's figures in time order, with the articles
// they come from, and the links among them, following every page.
func runTrack(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "track", "MEASURE")
	var co clientOptions
	co.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("track: want one measure key (see claimgraph measures), got %d arguments", len(rest))
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	resp, err := trackAll(ctx, client, rest[0])
	if err != nil {
		return rpcError(err)
	}
	if co.json {
		out := newPrinter(e.stdout, true)
		return out.print(resp)
	}
	articles := map[string]*claimgraphv1.Article{}
	for _, a := range resp.GetArticles() {
		articles[a.GetId()] = a
	}
	out := newPrinter(e.stdout, false, "AS OF", "VALUE", "ARTICLE", "PUBLISHER", "PUBLISHED", "SOURCE", "TEXT")
	for _, f := range resp.GetFigures() {
		a := articles[f.GetArticleId()]
		if err := out.print(f, f.GetAsOf(), figureValue(f), f.GetArticleId(), clip(a.GetPublisher(), 25), a.GetPublished(), figureSource(f), clip(f.GetText(), 40)); err != nil {
			return err
		}
	}
	if err := out.done(nil); err != nil {
		return err
	}
	if len(resp.GetLinks()) == 0 {
		return nil
	}
	fmt.Fprintln(e.stdout)
	links := newPrinter(e.stdout, false, "LINK", "FROM", "TO")
	for _, l := range resp.GetLinks() {
		if err := links.print(l, linkKindName(l.GetKind()), linkEnd(l.GetFrom()), linkEnd(l.GetTo())); err != nil {
			return err
		}
	}
	return links.done(nil)
}

// trackAll follows TrackMeasure's pages and returns the whole series in
// one response: the pages' figures in order, each article and each link
// once.
func trackAll(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, measure string) (*claimgraphv1.TrackMeasureResponse, error) {
	all := &claimgraphv1.TrackMeasureResponse{Measure: measure}
	articles, links := map[string]bool{}, map[string]bool{}
	token := ""
	for {
		resp, err := client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: measure, PageSize: 1000, PageToken: token})
		if err != nil {
			return nil, err
		}
		all.Measure = resp.GetMeasure()
		all.Figures = append(all.Figures, resp.GetFigures()...)
		for _, a := range resp.GetArticles() {
			if !articles[a.GetId()] {
				articles[a.GetId()] = true
				all.Articles = append(all.Articles, a)
			}
		}
		for _, l := range resp.GetLinks() {
			k := fmt.Sprintf("%d\x00%s\x00%s\x00%s\x00%s", l.GetKind(), l.GetFrom().GetArticleId(), l.GetFrom().GetId(), l.GetTo().GetArticleId(), l.GetTo().GetId())
			if !links[k] {
				links[k] = true
				all.Links = append(all.Links, l)
			}
		}
		if token = resp.GetNextPageToken(); token == "" {
			return all, nil
		}
	}
}

// runMeasures lists measure keys, for track and conflicts --measure.
func runMeasures(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "measures", "[--limit N | --all]")
	var (
		co clientOptions
		pg paging
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "MEASURE")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]string, string, error) {
		resp, err := client.ListMeasures(ctx, &claimgraphv1.ListMeasuresRequest{PageSize: size, PageToken: token})
		return resp.GetMeasures(), resp.GetNextPageToken(), err
	}, func(m string) error {
		if co.json { // a JSON string per line: there is no message to print
			b, err := json.Marshal(m)
			if err == nil {
				_, err = fmt.Fprintf(e.stdout, "%s\n", b)
			}
			return err
		}
		return out.print(nil, m)
	}))
}

// figureValue prints a figure's value, "~" marking an approximate one and
// ">", "≥", "<", "≤" a bound.
func figureValue(f *claimgraphv1.Figure) string {
	v := strconv.FormatFloat(f.GetValue(), 'f', -1, 64)
	switch f.GetQualifier() {
	case claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_MORE_THAN:
		v = ">" + v
	case claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_AT_LEAST:
		v = "≥" + v
	case claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_LESS_THAN:
		v = "<" + v
	case claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_UP_TO:
		v = "≤" + v
	}
	if f.GetApproximate() && !strings.HasPrefix(v, "~") {
		v = "~" + v
	}
	return v
}

// figureSource names who a figure is attributed to: the actor, else the
// words of the text.
func figureSource(f *claimgraphv1.Figure) string {
	if f.GetSourceId() != "" {
		return f.GetSourceId()
	}
	return clip(f.GetSourceText(), 30)
}
