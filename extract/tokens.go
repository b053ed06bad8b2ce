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
