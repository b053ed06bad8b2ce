package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// forbiddenSpeakerWords returns the words that may never be an actor's whole
// name, read from the lexicons themselves: the pronouns, honorifics, titles,
// common nouns and other words of data/speaker_words.txt, every cue of
// data/cues_ar.txt and data/cues_en.txt, and the single-word Arabic titles
// of data/gazetteer_lexicon.tsv (English ones double as surnames: "Mr.
// King"); and the filler words that may stand beside
// them. Both are keyed by normalised form.
func forbiddenSpeakerWords(tb testing.TB) (forbidden, referring, filler map[string]bool) {
	tb.Helper()
	forbidden, referring, filler = map[string]bool{}, map[string]bool{}, map[string]bool{}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	for _, line := range strings.Split(read("speaker_words.txt"), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		set := forbidden
		switch f[0] {
		case "filler":
			set = filler
		case "title", "noun":
			set = referring
		}
		for _, w := range f[1:] {
			set[NormalizeArabic(w)] = true
		}
	}
	for _, name := range []string{"cues_ar.txt", "cues_en.txt"} {
		for _, line := range strings.Split(read(name), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && !strings.HasPrefix(f[0], "#") {
				forbidden[NormalizeArabic(f[0])] = true
			}
		}
	}
	for _, line := range strings.Split(read("gazetteer_lexicon.tsv"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 || f[0] != "title" {
			continue
		}
		for _, w := range strings.Split(f[2], "|") {
			if w = strings.TrimSpace(w); w != "" && !strings.Contains(w, " ") && isArabicWord(w) {
				referring[NormalizeArabic(w)] = true
			}
		}
	}
	if len(forbidden)+len(referring) < 300 {
		tb.Fatalf("only %d forbidden speaker words: a lexicon did not load", len(forbidden)+len(referring))
	}
	return forbidden, referring, filler
}

// nameOfForbiddenWords reports whether name is made of forbidden words
// (pronouns, honorifics, cues, question words), fillers and at most one
// referring word (a title or common noun), at least one not a filler: a
// name such as «الوزير», "how can we" or «مشيرا». Words are read with and
// without a joined Arabic conjunction or preposition. Two referring words
// («إدارة المستشفى») describe a role and pass.
func nameOfForbiddenWords(name string, w *speakerLexicon) bool {
	words := strings.FieldsFunc(NormalizeArabic(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
	content, refs := 0, 0
	for _, word := range words {
		var hit, ref, fill bool
		for _, f := range arReadings(word) {
			hit = hit || w.forbidden[f]
			ref = ref || w.referring[f]
			fill = fill || w.filler[f]
		}
		switch {
		case hit:
			content++
		case ref:
			content++
			refs++
		case fill:
		default:
			return false
		}
	}
	return content > 0 && refs <= 1
}

// speakerLexicon holds the word sets of forbiddenSpeakerWords.
type speakerLexicon struct{ forbidden, referring, filler map[string]bool }

func loadSpeakerLexicon(tb testing.TB) *speakerLexicon {
	tb.Helper()
	f, r, fl := forbiddenSpeakerWords(tb)
	return &speakerLexicon{f, r, fl}
}

func TestNoActorNamedByForbiddenWords(t *testing.T) {
	lex := loadSpeakerLexicon(t)
	for _, name := range []string{"سموه", "الوزير", "الوزارة", "مشيرا", "how can we", "he", "the minister", "للمسؤول", "وفخامته"} {
		if !nameOfForbiddenWords(name, lex) {
			t.Errorf("nameOfForbiddenWords(%q) = false; want true", name)
		}
	}
	for _, name := range []string{"Donald Trump", "وزير الصحة", "مصدر غير محدد", "unidentified source", "Kelly", "إدارة المستشفى"} {
		if nameOfForbiddenWords(name, lex) {
			t.Errorf("nameOfForbiddenWords(%q) = true; want false", name)
		}
	}
	cases := []struct{ name, lang, text string }{
		{"honorific", "ar", "وقال سموه إن المشروع سيكتمل قريبا."},
		{"bare title", "ar", "وأكد الوزير أن الميزانية كافية."},
		{"common noun", "ar", "وأوضحت الوزارة أن الخدمة متاحة للجميع."},
		{"participle", "ar", "مشيرا إلى أن العمل مستمر في المواقع كلها."},
		{"pronoun", "en", "He said the plan would work."},
		{"question", "en", "How can we trust them, asked the crowd."},
		{"bare title en", "en", "The minister said the budget was enough."},
	}
	for _, c := range cases {
		x := Extract(Article{ID: "t", Text: c.text, Language: c.lang})
		for _, a := range x.Actors {
			if nameOfForbiddenWords(a.Name, lex) {
				t.Errorf("%s: Extract(%q) has actor %q", c.name, c.text, a.Name)
			}
		}
	}
}

// TestCorpusNoForbiddenActorNames extracts every article of the shared
// corpus (CORPUS_DIR, or ../shared/corpus beside the checkout; skipped when
// absent) and checks that none panics and no actor other than an anonymous
// source or group is named by pronouns, honorifics, bare titles, common
// nouns or cue words alone.
func TestCorpusNoForbiddenActorNames(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	dir := os.Getenv("CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		t.Skipf("no corpus under %s", dir)
	}
	lex := loadSpeakerLexicon(t)
	n, bad := 0, 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var in struct{ ID, Text, Language, Published string }
			if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			a := Article{ID: in.ID, Text: in.Text, Language: in.Language}
			a.Published, _ = time.Parse("2006-01-02", in.Published)
			x := extractNoPanic(t, a)
			n++
			for _, ac := range x.Actors {
				// Anonymous sources and groups are described, not named
				// ("a senior official", «مصادر مطلعة»), and belong to one
				// article: they merge no one across articles.
				if ac.Kind == KindAnonymous || ac.Kind == KindGroup {
					continue
				}
				if nameOfForbiddenWords(ac.Name, lex) {
					bad++
					if bad <= 30 {
						t.Errorf("%s: actor %q (%s) is named by words that name no one", in.ID, ac.Name, ac.Kind)
					}
				}
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fh.Close()
	}
	if bad > 30 {
		t.Errorf("%d actors in all named by words that name no one", bad)
	}
	t.Logf("%d corpus articles extracted", n)
}

// extractNoPanic runs Extract and fails the test, naming the article, when it
// panics.
func extractNoPanic(tb testing.TB, a Article) (x *Extraction) {
	tb.Helper()
	defer func() {
		if r := recover(); r != nil {
			tb.Fatalf("Extract(%s) panicked: %v", a.ID, r)
		}
	}()
	return Extract(a)
}

// TestSpeakerRule checks that pronouns, honorifics, bare titles and common
// nouns resolve to an actor the text names, or leave an anonymous speaker
// that keeps the words as its speaker text.
func TestSpeakerRule(t *testing.T) {
	// want is a statement's speaker text and its speaker actor's name: ""
	// for an anonymous speaker, "=N" for the actor of statement N.
	type want struct{ text, actor string }
	tests := []struct {
		name, lang, text string
		want             []want
	}{
		{
			name: "ar/honorific-refers-back",
			lang: "ar",
			text: "وقال الأمير خالد بن سعود إن الموسم ناجح. وأكد سموه أن الخطة ستستمر.",
			want: []want{{"الأمير خالد بن سعود", "خالد بن سعود"}, {"سموه", "خالد بن سعود"}},
		},
		{
			name: "ar/honorific-agrees-in-gender",
			lang: "ar",
			text: "قالت الأميرة ريم بنت فيصل إن المعرض مفتوح. وقال المدرب سامي الحربي إن الفريق جاهز. وأكدت سموها أن الدخول مجاني.",
			want: []want{{"الأميرة ريم بنت فيصل", "ريم بنت فيصل"}, {"المدرب سامي الحربي", "سامي الحربي"}, {"سموها", "ريم بنت فيصل"}},
		},
		{
			name: "ar/bare-title-refers-to-holder",
			lang: "ar",
			text: "وقال وزير النقل فهد العتيبي إن الطريق سيفتح. وأوضح الوزير أن العمل يتقدم.",
			want: []want{{"وزير النقل فهد العتيبي", "=0"}, {"الوزير", "=0"}},
		},
		{
			name: "ar/common-noun-without-referent",
			lang: "ar",
			text: "وأوضحت الوزارة أن الخدمة متاحة للجميع.",
			want: []want{{"الوزارة", ""}},
		},
		{
			name: "en/pronoun-without-antecedent",
			lang: "en",
			text: "He said the plan would work.",
			want: []want{{"He", ""}},
		},
		{
			name: "en/relative-who-refers-to-head",
			lang: "en",
			text: "Mayor Ann Cole spoke first. The plan was backed by Tom Reyes, who said the city could not wait.",
			want: []want{{"who", "Tom Reyes"}},
		},
		{
			name: "ar/relative-refers-to-head",
			lang: "ar",
			text: "وقال المدرب سامي الحربي إن الفريق جاهز. وتحدث الحضور عن تنظيم داعش الذي زعم أن الهجوم انتقام.",
			want: []want{{"المدرب سامي الحربي", "=0"}, {"تنظيم داعش", "ISIS"}},
		},
		{
			name: "ar/document-speaks-for-issuer",
			lang: "ar",
			text: "وقالت وزارة الصحة في بيان إن الحملة بدأت. وأضاف البيان أن الحملة تستمر أسبوعا. وأفاد تقرير للهيئة العامة للإحصاء بأن البطالة تراجعت.",
			want: []want{{"وزارة الصحة", "=0"}, {"البيان", "=0"}, {"تقرير", "الهيئة العامة للإحصاء"}},
		},
		{
			name: "ar/source-phrase-document-speaks-for-issuer",
			lang: "ar",
			text: "وقالت شرطة المدينة في بيان إن الطريق أغلق، وبحسب البيان، أصيب ثلاثة أشخاص.",
			want: []want{{"شرطة المدينة", "=0"}, {"البيان", "=0"}},
		},
		{
			name: "en/document-speaks-for-issuer",
			lang: "en",
			text: "The Interior Department said in a statement that the park would close. The statement said repairs would take a year.",
			want: []want{{"The Interior Department", "=0"}, {"The statement", "=0"}},
		},
		{
			name: "en/common-noun-refers-to-company",
			lang: "en",
			text: "Acme Company said it would appeal. The company said the ruling was wrong.",
			want: []want{{"Acme Company", "Acme Company"}, {"The company", "Acme Company"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract(Article{ID: "t", Text: tt.text, Language: tt.lang})
			if len(x.Statements) != len(tt.want) {
				for _, s := range x.Statements {
					t.Logf("got %q %q %q", s.SpeakerText, s.Cue, s.Content)
				}
				t.Fatalf("Extract(%q) = %d statements; want %d", tt.text, len(x.Statements), len(tt.want))
			}
			for i, w := range tt.want {
				s := x.Statements[i]
				a := x.Actor(s.SpeakerID)
				if a == nil {
					t.Fatalf("statement %d: speaker %q is no actor", i, s.SpeakerID)
				}
				name := a.Name
				switch {
				case a.Kind == KindAnonymous && w.actor == "":
					name = ""
				case strings.HasPrefix(w.actor, "="):
					if n := int(w.actor[1] - '0'); x.Statements[n].SpeakerID == s.SpeakerID && a.Kind != KindAnonymous {
						name = w.actor
					}
				}
				if s.SpeakerText != w.text || name != w.actor {
					t.Errorf("statement %d speaker = (%q, %q %v); want (%q, %q)", i, s.SpeakerText, a.Name, a.Kind, w.text, w.actor)
				}
			}
		})
	}
}
