package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"
	gqlast "github.com/dennwc/graphql/language/ast"
	gqlparser "github.com/dennwc/graphql/language/parser"
	gqlprinter "github.com/dennwc/graphql/language/printer"
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
// query and is returned. A GraphQL query gets a "first" argument on every
// field with a selection (limit at the top, at most 100 below), since its
// whole answer is one result.
//
// An unknown language, a query that does not parse, a script that throws
// or passes a value of the wrong type gives an error wrapping ErrBadQuery;
// anything else (a store error, a panic recovered in Cayley's Gizmo) is
// unexpected. Gizmo scripts run guarded (gizmo.go): no argument or emitted
// value reaches Cayley unchecked. When ctx ends, Query returns its error
// (wrapped) promptly, even where Cayley ignores deadlines (MQL, Gizmo's
// Execute): the query runs on its own goroutine, which may then go on
// until Cayley notices, holding the store's read lock (which writers do
// not wait for; Close does). Gizmo runs JavaScript in-process and is not a
// sandbox for memory or CPU (CAYLEY.md #6): expose it to trusted callers
// only.
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

// runQuery executes q and sends up to limit results to out. The store's
// read lock is held by the caller.
func (s *Store) runQuery(ctx context.Context, lang, q string, limit int, out chan<- any) error {
	opts := query.Options{Limit: limit, Collation: query.JSON}
	var (
		it    query.Iterator
		guard *gizmoGuard
		err   error
	)
	switch lang {
	case "gizmo":
		var sess *gizmo.Session
		var src string
		if sess, guard, src, err = newGizmoSession(s.qs, q); err != nil {
			return err
		}
		// Runs after it.Close (which interrupts the script), before the
		// caller gives up the read lock.
		defer guard.finish()
		it, err = sess.Execute(ctx, src, opts)
	case "graphql":
		var src string
		if src, err = boundGraphQL(q, limit); err != nil {
			return fmt.Errorf("query: %w: %v", ErrBadQuery, err)
		}
		it, err = query.NewSession(s.qs, lang).Execute(ctx, src, opts)
	default:
		it, err = query.NewSession(s.qs, lang).Execute(ctx, q, opts)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("query: %w: %v", ErrBadQuery, err)
	}
	defer it.Close()
	var y yielder // Gizmo yields between path calls too (gizmo.go)
	// GraphQL ignores Options.Limit, so the count is kept here too.
	for n := 0; n < limit && it.Next(ctx); n++ {
		y.yield()
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
	if guard != nil {
		if err := guard.err(); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	if err := it.Err(); err != nil {
		if lang != "gizmo" || isScriptError(err) {
			// GraphQL's and MQL's errors after parsing are about the
			// query too: a value of the wrong type, an unknown operator.
			return fmt.Errorf("query: %w: %v", ErrBadQuery, err)
		}
		return fmt.Errorf("query: %w", err)
	}
	return nil
}

// isScriptError reports whether a Gizmo error is the script's: something
// it threw (the guard turns bad arguments into TypeErrors), a syntax error,
// or a call stack too deep.
func isScriptError(err error) bool {
	var exc *goja.Exception
	var syn *goja.CompilerSyntaxError
	var overflow *goja.StackOverflowError
	return errors.As(err, &exc) || errors.As(err, &syn) || errors.As(err, &overflow)
}

// graphQLNestedFirst is the most items a nested GraphQL field with a
// selection returns unless the query asks for fewer.
const graphQLNestedFirst = 100

// boundGraphQL returns q with a "first" argument on every field that has a
// selection: limit at the top level, at most graphQLNestedFirst below, or
// what q asks for if that is fewer. Cayley's GraphQL ignores the result cap
// (one answer is one result) and would otherwise build the whole store
// into one map.
func boundGraphQL(q string, limit int) (string, error) {
	doc, err := gqlparser.Parse(gqlparser.ParseParams{Source: q})
	if err != nil {
		return "", err
	}
	var bound func(set *gqlast.SelectionSet, n int)
	bound = func(set *gqlast.SelectionSet, n int) {
		if set == nil {
			return
		}
		for _, sel := range set.Selections {
			f, ok := sel.(*gqlast.Field)
			if !ok || f.SelectionSet == nil {
				if fr, ok := sel.(*gqlast.InlineFragment); ok {
					bound(fr.SelectionSet, n)
				}
				continue
			}
			found := false
			for _, a := range f.Arguments {
				if a.Name == nil || a.Name.Value != "first" {
					continue
				}
				found = true
				v, ok := a.Value.(*gqlast.IntValue)
				if !ok {
					err = fmt.Errorf("first on %q is not an integer", f.Name.Value)
					continue
				}
				if !firstWithin(v.Value, n) {
					a.Value = gqlast.NewIntValue(&gqlast.IntValue{Value: strconv.Itoa(n)})
				}
			}
			if !found {
				f.Arguments = append(f.Arguments, gqlast.NewArgument(&gqlast.Argument{
					Name:  gqlast.NewName(&gqlast.Name{Value: "first"}),
					Value: gqlast.NewIntValue(&gqlast.IntValue{Value: strconv.Itoa(n)}),
				}))
			}
			bound(f.SelectionSet, min(n, graphQLNestedFirst))
		}
	}
	for _, d := range doc.Definitions {
		if op, ok := d.(*gqlast.OperationDefinition); ok {
			bound(op.SelectionSet, limit)
		}
	}
	if err != nil {
		return "", err
	}
	out, ok := gqlprinter.Print(doc).(string)
	if !ok {
		return "", errors.New("cannot print the bounded query")
	}
	return out, nil
}

func firstWithin(s string, n int) bool {
	v, err := strconv.Atoi(s)
	return err == nil && v >= 0 && v <= n
}
