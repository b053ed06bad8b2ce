package graph

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"
)

func openTest(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMemory(t *testing.T) {
	runConformance(t, backend{
		name:       "memory",
		open:       func(t testing.TB) *Store { return openTest(t, Config{Backend: BackendMemory}) },
		concurrent: true,
	})
}

func TestBolt(t *testing.T) {
	if raceEnabled {
		t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race; concurrency is raced on memory")
	}
	runConformance(t, backend{
		name: "bolt",
		open: func(t testing.TB) *Store { return openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"}) },
		reopen: func(t testing.TB, s *Store) *Store {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return openTest(t, s.cfg)
		},
		concurrent: true,
	})
}

// eachIndexedBackend runs fn in a subtest on a new store of each backend
// that keeps ordered lists in memory: memory, and bolt where the race
// detector lets it run.
func eachIndexedBackend(t *testing.T, fn func(t *testing.T, s *Store)) {
	for _, cfg := range []Config{{Backend: BackendMemory}, {Backend: BackendBolt}} {
		t.Run(cfg.Backend, func(t *testing.T) {
			if cfg.Backend == BackendBolt {
				if raceEnabled {
					t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race")
				}
				cfg.Path = t.TempDir() + "/db"
			}
			fn(t, openTest(t, cfg))
		})
	}
}

// TestBoltOpensWithoutBulkLoadFilters checks that a store opened empty
// does not carry Cayley's bulk-load bloom filters (markNonEmpty): with
// them, opening an empty store and writing one article allocates 300 MiB;
// without, 80: the quad filter's 76 MB and little else. Not parallel, so
// no other test allocates meanwhile.
func TestBoltOpensWithoutBulkLoadFilters(t *testing.T) {
	if raceEnabled {
		t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	mustPut(t, s, docAR())
	runtime.ReadMemStats(&after)
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 150 {
		t.Errorf("opening an empty bolt store and writing one article allocated %d MiB; want at most 150", mb)
	}
	if v, err := storedSchema(context.Background(), s.qs); err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v; want %d", v, err, SchemaVersion)
	}
}

// TestPostgres runs the suite against the PostgreSQL server named by
// CLAIMGRAPH_TEST_POSTGRES (a connection string). Each subtest empties the
// database first, so point it at a scratch database.
func TestPostgres(t *testing.T) {
	conn := os.Getenv("CLAIMGRAPH_TEST_POSTGRES")
	if conn == "" {
		t.Skip("CLAIMGRAPH_TEST_POSTGRES not set: skipping the PostgreSQL backend")
	}
	open := func(t testing.TB) *Store {
		s := openTest(t, Config{Backend: BackendPostgres, Path: conn})
		wipe(t, s)
		return s
	}
	runConformance(t, backend{
		name: "postgres",
		open: open,
		reopen: func(t testing.TB, s *Store) *Store {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return openTest(t, s.cfg)
		},
		concurrent: true,
	})
}

// wipe deletes every article of s.
func wipe(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	for {
		items, _, err := s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			return
		}
		for _, a := range items {
			if _, err := s.DeleteArticle(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, Config{Backend: "sqlite"}); err == nil {
		t.Error("Open(sqlite) succeeded")
	}
	if _, err := Open(ctx, Config{}); err == nil {
		t.Error("Open(bolt, no path) succeeded")
	}
	s, err := Open(ctx, Config{Backend: BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	if _, err := s.GetArticle(ctx, "x"); !errors.Is(err, ErrClosed) {
		t.Errorf("GetArticle after Close = %v; want ErrClosed", err)
	}
}
