package extract

import (
	"math"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		// Arabic digits, separators and fractions.
		{"٠", 0},
		{"٠٫٠", 0},
		{"١٠٠٬٠٠٠", 100000},
		{"١٬٠٠٠٬٠٠٠٫٠٠", 1000000},
		{"٣٫٥", 3.5},
		{"٫٧٧", 0.77},
		{"٧٧/١٠٠", 0.77},
		{"-١٢/١٠", -1.2},
		{"-١٬٢٠٠٬٠٠٠", -1200000},
		{"۱۲", 12}, // Persian digits
		// Arabic words.
		{"صفر", 0},
		{"واحد", 1},
		{"أربعة", 4},
		{"إحدى عشرة", 11},
		{"إثنتى عشر", 12},
		{"ثمان عشرة", 18},
		{"واحدة و عشرون", 21},
		{"ثلاث و ثلاثون", 33},
		{"مائتين", 200},
		{"1.5 ترليون", 1.5e12}, // the spelling without ي
		{"2.2 تريليون", 2.2e12},
		{"ثلاثمائة وخمسين", 350},
		{"خمسمائة و خمسة و عشرون", 525},
		{"ستة آلاف", 6000},
		{"الفين", 2000},
		{"ألفا", 2000},
		{"ألفاً", 1000},
		{"مليونان", 2000000},
		{"مليون", 1000000},
		{"12 ألف", 12000},
		{"1.5 مليار", 1.5e9},
		{"10 آلاف", 10000},
		{"3 ملايين", 3000000},
		{"عشرين ألفا", 20000},
		{"23 ألفا و456", 23456},
		{"23 ألفا و 456", 23456},
		{"1 مليون و200 ألف", 1200000},
		{"1 فاصلة 1", 1.1},
		{"واحد فاصلة واحد", 1.1},
		{"اتنين مليون", 2000000},
		// Egyptian and Levantine.
		{"حداشر", 11},
		{"اربعتاشر", 14},
		{"متين", 200},
		{"متين واحد وعشرين", 221},
		{"تلتمية وخمسين", 350},
		{"خمسمية خمسة و عشرين", 525},
		// English.
		{"0", 0},
		{"zero", 0},
		{"nil", 0},
		{"1,200", 1200},
		{"1.5", 1.5},
		{".77", 0.77},
		{"0033", 33},
		{"01.10", 1.1},
		{"100,000.0", 100000},
		{"20/100", 0.2},
		{"100K", 100000},
		{"1.2M", 1200000},
		{"-1200K", -1200000},
		{"- 1,200,000", -1200000},
		{"minus 1,200,000", -1200000},
		{"negative five hundred and four", -504},
		{"a dozen", 12},
		{"a couple of", 2},
		{"a pair", 2},
		{"two dozen", 24},
		{"200 dozens", 2400},
		{"two hundred dozens", 2400},
		{"twenty-one thousand Eleven", 21011},
		{"seven hundred twenty-one thousand and twelve", 721012},
		{"thirty-one million two hundred fifty-six thousand seven hundred twenty-one", 31256721},
		{"three crore twelve lakh fifty-six thousand seven hundred twenty-one", 31256721},
		{"one twenty two", 122},
		{"two point two million", 2200000},
		{"point 77", 0.77},
		{"1 point 1", 1.1},
		{"three thousand millions", 3e9},
		{"three hundred Cr", 3e9},
		{"30 lakh", 3000000},
		{"forty-five (45)", 45},
		{"45 (forty five)", 45},
		// Fractions and mixed numbers, Arabic first.
		{"نصف", 0.5},
		{"ربع", 0.25},
		{"ثلث", 1.0 / 3},
		{"ثلثي", 2.0 / 3},
		{"ثلاثة أرباع", 0.75},
		{"نصف مليون", 500000},
		{"ربع مليار", 2.5e8},
		{"مليون ونصف", 1500000},
		{"مليون و نصف", 1500000},
		{"ألف ونصف", 1500},
		{"3 ملايين ونصف", 3500000},
		{"مليونين وربع", 2250000},
		{"half", 0.5},
		{"a half", 0.5},
		{"a third", 1.0 / 3},
		{"one third", 1.0 / 3},
		{"two thirds", 2.0 / 3},
		{"three quarters", 0.75},
		{"two thirds of", 2.0 / 3},
		{"a third of", 1.0 / 3},
		{"half a million", 500000},
		{"a quarter of a million", 250000},
		{"one and a half", 1.5},
		{"two and a half million", 2500000},
		{"three and three quarters", 3.75},
		{"½", 0.5},
		{"2½", 2.5},
		{"2½ million", 2500000},
		{"1/2", 0.5},
		{"٣/٤", 0.75},
		{"1 1/2", 1.5},
		// Digits a direction mark reversed: shown «5647.‏1», meant 1.5647.
		{"5647.\u200f1", 1.5647},
		{"07.\u200f70", 70.07},
		{"4.\u200f0", 0.4},
		{"٥٦٤٧٫\u200f١", 1.5647},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		if !ok || math.Abs(got-tt.want) > 1e-9*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, in := range []string{
		"عشرات", "آلاف", "مئات", "dozens", "thousands", "a few", "أحد", "الاثنين",
		"650.650.6500", "6/10994", "exactly dollars", "جمبري",
		"quarter", "third", "thirds", "9/11", "24/7", "ساعة ونصف", "نصف النهائي", "الربع الأول", "first half",
	} {
		if got, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) = %v; want no number", in, got)
		}
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,200,000", 1200000, true},
		{"1.200.000", 1200000, true},
		{"1,5", 1.5, true},
		{"1.234,5", 1234.5, true},
		{"1,234.5", 1234.5, true},
		{"1,23,4", 0, false},
		{"650.650.6500", 0, false},
	}
	for _, tt := range tests {
		got, _, ok := parseDigits(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseDigits(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

const figureBenchText = `وأسفرت الحرب عن مقتل نحو 12 ألف فلسطيني وفقًا لتقديرات أولية، بينما تم اقتياد 251 شخصًا كرهائن إلى غزة. ` +
	`وصباح الأحد شارك نحو 8500 إطفائي لإخماد 21 حريقا كبيرا في أنحاء كاليفورنيا، والتي أجبرت ستة آلاف شخص على الأقل على إخلاء منازلهم. ` +
	`The company said on Tuesday it would cut 156,000 jobs, about 5% of its workforce, by 2026, at a cost of $1.2 billion.`
