package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeArabic folds the spelling variants of Arabic that news text mixes
// freely: it drops diacritics (tashkeel, superscript alef) and tatweel, writes
// every alef form (أ إ آ ٱ) as ا, ى as ي, ة as ه, ؤ as و and ئ as ي, turns
// Arabic-Indic and Persian digits into ASCII, writes the curly apostrophe as
// ' and lower-cases Latin letters.
// Other text passes through unchanged. It is the key under which lexicons,
// the gazetteer and actor search compare names.
func NormalizeArabic(s string) string {
	// ASCII, most of English text, only lower-cases: foldRune changes no
	// other ASCII rune.
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return normalizeRunes(s)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s
	}
	return strings.ToLower(s)
}

// normalizeRunes is NormalizeArabic for text that is not all ASCII.
func normalizeRunes(s string) string {
	// Most words need no change: return them without a copy.
	same := true
	for _, r := range s {
		if r2, keep := foldRune(r); !keep || r2 != r {
			same = false
			break
		}
	}
	if same {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r2, keep := foldRune(r); keep {
			b.WriteRune(r2)
		}
	}
	return b.String()
}

// foldRune maps one rune as NormalizeArabic does; keep is false for runes
// that are dropped.
func foldRune(r rune) (_ rune, keep bool) {
	switch {
	case r == 'ـ': // tatweel
		return 0, false
	case r >= 0x0610 && r <= 0x061A, r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED:
		return 0, false
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
		return 'ا', true
	case r == 'ى':
		return 'ي', true
	case r == 'ة':
		return 'ه', true
	case r == 'ؤ':
		return 'و', true
	case r == 'ئ':
		return 'ي', true
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), true
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), true
	case r == '\u00a0':
		return ' ', true
	case r == '’', r == 'ʼ':
		return '\'', true
	}
	return unicode.ToLower(r), true
}

// isArabicLetter reports whether r is a letter of the Arabic script.
func isArabicLetter(r rune) bool {
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// isMark reports whether r is a combining mark or tatweel, which belong to
// the word they sit in.
func isMark(r rune) bool {
	// No combining mark comes before U+0300; most runes tested do.
	return r >= 0x300 && (r == 'ـ' || unicode.Is(unicode.Mn, r))
}

// isDigit reports whether r is an ASCII, Arabic-Indic or Persian digit.
func isDigit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '٠' && r <= '٩') || (r >= '۰' && r <= '۹')
}

// digitValue returns the value of a digit accepted by isDigit.
func digitValue(r rune) int {
	switch {
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return int(r - '0')
}

// proclitics are the prefixes that Arabic writes joined to a word:
// conjunctions و ف, prepositions ب ل ك, the article ال and their combinations,
// longest first. They are in normalised form.
var proclitics = []string{"وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س"}
