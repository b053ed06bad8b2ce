package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Date expressions are read by a small hand-written parser over the token
// stream: at each token that can open a date (a number, a month, weekday or
// ordinal word, a relative word), every pattern is tried and the longest
// match wins. Lexicons live in data/dates_*.txt.

var (
	//go:embed data/dates_months.txt
	monthsData string
	//go:embed data/dates_hijri_months.txt
	hijriMonthsData string
	//go:embed data/dates_weekdays.txt
	weekdaysData string
	//go:embed data/dates_ordinals.txt
	ordinalsData string
	//go:embed data/dates_cardinals.txt
	cardinalsData string
)

// lexEntry is a lexicon value and whether its spelling is weak (also a
// common word).
type lexEntry struct {
	v    int
	weak bool
}

// lexicon maps a normalised spelling (words joined by one space) to its entry.
type lexicon map[string]lexEntry

// parseLexicon reads the "value spelling…" format of data/dates_*.txt.
func parseLexicon(data string) lexicon {
	lx := lexicon{}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		var v int
		if _, err := fmt.Sscan(f[0], &v); err != nil {
			panic("extract: bad lexicon line " + line)
		}
		for _, s := range f[1:] {
			weak := strings.HasSuffix(s, "?")
			s = strings.TrimSuffix(s, "?")
			s = NormalizeArabic(strings.ReplaceAll(s, "_", " "))
			lx[s] = lexEntry{v, weak}
		}
	}
	return lx
}

var (
	monthLex    = parseLexicon(monthsData)
	hijriLex    = parseLexicon(hijriMonthsData)
	weekdayLex  = parseLexicon(weekdaysData)
	ordinalLex  = parseLexicon(ordinalsData)
	cardinalLex = parseLexicon(cardinalsData)

	// monthFirst and hijriFirst hold the first words of the two-word
	// month names, so that no pair is built for other words.
	monthFirst = firstWords(monthLex)
	hijriFirst = firstWords(hijriLex)
)

// firstWords returns the first words of lx's multi-word entries.
func firstWords(lx lexicon) map[string]bool {
	m := map[string]bool{}
	for k := range lx {
		if f, _, ok := strings.Cut(k, " "); ok {
			m[f] = true
		}
	}
	return m
}

// mayOpen reports whether w, or w without a proclitic as lookup strips
// it, is in first.
func mayOpen(first map[string]bool, w string) bool {
	if first[w] {
		return true
	}
	if !isArabicWord(w) {
		return false
	}
	for _, pre := range proclitics {
		if rest, ok := strings.CutPrefix(w, pre); ok && first[rest] {
			return true
		}
	}
	return false
}

// Relative words, normalised.
var (
	// pastQual and futureQual follow a noun in Arabic («الشهر الماضي»).
	pastQual = map[string]bool{"الماضي": true, "الماضيه": true, "الماض": true, "السابق": true, "السابقه": true,
		"الفايت": true, "الفايته": true, "المنصرم": true, "المنصرمه": true, "المنقضي": true, "الماضيين": true}
	futureQual = map[string]bool{"المقبل": true, "المقبله": true, "القادم": true, "القادمه": true,
		"التالي": true, "التاليه": true, "الجاي": true,
		// plural and dual, after a range: «من 25 يوليو إلى 2 أغسطس المقبلين»
		"المقبلين": true, "القادمين": true, "المقبلتين": true}
	currentQual = map[string]bool{"الحالي": true, "الحاليه": true, "الجاري": true, "الجاريه": true}
	// English qualifiers come before the noun.
	enPast   = map[string]bool{"last": true, "previous": true, "past": true}
	enFuture = map[string]bool{"next": true, "coming": true, "following": true}
)

// unit words of relative expressions: the unit and the count a dual form
// carries (0 when the word is singular or plural).
type unitWord struct {
	unit  byte // 'd' day, 'w' week, 'm' month, 'y' year
	count int
}

var unitWords = map[string]unitWord{
	"يوم": {'d', 0}, "ايام": {'d', 0}, "يومين": {'d', 2}, "يوما": {'d', 0},
	"اسبوع": {'w', 0}, "اسابيع": {'w', 0}, "اسبوعين": {'w', 2}, "اسبوعا": {'w', 0},
	"شهر": {'m', 0}, "اشهر": {'m', 0}, "شهور": {'m', 0}, "شهرين": {'m', 2}, "شهرا": {'m', 0},
	"عام": {'y', 0}, "اعوام": {'y', 0}, "عامين": {'y', 2}, "عاما": {'y', 0},
	"سنه": {'y', 0}, "سنوات": {'y', 0}, "سنتين": {'y', 2}, "سنين": {'y', 0},
	"day": {'d', 0}, "days": {'d', 0}, "week": {'w', 0}, "weeks": {'w', 0},
	"month": {'m', 0}, "months": {'m', 0}, "year": {'y', 0}, "years": {'y', 0}, "yr": {'y', 0}, "yrs": {'y', 0},
}

// dval is a resolved date at some grain.
type dval struct {
	t time.Time
	g Grain
}

func (v dval) String() string {
	switch v.g {
	case Year:
		return fmt.Sprintf("%04d", v.t.Year())
	case Month:
		return fmt.Sprintf("%04d-%02d", v.t.Year(), int(v.t.Month()))
	}
	return fmt.Sprintf("%04d-%02d-%02d", v.t.Year(), int(v.t.Month()), v.t.Day())
}

func ymd(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func daysIn(y, m int) int { return ymd(y, m+1, 0).Day() }

// dateParser reads the date expressions of one document.
type dateParser struct {
	d      *document
	toks   []token
	pub    time.Time
	hasPub bool
}

// findTimes returns every date expression in d, resolved against d.published.
// Expressions that need a reference date yield nothing when d.published is
// zero.
func findTimes(d *document) []TimeMention {
	p := &dateParser{d: d, toks: d.tokens, pub: d.published, hasPub: !d.published.IsZero()}
	if p.hasPub {
		p.pub = ymd(p.pub.Year(), int(p.pub.Month()), p.pub.Day())
	}
	var out []TimeMention
	var toks [][2]int // the tokens [first, end) of each of out
	lastEnd := -1     // token after the last date found
	for i := 0; i < len(p.toks); {
		if !p.mayStart(i) {
			i++
			continue
		}
		v, end, ok := p.parse(i)
		if !ok {
			i++
			continue
		}
		// «X الموافق Y»: two calendars for one day; keep the Gregorian
		// reading (the later one) and one span.
		if end < len(p.toks) && p.w(end) == "الموافق" || p.w(end) == "والموافق" || p.w(end) == "الموافقه" {
			if v2, end2, ok2 := p.parse(end + 1); ok2 {
				v, end = v2, end2
			}
		}
		// «23 يوليو من كل عام», "every year": a recurring day, no date.
		if k := end; p.w(k) == "من" && p.w(k+1) == "كل" || p.w(k) == "كل" || p.w(k) == "every" || p.w(k) == "each" {
			if k2 := k + 1 + b2i(p.w(k) == "من"); unitWords[p.w(k2)].unit != 0 {
				// and the other end of «بين 23 يوليو و29 أغسطس من كل عام»
				if len(out) > 0 && lastEnd == i-1 && (p.w(i-1) == "و" || p.w(i-1) == "and" || p.isPunct(i-1, "-")) {
					out, toks = out[:len(out)-1], toks[:len(toks)-1]
				}
				i = k2 + 1
				continue
			}
		}
		span := Span{p.toks[i].start, p.toks[end-1].end}
		out = append(out, TimeMention{Text: d.slice(span), Value: v.String(), Grain: v.g, Span: span})
		toks = append(toks, [2]int{i, end})
		i, lastEnd = end, end
	}
	p.settleYears(out, toks)
	return out
}

// settleYears gives a day or month written without a year the year the
// text gives it elsewhere: the year of the other end of a range («من 25
// تموز إلى الثاني من آب المقبلين», "from July 25 to August 2, 2016"),
// else the year of an earlier mention of the same day or month («يوم 26
// فبراير 2016 … في 26 فبراير»), else a year given before it in its
// sentence ("In 2014, on March 3").
func (p *dateParser) settleYears(out []TimeMention, toks [][2]int) {
	yearless := make([]bool, len(out))
	for n := range out {
		yearless[n] = out[n].Grain != Year && p.monthWithoutYear(toks[n][0], toks[n][1])
	}
	for n := range out {
		if !yearless[n] {
			continue
		}
		x, _ := parseISO(out[n].Value)
		var y int
		if m := n + 1; m < len(out) && out[m].Grain != Year && p.rangeJoin(toks[n][1], toks[m][0]) {
			end, _ := parseISO(out[m].Value)
			y = end.Year()
			if x.Month() > end.Month() {
				y--
			}
		} else {
			for m := n - 1; m >= 0; m-- {
				z, _ := parseISO(out[m].Value)
				if !yearless[m] && out[m].Grain == out[n].Grain && z.Month() == x.Month() && z.Day() == x.Day() {
					y = z.Year()
					break
				}
			}
			// "In 2014, on March 3": the year that opens the sentence.
			for m := n - 1; y == 0 && m >= 0 && p.sameSentence(toks[m][0], toks[n][0]); m-- {
				if out[m].Grain == Year && toks[m][1] <= toks[n][0] {
					z, _ := parseISO(out[m].Value)
					y = z.Year()
				}
			}
		}
		if y == 0 || y == x.Year() {
			continue
		}
		t := ymd(y, int(x.Month()), x.Day())
		if t.Day() != x.Day() {
			continue // 29 February
		}
		out[n].Value = dval{t, out[n].Grain}.String()
	}
}

// parseISO reads a date as TimeMention.Value writes it: 2015, 2015-07 or
// 2015-07-21. A missing month or day reads as 1.
func parseISO(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// monthWithoutYear reports whether tokens [i, end) name a Gregorian month
// and nothing that fixes its year: no four-digit year, no qualifier
// («الماضي», "next"), no Hijri date.
func (p *dateParser) monthWithoutYear(i, end int) bool {
	month := false
	for j := i; j < end; j++ {
		t := &p.toks[j]
		switch {
		case t.kind == tokNumber && len(t.norm) >= 4:
			return false
		case t.kind != tokWord:
		case pastQual[t.norm] || futureQual[t.norm] || currentQual[t.norm] || enPast[t.norm] || enFuture[t.norm] ||
			t.norm == "this" || t.norm == "هذا":
			return false
		default:
			if _, _, weak, ok := p.monthName(j); ok && !weak {
				month = true
			}
		}
	}
	if q, ok := p.qualAfter(end); ok || q != 0 {
		return false
	}
	return month
}

// rangeJoin reports whether the tokens [a, b) between two dates join them
// as the ends of one range: «إلى», «حتى», «و», "-", "to", "until".
func (p *dateParser) rangeJoin(a, b int) bool {
	if b != a+1 {
		return false
	}
	switch p.w(a) {
	case "الي", "حتي", "و", "-", "–", "to", "until", "till", "through", "and":
		return true
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// w returns the normalised text of token j, or "" outside the text.
func (p *dateParser) w(j int) string {
	if j < 0 || j >= len(p.toks) {
		return ""
	}
	return p.toks[j].norm
}

// isPunct reports whether token j is the punctuation s.
func (p *dateParser) isPunct(j int, s string) bool {
	return j >= 0 && j < len(p.toks) && p.toks[j].kind == tokPunct && p.toks[j].text == s
}

func (p *dateParser) isComma(j int) bool { return p.isPunct(j, ",") || p.isPunct(j, "،") }

// adjacent reports whether token j+1 starts where token j ends.
func (p *dateParser) adjacent(j int) bool {
	return j+1 < len(p.toks) && p.toks[j].end == p.toks[j+1].start
}

// num returns the value of token j when it is a plain integer (no
// separators) of at most maxDigits digits.
func (p *dateParser) num(j, maxDigits int) (n, digits int, ok bool) {
	if j < 0 || j >= len(p.toks) || p.toks[j].kind != tokNumber {
		return 0, 0, false
	}
	for _, r := range p.toks[j].text {
		if !isDigit(r) {
			return 0, 0, false
		}
		n = n*10 + digitValue(r)
		digits++
	}
	if digits > maxDigits {
		return 0, 0, false
	}
	return n, digits, true
}

// lookup finds w, or w without its proclitics, in lx.
func lookup(lx lexicon, w string) (lexEntry, bool) {
	if e, ok := lx[w]; ok {
		return e, true
	}
	if !isArabicWord(w) {
		return lexEntry{}, false
	}
	for _, pre := range proclitics {
		if rest, ok := strings.CutPrefix(w, pre); ok && len(rest) >= 4 {
			if e, ok := lx[rest]; ok {
				return e, true
			}
		}
	}
	return lexEntry{}, false
}

// stripConj removes a leading و or ف from an Arabic word.
func stripConj(w string) string {
	if r, ok := strings.CutPrefix(w, "و"); ok && len(r) >= 4 {
		return r
	}
	if r, ok := strings.CutPrefix(w, "ف"); ok && len(r) >= 4 {
		return r
	}
	return w
}

// stripPrep removes و ف and then ب ل ك from an Arabic word.
func stripPrep(w string) string {
	w = stripConj(w)
	for _, pre := range []string{"ب", "ل", "ك"} {
		if r, ok := strings.CutPrefix(w, pre); ok && len(r) >= 4 {
			return r
		}
	}
	return w
}

// startWords are the words, besides numbers, month, weekday and ordinal
// names, that can open a date expression.
var startWords = map[string]bool{
	"اليوم": true, "يوم": true, "امس": true, "البارحه": true, "غدا": true, "غد": true, "بكره": true, "بكرا": true,
	"قبل": true, "بعد": true, "منذ": true, "من": true, "خلال": true, "في": true, "هذا": true, "هذه": true,
	"الشهر": true, "السنه": true, "العام": true, "الاسبوع": true, "عام": true, "سنه": true, "شهر": true,
	"منتصف": true, "نصف": true, "نص": true, "مطلع": true, "بدايه": true, "اوايل": true, "اواخر": true, "نهايه": true,
	"اواسط": true, "اخر": true, "اول": true, "الليله": true, "tonight": true, "tonite": true, "الاخير": true, "الاخيره": true, "امبارح": true, "القبل": true,
	"today": true, "yesterday": true, "tomorrow": true, "tomorrows": true, "the": true, "on": true, "in": true,
	"last": true, "next": true, "this": true, "current": true, "previous": true, "a": true, "one": true, "during": true,
	"since": true, "by": true, "until": true, "from": true, "of": true, "around": true, "mid": true, "early": true, "late": true,
	"end": true, "beginning": true, "coming": true, "past": true, "year": true,
}

// dateStarts holds every word that can open a date expression (without
// proclitics): lexicon spellings, the first word of multi-word ones, and
// the relative and cue words.
var dateStarts = func() map[string]bool {
	m := map[string]bool{"كانون": true, "تشرين": true, "ربيع": true, "جمادي": true, "ذو": true, "ذي": true,
		"ides": true, "half": true, "twenty": true, "thirty": true, "حادي": true, "حاديه": true}
	for _, lx := range []lexicon{monthLex, hijriLex, weekdayLex, ordinalLex, cardinalLex} {
		for k := range lx {
			m[k] = true
			if f, _, ok := strings.Cut(k, " "); ok {
				m[f] = true
			}
		}
	}
	for _, set := range []map[string]bool{startWords, yearCue, monthCue} {
		for k := range set {
			m[k] = true
		}
	}
	for k := range unitWords {
		m[k] = true
	}
	return m
}()

// mayStart is a cheap test that token i can open a date expression.
func (p *dateParser) mayStart(i int) bool {
	t := &p.toks[i]
	if t.kind == tokNumber {
		return true
	}
	if t.kind != tokWord {
		return false
	}
	w := t.norm
	if dateStarts[w] {
		return true
	}
	if isLatin(w) {
		if b, ok := strings.CutSuffix(w, "'s"); ok && dateStarts[b] {
			return true
		}
		return monthPrefix(w) > 0
	}
	for _, pre := range proclitics {
		if rest, ok := strings.CutPrefix(w, pre); ok && len(rest) >= 4 && dateStarts[rest] {
			return true
		}
	}
	return false
}

// parse returns the longest date expression that starts at token i and the
// index of the token after it.
func (p *dateParser) parse(i int) (best dval, end int, ok bool) {
	try := func(v dval, e int, good bool) {
		if good && e > end {
			best, end, ok = v, e, true
		}
	}
	try(p.numeric(i))
	try(p.nthInMonth(i))
	try(p.dayMonth(i))
	try(p.monthDay(i))
	try(p.monthYear(i))
	try(p.yearAlone(i))
	try(p.weekdayExpr(i))
	try(p.relDay(i))
	try(p.relUnit(i))
	try(p.dayOfMonthAlone(i))
	return best, end, ok
}

// ---- components ----

// weekdayWord returns the weekday a normalised word names, with or
// without the article and proclitics. Weak spellings are accepted too; the
// caller checks the context.
func (p *dateParser) weekdayWord(w string) (lexEntry, bool) {
	if e, ok := weekdayLex[w]; ok {
		return e, true
	}
	if !isArabicWord(w) {
		// "mon." is read by the caller; "Sunday's" has its apostrophe inside.
		if b, ok := strings.CutSuffix(w, "'s"); ok {
			e, ok := weekdayLex[b]
			return e, ok
		}
		return lexEntry{}, false
	}
	if rest, ok := strings.CutPrefix(stripPrep(w), "ال"); ok {
		if e, ok := weekdayLex[rest]; ok {
			return e, true
		}
	}
	if rest, ok := strings.CutPrefix(stripConj(w), "لل"); ok {
		if e, ok := weekdayLex[rest]; ok {
			return e, true
		}
	}
	return lexEntry{}, false
}

// weekdayAt reads a weekday at token j: «يوم الخميس», «الخميس», "Thursday",
// "thu.". bare allows an Arabic form without the article («ثلاثاء الأسبوع»,
// «ثالث ثلاثاء»). It returns the weekday, the next token and whether the
// form is weak (an English abbreviation, or Arabic without the article).
func (p *dateParser) weekdayAt(j int, bare bool) (wd time.Weekday, next int, weak, ok bool) {
	if j >= len(p.toks) || p.toks[j].kind != tokWord {
		return 0, j, false, false
	}
	start := j
	w := p.w(j)
	if stripConj(w) == "يوم" {
		if _, ok := p.weekdayWord(p.w(j + 1)); ok {
			j++
			w = p.w(j)
		}
	}
	e, found := p.weekdayWord(w)
	if !found {
		return 0, start, false, false
	}
	next = j + 1
	weak = e.weak
	if !isLatinWord(w) {
		sw := stripPrep(w)
		hasArticle := strings.HasPrefix(sw, "ال") || strings.HasPrefix(stripConj(w), "لل")
		if !hasArticle && j == start {
			// A bare «احد», «اثنين» is "one", "two" unless a week or an
			// ordinal frames it.
			if !bare && p.w(next) != "الاسبوع" {
				return 0, start, false, false
			}
			if e.v == 0 || e.v == 1 {
				weak = true
			}
		}
	} else if e.weak {
		if p.isPunct(next, ".") && p.adjacent(j) {
			next++
			weak = false
		}
	}
	return time.Weekday(e.v), next, weak, true
}

// monthPrefix returns the month of a Latin word such as "feb13" whose
// letters are a month abbreviation followed by digits, or 0.
func monthPrefix(w string) int {
	k := 0
	for k < len(w) && w[k] >= 'a' && w[k] <= 'z' {
		k++
	}
	if k < 3 || k == len(w) {
		return 0
	}
	for _, r := range w[k:] {
		if r < '0' || r > '9' {
			return 0
		}
	}
	if e, ok := monthLex[w[:k]]; ok {
		return e.v
	}
	return 0
}

// monthAt reads a Gregorian month at token j: a name («شباط», «كانون
// الثاني», «بايلول», "Oct."), «شهر» with a name or number («شهر 3», «شهر
// ثلاثة»), and alternatives joined by a slash («كانون الاول/ديسمبر»).
func (p *dateParser) monthAt(j int) (m, next int, weak, ok bool) {
	if j >= len(p.toks) {
		return 0, j, false, false
	}
	w := p.w(j)
	if sw := stripPrep(w); sw == "شهر" || sw == "الشهر" || w == "month" {
		if m, next, _, ok := p.monthName(j + 1); ok {
			return m, next, false, true
		}
		if n, _, ok := p.num(j+1, 2); ok && n >= 1 && n <= 12 && w != "month" {
			return n, j + 2, false, true
		}
		if e, ok := lookup(cardinalLex, p.w(j+1)); ok && e.v <= 12 && !isLatinWord(w) {
			return e.v, j + 2, false, true
		}
		return 0, j, false, false
	}
	return p.monthName(j)
}

func (p *dateParser) monthName(j int) (m, next int, weak, ok bool) {
	if j >= len(p.toks) || p.toks[j].kind != tokWord {
		return 0, j, false, false
	}
	w := p.w(j)
	var e lexEntry
	found := false
	if j+1 < len(p.toks) && mayOpen(monthFirst, w) {
		if e, found = lookup(monthLex, w+" "+p.w(j+1)); found {
			next = j + 2
		}
	}
	if !found {
		if e, found = lookup(monthLex, w); !found {
			return 0, j, false, false
		}
		next = j + 1
	}
	m, weak = e.v, e.weak
	if isLatinWord(w) {
		// "march" and "may" are words; "March" and "May" capitalised are
		// still weak for "May", not for "March".
		if m == 3 && unicode.IsUpper([]rune(p.toks[j].text)[0]) {
			weak = false
		}
		if p.isPunct(next, ".") && p.adjacent(next-1) && (len(w) == 3 || w == "sept") {
			next++
		}
	}
	// «كانون الأول/ديسمبر», «يوليو تموز», «تموز (يوليو)»: the same month
	// twice, in two calendars' names.
	switch {
	case p.isPunct(next, "/"):
		if m2, n2, _, ok := p.monthName(next + 1); ok && m2 == m {
			next = n2
			weak = false
		}
	case p.isPunct(next, "("):
		if m2, n2, _, ok := p.monthName(next + 1); ok && m2 == m && p.isPunct(n2, ")") {
			next = n2 + 1
			weak = false
		}
	case isArabicWord(w) && next < len(p.toks) && p.toks[next].kind == tokWord && isArabicWord(p.w(next)):
		if m2, n2, _, ok := p.monthName(next); ok && m2 == m && p.w(next) != w {
			next = n2
			weak = false
		}
	}
	return m, next, weak, true
}

// hijriMonthAt reads a Hijri month name at token j.
func (p *dateParser) hijriMonthAt(j int) (m, next int, weak, ok bool) {
	if j >= len(p.toks) || p.toks[j].kind != tokWord {
		return 0, j, false, false
	}
	w := p.w(j)
	if sw := stripPrep(w); sw == "شهر" || sw == "الشهر" {
		if m, next, _, ok := p.hijriMonthAt(j + 1); ok {
			return m, next, false, true
		}
		return 0, j, false, false
	}
	if j+1 < len(p.toks) && mayOpen(hijriFirst, w) {
		if e, ok := lookup(hijriLex, w+" "+p.w(j+1)); ok {
			return e.v, j + 2, e.weak, true
		}
	}
	if e, ok := lookup(hijriLex, w); ok {
		return e.v, j + 1, e.weak, true
	}
	return 0, j, false, false
}

// yearWords introduce a year: «عام 2008», «سنة 2015», "year 2014".
func isYearWord(w string) bool {
	switch stripPrep(w) {
	case "عام", "العام", "سنه", "السنه", "year":
		return true
	}
	return false
}

// yearAt reads a year at token j: an optional «من»/«في»/"of" and «عام/سنة»,
// then four digits (two when short is true), then an optional era mark
// (م، هـ، AD). hijri is true after هـ.
func (p *dateParser) yearAt(j int, short bool) (y, next int, hijri, ok bool) {
	k := j
	if w := p.w(k); w == "من" || w == "في" || w == "of" || w == "in" {
		if isYearWord(p.w(k + 1)) {
			k++
		}
	}
	cued := false
	if isYearWord(p.w(k)) {
		k++
		cued = true
	}
	n, digits, ok := p.num(k, 4)
	if !ok {
		return 0, j, false, false
	}
	next = k + 1
	if w := p.w(next); (w == "s" || w == "'s") && p.adjacent(k) {
		return 0, j, false, false // "the 2000s": a decade
	}
	era := false
	switch w := p.w(next); {
	case w == "هـ" || w == "ه" || w == "هجريه" || w == "للهجره":
		hijri, era = true, true
		next++
	case w == "م" || w == "ميلاديه" || w == "للميلاد" || w == "ad" || w == "bc":
		if w == "bc" {
			return 0, j, false, false
		}
		era = true
		next++
	case w == "a" && p.isPunct(next+1, ".") && p.w(next+2) == "d":
		era = true
		next += 3
		if p.isPunct(next, ".") {
			next++
		}
	}
	switch {
	case digits == 4:
	case digits == 2 && short && !era:
		n = expandYear(n, p.pub)
	case era || cued:
		// «عام 14 م», "in 14 a.d."
		if !era && digits < 4 {
			return 0, j, false, false
		}
	default:
		return 0, j, false, false
	}
	if n < 1 || n > 2999 {
		return 0, j, false, false
	}
	// A Hijri year written without هـ in Arabic text.
	if !era && digits == 4 && n >= 1300 && n <= 1500 && p.toks[k].text != p.toks[k].norm {
		hijri = true
	}
	return n, next, hijri, true
}

// expandYear reads a two-digit year as the nearest one not more than ten
// years after ref (74 → 1974, 15 → 2015).
func expandYear(n int, ref time.Time) int {
	base := 2000
	if !ref.IsZero() {
		base = ref.Year() / 100 * 100
	}
	y := base + n
	lim := 2035
	if !ref.IsZero() {
		lim = ref.Year() + 10
	}
	if y > lim {
		y -= 100
	}
	return y
}

// dayNumAt reads a day of the month at token j: 1–31 in digits with an
// optional English suffix ("15th"), or an ordinal word (Arabic or English).
// word is true for ordinal words.
func (p *dateParser) dayNumAt(j int) (d, next int, word, ok bool) {
	if n, _, ok := p.num(j, 2); ok {
		if n < 1 || n > 31 {
			return 0, j, false, false
		}
		next = j + 1
		if p.adjacent(j) {
			switch p.w(next) {
			case "st", "nd", "rd", "th":
				next++
			}
		}
		return n, next, false, true
	}
	d, next, ok = p.ordinalAt(j)
	return d, next, true, ok
}

// ordinalAt reads an ordinal word naming 1–31: «السابع», «الثالث عشر»,
// «الحادي والعشرين», «العشرين», "third", "twenty-first", "twenty first".
func (p *dateParser) ordinalAt(j int) (n, next int, ok bool) {
	if j >= len(p.toks) || p.toks[j].kind != tokWord {
		return 0, j, false
	}
	w := p.w(j)
	if isLatinWord(w) {
		if e, ok := ordinalLex[w]; ok {
			return e.v, j + 1, true
		}
		if w == "twenty" || w == "thirty" {
			if e, ok := ordinalLex[p.w(j+1)]; ok && e.v < 10 {
				t := 20
				if w == "thirty" {
					t = 30
				}
				if t+e.v <= 31 {
					return t + e.v, j + 2, true
				}
			}
		}
		return 0, j, false
	}
	base := stripPrep(w)
	base = strings.TrimPrefix(base, "ال")
	unit := 0
	if base == "حادي" || base == "حاديه" {
		unit = 1
	} else if e, ok := ordinalLex[base]; ok {
		unit = e.v
	} else {
		return 0, j, false
	}
	if unit == 20 || unit == 30 {
		return unit, j + 1, true
	}
	switch p.w(j + 1) {
	case "عشر", "عشره":
		if unit < 10 {
			return unit + 10, j + 2, true
		}
	case "والعشرين":
		if unit < 10 {
			return unit + 20, j + 2, true
		}
	case "والثلاثين":
		if unit <= 1 {
			return unit + 30, j + 2, true
		}
	}
	if base == "حادي" || base == "حاديه" {
		return 0, j, false
	}
	return unit, j + 1, true
}

// isLastWord reports whether w means "last" in «آخر يوم», «الاثنين الأخير».
func isLastWord(w string) bool {
	switch w {
	case "اخر", "الاخير", "الاخيره", "last":
		return true
	}
	return false
}

// ---- context ----

// direction returns +1 when the clause around tokens [i, end) speaks of the
// future (سـ/سوف + verb, "will", «المرتقب», "ahead of"), -1 when an
// English verb in it is in the past, and 0 when nothing in it says: a
// weekday is then the last one, a month or a day of a month the nearest
// one.
func (p *dateParser) direction(i, end int) int {
	s := p.d.sentenceOf(p.toks[i].start)
	lo, hi := i-10, end+6
	if s >= 0 {
		if lo < p.d.sentences[s].first {
			lo = p.d.sentences[s].first
		}
		if hi > p.d.sentences[s].last+1 {
			hi = p.d.sentences[s].last + 1
		}
	}
	if lo < 0 {
		lo = 0
	}
	if hi > len(p.toks) {
		hi = len(p.toks)
	}
	past := false
	for j := lo; j < hi; j++ {
		if j >= i && j < end {
			continue
		}
		if isFutureWord(p.toks[j].norm) {
			return 1
		}
		switch w := p.toks[j].norm; {
		case w == "going" && p.w(j+1) == "to",
			w == "ahead" && p.w(j+1) == "of",
			(w == "set" || w == "slated" || w == "poised") && (p.w(j+1) == "to" || p.w(j+1) == "for"):
			return 1
		case isEnglishPast(w):
			past = true
		}
	}
	if past {
		return -1
	}
	return 0
}

// notPastVerbs end in -ed but do not put a clause in the past: adjectives
// and the verbs of reporting, whose tense says when it was said, not when
// what is said happens ("officials said the plant opens in December").
var notPastVerbs = map[string]bool{
	"need": true, "indeed": true, "speed": true, "united": true, "limited": true, "hundred": true,
	"based": true, "related": true, "concerned": true, "interested": true, "involved": true,
	"added": true, "stated": true, "reported": true, "announced": true, "warned": true, "noted": true,
	"tweeted": true, "insisted": true, "argued": true, "claimed": true, "suggested": true,
	"asked": true, "explained": true, "acknowledged": true, "predicted": true, "posted": true,
	"expected": true, "scheduled": true, "planned": true, "proposed": true, "needed": true,
}

// isEnglishPast reports whether the English word w marks the past tense:
// "was", "had", "did", or a verb in -ed.
func isEnglishPast(w string) bool {
	switch w {
	case "was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && isLatinWord(w) && !notPastVerbs[w]
}

// pastUnlessFuture turns direction's "unknown" into the past.
func pastUnlessFuture(dir int) int {
	if dir > 0 {
		return 1
	}
	return -1
}

// notFuture are words that start like a future verb (س + prefix) but are not.
var notFuture = []string{"سياس", "سيار", "سيطر", "سيد", "سيف", "سين", "سيل", "سيم", "سيك", "سيو", "سير", "سيج",
	"ستة", "سته", "ستين", "ستا", "ستر", "ستو", "ستي", "ستن", "ستك", "ستب",
	"سنه", "سنو", "سنين", "سنت", "سنا", "سند", "سنغ", "سني", "سنب"}

// isFutureWord reports whether a normalised word marks the future tense.
func isFutureWord(w string) bool {
	switch w {
	case "سوف", "وسوف", "will", "shall", "won't", "المقرر", "المنتظر", "المتوقع", "scheduled", "tomorrow",
		"upcoming", "expected", "due", "planned", "plans", "المرتقب", "المرتقبه", "مرتقب", "مرتقبه", "المزمع",
		"المزمعه", "مقرر", "مقرره", "يعتزم", "تعتزم", "ينوي", "تنوي", "يرتقب":
		return true
	}
	if strings.HasSuffix(w, "'ll") {
		return true
	}
	if !isArabicWord(w) {
		return false
	}
	w = stripConj(w)
	rest, ok := strings.CutPrefix(w, "س")
	if !ok || len([]rune(rest)) < 3 {
		return false
	}
	switch {
	case strings.HasPrefix(rest, "ي"), strings.HasPrefix(rest, "ت"), strings.HasPrefix(rest, "ن"):
	default:
		return false
	}
	for _, nf := range notFuture {
		if strings.HasPrefix(w, nf) {
			return false
		}
	}
	return true
}

// qualAfter reads an Arabic qualifier at token j («الماضي», «المقبل»,
// «الحالي»): -1, +1 or 0, and whether there is one.
func (p *dateParser) qualAfter(j int) (int, bool) {
	w := p.w(j)
	switch {
	case pastQual[w]:
		return -1, true
	case futureQual[w]:
		return 1, true
	case currentQual[w]:
		return 0, true
	}
	return 0, false
}

// isPercent reports whether token j says "percent": «في المائة»,
// «بالمئة», "%".
func (p *dateParser) isPercent(j int) bool {
	switch p.w(j) {
	case "%", "٪", "بالمايه", "بالميه", "percent":
		return true
	case "في":
		w := p.w(j + 1)
		return w == "المايه" || w == "الميه"
	}
	return false
}

// ---- resolution ----

// resolveMD picks the year of month m, day d: the nearest reading on or
// before the reference (dir < 0), on or after it (dir > 0), or on either
// side (dir 0: «حتى 20 سبتمبر» in July is this September, «في 3 مارس» last
// March); strict excludes the reference day itself. With a weekday, the
// nearest year where the day falls on it.
func (p *dateParser) resolveMD(m, d, dir int, strict bool, wd time.Weekday, hasWD bool) (time.Time, bool) {
	if !p.hasPub || d > daysIn(2012, m) {
		return time.Time{}, false
	}
	y0 := p.pub.Year()
	if hasWD {
		best, bestDist := time.Time{}, 1<<30
		for y := y0 - 12; y <= y0+12; y++ {
			if d > daysIn(y, m) {
				continue
			}
			t := ymd(y, m, d)
			if t.Weekday() != wd {
				continue
			}
			dist := int(t.Sub(p.pub).Hours() / 24)
			if dist < 0 {
				dist = -dist
			}
			if dist < bestDist {
				best, bestDist = t, dist
			}
		}
		if bestDist < 1<<30 {
			return best, true
		}
	}
	if dir == 0 {
		best, bestDist := time.Time{}, 1<<30
		for y := y0 - 1; y <= y0+1; y++ {
			if d > daysIn(y, m) {
				continue
			}
			t := ymd(y, m, d)
			dist := int(t.Sub(p.pub).Hours() / 24)
			if dist < 0 {
				dist = -dist
			} else {
				dist++ // a tie goes to the past
			}
			if dist < bestDist {
				best, bestDist = t, dist
			}
		}
		return best, bestDist < 1<<30
	}
	if dir > 0 {
		for y := y0 - 1; y <= y0+1; y++ {
			if d > daysIn(y, m) {
				continue
			}
			t := ymd(y, m, d)
			if t.After(p.pub) || (!strict && t.Equal(p.pub)) {
				return t, true
			}
		}
		return time.Time{}, false
	}
	for y := y0 + 1; y >= y0-2; y-- {
		if d > daysIn(y, m) {
			continue
		}
		t := ymd(y, m, d)
		if t.Before(p.pub) || (!strict && t.Equal(p.pub)) {
			return t, true
		}
	}
	return time.Time{}, false
}

// resolveM picks the year of month m as resolveMD does.
func (p *dateParser) resolveM(m, dir int, strict bool) (time.Time, bool) {
	if !p.hasPub {
		return time.Time{}, false
	}
	y := p.pub.Year()
	cur := int(p.pub.Month())
	switch {
	case dir == 0 && m-cur >= 6:
		y-- // «في ديسمبر» in February: the last one
	case dir == 0 && cur-m > 6:
		y++ // «في ديسمبر» in July: the next one
	case dir == 0:
	case dir > 0 && (m < cur || (strict && m == cur)):
		y++
	case dir < 0 && (m > cur || (strict && m == cur)):
		y--
	}
	return ymd(y, m, 1), true
}

// resolveHijri converts day d of Hijri month m of year y (0 when not
// given) with direction dir, snapping to weekday wd when given.
func (p *dateParser) resolveHijri(y, m, d, dir int, wd time.Weekday, hasWD bool) (time.Time, bool) {
	if y == 0 {
		if !p.hasPub {
			return time.Time{}, false
		}
		hy, _, _ := timeToHijri(p.pub)
		var best time.Time
		found := false
		bestDist := 1 << 30
		for c := hy - 1; c <= hy+1; c++ {
			t, ok := hijriToTime(c, m, d)
			if !ok {
				continue
			}
			diff := int(t.Sub(p.pub).Hours() / 24)
			switch {
			case hasWD:
				if diff < 0 {
					diff = -diff
				}
				if diff < bestDist {
					best, bestDist, found = t, diff, true
				}
			case dir > 0:
				if diff >= 0 && diff < bestDist {
					best, bestDist, found = t, diff, true
				}
			default:
				if diff <= 0 && -diff < bestDist {
					best, bestDist, found = t, -diff, true
				}
			}
		}
		if !found {
			return time.Time{}, false
		}
		return snapWeekday(best, wd, hasWD), true
	}
	t, ok := hijriToTime(y, m, d)
	if !ok {
		return time.Time{}, false
	}
	return snapWeekday(t, wd, hasWD), true
}

// snapWeekday moves t by up to two days to the named weekday: the tabular
// calendar and the civil one differ by that much.
func snapWeekday(t time.Time, wd time.Weekday, has bool) time.Time {
	if !has {
		return t
	}
	for _, off := range []int{0, -1, 1, -2, 2} {
		if c := t.AddDate(0, 0, off); c.Weekday() == wd {
			return c
		}
	}
	return t
}

// weekdayFrom returns the day with weekday wd nearest the reference: on or
// before it (dir < 0) or on or after it (dir > 0); strict excludes the
// reference day.
func weekdayFrom(ref time.Time, wd time.Weekday, dir int, strict bool) time.Time {
	diff := int(wd) - int(ref.Weekday())
	if dir > 0 {
		if diff < 0 || (strict && diff == 0) {
			diff += 7
		}
		return ref.AddDate(0, 0, diff)
	}
	if diff > 0 || (strict && diff == 0) {
		diff -= 7
	}
	return ref.AddDate(0, 0, diff)
}

// mondayOf returns the Monday of the week (Monday to Sunday) holding t.
func mondayOf(t time.Time) time.Time {
	off := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -off)
}

func dayVal(t time.Time) dval   { return dval{t, Day} }
func monthVal(t time.Time) dval { return dval{ymd(t.Year(), int(t.Month()), 1), Month} }

// ---- patterns ----

// numeric reads digit dates: 2015-03-03, 10/31/1974, 31.10.74 (one token),
// «19 / 9 / 1436هـ», 2/15, 2014-10, 2/2013.
func (p *dateParser) numeric(i int) (dval, int, bool) {
	var parts [3]int
	var digits [3]int
	n := 0
	next := i
	// One token with dots: "10.31.1974".
	if t := p.toks[i]; t.kind == tokNumber && strings.Count(t.text, ".") == 2 {
		fs := strings.Split(t.norm, ".")
		for k, f := range fs {
			v := 0
			for _, r := range f {
				v = v*10 + int(r-'0')
			}
			parts[k], digits[k] = v, len(f)
		}
		n, next = 3, i+1
	} else {
		a, da, ok := p.num(i, 4)
		if !ok {
			return dval{}, i, false
		}
		parts[0], digits[0], n, next = a, da, 1, i+1
		sep := ""
		for n < 3 {
			s := ""
			if p.isPunct(next, "/") || p.isPunct(next, "-") || p.isPunct(next, ".") {
				s = p.toks[next].text
			}
			if s == "" || (sep != "" && s != sep) {
				break
			}
			b, db, ok := p.num(next+1, 4)
			if !ok {
				break
			}
			sep = s
			parts[n], digits[n] = b, db
			n++
			next += 2
		}
		if n < 2 {
			return dval{}, i, false
		}
		// Part of a longer run (a phone number, a reference): not a date.
		if p.isPunct(next, sep) && next+1 < len(p.toks) && p.toks[next+1].kind == tokNumber {
			return dval{}, i, false
		}
		if sep == "." && n < 3 {
			return dval{}, i, false
		}
		if sep == "-" && n == 2 && !(digits[0] == 4 || parts[1] > 12) {
			// "3-1" is a score more often than a date.
			return dval{}, i, false
		}
	}
	if i > 0 && (p.w(i-1) == "رقم" || p.w(i-1) == "no" || p.w(i-1) == "برقم" || p.isPunct(i-1, "#")) {
		return dval{}, i, false
	}
	if i > 0 && (p.isPunct(i-1, "-") || p.isPunct(i-1, "−")) && p.toks[i-1].end == p.toks[i].start &&
		(i == 1 || p.toks[i-2].kind != tokNumber) {
		return dval{}, i, false // "-12/10": a signed number
	}
	hijri := false
	switch w := p.w(next); {
	case w == "هـ" || w == "ه":
		hijri = true
		next++
	case w == "م":
		next++
	}
	isAr := p.d.lang == "ar"
	if n == 3 {
		var y, m, d int
		switch {
		case digits[0] == 4:
			y, m, d = parts[0], parts[1], parts[2]
		case digits[2] == 4 || digits[2] == 2:
			y = parts[2]
			if digits[2] == 2 {
				y = expandYear(y, p.pub)
			}
			if isAr || parts[0] > 12 {
				d, m = parts[0], parts[1]
			} else {
				m, d = parts[0], parts[1]
			}
		default:
			return dval{}, i, false
		}
		if digits[0] != 4 && digits[2] == 4 && y >= 1300 && y <= 1500 {
			hijri = true
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return dval{}, i, false
		}
		if hijri {
			t, ok := hijriToTime(y, m, d)
			if !ok {
				return dval{}, i, false
			}
			return dayVal(t), next, true
		}
		if y < 1000 || d > daysIn(y, m) {
			return dval{}, i, false
		}
		return dayVal(ymd(y, m, d)), next, true
	}
	// Two parts.
	a, b := parts[0], parts[1]
	switch {
	case digits[0] == 4 && digits[1] <= 2 && b >= 1 && b <= 12 && a >= 1000:
		return monthVal(ymd(a, b, 1)), next, true
	case digits[1] == 4 && digits[0] <= 2 && a >= 1 && a <= 12 && b >= 1000 && !hijri:
		return monthVal(ymd(b, a, 1)), next, true
	case digits[0] <= 2 && digits[1] <= 2 && !hijri:
		if a == 9 && b == 11 && !isAr {
			// "9/11" names the attacks.
			return dval{}, i, false
		}
		if isProperFraction(a, b) && p.toks[i+1].start == p.toks[i].end && p.toks[i+2].start == p.toks[i+1].end {
			// "1/2", «3/4»: a fraction (numbers.go).
			return dval{}, i, false
		}
		m, d := a, b
		if isAr || a > 12 {
			m, d = b, a
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return dval{}, i, false
		}
		t, ok := p.resolveMD(m, d, p.direction(i, next), false, 0, false)
		if !ok {
			return dval{}, i, false
		}
		return dayVal(t), next, true
	}
	return dval{}, i, false
}

// leadWeekday reads an optional weekday that opens a date: «يوم الخميس»,
// «الاربعاء،», "Monday,", «الخميس الموافق».
func (p *dateParser) leadWeekday(i int) (wd time.Weekday, next int, ok bool) {
	wd, next, _, ok = p.weekdayAt(i, false)
	if !ok {
		return 0, i, false
	}
	if p.isComma(next) {
		next++
	}
	if p.w(next) == "الموافق" {
		next++
	}
	return wd, next, true
}

// dayMonth reads «[weekday] [في] DAY [من] [شهر] MONTH [YEAR] [qualifier]»,
// Gregorian or Hijri, and "[weekday,] [the] DAY [of] MONTH [YEAR]".
func (p *dateParser) dayMonth(i int) (dval, int, bool) {
	j := i
	wd, j2, hasWD := p.leadWeekday(j)
	if hasWD {
		j = j2
	}
	if w := p.w(j); w == "في" || w == "the" || w == "on" {
		j++
	}
	if w := p.w(j); w == "the" {
		j++
	}
	if w := stripConj(p.w(j)); w == "اليوم" || w == "يوم" {
		j++
	}
	d, j, word, ok := p.dayNumAt(j)
	if !ok {
		return dval{}, i, false
	}
	if w := p.w(j); w == "يوم" || w == "day" {
		j++
	}
	if w := p.w(j); w == "من" || w == "of" || w == "في" {
		j++
	} else if (p.isPunct(j, "/") || p.isPunct(j, "-")) && !word {
		// 31/Oct/1974, 31-Oct-74
		if _, _, _, ok := p.monthName(j + 1); ok {
			j++
		}
	}
	// Hijri month.
	if hm, k, weak, ok := p.hijriMonthAt(j); ok {
		y, k2, _, hasY := p.yearAt(k, false)
		if hasY {
			k = k2
		} else if w := p.w(k); w == "هـ" || w == "ه" {
			k++
			weak = false
		}
		dir := -1
		if q, ok := p.qualAfter(k); ok {
			dir = q
			k++
			weak = false
			if q == 0 && p.hasPub {
				// «العشرين من شوال الجاري»: this Hijri year's.
				y, _, _ = timeToHijri(p.pub)
			}
		} else if !hasY {
			dir = p.direction(i, k)
		}
		if weak && !hasY {
			return dval{}, i, false
		}
		t, ok := p.resolveHijri(y, hm, d, dir, wd, hasWD)
		if !ok {
			return dval{}, i, false
		}
		return dayVal(t), k, true
	}
	// Day of a relative month: "20 of next month", «التاسع عشر من هذا الشهر».
	if t, k, ok := p.relMonthAt(j); ok && (j > i+1 || word || p.w(j-1) == "of") {
		if d > daysIn(t.Year(), int(t.Month())) {
			return dval{}, i, false
		}
		return dayVal(ymd(t.Year(), int(t.Month()), d)), k, true
	}
	// English "the 14april": number glued to the month is a separate token.
	// A day before the month makes even a weak spelling a month.
	m, k, _, ok := p.monthAt(j)
	if !ok {
		return dval{}, i, false
	}
	if p.isComma(k) {
		if _, _, _, ok := p.yearAt(k+1, false); ok {
			k++
		}
	}
	if p.isPunct(k, "/") || p.isPunct(k, "-") {
		// 31/Oct/1974
		if y, k2, _, ok := p.yearAt(k+1, true); ok {
			if d > daysIn(y, m) {
				return dval{}, i, false
			}
			return dayVal(ymd(y, m, d)), k2, true
		}
	}
	if y, k2, _, ok := p.yearAt(k, !word && p.endsClause(k+1)); ok {
		if d > daysIn(y, m) {
			return dval{}, i, false
		}
		return dayVal(ymd(y, m, d)), k2, true
	}
	// Weekday after: "Jul 18, Fri" is in monthDay; «… المقبل».
	dir := 0
	strict := false
	if q, ok := p.qualAfter(k); ok {
		k++
		if q == 0 && p.hasPub {
			// «29 من يوليو الجاري»: this year's.
			if d > daysIn(p.pub.Year(), m) {
				return dval{}, i, false
			}
			return dayVal(ymd(p.pub.Year(), m, d)), k, true
		}
		dir, strict = q, true
	}
	if dir == 0 {
		dir = p.direction(i, k)
	}
	t, ok := p.resolveMD(m, d, dir, strict, wd, hasWD)
	if !ok {
		return dval{}, i, false
	}
	return dayVal(t), k, true
}

// endsClause reports whether token j is past the end of the text or
// punctuation.
func (p *dateParser) endsClause(j int) bool {
	return j >= len(p.toks) || p.toks[j].kind == tokPunct
}

// monthDay reads "[weekday,] MONTH [the] DAY [,] [YEAR] [, weekday]":
// "April 14, 2015", "Monday, Feb 18", "february the 15th", "Wed, Feb13",
// "march first".
func (p *dateParser) monthDay(i int) (dval, int, bool) {
	j := i
	wd, j2, hasWD := p.leadWeekday(j)
	if hasWD {
		j = j2
	}
	var m, d, k int
	if mp := monthPrefix(p.w(j)); mp > 0 {
		// "Feb13"
		w := p.w(j)
		n := 0
		for _, r := range w {
			if r >= '0' && r <= '9' {
				n = n*10 + int(r-'0')
			}
		}
		k = j + 1
		// The tokenizer keeps only the first digit in the word: "Feb1" "3".
		if m2, _, ok := p.num(k, 1); ok && p.adjacent(j) {
			n = n*10 + m2
			k++
		}
		if n < 1 || n > 31 {
			return dval{}, i, false
		}
		m, d = mp, n
	} else {
		var ok bool
		m, k, _, ok = p.monthAt(j)
		if !ok {
			return dval{}, i, false
		}
		if p.w(k) == "the" {
			k++
		}
		d, k, _, ok = p.dayNumAt(k)
		if !ok {
			return dval{}, i, false
		}
		if !isLatinWord(p.toks[j].norm) {
			// «شباط 18» is rare; Arabic puts the day first.
			return dval{}, i, false
		}
	}
	if p.isComma(k) {
		if _, _, _, ok := p.yearAt(k+1, false); ok {
			k++
		}
	}
	if y, k2, _, ok := p.yearAt(k, false); ok {
		if d > daysIn(y, m) {
			return dval{}, i, false
		}
		return dayVal(ymd(y, m, d)), k2, true
	}
	if !hasWD && p.isComma(k) {
		if w2, k2, _, ok := p.weekdayAt(k+1, false); ok {
			wd, hasWD, k = w2, true, k2
		}
	}
	t, ok := p.resolveMD(m, d, p.direction(i, k), false, wd, hasWD)
	if !ok {
		return dval{}, i, false
	}
	return dayVal(t), k, true
}

// monthCue are the words after which a month name alone is a date.
var monthCue = map[string]bool{"في": true, "منذ": true, "حتى": true, "خلال": true, "شهر": true, "مطلع": true,
	"بدايه": true, "نهايه": true, "اواخر": true, "اوايل": true, "اواسط": true, "منتصف": true, "قبل": true, "بعد": true,
	"in": true, "during": true, "since": true, "until": true, "by": true, "of": true, "before": true, "after": true,
	"early": true, "late": true, "mid": true, "through": true, "from": true, "next": true, "last": true, "this": true}

// monthYear reads "MONTH YEAR", «نهاية يونيو», «منتصف مارس», «ديسمبر
// المقبل», "in March", "next March", "March after next", «بداية شهر 3».
func (p *dateParser) monthYear(i int) (dval, int, bool) {
	j := i
	part := ""
	qual := 0
	hasQual := false
	w0 := stripConj(p.w(j))
	if strings.HasPrefix(w0, "ب") && !strings.HasPrefix(w0, "بدايه") || strings.HasPrefix(w0, "ل") {
		w0 = stripPrep(w0)
	}
	switch w0 {
	case "منتصف", "نصف", "نص", "اواسط", "mid":
		part = "mid"
		j++
	case "بدايه", "مطلع", "اوايل", "early":
		part = "start"
		j++
	case "نهايه", "اواخر", "late":
		part = "end"
		j++
	case "the":
		if p.w(j+1) == "ides" && p.w(j+2) == "of" {
			part = "ides"
			j += 3
		}
	case "next", "last", "this", "coming":
		qual, hasQual = map[string]int{"next": 1, "coming": 1, "last": -1, "this": 0}[w0], true
		j++
	}
	if p.w(j) == "-" || p.isPunct(j, "-") {
		j++
	}
	if part != "" && p.w(j) == "of" {
		j++
	}
	if part == "" && (p.w(j) == "في" || p.w(j) == "in" || p.w(j) == "during") {
		j++
	}
	m, k, weak, ok := p.monthAt(j)
	if !ok {
		// Hijri month and year: «رمضان 1436».
		hm, k, _, ok := p.hijriMonthAt(j)
		if !ok {
			return dval{}, i, false
		}
		y, k2, _, ok := p.yearAt(k, false)
		if !ok {
			return dval{}, i, false
		}
		t, ok := hijriToTime(y, hm, 1)
		if !ok {
			return dval{}, i, false
		}
		return monthVal(t), k2, true
	}
	var t time.Time
	if y, k2, hijri, ok := p.yearAt(k, false); ok && !hijri {
		t, k = ymd(y, m, 1), k2
	} else {
		cued := hasQual || part != "" || j > i || (j > 0 && inSet(monthCue, p.w(j-1)))
		if isLatinWord(p.toks[j].norm) && !weak && unicode.IsUpper([]rune(p.toks[j].text)[0]) {
			cued = true
		}
		strict := false
		dir := 0
		if q, ok := p.qualAfter(k); ok {
			dir, strict, cued = q, q != 0, true
			k++
		} else if hasQual {
			dir, strict = qual, qual != 0
		}
		after := false
		if p.w(k) == "after" && p.w(k+1) == "next" {
			dir, strict, after, cued = 1, true, true, true
			k += 2
		}
		// "March in a year", "March in 1 year".
		inYear := false
		if p.w(k) == "in" && (p.w(k+1) == "a" || p.w(k+1) == "1" || p.w(k+1) == "one") && p.w(k+2) == "year" {
			inYear, cued = true, true
			k += 3
		}
		if isLatin(p.w(j)) && k == j+1 && part == "" && (weak && !unicode.IsUpper([]rune(p.toks[j].text)[0]) || len(p.w(j)) == 3 && p.w(j) != "may") {
			// "may", "this may", "Jan" (a name) alone are not months.
			return dval{}, i, false
		}
		if !cued || (weak && !hasQual && part == "" && dir == 0 && !(j > 0 && inSet(monthCue, p.w(j-1)) && p.w(j-1) != "of")) {
			return dval{}, i, false
		}
		if dir == 0 {
			dir = p.direction(i, k)
		}
		var ok bool
		t, ok = p.resolveM(m, dir, strict)
		if !ok {
			return dval{}, i, false
		}
		if after {
			t = t.AddDate(1, 0, 0)
		}
		if inYear {
			t = ymd(p.pub.Year()+1, m, 1)
		}
	}
	switch part {
	case "mid":
		return dayVal(t.AddDate(0, 0, 14)), k, true
	case "ides":
		day := 13
		switch m {
		case 3, 5, 7, 10:
			day = 15
		}
		return dayVal(t.AddDate(0, 0, day-1)), k, true
	case "start":
		if stripConj(p.w(i)) == "بدايه" {
			return dayVal(t), k, true
		}
	}
	return monthVal(t), k, true
}

// yearCue are the words after which a bare four-digit number is a year.
var yearCue = map[string]bool{"في": true, "منذ": true, "حتى": true, "بحلول": true, "قبل": true, "بعد": true,
	"خلال": true, "مطلع": true, "بدايه": true, "نهايه": true, "اواخر": true, "اوايل": true, "منتصف": true,
	"in": true, "since": true, "by": true, "until": true, "before": true, "after": true, "during": true,
	"through": true, "from": true, "early": true, "late": true, "mid": true}

// yearAlone reads «عام 2122م», "in 2014", "2014 AD", «بحلول 2030».
func (p *dateParser) yearAlone(i int) (dval, int, bool) {
	j := i
	w := p.w(j)
	if inSet(yearCue, w) || w == "من" || w == "of" {
		j++
	}
	y, k, hijri, ok := p.yearAt(j, false)
	if !ok {
		return dval{}, i, false
	}
	cued := j > i && inSet(yearCue, w) || isYearWord(p.w(j)) || isYearWord(p.w(j+1)) || k > j+1
	if !cued {
		return dval{}, i, false
	}
	if p.isPunct(k, "-") || p.isPunct(k, "/") {
		// a range or a number run: leave it
		if _, _, ok := p.num(k+1, 4); ok {
			return dval{}, i, false
		}
	}
	if hijri {
		// A Hijri year spans two Gregorian ones; keep no value.
		return dval{}, i, false
	}
	return dval{ymd(y, 1, 1), Year}, k, true
}

// weekRefAt reads a week reference at token j: «الاسبوع الماضي», «هذا
// الاسبوع», «من الاسبوع المقبل», "of this week", "next week", "from last
// week". It returns the offset in weeks.
func (p *dateParser) weekRefAt(j int) (off, next int, ok bool) {
	if w := p.w(j); w == "من" || w == "of" || w == "from" || w == "في" {
		j++
	}
	w := p.w(j)
	if w == "هذا" && p.w(j+1) == "الاسبوع" {
		return 0, j + 2, true
	}
	if w == "الاسبوع" {
		if q, ok := p.qualAfter(j + 1); ok {
			return q, j + 2, true
		}
		return 0, j, false
	}
	if w == "this" || w == "next" || w == "last" || w == "the" || w == "current" {
		if p.w(j+1) == "week" {
			return map[string]int{"this": 0, "current": 0, "the": 0, "next": 1, "last": -1}[w], j + 2, true
		}
	}
	return 0, j, false
}

// weekdayExpr reads weekday expressions: «الخميس», «يوم الثلاثاء الماضي»,
// «الخميس المقبل», «اثنين الاسبوع الحالي», "last sunday", "next tuesday",
// "friday after next", "wednesday of next week", "last week's sunday",
// «السبت السادس عشر», "Tuesday the 19th".
func (p *dateParser) weekdayExpr(i int) (dval, int, bool) {
	if !p.hasPub {
		return dval{}, i, false
	}
	j := i
	enQual, hasEn := 0, false
	if w := p.w(j); w == "around" || w == "قرابه" {
		j++
	}
	switch w := p.w(j); {
	case w == "هذا" || w == "this":
		enQual, hasEn = 0, true
		j++
	case enPast[w]:
		enQual, hasEn = -1, true
		j++
		if p.w(j) == "week's" || (p.w(j) == "week" && p.isPunct(j+1, "'")) {
			// "last week's sunday"
			k := j + 1
			if p.isPunct(k, "'") {
				k += 2
			}
			if wd, k2, _, ok := p.weekdayAt(k, false); ok {
				t := mondayOf(p.pub).AddDate(0, 0, -7+(int(wd)+6)%7)
				return dayVal(t), k2, true
			}
		}
	case enFuture[w]:
		enQual, hasEn = 1, true
		j++
	}
	wd, k, weak, ok := p.weekdayAt(j, true)
	if !ok || p.isPercent(k) {
		// «الاثنين في المائة» is two percent.
		return dval{}, i, false
	}
	if stripConj(p.w(j)) != "يوم" && !isLatinWord(p.toks[j].norm) && !strings.Contains(p.w(j), "ال") && p.w(k) != "الاسبوع" && p.w(k) != "من" {
		// A bare Arabic weekday without the article needs a week after it.
		return dval{}, i, false
	}
	// Week reference after the weekday.
	if off, k2, ok := p.weekRefAt(k); ok {
		t := mondayOf(p.pub).AddDate(0, 0, 7*off+(int(wd)+6)%7)
		return dayVal(t), k2, true
	}
	if p.w(k) == "next" && p.w(k+1) == "week" {
		t := mondayOf(p.pub).AddDate(0, 0, 7+(int(wd)+6)%7)
		return dayVal(t), k + 2, true
	}
	if p.w(k) == "after" && p.w(k+1) == "next" {
		t := weekdayFrom(p.pub, wd, 1, true).AddDate(0, 0, 7)
		return dayVal(t), k + 2, true
	}
	// Weekday with a day of the month and no month: «السبت السادس عشر»,
	// "Tuesday the 19th", "Thu 15th".
	{
		k2 := k
		if p.isComma(k2) {
			k2++
		}
		if p.w(k2) == "the" {
			k2++
		}
		if d, k3, word, ok := p.dayNumAt(k2); ok && (word || p.w(k3-1) != p.w(k2) || p.toks[k2].kind == tokNumber && p.endsClause(k3)) {
			// Not followed by a month: dayMonth reads that.
			if _, _, _, isM := p.monthAt(k3); !isM && !(p.w(k3) == "من" || p.w(k3) == "of") {
				if t, ok := p.weekdayDay(wd, d); ok {
					return dayVal(t), k3, true
				}
			}
		}
	}
	if weak && !hasEn && !p.endsClause(k) {
		return dval{}, i, false
	}
	if weak && !hasEn && i > 0 && !p.endsClause(i-1) && p.d.sentenceOf(p.toks[i].start) == p.d.sentenceOf(p.toks[i-1].start) {
		return dval{}, i, false
	}
	var t time.Time
	if q, ok := p.qualAfter(k); ok && q != 0 {
		t = weekdayFrom(p.pub, wd, q, true)
		k++
	} else if hasEn && enQual != 0 {
		t = weekdayFrom(p.pub, wd, enQual, true)
	} else if hasEn {
		// "this Friday", «هذا الاثنين»: the one of this week.
		t = mondayOf(p.pub).AddDate(0, 0, (int(wd)+6)%7)
	} else {
		t = weekdayFrom(p.pub, wd, pastUnlessFuture(p.direction(i, k)), false)
	}
	return dayVal(t), k, true
}

// weekdayDay finds the day d of a month falling on weekday wd nearest the
// reference.
func (p *dateParser) weekdayDay(wd time.Weekday, d int) (time.Time, bool) {
	y, m := p.pub.Year(), int(p.pub.Month())
	for k := 0; k < 24; k++ {
		for _, s := range []int{-1, 1} {
			if k == 0 && s == 1 {
				continue
			}
			mm := m + s*k
			t := ymd(y, mm, 1)
			if d > daysIn(t.Year(), int(t.Month())) {
				continue
			}
			t = ymd(t.Year(), int(t.Month()), d)
			if t.Weekday() == wd {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// relDay reads today, yesterday, tomorrow and the days around them.
func (p *dateParser) relDay(i int) (dval, int, bool) {
	if !p.hasPub {
		return dval{}, i, false
	}
	j := i
	w := p.w(j)
	sw := stripConj(w)
	if b, ok := strings.CutSuffix(w, "'s"); ok && isLatinWord(w) {
		w = b // "today's vote"
	}
	if (w == "today" || w == "tomorrow" || w == "yesterday") && i > 0 && nounDeterminer[p.w(i-1)] {
		return dval{}, i, false // "a brighter tomorrow": a noun
	}
	switch {
	case sw == "اليوم" || sw == "يوم":
		// «اليوم», «يوم غد», «اليوم الماضي», «يوم بعد غد», «اليوم الذي بعد
		// الغد», «اليوم قبل امس».
		k := j + 1
		if x := p.w(k); x == "الذي" || x == "الي" || x == "اللي" {
			k++
		}
		switch x := p.w(k); {
		case x == "غد" || x == "الغد":
			t := p.pub.AddDate(0, 0, 1)
			if t2, k2, ok := p.namedDay(t, k+1); ok {
				return dayVal(t2), k2, true
			}
			return dayVal(t), k + 1, true
		case x == "بعد" || x == "قبل" || x == "القبل":
			if o, k2, ok := p.relDayWord(k); ok {
				return dayVal(p.pub.AddDate(0, 0, o)), k2, true
			}
		case x == "الماضي" || x == "السابق" || x == "المنصرم":
			return dayVal(p.pub.AddDate(0, 0, -1)), k + 1, true
		}
		if sw == "يوم" {
			return dval{}, i, false
		}
		// «اليوم الاثنين»: today, named.
		if t, k2, ok := p.namedDay(p.pub, j+1); ok {
			return dayVal(t), k2, true
		}
		// «في هذا اليوم» is read at هذا.
		return dayVal(p.pub), j + 1, true
	case w == "في" && p.w(j+1) == "هذا" && p.w(j+2) == "اليوم", w == "هذا" && p.w(j+1) == "اليوم":
		k := j + 2
		if w == "في" {
			k++
		}
		return dayVal(p.pub), k, true
	case w == "today" || w == "tonight" || w == "tonite":
		return dayVal(p.pub), j + 1, true
	case w == "this" && (p.w(j+1) == "morning" || p.w(j+1) == "afternoon" || p.w(j+1) == "evening"):
		return dayVal(p.pub), j + 2, true
	case w == "last" && p.w(j+1) == "night":
		return dayVal(p.pub.AddDate(0, 0, -1)), j + 2, true
	case sw == "الليله":
		// «الليلة»: tonight; «الليلة الماضية»: last night.
		if q, ok := p.qualAfter(j + 1); ok && q < 0 {
			return dayVal(p.pub.AddDate(0, 0, -1)), j + 2, true
		}
		if _, ok := p.qualAfter(j + 1); ok {
			return dval{}, i, false
		}
		return dayVal(p.pub), j + 1, true
	case w == "the" && p.w(j+1) == "day" && (p.w(j+2) == "after" || p.w(j+2) == "before"):
		if p.w(j+3) == "tomorrow" && p.w(j+2) == "after" {
			return dayVal(p.pub.AddDate(0, 0, 2)), j + 4, true
		}
		if p.w(j+3) == "yesterday" && p.w(j+2) == "before" {
			return dayVal(p.pub.AddDate(0, 0, -2)), j + 4, true
		}
		return dval{}, i, false
	}
	if o, k, ok := p.relDayWord(j); ok {
		t := p.pub.AddDate(0, 0, o)
		if t2, k2, ok := p.namedDay(t, k); ok {
			return dayVal(t2), k2, true
		}
		return dayVal(t), k, true
	}
	return dval{}, i, false
}

// namedDay reads the weekday that names a relative day at token j: «أمس
// السبت», «أول من أمس "الأحد"», «يوم غد -الاثنين-», "yesterday, Monday". A
// paper dated a day or two after it was written says «أمس السبت» of a
// Saturday three days back, so the weekday wins: the day nearest t that
// falls on it.
func (p *dateParser) namedDay(t time.Time, j int) (time.Time, int, bool) {
	k := j
	for k < len(p.toks) && p.toks[k].kind == tokPunct && k < j+2 {
		switch p.toks[k].text {
		case "-", "–", "\"", "«", "(", ",", "،", "“":
			k++
			continue
		}
		break
	}
	if k < len(p.toks) && !p.sameSentence(j-1, k) {
		return t, j, false
	}
	wd, next, weak, ok := p.weekdayAt(k, false)
	if !ok || weak {
		return t, j, false
	}
	back := (int(t.Weekday()) - int(wd) + 7) % 7
	if back <= 3 {
		t = t.AddDate(0, 0, -back)
	} else {
		t = t.AddDate(0, 0, 7-back)
	}
	// the closing mark of «"الأحد"» or «-الاثنين-»
	if next < len(p.toks) && next > k && k > j {
		switch p.toks[next].text {
		case "-", "–", "\"", "»", ")", "”":
			next++
		}
	}
	return t, next, true
}

// nounDeterminer are the English words after which "today" and "tomorrow"
// are nouns: "a brighter tomorrow", "our today".
var nounDeterminer = map[string]bool{
	"a": true, "an": true, "the": true, "our": true, "your": true, "their": true, "his": true, "her": true,
	"my": true, "brighter": true, "better": true, "bright": true, "new": true,
}

// relDayWord reads امس، البارحة، غدا، بعد غد، قبل امس, yesterday, tomorrow.
func (p *dateParser) relDayWord(j int) (off, next int, ok bool) {
	w := stripConj(p.w(j))
	switch w {
	case "امس", "بالامس", "البارحه", "امبارح", "yesterday", "yesterday's":
		off, next = -1, j+1
	case "غدا", "بكره", "بكرا", "tomorrow", "tomorrows", "tomorrow's":
		return 1, j + 1, true
	case "بعد":
		switch p.w(j + 1) {
		case "غد", "الغد", "غدا", "بكره", "بكرا":
			return 2, j + 2, true
		}
	case "قبل", "القبل":
		switch p.w(j + 1) {
		case "امس", "الامس", "البارحه", "امبارح":
			return -2, j + 2, true
		}
	case "اول":
		// «أول من أمس», «أول أمس»: the day before yesterday.
		k := j + 1
		if p.w(k) == "من" {
			k++
		}
		switch p.w(k) {
		case "امس", "الامس", "البارحه":
			return -2, k + 1, true
		}
	}
	if off == -1 {
		if w := p.w(next); (w == "الاول" || w == "الاولي") && isArabicWord(p.w(j)) {
			// «أمس الأول»: the day before yesterday too.
			return -2, next + 1, true
		}
		return off, next, true
	}
	return 0, j, false
}

// countAt reads a count: digits, a number word, "a"/"an".
func (p *dateParser) countAt(j int) (n, next int, ok bool) {
	if v, _, ok := p.num(j, 3); ok {
		return v, j + 1, true
	}
	if e, ok := cardinalLex[p.w(j)]; ok {
		return e.v, j + 1, true
	}
	return 0, j, false
}

// relUnit reads the relative periods: «الشهر الماضي», «العام المقبل»,
// «هذه السنة», "last month", "this year", "3 days ago", «قبل ثلاثة أيام»,
// «منذ أسبوع», "in a week", "a week hence", "3 years from today",
// "3 fridays from now", "2 thursdays ago".
func (p *dateParser) relUnit(i int) (dval, int, bool) {
	if !p.hasPub {
		return dval{}, i, false
	}
	j := i
	w := p.w(j)
	sw := stripConj(w)
	// «الشهر الماضي», «العام الحالي», «السنة القادمة».
	if sw == "الشهر" || sw == "العام" || sw == "السنه" {
		if q, ok := p.qualAfter(j + 1); ok {
			if sw == "الشهر" {
				return monthVal(p.pub.AddDate(0, q, 0)), j + 2, true
			}
			return dval{ymd(p.pub.Year()+q, 1, 1), Year}, j + 2, true
		}
		return dval{}, i, false
	}
	if (sw == "هذا" || sw == "هذه") && (p.w(j+1) == "العام" || p.w(j+1) == "السنه" || p.w(j+1) == "الشهر") {
		if p.w(j+1) == "الشهر" {
			return monthVal(p.pub), j + 2, true
		}
		return dval{ymd(p.pub.Year(), 1, 1), Year}, j + 2, true
	}
	// «الأسبوع المقبل», «هذا الأسبوع», "next week", "the following week":
	// the week's Monday, as "wednesday of next week" counts weeks. It
	// names no day, so it dates no event (isWeek).
	if w != "the" || p.w(j+1) == "following" {
		k := j
		if w == "the" {
			k++
		}
		if p.w(k) == "following" && p.w(k+1) == "week" {
			return dayVal(mondayOf(p.pub).AddDate(0, 0, 7)), k + 2, true
		}
		if off, k2, ok := p.weekRefAt(k); ok && p.w(k2-2) != "the" {
			if _, _, _, wd := p.weekdayAt(k2, true); !wd && p.w(k2) != "'s" {
				return dayVal(mondayOf(p.pub).AddDate(0, 0, 7*off)), k2, true
			}
		}
	}
	if w == "the" && (p.w(j+1) == "following" || p.w(j+1) == "next" || p.w(j+1) == "coming") {
		j++
		w = p.w(j)
	}
	if (w == "last" || w == "past") && j > 0 && p.w(j-1) == "the" {
		return dval{}, i, false // "in the last year": the twelve months to now
	}
	if q, ok := map[string]int{"last": -1, "previous": -1, "next": 1, "this": 0, "current": 0, "coming": 1, "following": 1}[w]; ok {
		switch p.w(j + 1) {
		case "month":
			return monthVal(p.pub.AddDate(0, q, 0)), j + 2, true
		case "year", "yr":
			return dval{ymd(p.pub.Year()+q, 1, 1), Year}, j + 2, true
		}
		return dval{}, i, false
	}
	// «قبل أسبوع», «منذ ثلاثة أيام», «بعد شهرين».
	if sw == "قبل" || sw == "منذ" || sw == "بعد" || sw == "من" {
		sign := -1
		if sw == "بعد" {
			sign = 1
		}
		k := j + 1
		n := 1
		if c, k2, ok := p.countAt(k); ok {
			n, k = c, k2
		}
		u, ok := unitWords[p.w(k)]
		if !ok {
			return dval{}, i, false
		}
		if u.count > 0 {
			if k > j+1 {
				return dval{}, i, false
			}
			n = u.count
		} else if k == j+1 && !(p.w(k) == "اسبوع" || p.w(k) == "شهر" || p.w(k) == "عام" || p.w(k) == "سنه") {
			// «قبل أيام»: a few days, no date.
			return dval{}, i, false
		}
		if sw == "من" && (k > j+1 || p.w(k) != "اسبوع") || p.w(j-1) == "اكثر" || p.w(j-1) == "اقل" {
			return dval{}, i, false
		}
		// «منذ عام 2014» is a year.
		if _, _, ok := p.num(k+1, 4); ok {
			return dval{}, i, false
		}
		after := k + 1
		if w := p.w(after); w == "فقط" || w == "فحسب" {
			after++
		}
		if w := p.w(after); w == "من" || w == "علي" || w == "عن" {
			// «قبل يومين من الموعد», «بعد أربعة أيام على فوزه»: relative
			// to something else.
			return dval{}, i, false
		}
		if sw == "بعد" && p.direction(i, k+1) <= 0 {
			// «رحل بعد 17 عاما قضاها في ليفربول»: after a time the text
			// tells of, not after the day it was written; «سيعود بعد
			// شهرين» is a date.
			return dval{}, i, false
		}
		return p.shift(sign*n, u.unit, false), k + 1, true
	}
	// "3 days ago", "a week hence", "in 1 week", "3 years from today",
	// "3 fridays from now", "2 thursdays back".
	k := j
	in := false
	if w == "in" {
		in = true
		k++
	}
	n, k, ok := p.countAt(k)
	if !ok {
		return dval{}, i, false
	}
	uw := p.w(k)
	if wd, ok := weekdayLex[strings.TrimSuffix(uw, "s")]; ok && !wd.weak && !in {
		switch {
		case p.w(k+1) == "from" && (p.w(k+2) == "now" || p.w(k+2) == "today"):
			t := weekdayFrom(p.pub, time.Weekday(wd.v), 1, true).AddDate(0, 0, 7*(n-1))
			return dayVal(t), k + 3, true
		case p.w(k+1) == "ago" || p.w(k+1) == "back":
			t := weekdayFrom(p.pub, time.Weekday(wd.v), -1, true).AddDate(0, 0, -7*(n-1))
			return dayVal(t), k + 2, true
		}
		return dval{}, i, false
	}
	u, ok := unitWords[uw]
	if !ok || !isLatinWord(uw) {
		return dval{}, i, false
	}
	k++
	sign := 0
	fromToday := false
	switch {
	case in:
		sign = 1
	case p.w(k) == "ago" || p.w(k) == "back":
		sign = -1
		k++
	case p.w(k) == "hence":
		sign = 1
		k++
	case p.w(k) == "from" && (p.w(k+1) == "now" || p.w(k+1) == "today"):
		sign, fromToday = 1, true
		k += 2
	}
	if sign == 0 {
		return dval{}, i, false
	}
	return p.shift(sign*n, u.unit, fromToday), k, true
}

// isWeek reports whether tm names a whole week («الأسبوع الماضي», "next
// week"): its value is the week's Monday, which is no day an event can
// be said to have happened on.
func isWeek(d *document, tm TimeMention) bool {
	if tm.Grain != Day {
		return false
	}
	p := &dateParser{d: d, toks: d.tokens}
	i := d.tokenAt(tm.Span.Start)
	if i >= len(p.toks) {
		return false
	}
	if p.w(i) == "the" {
		i++
	}
	end := i
	if p.w(i) == "following" && p.w(i+1) == "week" {
		end = i + 2
	} else if _, k, ok := p.weekRefAt(i); ok {
		end = k
	}
	return end > i && p.toks[end-1].end == tm.Span.End
}

// shift returns the reference moved by n units: days and weeks to the day,
// months to the day, years to the year (to the day when fine is true).
func (p *dateParser) shift(n int, unit byte, fine bool) dval {
	switch unit {
	case 'd':
		return dayVal(p.pub.AddDate(0, 0, n))
	case 'w':
		return dayVal(p.pub.AddDate(0, 0, 7*n))
	case 'm':
		return dayVal(p.pub.AddDate(0, n, 0))
	}
	if fine {
		return dayVal(p.pub.AddDate(n, 0, 0))
	}
	return dval{ymd(p.pub.Year()+n, 1, 1), Year}
}

// relMonthAt reads a relative month at token j: "next month", "the current
// month", «هذا الشهر», «الشهر القادم», "the month", "this month". It
// returns the first day of that month.
func (p *dateParser) relMonthAt(j int) (time.Time, int, bool) {
	if !p.hasPub {
		return time.Time{}, j, false
	}
	w := p.w(j)
	if w == "the" {
		j++
		w = p.w(j)
	}
	first := ymd(p.pub.Year(), int(p.pub.Month()), 1)
	switch {
	case w == "month":
		return first, j + 1, true
	case w == "هذا" && p.w(j+1) == "الشهر":
		return first, j + 2, true
	case stripPrep(w) == "الشهر":
		if q, ok := p.qualAfter(j + 1); ok {
			return first.AddDate(0, q, 0), j + 2, true
		}
		return time.Time{}, j, false
	}
	if q, ok := map[string]int{"next": 1, "last": -1, "previous": -1, "this": 0, "current": 0}[w]; ok && p.w(j+1) == "month" {
		return first.AddDate(0, q, 0), j + 2, true
	}
	return time.Time{}, j, false
}

// monthRefAt reads the month of an nth-day rule: an explicit month with an
// optional year («شهر ايلول من عام 2014», "October 2014", «شهر مارس السنة
// القادمة»), or a relative month. yearKnown says whether the year is fixed.
func (p *dateParser) monthRefAt(j int) (y, m, next int, yearKnown, ok bool) {
	if t, k, ok := p.relMonthAt(j); ok {
		return t.Year(), int(t.Month()), k, true, true
	}
	m, k, _, ok := p.monthAt(j)
	if !ok {
		return 0, 0, j, false, false
	}
	if p.isComma(k) {
		k++
	}
	if y, k2, hijri, ok := p.yearAt(k, false); ok && !hijri {
		return y, m, k2, true, true
	}
	if y, k2, hijri, ok := p.yearAt(k+1, false); ok && !hijri && (p.w(k) == "لعام" || p.w(k) == "بعام" || p.w(k) == "في") {
		return y, m, k2, true, true
	}
	if p.isComma(k - 1) {
		k--
	}
	if w := p.w(k); w == "السنه" || w == "العام" {
		if q, ok := p.qualAfter(k + 1); ok && p.hasPub {
			return p.pub.Year() + q, m, k + 2, true, true
		}
	}
	return 0, m, k, false, true
}

// nthInMonth reads rules inside a month: "first tuesday of october", «اول
// ثلاثاء من شهر عشرة», «الاثنين الاخير من شهر ثلاثة», "last day of october
// 2015", «اخر يوم بشهر عشرة سنة 2015», "fifth last day of May", "the
// first Monday of this month", «ثالث يوم ثلاثاء بايلول بعام 2014».
func (p *dateParser) nthInMonth(i int) (dval, int, bool) {
	j := i
	if p.w(j) == "the" {
		j++
	}
	if stripConj(p.w(j)) == "اليوم" {
		j++
	}
	nth, hasWD, fromEnd := 0, false, false
	var wd time.Weekday
	// ORD/last first.
	if isLastWord(p.w(j)) {
		nth, fromEnd = 1, true
		j++
	} else if n, k, ok := p.ordinalAt(j); ok {
		nth = n
		j = k
		if isLatinWord(p.toks[k-1].norm) || true {
			if isLastWord(p.w(j)) {
				fromEnd = true
				j++
			}
		}
	} else if n, k, _, ok := p.dayNumAt(j); ok && p.toks[j].kind == tokNumber && k > j+1 {
		// "the 5th last day of May"
		if isLastWord(p.w(k)) {
			nth, fromEnd, j = n, true, k+1
		} else {
			return dval{}, i, false
		}
	} else if w, k, _, ok := p.weekdayAt(j, false); ok {
		// «الثلاثاء الأولى من», «الاثنين الاخير من»
		wd, hasWD = w, true
		if isLastWord(p.w(k)) {
			nth, fromEnd, j = 1, true, k+1
		} else if n, k2, ok := p.ordinalAt(k); ok && n <= 5 {
			nth, j = n, k2
		} else {
			return dval{}, i, false
		}
	} else {
		return dval{}, i, false
	}
	if !hasWD {
		if w := p.w(j); w == "يوم" || w == "day" {
			j++
		}
		if w, k, _, ok := p.weekdayAt(j, true); ok {
			wd, hasWD, j = w, true, k
		}
	}
	if !hasWD && !(p.w(j-1) == "يوم" || p.w(j-1) == "day" || stripConj(p.w(i)) == "اليوم" || p.w(i+1) == "اليوم") {
		// «ثالث يوم»/"third day"/«اليوم الاخير» name days; a bare
		// ordinal is dayMonth's.
		return dval{}, i, false
	}
	if w := p.w(j); w == "من" || w == "في" || w == "of" || w == "in" {
		j++
	} else if strings.HasPrefix(w, "ب") && w != "" {
		// «بايلول», «بشهر»: the preposition is glued; monthRefAt strips it.
	} else {
		return dval{}, i, false
	}
	if hasWD && nth > 5 {
		return dval{}, i, false
	}
	y, m, k, yearKnown, ok := p.monthRefAt(j)
	if !ok {
		return dval{}, i, false
	}
	compute := func(y int) (time.Time, bool) {
		n := daysIn(y, m)
		if !hasWD {
			if nth > n {
				return time.Time{}, false
			}
			if fromEnd {
				return ymd(y, m, n-nth+1), true
			}
			return ymd(y, m, nth), true
		}
		if fromEnd {
			t := ymd(y, m, n)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			return t.AddDate(0, 0, -7*(nth-1)), true
		}
		t := ymd(y, m, 1)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		t = t.AddDate(0, 0, 7*(nth-1))
		if int(t.Month()) != m {
			return time.Time{}, false
		}
		return t, true
	}
	if yearKnown {
		t, ok := compute(y)
		if !ok {
			return dval{}, i, false
		}
		return dayVal(t), k, true
	}
	if !p.hasPub {
		return dval{}, i, false
	}
	dir := p.direction(i, k)
	y0 := p.pub.Year()
	if dir > 0 {
		for y := y0; y <= y0+1; y++ {
			if t, ok := compute(y); ok && !t.Before(p.pub) {
				return dayVal(t), k, true
			}
		}
		return dval{}, i, false
	}
	for y := y0; y >= y0-1; y-- {
		if t, ok := compute(y); ok && !t.After(p.pub) {
			return dayVal(t), k, true
		}
	}
	return dval{}, i, false
}

// dayOfMonthAlone reads "on the 15th", "the 1st", "on the first": a day of
// the current or the previous month.
func (p *dateParser) dayOfMonthAlone(i int) (dval, int, bool) {
	if !p.hasPub {
		return dval{}, i, false
	}
	j := i
	on := false
	if p.w(j) == "on" {
		on = true
		j++
	}
	if p.w(j) != "the" {
		return dval{}, i, false
	}
	j++
	d, k, word, ok := p.dayNumAt(j)
	if !ok || (word && !on) || (!word && k == j+1) {
		return dval{}, i, false
	}
	if k < len(p.toks) && p.toks[k].kind == tokWord && p.sameSentence(j, k) {
		return dval{}, i, false
	}
	dir := pastUnlessFuture(p.direction(i, k))
	t := ymd(p.pub.Year(), int(p.pub.Month()), 1)
	for n := 0; n < 3; n++ {
		c := t.AddDate(0, dir*n, 0)
		if d > daysIn(c.Year(), int(c.Month())) {
			continue
		}
		c = ymd(c.Year(), int(c.Month()), d)
		if (dir < 0 && !c.After(p.pub)) || (dir > 0 && !c.Before(p.pub)) {
			return dayVal(c), k, true
		}
	}
	return dval{}, i, false
}

// inSet reports whether w, or w without its conjunction or preposition, is
// in m.
func inSet(m map[string]bool, w string) bool {
	return m[w] || m[stripConj(w)] || m[stripPrep(w)]
}

func (p *dateParser) sameSentence(a, b int) bool {
	return p.d.sentenceOf(p.toks[a].start) == p.d.sentenceOf(p.toks[b].start)
}

// isLatin reports whether w starts with an ASCII byte.
func isLatinWord(w string) bool { return w != "" && w[0] < 0x80 }

// isArabicWord reports whether w is non-empty and does not start with ASCII.
func isArabicWord(w string) bool { return w != "" && w[0] >= 0x80 }
