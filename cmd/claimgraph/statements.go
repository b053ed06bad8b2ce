package main

import (
	"context"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runStatements lists who said what.
func runStatements(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "statements", "[--speaker NAME] [--mentions NAME] [--article ID] [--limit N | --all]")
	var (
		co       clientOptions
		pg       paging
		speaker  = fs.String("speaker", "", "only statements by this actor: an id, or any name or alias")
		mentions = fs.String("mentions", "", "only statements that mention this actor: an id, name or alias")
		article  = fs.String("article", "", "only statements from this article")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "ARTICLE", "SPEAKER", "AS WRITTEN", "KIND", "CUE", "CONTENT")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(namesKnown(ctx, client, out, list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Statement, string, error) {
		resp, err := client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{
			Speaker: *speaker, Mentions: *mentions, ArticleId: *article, PageSize: size, PageToken: token,
		})
		return resp.GetStatements(), resp.GetNextPageToken(), err
	}, func(s *claimgraphv1.Statement) error {
		kind := strings.ToLower(strings.TrimPrefix(s.GetKind().String(), "STATEMENT_KIND_"))
		return out.print(s, s.GetArticleId(), s.GetSpeakerId(), clip(s.GetSpeakerText(), 30), kind, s.GetCue(), clip(s.GetContent(), 80))
	}), actorFlag("speaker", *speaker), actorFlag("mentions", *mentions)))
}
