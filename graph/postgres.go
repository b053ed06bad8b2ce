package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/lib/pq"
)

// Several servers may share one PostgreSQL store. Beside Cayley's own
// connections, a Store on PostgreSQL keeps a pool of its own (pgDB) for
// what Cayley does not do: the indexes Cayley lacks, advisory locks that
// serialise schema creation and writes across servers, and LISTEN/NOTIFY
// for watches (pgwatch.go).

// Errors of a PostgreSQL store, wrapped. A write that fails with either
// stored nothing and may be retried.
var (
	// ErrUnavailable reports a database that cannot be reached now.
	ErrUnavailable = errors.New("graph: database unavailable")
	// ErrConflict reports a write that PostgreSQL rolled back, for a
	// serialisation failure or a deadlock, each time it was run.
	ErrConflict = errors.New("graph: write conflict")
)

// The advisory lock keys (pg_advisory_lock takes a bigint) claimgraph
// takes on a PostgreSQL store: 0x636c61696d67 is "claimg".
const (
	pgLockInit  int64 = 0x636c61696d67_01 // creating the schema, and opening
	pgLockWrite int64 = 0x636c61696d67_02 // each write's read, link and apply
)

// pgIndexes are the indexes claimgraph adds to Cayley's tables, created
// when a store opens if they are missing. Cayley gives quads.label_hash a
// foreign key to nodes and no index: deleting a node (Cayley deletes
// every node no quad refers to after each write that removes quads) then
// checks that key by scanning the quads table. The other three keys lead
// one of Cayley's own indexes.
var pgIndexes = []string{
	`CREATE INDEX IF NOT EXISTS claimgraph_label_index ON quads (label_hash)`,
}

// pgDB is a Store's own pool of connections to its PostgreSQL database.
type pgDB struct {
	db   *sql.DB
	vals *pgValues // pgread.go

	// Planner statistics (pgwrite.go, analyzeAfter).
	statsMu   sync.Mutex
	changed   int64 // rows written since the last ANALYZE this pgDB ran
	analyzed  int64 // quads PostgreSQL counted then
	analyzing bool
	bg        sync.WaitGroup // an ANALYZE running
	closing   chan struct{}  // closed by close, to end it
}

// pgConn returns the connection string conn (a URL or key=value pairs)
// with PostgreSQL's JIT compilation turned off, unless conn sets it. JIT
// pays off for long analytic queries; the store's are short lookups whose
// costs the planner may still overestimate (before autovacuum has counted
// a growing table), and then compiling them took longer than running
// them (24 ms against 1 ms, measured).
func pgConn(conn string) string {
	if strings.Contains(conn, "jit=") {
		return conn
	}
	if u, err := url.Parse(conn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("jit", "off")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return conn + " jit=off"
}

// openPG connects to the database conn names.
func openPG(ctx context.Context, conn string) (*pgDB, error) {
	db, err := sql.Open("postgres", pgConn(conn))
	if err != nil {
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres store: %w: %v", ErrUnavailable, err)
	}
	return &pgDB{db: db, vals: newPGValues(), closing: make(chan struct{})}, nil
}

func (p *pgDB) close() error {
	p.statsMu.Lock()
	select {
	case <-p.closing:
	default:
		close(p.closing)
	}
	p.statsMu.Unlock()
	p.bg.Wait()
	return p.db.Close()
}

// lock takes the session advisory lock key on a connection of its own and
// returns the function that releases it. It waits for the server that
// holds it, until ctx ends.
func (p *pgDB) lock(ctx context.Context, key int64) (release func(), err error) {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, pgError(err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		// A lock granted as the wait was cancelled would stay with the
		// connection: drop it.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err() // not the database's fault
		}
		return nil, pgError(err)
	}
	return func() {
		var ok bool
		err := conn.QueryRowContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key).Scan(&ok)
		if err != nil || !ok {
			// The session ends, and with it the lock.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}

// initPostgres creates, when they are missing, Cayley's tables and the
// indexes and the table (pgwatch.go) claimgraph adds, in the database conn names. The
// caller holds pgLockInit: two servers starting together on an empty
// database would otherwise both create Cayley's tables, and one fail.
func initPostgres(ctx context.Context, p *pgDB, conn string) error {
	var exists bool
	if err := p.db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("open postgres store: %w", pgError(err))
	}
	if !exists {
		if err := cgraph.InitQuadStore(pgType, conn, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fmt.Errorf("open postgres store: init: %w", pgError(err))
		}
	}
	for _, q := range append([]string{pgChangesTable}, pgIndexes...) {
		if _, err := p.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("open postgres store: %s: %w", q, pgError(err))
		}
	}
	return nil
}

// pgError classifies an error from PostgreSQL: a serialisation failure or
// deadlock wraps ErrConflict; a lost connection, a server going down or
// out of resources wraps ErrUnavailable; others are returned as they are.
func pgError(err error) error {
	if err == nil || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrConflict) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if pgRetryable(err) {
		return fmt.Errorf("%w: %v", ErrConflict, err)
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch pe.Code.Class() {
		case "08", "53", "57": // connection exception, insufficient resources, operator intervention
			return fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
		return err
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	var ne interface{ Timeout() bool } // net.Error, dial and read failures
	if errors.As(err, &ne) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}

// Unreachable reports whether err says that the database could not be
// reached (a lost connection, a server going down or out of resources),
// so that the call may succeed later: on PostgreSQL, reads as well as
// writes can fail so.
func Unreachable(err error) bool {
	return errors.Is(pgError(err), ErrUnavailable)
}

// pgRetryable reports whether err is a serialisation failure (40001) or a
// deadlock (40P01): the transaction was rolled back and may be run again.
func pgRetryable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// preparePostgres connects to the database conn names, takes pgLockInit
// and creates what is missing (initPostgres). done releases the lock and,
// unless keep, closes the pool.
func preparePostgres(ctx context.Context, conn string) (pg *pgDB, done func(keep bool), err error) {
	pg, err = openPG(ctx, conn)
	if err != nil {
		return nil, nil, err
	}
	release, err := pg.lock(ctx, pgLockInit)
	if err != nil {
		pg.close()
		return nil, nil, fmt.Errorf("open postgres store: lock: %w", err)
	}
	done = func(keep bool) {
		release()
		if !keep {
			pg.close()
		}
	}
	if err := initPostgres(ctx, pg, conn); err != nil {
		done(false)
		return nil, nil, err
	}
	return pg, done, nil
}

// openPostgres connects s to its PostgreSQL database, creating what is
// missing and checking the schema version under pgLockInit, so that
// servers starting together on an empty database wait for one another.
func (s *Store) openPostgres(ctx context.Context) error {
	pg, done, err := preparePostgres(ctx, s.cfg.Path)
	if err != nil {
		return err
	}
	if err := s.openLocked(ctx); err != nil {
		done(false)
		return err
	}
	if err := checkSchema(ctx, s.cfg, s.wqs); err != nil {
		done(false)
		s.Close()
		return err
	}
	s.pg = pg
	if err := s.startPGWatch(ctx); err != nil {
		done(true)
		s.Close()
		return err
	}
	done(true)
	return nil
}

// Ping reports whether the store's backend can be reached: on PostgreSQL
// it makes a round trip to the database, and fails with an error wrapping
// ErrUnavailable when that fails; on bolt and memory it returns nil. It
// returns ErrClosed after Close. It waits for no write, and is safe for
// concurrent use.
func (s *Store) Ping(ctx context.Context) error {
	if s.isClosed.Load() {
		return ErrClosed
	}
	if s.pg == nil {
		return nil
	}
	var one int
	if err := s.pg.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		if s.isClosed.Load() {
			return ErrClosed
		}
		return fmt.Errorf("ping: %w: %v", ErrUnavailable, err)
	}
	return nil
}
