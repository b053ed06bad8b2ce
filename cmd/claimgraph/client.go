package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// defaultServer is the address the client dials and serve listens on.
const defaultServer = "127.0.0.1:7411"

// clientOptions are the flags every client subcommand takes.
type clientOptions struct {
	server string
	json   bool
	creds  clientConfig // tokens and TLS (credentials.go)
}

func (o *clientOptions) register(fs *flag.FlagSet) {
	addr := os.Getenv("CLAIMGRAPH_SERVER")
	if addr == "" {
		addr = defaultServer
	}
	fs.StringVar(&o.server, "server", addr, "server address; CLAIMGRAPH_SERVER sets the default")
	fs.BoolVar(&o.json, "json", false, "print one protobuf-JSON object per line")
	o.creds.register(fs)
}

// dial returns a client of the server and a function that closes it.
func (o *clientOptions) dial() (claimgraphv1.ClaimGraphServiceClient, func(), error) {
	opts, err := dialOptions(o.server, o.creds)
	if err != nil {
		return nil, nil, err
	}
	opts = append(opts, grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(64<<20), grpc.MaxCallRecvMsgSize(64<<20)))
	conn, err := grpc.NewClient(o.server, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("dial %s: %w", o.server, err)
	}
	return claimgraphv1.NewClaimGraphServiceClient(conn), func() { conn.Close() }, nil
}

// connectList checks that a list command was given no arguments, dials the
// server and returns the client, a printer whose table has the given
// header, and a function that closes the connection.
func (o *clientOptions) connectList(e *env, fs *flag.FlagSet, args []string, header ...string) (claimgraphv1.ClaimGraphServiceClient, *printer, func(), error) {
	if err := noArgs(fs, args); err != nil {
		return nil, nil, nil, err
	}
	client, closeConn, err := o.dial()
	if err != nil {
		return nil, nil, nil, err
	}
	return client, newPrinter(e.stdout, o.json, header...), closeConn, nil
}

// rpcError turns a gRPC error into one that prints as "Code: message".
func rpcError(err error) error {
	if err == nil {
		return nil
	}
	if st, ok := status.FromError(err); ok {
		return errors.New(st.Code().String() + ": " + st.Message())
	}
	return err
}

// newFlagSet returns the flag set of the subcommand name, whose arguments
// read as usage. Its usage (the same layout for every command) goes to
// e.usage; errors in flags go to e.stderr.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		e.usage.Reset()
		writeUsage(&e.usage, fs, usage)
	}
	e.flags = fs
	return fs
}

// writeUsage writes a command's usage: the synopsis, what it does, and its
// flags in alphabetical order, each with its argument, default and use.
func writeUsage(w io.Writer, fs *flag.FlagSet, synopsis string) {
	cmd, _ := lookup(fs.Name())
	fmt.Fprintf(w, "usage: claimgraph %s %s\n\n", fs.Name(), synopsis)
	if cmd.summary != "" {
		fmt.Fprintf(w, "%s%s.\n\n", strings.ToUpper(cmd.summary[:1]), cmd.summary[1:])
	}
	fmt.Fprintln(w, "Flags:")
	fs.VisitAll(func(f *flag.Flag) {
		arg, use := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + flagArg(f.Name, arg)
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			use += " (default " + def + ")"
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, use)
	})
	fmt.Fprintln(w, "  -h, --help\n      print this")
}

// flagArg names the argument of flag name in a usage: "N" for a number,
// "DURATION", and for text the last word of the flag's name ("--token-file
// FILE"), unless the usage names it in backquotes.
func flagArg(name, arg string) string {
	switch arg {
	case "int", "uint", "float":
		return "N"
	case "duration":
		return "DURATION"
	case "string", "value":
		return strings.ToUpper(name[strings.LastIndex(name, "-")+1:])
	}
	return strings.ToUpper(arg)
}

// parseFlags parses args with flags and arguments in any order, as in
// `claimgraph query 'g.V().all()' --limit 5`. A "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		// Parse stops at the first argument, or just after a "--".
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// printer writes messages as protobuf JSON, one per line, or as a table.
type printer struct {
	w    io.Writer
	json bool
	tw   *tabwriter.Writer
	rows int // rows or objects printed
}

func newPrinter(w io.Writer, asJSON bool, header ...string) *printer {
	p := &printer{w: w, json: asJSON}
	if !asJSON {
		p.tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(p.tw, strings.Join(header, "\t"))
	}
	return p
}

// print prints m as JSON, or its table row.
func (p *printer) print(m proto.Message, row ...string) error {
	p.rows++
	if !p.json {
		_, err := fmt.Fprintln(p.tw, strings.Join(row, "\t"))
		return err
	}
	b, err := protojson.Marshal(m)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = p.w.Write(buf.Bytes())
	return err
}

// done flushes the table if err is nil, and returns err: a failed command
// prints no half table.
func (p *printer) done(err error) error {
	if err != nil || p.tw == nil {
		return err
	}
	return p.tw.Flush()
}

// clip shortens s to n code points for a table cell, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// paging holds --limit and --all.
type paging struct {
	limit int
	all   bool
}

func (p *paging) register(fs *flag.FlagSet) {
	fs.IntVar(&p.limit, "limit", 50, "print at most this many items")
	fs.BoolVar(&p.all, "all", false, "print every item, page after page")
}

// maxPage is the server's largest page.
const maxPage = 1000

// list fetches pages with fetch and calls emit with each item until the
// limit, or the end with --all. It tells e.stderr when items were left.
func list[T any](ctx context.Context, e *env, p paging, fetch func(ctx context.Context, size int32, token string) ([]T, string, error), emit func(T) error) error {
	if !p.all && p.limit <= 0 {
		return fmt.Errorf("--limit must be positive")
	}
	left := p.limit
	token := ""
	for {
		size := maxPage
		if !p.all {
			size = min(left, maxPage)
		}
		items, next, err := fetch(ctx, int32(size), token)
		if err != nil {
			return rpcError(err)
		}
		for _, it := range items {
			if err := emit(it); err != nil {
				return err
			}
		}
		left -= len(items)
		if next == "" {
			return nil
		}
		if !p.all && left <= 0 {
			fmt.Fprintln(e.stderr, "(more: use --all or a larger --limit)")
			return nil
		}
		token = next
	}
}
