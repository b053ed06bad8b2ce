package extract

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
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
		return t.text == "-" || t.text == "−" || t.text == "." || t.text == "٫" || vulgarFractions[t.text] > 0
	}
	if _, ok := fractionWord(t.norm, true); ok {
		return true
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
	if r, ok := unreverse(s); ok {
		s = r
	}
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

// unreverse repairs a decimal number whose digits a direction mark has
// swapped: «5647.\u200f1» is shown, and was meant, as 1.5647; «07.\u200f70»
// as 70.07. The tokenizer keeps such a run as one token.
func unreverse(s string) (string, bool) {
	k := strings.IndexAny(s, "\u200f\u200e")
	if k <= 0 {
		return s, false
	}
	left, right := s[:k], s[k+len("\u200f"):]
	sep, n := utf8.DecodeLastRuneInString(left)
	if sep != '.' && sep != '٫' {
		return s, false
	}
	left = left[:len(left)-n]
	for _, part := range []string{left, right} {
		if part == "" {
			return s, false
		}
		for _, r := range part {
			if !isDigit(r) {
				return s, false
			}
		}
	}
	return right + "." + left, true
}

// numAcc adds up the words of a spelled-out number.
type numAcc struct {
	total, cur float64
	last       float64 // the last additive part, 0 after a scale
	lastScale  float64
	started    bool
	ar         bool // the last part was Arabic, which puts units before tens
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
			adjacent := toks[j].start == toks[j-1].end && toks[j+1].start == toks[j].end
			if parts == 2 && ok2 && nsep == 0 && (isPow10(den) && toks[j].start == toks[j-1].end || adjacent && isProperFraction(int(v), int(den))) {
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
	case vulgarFractions[t.text] > 0:
		acc.cur, acc.started = vulgarFractions[t.text], true
		j++
	case isFractionStart(toks, j):
		// «نصف مليون», "half a million", "a third", «ربع».
		k, ok := readFractionFirst(toks, j, &acc, &m)
		if !ok {
			return m, false
		}
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
			// The rest in digits after the conjunction: «23 ألفا و456»,
			// «1 مليون و200 ألف» read on by readScales after the add.
			if j+1 < len(toks) && toks[j].norm == "و" && toks[j+1].kind == tokNumber && toks[j+1].start-toks[j].end <= 1 {
				if v, nsep, ok := parseDigits(toks[j+1].text); ok && nsep == 0 && acc.add(v, true, true) {
					j += 2
					if k, ok := readScales(toks, j, &acc, &m); ok {
						j = k
					}
				}
			}
		}
	}
	if k, ok := readFractionAfter(toks, j, &acc, &m); ok {
		j = k
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
		// «ألفاً» with tanween is one thousand in the accusative, not the
		// dual ألفا that the undotted spelling also reads as.
		if len(parts) == 1 && parts[0].k == nkDual && strings.ContainsRune(t.text, '\u064B') {
			parts = []numWord{{v: parts[0].v, k: nkScale}}
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
			j++
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

// ---- fractions ----

// fraction is what a fraction word says: «نصف», «ثلثي», "quarters".
type fraction struct {
	num, den float64 // num 0: a plural that needs a count (ثلاثة أرباع, two thirds)
	needNum  bool    // "third", "quarter": a fraction only after a, one or a count
}

// fractionWords are the words of fractions, Arabic (normalised) and
// English. Arabic «خمس», «عشر» (a fifth, a tenth) are left out: written
// without vowels they are five and ten.
var fractionWords = map[string]fraction{
	"نصف": {1, 2, false}, "ثلث": {1, 3, false}, "ربع": {1, 4, false},
	"ثلثا": {2, 3, false}, "ثلثي": {2, 3, false},
	"اثلاث": {0, 3, false}, "ارباع": {0, 4, false},
	"half":  {1, 2, false},
	"third": {1, 3, true}, "thirds": {0, 3, false},
	"quarter": {1, 4, true}, "quarters": {0, 4, false},
	"fifth": {1, 5, true}, "fifths": {0, 5, false},
	"eighth": {1, 8, true}, "eighths": {0, 8, false},
	"tenth": {1, 10, true}, "tenths": {0, 10, false},
}

// vulgarFractions are the fraction characters: 2½, ¾.
var vulgarFractions = map[string]float64{
	"½": 1.0 / 2, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "¼": 1.0 / 4, "¾": 3.0 / 4, "⅕": 1.0 / 5,
	"⅖": 2.0 / 5, "⅗": 3.0 / 5, "⅘": 4.0 / 5, "⅙": 1.0 / 6, "⅚": 5.0 / 6, "⅛": 1.0 / 8,
	"⅜": 3.0 / 8, "⅝": 5.0 / 8, "⅞": 7.0 / 8,
}

// isProperFraction reports whether num/den, written in digits, reads as a
// fraction: "1/2", "3/4", «2/3»; not "9/11", "24/7" or "6/10994".
func isProperFraction(num, den int) bool {
	return den >= 2 && den <= 10 && num >= 1 && num < den
}

// fractionWord returns the fraction the normalised word w names; first
// allows the proclitics of a word that opens a number («بنصف», «الربع»).
func fractionWord(w string, first bool) (fraction, bool) {
	if f, ok := fractionWords[w]; ok {
		return f, true
	}
	if !first || !nonLatin(w) {
		return fraction{}, false
	}
	for _, p := range numProclitics {
		if strings.HasPrefix(p, "و") || strings.HasPrefix(p, "ف") {
			// «ساعة ونصف»: the half of a unit before it, no amount.
			continue
		}
		if rest, ok := strings.CutPrefix(w, p); ok {
			if f, ok := fractionWords[rest]; ok {
				return f, true
			}
		}
	}
	return fraction{}, false
}

// notFractionNext are the words after which «النصف», «الربع», "half" name
// a part of a period or a round, not an amount: «الربع الأول», «نصف
// النهائي», "first half".
var notFractionNext = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`الأول الثاني الثالث الرابع الأخير الأخيرة الأولى الثانية نهائي النهائي النهائية
		first second third fourth final finals time hour century`) {
		m[NormalizeArabic(w)] = true
	}
	return m
}()

// isFractionStart reports whether a fraction opens at toks[j]: a fraction
// word that may stand first, alone or after "a"/"an".
func isFractionStart(toks []token, j int) bool {
	k := j
	if toks[k].norm == "a" || toks[k].norm == "an" {
		k++
	}
	if k >= len(toks) {
		return false
	}
	f, ok := fractionWord(toks[k].norm, k == j)
	if !ok || f.num == 0 || f.needNum && k == j {
		return false
	}
	if k+1 < len(toks) && notFractionNext[toks[k+1].norm] {
		return false
	}
	if j > 0 && notFractionNext[toks[j-1].norm] || j > 0 && ordinalBefore(toks[j-1].norm) {
		return false // "the first half", «الشوط الأول»
	}
	return true
}

// ordinalBefore reports whether w is an English ordinal that makes the
// next word a part of something: "first half", "second quarter".
func ordinalBefore(w string) bool {
	switch w {
	case "first", "second", "third", "fourth", "last", "final", "opening", "closing", "back", "front", "other":
		return true
	}
	return false
}

// readFractionFirst reads a number that opens with a fraction word: «نصف
// مليون», «ربع مليار», "half a million", "a quarter of a million", "a
// third", «نصف». A fraction alone is weak, as "one" is: a figure only
// with a noun.
func readFractionFirst(toks []token, j int, acc *numAcc, m *numMatch) (int, bool) {
	start := j
	if toks[j].norm == "a" || toks[j].norm == "an" {
		j++
	}
	f, _ := fractionWord(toks[j].norm, j == start)
	acc.cur, acc.last, acc.started = f.num/f.den, 0, true
	j++
	// the scale it takes a part of
	k := j
	if k < len(toks) && toks[k].norm == "of" {
		k++
	}
	if k < len(toks) && (toks[k].norm == "a" || toks[k].norm == "an") {
		k++
	}
	if k < len(toks) && toks[k].kind == tokWord {
		if nw, ok := numWords[toks[k].norm]; ok && nw.k == nkScale {
			acc.cur *= nw.v
			m.scaled, m.scaleTok = true, k
			return k + 1, true
		}
	}
	// "a third of the voters", "half of them": "of" belongs to the
	// fraction, as to "a couple of"; "a third term" is an ordinal.
	if j < len(toks) && toks[j].norm == "of" {
		return j + 1, true
	}
	if f.needNum && j < len(toks) && toks[j].kind == tokWord {
		return start, false
	}
	if j == start+1 || toks[start].norm == "a" || toks[start].norm == "an" {
		m.weak = true
	}
	return j, true
}

// readFractionAfter reads the fraction that follows a number: «مليون
// ونصف» (1.5 million), «ثلاثة أرباع» (3/4), "two and a half million",
// "three quarters", "two thirds", "2½", "1 1/2". It returns the token after
// it.
func readFractionAfter(toks []token, j int, acc *numAcc, m *numMatch) (int, bool) {
	if j >= len(toks) || !acc.started {
		return j, false
	}
	t := &toks[j]
	// 2½: a fraction character glued to the digits.
	if v := vulgarFractions[t.text]; v > 0 && j > 0 && toks[j-1].end == t.start && acc.cur == math.Trunc(acc.cur) && acc.lastScale == 0 {
		acc.cur += v
		m.plainInt = false
		j++
		if k, ok := readFractionScale(toks, j, acc, m); ok {
			j = k
		}
		return j, true
	}
	// 1 1/2: a whole number, a space, a proper fraction.
	if t.kind == tokNumber && m.plainInt && j+2 < len(toks) && toks[j+1].text == "/" && toks[j+2].kind == tokNumber &&
		toks[j+1].start == t.end && toks[j+2].start == toks[j+1].end && (j+3 >= len(toks) || toks[j+3].text != "/") {
		a, _, ok1 := parseDigits(t.text)
		b, _, ok2 := parseDigits(toks[j+2].text)
		if ok1 && ok2 && isProperFraction(int(a), int(b)) && a == math.Trunc(a) {
			acc.cur += a / b
			m.plainInt = false
			j += 3
			if k, ok := readFractionScale(toks, j, acc, m); ok {
				j = k
			}
			return j, true
		}
	}
	// A count before a plural or a bare singular: three quarters, two
	// thirds, «ثلاثة أرباع», "one third".
	whole := acc.total == 0 && acc.cur >= 1 && acc.cur <= 20 && acc.cur == math.Trunc(acc.cur) && acc.lastScale == 0
	if f, ok := fractionWord(t.norm, false); ok && whole && (f.num == 0 || f.needNum) {
		if f.num == 0 && acc.cur < 2 || f.num != 0 && acc.cur != 1 {
			return j, false // "one thirds", "two third"
		}
		if n := j + 1; f.needNum && n < len(toks) && toks[n].kind == tokWord && toks[n].norm != "of" {
			if nw, ok := numWords[toks[n].norm]; !ok || nw.k != nkScale && nw.k != nkScalePl {
				return j, false // "one third term": an ordinal
			}
		}
		acc.cur /= f.den
		m.plainInt, m.weak = false, false
		j++
		if k, ok := readFractionScale(toks, j, acc, m); ok {
			j = k
		} else if j < len(toks) && toks[j].norm == "of" {
			j++ // "two thirds of the members"
		}
		return j, true
	}
	// «ونصف», «و نصف», "and a half", "and three quarters".
	k := j
	var f fraction
	found := false
	switch {
	case nonLatin(t.norm):
		if rest, ok := strings.CutPrefix(t.norm, "و"); ok && rest != "" {
			f, found = fractionWords[rest]
			k = j + 1
		} else if t.norm == "و" && j+1 < len(toks) {
			f, found = fractionWords[toks[j+1].norm]
			k = j + 2
		}
		if found && f.num == 0 {
			found = false
		}
	case t.norm == "and" && j+2 < len(toks):
		n := 0.0
		switch w := toks[j+1].norm; w {
		case "a", "an", "one":
			n = 1
		default:
			if nw, ok := numWords[w]; ok && nw.k == nkPlain && nw.v >= 2 && nw.v <= 9 {
				n = nw.v
			}
		}
		if g, ok := fractionWords[toks[j+2].norm]; ok && n > 0 && (n == 1) == (g.num != 0) {
			f, found = fraction{num: n, den: g.den}, true
			k = j + 3
		}
	}
	if !found {
		return j, false
	}
	if k < len(toks) && notFractionNext[toks[k].norm] {
		return j, false
	}
	frac := f.num / f.den
	if acc.cur == 0 && acc.lastScale > 0 {
		// «مليون ونصف», «3 ملايين ونصف»: a part of the scale.
		acc.total += frac * acc.lastScale
		return k, true
	}
	acc.cur += frac
	m.plainInt = false
	if k2, ok := readFractionScale(toks, k, acc, m); ok {
		k = k2
	}
	return k, true
}

// readFractionScale reads the scale after a fraction: "two and a half
// million", "three quarters of a million".
func readFractionScale(toks []token, j int, acc *numAcc, m *numMatch) (int, bool) {
	k := j
	if k+1 < len(toks) && toks[k].norm == "of" && (toks[k+1].norm == "a" || toks[k+1].norm == "an") {
		k += 2
	}
	if k >= len(toks) || toks[k].kind != tokWord {
		return j, false
	}
	nw, ok := numWords[toks[k].norm]
	if !ok || nw.k != nkScale && nw.k != nkScalePl {
		return j, false
	}
	acc.total += acc.cur * nw.v
	acc.cur, acc.last, acc.lastScale = 0, 0, nw.v
	m.scaled = true
	if m.scaleTok < 0 {
		m.scaleTok = k
	}
	return k + 1, true
}
