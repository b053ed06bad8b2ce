package main

import (
	"context"
	"flag"
	"fmt"
	"sync"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
	"github.com/claimgraph/claimgraph/web"
)

// servedStore is what serve needs of the store: the gRPC service's and
// the web pages'.
type servedStore interface {
	server.Store
	web.Store
}

// openStore opens the graph store. It returns a close function that may be
// called more than once; only the first call closes.
func openStore(ctx context.Context, backend, path string) (servedStore, func() error, error) {
	st, err := graph.Open(ctx, graph.Config{Backend: backend, Path: path})
	if err != nil {
		return nil, nil, err
	}
	return st, sync.OnceValue(st.Close), nil
}

// storeFlags are the --db and --db-path flags of the commands that open a
// store themselves.
type storeFlags struct{ backend, path *string }

// addStoreFlags defines --db (one of backends, e.g. "bolt or postgres")
// and --db-path on fs.
func addStoreFlags(fs *flag.FlagSet, backends string) storeFlags {
	return storeFlags{
		backend: fs.String("db", "bolt", "store backend: "+backends),
		path:    fs.String("db-path", "", "bolt: the store's directory (default ./claimgraph.db); postgres: the connection string"),
	}
}

// config checks the flags of command cmd and returns the store they name,
// with bolt's default path ./claimgraph.db.
func (f storeFlags) config(cmd string) (graph.Config, error) {
	cfg := graph.Config{Backend: *f.backend, Path: *f.path}
	switch cfg.Backend {
	case "bolt":
		if cfg.Path == "" {
			cfg.Path = "./claimgraph.db"
		}
	case "memory":
	case "postgres":
		if cfg.Path == "" {
			return cfg, fmt.Errorf("%s: --db postgres needs --db-path with a connection string", cmd)
		}
	default:
		return cfg, fmt.Errorf("%s: unknown --db %q (bolt, memory or postgres)", cmd, cfg.Backend)
	}
	return cfg, nil
}
