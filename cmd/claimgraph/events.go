package main

import (
	"context"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runEvents lists reported events.
func runEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "events", "[--participant NAME] [--article ID] [--kind K] [--from D] [--to D] [--limit N | --all]")
	var (
		co          clientOptions
		pg          paging
		participant = fs.String("participant", "", "only events this actor takes part in: an id, name or alias")
		article     = fs.String("article", "", "only events from this article")
		kind        = fs.String("kind", "", "only events of this kind (war, travel, meeting, …)")
		from        = fs.String("from", "", "only events dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
		to          = fs.String("to", "", "only events dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "ARTICLE", "KIND", "TRIGGER", "DATE", "PARTICIPANTS", "PLACES")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(namesKnown(ctx, client, out, list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Event, string, error) {
		resp, err := client.ListEvents(ctx, &claimgraphv1.ListEventsRequest{
			Participant: *participant, ArticleId: *article, Kind: *kind, DateFrom: *from, DateTo: *to,
			PageSize: size, PageToken: token,
		})
		return resp.GetEvents(), resp.GetNextPageToken(), err
	}, func(ev *claimgraphv1.Event) error {
		return out.print(ev, ev.GetArticleId(), ev.GetKind(), ev.GetTrigger(), ev.GetDate(),
			clip(strings.Join(ev.GetParticipantIds(), ", "), 40), clip(strings.Join(ev.GetPlaceIds(), ", "), 30))
	}), actorFlag("participant", *participant)))
}
