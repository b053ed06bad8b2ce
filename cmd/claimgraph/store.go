package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

// openStore opens the graph store. It returns a close function that may be
// called more than once; only the first call closes.
func openStore(ctx context.Context, backend, path string) (server.Store, func() error, error) {
	st, err := graph.Open(ctx, graph.Config{Backend: backend, Path: path})
	if err != nil {
		return nil, nil, err
	}
	return st, sync.OnceValue(st.Close), nil
}

// storePath checks the --db of command cmd and returns its --db-path,
// with bolt's default ./claimgraph.db.
func storePath(cmd, backend, path string) (string, error) {
	switch backend {
	case "bolt":
		if path == "" {
			path = "./claimgraph.db"
		}
	case "memory":
	case "postgres":
		if path == "" {
			return "", fmt.Errorf("%s: --db postgres needs --db-path with a connection string", cmd)
		}
	default:
		return "", fmt.Errorf("%s: unknown --db %q (bolt, memory or postgres)", cmd, backend)
	}
	return path, nil
}
