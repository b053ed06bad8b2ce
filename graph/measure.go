package graph

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/extract"
)

// This file decides what a figure counts (its measure key) and how two
// figures of one measure relate. The rules, with their tolerances:
//
// Measure key: measure[:facet][@place], all lower case.
//
//   - measure is Figure.Measure folded by measureAliases ("dead", "deaths" →
//     "killed"; "wounded" → "injured").
//   - facet is a word that makes a different count of the same measure:
//     what happened to the counted (hostages "taken", "remaining",
//     "released"; heldMeasures only) is looked for in the figure's clause,
//     Subject and Text; who is counted ("children", "women", "soldiers",
//     "journalists") only in its Subject and Text. 251 hostages taken and 48 hostages remaining are two
//     keys: hostages:taken and hostages:remaining.
//   - place, for measures in placeScoped only (casualties, arrests,
//     displacement; not hostages, which are counted by who holds them), is
//     the ID of the place actor named nearest the figure inside its clause;
//     failing that, the place of a demonym in the figure's Subject or Text
//     ("فلسطيني", "Palestinians" → gaza; see demonymPlaces); failing that,
//     the place actor named nearest the figure in its sentence.
//
// The period start ("since 2023-10-07", «منذ السابع من أكتوبر 2023»: a
// date mention in the figure's clause after "since" or «منذ») is not
// part of the key, because most reports of a running toll leave it out:
// keying on it would split one toll into "with start" and "without". It
// guards instead: two figures whose starts are both given and differ never
// relate.
//
// Figure relations, for two figures of one measure in different articles
// with compatible periods. Each figure has a tolerance interval (AGREES uses
// it) and a hard interval (what it rules out; CONFLICTS and UPDATES use it):
//
//   - Exact: the value, widened by its rounding: a value whose lowest
//     non-zero digit is at 10^k, k ≥ 2, stands for ± 10^k/2 (67,000 covers
//     66,500–67,500; 1,200 covers 1,150–1,250). Both intervals.
//   - About, or Approximate: ± AboutTolerance (10%), or the rounding if wider.
//     Both intervals.
//   - MoreThan, AtLeast: tolerance [v, v·(1+BoundSlack)], BoundSlack 25%;
//     hard [v, ∞). "More than 1,000" agrees with 1,200 and conflicts with
//     nothing above 1,000; against 67,000 it neither agrees nor conflicts.
//   - LessThan, UpTo: tolerance [v·(1−BoundSlack), v]; hard [0, v].
//
// A figure's date is its AsOf when that is a full day, else its article's
// published day. Two figures are of the same time when both AsOf are full
// days and equal, or otherwise when their dates are at most SameTimeWindow
// (1 day) apart.
//
//   - Tolerance intervals overlap: AGREES (at any time). Intervals that only
//     touch do not overlap unless one is a single value: 67,000 and 68,000
//     do not agree; "about 12,000" and 13,200 do.
//   - Same time, hard intervals disjoint: CONFLICTS.
//   - Different times, hard intervals disjoint: for a growing count
//     (growingMeasures: killed, injured, arrested, displaced), the
//     later figure UPDATES the earlier when it is above it and CONFLICTS with
//     it when it is below (such counts never fall); for any other measure the
//     later figure UPDATES (supersedes) the earlier.
//   - Otherwise (bounds that overlap but do not agree): no link.

// The tolerances of the figure rules.
const (
	AboutTolerance = 0.10 // relative half-width of an "about" figure
	BoundSlack     = 0.25 // how far past its bound a "more than" figure is taken to agree
	SameTimeWindow = 1    // days between published dates still taken as the same time
)

// measureAliases folds the measure names an extractor may give to one.
var measureAliases = map[string]string{
	"dead":       "killed",
	"deaths":     "killed",
	"death":      "killed",
	"fatalities": "killed",
	"wounded":    "injured",
	"injuries":   "injured",
	"hostage":    "hostages",
	"arrests":    "arrested",
	"detained":   "arrested",
}

// growingMeasures are counts that only grow over time.
var growingMeasures = map[string]bool{
	"killed":    true,
	"injured":   true,
	"arrested":  true,
	"displaced": true,
}

// placeScoped are the measures whose key carries a place.
var placeScoped = map[string]bool{
	"killed":    true,
	"injured":   true,
	"arrested":  true,
	"displaced": true,
	"missing":   true,
}

// heldMeasures count people held; only their keys take a clause facet
// (taken, remaining, released): "killing 1,200 and taking 251 hostages"
// must not make the 1,200 "taken".
var heldMeasures = map[string]bool{
	"hostages":  true,
	"prisoners": true,
	"detainees": true,
}

// clauseFacets and subjectFacets name a different count of the same
// measure (see the rules above). Clause facets are
// looked for in the figure's clause, subject facets only in its Subject and
// Text. Words are stemmed like claim tokens (see stem) when the table is
// built, so inflected and cliticised forms match.
var (
	clauseFacets = map[string][]string{
		"taken":     {"taken", "take", "taking", "took", "abducted", "kidnapped", "seized", "اقتياد", "اقتادت", "اقتادوا", "اختطاف", "خطف", "اختطف", "اسر"},
		"remaining": {"remaining", "remain", "still", "متبقين", "المتبقين", "يزال", "يزالون", "تبقي", "باقين", "محتجزين"},
		"released":  {"released", "freed", "free", "returned", "الافراج", "افراج", "افرج", "افرجت", "سراح", "اطلق"},
	}
	subjectFacets = map[string][]string{
		"children":    {"children", "child", "اطفال", "طفل", "طفلا"},
		"women":       {"women", "woman", "نساء", "سيدات", "امراه"},
		"soldiers":    {"soldiers", "soldier", "troops", "جنود", "جندي", "جنديا", "عسكريين"},
		"journalists": {"journalists", "journalist", "صحفيين", "صحفي", "صحفيا", "صحافيين"},
	}
	clauseFacetStems  = stemTable(clauseFacets)
	subjectFacetStems = stemTable(subjectFacets)
)

// demonymPlaces map a demonym, stemmed, to the place a toll of its people
// is counted in when the clause names no place. An unplaced Palestinian
// death toll is, in this news, Gaza's: a West Bank toll names the West Bank
// and so takes that place from its clause first.
var demonymPlaces = stemTable(map[string][]string{
	"gaza":    {"فلسطيني", "فلسطينيين", "فلسطينيا", "palestinian", "palestinians", "gazan", "gazans"},
	"israel":  {"اسرائيلي", "اسرائيليين", "اسرائيليا", "israeli", "israelis"},
	"lebanon": {"لبناني", "لبنانيين", "lebanese"},
})

// stemTable inverts a table of words by key into stem → key.
func stemTable(t map[string][]string) map[string]string {
	m := make(map[string]string)
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a stem shared by two keys goes to the first
	for _, k := range keys {
		for _, w := range t[k] {
			s := stem(extract.NormalizeArabic(w))
			if _, dup := m[s]; !dup {
				m[s] = k
			}
		}
	}
	return m
}

// figureInfo is what linking needs to know of one figure.
type figureInfo struct {
	ref     NodeRef
	key     string // measure key
	measure string // folded measure name
	since   string // period start, ISO, or ""
	date    string // effective date: AsOf if a full day, else published
	asOf    bool   // date comes from a full-day AsOf
	tol     interval
	hard    interval
}

// newFigureInfo returns what linking needs of figure f of an article
// published on the given day, with its measure key and period start.
func newFigureInfo(articleID, published string, f *extract.Figure, key, since string) *figureInfo {
	measure, _, _ := strings.Cut(key, "@")
	measure, _, _ = strings.Cut(measure, ":")
	info := &figureInfo{key: key, measure: measure, since: since}
	info.date, info.asOf = fullDay(f.AsOf), true
	if info.date == "" {
		info.date, info.asOf = fullDay(published), false
	}
	info.ref = NodeRef{ArticleID: articleID, LocalID: f.ID, Value: f.Value, Date: info.date}
	info.tol, info.hard = intervals(f)
	return info
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

// intervals returns a figure's tolerance and hard intervals as the package
// comment describes.
func intervals(f *extract.Figure) (tol, hard interval) {
	v := f.Value
	r := roundingHalfWidth(v)
	point := func(half float64) interval { return interval{v - half, v + half} }
	switch f.Qualifier {
	case extract.MoreThan, extract.AtLeast:
		return interval{v, v * (1 + BoundSlack)}, interval{v, math.Inf(1)}
	case extract.LessThan, extract.UpTo:
		return interval{v * (1 - BoundSlack), v}, interval{0, v}
	case extract.About:
		p := point(math.Max(r, math.Abs(v)*AboutTolerance))
		return p, p
	}
	if f.Approximate {
		p := point(math.Max(r, math.Abs(v)*AboutTolerance))
		return p, p
	}
	return point(r), point(r)
}

// foldMeasure returns the canonical name of a measure.
func foldMeasure(m string) string {
	m = strings.ToLower(strings.TrimSpace(m))
	if a, ok := measureAliases[m]; ok {
		return a
	}
	return m
}

// textIndex gives the runes of an article's text and the place mentions in
// it, for the clause and sentence windows of its figures.
type textIndex struct {
	runes  []rune
	places []placeMention // sorted by start
	times  []extract.TimeMention
	figs   []extract.Span // every figure's span, sorted
}

type placeMention struct {
	id   string
	span extract.Span
}

func newTextIndex(d *Document) *textIndex {
	ix := &textIndex{runes: []rune(d.Text)}
	x := d.Extraction
	for _, a := range x.Actors {
		if a.Kind != extract.KindPlace {
			continue
		}
		for _, m := range a.Mentions {
			ix.places = append(ix.places, placeMention{a.ID, m})
		}
	}
	sort.Slice(ix.places, func(i, j int) bool {
		if ix.places[i].span.Start != ix.places[j].span.Start {
			return ix.places[i].span.Start < ix.places[j].span.Start
		}
		return ix.places[i].id < ix.places[j].id
	})
	ix.times = x.Times
	for _, f := range x.Figures {
		ix.figs = append(ix.figs, f.Span)
	}
	sort.Slice(ix.figs, func(i, j int) bool { return ix.figs[i].Start < ix.figs[j].Start })
	return ix
}

// isClauseBreak reports whether the rune at i ends a clause. A comma or
// point between digits (67,000; 3.5) or inside a date ("October 7, 2023")
// does not.
func (ix *textIndex) isClauseBreak(i int) bool {
	for _, t := range ix.times {
		if t.Span.Start <= i && i < t.Span.End {
			return false
		}
	}
	switch r := ix.runes[i]; r {
	case ',', '.', '٫', '٬':
		if i > 0 && i+1 < len(ix.runes) && unicode.IsDigit(ix.runes[i-1]) && unicode.IsDigit(ix.runes[i+1]) {
			return false
		}
		return true
	case '،', '؛', ';', ':', '!', '?', '؟', '\n', '(', ')', '“', '”', '"', '«', '»':
		return true
	}
	return false
}

func (ix *textIndex) isSentenceBreak(i int) bool {
	switch r := ix.runes[i]; r {
	case '.':
		return ix.isClauseBreak(i)
	case '!', '?', '؟', '\n':
		return true
	}
	return false
}

// around returns the span around s up to the nearest breaks on either side.
func (ix *textIndex) around(s extract.Span, brk func(int) bool) extract.Span {
	if len(ix.runes) == 0 || s.Start < 0 || s.End > len(ix.runes) {
		return s
	}
	lo, hi := s.Start, s.End
	for lo > 0 && !brk(lo-1) {
		lo--
	}
	for hi < len(ix.runes) && !brk(hi) {
		hi++
	}
	return extract.Span{Start: lo, End: hi}
}

// ownWindow narrows w to the part that belongs to the figure at s: it ends
// where the next figure starts and begins where the previous one ends.
func (ix *textIndex) ownWindow(s, w extract.Span) extract.Span {
	for _, o := range ix.figs {
		if o == s {
			continue
		}
		if o.End <= s.Start && o.End > w.Start {
			w.Start = o.End
		}
		if o.Start >= s.End && o.Start < w.End {
			w.End = o.Start
		}
	}
	return w
}

// nearestPlace returns the place named in w nearest to s, or "".
func (ix *textIndex) nearestPlace(s, w extract.Span) string {
	best, bestDist := "", math.MaxInt
	for _, p := range ix.places {
		if !w.Contains(p.span) {
			continue
		}
		d := p.span.Start - s.End
		if p.span.End <= s.Start {
			d = s.Start - p.span.End
		}
		if d < 0 {
			d = 0
		}
		if d < bestDist {
			best, bestDist = p.id, d
		}
	}
	return best
}

func (ix *textIndex) slice(s extract.Span) string {
	if s.Start < 0 || s.End > len(ix.runes) || s.Start >= s.End {
		return ""
	}
	return string(ix.runes[s.Start:s.End])
}

// sinceMarkers precede the start of a figure's period.
var sinceMarkers = []string{"since", "منذ"}

// since returns the start of the period of a figure: a date mention in
// its clause w introduced by "since" or «منذ».
func (ix *textIndex) since(w extract.Span) string {
	for _, t := range ix.times {
		if !w.Contains(t.Span) || t.Value == "" {
			continue
		}
		lead := ix.slice(extract.Span{Start: max(w.Start, t.Span.Start-12), End: t.Span.Start})
		lead = extract.NormalizeArabic(lead)
		for _, m := range sinceMarkers {
			if strings.Contains(lead, m) {
				return t.Value
			}
		}
	}
	return ""
}

// MeasureKeys returns the measure key of each figure of d that has a
// measure, by figure ID; figures without a measure are left out. The store
// writes them as the figures' measures. A Figure.Measure that is already a
// key (it holds ':' or '@', as a figure read back from the store may) is
// kept as it is, and computing a key again without the article's text gives
// the same key for a bare one, so reading figures back from the store and
// linking them again keeps their measures; only the period start (see
// above), which needs the text, is lost. MeasureKeys returns nil when d has
// no extraction. It is safe for concurrent use.
func MeasureKeys(d *Document) map[string]string {
	if d.Extraction == nil {
		return nil
	}
	ix := newTextIndex(d)
	keys := map[string]string{}
	for i := range d.Extraction.Figures {
		f := &d.Extraction.Figures[i]
		if k, _ := measureKey(f, ix); k != "" {
			keys[f.ID] = k
		}
	}
	return keys
}

// measureKey returns the measure key of f and the start of its period.
// ix may hold no text (then only Subject and Text are read).
func measureKey(f *extract.Figure, ix *textIndex) (key, since string) {
	if strings.ContainsAny(f.Measure, ":@") {
		return f.Measure, ""
	}
	m := foldMeasure(f.Measure)
	if m == "" {
		return "", ""
	}
	own := stems(f.Subject + " " + f.Text)
	clause, sentence := f.Span, f.Span
	var window []string
	if len(ix.runes) > 0 && f.Span.End > f.Span.Start {
		clause = ix.ownWindow(f.Span, ix.around(f.Span, ix.isClauseBreak))
		sentence = ix.around(f.Span, ix.isSentenceBreak)
		window = stems(ix.slice(clause))
		since = ix.since(clause)
	}
	facet := ""
	if heldMeasures[m] {
		for _, s := range append(append([]string{}, own...), window...) {
			if k, ok := clauseFacetStems[s]; ok {
				facet = k
				break
			}
		}
	}
	for _, s := range own {
		if k, ok := subjectFacetStems[s]; ok {
			facet = k
			break
		}
	}
	key = m
	if facet != "" {
		key += ":" + facet
	}
	if placeScoped[m] {
		place := ix.nearestPlace(f.Span, clause)
		if place == "" {
			for _, s := range own {
				if p, ok := demonymPlaces[s]; ok {
					place = p
					break
				}
			}
		}
		if place == "" {
			place = ix.nearestPlace(f.Span, sentence)
		}
		if place != "" {
			key += "@" + place
		}
	}
	return key, since
}

// relateFigures returns how a and b relate, with the later one first for
// FigureUpdates, or ok false when they do not.
func relateFigures(a, b *figureInfo) (kind LinkKind, from, to *figureInfo, ok bool) {
	if a.key != b.key || a.ref.ArticleID == b.ref.ArticleID {
		return 0, nil, nil, false
	}
	if a.since != "" && b.since != "" && a.since != b.since {
		return 0, nil, nil, false
	}
	if a.tol.overlaps(b.tol) {
		return FigureAgrees, a, b, true
	}
	if a.hard.overlaps(b.hard) {
		return 0, nil, nil, false
	}
	if sameTime(a, b) {
		return FigureConflicts, a, b, true
	}
	if dayNumber(a.date) < 0 || dayNumber(b.date) < 0 {
		return 0, nil, nil, false // one undated: neither order nor time known
	}
	older, newer := a, b
	if dayNumber(b.date) < dayNumber(a.date) {
		older, newer = b, a
	}
	if growingMeasures[a.measure] && newer.hard.Hi < older.hard.Lo {
		return FigureConflicts, a, b, true
	}
	return FigureUpdates, newer, older, true
}

// sameTime reports whether two figures speak of the same time.
func sameTime(a, b *figureInfo) bool {
	if a.asOf && b.asOf {
		return a.date == b.date
	}
	da, db := dayNumber(a.date), dayNumber(b.date)
	if da < 0 || db < 0 {
		return da < 0 && db < 0 // neither dated: cannot be ordered, so taken as one time
	}
	d := da - db
	if d < 0 {
		d = -d
	}
	return d <= SameTimeWindow
}
