package graph

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/internal/story"
)

var storyArticles = flag.Int("graph.storyarticles", 2000, "articles of the story store of BenchmarkStoryReads")

// storyStore is a bolt store holding a generated story (internal/story)
// as the extractor reads it, with linking on: one measure that every
// article counts, one speaker quoted in every article, one event group.
// It is built once per run, or kept under -graph.benchdir.
var (
	storyOnce  sync.Once
	storyStore *Store
	storyErr   error
)

func openStoryStore(b testing.TB, n int) *Store {
	b.Helper()
	storyOnce.Do(func() {
		ctx := context.Background()
		var dir string
		if *benchDir != "" {
			dir = fmt.Sprintf("%s/story-%d", *benchDir, n)
		} else {
			if dir, storyErr = os.MkdirTemp("", "claimgraph-story-"); storyErr != nil {
				return
			}
			benchMu.Lock()
			benchDirs = append(benchDirs, dir)
			benchMu.Unlock()
		}
		s, err := Open(ctx, Config{Backend: BackendBolt, Path: dir})
		if err != nil {
			storyErr = err
			return
		}
		storyStore = s
		last := fmt.Sprintf("story-%05d", n)
		if _, err := s.GetArticle(ctx, last); err == nil {
			b.Logf("story store of %d articles reused from %s", n, dir)
			return
		}
		start := time.Now()
		var docs []Document
		flush := func() error {
			_, err := s.PutArticles(ctx, docs)
			docs = docs[:0]
			return err
		}
		storyErr = story.Generate(storyConfig(n), func(a story.Article, _ story.Truth) error {
			doc, err := storyDocument(a)
			if err != nil {
				return err
			}
			if docs = append(docs, doc); len(docs) == 50 {
				return flush()
			}
			return nil
		})
		if storyErr == nil {
			storyErr = flush()
		}
		b.Logf("story store of %d articles built in %v in %s", n, time.Since(start), dir)
	})
	if storyErr != nil {
		b.Fatal(storyErr)
	}
	return storyStore
}

// BenchmarkStoryReads measures the typed reads that a long story makes
// slow, on a bolt store of -graph.storyarticles story articles: the
// measure every article counts, the speaker every article quotes, the
// actors, a hub's neighbourhood and paths between two articles far apart.
// Besides ns/op it reports each read's p50 and p99 in milliseconds. It is
// not part of the test run:
//
//	go test ./graph -run '^$' -bench StoryReads -benchtime 20x -graph.benchdir /tmp/cgbench
func BenchmarkStoryReads(b *testing.B) {
	ctx := context.Background()
	n := *storyArticles
	s := openStoryStore(b, n)
	far := fmt.Sprintf("story-%05d", n)
	hub := "Guterres" // the actor every article quotes, by id for GetActor
	if as, _, err := s.SearchActors(ctx, ActorFilter{Query: hub}, Page{Limit: 1}); err == nil && len(as) == 1 {
		hub = as[0].ID
	}
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"TrackMeasure", func() error { _, err := s.TrackMeasure(ctx, "killed@gaza"); return err }},
		{"TrackMeasure/page", func() error { _, _, err := s.TrackMeasurePage(ctx, "killed@gaza", Page{Limit: 50}); return err }},
		{"TrackMeasure/page2", func() error {
			_, next, err := s.TrackMeasurePage(ctx, "killed@gaza", Page{Limit: 50})
			if err == nil && next != "" {
				_, _, err = s.TrackMeasurePage(ctx, "killed@gaza", Page{After: next, Limit: 50})
			}
			return err
		}},
		{"ListClaims/speaker", func() error {
			_, _, err := s.ListClaims(ctx, ClaimFilter{Speaker: "Guterres"}, Page{Limit: 50})
			return err
		}},
		{"ListConflicts/measure", func() error { _, _, err := s.ListConflicts(ctx, "killed@gaza", Page{Limit: 50}); return err }},
		{"ListLinks/all", func() error { _, _, err := s.ListLinks(ctx, LinkFilter{}, Page{Limit: 50}); return err }},
		{"GetActor/hub", func() error { _, err := s.GetActor(ctx, hub); return err }},
		{"ListStatements/speaker", func() error {
			_, _, err := s.ListStatements(ctx, StatementFilter{Speaker: "Guterres"}, Page{Limit: 50})
			return err
		}},
		{"ListFigures/measure", func() error {
			_, _, err := s.ListFigures(ctx, FigureFilter{Measure: "killed@gaza"}, Page{Limit: 50})
			return err
		}},
		{"SearchActors/all", func() error { _, _, err := s.SearchActors(ctx, ActorFilter{}, Page{Limit: 50}); return err }},
		{"SearchActors/query", func() error {
			_, _, err := s.SearchActors(ctx, ActorFilter{Query: "Guterres"}, Page{Limit: 50})
			return err
		}},
		{"Neighborhood/depth2", func() error { _, err := s.Neighborhood(ctx, "story-00002", 2, 0); return err }},
		{"FindPaths/depth4", func() error { _, err := s.FindPaths(ctx, "story-00001", far, 4, 0); return err }},
		// As cgbench asks: through the speaker every article quotes.
		{"Neighborhood/hub", func() error { _, err := s.Neighborhood(ctx, hub, 2, 50); return err }},
		{"FindPaths/hub", func() error { _, err := s.FindPaths(ctx, hub, far, 4, 5); return err }},
	} {
		b.Run(tc.name, func(b *testing.B) { timeCalls(b, tc.fn) })
	}
}

// storyConfig is the story the read benchmarks store: n articles.
func storyConfig(n int) story.Config {
	return story.Config{Articles: n, Seed: 1, PerDay: 6, Planted: 2}
}

// storyDocument extracts story article a into the Document a write takes.
func storyDocument(a story.Article) (Document, error) {
	pub, err := time.Parse(time.DateOnly, a.Published)
	if err != nil {
		return Document{}, err
	}
	x := extract.Extract(extract.Article{ID: a.ID, Text: a.Text, Language: a.Language, Published: pub})
	return Document{
		Meta: ArticleMeta{ID: a.ID, URL: a.URL, Title: a.Title, Publisher: a.Publisher, Language: x.Language, Published: a.Published},
		Text: a.Text, Extraction: x,
	}, nil
}

// timeCalls calls fn b.N times and reports the p50 and p99 of a call in
// milliseconds.
func timeCalls(b *testing.B, fn func() error) {
	took := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	ms := func(q float64) float64 {
		return float64(took[min(len(took)-1, int(q*float64(len(took))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.5), "p50_ms")
	b.ReportMetric(ms(0.99), "p99_ms")
}
