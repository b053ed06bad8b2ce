package extract

import (
	_ "embed"
	"math"
	"strings"
	"unicode/utf8"
)

// This file decides which numbers are figures and reads what they count.
//
// A number is a figure unless its context makes it something else: a date
// or a year (inside a time mention, before a month name, after عام or "in"),
// a time of day, an ordinal (3rd), or an identifier (رقم 6, Article 5,
// 6/10994, A4). A figure's Span and Text cover the number with its sign,
// scale words and a bracketed restatement (forty-five (45)), not its
// qualifier. Its Subject is the noun phrase that follows (with the scale
// word when it counts money: «مليون جنيه إسترليني»), after the event noun
// that precedes it when there is one, in written order («مقتل نحو 12 ألف
// فلسطيني» → «مقتل فلسطيني»). A figure inside a statement's content takes the
// statement's speaker as its source, unless the sentence names one itself
// (وفقًا لـ, according to); its StatementID is that statement's ID.

//go:embed data/numbers_context.txt
var numbersContextData string

//go:embed data/units.txt
var unitsData string

//go:embed data/measures.txt
var measuresData string

// phrase is a run of normalised words.
type phrase []string

// figureLexicon holds the context words of data/numbers_context.txt, the
// units and the measure cues.
type figureLexicon struct {
	qualBefore  []qualPhrase // longest first
	qualAfter   []qualPhrase
	sets        map[string]map[string]bool // class → single-word forms
	sources     []phrase
	sourceFirst map[string]bool      // first words of sources
	units       map[string]unitEntry // normalised form (words joined by a space) → unit
	unitMax     int                  // the most words in a unit form
	unitFirst   map[string]bool      // first words of the units of several words
	measures    map[string]string
}

type qualPhrase struct {
	words phrase
	q     Qualifier
}

type unitEntry struct {
	unit, measure string
	dual          bool // the word itself counts two: يومين
}

var figLex = loadFigureLexicon()

func loadFigureLexicon() *figureLexicon {
	lx := &figureLexicon{sets: map[string]map[string]bool{}, sourceFirst: map[string]bool{}, units: map[string]unitEntry{}, unitFirst: map[string]bool{}, measures: map[string]string{}}
	quals := map[string]Qualifier{
		"qual-about": About, "qual-more": MoreThan, "qual-least": AtLeast, "qual-less": LessThan, "qual-upto": UpTo,
		"post-about": About, "post-least": AtLeast, "post-more": MoreThan,
	}
	for _, line := range lexiconLines(numbersContextData) {
		fs := strings.Fields(NormalizeArabic(line))
		class, words := fs[0], phrase(fs[1:])
		switch {
		case strings.HasPrefix(class, "qual-"):
			lx.qualBefore = append(lx.qualBefore, qualPhrase{words, quals[class]})
		case strings.HasPrefix(class, "post-"):
			lx.qualAfter = append(lx.qualAfter, qualPhrase{words, quals[class]})
		case class == "source":
			lx.sources = append(lx.sources, words)
			lx.sourceFirst[words[0]] = true
		default:
			if lx.sets[class] == nil {
				lx.sets[class] = map[string]bool{}
			}
			lx.sets[class][strings.Join(words, " ")] = true
		}
	}
	longestFirst := func(qs []qualPhrase) {
		for i := 1; i < len(qs); i++ {
			for j := i; j > 0 && len(qs[j].words) > len(qs[j-1].words); j-- {
				qs[j], qs[j-1] = qs[j-1], qs[j]
			}
		}
	}
	longestFirst(lx.qualBefore)
	longestFirst(lx.qualAfter)
	for _, line := range lexiconLines(unitsData) {
		fs := strings.Fields(line)
		dual := fs[0] == "2"
		if dual {
			fs = fs[1:]
		}
		e := unitEntry{unit: fs[0], measure: fs[1], dual: dual}
		if e.measure == "-" {
			e.measure = ""
		}
		form := NormalizeArabic(strings.Join(fs[2:], " "))
		lx.units[form] = e
		if first, _, ok := strings.Cut(form, " "); ok {
			lx.unitFirst[first] = true
		}
		lx.unitMax = max(lx.unitMax, len(fs)-2)
	}
	for _, line := range lexiconLines(measuresData) {
		fs := strings.Fields(NormalizeArabic(line))
		lx.measures[fs[1]] = fs[0]
	}
	return lx
}

// in reports whether the normalised word w, or w without its proclitics,
// is in the class.
func (lx *figureLexicon) in(class, w string) bool {
	_, ok := lookupStripped(lx.sets[class], w)
	return ok
}

// lookupStripped looks the normalised word w up in m as it is, then
// without its proclitics (longest first, without allocating).
func lookupStripped[T any](m map[string]T, w string) (T, bool) {
	if v, ok := m[w]; ok {
		return v, true
	}
	if nonLatin(w) {
		for _, p := range proclitics {
			if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
				if v, ok := m[rest]; ok {
					return v, true
				}
			}
		}
	}
	var zero T
	return zero, false
}

// wordIs reports whether token norm w is word p, allowing proclitics on w.
func wordIs(w, p string) bool {
	if w == p {
		return true
	}
	if !nonLatin(w) || len(w) <= len(p) || !strings.HasSuffix(w, p) || utf8.RuneCountInString(p) < 2 {
		return false
	}
	pre := w[:len(w)-len(p)]
	for _, c := range proclitics {
		if pre == c {
			return true
		}
	}
	return false
}

// matchBefore reports whether phrase p ends at token end-1 (tokens in
// [lo, end)).
func matchBefore(toks []token, lo, end int, p phrase) bool {
	start := end - len(p)
	if start < lo {
		return false
	}
	for k, w := range p {
		t := &toks[start+k]
		if t.kind == tokPunct && w != t.norm {
			return false
		}
		if !wordIs(t.norm, w) {
			return false
		}
	}
	return true
}

// unitAt returns the unit whose form starts at toks[k] and how many tokens
// it covers.
func (lx *figureLexicon) unitAt(toks []token, k, hi int) (unitEntry, int) {
	if k >= hi {
		return unitEntry{}, 0
	}
	if toks[k].kind != tokWord && toks[k].kind != tokPunct {
		return unitEntry{}, 0
	}
	if lx.unitFirst[toks[k].norm] {
		for n := min(lx.unitMax, hi-k); n >= 2; n-- {
			var b strings.Builder
			b.WriteString(toks[k].norm)
			for x := 1; x < n; x++ {
				b.WriteByte(' ')
				b.WriteString(toks[k+x].norm)
			}
			if e, ok := lx.units[b.String()]; ok {
				return e, n
			}
		}
	}
	if e, ok := lookupStripped(lx.units, toks[k].norm); ok {
		return e, 1
	}
	return unitEntry{}, 0
}

// measureOf returns the measure cued by the normalised word w.
func (lx *figureLexicon) measureOf(w string) string {
	m, _ := lookupStripped(lx.measures, w)
	return m
}

// findFigures returns the numbers in d that quantify something. Numbers
// inside a date expression are not figures. A figure inside a statement's
// content takes the statement's speaker as its source.
func findFigures(d *document, actors *actorTable, stmts []Statement, times []TimeMention) []Figure {
	inTime := make([]bool, len(d.tokens))
	for _, tm := range times {
		for k := d.tokenAt(tm.Span.Start); k < len(d.tokens) && d.tokens[k].start < tm.Span.End; k++ {
			inTime[k] = true
		}
	}
	var figs []Figure
	for si := range d.sentences {
		s := &d.sentences[si]
		for i := s.first; i <= s.last; {
			t := &d.tokens[i]
			if inTime[i] {
				i++
				continue
			}
			if t.kind == tokWord {
				if e, n := figLex.unitAt(d.tokens, i, s.last+1); n > 0 {
					// «الرجلين» refers back to two men already counted.
					definitePerson := e.unit == "person" && strings.Contains(t.norm, "ال") && strings.Index(t.norm, "ال") <= len("وب")
					if e.dual && !definitePerson && (i == s.first || !isNumberTok(&d.tokens[i-1])) && !timeDual(d, e, i, s) {
						m := numMatch{value: 2, first: i, end: i + 1, words: true, scaleTok: -1, dual: &e}
						if f, ok := d.figure(m, s, actors, stmts); ok {
							figs = append(figs, f)
						}
					}
					i += n // a unit is never a number: بالمائة, في المائة
					continue
				}
			}
			if !isNumberStart(t) {
				i++
				continue
			}
			start := i
			// A leading decimal point that the sentence splitter took for a stop: ".77".
			if i == s.first && i > 0 && t.kind == tokNumber && d.tokens[i-1].text == "." && d.tokens[i-1].end == t.start &&
				(i < 2 || d.tokens[i-2].end != d.tokens[i-1].start) {
				start = i - 1
			}
			m, ok := scanNumber(d.tokens[:s.last+1], start)
			if !ok {
				i++
				continue
			}
			if fs, end := d.matchScore(m, s, actors, stmts); end > 0 {
				figs = append(figs, fs...)
				i = end
				continue
			}
			covered := false
			for k := m.first; k < m.end; k++ {
				// «فرانس 24»: a number inside a known name counts nothing.
				covered = covered || inTime[k] || actors.inGazetteerName(k)
			}
			if !m.ident && !covered && !ordinalUnitBefore(d, m.first) && !yearAfterWord(d, m, s) {
				if f, ok := d.figure(m, s, actors, stmts); ok {
					figs = append(figs, f)
				}
			}
			i = max(m.end, i+1)
		}
	}
	return figs
}

// scoreCues name a match result before its score: «فوز سان جيرمان على
// مانشستر يونايتد 2 - صفر», «فاز الهلال على النصر بنتيجة 3-1», "beat
// Chelsea 3-1".
var scoreCues = map[string]bool{
	"فوز": true, "بفوز": true, "فاز": true, "فازت": true, "يفوز": true, "تفوز": true, "الفوز": true, "بالفوز": true,
	"تعادل": true, "تعادلا": true, "تعادلهما": true, "متقدم": true, "متقدما": true, "تقدم": true, "بالتعادل": true, "التعادل": true, "خسر": true, "خسرت": true, "خساره": true, "بخساره": true,
	"هزيمه": true, "بهزيمه": true, "هزم": true, "هزمت": true, "تغلب": true, "تغلبت": true, "انتصار": true, "بانتصار": true, "بنتيجه": true, "نتيجه": true,
	"win": true, "wins": true, "won": true, "beat": true, "beats": true, "defeated": true, "defeat": true, "victory": true,
	"lost": true, "loss": true, "leading": true, "led": true, "trailing": true, "draw": true, "drew": true, "tied": true, "score": true, "scoreline": true,
}

// matchScore reads a match score at m: two small whole numbers joined by a
// dash, after a word of winning, losing or drawing in the same clause. Each
// side is a figure whose subject is the match («فوز سان جيرمان على مانشستر
// يونايتد»). It returns the figures and the token after the score, or 0
// when m starts no score. Ranges («من 40 إلى 45») have no dash and stay as
// they are.
func (d *document) matchScore(m numMatch, s *sentence, actors *actorTable, stmts []Statement) ([]Figure, int) {
	toks := d.tokens
	dash := m.end
	if m.words && toks[m.first].norm != "صفر" || dash > s.last || !isDash(toks[dash].text) {
		return nil, 0
	}
	m2, ok := scanNumber(toks[:s.last+1], dash+1)
	if !ok || m2.first != dash+1 || m2.words && toks[m2.first].norm != "صفر" {
		return nil, 0
	}
	for _, v := range []float64{m.value, m2.value} {
		if v < 0 || v > 30 || v != math.Trunc(v) {
			return nil, 0
		}
	}
	cue := -1
	for k := m.first - 1; k >= s.first && k >= m.first-10; k-- {
		if toks[k].kind == tokPunct && toks[k].text != "-" {
			break
		}
		if scoreCues[strings.ToLower(arBareFig(toks[k].norm))] {
			cue = k
		}
	}
	if cue < 0 {
		return nil, 0
	}
	// The subject runs from the cue to the score, without «بنتيجة», "by".
	last := m.first - 1
	for last > cue && (toks[last].norm == "بنتيجه" || strings.EqualFold(toks[last].text, "by")) {
		last--
	}
	first := cue
	if toks[cue].norm == "بنتيجه" || toks[cue].norm == "نتيجه" {
		// «فاز الهلال على النصر بنتيجة»: the result noun needs the verb before it.
		for k := cue - 1; k >= s.first && k >= cue-8; k-- {
			if toks[k].kind == tokPunct {
				break
			}
			if scoreCues[arBareFig(toks[k].norm)] {
				first = k
			}
		}
		if first == cue {
			first, last = cue, cue
		}
	}
	subject := d.slice(Span{toks[first].start + surfaceRunes(toks[first].text, len([]rune(toks[first].norm))-len([]rune(arBareFig(toks[first].norm)))), toks[last].end})
	var out []Figure
	for _, n := range []numMatch{m, m2} {
		f, ok := d.figure(n, s, actors, stmts)
		if !ok {
			f = Figure{Value: n.value, Qualifier: Exact, Span: Span{toks[n.first].start, toks[n.end-1].end}}
			f.Text = d.slice(f.Span)
		}
		f.Subject, f.Measure, f.Unit = subject, "score", ""
		f.Approximate, f.Qualifier = false, Exact
		out = append(out, f)
	}
	return out, m2.end
}

// arBareFig returns w without a joined و or ف.
func arBareFig(w string) string {
	if scoreCues[w] {
		return w
	}
	if len(w) > 4 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) && w[0] >= 0x80 {
		return w[len("و"):]
	}
	return w
}

// prevWord returns the index of the last token before k in [lo, k) that is
// not one of the punctuation marks skip, or -1.
func prevTok(toks []token, lo, k int, skip string) int {
	for k--; k >= lo; k-- {
		if toks[k].kind == tokPunct && strings.Contains(skip, toks[k].text) {
			continue
		}
		return k
	}
	return -1
}

// figure turns a number into a figure, or returns false when its context
// says it is not one.
func (d *document) figure(m numMatch, s *sentence, actors *actorTable, stmts []Statement) (Figure, bool) {
	toks := d.tokens
	lo, hi := s.first, s.last+1
	alone := m.first == lo && m.end == hi
	var next *token
	if m.end < hi {
		next = &toks[m.end]
	}
	prev := prevTok(toks, lo, m.first, "")
	// A glued suffix: 4a, 3rd, 2122م, 10pm; units (10km) are fine.
	if m.suffix != "" && !m.scaled {
		if _, n := figLex.unitAt(toks, m.end, hi); n == 0 {
			return Figure{}, false
		}
	}
	if !alone {
		// Identifiers: رقم 6, برقم "6/10994", Article 5, No. 12.
		if k := prevTok(toks, lo, m.first, "\"'«“#:.("); k >= 0 && figLex.in("ident", toks[k].norm) {
			return Figure{}, false
		}
		// Times of day.
		if next != nil && figLex.in("clock", next.norm) {
			return Figure{}, false
		}
		if prev >= 0 && figLex.in("clock", toks[prev].norm) && m.value <= 24 {
			return Figure{}, false
		}
		// Dates the date finder missed: 19 رمضان, 23 يوليو, July 4, مارس 2017.
		if m.value == float64(int(m.value)) && m.value >= 1 && !m.words {
			if next != nil && figLex.in("month", next.norm) && m.value <= 31 {
				return Figure{}, false
			}
			if prev >= 0 && figLex.in("month", toks[prev].norm) && (m.value <= 31 || m.ndigits == 4) {
				return Figure{}, false
			}
		}
		// Years: عام 2015, in 2015, a lone 2005 before a comma; but not a
		// count the sentence announces: «بلغ عدد القتلى في غزة 1926»,
		// "the toll rose to 1926".
		if m.plainInt && m.ndigits == 4 && m.value >= 1900 && m.value <= 2100 && !countAnnounced(toks, lo, m.first) {
			if prev >= 0 && figLex.in("year", toks[prev].norm) {
				return Figure{}, false
			}
			if next == nil || next.kind == tokPunct {
				return Figure{}, false
			}
			// Else a year too («the 2016 race»), unless it counts something or is qualified.
			_, n := figLex.unitAt(toks, m.end, hi)
			if n == 0 && figLex.measureOf(next.norm) == "" && !figLex.qualifiedBefore(toks, lo, m.first) {
				return Figure{}, false
			}
		}
		// A year with its era written apart: 1414 هـ, 1992 م.
		if next != nil && (next.norm == "ه" || next.norm == "م") && m.plainInt {
			return Figure{}, false
		}
		// A long digit string with no separator is an identifier: a phone
		// number, a tweet's or a document's ID.
		if m.plainInt && m.ndigits >= 10 {
			return Figure{}, false
		}
		// «في وقت واحد», «في آن واحد», "at one time", "one way or another":
		// idioms, not counts.
		if m.weak && (prev >= 0 && figLex.in("one-idiom", toks[prev].norm) && nonLatin(toks[prev].norm) ||
			next != nil && figLex.in("one-idiom", next.norm) && !nonLatin(next.norm)) {
			return Figure{}, false
		}
		// الواحد, الواحدة: "the one", "the same".
		if m.weak && isDefiniteNumber(toks[m.first].norm) {
			return Figure{}, false
		}
		// A lone "one" or واحد is a figure only as a count: "one soldier", «لعام واحد».
		if m.weak {
			if next != nil && (next.norm == "of" || wordIs(next.norm, "من")) {
				return Figure{}, false
			}
			arabic := nonLatin(toks[m.first].norm)
			if arabic && (prev < 0 || toks[prev].kind != tokWord) {
				return Figure{}, false
			}
			if !arabic && (next == nil || next.kind != tokWord || figLex.in("stop", next.norm) ||
				prev >= 0 && figLex.in("det", toks[prev].norm)) {
				return Figure{}, false
			}
		}
	}
	f := Figure{Value: m.value, Qualifier: Exact, Span: Span{toks[m.first].start, toks[m.end-1].end}}
	// A currency sign before the number: $5 million.
	if prev >= 0 && toks[prev].end == toks[m.first].start {
		if e, n := figLex.unitAt(toks, prev, prev+1); n == 1 && e.measure == "money" {
			f.Unit, f.Measure = e.unit, e.measure
			f.Span.Start = toks[prev].start
			prev = prevTok(toks, lo, prev, "")
		}
	}
	qualEnd := m.first
	if f.Span.Start < toks[m.first].start {
		qualEnd--
	}
	for _, q := range figLex.qualBefore {
		if matchBefore(toks, lo, qualEnd, q.words) {
			f.Qualifier = q.q
			qualEnd -= len(q.words)
			break
		}
	}
	subjStart, subjEnd, unit := d.subject(m, hi)
	if unit.unit != "" && f.Unit == "" {
		f.Unit, f.Measure = unit.unit, unit.measure
	}
	subj := ""
	if m.dual != nil {
		subjStart, subjEnd, f.Unit, f.Measure = m.first, m.end, m.dual.unit, m.dual.measure
	}
	if subjEnd > subjStart {
		subj = d.slice(Span{toks[subjStart].start, toks[subjEnd-1].end})
	}
	// A number with nothing after it counts the noun before it: «الحرائق الـ21»,
	// «المعتدين الثلاثة».
	definite := m.words && isDefiniteNumber(toks[m.first].norm) || m.weak && nonLatin(toks[m.first].norm) ||
		prev >= 0 && (toks[prev].norm == "ال" || toks[prev].norm == "the") && toks[prev].end == toks[m.first].start
	if m.dual == nil && (definite || subj == "" && !alone && (next == nil || next.kind == tokPunct)) {
		k := m.first
		if prev >= 0 && toks[prev].norm == "ال" {
			k = prev
		}
		b := k
		width := 2
		if m.weak {
			width = 1
		}
		for b > lo && k-b < width && toks[b-1].kind == tokWord && !figLex.in("stop", toks[b-1].norm) && figLex.measureOf(toks[b-1].norm) == "" {
			b--
		}
		if b < k {
			subj = d.slice(Span{toks[b].start, toks[k-1].end})
			if e, n := figLex.unitAt(toks, b, k); n > 0 && f.Unit == "" {
				f.Unit, f.Measure = e.unit, e.measure
			}
		}
	}
	// A range takes its subject from its second number: من 40 إلى 45 يوما.
	if subj == "" && next != nil && m.end+1 < hi && (wordIs(next.norm, "الي") || next.norm == "to" || next.norm == "-" || next.norm == "و" || next.norm == "and") {
		if r, ok := scanNumber(toks[:hi], m.end+1); ok && !r.ident {
			a, b, u := d.subject(r, hi)
			if b > a {
				subj = d.slice(Span{toks[a].start, toks[b-1].end})
				subjEnd = b
			}
			if f.Unit == "" {
				f.Unit, f.Measure = u.unit, u.measure
			}
		}
	}
	// Qualifiers after the number or its subject: تقريبا, على الأقل, at least.
	if f.Qualifier == Exact {
		for _, after := range []int{m.end, max(subjEnd, m.end)} {
			for _, q := range figLex.qualAfter {
				if matchAfter(toks, after, hi, q.words) {
					f.Qualifier = q.q
					break
				}
			}
		}
	}
	f.Approximate = f.Qualifier == About
	// The measure: a cue word a few words before the number or in its subject.
	cue := -1
	for k := qualEnd - 1; k >= lo && k >= qualEnd-2; k-- {
		if toks[k].kind == tokPunct || isNumberTok(&toks[k]) || figLex.in("stop", toks[k].norm) {
			break
		}
		if k > lo && isNumberTok(&toks[k-1]) {
			break // the noun of the number before: «80 قتيلا وحملت أكثر من 160 ألف»
		}
		if ms := figLex.measureOf(toks[k].norm); ms != "" {
			f.Measure, cue = ms, k
			break
		}
	}
	if cue < 0 {
		for k := subjStart; k < subjEnd; k++ {
			if ms := figLex.measureOf(toks[k].norm); ms != "" {
				f.Measure = ms
				break
			}
		}
	}
	if cue >= 0 {
		// The cue stands before the number, so before the subject: «مقتل
		// 30 شخصا» counts "مقتل شخصا", in the words' written order.
		subj = strings.TrimSpace(toks[cue].text + " " + subj)
	}
	if f.Unit == "year" && d.isAge(m, lo, hi, subjEnd) {
		f.Measure = "age"
	}
	if f.Measure == "" && subj != "" {
		f.Measure = "count"
	}
	f.Subject = subj
	f.Text = d.slice(f.Span)
	d.figureSource(&f, m, lo, hi, subjEnd, actors, stmts)
	// The day it holds for is set by KeyFigures.
	return f, true
}

// qualifiedBefore reports whether a qualifier ends right before token k.
// countNouns announce that the number after them counts something.
var countNouns = map[string]bool{"عدد": true, "حصيله": true, "اجمالي": true, "toll": true, "number": true, "total": true, "tally": true}

// countAnnounced reports whether a count noun stands in the few words
// before token k (from lo), with no year preposition right before k.
func countAnnounced(toks []token, lo, k int) bool {
	if k > lo && figLex.in("year", toks[k-1].norm) {
		return false
	}
	for j := k - 1; j >= lo && j >= k-8; j-- {
		if toks[j].kind == tokPunct && toks[j].text != "،" && toks[j].text != "," {
			return false
		}
		if _, ok := lookupStripped(countNouns, toks[j].norm); ok {
			return true
		}
	}
	return false
}

func (lx *figureLexicon) qualifiedBefore(toks []token, lo, k int) bool {
	for _, q := range lx.qualBefore {
		if matchBefore(toks, lo, k, q.words) {
			return true
		}
	}
	return false
}

// isDefiniteNumber reports whether the number word w carries the article:
// الثلاثة, الثماني (but not ألف, whose alef only looks like one).
func isDefiniteNumber(w string) bool {
	if _, ok := numWords[w]; ok {
		return false
	}
	for _, p := range []string{"ال", "وال", "بال", "لل"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			if _, ok := numWords[rest]; ok {
				return true
			}
		}
	}
	return false
}

// matchAfter reports whether phrase p starts at toks[k] (before hi).
func matchAfter(toks []token, k, hi int, p phrase) bool {
	if k+len(p) > hi {
		return false
	}
	for x, w := range p {
		if !wordIs(toks[k+x].norm, w) {
			return false
		}
	}
	return true
}

// subject returns the tokens [start, end) of the noun phrase a number
// counts, and its unit. The phrase is at most three words (a percent sign,
// a unit of several words and «من …» extend it) and stops at punctuation,
// function words and verbs.
func (d *document) subject(m numMatch, hi int) (start, end int, u unitEntry) {
	toks := d.tokens
	k := m.end
	start = k
	u, n := figLex.unitAt(toks, k, hi)
	if n > 0 && u.measure == "money" && m.scaleTok >= 0 && toks[m.scaleTok].kind == tokWord {
		start = m.scaleTok // «مليون جنيه إسترليني»
	}
	words := 0
	if n > 0 {
		k += n
		words = n
	}
	for k < hi && words < 3 {
		t := &toks[k]
		if t.kind != tokWord {
			break
		}
		if (wordIs(t.norm, "من") || t.norm == "of") && (n == 0 || u.measure == "percent") {
			// «عنصرا من التنظيم», «4 من إرهابيي داعش»
			if k+1 < hi && toks[k+1].kind == tokWord && !figLex.in("stop", toks[k+1].norm) {
				k++
				words = max(words, 1)
				continue
			}
			break
		}
		if wordIs(t.norm, "من") || t.norm == "of" {
			break
		}
		if figLex.in("stop", t.norm) || isNumberTok(t) && words > 0 {
			break
		}
		if words > 0 && nonLatin(t.norm) && (strings.HasPrefix(t.norm, "ي") || strings.HasPrefix(t.norm, "و") && !strings.HasPrefix(t.norm, "وا") ||
			(strings.HasPrefix(t.norm, "ل") || strings.HasPrefix(t.norm, "ب")) && !strings.HasPrefix(t.norm, "ال")) {
			break // a verb (يحاولون), a new clause (وإيقافهم) or a prepositional phrase (لإخماد)
		}
		if _, ok := figLex.qualAfterAt(toks, k, hi); ok {
			break
		}
		k++
		words++
	}
	return start, k, u
}

// qualAfterAt reports whether a post-number qualifier starts at toks[k].
func (lx *figureLexicon) qualAfterAt(toks []token, k, hi int) (Qualifier, bool) {
	for _, q := range lx.qualAfter {
		if matchAfter(toks, k, hi, q.words) {
			return q.q, true
		}
	}
	return 0, false
}

// isAge reports whether a count of years is someone's age: «البالغ من العمر
// 27 عاما», «(38 عاما)», "aged 27", "27 years old".
func (d *document) isAge(m numMatch, lo, hi, subjEnd int) bool {
	toks := d.tokens
	for k := m.first - 1; k >= lo && k >= m.first-3; k-- {
		switch toks[k].norm {
		case "العمر", "عمر", "بعمر", "aged", "age":
			return true
		}
	}
	if subjEnd < hi && toks[subjEnd].norm == "old" {
		return true
	}
	return m.first > lo && toks[m.first-1].text == "(" && subjEnd < hi && toks[subjEnd].text == ")"
}

// figureSource sets the figure's source: a source phrase in its sentence
// (وفقًا لتقديرات أولية, according to the ministry), else the speaker of the
// statement whose content holds it.
func (d *document) figureSource(f *Figure, m numMatch, lo, hi, subjEnd int, actors *actorTable, stmts []Statement) {
	toks := d.tokens
	best, bestDist := -1, 0
	bestLen := 0
	for k := lo; k < hi; k++ {
		if _, ok := lookupStripped(figLex.sourceFirst, toks[k].norm); !ok {
			continue
		}
		for _, p := range figLex.sources {
			if !matchAfter(toks, k, hi, p) {
				continue
			}
			dist := k - subjEnd
			if k < m.first {
				// A source before the figure heads its sentence or clause: «وبحسب وكالة فرانس برس، …».
				if k > lo && toks[k-1].kind != tokPunct {
					break
				}
				dist = 1000 + m.first - k // prefer a source after the figure
			} else if k < subjEnd {
				continue
			}
			// Only after the figure within its clause.
			if k >= subjEnd && clauseBreak(toks, subjEnd, k) {
				continue
			}
			if best < 0 || dist < bestDist {
				best, bestDist, bestLen = k, dist, len(p)
			}
			break
		}
	}
	if best >= 0 {
		a := best + bestLen
		if a < hi && (toks[a].norm == "ل" || toks[a].norm == "لـ" || toks[a].norm == "to") {
			a++
		}
		b := a
		for b < hi && b-a < 4 && toks[b].kind == tokWord && !(b > a && figLex.in("stop", toks[b].norm)) {
			b++
		}
		if b > a {
			sp := Span{toks[a].start, toks[b-1].end}
			// «لتقديرات»: the preposition glued to the source is not part of its name.
			if r := d.runes[sp.Start]; (r == 'ل' || r == 'ب') && toks[best+bestLen-1].norm != "ل" && sp.Len() > 3 &&
				(toks[best].norm == "وفقا" || toks[best].norm == "طبقا") {
				sp.Start++
				if d.runes[sp.Start] == 'ـ' {
					sp.Start++
				}
			}
			f.SourceText = d.slice(sp)
			f.SourceID = actors.resolve(sp, KindUnknown)
		}
	}
	for i := range stmts {
		st := &stmts[i]
		if st.ContentSpan.Len() > 0 && st.ContentSpan.Contains(f.Span) {
			f.StatementID = st.ID
			if f.SourceText == "" && f.SourceID == "" {
				f.SourceID, f.SourceText = st.SpeakerID, st.SpeakerText
			}
			break
		}
	}
}

// clauseBreak reports whether a comma, semicolon or colon stands between
// tokens a and b.
func clauseBreak(toks []token, a, b int) bool {
	for k := a; k < b; k++ {
		switch toks[k].text {
		case ",", "،", ";", "؛", ":":
			return true
		}
	}
	return false
}

// timeDual reports whether the dual of a duration at token i is a point or
// span of time rather than a figure: after a preposition of time («قبل
// يومين», «في غضون أسبوعين») or definite with a time adjective («الأسبوعين
// المقبلين»). A dual is no numeral: the count is the word's ending.
func timeDual(d *document, e unitEntry, i int, s *sentence) bool {
	if e.measure != "duration" {
		return false
	}
	if strings.HasPrefix(stripPrep(d.tokens[i].norm), "ال") {
		return true
	}
	if i > s.first && timeDualPreps[stripPrep(d.tokens[i-1].norm)] {
		return true
	}
	return false
}

// timeDualPreps are the words before a dual of a duration that make it a
// time: «قبل يومين», «منذ شهرين», «خلال أسبوعين», «غضون ساعتين».
var timeDualPreps = map[string]bool{"قبل": true, "بعد": true, "منذ": true, "خلال": true, "غضون": true, "طوال": true, "مده": true, "لمده": true}

// yearAfterWord reports whether the whole number m is a year after the
// word for year, with a time adjective between: «العام المقبل 1437»,
// «عام 2015» (a Hijri or Gregorian year the date reader left).
func yearAfterWord(d *document, m numMatch, s *sentence) bool {
	if m.words || m.value != math.Trunc(m.value) || m.value < 1300 || m.value > 2100 || m.end-m.first != 1 {
		return false
	}
	k := m.first - 1
	if k > s.first && yearAdjectives[d.tokens[k].norm] {
		k--
	}
	return k >= s.first && yearWords[stripPrep(d.tokens[k].norm)]
}

var (
	yearWords      = map[string]bool{"العام": true, "عام": true, "السنه": true, "سنه": true}
	yearAdjectives = map[string]bool{"المقبل": true, "القادم": true, "الماضي": true, "الحالي": true, "الجاري": true, "المنصرم": true}
)

// ordinalUnitBefore reports whether the word before token i is the unit of
// an Arabic compound ordinal, so that the number at i is its tens or teens:
// «الدورة الخامسة والثلاثين» (the 35th), «الحادية عشرة» (the 11th).
func ordinalUnitBefore(d *document, i int) bool {
	if i == 0 || d.tokens[i-1].kind != tokWord || d.tokens[i].kind != tokWord {
		return false
	}
	// Only the tens joined by و or the teen's عشر go on an ordinal unit:
	// «أول أربع مباريات» is a count.
	if n := d.tokens[i].norm; n != "عشر" && n != "عشره" && !strings.HasPrefix(n, "و") {
		return false
	}
	base := strings.TrimPrefix(stripPrep(d.tokens[i-1].norm), "ال")
	if base == "حادي" || base == "حاديه" {
		return true
	}
	e, ok := ordinalLex[base]
	return ok && e.v < 10 && !isLatinWord(base)
}
