package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/voc/xsd"
)

// ExportQuads writes, as N-Quads, every quad stored under the article's
// label (read through its quad list) or, when articleID is "", every quad
// in the store, including each article's quad list. It streams: the store is
// not read into memory. It returns an error wrapping ErrNotFound for an
// unknown article, ctx's error if ctx ends, or w's error. On bolt it runs
// beside writes and delays none: the whole-store export is not a snapshot
// (a quad written or deleted while it runs may or may not appear; every
// quad it writes is whole); nor is it on PostgreSQL, where it reads pages
// of quads in the order they were written. On memory it holds the store
// until it ends. It is safe for concurrent use.
func (s *Store) ExportQuads(ctx context.Context, articleID string, w io.Writer) error {
	if err := s.rlock(); err != nil {
		return err
	}
	defer s.runlock()
	nw := nquads.NewWriter(w)
	if articleID != "" {
		quads, err := s.articleQuadsLocked(ctx, ArticleIRI(articleID))
		if err != nil {
			return fmt.Errorf("export article %q: %w", articleID, err)
		}
		if len(quads) == 0 {
			return fmt.Errorf("export article %q: %w", articleID, ErrNotFound)
		}
		for _, q := range quads {
			if err := nw.WriteQuad(exportQuad(q)); err != nil {
				return fmt.Errorf("export article %q: %w", articleID, err)
			}
		}
		return nw.Close()
	}
	// write writes a quad of the whole store, giving way to short reads
	// (yield.go). It skips a quad deleted by a write since it was found,
	// and ballast, which is a write's and gone when it ends.
	var y yielder
	write := func(q quad.Quad) error {
		y.yield()
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || q.Label == BallastLabel {
			return nil
		}
		return nw.WriteQuad(exportQuad(q))
	}
	if s.pg != nil {
		if err := s.pg.eachStored(ctx, write); err != nil { // pgread.go
			return fmt.Errorf("export: %w", err)
		}
		return nw.Close()
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := write(q); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nw.Close()
}

// exportQuad spells typed literals as standard N-Quads does: Cayley writes
// their datatypes as <xsd:integer> and booleans as "False", which other
// tools do not read.
func exportQuad(q quad.Quad) quad.Quad {
	q.Object = exportValue(q.Object)
	return q
}

func exportValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: quad.IRI(xsd.Boolean).Full()}
	case quad.TypedStringer:
		ts := v.TypedString()
		ts.Type = ts.Type.Full()
		return ts
	}
	return v
}

// QuadCount returns the number of quads in the store, or the backend's
// error. It is safe for concurrent use.
func (s *Store) QuadCount(ctx context.Context) (int64, error) {
	if err := s.rlock(); err != nil {
		return 0, err
	}
	defer s.runlock()
	if s.pg != nil {
		// Cayley's SQL store keeps the count it read until it writes
		// itself, which another server's writes make stale.
		var n int64
		if err := s.pg.db.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n); err != nil {
			return 0, fmt.Errorf("quad count: %w", pgError(err))
		}
		return n, nil
	}
	st, err := s.qs.Stats(ctx, false) // exact for quads on KV and memstore; exact=true walks every node on KV
	if err == nil && !st.Quads.Exact {
		st, err = s.qs.Stats(ctx, true)
	}
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a bolt store that has never held a quad
	}
	if err != nil {
		return 0, fmt.Errorf("quad count: %w", err)
	}
	return st.Quads.Value, nil
}
