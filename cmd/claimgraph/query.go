package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/durationpb"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runQuery runs a raw Gizmo, GraphQL or MQL query and prints each result as
// JSON on its own line.
func runQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "query", "[--language gizmo|graphql|mql] [--limit N] [--timeout D] QUERY")
	var (
		co       clientOptions
		language = fs.String("language", "gizmo", "query language: gizmo, graphql or mql")
		limit    = fs.Int("limit", 0, "at most this many results (default: the server's cap)")
		timeout  = fs.Duration("timeout", 0, "stop the query after this long (default: the server's, 10s)")
	)
	co.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("query: want one query, got %d arguments", len(rest))
	}
	lang, ok := claimgraphv1.QueryLanguage_value["QUERY_LANGUAGE_"+strings.ToUpper(*language)]
	if !ok || lang == 0 {
		return fmt.Errorf("query: unknown language %q (gizmo, graphql or mql)", *language)
	}
	req := &claimgraphv1.QueryRequest{Language: claimgraphv1.QueryLanguage(lang), Query: rest[0], Limit: int32(*limit)}
	if *timeout != 0 {
		req.Timeout = durationpb.New(*timeout)
		// The server enforces the timeout and says so; the call's own
		// deadline only guards against a server that does not answer.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout+30*time.Second)
		defer cancel()
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	stream, err := client.Query(ctx, req)
	if err != nil {
		return rpcError(err)
	}
	out := newPrinter(e.stdout, true)
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return rpcError(err)
		}
		if co.json {
			err = out.print(resp)
		} else if resp.GetTruncated() {
			fmt.Fprintln(e.stderr, "(more results: a cap cut them; the server's --max-query-results and --max-query-bytes set the caps)")
		} else {
			_, err = fmt.Fprintln(e.stdout, resp.GetResultJson())
		}
		if err != nil {
			return err
		}
	}
}
