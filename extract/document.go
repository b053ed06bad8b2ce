package extract

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token.
type tokenKind uint8

const (
	tokWord   tokenKind = iota + 1 // letters and marks, with inner apostrophes and hyphens
	tokNumber                      // digits, with inner separators . , ٫ ٬
	tokPunct                       // any other single non-space rune
)

// token is one word, number or punctuation rune. start and end are code
// point offsets into the text; norm is NormalizeArabic(text), which also
// lower-cases Latin.
type token struct {
	start, end int
	text       string
	norm       string
	kind       tokenKind
}

// sentence is a run of tokens [first, last] and the text span they cover.
type sentence struct {
	span        Span
	first, last int // token indices, inclusive
}

// document is an article prepared for the extractors: its runes, tokens and
// sentences. It is built once per Extract call and only read after that.
type document struct {
	id        string
	lang      string // "ar" or "en"
	text      string
	runes     []rune
	offs      []int32 // byte offset of each code point and of the end; nil when text is not valid UTF-8
	published time.Time
	tokens    []token
	sentences []sentence
}

func newDocument(a Article) *document {
	d := &document{id: a.ID, text: a.Text, runes: []rune(a.Text), published: a.Published}
	if utf8.ValidString(a.Text) {
		// Byte offsets of every code point, so that slices of the text
		// need no copy. Invalid text reads as U+FFFD and is copied instead.
		d.offs = make([]int32, 0, len(d.runes)+1)
		for i := range a.Text {
			d.offs = append(d.offs, int32(i))
		}
		d.offs = append(d.offs, int32(len(a.Text)))
	}
	d.lang = a.Language
	if d.lang == "" {
		d.lang = DetectLanguage(a.Text)
	}
	d.tokens = d.tokenize()
	d.sentences = splitSentences(d.runes, d.tokens)
	return d
}

// slice returns the text of span s.
func (d *document) slice(s Span) string {
	if s.Start < 0 || s.End > len(d.runes) || s.Start >= s.End {
		return ""
	}
	if d.offs != nil {
		return d.text[d.offs[s.Start]:d.offs[s.End]]
	}
	return string(d.runes[s.Start:s.End])
}

// sentenceOf returns the index of the sentence holding code point offset pos,
// or -1.
func (d *document) sentenceOf(pos int) int {
	lo, hi := 0, len(d.sentences)-1
	for lo <= hi {
		m := (lo + hi) / 2
		s := d.sentences[m].span
		switch {
		case pos < s.Start:
			hi = m - 1
		case pos >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// tokenAt returns the index of the first token that ends after pos, or
// len(d.tokens).
func (d *document) tokenAt(pos int) int {
	lo, hi := 0, len(d.tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.tokens[m].end <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// DetectLanguage returns "ar" when Arabic letters outnumber Latin ones in
// text, else "en".
func DetectLanguage(text string) string {
	ar, lat := 0, 0
	for _, r := range text {
		switch {
		case isArabicLetter(r):
			ar++
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		}
	}
	if ar > lat {
		return "ar"
	}
	return "en"
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || isMark(r) }

// tokenize splits rs into tokens, as a document's tokenize does.
func tokenize(rs []rune) []token {
	return (&document{runes: rs}).tokenize()
}

// tokenize splits the text into word, number and punctuation tokens;
// spaces separate tokens and are dropped.
func (d *document) tokenize() []token {
	rs := d.runes
	toks := make([]token, 0, len(rs)/4+1) // about 5.2 runes a token in news text
	for i := 0; i < len(rs); {
		r := rs[i]
		start := i
		var kind tokenKind
		switch {
		case unicode.IsSpace(r) || r == '\u200f' || r == '\u200e' || r == '\ufeff':
			i++
			continue
		case isWordRune(r):
			kind = tokWord
			for i < len(rs) {
				c := rs[i]
				if isWordRune(c) || isDigitInWord(rs, i) {
					i++
					continue
				}
				// An apostrophe or hyphen between letters stays inside the word.
				if (c == '\'' || c == '’' || c == '-') && i+1 < len(rs) && isWordRune(rs[i+1]) && i > start {
					i++
					continue
				}
				break
			}
		case isDigit(r):
			kind = tokNumber
			for i < len(rs) {
				c := rs[i]
				if isDigit(c) {
					i++
					continue
				}
				if (c == '.' || c == ',' || c == '٫' || c == '٬') && i+1 < len(rs) && isDigit(rs[i+1]) {
					i++
					continue
				}
				// «5647.\u200f1»: a decimal whose halves a direction mark
				// swapped (numbers.go: unreverse).
				if (c == '.' || c == '٫') && i+2 < len(rs) && (rs[i+1] == '\u200f' || rs[i+1] == '\u200e') && isDigit(rs[i+2]) {
					i += 2
					continue
				}
				break
			}
		default:
			kind = tokPunct
			i++
		}
		text := d.slice(Span{start, i})
		toks = append(toks, token{start: start, end: i, text: text, norm: NormalizeArabic(text), kind: kind})
	}
	return toks
}

// isDigitInWord reports whether rs[i], met inside a word, is an ASCII digit
// that continues it: one right after a Latin letter or after such a digit, as
// in "A4" or "G20", which stay one word.
func isDigitInWord(rs []rune, i int) bool {
	if rs[i] < '0' || rs[i] > '9' || i == 0 {
		return false
	}
	p := rs[i-1]
	return (p >= '0' && p <= '9') || (p < 0x250 && unicode.IsLetter(p))
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "lt": true, "col": true, "sgt": true, "st": true, "jr": true,
	"sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "vs": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.n": true,
	"u.k": true, "d.c": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true, "etc": true,
	"mt": true, "ft": true, "ave": true, "pres": true, "rev": true, "hon": true, "fr": true,
	"atty": true, "adm": true, "capt": true, "cmdr": true, "maj": true, "supt": true,
	"sens": true, "reps": true, "govs": true, "dept": true, "approx": true,
	"د": true, // «د. الفلاح»: doctor
}

// splitSentences cuts the token stream at . ! ? ؟ … and line breaks. A period
// after an abbreviation or a single capital letter (an initial) does not cut,
// nor does one inside parentheses ("Sen. David Perdue (R-Ga.) said").
// Closing quotation marks and brackets right after the stop stay with the
// sentence they close.
func splitSentences(rs []rune, toks []token) []sentence {
	var out []sentence
	first, depth := 0, 0
	emit := func(last int) {
		if last < first {
			return
		}
		out = append(out, sentence{span: Span{toks[first].start, toks[last].end}, first: first, last: last})
		first = last + 1
	}
	for i := range toks {
		t := toks[i]
		// A line break between this token and the next ends the sentence.
		if i+1 < len(toks) && slices.Contains(rs[t.end:toks[i+1].start], '\n') {
			emit(i)
			depth = 0
			continue
		}
		if t.kind != tokPunct {
			continue
		}
		switch t.text {
		case "(":
			// Only a short parenthesis that closes soon holds periods in.
			for k := i + 1; k < len(toks) && k <= i+12; k++ {
				if toks[k].text == ")" {
					depth++
					break
				}
			}
			continue
		case ")":
			depth = max(depth-1, 0)
			continue
		}
		if depth > 0 {
			continue
		}
		switch t.text {
		case "!", "?", "؟", "…":
		case ".":
			if i > 0 && toks[i-1].end == t.start && toks[i-1].kind == tokWord {
				w := strings.ToLower(toks[i-1].text)
				if abbreviations[w] || (len([]rune(w)) == 1 && unicode.IsUpper([]rune(toks[i-1].text)[0])) {
					continue
				}
				if i > 2 && toks[i-2].text == "." && abbreviations[strings.ToLower(toks[i-3].text)+"."+w] {
					continue
				}
			}
			// "..." runs end once.
			if i+1 < len(toks) && toks[i+1].text == "." {
				continue
			}
		default:
			continue
		}
		last := i
		for last+1 < len(toks) && isCloser(toks[last+1].text) && toks[last+1].start == toks[last].end {
			last++
		}
		emit(last)
	}
	emit(len(toks) - 1)
	return out
}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "»", ")", "]", "'":
		return true
	}
	return false
}
