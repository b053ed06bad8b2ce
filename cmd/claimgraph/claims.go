package main

import (
	"context"
	"fmt"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runClaims lists claims: what one speaker said as several articles report
// it.
func runClaims(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "claims", "[--speaker NAME] [--limit N | --all]")
	var (
		co      clientOptions
		pg      paging
		speaker = fs.String("speaker", "", "only claims by this actor: an id, or any name or alias")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "CLAIM", "SPEAKER", "FIRST", "LAST", "REPORTS", "ARTICLES", "CONTENT")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(namesKnown(ctx, client, out, list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Claim, string, error) {
		resp, err := client.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{Speaker: *speaker, PageSize: size, PageToken: token})
		return resp.GetClaims(), resp.GetNextPageToken(), err
	}, func(c *claimgraphv1.Claim) error {
		content := ""
		if st := c.GetStatements(); len(st) > 0 {
			content = st[0].GetContent()
		}
		return out.print(c, c.GetId(), c.GetSpeakerId(), c.GetFirstReported(), c.GetLastReported(),
			fmt.Sprint(len(c.GetStatements())), clip(strings.Join(c.GetArticleIds(), ","), 50), clip(content, 60))
	}), actorFlag("speaker", *speaker)))
}
