package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/claimgraph/claimgraph/metrics"
	"github.com/claimgraph/claimgraph/server"
)

// runServe opens the store and serves the API until ctx is done (SIGINT or
// SIGTERM), then stops gracefully: health turns NOT_SERVING, in-flight calls
// finish (GracefulStop), or are cut off after --shutdown-timeout or at a
// second SIGINT or SIGTERM (Stop), and the store is closed.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[flags]")
	db := addStoreFlags(fs, "bolt, memory or postgres")
	var (
		listen          = fs.String("listen", defaultServer, "address to listen on (port 0 picks a free port)")
		maxArticle      = fs.Int("max-article-bytes", server.DefaultMaxArticleBytes, "largest article text accepted, in bytes")
		queryTimeout    = fs.Duration("query-timeout", server.DefaultQueryTimeout, "longest a raw query may run")
		maxResults      = fs.Int("max-query-results", server.DefaultMaxQueryResults, "most results one raw query returns")
		maxQueryBytes   = fs.Int("max-query-bytes", server.DefaultMaxQueryBytes, "most JSON bytes one raw query answers; results past it are cut")
		maxQueries      = fs.Int("max-concurrent-queries", server.DefaultMaxConcurrentQueries, "raw queries running at once; one more is ResourceExhausted")
		maxMessage      = fs.Int("max-message-bytes", 0, "largest gRPC message received, in bytes (default 4 MiB, or twice --max-article-bytes if more)")
		maxStatements   = fs.Int("max-statements", server.DefaultMaxStatements, "most statements, figures or events one article may yield; an article with more is refused")
		maxStreams      = fs.Int("max-concurrent-streams", server.DefaultMaxConcurrentStreams, "calls open at once on one client connection; more wait in the client")
		shutdownTimeout = fs.Duration("shutdown-timeout", 15*time.Second, "how long in-flight calls may run on after SIGTERM")
		fullTokens      = fs.String("auth-token-file", "", "file of bearer tokens with full access, one per line (reloaded on SIGHUP)")
		readTokens      = fs.String("read-only-token-file", "", "file of bearer tokens that may only read (reloaded on SIGHUP)")
		tlsCert         = fs.String("tls-cert", "", "PEM certificate to serve TLS with (needs --tls-key)")
		tlsKey          = fs.String("tls-key", "", "PEM key of --tls-cert")
		tlsClientCA     = fs.String("tls-client-ca", "", "PEM CAs whose client certificates are required (mutual TLS)")
		memoryLimit     byteSize
		maxIngest       byteSize
		httpAddr        = fs.String("http", "", "address to serve the web pages and /metrics on, e.g. 127.0.0.1:7412 (off when empty)")
	)
	fs.Var(&memoryLimit, "memory-limit", "soft memory limit of the Go runtime, a `SIZE` such as 2GiB or 512MiB; 0 for none (default: half the machine's or cgroup's memory, or GOMEMLIMIT when set)")
	fs.Var(&maxIngest, "max-ingest-bytes", "most article text, a `SIZE`, that writes in flight may hold at once; past it writes are ResourceExhausted, retryable (default: a 32nd of --memory-limit, at least 4 × --max-article-bytes)")
	if err := envDefaults(fs); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := noArgs(fs, args); err != nil {
		return err
	}
	limit := setMemoryLimit(memoryLimit)
	budget := maxIngest.n
	if !maxIngest.set {
		budget = ingestBudgetFor(limit, *maxArticle)
	}
	cfg := server.Config{
		MaxIngestBytes:       int(budget),
		MaxArticleBytes:      *maxArticle,
		QueryTimeout:         *queryTimeout,
		MaxQueryResults:      *maxResults,
		MaxQueryBytes:        *maxQueryBytes,
		MaxConcurrentQueries: *maxQueries,
		MaxMessageBytes:      *maxMessage,
		MaxStatements:        *maxStatements,
		MaxConcurrentStreams: *maxStreams,
	}
	if err := cfg.Check(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	cfg.Logger = log
	dbCfg, err := db.config("serve")
	if err != nil {
		return err
	}
	backend, path := dbCfg.Backend, dbCfg.Path
	sigs := notifySignals()
	defer sigs.stop()
	store, closeStore, err := openStore(ctx, backend, path)
	if err != nil {
		return fmt.Errorf("serve: open %s store: %w", backend, err)
	}
	abandon := false // set when drain gives up on writes still in the store
	defer func() {
		if !abandon {
			closeStore()
		}
	}()

	var opts []grpc.ServerOption
	var met *metrics.Metrics
	if *httpAddr != "" {
		met = metrics.New(store)
		met.Logger = log
		if backend == "bolt" {
			met.Dir = path
		}
		cfg.Observer = met
		// Before auth, so that refused calls are counted too. The service's
		// logging and recovery interceptors run outside it: a handler panic,
		// which recovery turns into Internal, is logged but not counted.
		opts = append(opts, grpc.ChainUnaryInterceptor(met.UnaryInterceptor()), grpc.ChainStreamInterceptor(met.StreamInterceptor()))
	}
	svc := server.New(store, cfg)
	auth, err := server.NewAuthenticator(*fullTokens, *readTokens)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	opts = append(opts,
		grpc.ChainUnaryInterceptor(auth.UnaryInterceptor()),
		grpc.ChainStreamInterceptor(auth.StreamInterceptor()),
	)
	useTLS := *tlsCert != "" || *tlsKey != "" || *tlsClientCA != ""
	var tc *tls.Config
	if useTLS {
		if tc, err = server.ServerTLS(*tlsCert, *tlsKey, *tlsClientCA); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		opts = append(opts, grpc.Creds(credentials.NewTLS(tc)))
	}
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if w := server.InsecureListenWarning(lis.Addr().String(), useTLS, auth.Enabled() || *tlsClientCA != ""); w != "" {
		log.Warn(w)
	}
	if auth.Enabled() {
		go reloadOnHangup(ctx, log, auth)
	}
	gs := svc.NewGRPCServer(opts...)
	var site *httpSite
	siteServed := make(chan error, 1)
	if met != nil {
		met.InitializeMetrics(gs)
		if site, err = listenHTTP(*httpAddr, store, auth, met, tc, log); err != nil {
			lis.Close()
			return fmt.Errorf("serve: --http: %w", err)
		}
		if w := server.InsecureListenWarning(site.lis.Addr().String(), useTLS, auth.Enabled() || *tlsClientCA != ""); w != "" {
			log.Warn("web pages: " + w)
		}
		log.Info("serving web pages and /metrics", "http", site.lis.Addr().String())
		go func() { siteServed <- site.serve() }()
	}
	log.Info("serving", "addr", lis.Addr().String(), "db", backend, "tls", useTLS, "tokens", auth.Enabled(),
		"memory_limit", formatBytes(limit), "max_ingest_bytes", formatBytes(budget))
	served := make(chan error, 1)
	go func() { served <- gs.Serve(lis) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case err := <-siteServed:
		gs.Stop()
		return fmt.Errorf("serve: --http: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "timeout", *shutdownTimeout)
	svc.Shutdown()
	if site != nil {
		// Beside the gRPC drain, not before it: the two share the timeout.
		go site.shutdown(*shutdownTimeout)
	}
	if !drain(gs, svc, *shutdownTimeout, sigs, log) {
		// Closing the store would wait for the writes still in it.
		abandon = true
		log.Info("stopped without closing the store")
		return nil
	}
	// A signal just after the listen stops the server before Serve runs:
	// Serve then says so (ErrServerStopped), which is no failure either.
	if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) && !errors.Is(err, grpc.ErrServerStopped) {
		return fmt.Errorf("serve: %w", err)
	}
	if err := closeStore(); err != nil {
		return fmt.Errorf("serve: close store: %w", err)
	}
	log.Info("stopped")
	return nil
}

// setMemoryLimit sets the Go runtime's soft memory limit from the
// --memory-limit flag, or when it was not given from GOMEMLIMIT or else
// defaultMemoryLimit, and returns the limit in force (math.MaxInt64 for
// none).
func setMemoryLimit(flagValue byteSize) int64 {
	switch {
	case flagValue.set && flagValue.n == 0:
		debug.SetMemoryLimit(math.MaxInt64)
	case flagValue.set:
		debug.SetMemoryLimit(flagValue.n)
	case os.Getenv("GOMEMLIMIT") == "":
		debug.SetMemoryLimit(defaultMemoryLimit())
	}
	return debug.SetMemoryLimit(-1)
}

// reloadOnHangup reloads the token files on every SIGHUP until ctx is done.
// A failed reload keeps the tokens in force and is logged.
func reloadOnHangup(ctx context.Context, log *slog.Logger, auth *server.Authenticator) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if err := auth.Reload(); err != nil {
				log.Error("token files not reloaded; the previous tokens stay in force", "err", err)
			} else {
				log.Info("token files reloaded")
			}
		}
	}
}
