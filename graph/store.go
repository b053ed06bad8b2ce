package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv/bolt"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
)

// Errors returned, wrapped, by the Store.
var (
	// ErrInvalid reports a document that cannot be stored as given.
	ErrInvalid = errors.New("graph: invalid document")
	// ErrClosed is returned by every method after Close.
	ErrClosed = errors.New("graph: store closed")
	// ErrBadQuery reports a raw query that does not parse or fails to run,
	// or names an unknown language.
	ErrBadQuery = errors.New("graph: bad query")
)

// The backends Config.Backend may name.
const (
	BackendMemory   = "memory"
	BackendBolt     = "bolt"
	BackendPostgres = "postgres"
)

// Config says which Cayley backend holds the store.
type Config struct {
	// Backend is "memory", "bolt" (the default when empty) or "postgres".
	Backend string
	// Path is, for bolt, a directory (created on first start); for
	// postgres, a connection string. Memory ignores it.
	Path string
}

// Store is the claim graph over a Cayley quad store. It is safe for
// concurrent use: on bolt and PostgreSQL reads share a lock and writes hold
// it alone; on memory every call holds it alone (Cayley's memstore is not
// safe for a reader beside a writer, nor for two readers).
type Store struct {
	cfg Config

	mu sync.RWMutex
	qs cgraph.QuadStore // nil after Close, or after a failed re-open (applyLocked)
	// exclusive makes reads take the write lock: memstore's iterators
	// write to the store (memstore.QuadStore.cloneAll), so even two
	// readers race there.
	exclusive bool

	// linkOff makes writes skip linking (benchmarks of the article write
	// alone).
	linkOff bool

	// Subscriptions (watch.go); subMu is taken after mu, never before.
	subMu      sync.Mutex
	subs       map[*subscriber]struct{}
	subsClosed bool
}

// Open opens (and on first start creates) the store cfg describes. It fails
// if the backend is unknown, the bolt directory cannot be created, or the
// backend cannot be reached, and with an error wrapping ErrSchema if the
// store holds another schema version (see Upgrade). Opening a bolt directory another Store holds
// open blocks (a bolt limitation).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	qs, err := openQuadStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, cfg, qs); err != nil {
		qs.Close()
		return nil, err
	}
	return &Store{cfg: cfg, qs: qs, exclusive: cfg.Backend == BackendMemory}, nil
}

func openQuadStore(ctx context.Context, cfg Config) (cgraph.QuadStore, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var name string
	switch cfg.Backend {
	case BackendMemory:
		return memstore.New(), nil
	case BackendBolt:
		name = bolt.Type
		if cfg.Path == "" {
			return nil, fmt.Errorf("open bolt store: empty path")
		}
		if err := os.MkdirAll(cfg.Path, 0o755); err != nil {
			return nil, fmt.Errorf("open bolt store: %w", err)
		}
	case BackendPostgres:
		name = postgres.Type
	default:
		return nil, fmt.Errorf("open store: unknown backend %q", cfg.Backend)
	}
	if err := cgraph.InitQuadStore(name, cfg.Path, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, fmt.Errorf("open %s store: init: %w", name, err)
	}
	qs, err := cgraph.NewQuadStore(name, cfg.Path, nil)
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", name, err)
	}
	return qs, nil
}

// Close releases the store and returns the backend's error, if any. Later
// calls return ErrClosed, as do calls after a failed write could not
// re-open the backend; Close itself is idempotent and then returns nil. It
// closes every subscription and waits for running calls to finish. It is
// safe for concurrent use.
func (s *Store) Close() error {
	s.closeSubscribers()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return nil
	}
	qs := s.qs
	s.qs = nil
	return qs.Close()
}

// rlock takes the read lock (the write lock on memory); it fails if the
// store is closed. runlock releases it.
func (s *Store) rlock() error {
	if s.exclusive {
		return s.lock()
	}
	s.mu.RLock()
	if s.qs == nil {
		s.mu.RUnlock()
		return ErrClosed
	}
	return nil
}

func (s *Store) runlock() {
	if s.exclusive {
		s.mu.Unlock()
	} else {
		s.mu.RUnlock()
	}
}

// lock takes the write lock; it fails if the store is closed.
func (s *Store) lock() error {
	s.mu.Lock()
	if s.qs == nil {
		s.mu.Unlock()
		return ErrClosed
	}
	return nil
}

// applyLocked applies deltas, which must have been checked to neither add a
// present quad nor delete a missing one. A failed write leaves a KV store's
// caches inconsistent with its data (CAYLEY.md #3), so on failure the store
// is closed and re-opened before the error is returned. s.mu must be held
// for writing.
func (s *Store) applyLocked(ctx context.Context, deltas []cgraph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	var err error
	if s.cfg.Backend != BackendMemory && netNegativeInAdd(deltas) {
		// Cayley's KV and SQL stores net each node's reference count over
		// the batch and resolve only nodes whose count grows before they
		// index the added quads: an added quad with a node whose count
		// shrinks overall (an article node when a replace removes more
		// than it adds) is stored with that direction missing. Such a
		// batch is applied as two: the adds, then the deletes. A crash
		// between them leaves the old and new quads and both quad lists;
		// the next write or delete of the article removes them all.
		adds, dels := splitDeltas(deltas)
		if err = s.qs.ApplyDeltas(adds, cgraph.IgnoreOpts{}); err == nil {
			err = s.qs.ApplyDeltas(dels, cgraph.IgnoreOpts{})
		}
	} else {
		err = s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{})
	}
	if err == nil {
		return nil
	}
	if s.cfg.Backend == BackendMemory {
		return err // memstore checks the whole batch before it changes anything
	}
	_ = s.qs.Close()
	qs, rerr := openQuadStore(context.WithoutCancel(ctx), s.cfg)
	if rerr != nil {
		s.qs = nil
		return fmt.Errorf("%w (re-open after failed write: %v)", err, rerr)
	}
	s.qs = qs
	return err
}

// netNegativeInAdd reports whether some node of an added quad loses more
// quads than it gains over the batch.
func netNegativeInAdd(deltas []cgraph.Delta) bool {
	net := map[quad.Value]int{}
	for _, d := range deltas {
		n := 1
		if d.Action == cgraph.Delete {
			n = -1
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v] += n
			}
		}
	}
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil && net[v] < 0 {
				return true
			}
		}
	}
	return false
}

func splitDeltas(deltas []cgraph.Delta) (adds, dels []cgraph.Delta) {
	for _, d := range deltas {
		if d.Action == cgraph.Add {
			adds = append(adds, d)
		} else {
			dels = append(dels, d)
		}
	}
	return adds, dels
}
