package extract

import (
	"slices"
	"testing"
)

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

func TestContentNumbers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []float64
	}{
		{"مقتل نحو 12 ألف فلسطيني", []float64{12000}},
		{"67,074 killed and 1.5 million displaced", []float64{67074, 1.5e6}},
		{"٦٧٬٠٠٠ قتيل", []float64{67000}},
		{"169,679 wounded", []float64{169679}},
	} {
		if _, got := ContentTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ContentTokens(%q) numbers = %v; want %v", tt.in, got, tt.want)
		}
	}
}
