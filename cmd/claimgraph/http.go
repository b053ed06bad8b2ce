package main

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/claimgraph/claimgraph/metrics"
	"github.com/claimgraph/claimgraph/server"
	"github.com/claimgraph/claimgraph/web"
)

// httpSite is the web pages and /metrics that serve --http runs beside
// the gRPC API.
type httpSite struct {
	srv *http.Server
	lis net.Listener
}

// listenHTTP listens on addr for the web site over store and the metrics m,
// with the tokens of auth, and TLS when tc is not nil (the same certificate
// as the gRPC API). Call serve to serve it and shutdown to stop.
func listenHTTP(addr string, store web.Store, auth *server.Authenticator, m *metrics.Metrics, tc *tls.Config, log *slog.Logger) (*httpSite, error) {
	site := web.New(store, auth)
	site.Metrics = m.Handler()
	site.Logger = log
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	if tc != nil {
		lis = tls.NewListener(lis, tc)
	}
	return &httpSite{
		srv: &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)},
		lis: lis,
	}, nil
}

// serve serves until shutdown; it returns nil after shutdown.
func (h *httpSite) serve() error {
	if err := h.srv.Serve(h.lis); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// shutdown stops the site, letting requests in flight finish for up to
// timeout.
func (h *httpSite) shutdown(timeout time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := h.srv.Shutdown(ctx); err != nil {
		h.srv.Close()
	}
}
