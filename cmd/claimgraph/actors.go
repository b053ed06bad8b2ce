package main

import (
	"context"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runActors finds actors by name or alias, in either script.
func runActors(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "actors", "[--name TEXT] [--limit N | --all]")
	var (
		co   clientOptions
		pg   paging
		name = fs.String("name", "", "a name or alias, or part of one, in any script")
	)
	co.register(fs)
	pg.register(fs)
	client, out, closeConn, err := co.connectList(e, fs, args, "ACTOR", "KIND", "NAME", "ALIASES")
	if err != nil {
		return err
	}
	defer closeConn()
	return out.done(list(ctx, e, pg, func(ctx context.Context, size int32, token string) ([]*claimgraphv1.Actor, string, error) {
		resp, err := client.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: *name, PageSize: size, PageToken: token})
		return resp.GetActors(), resp.GetNextPageToken(), err
	}, func(a *claimgraphv1.Actor) error {
		kind := strings.ToLower(strings.TrimPrefix(a.GetKind().String(), "ACTOR_KIND_"))
		return out.print(a, a.GetId(), kind, a.GetName(), clip(strings.Join(a.GetAliases(), ", "), 60))
	}))
}
