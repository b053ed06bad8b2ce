package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkExtraction fails tb unless x is well formed for text: every span
// inside the text with Start ≤ End, every statement's content, cue and
// speaker words the text at their spans, every figure's and time's text the
// text at its span, every actor and event reference resolvable, and IDs
// unique.
func checkExtraction(tb testing.TB, text string, x *Extraction) {
	tb.Helper()
	rs := []rune(text)
	in := func(what string, s Span) {
		tb.Helper()
		if s.Start < 0 || s.End > len(rs) || s.Start > s.End {
			tb.Fatalf("%s span %v outside the text (%d runes) or reversed", what, s, len(rs))
		}
	}
	at := func(s Span) string { return string(rs[s.Start:s.End]) }
	ids := map[string]bool{}
	unique := func(kind, id string) {
		tb.Helper()
		if id == "" || ids[kind+id] {
			tb.Fatalf("%s ID %q empty or repeated", kind, id)
		}
		ids[kind+id] = true
	}
	for _, a := range x.Actors {
		unique("actor", a.ID)
		for _, m := range a.Mentions {
			in("actor "+a.Name, m)
		}
	}
	for _, s := range x.Statements {
		unique("statement", s.ID)
		in("content", s.ContentSpan)
		in("cue", s.CueSpan)
		in("speaker", s.SpeakerSpan)
		if got := at(s.ContentSpan); !contentFrom(s.Content, got) {
			tb.Fatalf("statement %s content %q; text at %v is %q", s.ID, s.Content, s.ContentSpan, got)
		}
		if got := at(s.CueSpan); got != s.Cue {
			tb.Fatalf("statement %s cue %q; text at %v is %q", s.ID, s.Cue, s.CueSpan, got)
		}
		if s.Content == "" {
			tb.Fatalf("statement %s has no content", s.ID)
		}
		if x.Actor(s.SpeakerID) == nil {
			tb.Fatalf("statement %s speaker %q is not an actor", s.ID, s.SpeakerID)
		}
		if s.Confidence <= 0 || s.Confidence > 1 {
			tb.Fatalf("statement %s confidence %v outside (0, 1]", s.ID, s.Confidence)
		}
	}
	for _, f := range x.Figures {
		unique("figure", f.ID)
		in("figure", f.Span)
		if got := at(f.Span); got != f.Text {
			tb.Fatalf("figure %s text %q; text at %v is %q", f.ID, f.Text, f.Span, got)
		}
		if f.SourceID != "" && x.Actor(f.SourceID) == nil {
			tb.Fatalf("figure %s source %q is not an actor", f.ID, f.SourceID)
		}
	}
	for _, e := range x.Events {
		unique("event", e.ID)
		in("event", e.Span)
		for _, id := range append(append([]string(nil), e.ParticipantIDs...), e.PlaceIDs...) {
			if x.Actor(id) == nil {
				tb.Fatalf("event %s refers to %q, not an actor", e.ID, id)
			}
		}
	}
	for _, tm := range x.Times {
		in("time", tm.Span)
		if got := at(tm.Span); got != tm.Text {
			tb.Fatalf("time text %q; text at %v is %q", tm.Text, tm.Span, got)
		}
	}
}

// contentFrom reports whether a statement's content comes from the text
// at its span: that text, or its words in order (a quotation interrupted
// by its attribution is joined: “My hope,” he said, “is that …” holds
// "My hope, is that …"), without a space at either end.
func contentFrom(content, span string) bool {
	if content == span {
		return true
	}
	if strings.TrimSpace(content) != content {
		return false
	}
	rest := span
	for _, w := range strings.Fields(content) {
		i := strings.Index(rest, w)
		if i < 0 {
			return false
		}
		rest = rest[i+len(w):]
	}
	return true
}

func FuzzExtract(f *testing.F) {
	f.Add("ar", "وأوضح الرئيس الأمريكي أنه سيناقش التطورات. وقال: “نتمتع بقوة”، مشيرًا إلى أن 12 ألف فلسطيني")
	f.Add("ar", "ونقلت صحيفة «عكاظ» عن طبيب قوله إن «عدد المراجعين ارتفع بنحو 30 في المائة» يوم 10 ذو الحجة 1445هـ")
	f.Add("en", "“Entire villages have been flattened,” said Ahmed Benali. The government estimates that between 300,000 and 350,000 people")
	f.Add("en", "A federal judge on Thursday ordered the company to pay $2.5 million, \"according to")
	f.Add("", "\xff\xfe قال \xc3 said \"x")
	f.Fuzz(func(t *testing.T, lang, text string) {
		switch lang {
		case "ar", "en":
		default:
			lang = ""
		}
		x := Extract(Article{ID: "f", Text: text, Language: lang, Published: time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC)})
		checkExtraction(t, text, x)
	})
}

// benchArticles returns the development articles to time extraction on:
// the shared gold and polnear-dev sets when EVAL_DIR or ../../shared/eval
// holds them, else the gold cases under testdata.
func benchArticles(tb testing.TB) []Article {
	tb.Helper()
	dir := os.Getenv("EVAL_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "eval")
	}
	var out []Article
	for _, sub := range []string{"gold", "polnear-dev"} {
		for _, g := range loadGold(tb, filepath.Join(dir, sub)) {
			out = append(out, g.article(tb))
		}
	}
	if len(out) == 0 {
		for _, g := range loadGold(tb, filepath.Join("..", "testdata", "extract", "gold")) {
			out = append(out, g.article(tb))
		}
		out = append(out, Article{ID: "figures", Text: figureBenchText})
	}
	return out
}

func BenchmarkExtract(b *testing.B) {
	arts := benchArticles(b)
	for _, lang := range []string{"ar", "en"} {
		var set []Article
		n := 0
		for _, a := range arts {
			if a.Language == lang || a.Language == "" && lang == "ar" {
				set = append(set, a)
				n += len(a.Text)
			}
		}
		if len(set) == 0 {
			continue
		}
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(n))
			for i := 0; i < b.N; i++ {
				for _, a := range set {
					Extract(a)
				}
			}
		})
	}
}

// BenchmarkExtractCorpus times extraction over the shared corpus
// (CORPUS_DIR, or ../shared/corpus beside the checkout), one sub-benchmark
// per language; the goal is 4 MB/s or more per core (-cpu 1). Besides
// MB/s of wall-clock time, which other work on the machine slows, it
// reports MB per second of the process's CPU time (MB/cpu-s), the same for
// preparing the documents alone (tok-MB/cpu-s: tokens and sentences, the
// least that any extraction costs), and the share of that ceiling that
// the whole extraction reaches (x-tok).
func BenchmarkExtractCorpus(b *testing.B) {
	dir := os.Getenv("CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		b.Skipf("no corpus under %s", dir)
	}
	byLang := map[string][]Article{}
	size := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var in struct{ ID, Text, Language, Published string }
			if err := json.Unmarshal(line, &in); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
			a := Article{ID: in.ID, Text: in.Text, Language: in.Language}
			a.Published, _ = time.Parse("2006-01-02", in.Published)
			byLang[in.Language] = append(byLang[in.Language], a)
			size[in.Language] += len(in.Text)
		}
	}
	for _, lang := range []string{"ar", "en"} {
		set := byLang[lang]
		if len(set) == 0 {
			continue
		}
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(size[lang]))
			var extractCPU, tokenCPU time.Duration
			known := true
			for i := 0; i < b.N; i++ {
				c0, ok0 := processCPU()
				for _, a := range set {
					Extract(a)
				}
				c1, ok1 := processCPU()
				// The ceiling, measured in the same run: preparing the
				// document alone (runes, tokens, sentences), which every
				// extractor reads.
				b.StopTimer()
				for _, a := range set {
					newDocument(a)
				}
				c2, ok2 := processCPU()
				b.StartTimer()
				known = known && ok0 && ok1 && ok2
				extractCPU += c1 - c0
				tokenCPU += c2 - c1
			}
			if known && extractCPU > 0 && tokenCPU > 0 {
				mb := float64(size[lang]) * float64(b.N) / 1e6
				b.ReportMetric(mb/extractCPU.Seconds(), "MB/cpu-s")
				b.ReportMetric(mb/tokenCPU.Seconds(), "tok-MB/cpu-s")
				b.ReportMetric(tokenCPU.Seconds()/extractCPU.Seconds(), "x-tok")
			}
		})
	}
}
