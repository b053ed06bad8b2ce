package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runLinks lists cross-article links.
func runLinks(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "links", "[--kind K] [--article ID] [--limit N | --all]")
	var (
		co      clientOptions
		pg      paging
		kind    = fs.String("kind", "", "only links of this kind: same_claim, figure_agrees, figure_conflicts, figure_updates or same_event")
		article = fs.String("article", "", "only links with an end in this article")
	)
	co.register(fs)
	pg.register(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	k, err := parseLinkKind(*kind)
	if err != nil {
		return err
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	out := newPrinter(e.stdout, co.json, "KIND", "KEY", "FROM", "TO", "SCORE")
	return out.done(list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Link, string, error) {
		resp, err := client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{Kind: k, ArticleId: *article, PageSize: size, PageToken: token})
		return resp.GetLinks(), resp.GetNextPageToken(), err
	}, func(l *claimgraphv1.Link) error {
		return out.print(l, linkKindName(l.GetKind()), clip(l.GetKey(), 40), linkEnd(l.GetFrom()), linkEnd(l.GetTo()), strconv.FormatFloat(l.GetScore(), 'f', -1, 64))
	}))
}

// parseLinkKind reads --kind: a kind's name in any case, with or without
// its LINK_KIND_ prefix; "" is every kind.
func parseLinkKind(s string) (claimgraphv1.LinkKind, error) {
	if s == "" {
		return claimgraphv1.LinkKind_LINK_KIND_UNSPECIFIED, nil
	}
	name := strings.ToUpper(strings.ReplaceAll(s, "-", "_"))
	v, ok := claimgraphv1.LinkKind_value["LINK_KIND_"+strings.TrimPrefix(name, "LINK_KIND_")]
	if !ok || v == 0 {
		return 0, fmt.Errorf("unknown link kind %q (same_claim, figure_agrees, figure_conflicts, figure_updates, same_event)", s)
	}
	return claimgraphv1.LinkKind(v), nil
}

// linkKindName is a kind as --kind takes it, e.g. "figure_conflicts".
func linkKindName(k claimgraphv1.LinkKind) string {
	return strings.ToLower(strings.TrimPrefix(k.String(), "LINK_KIND_"))
}

// linkEnd prints a link end: article/id, and a figure's value and date.
func linkEnd(end *claimgraphv1.LinkEnd) string {
	s := end.GetArticleId() + "/" + end.GetId()
	if end.Value != nil {
		s += " = " + strconv.FormatFloat(end.GetValue(), 'f', -1, 64)
	}
	if end.GetDate() != "" {
		s += " @" + end.GetDate()
	}
	return s
}
