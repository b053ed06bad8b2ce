package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFigures(t *testing.T) {
	tests := []struct {
		text    string
		value   float64
		approx  bool
		qual    Qualifier
		subject string // a word the subject must hold; "" for none
		measure string
		unit    string
	}{
		{"وأسفرت عن مقتل نحو 12 ألف فلسطيني وفقًا لتقديرات أولية.", 12000, true, About, "فلسطيني", "killed", "person"},
		{"وبلغ عدد الفلسطينيين الذين قتلوا في غزة 1926، وفقا لوزارة الصحة.", 1926, false, Exact, "", "", ""},
		{"تم اقتياد 251 شخصًا كرهائن إلى غزة.", 251, false, Exact, "شخصًا", "hostages", "person"},
		{"انتقل إلى باريس سان جيرمان مقابل 45 مليون جنيه إسترليني.", 45e6, false, Exact, "مليون جنيه إسترليني", "money", "GBP"},
		{"أجبرت ستة آلاف شخص على الأقل على إخلاء منازلهم.", 6000, false, AtLeast, "شخص", "count", "person"},
		{"وأكد أن أكثر من 1500 مدرسة دمرت.", 1500, false, MoreThan, "مدرسة", "destroyed", ""},
		{"أحرق حوالي 186 كيلومترا مربعا منذ الأربعاء.", 186, true, About, "كيلومترا مربعا", "area", "km2"},
		{"ويشارك في إخماده ألفا رجل إطفاء.", 2000, false, Exact, "رجل إطفاء", "count", "person"},
		{"الجناح البالغ من العمر 27 عاما انضم.", 27, false, Exact, "عاما", "age", "year"},
		{"لم تتم السيطرة عليه سوى بنسبة خمسة بالمائة.", 5, false, Exact, "بالمائة", "percent", "percent"},
		{"فان الحرائق الـ21 هذه أحرقت الكثير.", 21, false, Exact, "الحرائق", "count", ""},
		{"وتم التحفظ على المعتدين الثلاثة وإيقافهم.", 3, false, Exact, "المعتدين", "count", ""},
		{"ستمدد لعام واحد أي حتى مارس 2017 مشاركتها.", 1, false, Exact, "لعام", "", "year"},
		{"واستمر البحث أسبوعين.", 2, false, Exact, "أسبوعين", "duration", "week"},
		{"وتألق في أول أربع مباريات.", 4, false, Exact, "مباريات", "count", ""},
		{"وكان بين المصابين طفلان.", 2, false, Exact, "طفلان", "injured", "person"},
		{"The plant will cut 156,000 jobs by 2026.", 156000, false, Exact, "jobs", "jobs", ""},
		{"Officials said at least 300 people were killed.", 300, false, AtLeast, "people", "count", "person"},
		{"It raised more than $5 million.", 5e6, false, MoreThan, "", "money", "USD"},
		{"Turnout was roughly 40 percent.", 40, true, About, "percent", "percent", "percent"},
		{"One soldier was wounded.", 1, false, Exact, "soldier", "", ""},
		{"زار المعرض نحو نصف مليون شخص.", 500000, true, About, "شخص", "", "person"},
		{"بلغت الكلفة مليون ونصف ريال.", 1.5e6, false, Exact, "ريال", "money", "SAR"},
		{"وارتفع الإسترليني إلى 5647.\u200f1 دولار.", 1.5647, false, Exact, "دولار", "", "USD"},
		{"The fund lost two and a half million dollars.", 2.5e6, false, Exact, "", "money", "USD"},
		{"Sales reached 2½ million units.", 2.5e6, false, Exact, "units", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			x := Extract(Article{ID: "t", Text: tt.text})
			if len(x.Figures) != 1 {
				t.Fatalf("Extract(%q) gave %d figures %+v; want 1", tt.text, len(x.Figures), x.Figures)
			}
			f := x.Figures[0]
			if f.Value != tt.value || f.Approximate != tt.approx || f.Qualifier != tt.qual {
				t.Errorf("figure in %q = %v approx %v qual %v; want %v approx %v qual %v", tt.text, f.Value, f.Approximate, f.Qualifier, tt.value, tt.approx, tt.qual)
			}
			if tt.subject != "" && !strings.Contains(f.Subject, tt.subject) {
				t.Errorf("subject in %q = %q; want it to hold %q", tt.text, f.Subject, tt.subject)
			}
			if tt.measure != "" && f.Measure != tt.measure {
				t.Errorf("measure in %q = %q; want %q", tt.text, f.Measure, tt.measure)
			}
			if f.Unit != tt.unit {
				t.Errorf("unit in %q = %q; want %q", tt.text, f.Unit, tt.unit)
			}
		})
	}
}

func TestNotFigures(t *testing.T) {
	for _, text := range []string{
		"اندلعت الحرب في عام 2023 بين الطرفين.",
		"وبلغ عدد الزوار في عام 2019، مئات الآلاف.",
		"وقعت الحادثة في 19 رمضان الماضي.",
		"تشغيل السرب رقم 12 في العراق.",
		"أحيلت القضية برقم \"6/10994\" في \"19 / 9 / 1436هـ\".",
		"يتوقع زيارته لنا عام 2122م.",
		"هذه واحدة من أكثر المحاولات جدية.",
		"أطلق اوباما اليوم الاثنين خطة.",
		"ودمرت عشرات المنازل.",
		"وقال الوزير في مقابلة مع قناة فرانس 24 إن الخطة جاهزة.",
		"وتخرج طلاب الدورة الخامسة والثلاثين من المعهد.",
		"وانطلقت النسخة الحادية عشرة من المهرجان.",
		"ويستعد المهرجان لاستقبال الزوار في نسخته 12 هذا الصيف.",
		"See Article 5 of the treaty.",
		"Call 650-650-6500 now.",
		"He came third in the 3rd race.",
		"Dozens of people gathered.",
		"The meeting is at 10:30 today.",
		"This is the one.",
		"وصلت الوفود إلى القاعة في وقت واحد.",
		"At one time the party held every seat.",
		"Trump tweeted https://t.co/x 747986907162878000 on Tuesday.",
		"اتصلوا على الرقم 0501234567 للاستفسار.",
		"تأهل الفريق إلى نصف النهائي.",
		"ارتفعت الأرباح في الربع الأول من العام.",
		"استغرقت الرحلة ساعة ونصف.",
		"He scored in the first half.",
		"He seeks a third term in office.",
		"The senator won a fifth term.",
		"وصل الوفد قبل يومين من الانتخابات.",
		"وسيعلن قراره في غضون أسبوعين.",
		"وسيتخذ قراره في الأسبوعين المقبلين.",
		"وتكون المدينة ابتداء من العام المقبل 1437 مدينة للمهرجانات.",
	} {
		x := Extract(Article{ID: "t", Text: text})
		if len(x.Figures) != 0 {
			t.Errorf("Extract(%q) gave figures %+v; want none", text, x.Figures)
		}
	}
}

func TestFigureSourceFromStatement(t *testing.T) {
	text := "وقال المتحدث إن 40 شخصا قتلوا."
	d := newDocument(Article{Text: text, Language: "ar"})
	content := Span{strings.Index(text, "40"), utf8.RuneCountInString(text)}
	content.Start = utf8.RuneCountInString(text[:content.Start])
	st := []Statement{{ID: "s1", SpeakerID: "spokesman", SpeakerText: "المتحدث", ContentSpan: content}}
	figs := findFigures(d, newActorTable(d), st, nil)
	if len(figs) != 1 || figs[0].SourceID != "spokesman" || figs[0].StatementID != "s1" {
		t.Fatalf("findFigures(%q) = %+v; want one figure sourced to the statement's speaker", text, figs)
	}
}

func FuzzFigures(f *testing.F) {
	for _, s := range []string{
		"مقتل نحو 12 ألف فلسطيني", "-١٢/١٠", "twenty-one thousand eleven", ".77", "٫٧٧",
		"forty-five (45)", "1,2,3", "a couple of", "خمسمائة و خمسة و عشرون", "2 - صفر", "$5m", "- -",
		"الحرائق الـ21", "من 40 إلى 45 يوماً", "(", "و", "point", "فاصلة", "ـ0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		x := Extract(Article{ID: "f", Text: s})
		n := utf8.RuneCountInString(s)
		for _, fg := range x.Figures {
			if fg.Span.Start < 0 || fg.Span.End > n || fg.Span.Start >= fg.Span.End {
				t.Errorf("figure span %v outside text of %d runes: %q", fg.Span, n, s)
			}
		}
	})
}

func TestFiguresMatchScore(t *testing.T) {
	tests := []struct {
		text    string
		values  []float64
		subject string
	}{
		{"وقال بلان بعد فوز سان جيرمان على مانشستر يونايتد 2 - صفر يوم الخميس.", []float64{2, 0}, "فوز سان جيرمان على مانشستر يونايتد"},
		{"فاز الهلال على النصر بنتيجة 3-1 في المباراة.", []float64{3, 1}, "فاز الهلال على النصر"},
		{"Arsenal beat Chelsea 3-1 on Saturday.", []float64{3, 1}, "beat Chelsea"},
		{"وتستغرق الفحوص من 40 إلى 45 يوما.", []float64{40, 45}, ""},
	}
	for _, tt := range tests {
		d := newDocument(Article{ID: "t", Text: tt.text, Language: "ar"})
		figs := findFigures(d, newActorTable(d), nil, nil)
		var got []float64
		for _, f := range figs {
			got = append(got, f.Value)
			if tt.subject != "" && (f.Subject != tt.subject || f.Measure != "score") {
				t.Errorf("%q: figure %v subject %q measure %q; want %q, score", tt.text, f.Value, f.Subject, f.Measure, tt.subject)
			}
			if tt.subject == "" && f.Measure == "score" {
				t.Errorf("%q: %v read as a score", tt.text, f.Value)
			}
		}
		if len(got) != len(tt.values) || len(got) == 2 && (got[0] != tt.values[0] || got[1] != tt.values[1]) {
			t.Errorf("%q: figures %v; want %v", tt.text, got, tt.values)
		}
	}
}

// TestFigureSubjectOrder checks that a subject made of a cue word before
// the number and the noun after it keeps the words in their written order.
func TestFigureSubjectOrder(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"The strike led to the killing of 30 people, officials said.", "killing people"},
		{"The army reported the deaths of 40 soldiers.", "deaths soldiers"},
		{"أدى القصف إلى مقتل 30 شخصا.", "مقتل شخصا"},
		{"وأسفر الهجوم عن استشهاد 12 فلسطينيا.", "استشهاد فلسطينيا"},
	} {
		x := Extract(Article{ID: "a", Text: tt.text})
		if len(x.Figures) != 1 || x.Figures[0].Subject != tt.want {
			t.Errorf("Extract(%q) figures = %+v; want one whose subject is %q", tt.text, x.Figures, tt.want)
		}
	}
}
