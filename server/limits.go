package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// The defaults of the limits in this file.
const (
	// DefaultMaxMessageBytes bounds one gRPC message received. It leaves
	// room for an article of DefaultMaxArticleBytes and its extraction
	// (PutExtraction).
	DefaultMaxMessageBytes = 4 << 20
	// DefaultMaxStatements bounds the statements, and separately the
	// figures and the events, that one article may yield.
	DefaultMaxStatements = 1000
	// DefaultMaxConcurrentStreams bounds the calls open at once on one
	// client connection.
	DefaultMaxConcurrentStreams = 128
	// messageOverhead is what an article request holds besides its text.
	messageOverhead = 64 << 10
)

// minMessageBytes is the smallest message limit that still lets an article
// of maxArticle bytes through.
func minMessageBytes(maxArticle int) int { return maxArticle + messageOverhead }

// Check reports a Config whose limits contradict each other: a message limit
// too small for the largest article, or a negative limit. The zero Config
// is valid.
func (c Config) Check() error {
	for _, l := range []struct {
		name string
		v    int
	}{
		{"max article bytes", c.MaxArticleBytes}, {"max message bytes", c.MaxMessageBytes},
		{"max statements", c.MaxStatements}, {"max concurrent streams", c.MaxConcurrentStreams},
		{"max query results", c.MaxQueryResults}, {"max concurrent queries", c.MaxConcurrentQueries},
		{"max ingest bytes", c.MaxIngestBytes},
		{"max query bytes", c.MaxQueryBytes}, {"max send bytes", c.MaxSendBytes},
	} {
		if l.v < 0 {
			return fmt.Errorf("%s is %d; it must not be negative", l.name, l.v)
		}
	}
	if c.QueryTimeout < 0 {
		return fmt.Errorf("query timeout is %v; it must not be negative", c.QueryTimeout)
	}
	d := c.withDefaults()
	if c.MaxIngestBytes > 0 && d.MaxIngestBytes < d.MaxArticleBytes {
		return fmt.Errorf("max ingest bytes %d is smaller than max article bytes %d: the largest article could never be admitted", d.MaxIngestBytes, d.MaxArticleBytes)
	}
	if d.MaxQueryBytes > d.MaxSendBytes-messageOverhead {
		return fmt.Errorf("max query bytes %d does not fit in a message of max send bytes %d", d.MaxQueryBytes, d.MaxSendBytes)
	}
	if c.MaxMessageBytes > 0 && d.MaxMessageBytes < minMessageBytes(d.MaxArticleBytes) {
		return fmt.Errorf("max message bytes %d is too small for an article of max article bytes %d; it must be at least %d",
			d.MaxMessageBytes, d.MaxArticleBytes, minMessageBytes(d.MaxArticleBytes))
	}
	return nil
}

// limitsWithDefaults fills the limits of this file in c.
func (c *Config) limitsWithDefaults() {
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = max(DefaultMaxMessageBytes, 2*minMessageBytes(c.MaxArticleBytes))
	}
	if c.MaxStatements <= 0 {
		c.MaxStatements = DefaultMaxStatements
	}
	if c.MaxConcurrentStreams <= 0 {
		c.MaxConcurrentStreams = DefaultMaxConcurrentStreams
	}
}

// extract runs the extractor on a checked article and refuses an article
// that yields more than Config.MaxStatements statements, figures or events,
// with a *FieldError on prefix+".text". The article is refused whole rather
// than stored in part: a stored article always holds everything its text
// yields, and a client that must store it can split it.
//
// A panic in the extractor is a bug, but one text's bug must not cost the
// other articles of a bulk stream: it is logged here, with its stack, and
// returned as an *extractorError for that one article.
func (s *Service) extract(ctx context.Context, prefix string, a extract.Article) (x *extract.Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.ErrorContext(ctx, "extractor panic", "article_id", fmt.Sprintf("%q", a.ID), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			x, err = nil, &extractorError{field: prefix + ".text"}
		}
	}()
	start := time.Now()
	x = s.extractor(a)
	if o := s.cfg.Observer; o != nil {
		o.ObserveExtraction(time.Since(start))
	}
	if err := s.checkExtraction(prefix+".text", "yields", x); err != nil {
		return nil, err
	}
	return x, nil
}

// extractorError says the extractor failed (panicked) on the text in
// field; the failure is already logged. It maps to Internal for one
// article, and to an IngestFailure in a bulk stream.
type extractorError struct{ field string }

func (e *extractorError) Error() string {
	return "the extractor failed on " + e.field + " (a bug, logged on the server); the article was not stored"
}

// wrote tells the Observer, if any, that one ingest write transaction
// stored n articles.
func (s *Service) wrote(n int) {
	if o := s.cfg.Observer; o != nil && n > 0 {
		o.ObserveIngestBatch(n)
	}
}

// checkExtraction applies Config.MaxStatements to an extraction; field
// names the request field the extraction came from, and verb says how
// ("yields" for a text, "holds" for an extraction sent whole).
func (s *Service) checkExtraction(field, verb string, x *extract.Extraction) error {
	limit := s.cfg.MaxStatements
	for _, c := range []struct {
		what string
		n    int
	}{{"statements", len(x.Statements)}, {"figures", len(x.Figures)}, {"events", len(x.Events)}} {
		if c.n > limit {
			return &FieldError{field, fmt.Sprintf("%s %d %s; the limit (--max-statements) is %d per article: split the article", verb, c.n, c.what, limit)}
		}
	}
	return nil
}

// checkQueryAccess refuses Gizmo to callers without a full-access token.
// Gizmo runs JavaScript in the server process, and its deadline cannot stop
// native code (a backtracking regular expression, a huge string), so one
// query can hold a core and unbounded memory: it is as trusted as a write.
// GraphQL and MQL have no such escape and stay open to read-only tokens.
// Without tokens (AccessFromContext reports false) every caller is trusted.
func checkQueryAccess(ctx context.Context, lang string) error {
	if lang != "gizmo" {
		return nil
	}
	if a, ok := AccessFromContext(ctx); ok && a < AccessFull {
		return status.Errorf(codes.PermissionDenied,
			"Gizmo queries run JavaScript in the server and need a full-access token; a %s token may use GraphQL or MQL", a)
	}
	return nil
}

// checkStorable refuses text fields of an article that the store cannot
// keep as literals: a NUL byte (PostgreSQL text cannot hold one, so no
// backend stores it). Ids may hold anything; they are escaped in IRIs.
func checkStorable(prefix string, in *claimgraphv1.ArticleInput) error {
	for _, f := range []struct{ name, v string }{
		{"text", in.GetText()}, {"url", in.GetUrl()}, {"title", in.GetTitle()}, {"publisher", in.GetPublisher()},
	} {
		if strings.IndexByte(f.v, 0) >= 0 {
			return &FieldError{prefix + "." + f.name, "holds a NUL byte"}
		}
	}
	return nil
}
