package graph

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/claimgraph/claimgraph/extract"
)

// The story: nine articles, Arabic and English, 2025-10-07 to 2025-10-13,
// on the Gaza war's toll and the hostage deal (testdata/story/articles.jsonl).
// Because the extractor is built in parallel, their extractions are written
// here by hand, as a good extractor would give them; spans point into the
// real texts, so the clause and sentence windows of measure.go are exercised.

// storyArticle is one line of testdata/story/articles.jsonl, in the
// extractor's input format.
type storyArticle struct {
	ID, Text, Language, Published, Publisher, Title string
}

func loadStory(t testing.TB) map[string]storyArticle {
	t.Helper()
	b, err := os.ReadFile("../testdata/story/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]storyArticle{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var a storyArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("articles.jsonl:%d: %v", i+1, err)
		}
		out[a.ID] = a
	}
	return out
}

// builder writes an extraction by hand for one article, finding spans by
// the words they cover.
type builder struct {
	t     testing.TB
	runes []rune
	x     *extract.Extraction
}

func newBuilder(t testing.TB, a storyArticle) *builder {
	return &builder{t: t, runes: []rune(a.Text), x: &extract.Extraction{ArticleID: a.ID, Language: a.Language}}
}

// find returns the spans of the whole-word occurrences of sub.
func (b *builder) find(sub string) []extract.Span {
	s := []rune(sub)
	var out []extract.Span
	for i := 0; i+len(s) <= len(b.runes); i++ {
		if string(b.runes[i:i+len(s)]) != sub {
			continue
		}
		if i+len(s) < len(b.runes) && unicode.IsLetter(b.runes[i+len(s)]) && unicode.IsLetter(s[len(s)-1]) {
			continue
		}
		if i > 0 && unicode.IsLetter(b.runes[i-1]) && unicode.IsLetter(s[0]) && !isProclitic(b.runes[:i]) {
			continue
		}
		out = append(out, extract.Span{Start: i, End: i + len(s)})
	}
	return out
}

// isProclitic reports whether the letters just before a match are a
// proclitic (و, ال, وال, ب, ل, في…) joined to it, as in «وغزة».
func isProclitic(before []rune) bool {
	j := len(before)
	for j > 0 && unicode.IsLetter(before[j-1]) {
		j--
	}
	switch string(before[j:]) {
	case "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل":
		return true
	}
	return false
}

func (b *builder) span(sub string) extract.Span {
	b.t.Helper()
	s := b.find(sub)
	if len(s) == 0 {
		b.t.Fatalf("%s: no %q in the text", b.x.ArticleID, sub)
	}
	return s[0]
}

func (b *builder) actor(id string, kind extract.ActorKind, names ...string) *builder {
	a := extract.Actor{ID: id, Name: names[0], Kind: kind, Aliases: names}
	for _, n := range names {
		a.Mentions = append(a.Mentions, b.find(n)...)
	}
	b.x.Actors = append(b.x.Actors, a)
	return b
}

func (b *builder) stmt(id, speaker, content string, mentions ...string) *builder {
	b.t.Helper()
	b.x.Statements = append(b.x.Statements, extract.Statement{
		ID: id, SpeakerID: speaker, Content: content, ContentSpan: b.span(content),
		Kind: extract.Indirect, MentionIDs: mentions,
	})
	return b
}

// fig adds a figure; text is its words in the article (its span).
func (b *builder) fig(id string, v float64, q extract.Qualifier, text, subject, measure string) *builder {
	b.t.Helper()
	f := extract.Figure{ID: id, Value: v, Qualifier: q, Approximate: q == extract.About,
		Text: text, Subject: subject, Measure: measure, Span: b.span(text), Unit: "person"}
	for _, s := range b.x.Statements {
		if s.ContentSpan.Contains(f.Span) {
			f.StatementID, f.SourceID = s.ID, s.SpeakerID
		}
	}
	b.x.Figures = append(b.x.Figures, f)
	return b
}

func (b *builder) time(text, value string) *builder {
	b.t.Helper()
	for _, s := range b.find(text) {
		b.x.Times = append(b.x.Times, extract.TimeMention{Text: text, Value: value, Grain: extract.Day, Span: s})
	}
	return b
}

func (b *builder) event(id, kind, trigger, date string, participants, places []string) *builder {
	b.t.Helper()
	b.x.Events = append(b.x.Events, extract.Event{ID: id, Kind: kind, Trigger: trigger, Span: b.span(trigger),
		Date: date, ParticipantIDs: participants, PlaceIDs: places})
	return b
}

func (b *builder) doc(a storyArticle) Document {
	return Document{
		Meta: ArticleMeta{ID: a.ID, Title: a.Title, Publisher: a.Publisher, Language: a.Language, Published: a.Published},
		Text: a.Text, Extraction: b.x,
	}
}

const (
	place = extract.KindPlace
	org   = extract.KindOrganization
	pers  = extract.KindPerson
	anon  = extract.KindAnonymous
)

// storyDocs returns the story's documents with their hand-made extractions.
func storyDocs(t testing.TB) []Document {
	t.Helper()
	arts := loadStory(t)
	get := func(id string) storyArticle {
		a, ok := arts[id]
		if !ok {
			t.Fatalf("no article %q in articles.jsonl", id)
		}
		return a
	}
	var docs []Document
	add := func(id string, build func(*builder)) {
		a := get(id)
		b := newBuilder(t, a)
		build(b)
		docs = append(docs, b.doc(a))
	}

	add("seed-gaza-diplomacy", func(b *builder) {
		b.actor("donald-trump", pers, "الرئيس الأمريكي", "ترامب").
			actor("us-official-1", anon, "مسؤول أمريكي").
			actor("united-states", place, "الولايات المتحدة").
			actor("gaza", place, "غزة").
			actor("israel", place, "إسرائيل").
			actor("egypt", place, "مصر").
			actor("hamas", org, "حماس").
			actor("steve-witkoff", pers, "ستيف ويتكوف").
			actor("jared-kushner", pers, "جاريد كوشنر").
			stmt("s1", "donald-trump", "أنه سيناقش التطورات في غزة مع رئيس الوزراء الكندي مارك كارني", "gaza").
			stmt("s2", "us-official-1", "أن ستيف ويتكوف، المبعوث الأمريكي الخاص، وجاريد كوشنر، المبعوث السابق خلال ولاية ترامب الأولى، توجها إلى مصر يوم الثلاثاء للانضمام إلى المفاوضات الدبلوماسية", "steve-witkoff", "jared-kushner", "egypt").
			stmt("s3", "donald-trump", "أن الولايات المتحدة ملتزمة بدعم تنفيذ أي اتفاق مستقبلي، مع الحرص على تقديم ضمانات أمنية واضحة لجميع الأطراف", "united-states").
			stmt("s4", "donald-trump", "نتمتع بقوة كبيرة وسنبذل كل ما في وسعنا لضمان التزام الجميع بالاتفاق").
			stmt("s5", "donald-trump", "أن الاتفاق لإطلاق سراحهم على وشك الانتهاء").
			time("السابع من أكتوبر 2023", "2023-10-07").
			time("يوم الثلاثاء", "2025-10-07").
			fig("f1", 12000, extract.About, "نحو 12 ألف فلسطيني", "فلسطيني", "killed").
			fig("f2", 251, extract.Exact, "251 شخصًا", "شخصًا رهائن", "hostages").
			event("e1", "war", "اندلعت", "2023-10-07", []string{"hamas", "israel"}, nil).
			event("e2", "travel", "توجها", "2025-10-07", []string{"steve-witkoff", "jared-kushner"}, []string{"egypt"})
	})
	add("ar-ministry-toll-1007", func(b *builder) {
		b.actor("gaza-health-ministry", org, "وزارة الصحة في غزة").
			actor("gaza", place, "غزة").
			actor("donald-trump", pers, "ترامب").
			stmt("s1", "gaza-health-ministry", "عدد القتلى منذ السابع من أكتوبر 2023 ارتفع إلى 67 ألف فلسطيني، فيما بلغ عدد المصابين 169,679 مصابًا").
			stmt("s2", "donald-trump", "اتفاق إطلاق سراح الرهائن بات على وشك الانتهاء").
			time("السابع من أكتوبر 2023", "2023-10-07").
			fig("f1", 67000, extract.Exact, "67 ألف فلسطيني", "فلسطيني", "killed").
			fig("f2", 169679, extract.Exact, "169,679 مصابًا", "مصابًا", "injured").
			fig("f3", 48, extract.Exact, "48 رهينة", "رهينة محتجزين", "hostages")
	})
	add("en-wire-1007", func(b *builder) {
		b.actor("gaza-health-ministry", org, "Gaza's health ministry").
			actor("gaza", place, "Gaza").
			actor("israel", place, "Israel").
			actor("egypt", place, "Egypt").
			actor("hamas", org, "Hamas").
			actor("donald-trump", pers, "President Donald Trump").
			actor("steve-witkoff", pers, "Steve Witkoff").
			actor("jared-kushner", pers, "Jared Kushner").
			stmt("s1", "gaza-health-ministry", "67,000 Palestinians have been killed since October 7, 2023, and 169,679 wounded").
			stmt("s2", "donald-trump", "the deal to free the hostages was close to done").
			time("October 7, 2023", "2023-10-07").
			time("Tuesday", "2025-10-07").
			fig("f1", 67000, extract.Exact, "67,000 Palestinians", "Palestinians", "killed").
			fig("f2", 169679, extract.Exact, "169,679", "wounded", "wounded").
			fig("f3", 1200, extract.About, "about 1,200 people", "people", "killed").
			fig("f4", 251, extract.Exact, "251 hostages", "hostages", "hostages").
			fig("f5", 48, extract.Exact, "48", "hostages", "hostages").
			event("e1", "war", "war began", "2023-10-07", []string{"hamas", "israel"}, nil).
			event("e2", "travel", "traveled", "2025-10-07", []string{"steve-witkoff", "jared-kushner"}, []string{"egypt"})
	})
	add("ar-diplomacy-1007b", func(b *builder) {
		b.actor("donald-trump", pers, "الرئيس الأمريكي دونالد ترامب").
			actor("benjamin-netanyahu", pers, "نتنياهو").
			actor("gaza", place, "غزة").
			actor("egypt", place, "مصر").
			actor("hamas", org, "حماس").
			actor("steve-witkoff", pers, "ستيف ويتكوف").
			actor("jared-kushner", pers, "جاريد كوشنر").
			stmt("s1", "donald-trump", "بلاده ملتزمة بدعم تنفيذ أي اتفاق مستقبلي بشأن غزة، مع تقديم ضمانات أمنية لجميع الأطراف", "gaza").
			stmt("s2", "benjamin-netanyahu", "الاتفاق لإطلاق سراح الرهائن على وشك الانتهاء").
			time("السابع من أكتوبر 2023", "2023-10-07").
			time("الثلاثاء", "2025-10-07").
			fig("f1", 251, extract.Exact, "251 رهينة", "رهينة", "hostages").
			event("e1", "travel", "وتوجه", "2025-10-07", []string{"steve-witkoff", "jared-kushner"}, []string{"egypt"})
	})
	add("en-israel-toll-1008", func(b *builder) {
		b.actor("israeli-officials-1", anon, "Israeli officials").
			actor("israel", place, "Israel").
			actor("gaza", place, "Gaza").
			stmt("s1", "israeli-officials-1", "1,139 people were killed in Israel in the October 7, 2023 attack, and that 240 hostages were taken to Gaza", "israel", "gaza").
			time("October 7, 2023", "2023-10-07").
			fig("f1", 1139, extract.Exact, "1,139 people", "people", "killed").
			fig("f2", 240, extract.Exact, "240 hostages", "hostages", "hostages")
	})
	add("ar-westbank-1008", func(b *builder) {
		b.actor("palestinian-health-ministry", org, "وزارة الصحة الفلسطينية").
			actor("west-bank", place, "الضفة الغربية").
			actor("gaza", place, "غزة").
			actor("unicef", org, "منظمة الأمم المتحدة للطفولة").
			stmt("s1", "palestinian-health-ministry", "أكثر من 1000 فلسطيني قتلوا في الضفة الغربية منذ السابع من أكتوبر 2023", "west-bank").
			time("السابع من أكتوبر 2023", "2023-10-07").
			fig("f1", 1000, extract.MoreThan, "أكثر من 1000 فلسطيني", "فلسطيني", "killed").
			fig("f2", 20000, extract.MoreThan, "أكثر من 20 ألف طفل", "طفل", "killed")
	})
	add("en-blog-1010", func(b *builder) {
		b.actor("gaza", place, "Gaza").
			time("Friday", "2025-10-10").
			fig("f1", 60000, extract.Exact, "60,000", "people killed", "killed")
	})
	add("ar-toll-rise-1013", func(b *builder) {
		b.actor("gaza-health-ministry", org, "وزارة الصحة في غزة").
			actor("gaza", place, "غزة").
			actor("israel", place, "إسرائيل").
			actor("hamas", org, "حركة حماس").
			actor("donald-trump", pers, "ترامب").
			stmt("s1", "gaza-health-ministry", "عدد القتلى ارتفع إلى 67,682 منذ بدء الحرب، بينهم أكثر من 20 ألف طفل").
			stmt("s2", "donald-trump", "الحرب في غزة انتهت", "gaza").
			time("يوم الاثنين", "2025-10-13").
			fig("f1", 67682, extract.Exact, "67,682", "القتلى", "killed").
			fig("f2", 20000, extract.MoreThan, "أكثر من 20 ألف طفل", "طفل", "killed").
			fig("f3", 20, extract.Exact, "20 رهينة", "رهينة إسرائيليًا", "hostages").
			event("e1", "release", "وأفرجت", "2025-10-13", []string{"hamas"}, nil)
	})
	add("en-hostages-freed-1013", func(b *builder) {
		b.actor("hamas", org, "Hamas").
			actor("gaza", place, "Gaza").
			actor("gaza-health-ministry", org, "Gaza's health ministry").
			actor("donald-trump", pers, "President Trump").
			stmt("s1", "gaza-health-ministry", "at least 67,600 people have been killed in the territory since the war began").
			stmt("s2", "donald-trump", "the war in Gaza is over", "gaza").
			time("Monday", "2025-10-13").
			fig("f1", 20, extract.Exact, "20 living hostages", "living hostages", "hostages").
			fig("f2", 67600, extract.AtLeast, "at least 67,600 people", "people", "killed").
			event("e1", "release", "freed", "2025-10-13", []string{"hamas"}, nil)
	})
	return docs
}

// linkString writes a link as the tests name it:
// "KIND key from -> to" with ends as article/local.
func linkString(l Link) string {
	return fmt.Sprintf("%s %s %s/%s -> %s/%s", l.Kind, l.Key, l.From.ArticleID, l.From.LocalID, l.To.ArticleID, l.To.LocalID)
}

func linkStrings(ls []Link) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = linkString(l)
	}
	return out
}

// diffLines lists the lines only in got (+) and only in want (-).
func diffLines(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "+ %s\n", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "- %s\n", w)
		}
	}
	if b.Len() == 0 {
		return "(same lines, different order)"
	}
	return b.String()
}
