package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers "gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"
	"github.com/dop251/goja"
)

// DefaultQueryLimit is the result cap of Query when its limit is not positive.
const DefaultQueryLimit = 1000

// QueryLanguages are the languages Query accepts. None of them can write:
// Cayley's Gizmo, GraphQL and MQL sessions only read the quad store.
var QueryLanguages = []string{"gizmo", "graphql", "mql"}

// Query runs q, written in lang ("gizmo", "graphql" or "mql"), through
// Cayley's query engine and calls fn with each result (JSON-ready maps,
// slices and values), at most limit of them (DefaultQueryLimit if limit is
// not positive). fn is called on the caller's goroutine; its error stops the
// query and is returned.
//
// An unknown language, a query that does not parse or a script that throws
// gives an error wrapping ErrBadQuery. When ctx ends, Query returns its error
// (wrapped) promptly, even where Cayley ignores deadlines (MQL, Gizmo's
// Execute): the query runs on its own goroutine, which may then go on
// until Cayley notices, holding the store's read lock (so delaying writes)
// until it does. Gizmo runs JavaScript in-process and is not a sandbox
// (CAYLEY.md #6): expose it to trusted callers only.
//
// It is safe for concurrent use.
func (s *Store) Query(ctx context.Context, lang string, q string, limit int, fn func(result any) error) error {
	if !slices.Contains(QueryLanguages, lang) || query.GetLanguage(lang) == nil {
		return fmt.Errorf("query: unknown language %q: %w", lang, ErrBadQuery)
	}
	if limit <= 0 {
		limit = DefaultQueryLimit
	}
	if err := s.rlock(); err != nil {
		return err
	}
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan any)
	done := make(chan error, 1)
	go func() {
		defer s.runlock()
		done <- s.runQuery(qctx, lang, q, limit, results)
	}()
	for {
		select {
		case r := <-results:
			if err := fn(r); err != nil {
				return err
			}
		case err := <-done:
			if cerr := ctx.Err(); cerr != nil {
				return fmt.Errorf("query: %w", cerr)
			}
			return err
		case <-ctx.Done():
			return fmt.Errorf("query: %w", ctx.Err())
		}
	}
}

// runQuery executes q and sends up to limit results to out. s.mu is held
// for reading by the caller.
func (s *Store) runQuery(ctx context.Context, lang, q string, limit int, out chan<- any) error {
	sess := query.NewSession(s.qs, lang)
	it, err := sess.Execute(ctx, q, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("query: %w: %v", ErrBadQuery, err)
	}
	defer it.Close()
	// GraphQL ignores Options.Limit, so the count is kept here too.
	for n := 0; n < limit && it.Next(ctx); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case out <- it.Result():
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := it.Err(); err != nil {
		var exc *goja.Exception
		var syn *goja.CompilerSyntaxError
		if errors.As(err, &exc) || errors.As(err, &syn) {
			return fmt.Errorf("query: %w: %v", ErrBadQuery, err)
		}
		return fmt.Errorf("query: %w", err)
	}
	return nil
}
