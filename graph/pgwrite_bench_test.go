package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/extract"
)

var (
	benchCorpus  = flag.String("graph.corpus", "../../shared/corpus", "directory of corpus JSONL files for BenchmarkIngestCorpus")
	benchCorpusN = flag.Int("graph.corpusn", 200, "articles BenchmarkIngestCorpus writes, Arabic and English taking turns")
)

// corpusDocs returns n articles of the corpus in dir, extracted, Arabic
// and English files taking turns. It skips the benchmark when dir is
// missing.
func corpusDocs(b testing.TB, dir string, n int) []Document {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		b.Skipf("no corpus in %s (-graph.corpus)", dir)
	}
	var byFile [][]Document
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 16<<20)
		var docs []Document
		for len(docs) < n && sc.Scan() {
			var in struct{ ID, Text, Language, Published, Title, Publisher, URL string }
			if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
			a := extract.Article{ID: in.ID, Text: in.Text, Language: in.Language}
			if t, err := time.Parse("2006-01-02", in.Published); err == nil {
				a.Published = t
			}
			x := extract.Extract(a)
			docs = append(docs, Document{
				Meta: ArticleMeta{ID: strings.ToLower(in.ID), URL: in.URL, Title: in.Title, Publisher: in.Publisher,
					Language: x.Language, Published: in.Published},
				Text: in.Text, Extraction: x,
			})
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		byFile = append(byFile, docs)
	}
	var out []Document
	for i := 0; len(out) < n; i++ {
		took := false
		for _, docs := range byFile {
			if i < len(docs) && len(out) < n {
				out = append(out, docs[i])
				took = true
			}
		}
		if !took {
			break
		}
	}
	return out
}

// BenchmarkIngestCorpus writes -graph.corpusn corpus articles (extracted
// beforehand, untimed), 50 a transaction, into an empty store with
// linking on, then replaces ten of them by their first half and deletes
// them: on bolt, and on
// PostgreSQL when CLAIMGRAPH_TEST_POSTGRES is set. Run it with
// -benchtime 1x and -cpuprofile to see where a write's time goes.
func BenchmarkIngestCorpus(b *testing.B) {
	docs := corpusDocs(b, *benchCorpus, *benchCorpusN)
	backends := []struct {
		name string
		cfg  func(b *testing.B) Config
	}{
		{"bolt", func(b *testing.B) Config { return Config{Backend: BackendBolt, Path: b.TempDir() + "/db"} }},
		{"postgres", func(b *testing.B) Config { return Config{Backend: BackendPostgres, Path: pgScratch(b)} }},
	}
	// The replacements: the first half of an article's text, extracted
	// anew, as cgbench replaces.
	var shorter []Document
	for i := range min(10, len(docs)) {
		d := docs[i*len(docs)/min(10, len(docs))]
		text := []rune(d.Text)
		d.Text = string(text[:len(text)/2])
		a := extract.Article{ID: d.Meta.ID, Text: d.Text, Language: d.Meta.Language}
		if t, err := time.Parse("2006-01-02", d.Meta.Published); err == nil {
			a.Published = t
		}
		d.Extraction = extract.Extract(a)
		shorter = append(shorter, d)
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				b.StopTimer()
				s := openTest(b, be.cfg(b))
				b.StartTimer()
				start := time.Now()
				for i := 0; i < len(docs); i += 50 {
					if _, err := s.PutArticles(ctx, docs[i:min(i+50, len(docs))]); err != nil {
						b.Fatal(err)
					}
				}
				ingest := time.Since(start)
				edits := min(10, len(docs))
				start = time.Now()
				for i := range edits {
					if _, err := s.PutArticle(ctx, shorter[i]); err != nil {
						b.Fatal(err)
					}
				}
				replace := time.Since(start)
				start = time.Now()
				for i := range edits {
					if _, err := s.DeleteArticle(ctx, docs[i*len(docs)/edits].Meta.ID); err != nil {
						b.Fatal(err)
					}
				}
				del := time.Since(start)
				b.ReportMetric(float64(len(docs))/ingest.Seconds(), "articles/s")
				b.ReportMetric(float64(replace.Milliseconds())/float64(edits), "ms/replace")
				b.ReportMetric(float64(del.Milliseconds())/float64(edits), "ms/delete")
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
