// Command trainattr builds the English attribution model that package
// extract embeds, from PolNeAR-style annotated articles:
//
//	go run ./extract/internal/trainattr -train ../shared/eval/polnear-train -out extract/data/attribution_en.model
//
// With -dev it also prints the model's precision, recall and F1 per span
// kind (source, cue, content: exact token spans) on another annotated set.
// The same training set always gives the same model, byte for byte.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/claimgraph/claimgraph/extract"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "trainattr:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("trainattr", flag.ContinueOnError)
	train := fs.String("train", "", "folder of annotated articles (*.json) to train on")
	out := fs.String("out", "", "file to write the model to")
	dev := fs.String("dev", "", "folder of annotated articles to score the model on (optional)")
	epochs := fs.Int("epochs", extract.DefaultEpochs, "training passes")
	minWeight := fs.Float64("min-weight", extract.DefaultMinWeight, "drop features whose weights all stay below this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *train == "" || *out == "" {
		return errors.New("need -train and -out")
	}
	examples, err := readExamples(*train)
	if err != nil {
		return err
	}
	m := extract.TrainAttributionModel(examples, extract.TrainOptions{Epochs: *epochs, MinWeight: *minWeight})
	data, _ := m.MarshalBinary()
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(stdout, "trained on %d articles: %d features, %d bytes\n", len(examples), m.Features(), len(data))
	if *dev == "" {
		return nil
	}
	devEx, err := readExamples(*dev)
	if err != nil {
		return err
	}
	sc := m.Score(devEx)
	fmt.Fprintf(stdout, "source   %v\ncue      %v\ncontent  %v\n", sc.Source, sc.Cue, sc.Content)
	return nil
}

// goldFile is the part of an annotated article (../shared/eval/README.md)
// the trainer reads.
type goldFile struct {
	Text       string `json:"text"`
	Statements []struct {
		Speaker      string   `json:"speaker"`
		Cue          string   `json:"cue"`
		ContentSpans [][2]int `json:"content_spans"`
	} `json:"statements"`
}

// readExamples reads every *.json file of dir, in name order.
func readExamples(dir string) ([]extract.AttributionExample, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("read examples: no *.json in %s", dir)
	}
	sort.Strings(names)
	out := make([]extract.AttributionExample, 0, len(names))
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read examples: %w", err)
		}
		var g goldFile
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("read examples %s: %w", name, err)
		}
		ex := extract.AttributionExample{Text: g.Text}
		for _, s := range g.Statements {
			at := extract.ExampleAttribution{Source: s.Speaker, Cue: s.Cue}
			for _, c := range s.ContentSpans {
				at.Content = append(at.Content, extract.Span{Start: c[0], End: c[1]})
			}
			ex.Attributions = append(ex.Attributions, at)
		}
		out = append(out, ex)
	}
	return out, nil
}
