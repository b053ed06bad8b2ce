package extract

import "testing"

func TestStem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"الفلسطينيين", "فلسطين"},
		{"فلسطيني", "فلسطين"},
		{"فلسطينيا", "فلسطين"},
		{"والمفاوضات", "مفاوض"},
		{"سراحهم", "سراح"},
		{"لاطلاق", "اطلاق"},
		{"الاتفاق", "اتفاق"},
		{"اتفاقيه", "اتفاق"},
		{"وشك", "وشك"},
		{"hostages", "hostage"},
		{"freeing", "free"},
		{"ministries", "ministry"},
		{"killed", "kill"},
		{"gaza", "gaza"},
	} {
		if got := Stem(NormalizeArabic(tt.in)); got != tt.want {
			t.Errorf("Stem(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestNisbaStem(t *testing.T) {
	tests := []struct{ a, b string }{
		{"الأمريكي", "أمريكية"},
		{"الأمريكي", "الأميركي"},
		{"الأمريكي", "الأمريكيين"},
		{"البريطانية", "بريطاني"},
	}
	for _, tt := range tests {
		a, b := nisbaStem(NormalizeArabic(tt.a)), nisbaStem(NormalizeArabic(tt.b))
		if a != b {
			t.Errorf("nisbaStem(%q) = %q, nisbaStem(%q) = %q; want equal", tt.a, a, tt.b, b)
		}
	}
	if nisbaStem(NormalizeArabic("قطرة")) == nisbaStem(NormalizeArabic("قطر")) && matchKey(NormalizeArabic("قطرة")) == matchKey("قطر") {
		t.Errorf("matchKey(قطرة) = matchKey(قطر); a drop is not Qatar")
	}
}

// TestStemmersDiffer holds why there are two stemmers (stem.go): linking
// conflates a country with its adjective, naming must not.
func TestStemmersDiffer(t *testing.T) {
	for _, tt := range []struct{ noun, adj string }{
		{"مصر", "المصري"},
		{"سوريا", "السوريين"},
	} {
		n, a := NormalizeArabic(tt.noun), NormalizeArabic(tt.adj)
		if Stem(n) != Stem(a) {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want equal (linking)", tt.noun, Stem(n), tt.adj, Stem(a))
		}
		if nisbaStem(n) == nisbaStem(a) {
			t.Errorf("nisbaStem(%q) = nisbaStem(%q) = %q; want the noun told from the adjective", tt.noun, tt.adj, nisbaStem(n))
		}
	}
}
