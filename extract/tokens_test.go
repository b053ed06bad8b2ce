package extract

import (
	"slices"
	"testing"
)

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
