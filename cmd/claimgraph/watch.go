package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runWatch prints each statement, claim and link as writes store them,
// until interrupted.
func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "watch", "[--json]")
	var co clientOptions
	co.register(fs)
	if err := noArgs(fs, args); err != nil {
		return err
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	stream, err := client.WatchClaims(ctx, &claimgraphv1.WatchClaimsRequest{})
	if err != nil {
		return watchEnd(ctx, err)
	}
	out := newPrinter(e.stdout, true)
	for {
		resp, err := stream.Recv()
		if err != nil {
			return watchEnd(ctx, err)
		}
		if resp.GetStarted() != nil {
			// Subscribed: what is written from now on comes.
			fmt.Fprintln(e.stderr, "watching; interrupt to stop")
			continue
		}
		if co.json {
			err = out.print(resp)
		} else {
			_, err = fmt.Fprintln(e.stdout, changeText(resp))
		}
		if err != nil {
			return err
		}
	}
}

// watchEnd is how a watch ends: an interrupt is no error.
func watchEnd(ctx context.Context, err error) error {
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || status.Code(err) == codes.Canceled) {
		return nil
	}
	if errors.Is(err, io.EOF) {
		return errors.New("watch: the server ended the stream")
	}
	return rpcError(err)
}

// changeText writes a change on one line.
func changeText(r *claimgraphv1.WatchClaimsResponse) string {
	switch c := r.GetChange().(type) {
	case *claimgraphv1.WatchClaimsResponse_Statement:
		s := c.Statement
		return fmt.Sprintf("statement  %s  %s: %s", r.GetArticleId(), s.GetSpeakerId(), clip(s.GetContent(), 100))
	case *claimgraphv1.WatchClaimsResponse_Claim:
		cl := c.Claim
		return fmt.Sprintf("claim      %s  %s, %d reports in %d articles", r.GetArticleId(), cl.GetId(), len(cl.GetStatements()), len(cl.GetArticleIds()))
	case *claimgraphv1.WatchClaimsResponse_Link:
		l := c.Link
		return fmt.Sprintf("link       %s  %s %s: %s / %s", r.GetArticleId(), linkKindName(l.GetKind()), l.GetKey(), linkEnd(l.GetFrom()), linkEnd(l.GetTo()))
	}
	return fmt.Sprintf("change     %s  (of a kind this client does not know)", r.GetArticleId())
}
