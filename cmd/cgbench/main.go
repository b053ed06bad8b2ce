// Command cgbench measures claimgraph at scale, end to end, each figure
// beside a ceiling measured in the same run:
//
//	go run ./cmd/cgbench -n 100000 -json bench.json
//
// It generates n articles, half a long running story (internal/story: one
// growing toll, one repeated quote, one dated event, as wire copy repeats
// them) and half replicas of the corpus articles under new ids, half
// Arabic and half English; starts `claimgraph serve` on each backend asked
// for (bolt in a temporary directory; PostgreSQL on the empty database
// that -postgres names); and measures there:
//
//   - ingest: articles/s and stored quads/s over IngestArticles streams of
//     -chunk articles, against a raw Cayley bolt load of the same quads
//     (the store's own export, written in 10,000-quad transactions);
//   - export: the whole store's N-Quads, MB/s;
//   - reads: p50, p99 and calls/s of each typed read RPC, -concurrency
//     calls at once for -read-time, against grpc.health.v1.Health/Check on
//     the same server;
//   - replace and delete of single articles: p50 and p99;
//   - the server's peak RSS, and bolt's bytes per quad against the raw
//     load's.
//
// It prints a table per backend (and the backends side by side) and, with
// -json, writes every figure as JSON. It is not part of the test run;
// .ci/run runs it on a few hundred articles.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var c config
	flag.IntVar(&c.n, "n", 100000, "articles in the generated store")
	flag.StringVar(&c.corpus, "corpus", "../shared/corpus", "directory of the corpus JSONL files replicated into the store")
	flag.StringVar(&c.backends, "backends", "bolt", "backends to measure, comma-separated: bolt, postgres")
	flag.StringVar(&c.postgres, "postgres", os.Getenv("CLAIMGRAPH_TEST_POSTGRES"), "connection string of an empty PostgreSQL database, for -backends postgres")
	flag.StringVar(&c.binary, "claimgraph", "", "the claimgraph binary to serve with (default: built from this module with go build)")
	flag.IntVar(&c.chunk, "chunk", 500, "articles per IngestArticles call")
	flag.DurationVar(&c.readTime, "read-time", 3e9, "how long each read RPC is driven")
	flag.IntVar(&c.concurrency, "concurrency", 4, "read calls at once")
	flag.IntVar(&c.edits, "edits", 100, "replaces, and deletes, measured")
	flag.StringVar(&c.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "cgbench: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "cgbench:", err)
		os.Exit(1)
	}
}
