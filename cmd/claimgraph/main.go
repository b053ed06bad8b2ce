// Command claimgraph serves the claimgraph API and talks to it: ingest
// articles, list who said what, export quads, run raw queries. Its extract
// subcommand runs the extractor offline.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "claimgraph:", err)
		os.Exit(1)
	}
}

const usage = `usage: claimgraph COMMAND [flags] [args]

The server:
  serve       serve the claimgraph API over gRPC

Client commands (server from --server or CLAIMGRAPH_SERVER, default 127.0.0.1:7411;
--json prints one protobuf-JSON object per line):
  ingest      extract and store articles: plain files, .jsonl files, - for stdin
  articles    list stored articles
  actors      find actors by name or alias (--name)
  statements  who said what (--speaker, --mentions, --article)
  figures     reported numbers (--article, --measure, --source)
  events      reported events (--participant, --from, --to)
  delete      remove an article and its quads
  export      print the store, or one article (--article), as N-Quads
  query       run a Gizmo, GraphQL or MQL query

Across articles (fact tracking):
  links           cross-article links (--kind, --article)
  claims          the same statement as several articles report it (--speaker)
  measures        what series of figures count (killed@gaza, …)
  track           a measure's figures in time order, their sources and links
  conflicts       figures that cannot both be true, naming both sources (--measure)
  neighborhood    a node and its surroundings (--depth, --format text|json|dot)
  paths           how two nodes are connected, shortest first (--max-depth)
  watch           print statements, claims and links as they are written
  put-extraction  store an article with an extraction made elsewhere (JSON, as extract prints)

Offline:
  extract     run the extractor and print what it finds, storing nothing

Run "claimgraph COMMAND -h" for a command's flags.
`

// commands maps each subcommand to the function that runs it.
var commands = map[string]func(context.Context, *env, []string) error{
	"serve":      runServe,
	"ingest":     runIngest,
	"articles":   runArticles,
	"actors":     runActors,
	"statements": runStatements,
	"figures":    runFigures,
	"events":     runEvents,
	"delete":     runDelete,
	"export":     runExport,
	"query":      runQuery,
	"extract":    runExtract,
	// Across articles (issue 4).
	"links":        runLinks,
	"claims":       runClaims,
	"measures":     runMeasures,
	"track":        runTrack,
	"conflicts":    runConflicts,
	"neighborhood": runNeighborhood,
	"paths":        runPaths,
	"watch":        runWatch,
	// Writes an extraction made elsewhere, checked and linked as ingest's.
	"put-extraction": runPutExtraction,
}

// run is the whole program: it parses args and runs one subcommand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if cmd, ok := commands[args[0]]; ok {
		err := cmd(ctx, e, args[1:])
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// env is what a subcommand reads and writes besides its flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}
