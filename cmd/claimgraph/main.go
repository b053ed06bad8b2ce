// Command claimgraph serves the claimgraph API and talks to it: ingest
// articles, list who said what, export quads, run raw queries. Its extract
// subcommand runs the extractor offline.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
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

// command is one subcommand: its name, what it does in a line (for the
// general usage and its own), and the function that runs it.
type command struct {
	name, summary string
	run           func(context.Context, *env, []string) error
}

// commandGroups lists the subcommands in the order the usage shows them.
// It is set in init: the commands' usage reads it.
var commandGroups []commandGroup

// commandGroup is a heading of the general usage and its commands.
type commandGroup struct {
	title    string
	commands []command
}

func init() {
	commandGroups = []commandGroup{
		{"The server:", []command{
			{"serve", "serve the claimgraph API over gRPC", runServe},
			{"upgrade", "turn a store written by an older claimgraph into the current schema", runUpgrade},
			{"import", "load N-Quads, as export prints them, into an empty store (FILE or -)", runImport},
		}},
		{"Client commands (server from --server or CLAIMGRAPH_SERVER, default 127.0.0.1:7411;\n--json prints one protobuf-JSON object per line):", []command{
			{"ingest", "extract and store articles: plain files, .jsonl files, - for stdin", runIngest},
			{"articles", "list stored articles", runArticles},
			{"actors", "find actors by name or alias (--name)", runActors},
			{"statements", "who said what (--speaker, --mentions, --article)", runStatements},
			{"figures", "reported numbers (--article, --measure, --source)", runFigures},
			{"events", "reported events (--participant, --from, --to)", runEvents},
			{"delete", "remove an article and its quads", runDelete},
			{"export", "print the store, or one article (--article), as N-Quads", runExport},
			{"query", "run a Gizmo, GraphQL or MQL query", runQuery},
		}},
		{"Across articles (fact tracking):", []command{
			{"links", "cross-article links (--kind, --article)", runLinks},
			{"claims", "the same statement as several articles report it (--speaker)", runClaims},
			{"measures", "what series of figures count (killed@gaza, …)", runMeasures},
			{"track", "a measure's figures in time order, their sources and links", runTrack},
			{"conflicts", "figures that cannot both be true, naming both sources (--measure)", runConflicts},
			{"neighborhood", "a node and its surroundings (--depth, --format text|json|dot)", runNeighborhood},
			{"paths", "how two nodes are connected, shortest first (--max-depth)", runPaths},
			{"watch", "print statements, claims and links as they are written", runWatch},
			{"put-extraction", "store an article with an extraction made elsewhere (JSON, as extract prints)", runPutExtraction},
		}},
		{"Offline:", []command{
			{"extract", "run the extractor and print what it finds, storing nothing", runExtract},
		}},
		{"This program:", []command{
			{"help", "print this, or a command's usage (help COMMAND)", nil},
			{"version", "print the version and the commit it was built from", runVersion},
			{"completion", "print a shell completion script: bash, zsh or fish", runCompletion},
		}},
	}
}

// lookup returns the subcommand called name.
func lookup(name string) (command, bool) {
	for _, g := range commandGroups {
		for _, c := range g.commands {
			if c.name == name {
				return c, true
			}
		}
	}
	return command{}, false
}

// usage returns the general usage: every subcommand and what it does.
func usage() string {
	var b strings.Builder
	b.WriteString("usage: claimgraph COMMAND [flags] [args]\n")
	for _, g := range commandGroups {
		width := 0
		for _, c := range g.commands {
			width = max(width, len(c.name))
		}
		fmt.Fprintf(&b, "\n%s\n", g.title)
		for _, c := range g.commands {
			fmt.Fprintf(&b, "  %-*s  %s\n", max(width, 10), c.name, c.summary)
		}
	}
	b.WriteString("\nRun \"claimgraph help COMMAND\" or \"claimgraph COMMAND -h\" for a command's flags;\n\"claimgraph --version\" prints the version.\n")
	return b.String()
}

// run is the whole program: it parses args and runs one subcommand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return fmt.Errorf("no command given")
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	if name == "help" {
		if len(rest) == 0 {
			fmt.Fprint(stdout, usage())
			return nil
		}
		if len(rest) > 1 {
			return fmt.Errorf("help: want one command, got %d arguments", len(rest))
		}
		if rest[0] == "help" || strings.HasPrefix(rest[0], "-") {
			fmt.Fprint(stdout, usage())
			return nil
		}
		name, rest = rest[0], []string{"-h"}
	}
	cmd, ok := lookup(name)
	if !ok || cmd.run == nil {
		fmt.Fprint(stderr, usage())
		return fmt.Errorf("unknown command %q", name)
	}
	err := cmd.run(ctx, e, rest)
	if errors.Is(err, flag.ErrHelp) {
		// Asked for: the usage goes to standard output.
		_, err = io.Copy(stdout, &e.usage)
		return err
	}
	io.Copy(stderr, &e.usage) // a mistake: the usage goes with the error
	return err
}

// env is what a subcommand reads and writes besides its flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	// usage collects a command's usage, printed by run after the command
	// returns: to stdout when asked for (-h), else to stderr.
	usage bytes.Buffer
	// flags is the last flag set newFlagSet made, for completion.
	flags *flag.FlagSet
}
