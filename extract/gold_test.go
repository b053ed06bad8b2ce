package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/extract")

// goldArticle is one hand-annotated article in the format of the shared
// evaluation sets (../shared/eval/README.md).
type goldArticle struct {
	ID        string `json:"id"`
	Language  string `json:"language"`
	Published string `json:"published"`
	Text      string `json:"text"`
	Actors    []struct {
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	} `json:"actors"`
	Statements []struct {
		Speaker string `json:"speaker"`
		Cue     string `json:"cue"`
		Kind    string `json:"kind"`
		Content string `json:"content"`
	} `json:"statements"`
	Figures []struct {
		Value       float64 `json:"value"`
		Approximate bool    `json:"approximate"`
		Subject     string  `json:"subject"`
		Measure     string  `json:"measure"`
	} `json:"figures"`
	Events []struct {
		Trigger string `json:"trigger"`
		Date    string `json:"date"`
	} `json:"events"`
}

// knownGaps lists, per gold article, what the extractor is known to get
// wrong today, in the words goldDiff uses. The gold test fails on any other
// difference, and also when a listed gap closes, so that this list stays
// exact and a fix or a regression always shows.
var knownGaps = map[string][]string{
	"ar-health-dengue": {
		"missed event date 2024-06-16", // 10 Dhu al-Hijjah 1445 comes out a day late (2024-06-17)
	},
	"ar-sports-derby": {
		"missed statement إدارة النصر: بمراجعة تقنية الفيديو",
	},
	"en-court-pensions": {
		// The English model learned PolNeAR's broad reading, where
		// ordering and declining are attributions too.
		"spurious statement A federal judge: the company to pay $2.5 million in damages to 14 former employees",
		"spurious statement He: to comment further",
	},
	"en-election-turnout": {
		"missed statement Senior officials: coalition talks could take weeks",
	},
	"en-economy-rates": {
		"missed figure 18 (months)",
		"missed event date 2023-07-26", // "raised" is no trigger: mostly "raised questions", "raised $4 million"
	},
}

func loadGold(tb testing.TB, dir string) []goldArticle {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []goldArticle
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var g goldArticle
		if err := json.Unmarshal(b, &g); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		out = append(out, g)
	}
	return out
}

func (g *goldArticle) article(tb testing.TB) Article {
	tb.Helper()
	a := Article{ID: g.ID, Text: g.Text, Language: g.Language}
	if g.Published != "" {
		t, err := time.Parse("2006-01-02", g.Published)
		if err != nil {
			tb.Fatalf("%s: published %q: %v", g.ID, g.Published, err)
		}
		a.Published = t
	}
	return a
}

func TestGold(t *testing.T) {
	golds := loadGold(t, filepath.Join("..", "testdata", "extract", "gold"))
	if len(golds) < 6 {
		t.Fatalf("found %d gold articles under testdata/extract/gold; want at least 6", len(golds))
	}
	for _, g := range golds {
		t.Run(g.ID, func(t *testing.T) {
			x := Extract(g.article(t))
			checkExtraction(t, g.Text, x)
			got := goldDiff(&g, x)
			known := map[string]bool{}
			for _, k := range knownGaps[g.ID] {
				known[k] = true
			}
			for _, d := range got {
				if !known[d] {
					t.Errorf("%s", d)
				}
				delete(known, d)
			}
			for k := range known {
				t.Errorf("known gap %q is gone; remove it from knownGaps", k)
			}
		})
	}
}

// matchStatements pairs gold and extracted statements one to one, best
// pairs first, as ../shared/eval/score.py does: content token F1 ≥ 0.5 and,
// when speakers is true, speakers that agree. It maps gold index to
// extracted index.
func matchStatements(g *goldArticle, x *Extraction, speakers bool) map[int]int {
	names := map[string][]string{}
	for _, a := range g.Actors {
		names[a.Name] = append([]string{a.Name}, a.Aliases...)
	}
	type pair struct {
		s    float64
		i, j int
	}
	var cands []pair
	for i, gs := range g.Statements {
		gn := names[gs.Speaker]
		if gn == nil {
			gn = []string{gs.Speaker}
		}
		for j, ps := range x.Statements {
			f := tokenF1(gs.Content, ps.Content)
			if f < 0.5 {
				continue
			}
			pn := []string{ps.SpeakerText}
			if a := x.Actor(ps.SpeakerID); a != nil {
				pn = append(pn, a.Name)
				pn = append(pn, a.Aliases...)
			}
			if !speakers || namesMatch(gn, pn) {
				cands = append(cands, pair{f, i, j})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].s > cands[b].s })
	out := map[int]int{}
	usedP := map[int]bool{}
	for _, c := range cands {
		if _, ok := out[c.i]; ok || usedP[c.j] {
			continue
		}
		out[c.i] = c.j
		usedP[c.j] = true
	}
	return out
}

// goldDiff scores x against g item by item, as ../shared/eval/score.py
// does, and returns what differs: missed and spurious statements, figures
// and event dates, and matched items whose kind, approximation or measure
// disagree.
func goldDiff(g *goldArticle, x *Extraction) []string {
	var out []string

	// Statements: content token F1 ≥ 0.5 and the speaker agrees.
	pairs := matchStatements(g, x, true)
	usedG, usedP := map[int]bool{}, map[int]bool{}
	for i, j := range pairs {
		usedG[i], usedP[j] = true, true
		if gk, pk := g.Statements[i].Kind, x.Statements[j].Kind.String(); gk != pk {
			out = append(out, fmt.Sprintf("statement %q is %s; want %s", clipRunes(g.Statements[i].Content, 40), pk, gk))
		}
	}
	for i, gs := range g.Statements {
		if !usedG[i] {
			out = append(out, fmt.Sprintf("missed statement %s: %s", gs.Speaker, gs.Content))
		}
	}
	for j, ps := range x.Statements {
		if !usedP[j] {
			out = append(out, fmt.Sprintf("spurious statement %s: %s", ps.SpeakerText, ps.Content))
		}
	}

	// Figures: the value agrees; then approximation and measure must too.
	usedP = map[int]bool{}
	for _, gf := range g.Figures {
		found := -1
		for j, pf := range x.Figures {
			if !usedP[j] && math.Abs(pf.Value-gf.Value) <= 1e-9*math.Max(1, math.Abs(gf.Value)) {
				found = j
				break
			}
		}
		if found < 0 {
			out = append(out, fmt.Sprintf("missed figure %v (%s)", gf.Value, gf.Subject))
			continue
		}
		usedP[found] = true
		pf := x.Figures[found]
		if pf.Approximate != gf.Approximate {
			out = append(out, fmt.Sprintf("figure %v approximate = %v; want %v", gf.Value, pf.Approximate, gf.Approximate))
		}
		if gf.Measure != "" && pf.Measure != gf.Measure {
			out = append(out, fmt.Sprintf("figure %v measure = %q; want %q", gf.Value, pf.Measure, gf.Measure))
		}
	}
	for j, pf := range x.Figures {
		if !usedP[j] {
			out = append(out, fmt.Sprintf("spurious figure %v", pf.Value))
		}
	}

	// Event dates: every dated gold event has an event of that date.
	dates := map[string]int{}
	for _, e := range x.Events {
		if e.Date != "" {
			dates[e.Date]++
		}
	}
	for _, ge := range g.Events {
		if ge.Date == "" {
			continue
		}
		if dates[ge.Date] == 0 {
			out = append(out, "missed event date "+ge.Date)
			continue
		}
		dates[ge.Date]--
	}
	return out
}

var scoreStop = map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "in": true, "on": true, "that": true,
	"او": true, "و": true, "في": true, "من": true, "الى": true, "علي": true, "ان": true, "عن": true}

// scoreTokens splits s into the tokens the shared scorer compares:
// normalised Arabic, lower case, no punctuation, no stop words.
func scoreTokens(s string) []string {
	s = strings.NewReplacer("ة", "ه", "ؤ", "و", "ئ", "ي").Replace(NormalizeArabic(s))
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
	out := f[:0]
	for _, w := range f {
		if !scoreStop[w] {
			out = append(out, w)
		}
	}
	return out
}

func tokenF1(a, b string) float64 {
	ta, tb := scoreTokens(a), scoreTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	pool := map[string]int{}
	for _, w := range tb {
		pool[w]++
	}
	common := 0
	for _, w := range ta {
		if pool[w] > 0 {
			pool[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(ta)), float64(common)/float64(len(tb))
	return 2 * p * r / (p + r)
}

// namesMatch reports whether some name of one list equals, or has its
// words inside, or holds the words of, some name of the other.
func namesMatch(gold, pred []string) bool {
	subset := func(a, b map[string]bool) bool {
		for w := range a {
			if !b[w] {
				return false
			}
		}
		return true
	}
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range scoreTokens(s) {
			m[w] = true
		}
		return m
	}
	for _, g := range gold {
		tg := set(g)
		if len(tg) == 0 {
			continue
		}
		for _, p := range pred {
			tp := set(p)
			if len(tp) > 0 && (subset(tg, tp) || subset(tp, tg)) {
				return true
			}
		}
	}
	return false
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// TestSeedGolden compares the whole extraction of the seed article with
// testdata/extract/seed.golden.json; run go test ./extract -update to
// rewrite it after a deliberate change, and read the diff.
func TestSeedGolden(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "gaza-diplomacy.txt"))
	if err != nil {
		t.Fatal(err)
	}
	x := Extract(Article{ID: "seed-gaza-diplomacy", Text: string(text), Language: "ar", Published: time.Date(2025, 10, 7, 0, 0, 0, 0, time.UTC)})
	checkExtraction(t, string(text), x)
	got, err := json.MarshalIndent(x, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("..", "testdata", "extract", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("seed extraction differs from %s at line %d:\n got: %s\nwant: %s\n(go test ./extract -update rewrites it)", golden, i+1, g, w)
			}
		}
	}
}
