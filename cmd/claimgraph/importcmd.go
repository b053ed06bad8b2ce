package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/claimgraph/claimgraph/graph"
)

// runImport loads N-Quads as export prints them (a file, or - for standard
// input) into an empty store that is not being served: with export, it
// moves a store from one backend to another.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import", "[flags] FILE.nq|-")
	db := addStoreFlags(fs, "bolt or postgres")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("import: want one file (or -), got %d arguments", fs.NArg())
	}
	cfg, err := db.config("import")
	if err != nil {
		return err
	}
	var r io.Reader = e.stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		r = f
	}
	n, err := graph.Import(ctx, cfg, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "import: %d quads\n", n)
	return nil
}
