package main

import (
	"context"
	"fmt"

	"github.com/claimgraph/claimgraph/graph"
)

// runUpgrade turns a store written by an older claimgraph into the current
// schema (graph.Upgrade), printing its progress. The store must not be
// served meanwhile.
func runUpgrade(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "upgrade", "[flags]")
	db := addStoreFlags(fs, "bolt or postgres")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	cfg, err := db.config("upgrade")
	if err != nil {
		return err
	}
	err = graph.Upgrade(ctx, cfg, func(done, total int) {
		fmt.Fprintf(e.stderr, "upgrade: %d of %d articles\n", done, total)
	})
	if err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	fmt.Fprintf(e.stdout, "upgrade: the store is at schema version %d\n", graph.SchemaVersion)
	return nil
}
