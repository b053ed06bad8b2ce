package extract

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// inventedExamples builds a small training set of invented sentences of
// the shapes "SOURCE CUE that CONTENT." and "“CONTENT,” SOURCE CUE.".
func inventedExamples() []AttributionExample {
	sources := []string{"The mayor", "Police officials", "Maria Lopez", "The company", "A spokesman", "Senator Hale"}
	cues := []string{"said", "told reporters", "argued", "warned", "said", "claimed"}
	contents := []string{"the bridge would reopen soon", "the roads were closed", "taxes should fall",
		"the vote was rigged", "prices will rise next year", "the plan had failed"}
	var out []AttributionExample
	for i := range 18 {
		src, cue, con := sources[i%len(sources)], cues[(i+1)%len(cues)], contents[(i+2)%len(contents)]
		var b strings.Builder
		b.WriteString("Rain fell on the town on Monday.\n\n")
		var at ExampleAttribution
		if i%2 == 0 {
			fmt.Fprintf(&b, "%s %s that ", src, cue)
			start := len([]rune(b.String()))
			b.WriteString(con)
			at = ExampleAttribution{Source: src, Cue: cue, Content: []Span{{start, start + len([]rune(con))}}}
			b.WriteString(".")
		} else {
			b.WriteString("“")
			start := len([]rune(b.String()))
			b.WriteString(con)
			at = ExampleAttribution{Source: src, Cue: cue, Content: []Span{{start, start + len([]rune(con))}}}
			fmt.Fprintf(&b, ",” %s %s.", src, cue)
		}
		b.WriteString("\n\nThe river rose again in the evening.")
		out = append(out, AttributionExample{Text: b.String(), Attributions: []ExampleAttribution{at}})
	}
	return out
}

func TestTrainAttributionModelDeterministic(t *testing.T) {
	ex := inventedExamples()
	opt := TrainOptions{Epochs: 3, MinWeight: -1}
	a, _ := TrainAttributionModel(ex, opt).MarshalBinary()
	b, _ := TrainAttributionModel(ex, opt).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings on the same examples gave different models (%d and %d bytes)", len(a), len(b))
	}
	if m := TrainAttributionModel(ex, opt); m.Features() == 0 {
		t.Fatalf("trained model has no features")
	}
}

// spansOf returns the text of each span the model tags in text, as
// "kind:words".
func spansOf(t testing.TB, m *tagModel, text string) []string {
	t.Helper()
	d := newDocument(Article{Text: text, Language: "en"})
	segs, _ := m.tagDocument(d, findQuotes(d), nil)
	var out []string
	for _, s := range segs {
		kind := map[int]string{tagBSrc: "source", tagBCue: "cue", tagBCon: "content"}[s.kind]
		out = append(out, kind+":"+d.slice(Span{d.tokens[s.i].start, d.tokens[s.j].end}))
	}
	return out
}

func TestTaggerOnInventedSentence(t *testing.T) {
	m := TrainAttributionModel(inventedExamples(), TrainOptions{Epochs: 5, MinWeight: -1})
	got := strings.Join(spansOf(t, m.m, "The mayor argued that the vote was rigged."), " | ")
	want := "source:The mayor | cue:argued | content:the vote was rigged"
	if got != want {
		t.Errorf("tagged %q; want %q", got, want)
	}
}

func TestEmbeddedModel(t *testing.T) {
	m := enModel()
	if len(m.index) < 1000 || !m.cueWords["said"] {
		t.Fatalf("embedded model: %d features, cue word \"said\" %v; want a trained model", len(m.index), m.cueWords["said"])
	}
	for _, tc := range []struct{ text, want string }{
		{"Senator Jane Doe said the budget would pass next week.",
			"source:Senator Jane Doe | cue:said | content:the budget would pass next week"},
		{"“The new tax will hurt farmers,” the union warned on Tuesday.",
			"content:“The new tax will hurt farmers,” | source:the union | cue:warned"},
	} {
		got := strings.Join(spansOf(t, m, tc.text), " | ")
		if got != tc.want {
			t.Errorf("tagged %q as %q; want %q", tc.text, got, tc.want)
		}
	}
}

func TestTagModelEncoding(t *testing.T) {
	m := TrainAttributionModel(inventedExamples(), TrainOptions{Epochs: 2, MinWeight: -1}).m
	got, err := decodeTagModel(m.encode())
	if err != nil {
		t.Fatalf("decodeTagModel(encode()) failed: %v", err)
	}
	if len(got.index) != len(m.index) || len(got.cueWords) != len(m.cueWords) || got.trans != m.trans {
		t.Fatalf("decoded model differs: %d features, %d cue words; want %d, %d", len(got.index), len(got.cueWords), len(m.index), len(m.cueWords))
	}
	for k, r := range m.index {
		for tag := range numTags {
			w, g := m.w[int(r)*numTags+tag], got.w[int(got.index[k])*numTags+tag]
			if d := w - g; d > 1e-3*max(1, w) || -d > 1e-3*max(1, -w, w) {
				t.Fatalf("feature %x tag %d: weight %v after decoding; want %v", k, tag, g, w)
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), m.encode()[:20]} {
		if _, err := decodeTagModel(bad); err == nil {
			t.Errorf("decodeTagModel(%q…) succeeded; want an error", bad[:min(len(bad), 8)])
		}
	}
}

func TestViterbiKeepsSpansWellFormed(t *testing.T) {
	// Emissions that favour an inside tag everywhere must still yield a
	// span that begins with its B tag.
	emit := func(i int, out *[numTags]float32) {
		*out = [numTags]float32{}
		out[tagICon] = 5
		out[tagBCon] = 1
	}
	tags := make([]uint8, 4)
	viterbiDecode(len(tags), emit, masked(new([numTags + 1][numTags]float32)), tags, nil)
	want := []uint8{tagBCon, tagICon, tagICon, tagICon}
	if !bytes.Equal(tags, want) {
		t.Errorf("viterbiDecode = %v; want %v", tags, want)
	}
}

func TestModelAddsIndirectStatement(t *testing.T) {
	// The rules know no cue "mused"; the model reads the clause shape.
	text := "Rain fell all day.\n\nThe governor mused that the state budget could be balanced by spring."
	x := Extract(Article{ID: "t", Text: text, Language: "en"})
	for _, s := range x.Statements {
		if strings.Contains(s.Content, "budget could be balanced") && s.SpeakerText == "The governor" {
			return
		}
	}
	t.Errorf("Extract(%q) statements = %+v; want one by the governor on the budget", text, x.Statements)
}

func BenchmarkExtractEnglish(b *testing.B) {
	text := strings.Repeat("“We do not see a link,” the mayor said, adding that it would take more hours. Police officials said a second device was found, according to O'Neill.\n\nThe city council, which met on Monday, has long argued that the bridge is unsafe. Prices rose by 3 percent in May.\n\n", 100)
	a := Article{Text: text, Language: "en"}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(a)
	}
}

func TestPreviousStatement(t *testing.T) {
	rules := []Statement{{Cue: "said", CueSpan: Span{10, 14}}, {Cue: "told", CueSpan: Span{40, 44}}}
	model := []Statement{{Cue: "argued", CueSpan: Span{25, 31}}}
	for _, tc := range []struct {
		pos  int
		want string
	}{{5, ""}, {20, "said"}, {30, "argued"}, {60, "told"}} {
		got := ""
		if s := previousStatement(rules, model, tc.pos); s != nil {
			got = s.Cue
		}
		if got != tc.want {
			t.Errorf("previousStatement(…, %d) has cue %q; want %q", tc.pos, got, tc.want)
		}
	}
}

func TestCutAtCue(t *testing.T) {
	text := "Ann Reyes said prices remained high, and warned that rates could rise."
	d := newDocument(Article{Text: text, Language: "en"})
	actors := newActorTable(d)
	span := func(s string) Span {
		i := strings.Index(text, s)
		return Span{len([]rune(text[:i])), len([]rune(text[:i])) + len([]rune(s))}
	}
	content := span("prices remained high, and warned that rates could rise")
	for _, tc := range []struct {
		name, speaker string
		kind          StatementKind
		want          string
	}{
		{"same speaker", "ann", Indirect, "prices remained high"},
		{"other speaker", "bob", Indirect, "prices remained high, and warned that rates could rise"},
		{"quotation", "ann", Direct, "prices remained high, and warned that rates could rise"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Statement{SpeakerID: "ann", Kind: tc.kind, ContentSpan: content, Content: d.slice(content)}
			ms := []Statement{{SpeakerID: tc.speaker, CueSpan: span("warned"), ContentSpan: span("rates could rise")}}
			cutAtCue(d, actors, &r, ms)
			if r.Content != tc.want || d.slice(r.ContentSpan) != tc.want {
				t.Errorf("content after cutAtCue = %q (span %q); want %q", r.Content, d.slice(r.ContentSpan), tc.want)
			}
		})
	}
}

func TestAssemble(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		segs       []segment
		want       []attribution
	}{
		{
			"quotation split by its cue", "“We will win,” she said, “and soon.”",
			[]segment{{tagBCon, 0, 5}, {tagBSrc, 6, 6}, {tagBCue, 7, 7}, {tagBCon, 9, 13}},
			[]attribution{{src: segment{tagBSrc, 6, 6}, cue: segment{tagBCue, 7, 7}, con: segment{tagBCon, 0, 13}}},
		},
		{
			"two sentences", "Anna said rain. Bob told nobody.",
			[]segment{{tagBSrc, 0, 0}, {tagBCue, 1, 1}, {tagBCon, 2, 2}, {tagBSrc, 4, 4}, {tagBCue, 5, 5}, {tagBCon, 6, 6}},
			[]attribution{
				{src: segment{tagBSrc, 0, 0}, cue: segment{tagBCue, 1, 1}, con: segment{tagBCon, 2, 2}},
				{src: segment{tagBSrc, 4, 4}, cue: segment{tagBCue, 5, 5}, con: segment{tagBCon, 6, 6}},
			},
		},
		{
			// The content is nearer in tokens to the cue of the next
			// sentence than to its own cue, which a long adjunct parts
			// from it.
			"content in its cue's sentence", "Anna said at a rally on Monday that prices fell. Bob now says rates rose.",
			[]segment{{tagBSrc, 0, 0}, {tagBCue, 1, 1}, {tagBCon, 7, 9}, {tagBSrc, 11, 11}, {tagBCue, 12, 13}, {tagBCon, 14, 15}},
			[]attribution{
				{src: segment{tagBSrc, 0, 0}, cue: segment{tagBCue, 1, 1}, con: segment{tagBCon, 7, 9}},
				{src: segment{tagBSrc, 11, 11}, cue: segment{tagBCue, 12, 13}, con: segment{tagBCon, 14, 15}},
			},
		},
		{
			"source in another sentence", "Anna spoke. Said rain.",
			[]segment{{tagBSrc, 0, 0}, {tagBCue, 3, 3}, {tagBCon, 4, 4}},
			[]attribution{{src: segment{i: -1}, cue: segment{tagBCue, 3, 3}, con: segment{tagBCon, 4, 4}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument(Article{Text: tc.text, Language: "en"})
			got := assemble(d, tc.segs)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("assemble = %v; want %v", got, tc.want)
			}
		})
	}
}

func TestCutAtClause(t *testing.T) {
	for _, tc := range []struct {
		name, text, content, want string
	}{
		{"participle of the reporter", "Ann Reyes said prices remained high, prompting protests in the capital.",
			"prices remained high, prompting protests in the capital", "prices remained high"},
		{"coordinated cue", "Ann Reyes criticised the budget plan and vowed to block it.",
			"the budget plan and vowed to block it", "the budget plan"},
		{"participle inside a quotation", "Ann Reyes said “prices remain high, hurting families” in the south.",
			"“prices remain high, hurting families” in the south", "“prices remain high, hurting families” in the south"},
		{"noun in -ing", "Ann Reyes said the cuts were large, including the wage freeze.",
			"the cuts were large, including the wage freeze", "the cuts were large, including the wage freeze"},
		{"too early to cut", "Ann Reyes said rates, rising fast, hurt families.",
			"rates, rising fast, hurt families", "rates, rising fast, hurt families"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument(Article{Text: tc.text, Language: "en"})
			a := newAttributor(d, newActorTable(d))
			i := strings.Index(tc.text, tc.content)
			s := len([]rune(tc.text[:i]))
			cs := Span{s, s + len([]rune(tc.content))}
			r := Statement{Kind: Indirect, ContentSpan: cs, Content: d.slice(cs)}
			cutAtClause(a, &r)
			if r.Content != tc.want || d.slice(r.ContentSpan) != tc.want {
				t.Errorf("content after cutAtClause(%q) = %q (span %q); want %q", tc.content, r.Content, d.slice(r.ContentSpan), tc.want)
			}
		})
	}
}

func TestEnNotSubject(t *testing.T) {
	text := "Ann Reyes, perhaps tired, has repeatedly and publicly said Italy and the family rally together. He stopped despite it."
	d := newDocument(Article{Text: text, Language: "en"})
	a := newAttributor(d, newActorTable(d))
	want := map[string]bool{"perhaps": true, "has": true, "repeatedly": true, "publicly": true, "together": true,
		"Ann": false, "Reyes": false, "tired": true, "stopped": true, "despite": true, "He": false, "it": false, "said": true, "Italy": false, "family": false, "rally": false}
	for k, tok := range d.tokens {
		w, ok := want[tok.text]
		if !ok {
			continue
		}
		if got := a.enNotSubject(k); got != w {
			t.Errorf("enNotSubject(%q) = %v; want %v", tok.text, got, w)
		}
	}
}

func TestEnAdverbSubject(t *testing.T) {
	for _, tc := range []struct {
		name, text, adverbs, cue, want string
	}{
		{"relative before the adverb", "The two cities, which together vowed to cut emissions, met again.", "together", "vowed", "which"},
		{"pronoun opens the sentence", "She then calls her lawyer and repeatedly says that she is innocent.", "repeatedly", "says", "She"},
		{"named subject", "Mayor Ann Reyes then calls her lawyer and repeatedly says that she is innocent.", "repeatedly", "says", "Mayor Ann Reyes"},
		{"nothing better", "Perhaps fearing the worst, voters stayed home.", "Perhaps", "fearing", "Perhaps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument(Article{Text: tc.text, Language: "en"})
			a := newAttributor(d, newActorTable(d))
			tok := func(w string) int {
				for k, tk := range d.tokens {
					if tk.text == w {
						return k
					}
				}
				t.Fatalf("no token %q in %q", w, tc.text)
				return -1
			}
			k := tok(tc.adverbs)
			sp := a.enAdverbSubject(segment{tagBSrc, k, k}, d.sentences[0], tok(tc.cue))
			if sp.text != tc.want {
				t.Errorf("enAdverbSubject(%q) in %q = %q; want %q", tc.adverbs, tc.text, sp.text, tc.want)
			}
		})
	}
}

func TestCombineStatements(t *testing.T) {
	text := "Ann said taxes rose. Bob claimed that rates fell. Cy wrote “we won”. Di told us prices would climb."
	d := newDocument(Article{Text: text, Language: "en"})
	actors := newActorTable(d)
	span := func(s string) Span {
		i := strings.Index(text, s)
		return Span{len([]rune(text[:i])), len([]rune(text[:i])) + len([]rune(s))}
	}
	st := func(cue, content string, kind StatementKind, conf float64) Statement {
		return Statement{Cue: cue, CueSpan: span(cue), Content: content, ContentSpan: span(content), Kind: kind, Confidence: conf}
	}
	rules := []Statement{
		st("said", "taxes rose", Indirect, 0.9),         // trusted: kept
		st("claimed", "rates fell", Indirect, 0.5),      // doubted, nothing from the model: dropped
		st("wrote", "we won", Direct, 0.5),              // a quotation: kept
		st("told", "prices would climb", Indirect, 0.5), // doubted, the model's instead
	}
	model := []Statement{st("told", "us prices would climb", Indirect, 0.6)}
	var got []string
	for _, s := range combineStatements(d, actors, rules, model) {
		got = append(got, s.Content)
	}
	want := []string{"taxes rose", "we won", "us prices would climb"}
	if !slices.Equal(got, want) {
		t.Errorf("combineStatements contents = %q; want %q", got, want)
	}
	// Just above the doubt, a rule statement stays.
	rules[1].Confidence = ruleDoubt
	if n := len(combineStatements(d, actors, rules, model)); n != 4 {
		t.Errorf("combineStatements with a rule statement at ruleDoubt gives %d statements; want 4", n)
	}
}

func TestDropRestatements(t *testing.T) {
	text := "Ann said she believes taxes will rise, and Bob thinks Ann hopes for calm."
	span := func(s string) Span {
		i := strings.Index(text, s)
		return Span{len([]rune(text[:i])), len([]rune(text[:i])) + len([]rune(s))}
	}
	st := func(speaker, cue, content string, kind StatementKind) Statement {
		return Statement{SpeakerID: speaker, CueSpan: span(cue), ContentSpan: span(content), Content: content, Kind: kind}
	}
	for _, tc := range []struct {
		name  string
		stmts []Statement
		want  int
	}{
		{"same speaker inside", []Statement{
			st("ann", "said", "she believes taxes will rise", Indirect),
			st("ann", "believes", "taxes will rise", Indirect),
		}, 1},
		{"another speaker inside", []Statement{
			st("bob", "thinks", "Ann hopes for calm", Indirect),
			st("ann", "hopes", "for calm", Indirect),
		}, 2},
		{"a quotation inside", []Statement{
			st("ann", "said", "she believes taxes will rise", Indirect),
			st("ann", "believes", "taxes will rise", Direct),
		}, 2},
		{"the same content twice", []Statement{
			st("ann", "said", "taxes will rise", Indirect),
			st("ann", "believes", "taxes will rise", Indirect),
		}, 2},
		{"no speaker", []Statement{
			st("", "said", "she believes taxes will rise", Indirect),
			st("", "believes", "taxes will rise", Indirect),
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dropRestatements(tc.stmts)
			if len(got) != tc.want || got[0].Content != tc.stmts[0].Content {
				t.Errorf("dropRestatements kept %d statements, first %q; want %d, first %q", len(got), got[0].Content, tc.want, tc.stmts[0].Content)
			}
		})
	}
}

// TestWeightTableLookup checks that the filter in front of the weight
// table lets every feature of the model through with its weights, and
// that features outside the model find none.
func TestWeightTableLookup(t *testing.T) {
	m := enModel()
	for k, r := range m.index {
		w := m.table.get(k)
		if w == nil {
			t.Fatalf("feature %x: no weights; want row %d", k, r)
		}
		for tag := range numTags {
			want := m.w[int(r)*numTags+tag]
			if d := float32(w[tag])*m.table.scale - want; d > m.table.scale || -d > m.table.scale {
				t.Fatalf("feature %x tag %d: weight %v; want %v", k, tag, float32(w[tag])*m.table.scale, want)
			}
		}
	}
	absent, filtered := 0, 0
	for h := uint32(1); absent < 10000; h += 7919 {
		if _, ok := m.index[h]; ok {
			continue
		}
		absent++
		if m.table.get(h) != nil {
			t.Fatalf("feature %x is not in the model but has weights", h)
		}
		if b := m.table.seenBit(h); m.table.seen[b/64]&(1<<(b%64)) == 0 {
			filtered++
		}
	}
	if filtered < absent/2 {
		t.Errorf("the filter answers %d of %d absent features; want most", filtered, absent)
	}
}
