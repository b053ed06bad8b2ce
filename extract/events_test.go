package extract

import (
	"strings"
	"testing"
)

// eventsOf runs the date and event finders on text.
func eventsOf(tb testing.TB, text, lang, published string) []Event {
	tb.Helper()
	d := newDocument(Article{ID: "t", Text: text, Language: lang, Published: day(published)})
	return findEvents(d, newActorTable(d), findTimes(d))
}

func TestFindEvents(t *testing.T) {
	tests := []struct {
		name, text, lang, published string
		want                        []string // "kind trigger date" of each event
	}{
		{"ar war", "جاءت المباحثات على خلفية الحرب التي اندلعت في السابع من أكتوبر 2023 بين حماس وإسرائيل.", "ar", "2025-10-07",
			[]string{"meeting المباحثات ", "war الحرب ", "war اندلعت 2023-10-07"}},
		{"ar travel", "توجها إلى مصر يوم الثلاثاء.", "ar", "2025-10-07", []string{"travel توجها 2025-10-07"}},
		{"ar death hijri", "توفي شقيقي في 19 رمضان الماضي.", "ar", "2015-08-06", []string{"death توفي 2015-07-06"}},
		{"ar two dates two triggers", "أعلنت الحكومة أمس أنها ستمدد حتى مارس 2017 مشاركتها.", "ar", "2015-08-05",
			[]string{"announcement أعلنت 2015-08-04", "extension ستمدد 2017-03"}},
		{"ar undated", "اعتقلت القوات الأمنية العشرات.", "ar", "2015-08-05", []string{"arrest اعتقلت "}},
		{"ar date in another sentence", "قصفت الطائرات المدينة. وفي يوم الأحد عاد الهدوء.", "ar", "2015-08-05", []string{"strike قصفت "}},
		{"ar same trigger and date once", "تصل إلى ذروتها الخميس المقبل. وقال: تصل إلى ذروتها الخميس المقبل.", "ar", "2015-08-10",
			[]string{"travel تصل 2015-08-13"}},
		{"en", "Police arrested three men on Tuesday, officials said.", "en", "2013-02-14", []string{"arrest arrested 2013-02-12"}},
		{"en no trigger", "The weather was fine on Tuesday.", "en", "2013-02-14", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range eventsOf(t, tt.text, tt.lang, tt.published) {
				got = append(got, e.Kind+" "+e.Trigger+" "+e.Date)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("findEvents(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTriggerLexicon(t *testing.T) {
	for w, want := range map[string]string{
		"واندلعت": "war", "والانتخابية": "election", "مقتل": "killing", "بضربة": "strike", "ستمدد": "extension",
		"attack": "attack", "قال": "", "الحكومة": "",
	} {
		if got, _ := eventTriggers.kindOf(NormalizeArabic(w)); got != want {
			t.Errorf("kindOf(%q) = %q; want %q", w, got, want)
		}
	}
}
