package graph

import (
	"slices"
	"testing"

	"github.com/claimgraph/claimgraph/extract"
)

func TestRelateFigures(t *testing.T) {
	type fig struct {
		v         float64
		q         extract.Qualifier
		asOf      string
		published string
	}
	const killed, hostages = "killed", "hostages:remaining"
	tests := []struct {
		name    string
		key     string
		a, b    fig
		want    LinkKind // 0: no link
		updater string   // for FigureUpdates: "a" or "b", the later figure
	}{
		{"equal exact, same day", killed, fig{67000, extract.Exact, "", "2025-10-07"}, fig{67000, extract.Exact, "", "2025-10-07"}, FigureAgrees, ""},
		{"rounded 67,000 covers 67,074", killed, fig{67000, extract.Exact, "", "2025-10-07"}, fig{67074, extract.Exact, "", "2025-10-07"}, FigureAgrees, ""},
		{"67,000 does not cover 67,600", killed, fig{67000, extract.Exact, "", "2025-10-07"}, fig{67600, extract.Exact, "", "2025-10-07"}, FigureConflicts, ""},
		{"about 12,000 covers 13,200 (+10%)", killed, fig{12000, extract.About, "", "2025-10-07"}, fig{13200, extract.Exact, "", "2025-10-07"}, FigureAgrees, ""},
		{"about 12,000 conflicts with 13,300 the same day", killed, fig{12000, extract.About, "", "2025-10-07"}, fig{13300, extract.Exact, "", "2025-10-07"}, FigureConflicts, ""},
		{"seed's about 12,000 vs 67,000 the same day", killed, fig{12000, extract.About, "", "2025-10-07"}, fig{67000, extract.Exact, "", "2025-10-07"}, FigureConflicts, ""},
		{"a day apart is still the same time", killed, fig{12000, extract.About, "", "2025-10-07"}, fig{67000, extract.Exact, "", "2025-10-08"}, FigureConflicts, ""},
		{"two days apart, larger later: update", killed, fig{12000, extract.About, "", "2025-10-07"}, fig{67000, extract.Exact, "", "2025-10-09"}, FigureUpdates, "b"},
		{"update whichever comes first in the call", killed, fig{67000, extract.Exact, "", "2025-10-09"}, fig{12000, extract.About, "", "2025-10-07"}, FigureUpdates, "a"},
		{"growing count falls later: conflict", killed, fig{67000, extract.Exact, "", "2025-10-07"}, fig{60000, extract.Exact, "", "2025-10-10"}, FigureConflicts, ""},
		{"shrinking measure falls later: update", hostages, fig{48, extract.Exact, "", "2025-10-07"}, fig{20, extract.Exact, "", "2025-10-20"}, FigureUpdates, "b"},
		{"more than 1,000 agrees with 1,200", killed, fig{1000, extract.MoreThan, "", "2025-10-07"}, fig{1200, extract.Exact, "", "2025-10-07"}, FigureAgrees, ""},
		{"more than 1,000 neither agrees nor conflicts with 67,000", killed, fig{1000, extract.MoreThan, "", "2025-10-07"}, fig{67000, extract.Exact, "", "2025-10-07"}, 0, ""},
		{"more than 1,000 conflicts with 900", killed, fig{1000, extract.MoreThan, "", "2025-10-07"}, fig{900, extract.Exact, "", "2025-10-07"}, FigureConflicts, ""},
		{"up to 500 agrees with 450", killed, fig{500, extract.UpTo, "", "2025-10-07"}, fig{450, extract.Exact, "", "2025-10-07"}, FigureAgrees, ""},
		{"up to 500 conflicts with 600", killed, fig{500, extract.UpTo, "", "2025-10-07"}, fig{600, extract.Exact, "", "2025-10-07"}, FigureConflicts, ""},
		{"at least 67,600 agrees with 67,682", killed, fig{67600, extract.AtLeast, "", "2025-10-13"}, fig{67682, extract.Exact, "", "2025-10-13"}, FigureAgrees, ""},
		{"as-of days rule over published days", killed, fig{67000, extract.Exact, "2025-10-01", "2025-10-07"}, fig{68000, extract.Exact, "2025-10-05", "2025-10-07"}, FigureUpdates, "b"},
		{"equal as-of days: conflict though published apart", killed, fig{67000, extract.Exact, "2025-10-05", "2025-10-07"}, fig{68000, extract.Exact, "2025-10-05", "2025-10-12"}, FigureConflicts, ""},
		{"different as-of days a day apart are different times", killed, fig{67000, extract.Exact, "2025-10-05", "2025-10-07"}, fig{68000, extract.Exact, "2025-10-06", "2025-10-07"}, FigureUpdates, "b"},
		{"undated vs dated: no order, no link", killed, fig{67000, extract.Exact, "", ""}, fig{68000, extract.Exact, "", "2025-10-07"}, 0, ""},
		{"both undated: same time", killed, fig{67000, extract.Exact, "", ""}, fig{68000, extract.Exact, "", ""}, FigureConflicts, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := &extract.Figure{ID: "f", Value: tt.a.v, Qualifier: tt.a.q, AsOf: tt.a.asOf, Measure: "killed"}
			fb := &extract.Figure{ID: "f", Value: tt.b.v, Qualifier: tt.b.q, AsOf: tt.b.asOf, Measure: "killed"}
			if tt.key == hostages {
				fa.Measure, fb.Measure = "hostages", "hostages"
			}
			a := newFigureInfo("A", tt.a.published, fa, tt.key, "")
			b := newFigureInfo("B", tt.b.published, fb, tt.key, "")
			kind, from, _, ok := relateFigures(a, b)
			if !ok {
				kind = 0
			}
			if kind != tt.want {
				t.Fatalf("relateFigures(%v, %v) = %v; want %v", tt.a, tt.b, kind, tt.want)
			}
			if kind == FigureUpdates {
				want := map[string]*figureInfo{"a": a, "b": b}[tt.updater]
				if from != want {
					t.Errorf("relateFigures(%v, %v): updater %s; want %s", tt.a, tt.b, from.ref.ArticleID, want.ref.ArticleID)
				}
			}
		})
	}
}

func TestRelateFiguresGuards(t *testing.T) {
	f := &extract.Figure{ID: "f", Value: 100, Qualifier: extract.Exact, Measure: "killed"}
	g := &extract.Figure{ID: "g", Value: 100, Qualifier: extract.Exact, Measure: "killed"}
	tests := []struct {
		name       string
		a, b       *figureInfo
		wantRelate bool
	}{
		{"same article never relates", newFigureInfo("A", "2025-10-07", f, "killed@gaza", ""), newFigureInfo("A", "2025-10-07", g, "killed@gaza", ""), false},
		{"different keys never relate", newFigureInfo("A", "2025-10-07", f, "killed@gaza", ""), newFigureInfo("B", "2025-10-07", g, "killed@israel", ""), false},
		{"different given periods never relate", newFigureInfo("A", "2025-10-07", f, "killed@gaza", "2023-10-07"), newFigureInfo("B", "2025-10-07", g, "killed@gaza", "2025-10-10"), false},
		{"one period unknown relates", newFigureInfo("A", "2025-10-07", f, "killed@gaza", "2023-10-07"), newFigureInfo("B", "2025-10-07", g, "killed@gaza", ""), true},
	}
	for _, tt := range tests {
		if _, _, _, ok := relateFigures(tt.a, tt.b); ok != tt.wantRelate {
			t.Errorf("%s: relateFigures = %v; want %v", tt.name, ok, tt.wantRelate)
		}
	}
}

func TestMeasureKey(t *testing.T) {
	type figSpec struct {
		text, subject, measure string
		want                   string
	}
	tests := []struct {
		name   string
		text   string
		places map[string][]string // id → names in the text
		figs   []figSpec
	}{
		{
			name:   "seed: an unplaced Palestinian toll counts in Gaza; hostages taken",
			text:   "جاءت هذه المباحثات على خلفية الحرب التي اندلعت في السابع من أكتوبر 2023 بين حركة المقاومة الإسلامية الفلسطينية (حماس) وجنوب إسرائيل، وأسفرت عن مقتل نحو 12 ألف فلسطيني وفقًا لتقديرات أولية، بينما تم اقتياد 251 شخصًا كرهائن إلى غزة.",
			places: map[string][]string{"israel": {"إسرائيل"}, "gaza": {"غزة"}},
			figs: []figSpec{
				{"نحو 12 ألف فلسطيني", "فلسطيني", "killed", "killed@gaza"},
				{"251 شخصًا", "شخصًا رهائن", "hostages", "hostages:taken"},
			},
		},
		{
			name:   "the issue's five measures in one sentence",
			text:   "Hamas killed 1,200 people in Israel and took 251 hostages; 12,000 Palestinians have been killed in Gaza, 169,679 wounded, and 48 hostages remain.",
			places: map[string][]string{"israel": {"Israel"}, "gaza": {"Gaza"}},
			figs: []figSpec{
				{"1,200 people", "people", "killed", "killed@israel"},
				{"251 hostages", "hostages", "hostages", "hostages:taken"},
				{"12,000 Palestinians", "Palestinians", "killed", "killed@gaza"},
				{"169,679", "wounded", "wounded", "injured@gaza"},
				{"48 hostages", "hostages", "hostages", "hostages:remaining"},
			},
		},
		{
			name:   "a place in the clause beats the demonym",
			text:   "قالت الوزارة إن أكثر من 1000 فلسطيني قتلوا في الضفة الغربية منذ السابع من أكتوبر 2023.",
			places: map[string][]string{"west-bank": {"الضفة الغربية"}},
			figs:   []figSpec{{"أكثر من 1000 فلسطيني", "فلسطيني", "killed", "killed@west-bank"}},
		},
		{
			name:   "who is counted makes a facet; a place elsewhere in the sentence",
			text:   "وفي غزة، قتل أكثر من 20 ألف طفل منذ بدء الحرب.",
			places: map[string][]string{"gaza": {"غزة"}},
			figs:   []figSpec{{"أكثر من 20 ألف طفل", "طفل", "killed", "killed:children@gaza"}},
		},
		{
			name:   "released hostages, Arabic",
			text:   "وأفرجت حركة حماس يوم الاثنين عن 20 رهينة إسرائيليًا على قيد الحياة.",
			places: map[string][]string{"israel": {"إسرائيل"}},
			figs:   []figSpec{{"20 رهينة", "رهينة", "hostages", "hostages:released"}},
		},
		{
			name:   "remaining hostages, Arabic",
			text:   "ولا يزال 48 رهينة محتجزين في غزة.",
			places: map[string][]string{"gaza": {"غزة"}},
			figs:   []figSpec{{"48 رهينة", "رهينة محتجزين", "hostages", "hostages:remaining"}},
		},
		{
			name: "no place anywhere",
			text: "The ministry said 300 people had been arrested.",
			figs: []figSpec{{"300 people", "people", "arrests", "arrested"}},
		},
		{
			name: "no measure, no key",
			text: "The plan has 20 points.",
			figs: []figSpec{{"20 points", "points", "", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBuilder(t, storyArticle{ID: "t", Text: tt.text})
			for id, names := range tt.places {
				b.actor(id, place, names...)
			}
			for i, f := range tt.figs {
				b.fig(string(rune('a'+i)), 1, extract.Exact, f.text, f.subject, f.measure)
			}
			d := b.doc(storyArticle{ID: "t", Text: tt.text})
			ix := newTextIndex(&d)
			for i, f := range tt.figs {
				if got, _ := measureKey(&d.Extraction.Figures[i], ix); got != f.want {
					t.Errorf("measureKey(%q) = %q; want %q", f.text, got, f.want)
				}
			}
		})
	}
}

func TestMeasureKeyWithoutText(t *testing.T) {
	// Without the article's text only Subject and Text speak.
	f := &extract.Figure{Value: 20000, Text: "20,000 children", Subject: "Palestinian children", Measure: "dead"}
	if got, _ := measureKey(f, &textIndex{}); got != "killed:children@gaza" {
		t.Errorf("measureKey(%q) = %q; want %q", f.Text, got, "killed:children@gaza")
	}
}

func TestSince(t *testing.T) {
	b := newBuilder(t, storyArticle{ID: "t", Text: "قتل 67 ألف فلسطيني منذ السابع من أكتوبر 2023، وأصيب 169 ألفًا في السابع من نوفمبر."})
	b.time("السابع من أكتوبر 2023", "2023-10-07").time("السابع من نوفمبر", "2023-11-07").
		fig("a", 67000, extract.Exact, "67 ألف فلسطيني", "فلسطيني", "killed").
		fig("b", 169000, extract.Exact, "169 ألفًا", "", "injured")
	d := b.doc(storyArticle{ID: "t", Text: string(b.runes)})
	ix := newTextIndex(&d)
	for i, want := range []string{"2023-10-07", ""} {
		if _, got := measureKey(&d.Extraction.Figures[i], ix); got != want {
			t.Errorf("since of %q = %q; want %q", d.Extraction.Figures[i].Text, got, want)
		}
	}
}

func TestRoundingHalfWidth(t *testing.T) {
	for _, tt := range []struct{ v, want float64 }{
		{67000, 500}, {1200, 50}, {12000, 500}, {251, 0}, {240, 0}, {100, 50}, {169679, 0}, {67.5, 0}, {0, 0},
	} {
		if got := roundingHalfWidth(tt.v); got != tt.want {
			t.Errorf("roundingHalfWidth(%v) = %v; want %v", tt.v, got, tt.want)
		}
	}
}

// Figures read back from the store carry their key as Measure and no text:
// linking them again must give the same links (the period guard aside,
// which the story does not need).
func TestMeasureKeysSurviveReadBack(t *testing.T) {
	docs := storyDocs(t)
	want := sortedLinkStrings(docs)
	var back []Document
	for _, d := range docs {
		keys := MeasureKeys(&d)
		x := *d.Extraction
		x.Figures = append([]extract.Figure(nil), x.Figures...)
		for i := range x.Figures {
			x.Figures[i].Measure = keys[x.Figures[i].ID]
		}
		back = append(back, Document{Meta: d.Meta, Extraction: &x}) // no Text
	}
	for _, d := range back {
		for id, k := range MeasureKeys(&d) {
			if k2, _ := measureKey(figureByID(d.Extraction, id), &textIndex{}); k2 != k {
				t.Errorf("%s/%s: key %q read back as %q", d.Meta.ID, id, k, k2)
			}
		}
	}
	if got := sortedLinkStrings(back); !slices.Equal(got, want) {
		t.Errorf("links after read-back differ:\n%s", diffLines(got, want))
	}
}

func figureByID(x *extract.Extraction, id string) *extract.Figure {
	for i := range x.Figures {
		if x.Figures[i].ID == id {
			return &x.Figures[i]
		}
	}
	return nil
}
