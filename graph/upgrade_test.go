package graph

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// testdata/store-v1/story.nq.gz is the export of a version 1 store: the
// story of testdata/story and the seed, ingested by claimgraph at commit
// 50cfb53 (before the schema version), through its real extractor.
func loadV1(t testing.TB, qs cgraph.QuadStore) {
	t.Helper()
	f, err := os.Open("../testdata/store-v1/story.nq.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := nquads.NewReader(zr, false)
	var deltas []cgraph.Delta
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
}

// checkUpgraded checks a store upgraded from the version 1 fixture.
func checkUpgraded(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	items, _, err := s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 100})
	if err != nil || len(items) != 10 {
		t.Fatalf("ListArticles = %d articles, %v; want 10", len(items), err)
	}
	var b strings.Builder
	if err := s.ExportQuads(ctx, "", &b); err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{string(v1PredLinkInput), string(v1PredScopeArticle), string(v1ClassScope), v1PrefixScope} {
		if strings.Contains(b.String(), "<"+old) {
			t.Errorf("upgraded store still holds %s", old)
		}
	}
	checkAccounted(t, s)
	keys, _, err := s.ListMeasures(ctx, Page{})
	if err != nil || !slices.Contains(keys, "killed@gaza") {
		t.Errorf("ListMeasures = %v, %v; want killed@gaza among them", keys, err)
	}
	if links, _, err := s.ListLinks(ctx, LinkFilter{}, Page{}); err != nil || len(links) == 0 {
		t.Errorf("ListLinks after upgrade = %v, %v; want links", links, err)
	}
	// Deleting every article leaves nothing but the schema version.
	wipe(t, s)
	if n := quadCount(t, s); n != 0 {
		t.Errorf("QuadCount after deleting every upgraded article = %d; want 0: %v", n, linkNQuads(t, s))
	}
}

func TestUpgradeMemory(t *testing.T) {
	s := &Store{cfg: Config{Backend: BackendMemory}, qs: memstore.New(), exclusive: true}
	loadV1(t, s.qs)
	ctx := context.Background()
	if err := checkSchema(ctx, s.cfg, s.qs); !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "claimgraph upgrade") {
		t.Fatalf("checkSchema of a version 1 store = %v; want ErrSchema naming the upgrade command", err)
	}
	var done []int
	if err := s.upgrade(ctx, func(d, total int) { done = append(done, d, total) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done, []int{10, 10}) {
		t.Errorf("progress = %v; want [10 10]", done)
	}
	if err := checkSchema(ctx, s.cfg, s.qs); err != nil {
		t.Fatalf("checkSchema after upgrade: %v", err)
	}
	if err := s.upgrade(ctx, nil); err != nil {
		t.Fatalf("second upgrade: %v", err)
	}
	checkUpgraded(t, s)
}

func TestUpgradeBolt(t *testing.T) {
	if raceEnabled {
		t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race; TestUpgradeMemory runs the upgrade")
	}
	ctx := context.Background()
	cfg := Config{Backend: BackendBolt, Path: filepath.Join(t.TempDir(), "db")}
	qs, err := openQuadStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	loadV1(t, qs)
	qs.Close()
	if _, err := Open(ctx, cfg); !errors.Is(err, ErrSchema) {
		t.Fatalf("Open of a version 1 store = %v; want ErrSchema", err)
	}
	if err := Upgrade(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	s := openTest(t, cfg)
	checkUpgraded(t, s)
}

func TestSchemaNewer(t *testing.T) {
	qs := memstore.New()
	q := schemaQuad
	q.Object = quad.Int(SchemaVersion + 1)
	if err := qs.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: cgraph.Add}}, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if err := checkSchema(context.Background(), Config{Backend: BackendMemory}, qs); !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "newer") {
		t.Errorf("checkSchema of a newer store = %v; want ErrSchema saying it is newer", err)
	}
}
