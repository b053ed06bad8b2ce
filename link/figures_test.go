package link

import (
	"testing"

	"github.com/claimgraph/claimgraph/extract"
)

// fig returns a figure of article art whose day is its as-of day when
// given, else its article's published day.
func newFig(art, key string, v float64, q extract.Qualifier, asOf, published, since string) Figure {
	f := Figure{Ref: NodeRef{ArticleID: art, LocalID: "f", Value: v, Date: FullDay(asOf)}, Key: key, Since: since, AsOf: true, Qualifier: q}
	if f.Ref.Date == "" {
		f.Ref.Date, f.AsOf = FullDay(published), false
	}
	return f
}

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
		want    Kind   // 0: no link
		updater string // for FigureUpdates: "a" or "b", the later figure
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
		{"an incident's tolls of one day never conflict", "killed@taiz/2015-07-20", fig{13, extract.Exact, "", "2015-07-21"}, fig{22, extract.Exact, "", "2015-07-21"}, 0, ""},
		{"an incident's lower later count does not conflict", "killed@taiz/2015-07-20", fig{22, extract.Exact, "", "2015-07-21"}, fig{13, extract.Exact, "", "2015-07-24"}, 0, ""},
		{"an incident's toll revised upwards updates", "killed@taiz/2015-07-20", fig{13, extract.Exact, "", "2015-07-21"}, fig{22, extract.Exact, "", "2015-07-24"}, FigureUpdates, "b"},
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
			a := newFig("A", tt.key, tt.a.v, tt.a.q, tt.a.asOf, tt.a.published, "")
			b := newFig("B", tt.key, tt.b.v, tt.b.q, tt.b.asOf, tt.b.published, "")
			l, ok := RelateFigures(a, b)
			kind := l.Kind
			if !ok {
				kind = 0
			}
			if kind != tt.want {
				t.Fatalf("RelateFigures(%v, %v) = %v; want %v", tt.a, tt.b, kind, tt.want)
			}
			if kind == FigureUpdates {
				want := map[string]Figure{"a": a, "b": b}[tt.updater]
				if l.From != want.Ref {
					t.Errorf("RelateFigures(%v, %v): updater %s; want %s", tt.a, tt.b, l.From.ArticleID, want.Ref.ArticleID)
				}
			}
		})
	}
}

func TestRelateFiguresGuards(t *testing.T) {
	tests := []struct {
		name       string
		a, b       Figure
		wantRelate bool
	}{
		{"same article never relates", newFig("A", "killed@gaza", 100, extract.Exact, "", "2025-10-07", ""), newFig("A", "killed@gaza", 100, extract.Exact, "", "2025-10-07", ""), false},
		{"different keys never relate", newFig("A", "killed@gaza", 100, extract.Exact, "", "2025-10-07", ""), newFig("B", "killed@israel", 100, extract.Exact, "", "2025-10-07", ""), false},
		{"different given periods never relate", newFig("A", "killed@gaza", 100, extract.Exact, "", "2025-10-07", "2023-10-07"), newFig("B", "killed@gaza", 100, extract.Exact, "", "2025-10-07", "2025-10-10"), false},
		{"one period unknown relates", newFig("A", "killed@gaza", 100, extract.Exact, "", "2025-10-07", "2023-10-07"), newFig("B", "killed@gaza", 100, extract.Exact, "", "2025-10-07", ""), true},
	}
	for _, tt := range tests {
		if _, ok := RelateFigures(tt.a, tt.b); ok != tt.wantRelate {
			t.Errorf("%s: RelateFigures = %v; want %v", tt.name, ok, tt.wantRelate)
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
