package server

import (
	"context"
	"io"
	"log/slog"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// Store is what the service needs from the graph store. *graph.Store
// implements it; it must be safe for concurrent use.
type Store interface {
	PutArticle(ctx context.Context, d graph.Document) (graph.ArticleInfo, error)
	PutArticles(ctx context.Context, ds []graph.Document) ([]graph.ArticleInfo, error)
	DeleteArticle(ctx context.Context, id string) (int64, error)
	GetArticle(ctx context.Context, id string) (graph.ArticleInfo, error)
	ListArticles(ctx context.Context, f graph.ArticleFilter, p graph.Page) ([]graph.ArticleInfo, string, error)
	GetActor(ctx context.Context, id string) (graph.ActorInfo, error)
	SearchActors(ctx context.Context, f graph.ActorFilter, p graph.Page) ([]extract.Actor, string, error)
	ListStatements(ctx context.Context, f graph.StatementFilter, p graph.Page) ([]graph.StoredStatement, string, error)
	ListFigures(ctx context.Context, f graph.FigureFilter, p graph.Page) ([]graph.StoredFigure, string, error)
	ListEvents(ctx context.Context, f graph.EventFilter, p graph.Page) ([]graph.StoredEvent, string, error)
	Query(ctx context.Context, lang, q string, limit int, fn func(result any) error) error
	ExportQuads(ctx context.Context, articleID string, w io.Writer) error

	// Across articles (issue 4): server/links.go and server/watch.go.
	ListLinks(ctx context.Context, f graph.LinkFilter, p graph.Page) ([]graph.Link, string, error)
	GetClaim(ctx context.Context, key string) (graph.ClaimInfo, error)
	ListClaims(ctx context.Context, f graph.ClaimFilter, p graph.Page) ([]graph.ClaimInfo, string, error)
	TrackMeasurePage(ctx context.Context, key string, p graph.Page) (graph.MeasureInfo, string, error)
	ListMeasures(ctx context.Context, p graph.Page) ([]string, string, error)
	ListConflicts(ctx context.Context, measure string, p graph.Page) ([]graph.Conflict, string, error)
	Neighborhood(ctx context.Context, node string, depth, limit int) (graph.Subgraph, error)
	FindPaths(ctx context.Context, from, to string, maxDepth, limit int) ([]graph.Path, error)
	Subscribe(ctx context.Context, buffer int) <-chan graph.Change
}

// Pinger is a Store whose backend may be out of reach (a database server).
// When the Store is one, health checks report NOT_SERVING while Ping
// fails. *graph.Store implements it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// The defaults of Config's fields.
const (
	DefaultMaxArticleBytes      = 1 << 20
	DefaultQueryTimeout         = 10 * time.Second
	DefaultMaxQueryResults      = 1000
	DefaultMaxQueryBytes        = 4 << 20
	DefaultMaxSendBytes         = 64 << 20
	DefaultMaxConcurrentQueries = 4
	DefaultIngestBatchArticles  = 64
	DefaultIngestBatchBytes     = 2 << 20
	DefaultIngestBatchDelay     = time.Second
	DefaultPageSize             = 50
	MaxPageSize                 = 1000
)

// Config holds the service's limits. The zero value of every field means
// its documented default.
type Config struct {
	// MaxArticleBytes is the largest article text accepted, in bytes
	// (default 1 MiB). A larger one is InvalidArgument.
	MaxArticleBytes int
	// QueryTimeout is the longest a raw query may run (default 10 s); a
	// client may ask for less.
	QueryTimeout time.Duration
	// MaxQueryResults caps the results of one raw query (default 1000); a
	// client may ask for fewer.
	MaxQueryResults int
	// MaxQueryBytes caps the JSON bytes of one raw query's answer, all its
	// results together (default 4 MiB). Results past it are left out, and a
	// result that does not fit is cut (its arrays and objects keep the
	// items that fit); the stream then ends with Truncated.
	MaxQueryBytes int
	// MaxSendBytes bounds one gRPC message sent (default 64 MiB, what the
	// CLI receives). Raw query answers and export chunks stay far below it;
	// it is the backstop for any response.
	MaxSendBytes int
	// MaxConcurrentQueries bounds raw queries running at once (default 4);
	// one more is ResourceExhausted.
	MaxConcurrentQueries int
	// IngestBatchArticles and IngestBatchBytes bound one write transaction
	// of IngestArticles (defaults 64 articles, 2 MiB of text). A stream's
	// first batch is one article and each next one twice the last, up to
	// these bounds, and a batch open for IngestBatchDelay (default 1 s) is
	// written with the article that finds it so: a stream's first articles
	// are stored in about the time one article takes, whatever the story.
	IngestBatchArticles int
	IngestBatchBytes    int
	IngestBatchDelay    time.Duration
	// MaxIngestBytes bounds the article text that the writes in flight
	// (IngestArticle, the unwritten batches of IngestArticles,
	// PutExtraction) hold at once (default DefaultMaxIngestBytes). A write
	// that would exceed it is ResourceExhausted, retryable; reads are not
	// limited by it. It must be at least MaxArticleBytes.
	MaxIngestBytes int
	// MaxMessageBytes bounds one gRPC message received (default
	// DefaultMaxMessageBytes, or twice what an article of MaxArticleBytes
	// needs if that is more). A larger one is ResourceExhausted.
	MaxMessageBytes int
	// MaxStatements bounds the statements, and separately the figures and
	// the events, extracted from one article (default
	// DefaultMaxStatements). An article that yields more is refused whole,
	// InvalidArgument on its text.
	MaxStatements int
	// MaxConcurrentStreams bounds the calls open at once on one client
	// connection (default DefaultMaxConcurrentStreams); further calls wait
	// in the client until one ends.
	MaxConcurrentStreams int
	// WatchBuffer is how many changes a WatchClaims call may be behind
	// (default DefaultWatchBuffer); past it the call ends with
	// ResourceExhausted, whether or not its client is reading.
	WatchBuffer int
	// Logger receives request logs and internal errors (default slog.Default()).
	Logger *slog.Logger
	// Observer, when not nil, is told of extractions and ingest writes,
	// for metrics.
	Observer Observer
}

// Observer is told of the work behind the write RPCs. Its methods must be
// safe for concurrent use and return quickly.
type Observer interface {
	// ObserveExtraction is called after each run of the extractor (ingest
	// and dry run alike) with the time it took.
	ObserveExtraction(d time.Duration)
	// ObserveIngestBatch is called after each write transaction of an
	// ingest (one per IngestArticle and PutExtraction, one per batch of
	// IngestArticles) with the number of articles it stored.
	ObserveIngestBatch(articles int)
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxArticleBytes, DefaultMaxArticleBytes)
	def(&c.MaxQueryResults, DefaultMaxQueryResults)
	def(&c.MaxQueryBytes, DefaultMaxQueryBytes)
	def(&c.MaxSendBytes, DefaultMaxSendBytes)
	def(&c.WatchBuffer, DefaultWatchBuffer)
	def(&c.MaxConcurrentQueries, DefaultMaxConcurrentQueries)
	def(&c.IngestBatchArticles, DefaultIngestBatchArticles)
	def(&c.IngestBatchBytes, DefaultIngestBatchBytes)
	def(&c.MaxIngestBytes, max(DefaultMaxIngestBytes, c.MaxArticleBytes))
	if c.IngestBatchDelay <= 0 {
		c.IngestBatchDelay = DefaultIngestBatchDelay
	}
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = DefaultQueryTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	c.limitsWithDefaults()
	return c
}

// Service implements claimgraph.v1.ClaimGraphService over a Store. It is
// safe for concurrent use if the Store is.
type Service struct {
	claimgraphv1.UnimplementedClaimGraphServiceServer

	store     Store
	extractor func(extract.Article) *extract.Extraction // extract.Extract; tests replace it
	cfg       Config
	log       *slog.Logger
	queries   chan struct{} // one token per running raw query
	ingest    *budget       // article text held by the writes in flight
	health    *health.Server
	// watching ends when Shutdown is called, and with it every WatchClaims
	// stream, which would otherwise hold GracefulStop up.
	watching    context.Context
	stopWatches context.CancelFunc
	// cutting ends at CutOff, and with it the context of every call.
	cutting context.Context
	cutOff  context.CancelCauseFunc
}

var _ claimgraphv1.ClaimGraphServiceServer = (*Service)(nil)

// New returns a service over store with the limits in cfg.
func New(store Store, cfg Config) *Service {
	cfg = cfg.withDefaults()
	watching, stopWatches := context.WithCancel(context.Background())
	cutting, cutOff := context.WithCancelCause(context.Background())
	return &Service{
		store:       store,
		extractor:   extract.Extract,
		cfg:         cfg,
		log:         cfg.Logger,
		queries:     make(chan struct{}, cfg.MaxConcurrentQueries),
		ingest:      &budget{limit: int64(cfg.MaxIngestBytes)},
		health:      health.NewServer(),
		watching:    watching,
		stopWatches: stopWatches,
		cutting:     cutting,
		cutOff:      cutOff,
	}
}

// NewGRPCServer returns a gRPC server that serves s, grpc.health.v1
// (SERVING, or NOT_SERVING while a Pinger store cannot reach its
// database) and server reflection, with request logging and panic recovery. opts are
// added after the service's own options.
func (s *Service) NewGRPCServer(opts ...grpc.ServerOption) *grpc.Server {
	base := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(s.cfg.MaxMessageBytes),
		grpc.MaxSendMsgSize(s.cfg.MaxSendBytes),
		grpc.MaxConcurrentStreams(uint32(s.cfg.MaxConcurrentStreams)),
		grpc.ForceServerCodecV2(newUTF8Codec()),
		grpc.ChainUnaryInterceptor(s.logUnary, s.cutUnary, s.recoverUnary),
		grpc.ChainStreamInterceptor(s.logStream, s.cutStream, s.recoverStream),
	}
	gs := grpc.NewServer(append(base, opts...)...)
	claimgraphv1.RegisterClaimGraphServiceServer(gs, s)
	hs := &healthServer{Server: s.health, done: s.watching, log: s.log}
	if p, ok := s.store.(Pinger); ok {
		hs.ping = p.Ping
	}
	healthpb.RegisterHealthServer(gs, hs)
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus(claimgraphv1.ClaimGraphService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	registerReflection(gs)
	return gs
}

// Shutdown marks the service NOT_SERVING in its health checks, so that
// load balancers drain it before the server stops, and ends every
// WatchClaims stream and every health Watch (after it has said
// NOT_SERVING) with Unavailable.
func (s *Service) Shutdown() {
	s.health.Shutdown()
	s.stopWatches()
}
