package extract_test

import (
	"fmt"

	"github.com/claimgraph/claimgraph/extract"
)

// ExampleTrainAttributionModel trains the attribution tagger on a few
// invented articles and scores it on them.
func ExampleTrainAttributionModel() {
	var examples []extract.AttributionExample
	for _, s := range []string{"The mayor", "Police officials", "Maria Lopez", "The union"} {
		for _, c := range []string{"the bridge would reopen", "the roads were closed", "taxes should fall"} {
			text := s + " said that " + c + "."
			start := len([]rune(s + " said that "))
			examples = append(examples, extract.AttributionExample{
				Text: text,
				Attributions: []extract.ExampleAttribution{{
					Source: s, Cue: "said",
					Content: []extract.Span{{Start: start, End: start + len([]rune(c))}},
				}},
			})
		}
	}
	m := extract.TrainAttributionModel(examples, extract.TrainOptions{Epochs: 3, MinWeight: -1})
	sc := m.Score(examples)
	for _, k := range []struct {
		name string
		s    extract.SpanScore
	}{{"source", sc.Source}, {"cue", sc.Cue}, {"content", sc.Content}} {
		fmt.Printf("%-8s F1 %.2f\n", k.name, k.s.F1())
	}
	// Output:
	// source   F1 1.00
	// cue      F1 1.00
	// content  F1 1.00
}
