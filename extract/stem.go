package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Two stemmers, one concept at two strengths, kept side by side here.
//
// Stem is the aggressive one, for comparing content across articles
// (ContentTokens, measures): it conflates the country and its adjective
// («مصر», «مصري», «المصريين» all give «مصر») and strips pronoun suffixes,
// because linking wants two statements that speak of the same thing to
// share tokens, and a false merge there costs little.
//
// nisbaStem is the light one, for naming actors: it only unifies the forms
// of one nisba adjective («الأمريكي», «أميركية», «الأمريكيين» give
// «امريكي») and keeps the nisba ي, so that the adjective is told from the
// noun («مصري» is not «مصر»: «الرئيس المصري» is a role, «رئيس مصر» is
// not read through the nisba table), and its output goes into actor ids
// (IRIs), which must not move when the linking stemmer is tuned.
// TestStemmersDiffer holds that difference.

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

// nisbaStem is a light stemmer for Arabic adjectives and nouns in normalised
// form: it drops the article ال, the feminine ending (ة, written ه) and the
// plural endings of nisba adjectives (ـيون، ـيين، ـيات), and spells أميركي
// as أمريكي, so that «الأمريكي», «الأميركي», «أمريكية» and «الأمريكيين»
// share the stem «امريكي». Latin words come back
// unchanged.
func nisbaStem(w string) string {
	if w == "" || w[0] < 0x80 {
		return w
	}
	if rest, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
		w = rest
	}
	// أميركي and أمريكي are one word spelt two ways.
	if strings.HasPrefix(w, "اميرك") {
		w = "امريك" + w[len("اميرك"):]
	}
	for _, suf := range []string{"يون", "يين", "يات"} {
		if rest, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest + "ي"
		}
	}
	if rest, ok := strings.CutSuffix(w, "ه"); ok && utf8.RuneCountInString(rest) >= 2 {
		w = rest
	}
	return w
}
