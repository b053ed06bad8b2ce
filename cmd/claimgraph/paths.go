package main

import (
	"context"
	"fmt"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runPaths prints how two nodes are connected, shortest paths first.
func runPaths(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "paths", "[--max-depth N] [--limit N] FROM TO")
	var (
		co       clientOptions
		maxDepth = fs.Int("max-depth", 0, "longest path in edges (default: the server's, 4; at most 6)")
		limit    = fs.Int("limit", 0, "at most this many paths (default: the server's, 10)")
	)
	co.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		fs.Usage()
		return fmt.Errorf("paths: want two nodes (an actor's name or id, an article id or an IRI), got %d arguments", len(rest))
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	resp, err := client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: rest[0], To: rest[1], MaxDepth: int32(*maxDepth), Limit: int32(*limit)})
	if err != nil {
		return rpcError(err)
	}
	if len(resp.GetPaths()) == 0 {
		fmt.Fprintf(e.stderr, "no path from %s to %s within the maximum depth\n", rest[0], rest[1])
	}
	out := newPrinter(e.stdout, true)
	for _, p := range resp.GetPaths() {
		if co.json {
			if err := out.print(p); err != nil {
				return err
			}
			continue
		}
		if _, err := fmt.Fprintln(e.stdout, pathText(p)); err != nil {
			return err
		}
	}
	return nil
}

// pathText writes a path on one line, each edge pointing the way its fact
// does: actor/a -[cg:speaker]-> … <-[cg:speaker]- actor/b.
func pathText(p *claimgraphv1.GraphPath) string {
	edges := p.GetEdges()
	if len(edges) == 0 {
		return ""
	}
	// The start is the end of the first edge that the second does not share.
	at := edges[0].GetSubject()
	if len(edges) > 1 && (at == edges[1].GetSubject() || at == edges[1].GetObject()) {
		at = edges[0].GetObject()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "(%d) %s", len(edges), shortIRI(at))
	for _, e := range edges {
		pred := shortIRI(e.GetPredicate())
		if e.GetSubject() == at {
			at = e.GetObject()
			fmt.Fprintf(&b, " -[%s]-> %s", pred, shortIRI(at))
		} else {
			at = e.GetSubject()
			fmt.Fprintf(&b, " <-[%s]- %s", pred, shortIRI(at))
		}
	}
	return b.String()
}
