package extract

import (
	"sort"
	"strings"
	"unicode"
)

// Content tokens: what cross-article linking compares of two statements.
// The text decisions (normalising, stemming, stop words, numbers, the
// bilingual concepts) are made here, once, so that the linking package
// only compares sets.

// ContentTokens returns the stems of the content words of s (stop words,
// scale words and one-letter words out) and the numbers it writes, read by
// the same number reader as figures («12 ألف» is 12000, "1.5 million"
// 1500000). It is safe for concurrent use.
func ContentTokens(s string) (stems []string, numbers []float64) {
	toks := tokenize([]rune(s))
	for i := 0; i < len(toks); {
		t := &toks[i]
		if isNumberStart(t) || isNumberTok(t) {
			if m, ok := scanNumber(toks, i); ok && m.end > i {
				if !m.ident && !m.weak {
					numbers = append(numbers, m.value)
				}
				i = m.end
				continue
			}
		}
		if t.kind == tokWord {
			if w := t.norm; !stopWords[w] && len([]rune(w)) >= 2 {
				if st := Stem(w); !stopWords[st] {
					stems = append(stems, st)
				}
			}
		}
		i++
	}
	return stems, numbers
}

// Stem returns the light stem of a normalised word (NormalizeArabic): Arabic
// loses the proclitics joined with the article (وال, بال, لل, …), a
// conjunction و or a preposition ل/ب before a verbal noun, and one suffix
// (plural, nisba, feminine, pronouns, accusative alef) with a nisba ي before
// it, so فلسطيني, فلسطينيا and الفلسطينيين share فلسطين; English loses its
// inflection (-s, -es, -ies, -ing, -ed, -ly). Other words come back as they
// are. It is safe for concurrent use.
func Stem(w string) string {
	if w == "" {
		return w
	}
	r := []rune(w)
	if unicode.Is(unicode.Arabic, r[0]) {
		return stemArabic(r)
	}
	if r[0] < 0x80 && unicode.IsLetter(r[0]) {
		return stemEnglish(w)
	}
	return w
}

// Stems returns the stems of the words of s, stop words included.
func Stems(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(NormalizeArabic(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
	}) {
		out = append(out, Stem(w))
	}
	return out
}

// HasArabic reports whether s holds an Arabic letter.
func HasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var arabicArticles = []string{"وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}

var arabicSuffixes = []string{"ات", "ون", "ين", "يه", "يا", "ها", "هم", "هن", "نا", "كم", "ي", "ه", "ا"}

func stemArabic(r []rune) string {
	w := string(r)
	stripped := false
	for _, p := range arabicArticles {
		if rest, ok := strings.CutPrefix(w, p); ok && len([]rune(rest)) >= 3 {
			w, stripped = rest, true
			break
		}
	}
	if !stripped {
		rs := []rune(w)
		switch {
		case rs[0] == 'و' && len(rs) >= 5:
			w = string(rs[1:])
		case (rs[0] == 'ل' || rs[0] == 'ب') && len(rs) >= 5 && rs[1] == 'ا':
			w = string(rs[1:])
		}
	}
	for _, s := range arabicSuffixes {
		if rest, ok := strings.CutSuffix(w, s); ok && len([]rune(rest)) >= 3 {
			w = rest
			// A nisba ي may stand before the ending just cut:
			// فلسطينيين → فلسطيني → فلسطين, as فلسطيني → فلسطين.
			if rest, ok := strings.CutSuffix(w, "ي"); ok && s != "ي" && len([]rune(rest)) >= 3 {
				w = rest
			}
			break
		}
	}
	return w
}

func stemEnglish(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && n > 3:
		return w[:n-1]
	case strings.HasSuffix(w, "ing") && n > 5:
		return w[:n-3]
	case strings.HasSuffix(w, "ed") && n > 4:
		return w[:n-2]
	case strings.HasSuffix(w, "ly") && n > 5:
		return w[:n-2]
	}
	return w
}

// stopWords are function words, normalised (NormalizeArabic), in both
// languages, and the scale words of numbers; a word is dropped when it or
// its stem is one.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		ان انه انها انهم ان إن في من على الى إلى عن مع هذا هذه ذلك تلك هذان التي الذي الذين اللذين
		قد لقد لا لم لن ما ماذا كل اي او أو ثم بين عند بعد قبل حتى كان كانت يكون تكون هو هي هم هن نحن
		نحو وفقا حاليا ايضا كما بما فيما خلال الي عليه عليها فيه فيها منه منها به بها له لها لهم وفي ومن
		وعلى والى وعن ومع وهو وهي وقد ولا وما وكان بات باتت يوم اليوم امس غدا جدا اكثر اقل عدد منذ بشان
		الف الفا الاف مليون ملايين مليار thousand million billion
		the a an of to in on at for and or but that this these those is are was were be been being
		has have had will would shall should can could may might with by from as it its he she they
		we you i his her their our them him us not no so than then there here which who whom what
		when where while about into over after before up down out very also just now said says say
		says told tells according`) {
		m[NormalizeArabic(w)] = true
	}
	return m
}()

// concepts is a small bilingual lexicon: concept → words in both
// languages. It gives statements in Arabic and English shared anchors when
// their content names the same things in different words.
var concepts = map[string][]string{
	"deal":       {"اتفاق", "الاتفاق", "اتفاقيه", "صفقه", "deal", "agreement", "accord"},
	"hostage":    {"رهائن", "الرهائن", "رهينه", "المحتجزين", "اسري", "hostage", "hostages", "captive", "captives"},
	"release":    {"سراح", "الافراج", "افراج", "release", "released", "free", "freed", "freeing"},
	"imminent":   {"وشك", "قريب", "قريبا", "close", "imminent", "near"},
	"ceasefire":  {"هدنه", "ceasefire", "truce"},
	"killed":     {"مقتل", "قتل", "قتلي", "استشهاد", "شهداء", "killed", "kill", "dead", "death"},
	"injured":    {"اصابه", "جرحي", "مصابين", "injured", "wounded"},
	"war":        {"حرب", "الحرب", "war"},
	"talks":      {"مفاوضات", "مباحثات", "محادثات", "negotiations", "talks"},
	"commitment": {"ملتزمه", "التزام", "committed", "commitment"},
	"support":    {"دعم", "support", "back"},
	"implement":  {"تنفيذ", "implementation", "implement", "implementing"},
	"guarantee":  {"ضمانات", "ضمان", "guarantees", "guarantee"},
	"security":   {"امنيه", "الامن", "security"},
	"aid":        {"مساعدات", "المساعده", "aid", "assistance"},
	"health":     {"الصحه", "صحه", "health"},
	"ministry":   {"وزاره", "ministry"},
	"toll":       {"حصيله", "toll"},
	"future":     {"مستقبلي", "future"},
}

var conceptStems = stemTable(concepts)

// Concept returns the bilingual concept a content stem names (see
// ContentTokens), or "".
func Concept(stem string) string { return conceptStems[stem] }

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
			s := Stem(NormalizeArabic(w))
			if _, dup := m[s]; !dup {
				m[s] = k
			}
		}
	}
	return m
}
