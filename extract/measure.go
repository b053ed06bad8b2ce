package extract

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// This file decides what a figure counts across articles: its measure key
// (Figure.Key), the start of the period it counts (Figure.Since) and the
// day it holds for (Figure.AsOf). Figures of one key are one series, so a
// key must mean one thing: a figure whose measure is not known gets none,
// and links to nothing.
//
// Measure key: measure[:facet][@place], all lower case.
//
//   - measure is Figure.Measure folded by measureAliases ("dead", "deaths" →
//     "killed"; "wounded" → "injured"). When the figure's own words give
//     no measure (a bare count of people), a measure cue in its clause
//     gives it: passive and nominal phrasings such as "1,139 people were
//     killed", «… شخصا قتلوا», «عدد القتلى ارتفع إلى 67,900».
//     Only counts of people (keyedMeasures) are keyed: catch-alls such as
//     "count", "money", "percent" or "duration" would put unrelated numbers
//     in one series, and even a commodity's price is not one series (Brent
//     or WTI, spot or forecast, morning or close).
//   - facet is a word that makes a different count of the same measure:
//     what happened to the counted (hostages "taken", "remaining",
//     "released"; heldMeasures only) is looked for in the figure's clause,
//     Subject and Text; who is counted ("children", "women", "soldiers",
//     "journalists") only in its Subject and Text.
//   - A casualty count (placeScoped but not a stock) belongs to one of two
//     kinds of series. The toll of one incident, when its sentence names
//     an incident and a day ("13 people were killed in the October 7, 2023
//     attack in Israel": killed@israel/2023-10-07), so that reports of
//     that incident's toll agree, conflict or update. A running total,
//     when it has a period start, or its clause names no incident and it
//     or its sentence says it is one ("toll", "the number of", "rose to",
//     "since", «عدد», «حصيلة», «ارتفع», «حتى الآن») or its sentence names a
//     war, whose toll runs («الحرب … وأسفرت عن مقتل»). Any other count of
//     casualties ("a blast killed six in Aden") makes no series: two
//     incidents are not two tolls that contradict each other. "A strike killed 13 people in Taiz" counts one incident;
//     two incidents the same day are not two tolls that contradict each
//     other. It also needs a place: "the toll rose to 300" alone could be
//     any war's.
//   - place, for measures in placeScoped only, is the place actor named
//     nearest the figure inside its clause; failing that, the place named
//     inside its source's name («وزارة الصحة في غزة», "Gaza's health
//     ministry") or inside the name of an organisation its sentence names;
//     failing that, the place of a demonym in the figure's
//     Subject or Text ("فلسطيني", "Palestinians" → gaza); failing that, the
//     place named nearest the figure in its sentence.
//
// The period start ("since 2023-10-07", «منذ السابع من أكتوبر 2023») is
// Since, not part of the key (most reports of a running toll leave it
// out). A figure holds (AsOf) for the date its clause gives with "as of",
// "until", «حتى» and the like; else for the day its statement was made;
// else for the article's publication day. Other dates in its sentence are
// the dates of events («الحرب التي اندلعت في السابع من أكتوبر 2023
// وأسفرت عن مقتل …»), not of the count.

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

// keyedMeasures are the counts of people that make a series.
var keyedMeasures = map[string]bool{
	"killed": true, "injured": true, "hostages": true, "prisoners": true, "detainees": true,
	"displaced": true, "refugees": true, "arrested": true, "missing": true,
}

// placeScoped are the measures whose key needs a place: a count of people
// means nothing across articles until one knows where. Hostages are
// counted by who holds them, not where, and need a facet instead
// (taken, remaining, released).
var placeScoped = map[string]bool{
	"killed": true, "injured": true, "arrested": true, "displaced": true, "missing": true, "refugees": true,
}

// stockMeasures count how many people are in a state at a time, not how
// many an incident hit: every report of them is a point in a series.
var stockMeasures = map[string]bool{"displaced": true, "refugees": true, "missing": true}

// runningTotal are the words, stemmed, that make a casualty count a
// running total.
var runningTotal = stemSet(`toll tally total number overall cumulative rose risen climbed reached far since
	عدد حصيله اجمالي مجموع ارتفع ارتفعت ارتفاع يرتفع ترتفع بلغ بلغت وصل وصلت الان منذ`)

// wars are the words, stemmed, of a happening whose toll runs; incidents
// of one whose toll is its own.
var (
	wars      = stemSet(`war conflict offensive حرب الحرب حربا عدوان العدوان`)
	incidents = stemSet(`strike airstrike raid blast explosion bombing attack crash accident collision fire shelling
		غاره الغاره انفجار الانفجار هجوم الهجوم حادث الحادث حادثه تفجير قصف القصف حريق اصطدام`)
)

func stemSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[Stem(NormalizeArabic(w))] = true
	}
	return m
}

// heldMeasures count people held; only their keys take a clause facet
// (taken, remaining, released): "killing 1,200 and taking 251 hostages"
// must not make the 1,200 "taken".
var heldMeasures = map[string]bool{"hostages": true, "prisoners": true, "detainees": true}

// clauseFacets and subjectFacets name a different count of the same
// measure (see above). Words are stemmed (Stem) when the table is built.
var (
	clauseFacetStems = stemTable(map[string][]string{
		"taken":     {"taken", "take", "taking", "took", "abducted", "kidnapped", "seized", "اقتياد", "اقتادت", "اقتادوا", "اختطاف", "خطف", "اختطف", "اسر"},
		"remaining": {"remaining", "remain", "still", "متبقين", "المتبقين", "يزال", "يزالون", "تبقي", "باقين", "محتجزين"},
		"released":  {"released", "freed", "free", "returned", "الافراج", "افراج", "افرج", "افرجت", "سراح", "اطلق"},
	})
	subjectFacetStems = stemTable(map[string][]string{
		"children":    {"children", "child", "اطفال", "طفل", "طفلا"},
		"women":       {"women", "woman", "نساء", "سيدات", "امراه"},
		"soldiers":    {"soldiers", "soldier", "troops", "جنود", "جندي", "جنديا", "عسكريين"},
		"journalists": {"journalists", "journalist", "صحفيين", "صحفي", "صحفيا", "صحافيين"},
	})
)

// demonymPlaces map a demonym, stemmed, to the place a toll of its people
// is counted in when nothing nearer names one. An unplaced Palestinian
// death toll is, in this news, Gaza's: a West Bank toll names the West Bank
// and so takes that place from its clause first.
var demonymPlaces = stemTable(map[string][]string{
	"gaza":    {"فلسطيني", "فلسطينيين", "فلسطينيا", "palestinian", "palestinians", "gazan", "gazans"},
	"israel":  {"اسرائيلي", "اسرائيليين", "اسرائيليا", "israeli", "israelis"},
	"lebanon": {"لبناني", "لبنانيين", "lebanese"},
})

// sinceMarkers precede the start of a figure's period; asOfMarkers the
// date a count holds for.
var (
	sinceMarkers = []string{"since", "منذ"}
	asOfMarkers  = []string{"as of", "as at", "until", "through", "حتي", "لغايه", "وحتي"}
)

// KeyFigures sets the Key and Since of every figure of x that has no Key
// yet, and its AsOf when it has none, as this file's comment says, reading the article's text
// (which may be empty: then only each figure's Subject, Text and source
// speak) and its publication day (zero when unknown). Extract calls it; a
// store calls it for extractions that come from elsewhere. It is safe for
// concurrent use on distinct extractions.
func KeyFigures(text string, published time.Time, x *Extraction) {
	if x == nil || len(x.Figures) == 0 {
		return
	}
	ix := newFigureIndex(text, x)
	pub := ""
	if !published.IsZero() {
		pub = published.Format("2006-01-02")
	}
	saidOn := map[string]string{}
	for _, s := range x.Statements {
		saidOn[s.ID] = s.SaidOn
	}
	for i := range x.Figures {
		f := &x.Figures[i]
		if f.Key != "" {
			continue
		}
		var clause Span
		f.Key, f.Since, clause = ix.measureKey(i, x)
		if f.AsOf == "" {
			f.AsOf = ix.marked(clause, asOfMarkers)
		}
		if f.AsOf == "" {
			f.AsOf = saidOn[f.StatementID]
		}
		if f.AsOf == "" {
			f.AsOf = pub
		}
	}
}

// foldMeasure returns the canonical name of a measure.
func foldMeasure(m string) string {
	m = strings.ToLower(strings.TrimSpace(m))
	if a, ok := measureAliases[m]; ok {
		return a
	}
	return m
}

// figureIndex gives the runes of an article's text and the place mentions
// in it, for the clause and sentence windows of its figures.
type figureIndex struct {
	runes  []rune
	places []placeMention // sorted by start
	times  []TimeMention
	inTime []bool // per rune: inside a time mention
	figs   []Span // every figure's span, sorted
	// subjects holds the normalised words of each figure's subject, by
	// figure index, and subjectCount how many figures' subjects hold each
	// word (othersHave).
	subjects     [][]string
	subjectCount map[string]int
}

type placeMention struct {
	id   string
	span Span
}

func newFigureIndex(text string, x *Extraction) *figureIndex {
	ix := &figureIndex{runes: []rune(text), times: x.Times}
	ix.inTime = make([]bool, len(ix.runes))
	for _, t := range x.Times {
		for i := max(t.Span.Start, 0); i < min(t.Span.End, len(ix.inTime)); i++ {
			ix.inTime[i] = true
		}
	}
	ix.subjectCount = map[string]int{}
	for _, f := range x.Figures {
		ws := strings.FieldsFunc(NormalizeArabic(f.Subject), func(r rune) bool { return !isWordRune(r) })
		ix.subjects = append(ix.subjects, ws)
		seen := map[string]bool{}
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				ix.subjectCount[w]++
			}
		}
	}
	for _, a := range x.Actors {
		if a.Kind != KindPlace {
			continue
		}
		for _, m := range a.Mentions {
			ix.places = append(ix.places, placeMention{a.ID, m})
		}
	}
	slices.SortFunc(ix.places, func(a, b placeMention) int {
		if a.span.Start != b.span.Start {
			return a.span.Start - b.span.Start
		}
		return strings.Compare(a.id, b.id)
	})
	for _, f := range x.Figures {
		ix.figs = append(ix.figs, f.Span)
	}
	slices.SortFunc(ix.figs, func(a, b Span) int { return a.Start - b.Start })
	return ix
}

// isClauseBreak reports whether the rune at i ends a clause. A comma or
// point between digits (67,000; 3.5) or inside a date ("October 7, 2023")
// does not.
func (ix *figureIndex) isClauseBreak(i int) bool {
	if ix.inTime[i] {
		return false
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

func (ix *figureIndex) isSentenceBreak(i int) bool {
	switch ix.runes[i] {
	case '.':
		return ix.isClauseBreak(i)
	case '!', '?', '؟', '\n':
		return true
	}
	return false
}

// around returns the span around s up to the nearest breaks on either side.
func (ix *figureIndex) around(s Span, brk func(int) bool) Span {
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
	return Span{Start: lo, End: hi}
}

// ownWindow narrows w to the part that belongs to the figure at s: it ends
// where the next figure starts and begins where the previous one ends.
func (ix *figureIndex) ownWindow(s, w Span) Span {
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
func (ix *figureIndex) nearestPlace(s, w Span) string {
	best, bestDist := "", math.MaxInt
	for _, p := range ix.places {
		if !w.Contains(p.span) {
			continue
		}
		d := p.span.Start - s.End
		if p.span.End <= s.Start {
			d = s.Start - p.span.End
		}
		d = max(d, 0)
		if d < bestDist {
			best, bestDist = p.id, d
		}
	}
	return best
}

func (ix *figureIndex) slice(s Span) string {
	if s.Start < 0 || s.End > len(ix.runes) || s.Start >= s.End {
		return ""
	}
	return string(ix.runes[s.Start:s.End])
}

// marked returns the first date mention in the clause w introduced by
// one of markers (normalised), or "".
func (ix *figureIndex) marked(w Span, markers []string) string {
	for _, t := range ix.times {
		if !w.Contains(t.Span) || t.Value == "" {
			continue
		}
		lead := NormalizeArabic(ix.slice(Span{Start: max(w.Start, t.Span.Start-12), End: t.Span.Start}))
		for _, m := range markers {
			if strings.Contains(lead, m) {
				return t.Value
			}
		}
	}
	return ""
}

// measureKey returns the measure key of f, a figure of x, the start of
// its period and its clause.
func (ix *figureIndex) measureKey(fi int, x *Extraction) (key, since string, clause Span) {
	f := &x.Figures[fi]
	own := Stems(f.Subject + " " + f.Text)
	clause = f.Span
	sentence := f.Span
	// The stems of the clause, only when a held or casualty measure needs
	// them: stemming every clause is a large part of extraction time.
	var window []string
	hasWindow := false
	if len(ix.runes) > 0 && f.Span.End > f.Span.Start {
		clause = ix.ownWindow(f.Span, ix.around(f.Span, ix.isClauseBreak))
		sentence = ix.around(f.Span, ix.isSentenceBreak)
		hasWindow = true
		since = ix.marked(clause, sinceMarkers)
	}
	clauseStems := func() []string {
		if hasWindow && window == nil {
			window = Stems(ix.slice(clause))
		}
		return window
	}
	if f.Since != "" {
		since = f.Since
	}
	m := foldMeasure(f.Measure)
	if !keyedMeasures[m] && (m == "" || m == "count") && (f.Unit == "" || f.Unit == "person") {
		// A bare count of people: a cue in its clause says what happened
		// to them ("were killed", «قتلوا», «عدد القتلى ارتفع إلى»).
		if c := clauseMeasure(NormalizeArabic(ix.slice(clause)), func(w string) bool { return ix.othersHave(fi, w) }); c != "" {
			m = c
		}
	}
	if !keyedMeasures[m] {
		return "", since, clause
	}
	facet := ""
	if heldMeasures[m] {
		for _, s := range slices.Concat(own, clauseStems()) {
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
	if heldMeasures[m] && facet == "" {
		return "", since, clause // held, taken or freed: unknown
	}
	key = m
	if facet != "" {
		key += ":" + facet
	}
	if placeScoped[m] {
		suffix := ""
		if !stockMeasures[m] && since == "" {
			var ok bool
			if suffix, ok = ix.casualtySeries(f, slices.Concat(own, clauseStems()), sentence); !ok {
				return "", since, clause
			}
		}
		place := ix.place(f, x, own, clause, sentence)
		if place == "" {
			return "", since, clause
		}
		key += "@" + place + suffix
	}
	return key, since, clause
}

// casualtySeries says which series a casualty count with no period
// start belongs to, given the stems of its own words and clause and its
// sentence: an incident's toll ("/" and the incident's day, to follow onto
// the place) when its sentence names an incident and a day; a running
// total ("") when its clause names no incident and says it is one or its
// sentence names a war or a running total; else none (ok false).
func (ix *figureIndex) casualtySeries(f *Figure, clause []string, sentence Span) (suffix string, ok bool) {
	words := Stems(ix.slice(sentence))
	has := func(ws []string, set map[string]bool) bool {
		return slices.ContainsFunc(ws, func(s string) bool { return set[s] })
	}
	if has(words, incidents) {
		if day := ix.nearestDay(f.Span, sentence); day != "" {
			return "/" + day, true
		}
	}
	if has(clause, incidents) {
		return "", false
	}
	return "", has(clause, runningTotal) || has(words, runningTotal) || has(words, wars)
}

// nearestDay returns the full day of the date mention in w nearest to s,
// or "".
func (ix *figureIndex) nearestDay(s, w Span) string {
	best, bestDist := "", math.MaxInt
	for _, t := range ix.times {
		if !w.Contains(t.Span) || len(t.Value) != len("2006-01-02") {
			continue
		}
		d := max(t.Span.Start-s.End, s.Start-t.Span.End, 0)
		if d < bestDist {
			best, bestDist = t.Value, d
		}
	}
	return best
}

// place returns the place a count of people is counted in (see above).
func (ix *figureIndex) place(f *Figure, x *Extraction, own []string, clause, sentence Span) string {
	if p := ix.nearestPlace(f.Span, clause); p != "" {
		return p
	}
	if f.SourceText != "" {
		if p := placeIn(f.SourceText); p != "" {
			return p
		}
	}
	if p := actorPlace(x.Actor(f.SourceID)); p != "" {
		return p
	}
	// The source unnamed as such: an organisation named in the sentence
	// («أعلنت وزارة الصحة في غزة ارتفاع عدد القتلى إلى …»).
	for i := range x.Actors {
		a := &x.Actors[i]
		if a.Kind == KindOrganization && slices.ContainsFunc(a.Mentions, sentence.Contains) {
			if p := actorPlace(a); p != "" {
				return p
			}
		}
	}
	for _, s := range own {
		if p, ok := demonymPlaces[s]; ok {
			return p
		}
	}
	return ix.nearestPlace(f.Span, sentence)
}

// actorPlace returns the place inside the name of actor a (not itself a
// place), or "".
func actorPlace(a *Actor) string {
	if a == nil || a.Kind == KindPlace {
		return ""
	}
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if p := placeIn(n); p != "" {
			return p
		}
	}
	return ""
}

// clauseMeasure returns the measure of the first measure cue among the
// words of a normalised clause that are not in skip, or "".
func clauseMeasure(clause string, skip func(string) bool) string {
	for _, w := range strings.FieldsFunc(clause, func(r rune) bool { return !isWordRune(r) }) {
		if m := foldMeasure(figLex.measureOf(w)); keyedMeasures[m] && !skip(w) {
			return m
		}
	}
	return ""
}

// othersHave reports whether the subject of a figure other than figure fi
// holds the normalised word w: what another number counts («80 قتيلا
// وحملت أكثر من 160 ألف …») is no cue for fi.
func (ix *figureIndex) othersHave(fi int, w string) bool {
	n := ix.subjectCount[w]
	if n > 0 && slices.Contains(ix.subjects[fi], w) {
		n--
	}
	return n > 0
}

// placeIn returns the ID of the gazetteer place named in s, or "": the
// place inside an organisation's name («وزارة الصحة في غزة» → gaza).
func placeIn(s string) string {
	g, err := loadGazetteer()
	if err != nil {
		return ""
	}
	keys := phraseKeys(s)
	for i := range keys {
		for _, k := range cliticKeys(keys[i]) {
			for _, p := range g.phrases[k] {
				if p.entry < 0 || g.entries[p.entry].kind != KindPlace || i+len(p.keys) > len(keys) {
					continue
				}
				if slices.Equal(keys[i+1:i+len(p.keys)], p.keys[1:]) {
					return g.entries[p.entry].id
				}
			}
		}
	}
	return ""
}

// cliticKeys returns k and, for an Arabic word, k without each proclitic
// it may carry («بغزة» → «غزة»).
func cliticKeys(k string) []string {
	out := []string{k}
	if nonLatin(k) {
		for _, p := range proclitics {
			if rest, ok := strings.CutPrefix(k, p); ok && len([]rune(rest)) >= 2 {
				out = append(out, rest)
			}
		}
	}
	return out
}
