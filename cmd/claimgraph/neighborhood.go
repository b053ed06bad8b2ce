package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// runNeighborhood prints a node and its surroundings as a table, as JSON
// or as Graphviz DOT.
func runNeighborhood(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "neighborhood", "[--depth N] [--limit N] [--format text|json|dot] NODE")
	var (
		co     clientOptions
		depth  = fs.Int("depth", 0, "how many edges away to look (default 1, at most 3)")
		limit  = fs.Int("limit", 0, "at most this many nodes (default: the server's, 200)")
		format = fs.String("format", "text", "text (nodes and facts), json (the response) or dot (Graphviz: dot -Tsvg)")
	)
	co.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("neighborhood: want one node (an actor's name or id, an article id or an IRI), got %d arguments", len(rest))
	}
	if co.json {
		*format = "json"
	}
	switch *format {
	case "text", "json", "dot":
	default:
		return fmt.Errorf("neighborhood: unknown format %q (text, json or dot)", *format)
	}
	client, closeConn, err := co.dial()
	if err != nil {
		return err
	}
	defer closeConn()
	resp, err := client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: rest[0], Depth: int32(*depth), Limit: int32(*limit)})
	if err != nil {
		return rpcError(err)
	}
	if resp.GetTruncated() {
		fmt.Fprintln(e.stderr, "(more nodes: the limit left some out; use a larger --limit)")
	}
	switch *format {
	case "json":
		return newPrinter(e.stdout, true).print(resp)
	case "dot":
		return writeDOT(e.stdout, resp)
	}
	nodes := newPrinter(e.stdout, false, "NODE", "TYPE", "LABEL")
	for _, n := range resp.GetNodes() {
		nodes.print(n, shortIRI(n.GetId()), n.GetType(), clip(n.GetLabel(), 60))
	}
	if err := nodes.done(nil); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	edges := newPrinter(e.stdout, false, "SUBJECT", "PREDICATE", "OBJECT")
	for _, ed := range resp.GetEdges() {
		obj := shortIRI(ed.GetObject())
		if ed.GetLiteral() {
			obj = fmt.Sprintf("%q", clip(ed.GetObject(), 60))
		}
		edges.print(ed, shortIRI(ed.GetSubject()), shortIRI(ed.GetPredicate()), obj)
	}
	return edges.done(nil)
}

// writeDOT writes a neighborhood as a Graphviz digraph that renders as is:
// every id and label is a quoted, escaped string. Nodes show their type
// and label; facts between nodes are edges labelled with their predicate;
// literal facts (attributes) are left out, except through the labels.
func writeDOT(w io.Writer, g *claimgraphv1.NeighborhoodResponse) error {
	var b strings.Builder
	b.WriteString("digraph claimgraph {\n")
	b.WriteString("  graph [rankdir=LR, charset=\"UTF-8\"];\n")
	b.WriteString("  node [shape=box, style=rounded];\n")
	for i, n := range g.GetNodes() {
		label := clip(n.GetLabel(), 60)
		if label == "" {
			label = shortIRI(n.GetId())
		}
		if n.GetType() != "" {
			label = n.GetType() + "\n" + label
		}
		extra := ""
		if i == 0 {
			extra = ", penwidth=2"
		}
		fmt.Fprintf(&b, "  %s [label=%s%s];\n", dotQuote(n.GetId()), dotQuote(label), extra)
	}
	for _, ed := range g.GetEdges() {
		if ed.GetLiteral() {
			continue
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s];\n", dotQuote(ed.GetSubject()), dotQuote(ed.GetObject()), dotQuote(shortIRI(ed.GetPredicate())))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotQuote returns s as a DOT double-quoted string. In DOT only \" is an
// escape in an ID, but labels treat a backslash as an escape too (\n, \l),
// so a backslash is doubled; a newline becomes \n (a centred line break);
// carriage returns and other control characters are dropped.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// iriPrefixes shorten IRIs for reading; the base goes last so that the
// vocabulary's own prefix wins.
var iriPrefixes = []struct{ iri, short string }{
	{"https://claimgraph.org/ns#", "cg:"},
	{"http://schema.org/", "schema:"},
	{"http://www.w3.org/ns/prov#", "prov:"},
	{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"},
	{"https://claimgraph.org/", ""},
}

// shortIRI shortens an IRI with iriPrefixes: "actor/donald-trump",
// "cg:speaker".
func shortIRI(s string) string {
	for _, p := range iriPrefixes {
		if rest, ok := strings.CutPrefix(s, p.iri); ok {
			return p.short + rest
		}
	}
	return s
}
