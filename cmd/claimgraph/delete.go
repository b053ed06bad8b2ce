package main

import (
	"context"
	"fmt"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runDelete removes an article and every quad under its label.
func runDelete(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "delete", "ID")
	var co clientOptions
	co.register(fs)
	ids, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(ids) != 1 {
		fs.Usage()
		return fmt.Errorf("delete: want one article id, got %d arguments", len(ids))
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	resp, err := client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: ids[0]})
	if err != nil {
		return rpcError(err)
	}
	out := newPrinter(e.stdout, co.json, "ARTICLE", "QUADS REMOVED")
	return out.done(out.print(resp, ids[0], fmt.Sprint(resp.GetQuadCount())))
}
