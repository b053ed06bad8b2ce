package graph

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	boltdb "github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/kv/bolt"
	"github.com/cayleygraph/cayley/graph/memstore"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
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
// concurrent use. Writes are serialised; on PostgreSQL, across every Store
// of the database, on any server (see write), and subscribers hear the
// writes of them all (pgwatch.go). On bolt, reads wait for no write
// and no other read (see rlock). On PostgreSQL reads share a lock that a
// write holds alone. On memory every call holds the store alone (Cayley's
// memstore is not safe for a reader beside a writer, nor for two readers),
// so a long query or export there delays everything: memory is for tests
// and single users.
type Store struct {
	cfg Config

	// mu serialises writes (and, on memory, every call). qsMu guards the
	// qs and wqs fields: readers hold it shared, and it is taken alone only
	// to close or re-open the backend. They change only with both held, so
	// either is enough to read them.
	mu   storeLock
	qsMu sync.RWMutex
	// qs serves reads, wqs writes (ApplyDeltas). On bolt they are two
	// Cayley stores over one file: Cayley's KV store caches node ids, and a
	// reader that looked an id up just before a write deleted the node can
	// put it back in the cache after the commit; the writer trusts its
	// cache, so it must be one that readers never touch. purge clears the
	// readers' cache, after each commit and as each read ends, so a stale
	// id does not outlive the read that cached it. Elsewhere qs == wqs and
	// purge is nil. qs is nil after Close, or after a failed re-open.
	qs, wqs cgraph.QuadStore
	purge   func()
	// exclusive makes reads take mu: memstore's iterators write to the
	// store (memstore.QuadStore.cloneAll), so even two readers race there.
	exclusive bool

	// linkOff makes writes skip linking (benchmarks of the article write
	// alone).
	linkOff bool

	// index orders the stored articles' ids (articleindex.go); nil on
	// PostgreSQL, which other servers may write to.
	index *articleIndex

	// pg is the Store's own pool on PostgreSQL (postgres.go); nil
	// elsewhere.
	pg  *pgDB
	pgw *pgWatch // watching other servers' writes (pgwatch.go)

	// isClosed is set by Close; Ping reads it without the locks.
	isClosed atomic.Bool
	// testBeforeApply, when set, is called with the write's context
	// before each apply, under the write locks; an error it returns fails
	// the apply (tests of retries and of the order of writes).
	testBeforeApply func(context.Context) error

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
	s := &Store{cfg: cfg, exclusive: cfg.Backend == BackendMemory}
	if cfg.Backend == BackendPostgres {
		s.mu.readers = &s.qsMu // a write excludes reads there
		if err := s.openPostgres(ctx); err != nil {
			return nil, err
		}
	} else {
		if err := s.openLocked(ctx); err != nil {
			return nil, err
		}
		if err := checkSchema(ctx, cfg, s.wqs); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.dropBallast(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s store: %w", cfg.Backend, err)
	}
	if cfg.Backend != BackendPostgres {
		ix, err := newArticleIndex(ctx, s.qs)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s store: article index: %w", cfg.Backend, err)
		}
		s.index = ix
	}
	return s, nil
}

// openLocked opens the backend into s.qs, s.wqs and s.purge.
func (s *Store) openLocked(ctx context.Context) error {
	if s.cfg.Backend == BackendBolt {
		w, r, err := openBolt(ctx, s.cfg.Path)
		if err != nil {
			return err
		}
		purge, err := lruPurger(r)
		if err != nil {
			w.Close()
			return fmt.Errorf("open bolt store: %w", err)
		}
		s.qs, s.wqs, s.purge = r, w, purge
		return nil
	}
	qs, err := openQuadStore(ctx, s.cfg)
	if err != nil {
		return err
	}
	s.qs, s.wqs, s.purge = qs, qs, nil
	return nil
}

// boltMmapBytes is the address space bolt maps up front. bolt grows its map
// by waiting for every read transaction to end while new ones wait for it;
// a read that holds one transaction open while it opens another (Cayley's
// Gizmo iterates in one while the caller resolves values in others) then
// waits for itself. Mapped up front, the map never grows for a store
// smaller than this; it is address space, not memory.
const boltMmapBytes = 64 << 30

// openBolt opens (and on first start creates) the bolt store in dir as two
// Cayley stores over one file: w for writes, r for reads (see Store.qs).
// Closing w closes the file.
func openBolt(ctx context.Context, dir string) (w, r cgraph.QuadStore, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if dir == "" {
		return nil, nil, fmt.Errorf("open bolt store: empty path")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("open bolt store: %w", err)
	}
	if err := cgraph.InitQuadStore(bolt.Type, dir, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, nil, fmt.Errorf("open bolt store: init: %w", err)
	}
	db, err := hbolt.Open(filepath.Join(dir, "indexes.bolt"), &boltdb.Options{InitialMmapSize: boltMmapBytes})
	if err != nil {
		return nil, nil, fmt.Errorf("open bolt store: %w", err)
	}
	if r, err = kv.New(db, cgraph.Options{kv.OptNoBloom: true}); err == nil {
		if err = markNonEmpty(ctx, r); err == nil {
			w, err = kv.New(db, nil)
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open bolt store: %w", err)
	}
	return w, r, nil
}

// markNonEmpty writes the schema version quad into an empty store, so that
// the writer opens a store that holds a quad. Cayley's KV store, opened
// empty with its bloom filters on, adds bulk-load filters sized for 100
// million keys: one of nodes and one per index bucket, 76 MB each, 600 MB
// in all, filled by the first hundred articles and kept while the store
// stays open, for no measured gain (800 corpus articles took the same CPU
// time without them). The writer keeps the one filter that pays: of quads
// present, which spares a lookup per quad written (a sixth of the ingest's
// CPU time). checkSchema finds the mark and leaves it.
func markNonEmpty(ctx context.Context, qs cgraph.QuadStore) error {
	v, err := storedSchema(ctx, qs)
	if err != nil || v != 0 {
		return err
	}
	return writeSchema(qs)
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
		// initPostgres has made the tables, under a lock.
		qs, err := cgraph.NewQuadStore(pgType, pgConn(cfg.Path), nil)
		if err != nil {
			return nil, fmt.Errorf("open postgres store: %w", pgError(err))
		}
		return qs, nil
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
	s.isClosed.Store(true)
	if s.pgw != nil {
		s.pgw.stop()
	}
	s.mu.w.Lock()
	defer s.mu.w.Unlock()
	s.qsMu.Lock()
	defer s.qsMu.Unlock()
	if s.pg != nil {
		defer s.pg.close()
	}
	// Subscribers are told once the store is closed, so that one who asks
	// why its subscription ended finds the store closed.
	defer s.closeSubscribers()
	qs := s.writer() // on bolt, closing it closes the file under both
	if qs == nil {
		return nil
	}
	s.qs, s.wqs, s.purge = nil, nil, nil
	return qs.Close()
}

// writer returns the store that writes go to: s.wqs, or s.qs in a Store
// built without Open (an offline upgrade), where nothing reads beside.
func (s *Store) writer() cgraph.QuadStore {
	if s.wqs != nil {
		return s.wqs
	}
	return s.qs
}

// storeLock is the write lock, s.mu: Lock and Unlock as a sync.Mutex. With
// readers set it also holds that lock alone, so that a write excludes
// reads.
type storeLock struct {
	w       sync.Mutex
	readers *sync.RWMutex
}

// Lock takes the write lock.
func (l *storeLock) Lock() {
	l.w.Lock()
	if l.readers != nil {
		l.readers.Lock()
	}
}

// Unlock releases it.
func (l *storeLock) Unlock() {
	if l.readers != nil {
		l.readers.Unlock()
	}
	l.w.Unlock()
}

// rlock takes the store for a read; it fails if the store is closed.
// runlock releases it. On bolt a read waits for no write: bolt's read
// transactions see committed data beside a writer, and reads go through
// their own Cayley store (see Store.qs). A read made of several backend
// calls may see a write that commits between them. On memory rlock is
// lock; on PostgreSQL reads share a lock a write holds alone.
func (s *Store) rlock() error {
	if s.exclusive {
		return s.lock()
	}
	s.qsMu.RLock()
	if s.qs == nil {
		s.qsMu.RUnlock()
		return ErrClosed
	}
	return nil
}

func (s *Store) runlock() {
	if s.exclusive {
		s.mu.Unlock()
		return
	}
	if s.purge != nil {
		s.purge()
	}
	s.qsMu.RUnlock()
}

// lock takes the store for a write (s.mu); it fails if the store is
// closed. Release it with s.mu.Unlock.
func (s *Store) lock() error {
	s.mu.Lock()
	if s.qs == nil {
		s.mu.Unlock()
		return ErrClosed
	}
	return nil
}

// pgWriteAttempts is how many times a write runs on PostgreSQL when its
// transaction is rolled back for a serialisation failure or a deadlock.
const pgWriteAttempts = 4

// write runs fn, one write's read, link and apply, holding s.mu and, on
// PostgreSQL, the advisory lock that serialises writes across every server
// of the database, so that each write reads what the writes before it
// committed, wherever they ran. On PostgreSQL a run whose transaction was
// rolled back for a serialisation failure or a deadlock is run again, up
// to pgWriteAttempts times in all; what still fails wraps ErrConflict,
// and a database that cannot be reached ErrUnavailable.
func (s *Store) write(ctx context.Context, fn func() error) error {
	if s.pg == nil {
		if err := s.lock(); err != nil {
			return err
		}
		defer s.mu.Unlock()
		return fn()
	}
	var err error
	for range pgWriteAttempts {
		if err = s.writePG(ctx, fn); !pgRetryable(err) {
			break
		}
	}
	return pgError(err)
}

// writePG runs fn under both write locks, PostgreSQL's first: a write
// waiting for another server holds nothing that reads here wait for.
func (s *Store) writePG(ctx context.Context, fn func() error) error {
	release, err := s.pg.lock(ctx, pgLockWrite)
	if err != nil {
		if s.closed() {
			return ErrClosed
		}
		return fmt.Errorf("write lock: %w", err)
	}
	defer release()
	if err := s.lock(); err != nil {
		return err
	}
	defer s.mu.Unlock()
	return fn()
}

// closed reports whether the store is closed.
func (s *Store) closed() bool {
	s.qsMu.RLock()
	defer s.qsMu.RUnlock()
	return s.qs == nil
}

// applyLocked applies deltas, which must have been checked to neither add a
// present quad nor delete a missing one. A failed write leaves a KV store's
// caches inconsistent with its data (CAYLEY.md #3), so on failure the store
// is closed and re-opened before the error is returned. s.mu must be held.
func (s *Store) applyLocked(ctx context.Context, deltas []cgraph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	// A write whose caller has given up (a shutdown cut it off) is not
	// applied: the caller was told it was not stored.
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.testBeforeApply != nil {
		if err := s.testBeforeApply(ctx); err != nil {
			return err
		}
	}
	batch, extra := deltas, []cgraph.Delta(nil)
	if s.cfg.Backend == BackendBolt { // Cayley's SQL stores write by hash
		if extra = ballast(deltas); len(extra) > 0 {
			batch = append(extra, deltas...)
		}
	}
	var err error
	if s.pg != nil {
		err = s.pg.apply(ctx, batch) // pgwrite.go
	} else {
		err = s.writer().ApplyDeltas(batch, cgraph.IgnoreOpts{})
	}
	if s.purge != nil {
		s.purge()
	}
	if err != nil {
		if s.cfg.Backend == BackendMemory || s.pg != nil {
			// memstore checks the whole batch before it changes
			// anything; Cayley's SQL store rolls its transaction back,
			// and its caches are by hash.
			return err
		}
		if rerr := s.reopenLocked(ctx); rerr != nil {
			return fmt.Errorf("%w (re-open after failed write: %v)", err, rerr)
		}
		return err
	}
	if s.index != nil {
		s.index.apply(deltas)
	}
	if len(extra) > 0 {
		for i := range extra {
			extra[i].Action = cgraph.Delete
		}
		// The change has landed whole: ballast that cannot go now goes
		// at the next open, and the write is not reported failed.
		err := s.writer().ApplyDeltas(extra, cgraph.IgnoreOpts{IgnoreMissing: true})
		if s.purge != nil {
			s.purge()
		}
		if err != nil {
			return s.reopenLocked(ctx)
		}
	}
	return nil
}

// reopenLocked closes and re-opens the backend after a failed write, whose
// partial work a KV store's caches may still hold (CAYLEY.md #3). s.mu must
// be held.
func (s *Store) reopenLocked(ctx context.Context) error {
	// Readers may hold the backend: wait for them before closing it
	// (on PostgreSQL the write lock already excludes them).
	if s.mu.readers == nil {
		s.qsMu.Lock()
		defer s.qsMu.Unlock()
	}
	_ = s.writer().Close()
	ctx = context.WithoutCancel(ctx)
	if err := s.openLocked(ctx); err != nil {
		s.qs, s.wqs, s.purge = nil, nil, nil
		return err
	}
	if s.index != nil {
		ix, err := newArticleIndex(ctx, s.qs)
		if err != nil {
			return err
		}
		s.index = ix
	}
	return nil
}

// lruPurger returns a function that empties the node id cache of a Cayley
// KV store (an unexported LRU, reached by reflection; tested), under the
// cache's own mutex.
func lruPurger(qs cgraph.QuadStore) (func(), error) {
	v := reflect.ValueOf(qs)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("%T is not a KV store", qs)
	}
	c := v.Elem().FieldByName("valueLRU")
	if !c.IsValid() || c.Kind() != reflect.Pointer || c.IsNil() || c.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("%T has no value cache", qs)
	}
	cache := c.Elem()
	mu, m, prio := cache.FieldByName("mu"), cache.FieldByName("cache"), cache.FieldByName("priority")
	if !mu.IsValid() || mu.Type() != reflect.TypeFor[sync.Mutex]() || !m.IsValid() || m.Kind() != reflect.Map ||
		!prio.IsValid() || prio.Type() != reflect.TypeFor[*list.List]() {
		return nil, fmt.Errorf("%T: unknown value cache layout", qs)
	}
	lock := (*sync.Mutex)(unsafe.Pointer(mu.UnsafeAddr()))
	mapv := reflect.NewAt(m.Type(), unsafe.Pointer(m.UnsafeAddr())).Elem()
	l := *(**list.List)(unsafe.Pointer(prio.UnsafeAddr()))
	return func() {
		lock.Lock()
		defer lock.Unlock()
		if mapv.Len() > 0 {
			mapv.Clear()
			l.Init()
		}
	}, nil
}
