package metrics

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
)

// fakeStore holds articles and links and counts how often it is listed.
type fakeStore struct {
	articles []graph.ArticleInfo
	links    []graph.Link
	lists    int
}

func (f *fakeStore) ListArticles(_ context.Context, _ graph.ArticleFilter, p graph.Page) ([]graph.ArticleInfo, string, error) {
	f.lists++
	return page(f.articles, p)
}

func (f *fakeStore) ListLinks(_ context.Context, _ graph.LinkFilter, p graph.Page) ([]graph.Link, string, error) {
	return page(f.links, p)
}

// page pages items with After as a decimal index.
func page[T any](items []T, p graph.Page) ([]T, string, error) {
	start := 0
	if p.After != "" {
		start = int(p.After[0] - '0')
	}
	end := min(start+p.Limit, len(items))
	next := ""
	if end < len(items) {
		next = string(rune('0' + end))
	}
	return items[start:end], next, nil
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStoreCounts(t *testing.T) {
	st := &fakeStore{
		articles: []graph.ArticleInfo{{StatementCount: 2, FigureCount: 1, EventCount: 3}, {StatementCount: 5}},
		links:    []graph.Link{{Kind: graph.FigureConflicts}, {Kind: graph.SameClaim}, {Kind: graph.FigureConflicts}},
	}
	m := New(st)
	m.MinInterval = time.Hour
	body := scrape(t, m)
	for _, want := range []string{
		"claimgraph_articles_stored 2\n", "claimgraph_statements_stored 7\n", "claimgraph_figures_stored 1\n",
		"claimgraph_events_stored 3\n", "claimgraph_conflicts_stored 2\n",
		`claimgraph_links_stored{kind="SAME_CLAIM"} 1` + "\n", `claimgraph_links_stored{kind="SAME_EVENT"} 0` + "\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("first scrape has no %q", strings.TrimSpace(want))
		}
	}
	if strings.Contains(body, "claimgraph_store_quads") {
		t.Error("a store without QuadCount exports claimgraph_store_quads")
	}
	// Scrapes without writes read the cached counts.
	scrape(t, m)
	scrape(t, m)
	if st.lists != 1 {
		t.Errorf("three scrapes without a write listed the articles %d times; want 1", st.lists)
	}
	// A write within MinInterval does not recount; after it, a scrape does.
	st.articles = append(st.articles, graph.ArticleInfo{StatementCount: 1})
	m.ObserveIngestBatch(1)
	if body := scrape(t, m); st.lists != 1 || !strings.Contains(body, "claimgraph_articles_stored 2\n") {
		t.Errorf("a scrape within MinInterval of the last count recounted (lists %d)", st.lists)
	}
	m.MinInterval = time.Nanosecond
	body = scrape(t, m)
	if st.lists != 2 || !strings.Contains(body, "claimgraph_articles_stored 3\n") || !strings.Contains(body, "claimgraph_ingest_batches_total 1\n") {
		t.Errorf("after a write and MinInterval, scrape = lists %d\n%s", st.lists, body)
	}
	scrape(t, m)
	if st.lists != 2 {
		t.Errorf("a scrape with no write since the last count recounted (lists %d)", st.lists)
	}
}
