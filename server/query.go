package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// queryLanguages maps the API's query languages to Cayley's names.
var queryLanguages = map[claimgraphv1.QueryLanguage]string{
	claimgraphv1.QueryLanguage_QUERY_LANGUAGE_UNSPECIFIED: "gizmo",
	claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GIZMO:       "gizmo",
	claimgraphv1.QueryLanguage_QUERY_LANGUAGE_GRAPHQL:     "graphql",
	claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL:         "mql",
}

// Query runs a read-only raw query and streams each result as JSON. The
// query runs for at most the shorter of Config.QueryTimeout, the request's
// timeout and the call's deadline, and returns at most the smaller of
// Config.MaxQueryResults and the request's limit, and at most
// Config.MaxQueryBytes of JSON (a result that does not fit is cut),
// followed by a message with Truncated set when there was more. At most
// Config.MaxConcurrentQueries run at once; one more is ResourceExhausted.
func (s *Service) Query(req *claimgraphv1.QueryRequest, stream claimgraphv1.ClaimGraphService_QueryServer) error {
	const method = "Query"
	ctx := stream.Context()
	lang, limit, timeout, err := s.checkQuery(req)
	if err != nil {
		return s.toStatus(ctx, method, err)
	}
	if err := checkQueryAccess(ctx, lang); err != nil {
		return s.toStatus(ctx, method, err)
	}
	select {
	case s.queries <- struct{}{}:
		defer func() { <-s.queries }()
	default:
		return s.toStatus(ctx, method, errBusy)
	}
	qctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// One result more than the cap tells a cut result from a complete one.
	sent, truncated := 0, false
	budget := s.cfg.MaxQueryBytes
	err = s.store.Query(qctx, lang, req.GetQuery(), limit+1, func(result any) error {
		if sent == limit {
			truncated = true
			return errTruncated
		}
		b, cut, err := boundedJSON(result, budget)
		if err != nil {
			return fmt.Errorf("encode query result: %w", err)
		}
		if b != nil {
			sent++
			budget -= len(b)
			if err := stream.Send(&claimgraphv1.QueryResponse{ResultJson: string(b)}); err != nil {
				return err
			}
		}
		if cut {
			truncated = true
			return errTruncated
		}
		return nil
	})
	if truncated && errors.Is(err, errTruncated) {
		return s.toStatus(ctx, method, stream.Send(&claimgraphv1.QueryResponse{Truncated: true}))
	}
	// Some of Cayley's iterators stop at a deadline without an error, with
	// the results so far: a query cut short must not look complete.
	if err == nil {
		err = qctx.Err()
	}
	if err != nil && ctx.Err() == nil && qctx.Err() != nil {
		err = fmt.Errorf("query stopped after its %v timeout: %w", timeout, qctx.Err())
	}
	return s.toStatus(ctx, method, err)
}

// errTruncated stops a query at its result cap.
var errTruncated = errors.New("query: result cap reached")

// checkQuery validates a query request and returns Cayley's language name,
// the result limit and the timeout to use.
func (s *Service) checkQuery(req *claimgraphv1.QueryRequest) (lang string, limit int, timeout time.Duration, err error) {
	lang, ok := queryLanguages[req.GetLanguage()]
	if !ok {
		return "", 0, 0, &FieldError{"language", fmt.Sprintf("%d is not a query language", req.GetLanguage())}
	}
	if strings.TrimSpace(req.GetQuery()) == "" {
		return "", 0, 0, &FieldError{"query", "is empty"}
	}
	if err := checkText("query", req.GetQuery()); err != nil {
		return "", 0, 0, err
	}
	limit = s.cfg.MaxQueryResults
	switch n := int(req.GetLimit()); {
	case n < 0:
		return "", 0, 0, &FieldError{"limit", fmt.Sprintf("is %d; it must not be negative", n)}
	case n > 0 && n < limit:
		limit = n
	}
	timeout = s.cfg.QueryTimeout
	if t := req.GetTimeout(); t != nil {
		if err := t.CheckValid(); err != nil {
			return "", 0, 0, &FieldError{"timeout", "is not a valid duration"}
		}
		switch d := t.AsDuration(); {
		case d < 0:
			return "", 0, 0, &FieldError{"timeout", fmt.Sprintf("is %v; it must not be negative", d)}
		case d > 0 && d < timeout:
			timeout = d
		}
	}
	return lang, limit, timeout, nil
}

// exportChunk is the most bytes one ExportQuads message holds.
const exportChunk = 64 << 10

// ExportQuads streams the store, or one article, as N-Quads in chunks of at
// most exportChunk bytes that end at a line end, except that a line longer
// than a chunk is sent in pieces: the chunks joined are the N-Quads.
func (s *Service) ExportQuads(req *claimgraphv1.ExportQuadsRequest, stream claimgraphv1.ClaimGraphService_ExportQuadsServer) error {
	const method = "ExportQuads"
	ctx := stream.Context()
	if err := checkText("article_id", req.GetArticleId()); err != nil {
		return s.toStatus(ctx, method, err)
	}
	w := &lineChunker{size: exportChunk, send: func(b []byte) error {
		return stream.Send(&claimgraphv1.ExportQuadsResponse{Nquads: string(b)})
	}}
	err := s.store.ExportQuads(ctx, req.GetArticleId(), w)
	if err == nil {
		err = w.flush()
	}
	err = notFound(err, "article with id", req.GetArticleId(), "")
	return s.toStatus(ctx, method, err)
}

// lineChunker is an io.Writer that sends what is written to it in chunks
// of at most size bytes, each ending after the last line end it holds, or
// full when it holds none (a line longer than a chunk). It copies each byte
// at most twice, so a long line costs linear time.
type lineChunker struct {
	size   int
	buf    []byte
	lastNL int // bytes of buf up to and including its last '\n'; 0 if none
	send   func([]byte) error
}

func (w *lineChunker) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n := min(len(p), w.size-len(w.buf))
		if i := bytes.LastIndexByte(p[:n], '\n'); i >= 0 {
			w.lastNL = len(w.buf) + i + 1
		}
		w.buf = append(w.buf, p[:n]...)
		p, written = p[n:], written+n
		if len(w.buf) < w.size {
			continue
		}
		cut := w.lastNL
		if cut == 0 {
			cut = runeCut(w.buf)
		}
		if err := w.send(w.buf[:cut]); err != nil {
			return written, err
		}
		w.buf = w.buf[:copy(w.buf, w.buf[cut:])]
		w.lastNL = 0
	}
	return written, nil
}

// runeCut returns the length of the longest prefix of b that ends with a
// whole UTF-8 sequence, so that a chunk cut there is a valid protobuf
// string (an N-Quads line longer than a chunk, in Arabic, would otherwise
// be cut inside a letter). b is a full chunk, far longer than a sequence.
func runeCut(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b) // not UTF-8 here: nothing to keep whole
}

// flush sends what is left.
func (w *lineChunker) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	err := w.send(w.buf)
	w.buf, w.lastNL = w.buf[:0], 0
	return err
}

// boundedJSON returns the JSON of v in at most max bytes. What does not fit
// is left out: the elements of an array from the first that does not fit
// whole, the members of an object from the first that does not fit (a
// member may be a cut array), or the whole value if not even its brackets
// fit (then b is nil). The result stays valid JSON. cut reports whether anything was left
// out. Object members are in key order, as encoding/json writes them.
func boundedJSON(v any, max int) (b []byte, cut bool, err error) {
	e := jsonBounder{}
	b, ok, err := e.append(nil, reflect.ValueOf(v), max)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		return nil, true, nil
	}
	return b, e.cut, nil
}

type jsonBounder struct{ cut bool }

// append appends v's JSON to b if b stays within limit bytes, reporting
// whether it did.
func (e *jsonBounder) append(b []byte, v reflect.Value, limit int) ([]byte, bool, error) {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		if _, ok := v.Interface().(json.Marshaler); ok {
			break
		}
		v = v.Elem()
	}
	switch {
	case !v.IsValid() || ((v.Kind() == reflect.Map || v.Kind() == reflect.Slice || v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil()):
		return e.leaf(b, []byte("null"), limit)
	case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
		if len(b)+2 > limit {
			return b, false, nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b = append(b, '{')
		first := true
		for _, k := range keys {
			mark := len(b)
			if !first {
				b = append(b, ',')
			}
			kb, _ := json.Marshal(k.String())
			b = append(b, kb...)
			b = append(b, ':')
			var ok bool
			var err error
			if b, ok, err = e.append(b, v.MapIndex(k), limit-1); err != nil {
				return nil, false, err
			}
			if !ok {
				b = b[:mark]
				e.cut = true
				break
			}
			first = false
			if e.cut {
				break // a member was cut: leave out the members after it
			}
		}
		return append(b, '}'), true, nil
	case (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && v.Type().Elem().Kind() != reflect.Uint8:
		if len(b)+2 > limit {
			return b, false, nil
		}
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			mark := len(b)
			if i > 0 {
				b = append(b, ',')
			}
			// An element is whole or left out, with the rest after it.
			var ok bool
			var err error
			if b, ok, err = e.append(b, v.Index(i), limit-1); err != nil {
				return nil, false, err
			}
			if !ok || e.cut {
				b = b[:mark]
				e.cut = true
				break
			}
		}
		return append(b, ']'), true, nil
	}
	leaf, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, false, err
	}
	return e.leaf(b, leaf, limit)
}

func (e *jsonBounder) leaf(b, leaf []byte, limit int) ([]byte, bool, error) {
	if len(b)+len(leaf) > limit {
		return b, false, nil
	}
	return append(b, leaf...), true, nil
}
