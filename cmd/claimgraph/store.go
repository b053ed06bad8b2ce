package main

import (
	"context"
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
