package main

import (
	"context"
	"errors"

	"github.com/claimgraph/claimgraph/server"
)

// openStore opens the graph store. It returns a close function that may be
// called more than once.
//
// TODO(server): graph.Open is not merged yet; this becomes a call to it.
func openStore(ctx context.Context, backend, path string) (server.Store, func() error, error) {
	return nil, nil, errors.New("the graph store is not built yet")
}
