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
			[]string{"meeting المباحثات ", "war اندلعت 2023-10-07"}},
		{"ar travel", "توجها إلى مصر يوم الثلاثاء.", "ar", "2025-10-07", []string{"travel توجها 2025-10-07"}},
		{"ar death hijri", "توفي شقيقي في 19 رمضان الماضي.", "ar", "2015-08-06", []string{"death توفي 2015-07-06"}},
		{"ar two dates two triggers", "أعلنت الحكومة أمس أنها ستمدد حتى مارس 2017 مشاركتها.", "ar", "2015-08-05",
			[]string{"announcement أعلنت 2015-08-04", "extension ستمدد 2017-03"}},
		{"ar undated", "اعتقلت القوات الأمنية العشرات.", "ar", "2015-08-05", []string{"arrest اعتقلت "}},
		{"ar date in another sentence", "قصفت الطائرات المدينة. وفي يوم الأحد عاد الهدوء.", "ar", "2015-08-05", []string{"strike قصفت "}},
		{"ar same trigger and date once", "تصل إلى ذروتها الخميس المقبل. وقال: تصل إلى ذروتها الخميس المقبل.", "ar", "2015-08-10",
			[]string{"travel تصل 2015-08-13"}},
		{"en", "Police arrested three men on Tuesday, officials said.", "en", "2013-02-14", []string{"arrest arrested 2013-02-12"}},
		// The general kinds: markets, appointments, resignations, openings,
		// meetings, speeches, sports, votes, accidents, trials, protests.
		{"ar market", "ارتفع الجنيه الإسترليني أمس أمام الدولار.", "ar", "2015-07-23", []string{"increase ارتفع 2015-07-22"}},
		{"ar market fall", "وتراجعت أسعار النفط يوم الاثنين.", "ar", "2015-07-23", []string{"decrease وتراجعت 2015-07-20"}},
		{"en market", "Oil prices fell on Monday.", "en", "2015-07-23", []string{"decrease fell 2015-07-20"}},
		{"ar appointment", "صدر أمس أمر بتعيين وزير جديد للصحة.", "ar", "2015-07-23", []string{"appointment بتعيين 2015-07-22"}},
		{"ar resignation", "وقدم الوزير استقالته في الثاني من يونيو الماضي.", "ar", "2015-07-21", []string{"resignation استقالته 2015-06-02"}},
		{"en resignation", "The minister resigned on Monday.", "en", "2015-07-21", []string{"resignation resigned 2015-07-20"}},
		{"ar dismissal", "قرر المجلس إقالة المدير أمس.", "ar", "2015-07-21", []string{"decision قرر ", "dismissal إقالة 2015-07-20"}},
		{"ar cancellation", "قالت الحكومة إنها ستلغي الدعم من أبريل القادم.", "ar", "2015-07-23", []string{"cancellation ستلغي 2016-04"}},
		{"ar rejection", "رفض اللاعب عرضا جديدا أواخر يونيو الماضي.", "ar", "2015-07-21", []string{"rejection رفض 2015-06"}},
		{"en approval", "The council approved the plan on Monday.", "en", "2015-07-21", []string{"decision approved 2015-07-20"}},
		{"ar opening", "افتتح الأمير المستشفى الجديد يوم الأحد.", "ar", "2015-07-21", []string{"launch افتتح 2015-07-19"}},
		{"en opening", "The mayor inaugurated the bridge on Sunday.", "en", "2015-07-21", []string{"launch inaugurated 2015-07-19"}},
		{"ar reception", "استقبل الملك الوفد أمس في قصره.", "ar", "2015-07-21", []string{"meeting استقبل 2015-07-20"}},
		{"ar speech", "ألقى الرئيس خطابا أمام البرلمان الخميس.", "ar", "2015-07-21", []string{"speech خطابا 2015-07-16"}},
		{"ar match", "تعادل الفريق مع ضيفه أمس في الدوري.", "ar", "2015-07-21", []string{"match تعادل 2015-07-20"}},
		{"en vote", "Lawmakers voted on Thursday to approve the budget.", "en", "2015-07-21", []string{"election voted 2015-07-16"}},
		{"ar accident", "أصيب خمسة إثر انقلاب سيارتهم صباح أمس.", "ar", "2015-07-23", []string{"incident انقلاب 2015-07-22"}},
		{"en accident", "A bus crashed on Sunday near the border.", "en", "2015-07-21", []string{"disaster crashed 2015-07-19"}},
		{"ar trial", "بدأت محاكمة المتهمين يوم الأحد.", "ar", "2015-07-21", []string{"trial محاكمة 2015-07-19"}},
		{"en ruling", "A court convicted the former mayor on Friday.", "en", "2015-07-21", []string{"ruling convicted 2015-07-17"}},
		{"ar protest", "خرجت تظاهرات في المدينة أمس الأحد.", "ar", "2015-07-21", []string{"protest تظاهرات 2015-07-19"}},
		// A saying verb is a happening only when the text dates it.
		{"ar dated statement", "أكدت الوزارة أمس أن الطرق آمنة.", "ar", "2015-07-21", []string{"statement أكدت 2015-07-20"}},
		{"ar undated statement", "قال الوزير إن الطرق آمنة.", "ar", "2015-07-21", nil},
		// Every date of a sentence reaches a trigger.
		{"ar two dates one trigger", "تقام البطولة في الفترة من 25 يوليو إلى 2 أغسطس المقبلين.", "ar", "2015-07-21",
			[]string{"match البطولة 2015-07-25", "match البطولة 2015-08-02"}},
		// Starting and ending are happenings only when dated.
		{"ar dated end", "لديه عقد سينتهي في يونيو 2018.", "ar", "2015-07-21", []string{"end سينتهي 2018-06"}},
		{"ar undated end", "الاتفاق على وشك الانتهاء.", "ar", "2015-07-21", []string{"agreement الاتفاق "}},
		{"en dated start", "The season starts next month.", "en", "2015-07-21", []string{"start starts 2015-08"}},
		// A date that holds another of its sentence frames it and dates
		// nothing.
		{"ar framing year", "الحريق الأكثر خطورة العام الحالي اندلع في نهاية يونيو.", "ar", "2015-08-03",
			[]string{"fire الحريق ", "war اندلع 2015-06"}},
		{"en framing year", "In 2014, on March 3, the plant was inaugurated.", "en", "2015-07-21", []string{"launch inaugurated 2014-03-03"}},
		// A trigger word inside a capitalised name names no happening.
		{"en name", "The Federal Election Commission reported on Tuesday.", "en", "2016-02-04", []string{"announcement reported 2016-02-02"}},
		{"en name first word", "Election officials met on Tuesday.", "en", "2016-02-04", []string{"election Election ", "meeting met 2016-02-02"}},
		// A possessive date belongs to the noun after it.
		{"en possessive", "Obama said today's vote mattered.", "en", "2016-09-20", []string{"election vote 2016-09-20"}},
		// A week is no day: the event stays undated.
		{"ar week", "اجتمع المجلس الأسبوع الماضي.", "ar", "2015-07-21", []string{"meeting اجتمع "}},
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
		"attack": "attack", "قال": "statement", "الحكومة": "",
	} {
		if got, _ := eventTriggers.kindOf(NormalizeArabic(w)); got != want {
			t.Errorf("kindOf(%q) = %q; want %q", w, got, want)
		}
	}
}

func TestEventIDsOfOneTrigger(t *testing.T) {
	text := "تقام البطولة في الفترة من 25 يوليو إلى 2 أغسطس المقبلين."
	x := Extract(Article{ID: "t", Text: text, Language: "ar", Published: day("2015-07-21")})
	var ids []string
	for _, e := range x.Events {
		ids = append(ids, e.ID+" "+e.Date)
	}
	want := []string{"e5-12 2015-07-25", "e5-12-2 2015-08-02"}
	if strings.Join(ids, "|") != strings.Join(want, "|") {
		t.Errorf("Extract(%q) events = %q; want %q", text, ids, want)
	}
}
