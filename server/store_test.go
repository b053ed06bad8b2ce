package server_test

import (
	"context"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

var _ server.Store = (*graph.Store)(nil)

// newTestStore opens an in-memory store, closed when the test ends.
func newTestStore(t testing.TB) server.Store {
	t.Helper()
	st, err := graph.Open(context.Background(), graph.Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
