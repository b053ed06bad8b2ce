package main

import (
	"context"
	"fmt"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runConflicts lists figures that cannot both be true: two rows per
// conflict, one per source.
func runConflicts(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "conflicts", "[--measure M] [--limit N | --all]")
	var (
		co      clientOptions
		pg      paging
		measure = fs.String("measure", "", "only conflicts of this measure key (see claimgraph measures)")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "#", "MEASURE", "AS OF", "VALUE", "ARTICLE", "PUBLISHER", "PUBLISHED", "SOURCE", "TEXT")
	if err != nil {
		return err
	}
	defer closeConn()
	n := 0
	return out.done(namesKnown(ctx, client, out, list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Conflict, string, error) {
		resp, err := client.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{Measure: *measure, PageSize: size, PageToken: token})
		return resp.GetConflicts(), resp.GetNextPageToken(), err
	}, func(c *claimgraphv1.Conflict) error {
		n++
		if co.json {
			return out.print(c)
		}
		for _, side := range []struct {
			end *claimgraphv1.LinkEnd
			f   *claimgraphv1.Figure
			a   *claimgraphv1.Article
		}{{c.GetLink().GetFrom(), c.GetFromFigure(), c.GetFromArticle()}, {c.GetLink().GetTo(), c.GetToFigure(), c.GetToArticle()}} {
			if err := out.print(c, fmt.Sprint(n), c.GetLink().GetKey(), side.end.GetDate(), figureValue(side.f), side.a.GetId(),
				clip(side.a.GetPublisher(), 25), side.a.GetPublished(), figureSource(side.f), clip(side.f.GetText(), 40)); err != nil {
				return err
			}
		}
		return nil
	}), measureFlag("measure", *measure)))
}
