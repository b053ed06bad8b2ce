package main

import (
	"context"
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// nameCheck is a filter flag whose value names an actor or a measure.
type nameCheck struct {
	flag, value string
	measure     bool // a measure kind or key, not an actor
}

func actorFlag(flag, value string) nameCheck { return nameCheck{flag: flag, value: value} }
func measureFlag(flag, value string) nameCheck {
	return nameCheck{flag: flag, value: value, measure: true}
}

// namesKnown returns err, or, when a list printed nothing, an error naming
// the first filter value that names no actor or measure at all: a typo
// ("--speaker Trumpp") is told from a name that has no rows. It asks the
// server only when the list came back empty.
func namesKnown(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, out *printer, err error, checks ...nameCheck) error {
	if err != nil || out.rows > 0 {
		return err
	}
	for _, c := range checks {
		if c.value == "" {
			continue
		}
		var known bool
		if c.measure {
			known, err = measureKnown(ctx, client, c.value)
		} else {
			known, err = actorKnown(ctx, client, c.value)
		}
		switch {
		case err != nil:
			return rpcError(err)
		case known:
		case c.measure:
			return fmt.Errorf("--%s: no stored figure has the measure %q; claimgraph measures lists them", c.flag, c.value)
		default:
			return fmt.Errorf("--%s: no stored actor is called %q; claimgraph actors --name finds actors by name", c.flag, c.value)
		}
	}
	return nil
}

// actorKnown says whether ref is an actor's id, or a word of a name or alias.
func actorKnown(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, ref string) (bool, error) {
	_, err := client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: ref})
	if err == nil || status.Code(err) != codes.NotFound {
		return err == nil, err
	}
	resp, err := client.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: ref, PageSize: 1})
	return len(resp.GetActors()) > 0, err
}

// measureKnown says whether m is a measure key (killed@gaza) or the kind
// of one (killed).
func measureKnown(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, m string) (bool, error) {
	token := ""
	for {
		resp, err := client.ListMeasures(ctx, &claimgraphv1.ListMeasuresRequest{PageSize: maxPage, PageToken: token})
		if err != nil {
			return false, err
		}
		for _, k := range resp.GetMeasures() {
			if kind, _, _ := strings.Cut(k, "@"); k == m || kind == m {
				return true, nil
			}
		}
		if token = resp.GetNextPageToken(); token == "" {
			return false, nil
		}
	}
}
