package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// timeValues returns the values of the dates found in text.
func timeValues(tb testing.TB, text, lang, published string) []string {
	tb.Helper()
	a := Article{ID: "t", Text: text, Language: lang}
	if published != "" {
		a.Published = day(published)
	}
	var out []string
	for _, tm := range findTimes(newDocument(a)) {
		out = append(out, tm.Value)
	}
	return out
}

func TestFindTimes(t *testing.T) {
	tests := []struct {
		name, text, lang, published string
		want                        []string
	}{
		// Arabic, absolute.
		{"ar ordinal day", "اندلعت الحرب في السابع من أكتوبر 2023 بين الطرفين", "ar", "2025-10-07", []string{"2023-10-07"}},
		{"ar ordinal teen", "وصل الوفد في الثالث عشر من شباط", "ar", "2013-02-20", []string{"2013-02-13"}},
		{"ar levantine month", "الاثنين 18 شباط", "ar", "2013-02-12", []string{"2013-02-18"}},
		{"ar two-word month", "في الثاني من كانون الثاني 2014", "ar", "2015-01-01", []string{"2014-01-02"}},
		{"ar month slash", "قمة في كانون الاول/ديسمبر المقبل", "ar", "2015-08-03", []string{"2015-12"}},
		{"ar month year", "ستمدد حتى مارس 2017 مشاركتها", "ar", "2015-08-05", []string{"2017-03"}},
		{"ar year with era", "يزور الأرض عام 2122م", "ar", "2015-08-10", []string{"2122"}},
		{"ar year by", "بحلول 2030 مقارنة", "ar", "2015-08-03", []string{"2030"}},
		{"ar end of month", "اندلع في نهاية يونيو", "ar", "2015-08-03", []string{"2015-06"}},
		{"ar mid month", "منتصف اذار", "ar", "2013-02-12", []string{"2013-03-15"}}, // the nearest March
		{"ar weekday day month", "الخميس 15 اغسطس", "ar", "2013-02-12", []string{"2013-08-15"}},
		{"ar muwafiq", "الاربعاء الموافق الثالث عشر من شباط 2013", "ar", "2013-02-12", []string{"2013-02-13"}},
		{"ar this month's day", "الثلاثاء التاسع عشر من هذا الشهر", "ar", "2013-02-12", []string{"2013-02-19"}},
		{"ar current month", "في 29 من يوليو الجاري", "ar", "2015-07-20", []string{"2015-07-29"}},
		{"ar nth weekday", "ثالث ثلاثاء في ايلول في سنة 2014", "ar", "2013-02-12", []string{"2014-09-16"}},
		{"ar last day", "اخر يوم بشهر عشرة سنة 2015", "ar", "2013-02-12", []string{"2015-10-31"}},
		// Arabic, relative.
		{"ar today", "للكشف الطبي اليوم تمهيدا", "ar", "2015-08-03", []string{"2015-08-03"}},
		{"ar yesterday", "وذكرت تقارير بريطانية أمس أن", "ar", "2015-08-03", []string{"2015-08-02"}},
		{"ar day before yesterday", "قبل أمس", "ar", "2015-08-03", []string{"2015-08-01"}},
		{"ar day after tomorrow", "بعد غد", "ar", "2015-08-03", []string{"2015-08-05"}},
		{"ar weekday past", "توجها إلى مصر يوم الثلاثاء", "ar", "2025-10-07", []string{"2025-10-07"}},
		{"ar weekday before", "شارك الآلاف الأحد", "ar", "2015-08-03", []string{"2015-08-02"}},
		{"ar weekday last", "بعد الفوز يوم الخميس الماضي", "ar", "2015-08-03", []string{"2015-07-30"}},
		{"ar weekday next", "الثلاثاء القادم", "ar", "2013-02-12", []string{"2013-02-19"}},
		{"ar weekday future verb", "سيزور الرئيس القاهرة الخميس", "ar", "2015-08-03", []string{"2015-08-06"}},
		{"ar last week's weekday", "ثلاثاء الاسبوع الفائت", "ar", "2013-02-12", []string{"2013-02-05"}},
		{"ar last month", "الشهر الماضي", "ar", "2013-02-12", []string{"2013-01"}},
		{"ar this year", "هذا العام", "ar", "2015-08-03", []string{"2015"}},
		{"ar a year ago", "تقدم به قبل عام", "ar", "2015-08-03", []string{"2014"}},
		{"ar a week ago", "قبل اسبوع", "ar", "2013-02-12", []string{"2013-02-05"}},
		{"ar two days ago", "منذ يومين", "ar", "2013-02-12", []string{"2013-02-10"}},
		// Hijri.
		{"hijri last", "توفي في 19 رمضان الماضي", "ar", "2015-08-06", []string{"2015-07-06"}},
		{"hijri numeric", "في 19 / 9 / 1436هـ", "ar", "2015-08-06", []string{"2015-07-06"}},
		{"hijri weekday snap", "فجر الخميس 28 شوال", "ar", "2015-08-10", []string{"2015-08-13"}},
		{"hijri with year", "يوم الخميس 21 شوال 1436هـ", "ar", "2015-07-20", []string{"2015-08-06"}},
		{"hijri muwafiq", "1 رمضان 1436هـ الموافق 18 يونيو 2015م", "ar", "2015-08-06", []string{"2015-06-18"}},
		// English.
		{"en full", "It broke out on April 14, 2015, officials said.", "en", "2016-01-01", []string{"2015-04-14"}},
		{"en numeric us", "10/31/1974", "en", "2013-02-12", []string{"1974-10-31"}},
		{"en iso", "2015-03-03", "en", "2013-02-12", []string{"2015-03-03"}},
		{"en dmy abbr", "31-Oct-74", "en", "2013-02-12", []string{"1974-10-31"}},
		{"en in year", "in 2014", "en", "2013-02-12", []string{"2014"}},
		{"en yesterday", "He said yesterday that", "en", "2013-02-12", []string{"2013-02-11"}},
		{"en weekday", "The talks began on Tuesday.", "en", "2013-02-14", []string{"2013-02-12"}},
		{"en weekday future", "He will travel on Tuesday.", "en", "2013-02-14", []string{"2013-02-19"}},
		{"en last week's", "last week's sunday", "en", "2013-02-12", []string{"2013-02-10"}},
		{"en days ago", "three weeks ago", "en", "2013-02-12", []string{"2013-01-22"}},
		{"en nth weekday", "first tuesday of october", "en", "2013-02-12", []string{"2012-10-02"}},
		{"en last weekday year", "last Sunday of March 2014", "en", "2013-02-12", []string{"2014-03-30"}},
		{"en fridays from now", "3 fridays from now", "en", "2013-02-15", []string{"2013-03-08"}},
		{"en day after tomorrow", "the day after tomorrow", "en", "2013-02-12", []string{"2013-02-14"}},
		{"en last month", "Sales fell last month.", "en", "2013-02-12", []string{"2013-01"}},
		// Negatives.
		{"phone", "at 650-650-6500", "en", "2013-02-12", nil},
		{"two numbers", "3 30", "en", "2013-02-12", nil},
		{"number words", "two three", "en", "2013-02-12", nil},
		{"this one", "this one", "en", "2013-02-12", nil},
		{"secretary", "secretary", "en", "2013-02-12", nil},
		{"second", "I second that", "en", "2013-02-12", nil},
		{"may", "It may rain.", "en", "2013-02-12", nil},
		{"9/11", "after 9/11 the law changed", "en", "2013-02-12", nil},
		{"ar one of", "مقتل أحد رجال الإطفاء", "ar", "2015-08-03", nil},
		{"ar score", "بعد فوز سان جيرمان 2 - صفر", "ar", "2015-08-03", nil},
		{"ar name with year", "في «كوبا أميركا 2015»", "ar", "2015-08-03", nil},
		{"ar reference number", "برقم \"6/10994\"", "ar", "2015-08-03", nil},
		{"ar recurring", "ما بين 23 يوليو و29 أغسطس من كل عام", "ar", "2015-08-10", nil},
		{"ar a few days ago", "قبل أيام", "ar", "2015-08-03", nil},
		// A relative day named by its weekday: the weekday wins, the day
		// nearest the relative one («أمس السبت» in a Tuesday paper).
		{"ar yesterday named", "غادر الوفد أمس السبت إلى جدة", "ar", "2015-07-21", []string{"2015-07-18"}},
		{"ar day before yesterday named", "وقعت الحادثة أول من أمس الأحد", "ar", "2015-07-22", []string{"2015-07-19"}},
		{"ar yesterday first", "تظاهروا أمس الأول في المدينة", "ar", "2015-07-21", []string{"2015-07-19"}},
		{"ar yesterday first quoted", "فرقت الشرطة المتظاهرين أمس الأول \"السبت\" في المدينة", "ar", "2015-07-21", []string{"2015-07-18"}},
		{"ar tomorrow named", "تغادر يوم غد -الاثنين- البعثة", "ar", "2015-07-21", []string{"2015-07-20"}},
		{"ar today named", "يصل اليوم الاثنين الوفد", "ar", "2015-07-21", []string{"2015-07-20"}},
		{"en yesterday named", "He left yesterday, Monday, for Paris", "en", "2015-07-21", []string{"2015-07-20"}},
		// One month in two calendars' names is one date.
		{"ar month synonyms", "انضم إلى النادي في يوليو تموز الماضي", "ar", "2015-07-21", []string{"2014-07"}},
		{"ar month gloss", "افتتح في 3 آب (أغسطس) 2014 المعرض", "ar", "2015-07-21", []string{"2014-08-03"}},
		// With no tense and no qualifier, the nearest reading.
		{"ar until nearest", "يستمر المعرض حتى 20 سبتمبر", "ar", "2015-07-21", []string{"2015-09-20"}},
		{"ar month nearest past", "افتتح المصنع في مارس", "ar", "2015-07-21", []string{"2015-03"}},
		{"en month nearest future", "The summit opens in December", "en", "2015-07-21", []string{"2015-12"}},
		{"en month nearest past", "The plant opened in February", "en", "2015-07-21", []string{"2015-02"}},
		// Parts of a day, and this week's weekday.
		{"en last night", "He spoke last night", "en", "2015-07-21", []string{"2015-07-20"}},
		{"en tonight", "He will speak tonight", "en", "2015-07-21", []string{"2015-07-21"}},
		{"en this morning", "She spoke this morning", "en", "2015-07-21", []string{"2015-07-21"}},
		{"en this friday", "The talks resume this Friday", "en", "2015-07-21", []string{"2015-07-24"}},
		{"ar last night", "وقع الانفجار الليلة الماضية", "ar", "2015-07-21", []string{"2015-07-20"}},
		{"ar tonight", "يلقي الرئيس خطابا الليلة", "ar", "2015-07-21", []string{"2015-07-21"}},
		{"en today's", "Obama said today's vote mattered", "en", "2016-09-20", []string{"2016-09-20"}},
		{"en yesterday's", "Yesterday's vote and tomorrow's debate", "en", "2016-09-20", []string{"2016-09-19", "2016-09-21"}},
		{"en tomorrow a noun", "Clinton spoke of a brighter tomorrow", "en", "2016-09-20", nil},
		// Words of plans and schedules turn a weekday forward.
		{"en ahead of", "Lawmakers met ahead of the vote on Tuesday", "en", "2015-07-22", []string{"2015-07-28"}},
		{"en expected", "The vote, expected on Friday, will be close", "en", "2015-07-22", []string{"2015-07-24"}},
		{"en past weekday", "The vote on Friday was close", "en", "2015-07-22", []string{"2015-07-17"}},
		{"ar awaited", "يعقد المجلس اجتماعه المرتقب يوم الأحد", "ar", "2015-07-22", []string{"2015-07-26"}},
		{"ar intends", "تعتزم الحكومة طرح المشروع يوم الخميس", "ar", "2015-07-22", []string{"2015-07-23"}},
		// An English verb in the past turns an unmarked month back.
		{"en past month", "He visited Cuba in December", "en", "2016-09-20", []string{"2015-12"}},
		{"en past day month", "The vote was held on March 3", "en", "2016-09-20", []string{"2016-03-03"}},
		{"en reported present", "Officials said the plant opens in December", "en", "2016-09-20", []string{"2016-12"}},
		// A year given once serves the other end of a range and a later
		// mention of the same day.
		{"ar range plural qualifier", "تقام الدورة من 25 ديسمبر إلى 2 يناير المقبلين", "ar", "2015-03-01", []string{"2015-12-25", "2016-01-02"}},
		{"en range year at end", "The festival runs from December 25 to January 2, 2016", "en", "2015-03-01", []string{"2015-12-25", "2016-01-02"}},
		{"ar same day later", "حددت اللجنة يوم 26 فبراير 2016 موعدا. وقال إن الجمعية في 26 فبراير", "ar", "2015-07-21", []string{"2016-02-26", "2016-02-26"}},
		{"en year opens sentence", "In 2014, on March 3, the plant opened", "en", "2015-07-21", []string{"2014", "2014-03-03"}},
		{"ar year opens sentence", "في عام 2013، وتحديدا في 20 نوفمبر، افتتح المصنع", "ar", "2015-07-21", []string{"2013", "2013-11-20"}},
		{"signed fraction", "تراجع بنسبة -١٢/١٠", "ar", "2013-02-12", nil},
		{"en decade", "his record in the early 2000s and the 1990s", "en", "2015-07-21", nil},
		// Durations after a narrated event are no dates.
		{"ar days after an event", "استقال بعد أربعة أيام على فوزه", "ar", "2015-07-21", nil},
		{"ar a month after only", "تأتي المقترحات بعد شهر فحسب من قول الحكومة", "ar", "2015-07-21", nil},
		{"ar years narrated", "رحل عن النادي بعد 17 عاما قضاها فيه", "ar", "2015-07-21", nil},
		{"ar after future", "سيعود الوفد بعد شهرين", "ar", "2015-07-21", []string{"2015-09-21"}},
		{"ar two percent", "ارتفع التضخم فوق مستوى الاثنين في المائة", "ar", "2015-07-21", nil},
		// next/this/following + unit; a week is its Monday.
		{"en next week", "The vote is scheduled for next week", "en", "2015-07-21", []string{"2015-07-27"}},
		{"en this week", "Prices rose this week", "en", "2015-07-21", []string{"2015-07-20"}},
		{"en the following week", "They will meet the following week", "en", "2015-07-21", []string{"2015-07-27"}},
		{"en the following month", "The following month he resigned", "en", "2015-07-21", []string{"2015-08"}},
		{"en following year", "Elections are due the following year", "en", "2015-07-21", []string{"2016"}},
		{"en the last year", "It was activated five times in the last year", "en", "2015-07-21", nil},
		{"en the week alone", "The week was long", "en", "2015-07-21", nil},
		{"ar next week", "يصوت البرلمان الأسبوع المقبل على القانون", "ar", "2015-07-21", []string{"2015-07-27"}},
		{"ar this week", "اجتمع المجلس هذا الأسبوع", "ar", "2015-07-21", []string{"2015-07-20"}},
		{"ar next month", "سيبدأ الموسم الشهر القادم", "ar", "2015-07-21", []string{"2015-08"}},
		{"ar following year", "تجري الانتخابات في السنة التالية", "ar", "2015-07-21", []string{"2016"}},
		// No reference date: relative expressions yield nothing.
		{"no published relative", "أمس الخميس", "ar", "", nil},
		{"no published absolute", "في السابع من أكتوبر 2023", "ar", "", []string{"2023-10-07"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := timeValues(t, tt.text, tt.lang, tt.published)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findTimes(%q) = %v; want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindTimesSpan(t *testing.T) {
	text := "جاءت المباحثات على خلفية الحرب التي اندلعت في السابع من أكتوبر 2023 بين حماس وإسرائيل"
	got := findTimes(newDocument(Article{Text: text, Language: "ar", Published: day("2025-10-07")}))
	if len(got) != 1 {
		t.Fatalf("findTimes(%q) = %v; want one date", text, got)
	}
	if want := "في السابع من أكتوبر 2023"; got[0].Text != want || got[0].Grain != Day {
		t.Errorf("findTimes(%q) = %q (%v); want %q (day)", text, got[0].Text, got[0].Grain, want)
	}
	if s := string([]rune(text)[got[0].Span.Start:got[0].Span.End]); s != got[0].Text {
		t.Errorf("span %v holds %q; want %q", got[0].Span, s, got[0].Text)
	}
}

func FuzzTimes(f *testing.F) {
	for _, s := range []string{
		"في السابع من أكتوبر 2023", "الخميس 28 شوال", "19 / 9 / 1436هـ", "last Sunday of March 2014",
		"3 fridays from now", "Wed, Feb13", "31-Oct-74", "اليوم الي بعد بكرة", "ـ ـ", "Feb1 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := newDocument(Article{Text: text, Published: day("2015-08-06")})
		for _, tm := range findTimes(d) {
			if tm.Span.Start < 0 || tm.Span.End > len(d.runes) || tm.Span.Start >= tm.Span.End {
				t.Fatalf("findTimes(%q): span %v outside the text", text, tm.Span)
			}
			if tm.Value == "" || tm.Text != d.slice(tm.Span) {
				t.Fatalf("findTimes(%q) = %+v", text, tm)
			}
		}
	})
}

func BenchmarkFindTimes(b *testing.B) {
	text := strings.Repeat("وأعلن جهاز مكافحة الحرائق في كاليفورنيا في بيان الأحد أنه منذ مساء الخميس ضربت آلاف الصواعق المنطقة. "+
		"The talks began on Tuesday, April 14, 2015, officials said. ", 50)
	d := newDocument(Article{Text: text, Published: day("2015-08-03")})
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		findTimes(d)
	}
}
