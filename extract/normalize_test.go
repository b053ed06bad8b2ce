package extract

import (
	"strings"
	"testing"
)

func TestNormalizeArabic(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"said", "said"},
		{"McCain", "mccain"},
		{"U.S.", "u.s."},
		{"G20", "g20"},
		{"O’Neill", "o'neill"},
		{"Café", "café"},
		{"ÉLAN", "élan"},
		{"الإمارات", "الامارات"},
		{"مُحَمَّـد", "محمد"},
		{"مدرسة", "مدرسه"},
		{"٢٠٢٣", "2023"},
		{"a\u00a0b", "a b"},
	} {
		if got := NormalizeArabic(tt.in); got != tt.want {
			t.Errorf("NormalizeArabic(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizeArabicASCII checks the ASCII shortcut against the rune by
// rune fold for every ASCII character, alone and among others.
func TestNormalizeArabicASCII(t *testing.T) {
	var all strings.Builder
	for c := rune(0); c < 0x80; c++ {
		all.WriteRune(c)
		s := "ab" + string(c) + "Z"
		if got, want := NormalizeArabic(s), normalizeRunes(s); got != want {
			t.Errorf("NormalizeArabic(%q) = %q; want %q", s, got, want)
		}
	}
	if got, want := NormalizeArabic(all.String()), normalizeRunes(all.String()); got != want {
		t.Errorf("NormalizeArabic(all ASCII) = %q; want %q", got, want)
	}
}

func TestIsMark(t *testing.T) {
	for _, tt := range []struct {
		r    rune
		want bool
	}{{'a', false}, {' ', false}, {'9', false}, {'é', false}, {'\u0301', true}, {'\u064e', true}, {'ـ', true}, {'ب', false}} {
		if got := isMark(tt.r); got != tt.want {
			t.Errorf("isMark(%q) = %v; want %v", tt.r, got, tt.want)
		}
	}
}
