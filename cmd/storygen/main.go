// Command storygen writes a generated long running news story as JSONL, one
// article object per line, as `claimgraph ingest` reads it:
//
//	go run ./cmd/storygen -n 3000 -seed 1 -per-day 6 -start 2023-10-08 -truth truth.jsonl > story.jsonl
//
// With -truth it also writes each article's ground truth (its toll, date
// and whether it is planted) as JSONL. The same flags give the same bytes.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/claimgraph/claimgraph/internal/story"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if err != flag.ErrHelp {
			fmt.Fprintln(os.Stderr, "storygen:", err)
		}
		os.Exit(2)
	}
}

// run parses args, generates the story and writes it to stdout.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("storygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: storygen [flags] > story.jsonl")
		fs.PrintDefaults()
	}
	var (
		c     story.Config
		seed  = fs.Uint64("seed", 1, "seed of the wording, the toll's rise and the planted articles")
		start = fs.String("start", story.DefaultStart.Format(time.DateOnly), "publication date of the first articles, YYYY-MM-DD")
		truth = fs.String("truth", "", "also write each article's ground truth to this file, as JSONL")
	)
	fs.IntVar(&c.Articles, "n", 3000, "number of articles")
	fs.IntVar(&c.PerDay, "per-day", story.DefaultPerDay, "articles published a day")
	fs.IntVar(&c.Planted, "planted", 2, "articles whose toll is 30% below their day's")
	fs.IntVar(&c.StartToll, "start-toll", story.DefaultStartToll, "death toll on the first day")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.Seed = *seed
	var err error
	if c.Start, err = time.Parse(time.DateOnly, *start); err != nil {
		return fmt.Errorf("-start: %v", err)
	}

	out := bufio.NewWriter(stdout)
	var (
		truthFile *os.File
		truthOut  *bufio.Writer
	)
	if *truth != "" {
		if truthFile, err = os.Create(*truth); err != nil {
			return err
		}
		defer truthFile.Close() // on error; closed and checked below otherwise
		truthOut = bufio.NewWriter(truthFile)
	}
	err = story.Generate(c, func(a story.Article, t story.Truth) error {
		if err := writeLine(out, a); err != nil {
			return err
		}
		if truthOut != nil {
			return writeLine(truthOut, t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if truthOut != nil {
		if err := truthOut.Flush(); err != nil {
			return err
		}
		if err := truthFile.Close(); err != nil {
			return err
		}
	}
	return out.Flush()
}

// writeLine writes v as one line of JSON.
func writeLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
