package extract

import (
	"fmt"
	"sort"
)

// AttributionExample is one annotated English article for training or
// scoring the attribution model.
type AttributionExample struct {
	Text         string
	Attributions []ExampleAttribution
}

// ExampleAttribution is one annotated attribution: the source's and the
// cue's words as the text writes them (found again next to the content),
// and the content's code point spans.
type ExampleAttribution struct {
	Source, Cue string
	Content     []Span
}

// AttributionModel is a trained English attribution tagger. It is safe for
// concurrent use.
type AttributionModel struct {
	m *tagModel
}

// TrainOptions are the settings of TrainAttributionModel; the zero value
// gives those of the committed model, chosen on PolNeAR dev.
type TrainOptions struct {
	// Epochs is the number of passes over the examples; 0 means
	// DefaultEpochs.
	Epochs int
	// MinWeight drops the features whose averaged weights all stay below
	// it in magnitude, which keeps the model small; 0 means
	// DefaultMinWeight, a negative value keeps every feature.
	MinWeight float64
}

// The settings of the committed model.
const (
	DefaultEpochs    = 6
	DefaultMinWeight = 7
)

// TrainAttributionModel learns the English attribution tagger from
// examples. It is deterministic: the same examples in the same order give
// the same model, byte for byte. It never fails: an attribution whose cue
// or source does not occur near its content trains only the spans found.
// It is safe for concurrent use.
func TrainAttributionModel(examples []AttributionExample, opt TrainOptions) *AttributionModel {
	if opt.Epochs == 0 {
		opt.Epochs = DefaultEpochs
	}
	if opt.MinWeight == 0 {
		opt.MinWeight = DefaultMinWeight
	}
	docs := make([]*document, len(examples))
	golds := make([][]uint8, len(examples))
	for i, ex := range examples {
		docs[i] = newDocument(Article{Text: ex.Text, Language: "en"})
		golds[i] = goldTags(docs[i], ex.Attributions)
	}
	cueWords := learnCueWords(docs, golds)
	var seqs []*trainSeq
	for i, d := range docs {
		f := newEnFeaturizer(d, findQuotes(d), cueWords)
		for _, p := range paragraphs(d) {
			s := &trainSeq{gold: golds[i][p[0] : p[1]+1]}
			f.features(p[0], p[1], &s.f)
			seqs = append(seqs, s)
		}
	}
	m := trainTagger(seqs, opt.Epochs, opt.MinWeight)
	m.cueWords = cueWords
	return &AttributionModel{m: m}
}

// learnCueWords returns the words tagged as cues at least 3 times and in at
// least a fifth of their occurrences.
func learnCueWords(docs []*document, golds [][]uint8) map[string]bool {
	all := make(map[string]int)
	cue := make(map[string]int)
	for i, d := range docs {
		for k, t := range d.tokens {
			if t.kind != tokWord {
				continue
			}
			all[t.norm]++
			if g := golds[i][k]; g == tagBCue || g == tagICue {
				cue[t.norm]++
			}
		}
	}
	out := make(map[string]bool)
	for w, n := range cue {
		if n >= 3 && 5*n >= all[w] {
			out[w] = true
		}
	}
	return out
}

// MarshalBinary returns the model in the form embedded as
// extract/data/attribution_en.model. It never fails.
func (m *AttributionModel) MarshalBinary() ([]byte, error) { return m.m.encode(), nil }

// Features returns the number of features the model keeps.
func (m *AttributionModel) Features() int { return len(m.m.index) }

// SpanScore counts a span kind's matches: exact token spans.
type SpanScore struct {
	Gold, Predicted, Correct int
}

// P returns the precision, or 0 when nothing was predicted.
func (s SpanScore) P() float64 { return ratio(s.Correct, s.Predicted) }

// R returns the recall, or 0 when there is no gold span.
func (s SpanScore) R() float64 { return ratio(s.Correct, s.Gold) }

// F1 returns the harmonic mean of P and R, or 0.
func (s SpanScore) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// String returns "P R F1 (gold predicted correct)".
func (s SpanScore) String() string {
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f  (gold %d, predicted %d, correct %d)", s.P(), s.R(), s.F1(), s.Gold, s.Predicted, s.Correct)
}

// SpanScores are the tagger's scores per span kind.
type SpanScores struct {
	Source, Cue, Content SpanScore
}

// Score tags the examples' texts and compares the source, cue and content
// spans found with the annotated ones, as the training set's spans are
// found: an exact match of token ranges.
func (m *AttributionModel) Score(examples []AttributionExample) SpanScores {
	var sc SpanScores
	for _, ex := range examples {
		d := newDocument(Article{Text: ex.Text, Language: "en"})
		gold := goldTags(d, ex.Attributions)
		want := make(map[segment]bool)
		for _, p := range paragraphs(d) {
			for _, s := range segments(gold[p[0]:p[1]+1], p[0]) {
				want[s] = true
			}
		}
		got, _ := m.m.tagDocument(d, findQuotes(d), nil)
		count := func(kind int) *SpanScore {
			switch kind {
			case tagBSrc:
				return &sc.Source
			case tagBCue:
				return &sc.Cue
			}
			return &sc.Content
		}
		for s := range want {
			count(s.kind).Gold++
		}
		for _, s := range got {
			c := count(s.kind)
			c.Predicted++
			if want[s] {
				c.Correct++
			}
		}
	}
	return sc
}

// goldTags returns the tag of each of d's tokens under the annotated
// attributions: the content spans as given, and the cue and the source
// found where they occur nearest to the content (the cue) and to the cue
// (the source), outside the content. Sources and cues win over content
// where attributions nest.
func goldTags(d *document, atts []ExampleAttribution) []uint8 {
	tags := make([]uint8, len(d.tokens))
	mark := func(s Span, b uint8) {
		first := true
		k := d.tokenAt(s.Start)
		for ; k < len(d.tokens) && d.tokens[k].end <= s.End; k++ {
			if d.tokens[k].start < s.Start {
				continue
			}
			if first {
				tags[k] = b
				first = false
			} else {
				tags[k] = b + 1
			}
		}
	}
	type found struct{ src, cue Span }
	where := make([]found, len(atts))
	for n, at := range atts {
		if len(at.Content) == 0 {
			continue
		}
		hull := at.Content[0]
		for _, c := range at.Content {
			hull.Start, hull.End = min(hull.Start, c.Start), max(hull.End, c.End)
		}
		inside := func(s Span) bool {
			for _, c := range at.Content {
				if s.Start < c.End && c.Start < s.End {
					return true
				}
			}
			return false
		}
		where[n].cue = nearest(d, at.Cue, hull, 400, inside)
		if where[n].cue.Len() > 0 {
			where[n].src = nearest(d, at.Source, where[n].cue, 300, func(s Span) bool {
				return inside(s) || (s.Start < where[n].cue.End && where[n].cue.Start < s.End)
			})
		}
	}
	for _, at := range atts {
		for _, c := range at.Content {
			mark(c, tagBCon)
		}
	}
	for _, w := range where {
		if w.cue.Len() > 0 {
			mark(w.cue, tagBCue)
		}
		if w.src.Len() > 0 {
			mark(w.src, tagBSrc)
		}
	}
	return tags
}

// nearest returns the occurrence of words at word boundaries nearest to
// span near, at most limit code points away and not rejected by skip, or
// the zero Span.
func nearest(d *document, words string, near Span, limit int, skip func(Span) bool) Span {
	var best Span
	bd := limit + 1
	occ := occurrences(d, words)
	sort.Slice(occ, func(i, j int) bool { return occ[i].Start < occ[j].Start })
	for _, o := range occ {
		if !wordBoundaryAt(d.runes, o.Start, o.End) || skip(o) {
			continue
		}
		dist := 0
		switch {
		case o.End <= near.Start:
			dist = near.Start - o.End
		case o.Start >= near.End:
			dist = o.Start - near.End
		}
		if dist < bd {
			best, bd = o, dist
		}
	}
	return best
}
