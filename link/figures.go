package link

import (
	"math"
	"strings"

	"github.com/claimgraph/claimgraph/extract"
)

// Figures of one measure key (extract.Figure.Key) form a series ordered by
// day. The store relates each new figure to its neighbours in that order
// (the figures of its own day and of the nearest days before and after it
// that have figures), so a measure of n figures holds O(n) links, and a
// toll that falls below the day before still conflicts with it.
//
// Each figure has a tolerance interval (FigureAgrees uses it) and a hard
// interval (what it rules out; FigureConflicts and FigureUpdates use it):
//
//   - Exact: the value, widened by its rounding: a value whose lowest
//     non-zero digit is at 10^k, k ≥ 2, stands for ± 10^k/2 (67,000 covers
//     66,500–67,500; 1,200 covers 1,150–1,250). Both intervals.
//   - About, or Approximate: ± AboutTolerance (10%), or the rounding if wider.
//     Both intervals.
//   - MoreThan, AtLeast: tolerance [v, v·(1+BoundSlack)]; hard [v, ∞).
//   - LessThan, UpTo: tolerance [v·(1−BoundSlack), v]; hard [0, v].
//
// Two figures are of the same time when both days come from their as-of
// dates and are equal, or otherwise when their days are at most
// SameTimeWindow apart.
//
//   - Tolerance intervals overlap: FigureAgrees (at any time).
//   - Same time, hard intervals disjoint: FigureConflicts.
//     But not for the toll of one incident (Incident): two counts of one
//     place and day may count two incidents, so they never conflict.
//   - Different times, hard intervals disjoint: for a growing count
//     (killed, injured, arrested, displaced, missing), the later figure
//     updates the earlier when it is above it and conflicts with it when
//     it is below (such counts never fall); for any other measure the
//     later figure updates (supersedes) the earlier.
//   - Two figures whose period starts (extract.Figure.Since) are both
//     given and differ never relate.
//   - Otherwise (bounds that overlap but do not agree): no link.

// The tolerances of the figure rules.
const (
	AboutTolerance = 0.10 // relative half-width of an "about" figure
	BoundSlack     = 0.25 // how far past its bound a "more than" figure is taken to agree
	SameTimeWindow = 1    // days between days not from as-of dates still taken as the same time
)

// growing are the measures (the part of a key before ':' or '@') that
// only grow over time.
var growing = map[string]bool{"killed": true, "injured": true, "arrested": true, "displaced": true, "missing": true}

// Figure is what linking reads of one figure.
type Figure struct {
	Ref         NodeRef // Ref.Date is the figure's day: its as-of day, else its article's published day
	Key         string  // its measure key
	Since       string  // the start of its period, or ""
	AsOf        bool    // Ref.Date comes from the figure's own as-of date
	Qualifier   extract.Qualifier
	Approximate bool
}

// Measure returns the measure of a key: the part before any ':' or '@'.
func Measure(key string) string {
	m, _, _ := strings.Cut(key, "@")
	m, _, _ = strings.Cut(m, ":")
	return m
}

// Incident reports whether key is the series of one incident's toll
// ("killed@israel/2023-10-07": a place and a day), not a running total.
func Incident(key string) bool {
	_, place, ok := strings.Cut(key, "@")
	return ok && strings.Contains(place, "/")
}

// Growing reports whether the measure of key only grows over time.
func Growing(key string) bool { return growing[Measure(key)] }

// RelateFigures returns how two figures relate, as a link whose From is
// the later figure for FigureUpdates, or ok false when they do not (or
// are of one article, or of different keys).
func RelateFigures(a, b Figure) (l Link, ok bool) {
	if a.Key != b.Key || a.Ref.ArticleID == b.Ref.ArticleID {
		return Link{}, false
	}
	if a.Since != "" && b.Since != "" && a.Since != b.Since {
		return Link{}, false
	}
	atol, ahard := intervals(a)
	btol, bhard := intervals(b)
	if atol.overlaps(btol) {
		return Symmetric(FigureAgrees, a.Ref, b.Ref, a.Key, 1), true
	}
	if ahard.overlaps(bhard) {
		return Link{}, false
	}
	if Incident(a.Key) && (sameTime(a, b) || newerBelow(a, b, ahard, bhard)) {
		return Link{}, false // two counts of one place and day may be two incidents
	}
	if sameTime(a, b) {
		return Symmetric(FigureConflicts, a.Ref, b.Ref, a.Key, 1), true
	}
	da, db := DayNumber(a.Ref.Date), DayNumber(b.Ref.Date)
	if da < 0 || db < 0 {
		return Link{}, false // one undated: neither order nor time known
	}
	older, newer := a, b
	if db < da {
		older, newer = b, a
	}
	if Growing(a.Key) && newerBelow(a, b, ahard, bhard) {
		return Symmetric(FigureConflicts, a.Ref, b.Ref, a.Key, 1), true
	}
	return Link{Kind: FigureUpdates, From: newer.Ref, To: older.Ref, Key: a.Key, Score: 1}, true
}

// newerBelow reports whether the later of two dated figures, with hard
// intervals ahard and bhard, is wholly below the earlier.
func newerBelow(a, b Figure, ahard, bhard interval) bool {
	da, db := DayNumber(a.Ref.Date), DayNumber(b.Ref.Date)
	if da < 0 || db < 0 || da == db {
		return false
	}
	if db < da {
		return ahard.Hi < bhard.Lo
	}
	return bhard.Hi < ahard.Lo
}

// sameTime reports whether two figures speak of the same time.
func sameTime(a, b Figure) bool {
	if a.AsOf && b.AsOf {
		return a.Ref.Date == b.Ref.Date
	}
	da, db := DayNumber(a.Ref.Date), DayNumber(b.Ref.Date)
	if da < 0 || db < 0 {
		return da < 0 && db < 0 // neither dated: cannot be ordered, so taken as one time
	}
	return abs(da-db) <= SameTimeWindow
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// interval is a closed range of values; Hi may be +Inf.
type interval struct{ Lo, Hi float64 }

// overlaps reports whether a and b share a value. Intervals that only touch
// share none unless one is a single value: 67,000 (66,500–67,500) and
// 68,000 (67,500–68,500) do not agree, "about 12,000" and 13,200 do.
func (a interval) overlaps(b interval) bool {
	lo, hi := math.Max(a.Lo, b.Lo), math.Min(a.Hi, b.Hi)
	return lo < hi || (lo == hi && (a.Lo == a.Hi || b.Lo == b.Hi))
}

// roundingHalfWidth returns half the unit of the lowest non-zero digit of v
// when that unit is 100 or more, else 0: 67,000 → 500.
func roundingHalfWidth(v float64) float64 {
	if v <= 0 || v != math.Trunc(v) {
		return 0
	}
	unit := 1.0
	for u := 10.0; u <= v && math.Mod(v, u) == 0; u *= 10 {
		unit = u
	}
	if unit < 100 {
		return 0
	}
	return unit / 2
}

// intervals returns a figure's tolerance and hard intervals.
func intervals(f Figure) (tol, hard interval) {
	v := f.Ref.Value
	r := roundingHalfWidth(v)
	point := func(half float64) interval { return interval{v - half, v + half} }
	switch f.Qualifier {
	case extract.MoreThan, extract.AtLeast:
		return interval{v, v * (1 + BoundSlack)}, interval{v, math.Inf(1)}
	case extract.LessThan, extract.UpTo:
		return interval{v * (1 - BoundSlack), v}, interval{0, v}
	}
	if f.Qualifier == extract.About || f.Approximate {
		p := point(math.Max(r, math.Abs(v)*AboutTolerance))
		return p, p
	}
	return point(r), point(r)
}
