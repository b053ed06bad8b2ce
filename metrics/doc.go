// Package metrics exports claimgraph's Prometheus metrics: per-RPC counts,
// codes and latencies from go-grpc-middleware's Prometheus provider, what
// the store holds (articles, statements, figures, events, links by kind,
// conflicts, quads, bytes on disk), ingest write transactions and the time
// the extractor takes.
//
// Scraping is cheap: the store is counted again only after a write RPC
// succeeded, and then at most once per Metrics.MinInterval; other scrapes
// read the last counts.
package metrics
