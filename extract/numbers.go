package extract

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// This file reads numbers: digit strings in ASCII, Arabic-Indic and Persian
// digits with their separators, signs, fractions, scale words and suffixes
// (12 ألف, 1.2M, 30 lakh), and Arabic and English number words, compound
// (خمسمائة و خمسة و عشرون, twenty-one thousand eleven) and dual (ألفين,
// مليونان). It works on the document's tokens: scanNumber reads one number
// starting at a token and says which tokens it covers. Deciding whether a
// number is a figure is figures.go's job.

//go:embed data/numbers_ar.txt
var numbersArData string

//go:embed data/numbers_en.txt
var numbersEnData string

// numKind says how a number word combines with its neighbours; see the
// header of data/numbers_ar.txt.
type numKind uint8

const (
	nkPlain   numKind = iota + 1 // adds up: units, teens, tens, whole hundreds
	nkTeen                       // أحد, إحدى: only before عشر
	nkTen                        // عشر, عشرة: makes a teen after a unit, else 10
	nkHundred                    // مائة, hundred: multiplies a unit by 100
	nkScale                      // ألف, million
	nkScalePl                    // آلاف, millions: only after a number
	nkDual                       // ألفين: alone twice its value, after a number a scale
	nkOne                        // English one, single: weak alone
	nkDozen                      // dozen
	nkDozens                     // dozens: only after a number
	nkPair                       // couple, pair: only after "a"
)

// numWord is one entry of the number-word lexicons.
type numWord struct {
	v float64
	k numKind
}

var numKinds = map[string]numKind{
	"n": nkPlain, "teen": nkTeen, "ten": nkTen, "h": nkHundred, "s": nkScale,
	"sp": nkScalePl, "dual": nkDual, "one": nkOne, "dozen": nkDozen,
	"dozens": nkDozens, "pair": nkPair,
}

// numWords maps a normalised word to its number reading.
var numWords = loadNumWords(numbersArData, numbersEnData)

func loadNumWords(files ...string) map[string]numWord {
	m := make(map[string]numWord)
	for _, f := range files {
		for _, line := range lexiconLines(f) {
			fs := strings.Fields(line)
			if len(fs) != 3 {
				panic("extract: bad number word line: " + line)
			}
			v, err := strconv.ParseFloat(fs[1], 64)
			k, ok := numKinds[fs[2]]
			if err != nil || !ok {
				panic("extract: bad number word line: " + line)
			}
			m[NormalizeArabic(fs[0])] = numWord{v, k}
		}
	}
	return m
}

// lexiconLines returns the non-empty lines of an embedded lexicon that are
// not comments (#).
func lexiconLines(data string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		out = append(out, line)
	}
	return out
}

// scaleSuffixes are the scale letters written glued to digits: 100K, 1.2M, 3bn.
var scaleSuffixes = map[string]float64{
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
}

// numMatch is one number read from the tokens.
type numMatch struct {
	value      float64
	first, end int  // tokens [first, end), sign and scale included
	ident      bool // digits used as an identifier or date (6/10994, 650-650-6500, 4a): not a quantity
	words      bool // spelled out, at least in part
	weak       bool // a lone "one", واحد or "single": a figure only with a noun
	scaled     bool // a scale word or suffix follows the digits
	scaleTok   int  // index of the first scale token, or -1
	plainInt   bool // a lone digit string with no separator, sign or scale
	ndigits    int  // digits in a plain integer
	suffix     string
	dual       *unitEntry // a dual noun that counts two by itself: أسبوعين
}

// wordNum returns the number reading of the normalised word w, trying its
// forms without proclitics when first is true (وخمسين, بثلاثة, الثلاثة).
// Later words of a compound may only carry the conjunction و.
func wordNum(w string, first bool) (numWord, bool) {
	if nw, ok := numWords[w]; ok {
		return nw, true
	}
	if w == "" || w[0] < 0x80 {
		return numWord{}, false
	}
	for _, p := range numProclitics {
		if !first && p != "و" {
			continue
		}
		if rest, ok := strings.CutPrefix(w, p); ok {
			if strings.HasSuffix(p, "ال") && rest == "اثنين" {
				return numWord{}, false // الاثنين is Monday
			}
			if nw, ok := numWords[rest]; ok && len(rest) > 4 {
				return nw, true
			}
		}
	}
	return numWord{}, false
}

// numProclitics are the prefixes a number word may carry. ل, ك and س are
// left out: لست (I am not) is no ست.
var numProclitics = []string{"وبال", "وال", "بال", "لل", "ال", "و", "ف", "ب"}

// isNumberStart reports whether a number may start at token t; it is the
// cheap test run on every token before scanNumber.
func isNumberStart(t *token) bool {
	switch t.kind {
	case tokNumber:
		return true
	case tokPunct:
		return t.text == "-" || t.text == "−" || t.text == "." || t.text == "٫"
	}
	switch t.norm {
	case "a", "an", "minus", "negative", "point", "فاصله":
		return true
	}
	if _, ok := wordNum(t.norm, true); ok {
		return true
	}
	if strings.IndexByte(t.norm, '-') > 0 {
		_, ok := hyphenNum(t.norm)
		return ok
	}
	return false
}

// hyphenNum reads an English hyphenated number word (twenty-one,
// fifty-six) as its parts.
func hyphenNum(w string) ([]numWord, bool) {
	parts := strings.Split(w, "-")
	out := make([]numWord, 0, len(parts))
	for _, p := range parts {
		nw, ok := numWords[p]
		if !ok || p == "" || p[0] >= 0x80 {
			return nil, false
		}
		out = append(out, nw)
	}
	return out, true
}

// parseDigits reads one number token: digits with thousands separators
// ("," "٬") and a decimal point ("." "٫"). "1,200" is 1200 and "1.5" is 1.5;
// with both, the last separator is the decimal point. Runs of dots whose
// groups are not all three digits long (650.650.6500) are not numbers.
func parseDigits(s string) (v float64, nsep int, ok bool) {
	var digits []byte
	var seps []byte  // the ASCII separator kinds, in order
	var groups []int // digit count before each separator and after the last
	n := 0
	for _, r := range s {
		switch {
		case isDigit(r):
			digits = append(digits, byte('0'+digitValue(r)))
			n++
		case r == ',' || r == '٬':
			seps = append(seps, ',')
			groups = append(groups, n)
			n = 0
			digits = append(digits, ',')
		case r == '.' || r == '٫':
			if r == '٫' {
				seps = append(seps, 'd') // Arabic decimal: unambiguous
			} else {
				seps = append(seps, '.')
			}
			groups = append(groups, n)
			n = 0
			digits = append(digits, '.')
		default:
			return 0, 0, false
		}
	}
	groups = append(groups, n)
	if len(seps) == 0 {
		v, err := strconv.ParseFloat(string(digits), 64)
		return v, 0, err == nil
	}
	// Decide which separator is the decimal point.
	dec := -1 // index in seps
	for i, c := range seps {
		if c == 'd' {
			dec = i
		}
	}
	if dec < 0 {
		last := seps[len(seps)-1]
		same := true
		for _, c := range seps {
			if c != last {
				same = false
			}
		}
		switch {
		case !same:
			dec = len(seps) - 1
		case last == '.' && len(seps) == 1:
			dec = 0
		case last == ',' && len(seps) == 1 && groups[1] != 3:
			dec = 0 // 1,5: a decimal comma
		}
	}
	// Every separator before the decimal point groups thousands.
	lastGroup := len(seps)
	if dec >= 0 {
		lastGroup = dec
	}
	for i := 0; i < lastGroup; i++ {
		if groups[i+1] != 3 || (i == 0 && (groups[0] == 0 || groups[0] > 3)) {
			return 0, 0, false
		}
	}
	for i := dec + 1; dec >= 0 && i < len(seps); i++ {
		return 0, 0, false // separators after the decimal point
	}
	var b strings.Builder
	si := 0
	for _, c := range digits {
		if c == ',' || c == '.' {
			if si == dec {
				b.WriteByte('.')
			}
			si++
			continue
		}
		b.WriteByte(c)
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	return v, len(seps), err == nil
}

// numAcc adds up the words of a spelled-out number.
type numAcc struct {
	total, cur float64
	last       float64 // the last additive part, 0 after a scale
	lastScale  float64
	started    bool
}

func place(v float64) float64 {
	switch {
	case v >= 100:
		return 100
	case v >= 10:
		return 10
	}
	return 1
}

// add adds a plain number v; it returns false when v cannot follow what
// came before (two three).
func (a *numAcc) add(v float64, conj, arabic bool) bool {
	switch {
	case !a.started:
		a.cur = v
	case a.last == 0 && a.lastScale > 0:
		if v >= a.lastScale {
			return false
		}
		a.cur = v
	case v < place(a.last) && a.cur < 1000:
		a.cur += v
	case arabic && conj && a.last < 10 && v >= 20 && v < 100 && math.Mod(a.cur, 100) < 10:
		a.cur += v // خمسة و عشرون: units before tens
	case !arabic && a.cur >= 1 && a.cur < 10 && v >= 10 && v < 100 && a.total == 0:
		a.cur = a.cur*100 + v // one twenty two
	default:
		return false
	}
	a.started, a.last = true, v
	return true
}

// scale multiplies by a scale word s.
func (a *numAcc) scale(s float64) {
	switch {
	case a.cur > 0:
		a.total += a.cur * s
	case a.total > 0 && a.total < s:
		a.total *= s // three thousand millions
	default:
		a.total += s
	}
	a.cur, a.last, a.lastScale, a.started = 0, 0, s, true
}

func (a *numAcc) value() float64 { return a.total + a.cur }

// scanNumber reads the number starting at toks[i]. It returns false when no
// number starts there.
func scanNumber(toks []token, i int) (numMatch, bool) {
	if i < 0 || i >= len(toks) {
		return numMatch{}, false // a caller looked past the tokens ("0-" ends at the dash)
	}
	m := numMatch{first: i, scaleTok: -1}
	j := i
	neg := false
	// A sign: "-" before digits or a number word, "minus", "negative".
	switch toks[j].text {
	case "-", "−":
		if j+1 < len(toks) && (i == 0 || !isNumberTok(&toks[i-1])) && (toks[j+1].kind == tokNumber || isNumWordTok(&toks[j+1])) {
			neg = true
			j++
		}
	}
	if !neg && (toks[j].norm == "minus" || toks[j].norm == "negative") && j+1 < len(toks) {
		neg = true
		j++
	}
	var acc numAcc
	t := &toks[j]
	switch {
	case t.kind == tokNumber:
		v, nsep, ok := parseDigits(t.text)
		if !ok {
			m.ident, m.end = true, j+1
			return m, true
		}
		j++
		// A slash run: 77/100 is a fraction, 6/10994 and 19 / 9 / 1436 are not quantities.
		if j+1 < len(toks) && toks[j].text == "/" && toks[j+1].kind == tokNumber {
			k := j
			parts := 1
			for k+1 < len(toks) && toks[k].text == "/" && toks[k+1].kind == tokNumber {
				parts++
				k += 2
			}
			den, _, ok2 := parseDigits(toks[j+1].text)
			if parts == 2 && ok2 && nsep == 0 && isPow10(den) && toks[j].start == toks[j-1].end {
				v /= den
				j = k
				nsep = 1
			} else {
				m.ident, m.end = true, k
				return m, true
			}
		}
		// Digits joined by hyphens without spaces: 650-650-6500.
		if j+3 < len(toks) && toks[j].text == "-" && toks[j].start == t.end && toks[j+1].kind == tokNumber &&
			toks[j+2].text == "-" && toks[j+2].start == toks[j+1].end && toks[j+3].kind == tokNumber {
			k := j
			for k+1 < len(toks) && toks[k].text == "-" && toks[k].start == toks[k-1].end && toks[k+1].kind == tokNumber {
				k += 2
			}
			m.ident, m.end = true, k
			return m, true
		}
		// A time of day: 10:30.
		if j+1 < len(toks) && toks[j].text == ":" && toks[j].start == t.end && toks[j+1].kind == tokNumber && toks[j+1].start == toks[j].end {
			m.ident, m.end = true, j+2
			return m, true
		}
		acc.cur, acc.last, acc.started = v, v, true
		if nsep == 0 && !neg {
			m.plainInt = true
			m.ndigits = len([]rune(t.text))
		}
		// A glued suffix: 100K, 2122م, 4a.
		if j < len(toks) && toks[j].kind == tokWord && toks[j].start == t.end {
			suf := toks[j].norm
			m.suffix = suf
			if s, ok := scaleSuffixes[suf]; ok {
				acc.scale(s)
				m.scaled, m.scaleTok, m.plainInt = true, j, false
				j++
				m.value = acc.value()
				if neg {
					m.value = -m.value
				}
				m.end = j
				return m, true
			}
		}
		// A decimal part spelled out: 1 فاصلة 1, 1 point 1.
		if nsep == 0 {
			if f, k, ok := readFraction(toks, j); ok {
				acc.cur += f
				j = k
				m.plainInt = false
			}
		}
	case (t.text == "." || t.text == "٫") && j+1 < len(toks) && toks[j+1].kind == tokNumber &&
		toks[j+1].start == t.end && (j == 0 || toks[j-1].kind != tokNumber || toks[j-1].end != t.start):
		v, nsep, ok := parseDigits("0." + toks[j+1].text)
		if !ok || nsep != 1 {
			return m, false
		}
		acc.cur, acc.last, acc.started = v, v, true
		j += 2
	case t.norm == "point" || t.norm == "فاصله":
		f, k, ok := readFraction(toks, j)
		if !ok {
			return m, false
		}
		acc.cur, acc.started = f, true
		j = k
		m.words = true
	default:
		k, ok := readWords(toks, j, &acc, &m)
		if !ok {
			return m, false
		}
		j = k
		m.words = true
	}
	// Scale words after digits or words: 12 ألف, 1.5 مليار, 3 million, 200 dozens.
	if t.kind == tokNumber || t.text == "." || t.text == "٫" {
		k, ok := readScales(toks, j, &acc, &m)
		if ok {
			j = k
			m.plainInt = false
		}
	}
	m.value = acc.value()
	if neg {
		m.value = -m.value
	}
	m.end = j
	// A restatement in brackets is the same figure: forty-five (45).
	if j+2 < len(toks) && toks[j].text == "(" {
		if r, ok := scanNumber(toks, j+1); ok && !r.ident && r.value == m.value && r.end < len(toks) && toks[r.end].text == ")" {
			m.end = r.end + 1
		}
	}
	return m, true
}

func isPow10(v float64) bool {
	return v == 10 || v == 100 || v == 1000 || v == 10000
}

// isNumberTok reports whether t is digits or a number word.
func isNumberTok(t *token) bool { return t.kind == tokNumber || isNumWordTok(t) }

func isNumWordTok(t *token) bool {
	if t.kind != tokWord {
		return false
	}
	if nw, ok := wordNum(t.norm, true); ok {
		return nw.k != nkScalePl && nw.k != nkDozens
	}
	_, ok := hyphenNum(t.norm)
	return ok
}

// readFraction reads a spelled-out decimal part at toks[j]: "point 77",
// "فاصلة 1", "point two five". It returns the fraction and the token after it.
func readFraction(toks []token, j int) (float64, int, bool) {
	if j+1 >= len(toks) || (toks[j].norm != "point" && toks[j].norm != "فاصله") {
		return 0, j, false
	}
	k := j + 1
	if toks[k].kind == tokNumber {
		v, nsep, ok := parseDigits("0." + strings.Map(asciiDigit, toks[k].text))
		if !ok || nsep != 1 {
			return 0, j, false
		}
		return v, k + 1, true
	}
	var b strings.Builder
	b.WriteString("0.")
	for k < len(toks) {
		nw, ok := wordNum(toks[k].norm, false)
		if !ok || nw.k != nkPlain && nw.k != nkOne || nw.v > 9 {
			break
		}
		b.WriteByte(byte('0' + int(nw.v)))
		k++
	}
	if k == j+1 {
		return 0, j, false
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	return v, k, err == nil
}

func asciiDigit(r rune) rune {
	if isDigit(r) {
		return rune('0' + digitValue(r))
	}
	return r
}

// readScales reads scale words after a number: 12 ألف, 3 million, 200
// dozens, three hundred Cr.
func readScales(toks []token, j int, acc *numAcc, m *numMatch) (int, bool) {
	start := j
	for j < len(toks) && toks[j].kind == tokWord {
		nw, ok := numWords[toks[j].norm]
		if !ok {
			break
		}
		switch nw.k {
		case nkScale, nkScalePl, nkDual:
			acc.scale(nw.v)
		case nkHundred:
			if acc.cur == 0 || acc.cur >= 100 {
				return j, j > start
			}
			acc.cur *= 100
		case nkDozen, nkDozens:
			if acc.cur > 0 {
				acc.cur *= 12
			} else {
				acc.total *= 12
			}
		default:
			return j, j > start
		}
		if m.scaleTok < 0 {
			m.scaleTok = j
		}
		m.scaled = true
		j++
	}
	return j, j > start
}

// readWords reads a spelled-out number starting at toks[j] into acc and
// returns the token after it.
func readWords(toks []token, j int, acc *numAcc, m *numMatch) (int, bool) {
	start := j
	article := false // "a" or "an" before hundred, dozen, couple
	if toks[j].norm == "a" || toks[j].norm == "an" {
		if j+1 >= len(toks) {
			return j, false
		}
		nw, ok := numWords[toks[j+1].norm]
		if !ok || (nw.k != nkHundred && nw.k != nkScale && nw.k != nkDozen && nw.k != nkPair) {
			return j, false
		}
		article = true
		j++
	}
	conj := false // a conjunction was read and waits for its number
	end := start  // the token after the last number word read
	lastKind := numKind(0)
	for j < len(toks) {
		t := &toks[j]
		if t.kind == tokNumber {
			break
		}
		if t.kind != tokWord {
			break
		}
		if acc.started && !conj {
			if t.norm == "و" || (t.norm == "and" && (lastKind == nkHundred || lastKind == nkScale || lastKind == nkScalePl)) {
				conj = true
				j++
				continue
			}
			if t.norm == "point" || t.norm == "فاصله" {
				if f, k, ok := readFraction(toks, j); ok && acc.cur < 1e15 {
					acc.cur += f
					j, end = k, k
					conj = false
					continue
				}
				break
			}
		}
		arabic := nonLatin(t.norm)
		var parts []numWord
		switch {
		case !arabic:
			if nw, ok := numWords[t.norm]; ok {
				parts = []numWord{nw}
			} else {
				parts, _ = hyphenNum(t.norm)
			}
		case j == start:
			if nw, ok := wordNum(t.norm, true); ok {
				parts = []numWord{nw}
			}
		default:
			if nw, ok := numWords[t.norm]; ok {
				parts = []numWord{nw}
			} else if rest, ok := strings.CutPrefix(t.norm, "و"); ok && !conj {
				// A following Arabic word may carry و itself: ثلاثمائة وخمسين.
				if nw, ok := numWords[rest]; ok {
					parts = []numWord{nw}
					conj = true
				}
			}
		}
		if parts == nil {
			break
		}
		ok := true
		for _, nw := range parts {
			if !acc.apply(nw, conj, arabic, j == start || article, lastKind) {
				ok = false
				break
			}
			lastKind = nw.k
		}
		if !ok {
			break
		}
		conj = false
		j++
		end = j
		// "of" after a couple, a pair, a dozen belongs to them.
		if (lastKind == nkPair || lastKind == nkDozen) && j < len(toks) && toks[j].norm == "of" {
			end = j + 1
			break
		}
	}
	if end == start || (article && end == start+1) {
		return start, false
	}
	if lastKind == nkTeen {
		return start, false // أحد alone is "someone"
	}
	if end == start+1 && (lastKind == nkOne || (acc.value() == 1 && nonLatin(toks[start].norm))) {
		m.weak = true
	}
	return end, true
}

// apply adds one number word to the accumulator; first is true for the
// first word of the number (or the word after "a").
func (a *numAcc) apply(nw numWord, conj, arabic, first bool, lastKind numKind) bool {
	switch nw.k {
	case nkPlain, nkOne:
		return a.add(nw.v, conj, arabic)
	case nkTeen:
		if a.started {
			return false
		}
		a.cur, a.last, a.started = nw.v, nw.v, true
		return true
	case nkTen:
		if a.started && !conj && lastKind != nkTen && a.last >= 1 && a.last < 10 && (lastKind == nkPlain || lastKind == nkTeen) {
			a.cur += 10
			a.last = 10
			return true
		}
		return a.add(10, conj, arabic)
	case nkHundred:
		switch {
		case !a.started && first:
			a.cur, a.last, a.started = 100, 100, true
		case a.cur >= 1 && a.cur < 100 && !conj:
			a.cur *= 100
			a.last = a.cur
		default:
			return false
		}
		return true
	case nkScale:
		if conj {
			return false
		}
		a.scale(nw.v)
		return true
	case nkScalePl, nkDozens:
		if !a.started || conj {
			return false
		}
		if nw.k == nkDozens {
			a.cur *= 12
			return true
		}
		a.scale(nw.v)
		return true
	case nkDual:
		if conj {
			return false
		}
		if !a.started {
			a.total, a.started, a.lastScale = 2*nw.v, true, nw.v
			return true
		}
		a.scale(nw.v)
		return true
	case nkDozen:
		if !a.started {
			if !first {
				return false
			}
			a.cur, a.last, a.started = 12, 12, true
			return true
		}
		if a.cur > 0 {
			a.cur *= 12
		} else {
			a.total *= 12
		}
		return true
	case nkPair:
		if a.started || !first {
			return false
		}
		a.cur, a.last, a.started = 2, 2, true
		return true
	}
	return false
}

// parseNumber reads s as one number expression: digits, words or both. It
// returns false when s is not exactly one number (trailing "of" and a
// bracketed restatement allowed).
func parseNumber(s string) (float64, bool) {
	toks := tokenize([]rune(s))
	if len(toks) == 0 {
		return 0, false
	}
	m, ok := scanNumber(toks, 0)
	if !ok || m.ident || m.end != len(toks) {
		return 0, false
	}
	return m.value, true
}

// nonLatin reports whether the normalised word w starts with a letter
// outside ASCII (in practice, an Arabic word).
func nonLatin(w string) bool { return w != "" && w[0] >= 0x80 }
