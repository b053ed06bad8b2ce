package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func pubDay(tb testing.TB, s string) time.Time {
	tb.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// actorsOf returns the actor table of one article.
func actorsOf(tb testing.TB, id, text, published string) *actorTable {
	tb.Helper()
	a := Article{ID: id, Text: text}
	if published != "" {
		a.Published = pubDay(tb, published)
	}
	return newActorTable(newDocument(a))
}

// idAt returns the actor that resolve gives for the first occurrence of
// phrase in text.
func idAt(tb testing.TB, t *actorTable, phrase string, hint ActorKind) string {
	tb.Helper()
	i := strings.Index(t.d.text, phrase)
	if i < 0 {
		tb.Fatalf("%q not in text", phrase)
	}
	start := utf8.RuneCountInString(t.d.text[:i])
	return t.resolve(Span{start, start + utf8.RuneCountInString(phrase)}, hint)
}

func TestActorsRoleByDate(t *testing.T) {
	tests := []struct {
		text, published, phrase, want string
	}{
		{"وأوضح الرئيس الأمريكي أنه سيناقش التطورات", "2025-10-07", "الرئيس الأمريكي", "donald-trump"},
		{"وأوضح الرئيس الأمريكي أنه سيناقش التطورات", "2015-08-03", "الرئيس الأمريكي", "barack-obama"},
		{"وقال الرئيس الأميركي إن الخطة جاهزة", "2022-03-01", "الرئيس الأميركي", "joe-biden"},
		{"مع رئيس الوزراء الكندي مارك كارني", "2025-10-07", "رئيس الوزراء الكندي", "mark-carney"},
		{"التقى رئيس الوزراء الكندي في أوتاوا", "2019-05-01", "رئيس الوزراء الكندي", "justin-trudeau"},
		{"وقالت رئيسة الوزراء البريطانية إن", "2017-06-01", "رئيسة الوزراء البريطانية", "theresa-may"},
		{"أكد وزير الخارجية السعودي أن", "2016-02-01", "وزير الخارجية السعودي", "adel-al-jubeir"},
		{"أكد وزير الخارجية السعودي أن", "2021-02-01", "وزير الخارجية السعودي", "faisal-bin-farhan"},
		{"وقال الأمين العام للأمم المتحدة إن", "2015-02-01", "الأمين العام للأمم المتحدة", "ban-ki-moon"},
		{"Secretary of State said on Monday", "2015-11-11", "Secretary of State", "john-kerry"},
		{"The British prime minister said", "2020-01-01", "British prime minister", "boris-johnson"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase+"/"+tt.published, func(t *testing.T) {
			tab := actorsOf(t, "a1", tt.text, tt.published)
			if got := idAt(t, tab, tt.phrase, KindPerson); got != tt.want {
				t.Errorf("resolve(%q) on %s = %q; want %q", tt.phrase, tt.published, got, tt.want)
			}
		})
	}
}

// TestActorsDeputyIsNotTheHolder: a deputy's title holds the office's
// title, but names the deputy, not the office holder.
func TestActorsDeputyIsNotTheHolder(t *testing.T) {
	tests := []struct {
		text, phrase, want string
	}{
		// A known name after the deputy's title: the title is that person's.
		{"قام نائب الرئيس العراقي نوري المالكي بمواصلة حملته على الحكومة", "نائب الرئيس العراقي", "nouri-al-maliki"},
		// An unknown name: the title is the new person's, not the president's.
		{"وهاجم نائب الرئيس العراقي سالم الحداد الحكومة", "نائب الرئيس العراقي", "name:سالم-الحداد"},
		{"وقال مستشار الرئيس الأمريكي كريم العتيبي إن", "مستشار الرئيس الأمريكي", "name:كريم-العتيبي"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			tab := actorsOf(t, "a1", tt.text, "2015-07-22")
			if got := idAt(t, tab, tt.phrase, KindPerson); got != tt.want {
				t.Errorf("resolve(%q) in %q = %q; want %q", tt.phrase, tt.text, got, tt.want)
			}
			for _, a := range tab.list() {
				if a.ID == "fuad-masum" || a.ID == "barack-obama" {
					t.Errorf("%q names %s, the holder of the office, not the deputy", tt.text, a.ID)
				}
			}
		})
	}
}

// TestActorsBareKingdom: «المملكة» alone names the kingdom the article is
// about.
func TestActorsBareKingdom(t *testing.T) {
	tests := []struct {
		name, text, phrase, want string
	}{
		{"default", "وأكد الخبير أن الاستثمار في المملكة يتزايد", "المملكة", "saudi-arabia"},
		{"named in full", "ووصل الوفد إلى المملكة المغربية أمس، وقال رئيسه إن المملكة شريك مهم", "المملكة شريك", "morocco"},
		{"named by name", "التقى الوزير نظيره في الأردن، وأشاد بدور المملكة في المنطقة", "المملكة في", "jordan"},
		{"nationality after it", "وتعمل المملكة الأردنية على خطة جديدة", "المملكة الأردنية", "jordan"},
		{"United Kingdom", "وقالت المملكة المتحدة إن", "المملكة المتحدة", "united-kingdom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := actorsOf(t, "a1", tt.text, "2015-07-22")
			if got := idAt(t, tab, tt.phrase, KindPlace); got != tt.want {
				t.Errorf("resolve(%q) in %q = %q; want %q", tt.phrase, tt.text, got, tt.want)
			}
		})
	}
}

// TestActorsCompoundGivenNames: «بهاء الدين» is a given name, not a surname
// that refers back, and it goes on to its patronymic.
func TestActorsCompoundGivenNames(t *testing.T) {
	text := "وقال المحلل السياسي ماجد بهاء الدين إن الزيارة مهمة. وقال الصحافي المقيم بالقاهرة، نصر الدين بن حديد، إن العلاقات باردة."
	tab := actorsOf(t, "a1", text, "2015-07-22")
	majed := idAt(t, tab, "ماجد بهاء الدين", KindPerson)
	nasr := idAt(t, tab, "نصر الدين بن حديد", KindPerson)
	if majed == "" || majed == nasr {
		t.Errorf("ماجد بهاء الدين = %q, نصر الدين بن حديد = %q; want two people", majed, nasr)
	}
	for _, a := range tab.list() {
		if a.ID == nasr && a.Name != "نصر الدين بن حديد" {
			t.Errorf("%s named %q; want the whole name", nasr, a.Name)
		}
	}
}

// TestActorsPossessedWordsAreNotNames: a word with a joined pronoun after
// the feminine ت, a preposition with a pronoun or a number word is the
// sentence's, not part of a name.
func TestActorsPossessedWordsAreNotNames(t *testing.T) {
	for _, text := range []string{
		"وأبدى المهاجم الدولي كريم رغبته في البقاء مع فريقه.",
		"وقال المدرب إن اللاعب الشاب ولعبت معه سنوات طويلة.",
		"وتوفي ثلاثة أشخاص وأصيب المواطن اثنان آخران بجروح.",
	} {
		tab := actorsOf(t, "a1", text, "2015-07-22")
		for _, a := range tab.list() {
			if strings.Contains(a.Name, "رغبته") || strings.Contains(a.Name, "معه") || strings.Contains(a.Name, "اثنان") {
				t.Errorf("%q: actor %q holds a possessed word", text, a.Name)
			}
		}
	}
}

// TestActorsNationalityWithLam: «للسويسري» is ل with «السويسري», a
// nationality before a foreign name.
func TestActorsNationalityWithLam(t *testing.T) {
	text := "وانتخب المجلس رئيسا جديدا خلفا للسويسري فرانز ميلر في الاجتماع."
	tab := actorsOf(t, "a1", text, "2015-07-22")
	if id := idAt(t, tab, "فرانز ميلر", KindUnknown); id != "name:فرانز-ميلر" || tab.kind(id) != KindPerson {
		t.Errorf("فرانز ميلر = %q (%v); want the person name:فرانز-ميلر", id, tab.kind(id))
	}
}

func TestActorsGazetteerMatches(t *testing.T) {
	tests := []struct {
		text, want, surface string
	}{
		{"وصل الوفد إلى مصر والولايات المتحدة أمس", "united-states", "الولايات المتحدة"},
		{"قال متحدث لوكالة فرانس برس إن", "afp", "وكالة فرانس برس"},
		{"وأرسلت للولايات المتحدة رسالة", "united-states", "لولايات المتحدة"}, // the preposition's lam goes, the article's stays
		{"بين حركة المقاومة الإسلامية الفلسطينية (حماس) وإسرائيل", "hamas", "حركة المقاومة الإسلامية الفلسطينية"},
		{"وإسرائيل ترفض", "israel", "إسرائيل"},
		{"ضربات على قطاع غزة", "gaza", "قطاع غزة"},
		{"ونقلت وكالة الأنباء السعودية (واس) أن", "spa", "وكالة الأنباء السعودية"},
		{"Trump's campaign said", "donald-trump", "Trump"},
		{"officials in the U.S. said", "united-states", "U.S."},
		{"فهد العلي- سبق- الرياض: قال", "sabq", "سبق"},
		{"وانتقل المؤتمر من زيوريخ إلى العاصمة كانبيرا", "zurich", "زيوريخ"},
		{"وانتقل المؤتمر من زيوريخ إلى العاصمة كانبيرا", "canberra", "كانبيرا"},
		{"وقعت الحادثة على طريق رفحاء الدولي", "rafha", "رفحاء"},
		{"ورفض الكاتب الإساءة إلى رسول الله في أي عمل فني", "prophet-muhammad", "رسول الله"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			tab := actorsOf(t, "a1", tt.text, "2024-01-01")
			found := false
			for _, a := range tab.list() {
				if a.ID != tt.want {
					continue
				}
				found = true
				if s := tab.d.slice(a.Mentions[0]); s != tt.surface {
					t.Errorf("%s mentioned as %q; want %q", tt.want, s, tt.surface)
				}
			}
			if !found {
				t.Errorf("no actor %q in %q; got %v", tt.want, tt.text, ids(tab.list()))
			}
		})
	}
}

func TestActorsCommonWordsAreNotNames(t *testing.T) {
	tests := []struct{ text, notID string }{
		{"سبق أن أعلنت الحكومة خطتها", "sabq"},
		{"وسقطت قطرة من الماء", "qatar"},
		{"us and them", "united-states"},
		{"we will trump them", "donald-trump"},
		{"بسبب وفاة والدهم", "wafa"},
	}
	for _, tt := range tests {
		tab := actorsOf(t, "a1", tt.text, "2024-01-01")
		for _, a := range tab.list() {
			if a.ID == tt.notID {
				t.Errorf("%q names %s", tt.text, tt.notID)
			}
		}
	}
}

func TestActorsPartialNameCoreference(t *testing.T) {
	tests := []struct {
		name, text, full, short string
	}{
		{"arabic title", "وقال المدرب الإيطالي كارلو أنشيلوتي إن الفريق جاهز. وأضاف أنشيلوتي أن المباراة صعبة.", "كارلو أنشيلوتي", "أنشيلوتي"},
		{"arabic particle", "وقال اللاعب الهولندي فيرجيل فان دايك إن الموسم طويل. وأكد فان دايك أنه سعيد.", "فيرجيل فان دايك", "فان دايك"},
		{"english", "Sen. Tom Carper said the bill would pass. Carper added that it was late.", "Tom Carper", "Carper"},
		{"gazetteer", "Speaker Paul Ryan said on Monday. Later, Ryan said more.", "Paul Ryan", "Ryan"},
		{"arabic patronymic between", "وقال الدكتور ناصر بن فهد الشمري إن الخطة جاهزة. وأضاف الدكتور ناصر الشمري أن التنفيذ يبدأ غدا.", "ناصر بن فهد الشمري", "ناصر الشمري"},
		{"arabic patronymic after", "وقال الأمير سعود بن نايف إن المعرض مفتوح. وأكد الأمير سعود بن نايف بن عبدالله أن المعرض ناجح.", "سعود بن نايف", "سعود بن نايف بن عبدالله"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := actorsOf(t, "a1", tt.text, "2016-01-01")
			full := idAt(t, tab, tt.full, KindPerson)
			i := strings.LastIndex(tt.text, tt.short)
			start := utf8.RuneCountInString(tt.text[:i])
			short := tab.resolve(Span{start, start + utf8.RuneCountInString(tt.short)}, KindPerson)
			if full == "" || full != short {
				t.Errorf("%q = %q and %q = %q; want one actor", tt.full, full, tt.short, short)
			}
			n := 0
			for _, a := range tab.list() {
				if a.ID == full {
					n = len(a.Mentions)
				}
			}
			if n < 2 {
				t.Errorf("%s has %d mentions; want 2 or more", full, n)
			}
		})
	}
}

func TestActorsSources(t *testing.T) {
	tests := []struct {
		text, phrase string
		kind         ActorKind
	}{
		{"وأشار مسؤول أمريكي إلى أن الوفد وصل", "مسؤول أمريكي", KindAnonymous},
		{"وقالت مصادر مطلعة إن الاتفاق قريب", "مصادر مطلعة", KindAnonymous},
		{"وذكرت تقارير بريطانية أمس أن اللاعب سيغادر", "تقارير بريطانية", KindAnonymous},
		{"وقال شهود عيان إن النيران امتدت", "شهود عيان", KindGroup},
		{"يسلط المراقبون الضوء على الأزمة", "المراقبون", KindGroup},
		{"وقال مسؤول في البيت الأبيض إن الخطة جاهزة", "مسؤول في البيت الأبيض", KindAnonymous},
		{"A senior administration official said the talks stalled.", "A senior administration official", KindAnonymous},
		{"Officials said the talks stalled.", "Officials", KindAnonymous},
		{"People familiar with the matter said no.", "People familiar with the matter", KindAnonymous},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			tab := actorsOf(t, "doc7", tt.text, "2024-01-01")
			id := idAt(t, tab, tt.phrase, KindPerson)
			if !strings.HasPrefix(id, "doc7#") {
				t.Errorf("resolve(%q) = %q; want an ID scoped to doc7", tt.phrase, id)
			}
			if k := tab.kind(id); k != tt.kind {
				t.Errorf("kind(%q) = %v; want %v", id, k, tt.kind)
			}
		})
	}
}

func TestActorsNotSources(t *testing.T) {
	for _, text := range []string{
		"قبل صدور تقارير الطب الشرعي",
		"وهو مسؤول عن الملف",
		"وقال إنه سيعود",
		"He said they would return.",
	} {
		tab := actorsOf(t, "a1", text, "2024-01-01")
		for _, a := range tab.list() {
			if a.Kind == KindAnonymous || a.Kind == KindGroup || a.Kind == KindPerson {
				t.Errorf("%q: unexpected actor %q (%v)", text, a.Name, a.Kind)
			}
		}
	}
}

func TestActorsIDsStableAcrossArticles(t *testing.T) {
	a := actorsOf(t, "a1", "وقال الدكتور سامي الزهراني إن النتائج مشجعة. وقال مسؤول أمريكي إن", "2024-01-01")
	b := actorsOf(t, "b2", "وأكد الدكتور سامي الزهراني أن الدراسة اكتملت. وقال مسؤول أمريكي إن", "2024-03-01")
	pa, pb := idAt(t, a, "سامي الزهراني", KindPerson), idAt(t, b, "سامي الزهراني", KindPerson)
	if pa == "" || pa != pb || !strings.HasPrefix(pa, "name:") {
		t.Errorf("person IDs %q and %q; want one name: ID", pa, pb)
	}
	oa, ob := idAt(t, a, "مسؤول أمريكي", KindPerson), idAt(t, b, "مسؤول أمريكي", KindPerson)
	if oa == ob {
		t.Errorf("anonymous source IDs %q and %q; want one per article", oa, ob)
	}
	if g1, g2 := idAt(t, a, "مسؤول أمريكي", KindPerson), oa; g1 != g2 {
		t.Errorf("resolve is not stable: %q, %q", g1, g2)
	}
}

func TestActorsResolve(t *testing.T) {
	text := "وقال وزير الخارجية السعودي عادل الجبير إن المحادثات مستمرة. وقال إنه متفائل. وأضاف رجل أعمال محلي أن السوق هادئة."
	tab := actorsOf(t, "a1", text, "2016-02-01")
	if got := idAt(t, tab, "وزير الخارجية السعودي عادل الجبير إن", KindPerson); got != "adel-al-jubeir" {
		t.Errorf("resolve(longer phrase) = %q; want adel-al-jubeir", got)
	}
	if got := idAt(t, tab, "إنه", KindPerson); got != "" {
		t.Errorf("resolve(pronoun) = %q; want empty", got)
	}
	got := idAt(t, tab, "رجل أعمال محلي", KindPerson)
	if got == "" || tab.kind(got) != KindPerson {
		t.Fatalf("resolve(unknown phrase) = %q (%v); want a new person", got, tab.kind(got))
	}
	if again := idAt(t, tab, "رجل أعمال محلي", KindPerson); again != got {
		t.Errorf("resolve twice = %q, %q; want the same", got, again)
	}
	listed := false
	for _, a := range tab.list() {
		if a.ID == got {
			listed = true
		}
	}
	if !listed {
		t.Errorf("actor %q from resolve is not listed", got)
	}
}

func TestActorsMentionsIn(t *testing.T) {
	text := "توجه ستيف ويتكوف وجاريد كوشنر إلى مصر يوم الثلاثاء."
	tab := actorsOf(t, "a1", text, "2025-10-07")
	got := tab.mentionsIn(Span{0, utf8.RuneCountInString(text)})
	want := []string{"steve-witkoff", "jared-kushner", "egypt"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("mentionsIn(all) = %v; want %v", got, want)
	}
	if got := tab.mentionsIn(Span{0, 3}); len(got) != 0 {
		t.Errorf("mentionsIn(first word) = %v; want none", got)
	}
}

func TestActorsAliasesAndRoles(t *testing.T) {
	tab := actorsOf(t, "a1", "وقال ترامب إن الاتفاق قريب.", "2025-10-07")
	for _, a := range tab.list() {
		if a.ID != "donald-trump" {
			continue
		}
		if a.Name != "Donald Trump" {
			t.Errorf("Name = %q; want Donald Trump", a.Name)
		}
		for _, want := range []string{"Trump", "ترامب", "دونالد ترامب"} {
			if !containsString(a.Aliases, want) && a.Name != want {
				t.Errorf("Aliases %v lack %q", a.Aliases, want)
			}
		}
		if len(a.Roles) == 0 {
			t.Errorf("no roles for Donald Trump")
		}
		return
	}
	t.Errorf("no donald-trump in %v", ids(tab.list()))
}

func ids(as []Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func FuzzActors(f *testing.F) {
	for _, s := range []string{
		"وأوضح الرئيس الأمريكي أنه سيناقش التطورات في غزة مع رئيس الوزراء الكندي مارك كارني",
		"فهد المنجومي- سبق- جدة: قال مسؤول في البيت الأبيض",
		"Sen. Ted Cruz's aides said. A senior U.S. official, James B. Comey.",
		"والولايات لـ\"الوطن\" «سكاي سبورتس» -",
		"", "ال", "Mr.", "مسؤول", "الدكتور", "بن بن بن",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		tab := newActorTable(newDocument(Article{ID: "f", Text: text, Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}))
		n := utf8.RuneCountInString(text)
		for _, a := range tab.list() {
			if a.ID == "" {
				t.Errorf("actor with empty ID: %+v", a)
			}
			for _, m := range a.Mentions {
				if m.Start < 0 || m.End > n || m.Start >= m.End {
					t.Errorf("mention %v outside text of %d runes", m, n)
				}
			}
		}
		tab.resolve(Span{0, n}, KindPerson)
		tab.resolve(Span{n / 2, n + 5}, KindGroup)
		tab.mentionsIn(Span{0, n})
	})
}

func BenchmarkActors(b *testing.B) {
	text := strings.Repeat("وأوضح الرئيس الأمريكي أنه سيناقش التطورات في غزة مع رئيس الوزراء الكندي مارك كارني، وأشار مسؤول أمريكي إلى أن ستيف ويتكوف توجه إلى مصر. Sen. Ted Cruz and Hillary Clinton's aides said officials in Washington agreed. ", 40)
	mustGazetteer()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		newActorTable(newDocument(Article{ID: "b", Text: text, Published: time.Date(2025, 10, 7, 0, 0, 0, 0, time.UTC)})).list()
	}
}

func TestActorsTitleHeadedSpeakersArePeople(t *testing.T) {
	for _, phrase := range []string{"مدربة الفريق", "المخرج باسل الهلالي", "طبيب", "الممرضة", "صاحب المزرعة"} {
		tab := actorsOf(t, "a1", "وقال "+phrase+" إن العمل مستمر", "2024-01-01")
		id := idAt(t, tab, phrase, KindUnknown)
		if id == "" || tab.kind(id) != KindPerson {
			t.Errorf("resolve(%q) = %q (%v); want a person", phrase, id, tab.kind(id))
		}
	}
	tab := actorsOf(t, "a1", "وقال إن مساعدة النازحين واجب", "2024-01-01")
	if id := idAt(t, tab, "مساعدة النازحين", KindUnknown); id != "" && tab.kind(id) == KindPerson {
		t.Errorf("«مساعدة النازحين» is help, not a person")
	}
}

func TestActorsTitleCaseHeadline(t *testing.T) {
	text := "Ted Cruz: ‘Physically Assaulting A Reporter Is A Fireable Offense’\n\nSenator Ted Cruz said on Tuesday that Mary Jones and Tom Hale disagreed."
	tab := actorsOf(t, "a1", text, "2016-03-15")
	names := map[string]ActorKind{}
	for _, a := range tab.list() {
		names[a.Name] = a.Kind
	}
	if k, ok := names["Physically Assaulting"]; ok && k == KindPerson {
		t.Errorf("a capitalised headline pair became a person: %v", names)
	}
	if names["Mary Jones"] != KindPerson || names["Tom Hale"] != KindPerson {
		t.Errorf("names in running text: %v; want Mary Jones and Tom Hale as people", names)
	}
}

func TestActorsPlaceConstruct(t *testing.T) {
	tests := []struct{ text, place string }{
		{"وقع الحادث في محافظة النخيلة أمس.", "محافظة النخيلة"}, // a place the gazetteer lacks
		{"وصلت الأمطار إلى منطقة الحدود الشمالية مساء.", "منطقة الحدود الشمالية"},
		{"انقلبت سيارة قرب قرية الشعيبة صباحا.", "قرية الشعيبة"},
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "p", Text: tt.text, Language: "ar"})
		found := false
		for _, a := range x.Actors {
			if a.Name == tt.place && a.Kind == KindPlace {
				found = true
			}
		}
		if !found {
			t.Errorf("Extract(%q) has no place %q: %+v", tt.text, tt.place, x.Actors)
		}
	}
}

func TestActorsKunya(t *testing.T) {
	tests := []struct{ text, name string }{
		{"قتل القيادي في التنظيم أبو خالد الشامي في غارة.", "أبو خالد الشامي"},
		{"وظهر أبو مصعب في تسجيل مصور.", "أبو مصعب"},
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "k", Text: tt.text, Language: "ar"})
		found := false
		for _, a := range x.Actors {
			if a.Name == tt.name && a.Kind == KindPerson {
				found = true
			}
		}
		if !found {
			t.Errorf("Extract(%q) has no person %q: %+v", tt.text, tt.name, x.Actors)
		}
	}
}

func TestActorsDefiniteBodies(t *testing.T) {
	tests := []struct {
		text string
		want string // "" when no body is named
	}{
		{"أوقفت السلطات النرويجية ثلاثة أشخاص أمس.", "السلطات النرويجية"},
		{"وأحالت الجهات المختصة الملف إلى المحكمة.", "الجهات المختصة"},
		{"وطالب النائب العام بإحالة القضية إلى المجلس الأعلى للقضاء غدا.", "المجلس الأعلى للقضاء"},
		{"وراجع المحامي الادعاء العام البلجيكي في الصباح.", "الادعاء العام البلجيكي"},
		{"وتدرس اللجنة العليا للتخطيط العمراني المشروع.", "اللجنة العليا للتخطيط العمراني"},
		{"وزارت السلطات المكان في اليوم الثاني.", ""},                                      // a bare head refers back
		{"وتعاونت الجهات الأمنية مع السكان.", ""},                                          // a vague head needs competence
		{"وحل الفريق في المركز الثاني هذا الموسم.", ""},                                    // a rank, not a body
		{"وراجع هيئة الرقابة والادعاء العام أمس.", "هيئة الرقابة"},                         // a function joined to a name
		{"ودعا الجهات المختصة إلى التحرك، وطالب الجهات المسؤولة بالرد.", "الجهات المختصة"}, // one article's authorities
		{"وافتتح المبنى الرئيسي والمركز الرئيسي للشركة.", ""},                              // «الرئيسي» written with hamza
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "b", Text: tt.text, Language: "ar"})
		var orgs []string
		for _, a := range x.Actors {
			if a.Kind == KindOrganization {
				orgs = append(orgs, a.Name)
			}
		}
		if tt.want == "" && len(orgs) > 0 || tt.want != "" && (len(orgs) != 1 || orgs[0] != tt.want) {
			t.Errorf("Extract(%q) organizations = %q; want %q", tt.text, orgs, tt.want)
		}
	}
}

func TestActorsQuotedNames(t *testing.T) {
	tests := []struct {
		text string
		want []string // organizations, in order
	}{
		{"ونشرت مجلة «الواحة» الفرنسية الخبر أمس.", []string{"الواحة"}},
		{"وبثت قناتا (الأفق الجديد) و(المدى) المقابلة.", []string{"الأفق الجديد", "المدى"}},
		{"وذكر موقع «ذا نيوز دوت كوم» أن الخادم تعطل.", []string{"ذا نيوز دوت كوم"}},
		{"وبثت قناة (العراق الجديد) اللقاء.", []string{"العراق الجديد"}}, // a known name inside
		{"وغادرت بعثة المنتخب الوطني أمس.", []string{"بعثة المنتخب الوطني"}},
		{"وقال مدير الموقع «إن الخادم تعطل» مساء.", nil}, // a quotation, no head before it
		{"وكتب في مجلته «إن الخادم تعطل» مساء.", nil},    // a quotation after a noun
		{"وقالت جريدة «إن الأمر انتهى» في عددها.", nil},  // a quotation that starts with a particle
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "q", Text: tt.text, Language: "ar"})
		var orgs []string
		for _, a := range x.Actors {
			if a.Kind != KindPerson {
				orgs = append(orgs, a.Name)
			}
		}
		if strings.Join(orgs, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Extract(%q) organizations = %q; want %q", tt.text, orgs, tt.want)
		}
	}
	// A head word alone names no one, quoted or not.
	for _, a := range Extract(Article{ID: "q", Text: "ونقلت شركة «الاتحاد» الركاب.", Language: "ar"}).Actors {
		if a.Name == "الاتحاد" {
			t.Errorf("actor %+v named by a head word alone", a)
		}
	}
	// The head refers back to the name it introduced.
	x := Extract(Article{ID: "q", Text: "وأعلنت شركة «نور الصباح» أرباحها. وقالت الشركة إن المبيعات زادت.", Language: "ar"})
	if n := len(x.Statements); n == 0 || x.Statements[n-1].SpeakerText != "الشركة" || x.Statements[n-1].SpeakerID != "name:نور-الصباح" {
		t.Errorf("statements = %+v; want the last by name:نور-الصباح", x.Statements)
	}
}

func TestActorsNameBeforeTitle(t *testing.T) {
	text := "وقال ماجد الحربي، رئيس مجلس إدارة النادي، إن الموسم ناجح. وأكد سامر نجيب، المدير التنفيذي للشركة، أن الأرباح زادت. وأضاف نجيب أن الخطة مستمرة. وبعد مباراة الأمس، المدرب غاضب. وقبض على المتهم، رامز النمر، مدير المصنع. زار كريم فؤاد هلال، رئيس الحزب، المدينة. واهتمت الصحيفة بخبر رحيل جاك لوران، لاعب الفريق."
	x := Extract(Article{ID: "n", Text: text, Language: "ar"})
	people := map[string][]string{}
	for _, a := range x.Actors {
		if a.Kind == KindPerson {
			people[a.Name] = a.Aliases
		}
	}
	for _, name := range []string{"ماجد الحربي", "سامر نجيب", "رامز النمر"} {
		if _, ok := people[name]; !ok {
			t.Errorf("Extract(%q) has no person %q: %v", text, name, people)
		}
	}
	// A phrase after a preposition, a sentence's own verb, a noun before
	// the name: none of them opens a name.
	for _, name := range []string{"مباراة الأمس", "زار كريم فؤاد هلال", "بخبر رحيل جاك لوران"} {
		if _, ok := people[name]; ok {
			t.Errorf("Extract(%q) took %q for a name: %v", text, name, people)
		}
	}
	var speakers []string
	for _, s := range x.Statements {
		speakers = append(speakers, s.SpeakerID)
	}
	if want := []string{"name:ماجد-الحربي", "name:سامر-نجيب", "name:سامر-نجيب"}; strings.Join(speakers, " ") != strings.Join(want, " ") {
		t.Errorf("speakers = %q; want %q", speakers, want)
	}
}

func TestActorsSurnameOfUnclassifiedSpeaker(t *testing.T) {
	text := "وقال رامي خليل إن الفريق جاهز. وأضاف خليل (30 عاما) أن المباراة صعبة."
	x := Extract(Article{ID: "s", Text: text, Language: "ar"})
	if len(x.Statements) != 2 || x.Statements[0].SpeakerID == "" || x.Statements[0].SpeakerID != x.Statements[1].SpeakerID {
		t.Errorf("Extract(%q) statements = %+v; want two by one speaker", text, x.Statements)
	}
}

func TestActorsFormerTitle(t *testing.T) {
	// On this day the French president is someone else: «السابق» makes
	// the title the name's beside it.
	x := actorsOf(t, "f", "وصل الرئيس الفرنسي السابق، جان مارتان، إلى المدينة. وقال الرئيس الفرنسي إن الزيارة مهمة.", "2015-07-20")
	former := idAt(t, x, "الرئيس الفرنسي السابق", KindUnknown)
	current := x.resolve(Span{60, 74}, KindUnknown)
	if former != "name:جان-مارتان" {
		t.Errorf("former title resolves to %q; want name:جان-مارتان", former)
	}
	if current == former || current == "" {
		t.Errorf("the title without «السابق» resolves to %q; want the holder on the day", current)
	}
}

func TestActorsNoNamesFromClauses(t *testing.T) {
	for _, text := range []string{
		"وتحدثت الصحافية عن مصاعب في ميدان عملها الجديد.",
		"فكيف بالصحافي، لكني عزمت على المضي.",
		"وطالب الرئيس السابق بإصدار بيان رسمي.",
		"وتوجه المحامي لتحريك دعوى قضائية.",
	} {
		for _, a := range actorsOf(t, "c", text, "").list() {
			if a.Kind == KindPerson || a.Kind == KindPlace {
				t.Errorf("actors of %q: %q (%v)", text, a.Name, a.Kind)
			}
		}
	}
}

func TestActorsFamilyNameWithAal(t *testing.T) {
	x := Extract(Article{ID: "a", Text: "وأوضح السفير آل مبارك أن الجالية بخير. وأكد آل مبارك أن السفارة تتابع.", Language: "ar"})
	var names []string
	for _, a := range x.Actors {
		names = append(names, a.Name)
	}
	if len(names) != 1 || names[0] != "آل مبارك" {
		t.Errorf("actors = %q; want one, آل مبارك", names)
	}
}

func TestActorsNameVariants(t *testing.T) {
	tests := []struct {
		text, id string
	}{
		// A shorter form of a name found in the same article.
		{"وقالت هيئة الرقابة الوطنية إن التحقيق مستمر. وأضافت هيئة الرقابة أن النتائج قريبة.", "name:هييه-الرقابه-الوطنيه"},
		// A head and adjectives around an organization the gazetteer knows.
		{"وقالت هيئة الهلال الأحمر السعودي إن الفرق وصلت.", "red-crescent"},
		// One foreign name in two spellings.
		{"وأعلن موقع «فيستا ميدسون نت» توقفه. وقال مدير موقع «فيستا ماديسون نت» إن الخدمة تعود.", "name:فيستا-ميدسون-نت"},
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "v", Text: tt.text, Language: "ar"})
		var orgs []string
		for _, a := range x.Actors {
			if a.Kind == KindOrganization {
				orgs = append(orgs, a.ID)
			}
		}
		if len(orgs) != 1 || orgs[0] != tt.id {
			t.Errorf("Extract(%q) organizations = %q; want [%s]", tt.text, orgs, tt.id)
		}
	}
}

func TestActorsSubjectBeforeObject(t *testing.T) {
	// Verb, subject, object: the subject speaks, not the body the
	// object names.
	x := actorsOf(t, "o", "فيما طالب رامي العتيق الجهات المختصة بإقامة مهرجانات.", "")
	got := idAt(t, x, "رامي العتيق الجهات المختصة", KindUnknown)
	if got != "o#رامي-العتيق" {
		t.Errorf("speaker = %q; want o#رامي-العتيق", got)
	}
	// A title before the object is no name of its own.
	x = actorsOf(t, "o", "وقال مدرب الفريق الأول لويس غال إن اللاعبين جاهزون.", "")
	if got := idAt(t, x, "مدرب الفريق الأول لويس غال", KindUnknown); strings.HasPrefix(got, "o#") {
		t.Errorf("speaker = %q; want the name after the title", got)
	}
}

func TestActorsNotNamesAroundHeads(t *testing.T) {
	for _, text := range []string{
		"ونشرت مواد صحافية تعرض بشكل مباشر صورا للحادث.",      // an adjective, not a construct title
		"وشن التحالف بقيادة المملكة غارات على المواقع.",       // «بقيادة»: led by
		"وحددت الجمعية العمومية غير العادية موعد الانتخابات.", // an assembly's session
		"وقال مصدر مقرب لـ»فرانس برس» اليوم إن القرار قريب.",  // a closing mark before a common word
	} {
		for _, a := range actorsOf(t, "h", text, "").list() {
			switch a.Name {
			case "بشكل مباشر", "قيادة المملكة", "الجمعية العمومية", "Al-Yaum":
				t.Errorf("actors of %q: %q", text, a.Name)
			}
		}
	}
}

func TestActorsBodyNamedBefore(t *testing.T) {
	tests := []struct{ text, first string }{
		{"وقال مصدر مقرب من الوزير إن القرار قريب. وأضاف المصدر أن الإعلان غدا.", "مصدر مقرب"},
		{"وقال مختصون اقتصاديون إن السوق تتحسن. ويرى المختصون أن الأسعار ستنخفض.", "مختصون اقتصاديون"},
	}
	for _, tt := range tests {
		x := Extract(Article{ID: "b", Text: tt.text, Language: "ar"})
		if len(x.Statements) != 2 || x.Statements[0].SpeakerID == "" || x.Statements[0].SpeakerID != x.Statements[1].SpeakerID {
			t.Errorf("Extract(%q) statements = %+v; want two by the speaker %q", tt.text, x.Statements, tt.first)
		}
	}
	// «إدارة للدعم» is a department for something, not a name.
	for _, a := range actorsOf(t, "b", "وقررت الوزارة إنشاء إدارة للدعم الفني في كل منطقة.", "").list() {
		if strings.HasPrefix(a.Name, "إدارة") {
			t.Errorf("actor %q from an indefinite head", a.Name)
		}
	}
}

func TestActorsRegionsAndCommonWords(t *testing.T) {
	x := Extract(Article{ID: "r", Text: "وتقدمت القوات في الشمال العراقي أمس. وارتفع السهم 6 بنس في التداولات.", Language: "ar"})
	var places []string
	for _, a := range x.Actors {
		if a.Kind == KindPerson {
			t.Errorf("person %q in a sentence of prices", a.Name)
		}
		if a.Kind == KindPlace {
			places = append(places, a.Name)
		}
	}
	if len(places) != 1 || places[0] != "الشمال العراقي" {
		t.Errorf("places = %q; want [الشمال العراقي]", places)
	}
}

func TestActorsOccupationTitles(t *testing.T) {
	x := Extract(Article{ID: "o", Text: "وقال الاقتصادي سامي الهاجري إن السوق تتعافى. ويعد الإطار القانوني واضحا هذا العام.", Language: "ar"})
	var people []string
	for _, a := range x.Actors {
		if a.Kind == KindPerson {
			people = append(people, a.Name)
		}
	}
	if len(people) != 1 || people[0] != "سامي الهاجري" {
		t.Errorf("people = %q; want [سامي الهاجري]", people)
	}
	if len(x.Statements) != 1 || x.Statements[0].SpeakerID != "name:سامي-الهاجري" {
		t.Errorf("statements = %+v; want one by name:سامي-الهاجري", x.Statements)
	}
}

func TestActorsConstructTitles(t *testing.T) {
	tests := []struct {
		text string
		want string // the person, or "" for none
	}{
		{"وزار المعرض نجم السينما رافي كابور مساء.", "رافي كابور"},                        // a noun's complement, not an adjective
		{"وقال وزير الخارجية الإسباني باولو مارتينيز إن الحوار مستمر.", "باولو مارتينيز"}, // «با…» is no preposition
		{"وأوضح رئيس اللجنة الثقافية سامي بن خالد الزهراني أن البرنامج جاهز.", "سامي بن خالد الزهراني"},
		{"وقال مدير المكتب بالنادي، فهد الدوسري، إن العقد جاهز.", "فهد الدوسري"},
		{"ونشرت مواد صحافية تعرض صورا للحادث.", ""},
		{"وأشاد رئيس اللجنة الثقافية وقائد المنطقة بالجهود.", ""},
	}
	for _, tt := range tests {
		var people []string
		for _, a := range Extract(Article{ID: "c", Text: tt.text, Language: "ar"}).Actors {
			if a.Kind == KindPerson {
				people = append(people, a.Name)
			}
		}
		if tt.want == "" && len(people) > 0 || tt.want != "" && (len(people) != 1 || people[0] != tt.want) {
			t.Errorf("Extract(%q) people = %q; want %q", tt.text, people, tt.want)
		}
	}
}
