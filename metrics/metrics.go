package metrics

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// Store is what Metrics reads to count what is stored. *graph.Store
// implements it; it must be safe for concurrent use. If the Store also has
// a QuadCount(ctx) (int64, error) method, the quad count is exported too.
type Store interface {
	ListArticles(ctx context.Context, f graph.ArticleFilter, p graph.Page) ([]graph.ArticleInfo, string, error)
	ListLinks(ctx context.Context, f graph.LinkFilter, p graph.Page) ([]graph.Link, string, error)
}

type quadCounter interface {
	QuadCount(ctx context.Context) (int64, error)
}

// DefaultMinInterval is the default of Metrics.MinInterval.
const DefaultMinInterval = 10 * time.Second

// countPage is the page size of the counting walks.
const countPage = 1000

// writeMethods are the RPCs after which the store is counted again.
var writeMethods = map[string]bool{
	claimgraphv1.ClaimGraphService_IngestArticle_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_IngestArticles_FullMethodName: true,
	claimgraphv1.ClaimGraphService_DeleteArticle_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_PutExtraction_FullMethodName:  true,
}

// Metrics holds claimgraph's metrics and serves them. Create it with New;
// its methods are safe for concurrent use.
type Metrics struct {
	// MinInterval is the least time between two counts of the store
	// (default DefaultMinInterval): a scrape after a write recounts only
	// when the last count is at least this old.
	MinInterval time.Duration
	// Dir, when set, is the store's directory (bolt); the bytes of the
	// files under it are exported as claimgraph_store_bytes.
	Dir string
	// Logger receives counting errors (default slog.Default()).
	Logger *slog.Logger

	store Store
	reg   *prometheus.Registry
	grpc  *grpcprom.ServerMetrics

	extraction prometheus.Histogram
	batches    prometheus.Counter
	ingested   prometheus.Counter

	dirty   atomic.Bool
	mu      sync.Mutex // guards the fields below and serialises counting
	counted time.Time
	counts  counts
}

// counts is one count of the store.
type counts struct {
	articles, statements, figures, events int64
	links                                 map[graph.LinkKind]int64
	quads                                 int64
	hasQuads                              bool
	bytes                                 int64
	hasBytes                              bool
}

// New returns the metrics of a server over store, registered in a registry
// of their own together with the Go runtime and process collectors.
func New(store Store) *Metrics {
	m := &Metrics{
		store: store,
		reg:   prometheus.NewRegistry(),
		grpc: grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(
			grpcprom.WithHistogramBuckets([]float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}),
		)),
		extraction: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "claimgraph_extraction_seconds",
			Help:    "Time the extractor took per article (ingest and dry run).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}),
		batches: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "claimgraph_ingest_batches_total",
			Help: "Ingest write transactions: one per IngestArticle and PutExtraction, one per batch of IngestArticles.",
		}),
		ingested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "claimgraph_ingested_articles_total",
			Help: "Articles stored by ingest write transactions.",
		}),
	}
	m.dirty.Store(true)
	m.reg.MustRegister(m.grpc, m.extraction, m.batches, m.ingested, (*storeCollector)(m),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler returns the http.Handler that serves the metrics in the
// Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// UnaryInterceptor returns the interceptor that counts and times unary
// RPCs and notes writes.
func (m *Metrics) UnaryInterceptor() grpc.UnaryServerInterceptor {
	inner := m.grpc.UnaryServerInterceptor()
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		resp, err := inner(ctx, req, info, h)
		if writeMethods[info.FullMethod] {
			m.dirty.Store(true)
		}
		return resp, err
	}
}

// StreamInterceptor is UnaryInterceptor for streaming RPCs.
func (m *Metrics) StreamInterceptor() grpc.StreamServerInterceptor {
	inner := m.grpc.StreamServerInterceptor()
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		err := inner(srv, ss, info, h)
		if writeMethods[info.FullMethod] {
			m.dirty.Store(true)
		}
		return err
	}
}

// InitializeMetrics creates the RPC metrics of every method of gs at zero,
// so that rates and alerts work before the first call. Call it after the
// services are registered.
func (m *Metrics) InitializeMetrics(gs *grpc.Server) { m.grpc.InitializeMetrics(gs) }

// ObserveExtraction records one run of the extractor; it implements
// server.Observer.
func (m *Metrics) ObserveExtraction(d time.Duration) { m.extraction.Observe(d.Seconds()) }

// ObserveIngestBatch records one ingest write transaction of n articles;
// it implements server.Observer.
func (m *Metrics) ObserveIngestBatch(n int) {
	m.batches.Inc()
	m.ingested.Add(float64(n))
	m.dirty.Store(true)
}

// storeCollector is Metrics seen as the collector of the store's counts.
type storeCollector Metrics

var (
	descArticles   = prometheus.NewDesc("claimgraph_articles_stored", "Articles in the store.", nil, nil)
	descStatements = prometheus.NewDesc("claimgraph_statements_stored", "Statements in the store.", nil, nil)
	descFigures    = prometheus.NewDesc("claimgraph_figures_stored", "Figures in the store.", nil, nil)
	descEvents     = prometheus.NewDesc("claimgraph_events_stored", "Events in the store.", nil, nil)
	descLinks      = prometheus.NewDesc("claimgraph_links_stored", "Cross-article links in the store, by kind.", []string{"kind"}, nil)
	descConflicts  = prometheus.NewDesc("claimgraph_conflicts_stored", "FIGURE_CONFLICTS links in the store.", nil, nil)
	descQuads      = prometheus.NewDesc("claimgraph_store_quads", "Quads in the store.", nil, nil)
	descBytes      = prometheus.NewDesc("claimgraph_store_bytes", "Bytes of the store's files on disk (bolt).", nil, nil)
	descCounted    = prometheus.NewDesc("claimgraph_store_counted_timestamp_seconds", "When the store counts above were taken (Unix time).", nil, nil)
)

// linkKinds are the kinds exported, each even when none is stored.
var linkKinds = []graph.LinkKind{graph.SameClaim, graph.FigureAgrees, graph.FigureConflicts, graph.FigureUpdates, graph.SameEvent}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descArticles, descStatements, descFigures, descEvents, descLinks, descConflicts, descQuads, descBytes, descCounted} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	m := (*Metrics)(c)
	n, at := m.current()
	if at.IsZero() {
		return // never counted: export nothing rather than zeros
	}
	gauge := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v), labels...)
	}
	gauge(descArticles, n.articles)
	gauge(descStatements, n.statements)
	gauge(descFigures, n.figures)
	gauge(descEvents, n.events)
	for _, k := range linkKinds {
		gauge(descLinks, n.links[k], k.String())
	}
	gauge(descConflicts, n.links[graph.FigureConflicts])
	if n.hasQuads {
		gauge(descQuads, n.quads)
	}
	if n.hasBytes {
		gauge(descBytes, n.bytes)
	}
	ch <- prometheus.MustNewConstMetric(descCounted, prometheus.GaugeValue, float64(at.UnixNano())/1e9)
}

// current returns the store's counts and when they were taken, counting
// again first when a write happened since and the last count is at least
// MinInterval old (or there is none). A failed count keeps the last one.
func (m *Metrics) current() (counts, time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	interval := m.MinInterval
	if interval <= 0 {
		interval = DefaultMinInterval
	}
	if m.counted.IsZero() || (m.dirty.Load() && time.Since(m.counted) >= interval) {
		m.dirty.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		n, err := m.count(ctx)
		cancel()
		if err != nil {
			m.dirty.Store(true)
			log := m.Logger
			if log == nil {
				log = slog.Default()
			}
			log.Error("metrics: counting the store failed; the last counts stay", "err", err)
		} else {
			m.counts, m.counted = n, time.Now()
		}
	}
	return m.counts, m.counted
}

// count walks the store's articles and links once.
func (m *Metrics) count(ctx context.Context) (counts, error) {
	n := counts{links: map[graph.LinkKind]int64{}}
	for p := (graph.Page{Limit: countPage}); ; {
		items, next, err := m.store.ListArticles(ctx, graph.ArticleFilter{}, p)
		if err != nil {
			return counts{}, err
		}
		for _, a := range items {
			n.articles++
			n.statements += int64(a.StatementCount)
			n.figures += int64(a.FigureCount)
			n.events += int64(a.EventCount)
		}
		if next == "" {
			break
		}
		p.After = next
	}
	for p := (graph.Page{Limit: countPage}); ; {
		items, next, err := m.store.ListLinks(ctx, graph.LinkFilter{}, p)
		if err != nil {
			return counts{}, err
		}
		for _, l := range items {
			n.links[l.Kind]++
		}
		if next == "" {
			break
		}
		p.After = next
	}
	if qc, ok := m.store.(quadCounter); ok {
		q, err := qc.QuadCount(ctx)
		if err != nil {
			return counts{}, err
		}
		n.quads, n.hasQuads = q, true
	}
	if m.Dir != "" {
		b, err := dirBytes(m.Dir)
		if err != nil {
			return counts{}, err
		}
		n.bytes, n.hasBytes = b, true
	}
	return n, nil
}

// dirBytes returns the total size of the regular files under dir.
func dirBytes(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	return total, err
}
