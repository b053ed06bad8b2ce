package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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
// Config.MaxQueryResults and the request's limit, followed by a message
// with Truncated set when there were more. At most
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
	err = s.store.Query(qctx, lang, req.GetQuery(), limit+1, func(result any) error {
		if sent == limit {
			truncated = true
			return errTruncated
		}
		sent++
		b, err := json.Marshal(result)
		if err != nil {
			return fmt.Errorf("encode query result: %w", err)
		}
		return stream.Send(&claimgraphv1.QueryResponse{ResultJson: string(b)})
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

// exportChunk is the size above which ExportQuads sends what it holds.
const exportChunk = 64 << 10

// ExportQuads streams the store, or one article, as N-Quads in chunks of
// whole lines.
func (s *Service) ExportQuads(req *claimgraphv1.ExportQuadsRequest, stream claimgraphv1.ClaimGraphService_ExportQuadsServer) error {
	const method = "ExportQuads"
	ctx := stream.Context()
	if err := checkText("article_id", req.GetArticleId()); err != nil {
		return s.toStatus(ctx, method, err)
	}
	w := &lineChunker{send: func(b []byte) error {
		return stream.Send(&claimgraphv1.ExportQuadsResponse{Nquads: string(b)})
	}}
	err := s.store.ExportQuads(ctx, req.GetArticleId(), w)
	if err == nil {
		err = w.flush()
	}
	err = notFound(err, "article with id", req.GetArticleId(), "")
	return s.toStatus(ctx, method, err)
}

// lineChunker is an io.Writer that sends what is written to it in chunks of
// about exportChunk bytes, each ending at a line end.
type lineChunker struct {
	buf  bytes.Buffer
	send func([]byte) error
}

func (w *lineChunker) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if w.buf.Len() < exportChunk {
		return len(p), nil
	}
	b := w.buf.Bytes()
	end := bytes.LastIndexByte(b, '\n') + 1
	if end == 0 {
		return len(p), nil // one very long line: wait for its end
	}
	if err := w.send(b[:end]); err != nil {
		return 0, err
	}
	w.buf.Next(end)
	return len(p), nil
}

// flush sends what is left.
func (w *lineChunker) flush() error {
	if w.buf.Len() == 0 {
		return nil
	}
	err := w.send(w.buf.Bytes())
	w.buf.Reset()
	return err
}
