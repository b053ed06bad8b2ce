package graph

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/claimgraph/claimgraph/extract"
)

var (
	benchSizes       = flag.String("graph.benchsizes", "1000,20000", "store sizes, in articles, of the bolt benchmarks (-short keeps the first)")
	benchLinkedSizes = flag.String("graph.benchlinkedsizes", "1000", "store sizes, in articles, of the linking=on variants (a linked article takes about 3.5 times the quads)")
	benchDir         = flag.String("graph.benchdir", "", "directory keeping the benchmark stores between runs (default: a temporary one, removed)")
)

// benchDoc returns synthetic article i; variant changes its wording but not
// its shape, so both variants have the same number of quads.
func benchDoc(i, variant int) Document {
	id := fmt.Sprintf("bench-%06d", i)
	w := []string{"said", "stated"}[variant%2]
	x := &extract.Extraction{Language: "en"}
	for a := 0; a < 5; a++ {
		n := (i*7 + a*13) % 300 // actors shared between articles
		x.Actors = append(x.Actors, extract.Actor{
			ID: fmt.Sprintf("actor-%03d", n), Name: fmt.Sprintf("Person%03d Family%02d", n, n%40),
			Kind: extract.KindPerson, Aliases: []string{fmt.Sprintf("Family%02d", n%40)},
		})
	}
	var text strings.Builder
	for s := 0; s < 8; s++ {
		sp := x.Actors[s%5].ID
		content := fmt.Sprintf("article %d statement %d %s that the talks %d would go on", i, s, w, s)
		text.WriteString(content + ". ")
		x.Statements = append(x.Statements, extract.Statement{
			ID: fmt.Sprintf("s%d", s*100), SpeakerID: sp, SpeakerText: sp, Cue: w, Content: content,
			ContentSpan: extract.Span{Start: s * 100, End: s*100 + 60}, Kind: extract.Indirect, Sentence: s,
			Confidence: 0.8, MentionIDs: []string{x.Actors[(s+1)%5].ID},
		})
	}
	for f := 0; f < 3; f++ {
		x.Figures = append(x.Figures, extract.Figure{
			ID: fmt.Sprintf("f%d", f), Value: float64(i*10 + f + variant), Qualifier: extract.About, Approximate: true,
			Unit: "person", Measure: "killed", SourceID: x.Actors[f].ID, Text: fmt.Sprintf("about %d", i*10+f+variant),
		})
	}
	for e := 0; e < 2; e++ {
		x.Events = append(x.Events, extract.Event{
			ID: fmt.Sprintf("e%d", e), Kind: "meeting", Trigger: w, Date: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+e),
			ParticipantIDs: []string{x.Actors[e].ID, x.Actors[e+2].ID},
		})
	}
	return Document{
		Meta:       ArticleMeta{ID: id, Title: "Bench " + id, Language: "en", Published: "2025-10-07"},
		Text:       text.String(),
		Extraction: x,
	}
}

// benchKey names a bench store: its size in articles, and whether it
// links (then its articles are linkedBenchDoc's).
type benchKey struct {
	n      int
	linked bool
}

// linkedBenchDoc returns synthetic article i, variant, for a store that
// links: as benchDoc, but its articles come in stories of benchStory
// articles that share their speakers, one measure and the day of their
// events, so every scope holds about benchStory articles (a few more where
// stories share an event day) and each link is within one story. Its first
// statement reports the story's claim, which every article of the story
// repeats; the others say things of their own. Its first figure counts the
// story's measure, "about" a value that differs by article and variant:
// within a story some agree and some conflict. The other figures count
// nothing linkable.
func linkedBenchDoc(i, variant int) Document {
	d := benchDoc(i, variant)
	c := i / benchStory
	x := d.Extraction
	for a := range x.Actors {
		x.Actors[a].ID = fmt.Sprintf("story-%04d-actor-%d", c, a)
	}
	for s := range x.Statements {
		if s == 0 {
			x.Statements[s].Content = fmt.Sprintf("the ceasefire deal of story %d would hold", c)
		} else {
			x.Statements[s].Content = fmt.Sprintf("the %s and %s %s about %s", benchWord(i, s, 0), benchWord(i, s, 1), benchWord(i, s, 2), benchWord(i, s, 3))
		}
		x.Statements[s].SpeakerID = x.Actors[s%5].ID
		x.Statements[s].MentionIDs = []string{x.Actors[(s+1)%5].ID}
	}
	for f := range x.Figures {
		x.Figures[f].SourceID = x.Actors[f].ID
		if f == 0 {
			x.Figures[f].Measure = fmt.Sprintf("killed-story-%04d", c)
			x.Figures[f].Value = float64(1000*(1+i%benchStory) + 10*variant)
		} else {
			x.Figures[f].Measure = ""
		}
	}
	for e := range x.Events {
		x.Events[e].Date = fmt.Sprintf("2025-%02d-%02d", 1+c%12, 1+(c/12)%28)
		x.Events[e].ParticipantIDs = []string{x.Actors[e].ID, x.Actors[e+2].ID}
	}
	return d
}

// benchWord returns a made-up word of its own for word w of statement s of
// article i.
func benchWord(i, s, w int) string {
	n := ((i*8+s)*4+w)*7919 + 104729
	var b []byte
	for range 6 {
		b = append(b, byte('a'+n%26))
		n /= 26
	}
	return string(b)
}

// benchStory is the number of articles of one story in linkedBenchDoc.
const benchStory = 20

// benchStore is a bolt store filled with n synthetic articles, built once
// per size and kind and shared by the benchmarks of one run. A store that
// does not link has linking switched off, so its writes cost what they did
// before linking.
type benchStore struct {
	s     *Store
	quads int64
	raw   *rawWrite
}

var (
	benchMu     sync.Mutex
	benchStores = map[benchKey]*benchStore{}
	benchDirs   []string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, bs := range benchStores {
		bs.s.Close()
	}
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func sizes(b testing.TB) []int {
	b.Helper()
	return parseSizes(b, *benchSizes)
}

func parseSizes(b testing.TB, list string) []int {
	b.Helper()
	var out []int
	for _, f := range strings.Split(list, ",") {
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil {
			b.Fatalf("bad store sizes %q", list)
		}
		out = append(out, n)
		if testing.Short() {
			break
		}
	}
	return out
}

func openBench(b testing.TB, n int) *benchStore {
	b.Helper()
	return openBenchStore(b, benchKey{n: n})
}

func openBenchStore(b testing.TB, k benchKey) *benchStore {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if bs := benchStores[k]; bs != nil {
		return bs
	}
	n := k.n
	doc := benchDoc
	if k.linked {
		doc = linkedBenchDoc
	}
	var dir string
	if *benchDir != "" {
		dir = fmt.Sprintf("%s/articles-%d", *benchDir, n)
		if k.linked {
			dir += "-linked"
		}
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "claimgraph-bench-"); err != nil {
			b.Fatal(err)
		}
		benchDirs = append(benchDirs, dir)
	}
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: BackendBolt, Path: dir})
	if err != nil {
		b.Fatal(err)
	}
	s.linkOff = !k.linked
	if _, err := s.GetArticle(ctx, doc(n-1, 0).Meta.ID); err == nil {
		q, err := s.QuadCount(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("bolt store of %d articles (linked %v), %d quads, reused from %s", n, k.linked, q, dir)
		bs := &benchStore{s: s, quads: q}
		benchStores[k] = bs
		return bs
	}
	start := time.Now()
	const batch = 100
	for i := 0; i < n; i += batch {
		docs := make([]Document, 0, batch)
		for j := i; j < min(i+batch, n); j++ {
			docs = append(docs, doc(j, 0))
		}
		if _, err := s.PutArticles(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	q, err := s.QuadCount(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("bolt store of %d articles (linked %v), %d quads, loaded in %v (%.0f quads/s)", n, k.linked, q, time.Since(start), float64(q)/time.Since(start).Seconds())
	bs := &benchStore{s: s, quads: q}
	benchStores[k] = bs
	return bs
}

// rawDeltas returns the deltas that turn article id's variant from into
// variant to, as PutArticle computes them, for applying straight to Cayley.
func rawDeltas(b testing.TB, i, from, to int) []cgraph.Delta {
	b.Helper()
	// Each variant has its own ingest time, so the two delta sets undo
	// each other.
	a, err := buildArticle(benchDoc(i, from), time.Unix(int64(from), 0))
	if err != nil {
		b.Fatal(err)
	}
	c, err := buildArticle(benchDoc(i, to), time.Unix(int64(to), 0))
	if err != nil {
		b.Fatal(err)
	}
	tx := cgraph.NewTransaction()
	for _, q := range a.quads {
		tx.RemoveQuad(q)
	}
	for _, q := range c.quads {
		tx.AddQuad(q)
	}
	return tx.Deltas
}

// rawWrite applies the same change as a replace straight to Cayley, n
// times, on an article of its own: the ceiling a replace can approach.
type rawWrite struct {
	s      *Store
	deltas [2][]cgraph.Delta
	state  int
}

func newRawWrite(b testing.TB, bs *benchStore) *rawWrite {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if bs.raw != nil {
		return bs.raw
	}
	const id = 999999999 // outside the loaded range
	r := &rawWrite{s: bs.s}
	r.deltas[0] = rawDeltas(b, id, 0, 1)
	r.deltas[1] = rawDeltas(b, id, 1, 0)
	a, err := buildArticle(benchDoc(id, 0), time.Unix(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	// A kept store may hold the raw article in either state: start afresh.
	if _, err := bs.s.DeleteArticle(context.Background(), a.info.ID); err != nil && !errors.Is(err, ErrNotFound) {
		b.Fatal(err)
	}
	bs.s.mu.Lock()
	defer bs.s.mu.Unlock()
	{
		tx := cgraph.NewTransaction()
		for _, q := range a.quads {
			tx.AddQuad(q)
		}
		if err := bs.s.qs.ApplyDeltas(tx.Deltas, cgraph.IgnoreOpts{}); err != nil {
			b.Fatal(err)
		}
	}
	bs.raw = r
	return r
}

func (r *rawWrite) run(b testing.TB, n int) time.Duration {
	b.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	start := time.Now()
	for range n {
		if len(ballast(r.deltas[r.state])) > 0 {
			b.Fatal("raw deltas would need ballast")
		}
		if err := r.s.qs.ApplyDeltas(r.deltas[r.state], cgraph.IgnoreOpts{}); err != nil {
			b.Fatal(err)
		}
		r.state ^= 1
	}
	return time.Since(start)
}

// replaceNeedsBallast reports whether replacing variant from of article i
// by variant to needs ballast (see ballast.go), and so a second transaction.
func replaceNeedsBallast(b testing.TB, i, from, to int) bool {
	b.Helper()
	return len(ballast(rawDeltas(b, i, from, to))) > 0
}

// BenchmarkReplaceArticle replaces one article of a bolt store of each size
// with an edited version and back. x_raw is its time over that of
// BenchmarkRawWrite's, measured in the same run on the same store: flat
// ns/op across sizes shows a replace costs what the article costs.
//
// articles=N writes with linking off: the article alone, as before linking.
// articles=N/linking=on writes to a store that links (linkedBenchDoc:
// stories of benchStory articles), so each replace also reloads the
// story's articles, links them again and rewrites what changed; its x_raw
// is still against the raw write of the article's own quads. Its sizes are
// -graph.benchlinkedsizes.
func BenchmarkReplaceArticle(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) { benchReplace(b, benchKey{n: n}) })
	}
	for _, n := range parseSizes(b, *benchLinkedSizes) {
		b.Run(fmt.Sprintf("articles=%d/linking=on", n), func(b *testing.B) { benchReplace(b, benchKey{n: n, linked: true}) })
	}
}

func benchReplace(b *testing.B, k benchKey) {
	ctx := context.Background()
	n := k.n
	bs := openBenchStore(b, k)
	raw := newRawWrite(b, bs)
	doc := benchDoc
	if k.linked {
		doc = linkedBenchDoc
	}
	docs := [2]Document{doc(n/2, 1), doc(n/2, 0)}
	if replaceNeedsBallast(b, n/2, 0, 1) || replaceNeedsBallast(b, n/2, 1, 0) {
		b.Fatal("the benchmark's replace would need ballast")
	}
	var took, rawTook time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Replace and raw write take turns, so both meet the
		// same state of the disk and the page cache.
		start := time.Now()
		if _, err := bs.s.PutArticle(ctx, docs[i%2]); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		rawTook += raw.run(b, 1)
		b.StartTimer()
	}
	b.StopTimer()
	if b.N%2 == 1 { // leave the store as loaded
		if _, err := bs.s.PutArticle(ctx, docs[1]); err != nil {
			b.Fatal(err)
		}
	}
	if raw.state == 1 {
		raw.run(b, 1)
	}
	b.ReportMetric(float64(took)/float64(rawTook), "x_raw")
	b.ReportMetric(float64(bs.quads), "store_quads")
}

// BenchmarkRawWrite applies the deltas of a replace straight to Cayley's
// ApplyDeltas: the ceiling of BenchmarkReplaceArticle.
func BenchmarkRawWrite(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			bs := openBench(b, n)
			raw := newRawWrite(b, bs)
			b.ResetTimer()
			raw.run(b, b.N)
		})
	}
}

// BenchmarkRead measures typed reads on the bolt stores: an article, the
// first page of all statements (walks the article list), the statements of
// one speaker named by a word of its name, and an actor.
func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		bs := openBench(b, n)
		// Not the article BenchmarkReplaceArticle rewrites: on KV stores a
		// deleted quad stays in the indexes, marked dead, so a node's
		// reads slow down with every replace of it.
		mid := benchDoc(n/3, 0)
		for _, tc := range []struct {
			name string
			fn   func() error
		}{
			{"GetArticle", func() error { _, err := bs.s.GetArticle(ctx, mid.Meta.ID); return err }},
			{"ListStatements/all", func() error {
				_, _, err := bs.s.ListStatements(ctx, StatementFilter{}, Page{Limit: 50})
				return err
			}},
			{"ListStatements/speaker", func() error {
				_, _, err := bs.s.ListStatements(ctx, StatementFilter{Speaker: "Person007"}, Page{Limit: 50})
				return err
			}},
			{"GetActor", func() error { _, err := bs.s.GetActor(ctx, "actor-007"); return err }},
		} {
			b.Run(fmt.Sprintf("articles=%d/%s", n, tc.name), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := tc.fn(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
