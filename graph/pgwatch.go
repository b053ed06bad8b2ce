package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/lib/pq"
)

// Watching across servers. Every write to a PostgreSQL store, while it
// holds the write lock, adds a row to claimgraph_changes (its summary:
// changeSummary) and NOTIFYs pgChannel. Each Store LISTENs and, on each
// notification, publishes to its subscribers, in id order, the rows other
// servers added since the last it published; a write through this Store
// first publishes those it has not, then its own. So every subscriber on
// every server hears every write, in the order the writes committed. Rows
// older than pgChangesKeep are removed. A Store that loses its listening
// connection catches up from the table when it is back; what it missed
// for longer than pgChangesKeep is lost to its subscribers, who can catch
// up with the list calls.

// pgChannel is the channel of NOTIFY.
const pgChannel = "claimgraph_changes"

// pgChangesKeep is how long the summaries of writes are kept.
const pgChangesKeep = time.Hour

// pgChangesTable is created, when missing, as a store opens.
const pgChangesTable = `CREATE TABLE IF NOT EXISTS claimgraph_changes (
	id BIGSERIAL PRIMARY KEY,
	origin TEXT NOT NULL,
	at TIMESTAMPTZ NOT NULL DEFAULT now(),
	body TEXT NOT NULL
)`

// pgWatch is a Store's side of watching across servers.
type pgWatch struct {
	origin string // this Store's name in claimgraph_changes.origin

	// mu orders publishing; it is taken after the store's locks. last is
	// the id of the last row published.
	mu     sync.Mutex
	last   int64
	writes int // since rows were last removed

	stop func() // ends the listener and waits for it; idempotent
}

// startPGWatch starts listening to the other servers' writes of s's
// database.
func (s *Store) startPGWatch(ctx context.Context) error {
	var b [8]byte
	_, _ = rand.Read(b[:])
	w := &pgWatch{origin: hex.EncodeToString(b[:])}
	if err := s.pg.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM claimgraph_changes`).Scan(&w.last); err != nil {
		return fmt.Errorf("open postgres store: %w", pgError(err))
	}
	l := pq.NewListener(s.cfg.Path, 100*time.Millisecond, 10*time.Second, nil)
	if err := l.Listen(pgChannel); err != nil {
		l.Close()
		return fmt.Errorf("open postgres store: listen: %w", pgError(err))
	}
	lctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(30 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-lctx.Done():
				return
			case <-l.Notify: // nil after a reconnection: catch up too
			case <-tick.C:
				_ = l.Ping()
			}
			s.pgCatchUp(lctx)
		}
	}()
	w.stop = sync.OnceFunc(func() {
		cancel()
		<-done
		l.Close()
	})
	s.pgw = w
	return nil
}

// pgCatchUp publishes the rows other servers added since the last one
// published.
func (s *Store) pgCatchUp(ctx context.Context) {
	if err := s.rlock(); err != nil {
		return
	}
	defer s.runlock()
	s.pgw.mu.Lock()
	defer s.pgw.mu.Unlock()
	s.pgPublishUpToLocked(ctx, 0)
}

// pgPublishUpToLocked publishes the rows of other servers after the last
// published and before id (all when id is 0). The store's lock and
// s.pgw.mu must be held.
func (s *Store) pgPublishUpToLocked(ctx context.Context, id int64) {
	w := s.pgw
	if !s.hasSubscribers() {
		// Nobody to tell: skip to the end.
		if id > 0 {
			w.last = max(w.last, id-1)
			return
		}
		var last int64
		if err := s.pg.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), $1) FROM claimgraph_changes`, w.last).Scan(&last); err == nil {
			w.last = max(w.last, last)
		}
		return
	}
	q := `SELECT id, origin, body FROM claimgraph_changes WHERE id > $1 AND ($2 = 0 OR id < $2) ORDER BY id`
	rows, err := s.pg.db.QueryContext(ctx, q, w.last, id)
	if err != nil {
		return
	}
	type row struct {
		id   int64
		sum  changeSummary
		mine bool
	}
	var got []row
	for rows.Next() {
		var r row
		var origin, body string
		if err := rows.Scan(&r.id, &origin, &body); err != nil {
			break
		}
		r.mine = origin == w.origin
		if !r.mine && json.Unmarshal([]byte(body), &r.sum) != nil {
			r.mine = true // unreadable: skip it
		}
		got = append(got, r)
	}
	rows.Close()
	for _, r := range got {
		if !r.mine {
			s.publish(s.resolveLocked(ctx, r.sum))
		}
		w.last = r.id
	}
}

// pgPublishLocked tells every server's subscribers of a write that has
// committed, sum, and publishes to this Store's own subscribers what
// other servers wrote before it, then sum. s.mu and the database's write
// lock must be held. Telling is best effort: the write is stored
// whatever happens here.
func (s *Store) pgPublishLocked(ctx context.Context, sum changeSummary) {
	w := s.pgw
	body, err := json.Marshal(sum)
	if err != nil {
		return
	}
	ctx = context.WithoutCancel(ctx) // the write is stored: say so
	var id int64
	err = s.pg.db.QueryRowContext(ctx, `WITH c AS (INSERT INTO claimgraph_changes (origin, body) VALUES ($1, $2) RETURNING id)
		SELECT id FROM c, pg_notify($3, (SELECT id FROM c)::text) AS n`, w.origin, string(body), pgChannel).Scan(&id)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		s.pgPublishUpToLocked(ctx, id)
		w.last = max(w.last, id)
		if w.writes++; w.writes >= 64 {
			w.writes = 0
			_, _ = s.pg.db.ExecContext(ctx, `DELETE FROM claimgraph_changes WHERE at < now() - make_interval(secs => $1)`, pgChangesKeep.Seconds())
		}
	}
	if s.hasSubscribers() {
		s.publish(s.resolveLocked(ctx, sum))
	}
}
