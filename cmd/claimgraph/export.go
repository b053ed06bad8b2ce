package main

import (
	"context"
	"errors"
	"io"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runExport writes the store, or one article, as N-Quads. --json does not
// apply: N-Quads are the format.
func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", "[--article ID]")
	var (
		co      clientOptions
		article = fs.String("article", "", "export only this article's quads")
	)
	co.register(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	stream, err := client.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: *article})
	if err != nil {
		return rpcError(err)
	}
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return rpcError(err)
		}
		if _, err := io.WriteString(e.stdout, resp.GetNquads()); err != nil {
			return err
		}
	}
}
