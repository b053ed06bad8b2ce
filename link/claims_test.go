package link

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/extract"
)

// signature returns the signature of a one-statement extraction whose text
// is the content, with the given mentions and dated phrases.
func signature(content string, mentions []string, times map[string]string) Signature {
	x := &extract.Extraction{Statements: []extract.Statement{{
		ID: "s", SpeakerID: "speaker", Content: content,
		ContentSpan: extract.Span{Start: 0, End: len([]rune(content))}, MentionIDs: mentions,
	}}}
	for text, value := range times {
		i := strings.Index(content, text)
		start := len([]rune(content[:i]))
		x.Times = append(x.Times, extract.TimeMention{Text: text, Value: value, Grain: extract.Day,
			Span: extract.Span{Start: start, End: start + len([]rune(text))}})
	}
	return NewSignature(x, &x.Statements[0])
}

// shareBand reports whether a and b share a band: whether looking one's
// claims up finds the other's.
func shareBand(a, b Signature) bool {
	for _, k := range Bands(a) {
		if slices.Contains(Bands(b), k) {
			return true
		}
	}
	return false
}

func TestMatchSignatures(t *testing.T) {
	type side struct {
		content  string
		mentions []string
		times    map[string]string
	}
	tests := []struct {
		name string
		a, b side
		want bool
	}{
		// Arabic, within the language.
		{"ar: the seed's words, reworded",
			side{"أن الاتفاق لإطلاق سراحهم على وشك الانتهاء", nil, nil},
			side{"اتفاق إطلاق سراح الرهائن بات على وشك الانتهاء", nil, nil}, true},
		{"ar: diacritics, tatweel, alef and ta marbuta forms",
			side{"إنَّ الولاياتِ المتحدةَ ملتزمةٌ بدعمِ تنفيذِ الاتفاق", nil, nil},
			side{"ان الولايات المتحده ملتـزمة بدعم تنفيذ الاتفاق", nil, nil}, true},
		{"ar: proclitics and plural endings",
			side{"المفاوضات مع الفلسطينيين ستستأنف في القاهرة", nil, nil},
			side{"ومفاوضات مع فلسطيني ستستأنف بالقاهرة", nil, nil}, true},
		{"ar: a shorter report contained in a longer one",
			side{"الولايات المتحدة ملتزمة بدعم تنفيذ أي اتفاق مستقبلي، مع الحرص على تقديم ضمانات أمنية واضحة لجميع الأطراف", nil, nil},
			side{"الولايات المتحدة ملتزمة بدعم تنفيذ أي اتفاق مستقبلي", nil, nil}, true},
		{"ar: the same number written three ways",
			side{"عدد القتلى ارتفع إلى 67 ألفا", nil, nil},
			side{"ارتفع عدد القتلى إلى ٦٧٬٠٠٠", nil, nil}, true},
		{"ar: same words, different numbers: two claims",
			side{"عدد القتلى ارتفع إلى 67 ألفا", nil, nil},
			side{"عدد القتلى ارتفع إلى 60 ألفا", nil, nil}, false},
		{"ar: different content by one speaker",
			side{"أن الاتفاق لإطلاق سراحهم على وشك الانتهاء", nil, nil},
			side{"نتمتع بقوة كبيرة وسنبذل كل ما في وسعنا لضمان التزام الجميع بالاتفاق", nil, nil}, false},
		{"ar: one shared place is not enough",
			side{"سيناقش التطورات في غزة مع رئيس الوزراء الكندي", []string{"gaza"}, nil},
			side{"الحرب في غزة انتهت", []string{"gaza"}, nil}, false},
		// English, within the language.
		{"en: reworded",
			side{"the deal to free the hostages was close to done", nil, nil},
			side{"a deal freeing the hostages is close to being done", nil, nil}, true},
		{"en: different content",
			side{"the deal to free the hostages was close to done", nil, nil},
			side{"the war in Gaza is over", nil, nil}, false},
		// Across Arabic and English: anchors.
		{"ar/en: the same numbers, date and concepts",
			side{"عدد القتلى منذ السابع من أكتوبر 2023 ارتفع إلى 67 ألف فلسطيني", nil, map[string]string{"السابع من أكتوبر 2023": "2023-10-07"}},
			side{"67,000 Palestinians have been killed since October 7, 2023", nil, map[string]string{"October 7, 2023": "2023-10-07"}}, true},
		{"ar/en: the same place and concepts",
			side{"الحرب في غزة انتهت", []string{"gaza"}, nil},
			side{"the war in Gaza is over", []string{"gaza"}, nil}, true},
		{"ar/en: the seed's hostage deal",
			side{"أن الاتفاق لإطلاق سراحهم على وشك الانتهاء", nil, nil},
			side{"the deal to free the hostages was close to done", nil, nil}, true},
		{"ar/en: different numbers",
			side{"عدد القتلى ارتفع إلى 67 ألف فلسطيني", nil, nil},
			side{"60,000 Palestinians have been killed", nil, nil}, false},
		{"ar/en: one shared anchor is not enough",
			side{"سيناقش التطورات في غزة مع رئيس الوزراء الكندي", []string{"gaza", "mark-carney"}, nil},
			side{"the war in Gaza is over", []string{"gaza"}, nil}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := signature(tt.a.content, tt.a.mentions, tt.a.times)
			b := signature(tt.b.content, tt.b.mentions, tt.b.times)
			score, got := MatchSignatures(a, b)
			if got != tt.want {
				t.Errorf("MatchSignatures(%q, %q) = %.2f, %v; want %v\n  tokens %v | %v", tt.a.content, tt.b.content, score, got, tt.want, a.Tokens, b.Tokens)
			}
			if score2, got2 := MatchSignatures(b, a); got2 != got || score2 != score {
				t.Errorf("MatchSignatures is not symmetric: %.3f %v vs %.3f %v", score, got, score2, got2)
			}
			if got && !shareBand(a, b) && a.Arabic == b.Arabic && score > 0.7 {
				t.Errorf("%q and %q match with %.2f but share no band", tt.a.content, tt.b.content, score)
			}
		})
	}
}

func TestBands(t *testing.T) {
	a := signature("the deal to free the hostages was close to done", []string{"gaza", "hamas"}, nil)
	if got, again := Bands(a), Bands(a); !slices.Equal(got, again) || len(got) != tokenBands+anchorBands {
		t.Fatalf("Bands(%v) = %v, then %v; want %d deterministic bands", a, got, again, tokenBands+anchorBands)
	}
	b := signature("a deal to free the hostages was close to done", []string{"gaza", "hamas"}, nil)
	if !shareBand(a, b) {
		t.Errorf("near-identical statements share no band: %v | %v", Bands(a), Bands(b))
	}
	c := signature("the bridge over the river reopened to traffic after repairs", nil, nil)
	if shareBand(a, c) {
		t.Errorf("unrelated statements share a band: %v | %v", Bands(a), Bands(c))
	}
	ar := signature("الحرب في غزة انتهت", []string{"gaza"}, nil)
	en := signature("the war in Gaza is over", []string{"gaza"}, nil)
	if !shareBand(ar, en) {
		t.Errorf("the same anchors across scripts share no band: %v | %v", Bands(ar), Bands(en))
	}
	if got := Bands(Signature{}); got != nil {
		t.Errorf("Bands of an empty signature = %v; want none", got)
	}
	// The same words with another number are no candidate.
	day1 := signature("the health ministry said the toll rose to 1,200", nil, nil)
	day2 := signature("the health ministry said the toll rose to 1,350", nil, nil)
	again := signature("the ministry of health said the toll rose to 1,200", nil, nil)
	if shareBand(day1, day2) {
		t.Errorf("statements with different numbers are candidates: %v | %v", day1.Numbers, day2.Numbers)
	}
	if !shareBand(day1, again) {
		t.Errorf("statements with the same number and words are no candidates: %v | %v", Bands(again), Bands(day1))
	}
}

func TestParseKind(t *testing.T) {
	for k := SameClaim; k <= SameEvent; k++ {
		if got := ParseKind(strings.ToLower(k.String())); got != k {
			t.Errorf("ParseKind(%q) = %v; want %v", strings.ToLower(k.String()), got, k)
		}
	}
	if got := ParseKind("nonsense"); got != 0 {
		t.Errorf("ParseKind(%q) = %v; want 0", "nonsense", got)
	}
	if got := Kind(99).String(); got != "UNSPECIFIED" {
		t.Errorf("Kind(99).String() = %q", got)
	}
}

func TestEventSimilarity(t *testing.T) {
	if s, ok := EventSimilarity([]string{"cairo", "hamas"}, []string{"hamas", "israel"}); !ok || s != 0.333 {
		t.Errorf("EventSimilarity = %v, %v; want 0.333, true", s, ok)
	}
	if _, ok := EventSimilarity([]string{"cairo"}, []string{"doha"}); ok {
		t.Error("events with no shared actor are one happening")
	}
}
