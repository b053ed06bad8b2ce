package extract

import (
	"strings"
	"testing"
	"time"
)

// mixedPieces is the palette FuzzExtractMixed builds texts from: words of
// both languages that the rules look for (cue verbs, titles, number and
// date words), both digit sets, quotes, dashes, punctuation, and the
// invisible marks scraped text carries (direction marks and embeddings,
// tatweel, diacritics, zero-width joiners).
var mixedPieces = []string{
	"قال", "وقال", "وأضاف أن", "مشيرًا إلى أن", "الرئيس الأمريكي", "مسؤول", "ألف", "مليون", "نحو", "أكثر من",
	"يوم الثلاثاء", "أكتوبر", "2023", "١٢", "٫", "،", "؛", "ـ", "\u064b", "\u0651",
	"said", "Adding", "according to", "Mr.", "Dr", "J.", "President", "Trump", "thousand", "million",
	"about", "more than", "Tuesday", "Oct.", "12", "3,000", "0", "-", "−", "–", "—", "/", ":", "%", "$",
	".", ",", ";", "!", "?", "(", ")", "[", "]",
	"\"", "'", "“", "”", "«", "»", "‘", "’", "„",
	"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
	"\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0",
	" ", " ", " ", "\n", "\n\n", "\t",
}

// FuzzExtractMixed drives the whole of Extract, in both languages and with
// the language left to detection, on texts mixed from mixedPieces: each
// byte of pick chooses a piece, and raw is spliced in where a byte is 255.
// FuzzExtract reaches the same code from raw bytes; this target reaches
// the combinations (a quote after a number before a direction mark) that
// random bytes seldom spell.
func FuzzExtractMixed(f *testing.F) {
	f.Add(uint8(0), []byte{0, 79, 58, 13, 79, 6, 59, 64, 46, 79, 20, 82}, "")       // قال «١٢ …» said
	f.Add(uint8(1), []byte{56, 34, 46, 57, 79, 20, 79, 23, 79, 28, 69, 36, 37}, "") // “12,” said Mr. …
	f.Add(uint8(1), []byte{36, 46, 21}, "")                                         // "0,Adding"
	f.Add(uint8(2), []byte{36, 37}, "")                                             // "0-"
	f.Add(uint8(0), []byte{66, 11, 61, 68, 0, 255, 69}, "x")
	f.Add(uint8(2), []byte{55, 33, 59, 60, 41, 62, 63, 255, 64, 65, 80}, "٠١٢")
	f.Fuzz(func(t *testing.T, lang uint8, pick []byte, raw string) {
		var b strings.Builder
		for _, p := range pick {
			if p == 255 {
				b.WriteString(raw)
				continue
			}
			b.WriteString(mixedPieces[int(p)%len(mixedPieces)])
		}
		text := b.String()
		l := [...]string{"ar", "en", ""}[lang%3]
		x := Extract(Article{ID: "f", Text: text, Language: l, Published: time.Date(2025, 10, 7, 0, 0, 0, 0, time.UTC)})
		checkExtraction(t, text, x)
	})
}

// TestExtractNoPanic holds the texts the fuzz targets once crashed on, in
// both languages and with the language left to detection.
func TestExtractNoPanic(t *testing.T) {
	for _, text := range []string{
		"0,Adding", // enAbbrevDot looked at the token after the last
		"0-",       // scanNumber was asked for the number after a final dash
		"Adding.", "Mr.", "3-", "٣-", "2 -", "فاز 2 -",
	} {
		for _, lang := range []string{"ar", "en", ""} {
			t.Run(lang+"/"+text, func(t *testing.T) {
				x := Extract(Article{ID: "p", Text: text, Language: lang})
				checkExtraction(t, text, x)
			})
		}
	}
}

// TestJoinedQuotationContent holds texts where a quotation is interrupted
// by its attribution, among them two FuzzStatements found (an empty first
// part gave the content " 0"; two empty parts gave an empty content): the
// extraction is well formed and no content is empty or padded with space.
func TestJoinedQuotationContent(t *testing.T) {
	for _, text := range []string{
		`"My hope," he said, "is that it works."`,
		`"" he said. "It works."`,
		`00000000000000000000 ""A00 sAid! "0"`,
		`""A0 sAid! ""`,
	} {
		x := Extract(Article{ID: "q", Text: text, Language: "en"})
		checkExtraction(t, text, x)
		for _, st := range x.Statements {
			if st.Content == "" || strings.TrimSpace(st.Content) != st.Content {
				t.Errorf("Extract(%q): statement content %q is empty or padded", text, st.Content)
			}
		}
	}
}
