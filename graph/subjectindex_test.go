package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// indexedDoc is benchDoc i, variant, with its first figure in the measure
// "killed@test" and, in variant 1, its first statement spoken by another
// actor.
func indexedDoc(i, variant int) Document {
	d := benchDoc(i, variant)
	x := d.Extraction
	x.Figures[0].Key = "killed@test"
	if variant == 1 {
		x.Statements[0].SpeakerID = x.Actors[4].ID
		x.Actors[0].Name = "Renamed " + x.Actors[0].Name
		x.Actors[1].Kind = extract.KindOrganization
		x.Actors[2].Roles = []extract.Role{{Title: "envoy", Start: "2025-01-01"}}
	}
	// Ids that encodeID does not keep in order, named by some articles.
	for _, id := range []string{"odd:%d", "odd~%d", "odd5%d", "odd %d"} {
		x.Actors = append(x.Actors, extract.Actor{ID: fmt.Sprintf(id, i%3), Name: "Odd " + id[3:4], Kind: extract.KindOrganization})
		x.Statements[1].MentionIDs = append(x.Statements[1].MentionIDs, fmt.Sprintf(id, i%3))
	}
	return d
}

// TestSubjectIndexPages checks that filtered lists paged from the ordered
// subject lists give what the lists read from Cayley's indexes give, page
// by page for several page sizes, after the lists were built and then kept
// through writes, replaces and deletes.
func TestSubjectIndexPages(t *testing.T) {
	ctx := context.Background()
	eachIndexedBackend(t, func(t *testing.T, s *Store) {
		s.linkOff = true
		put := func(docs ...Document) {
			t.Helper()
			if _, err := s.PutArticles(ctx, docs); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 24; i++ {
			put(indexedDoc(i, 0))
		}
		type list func(p Page) ([]string, string, error)
		statements := func(f StatementFilter) list {
			return func(p Page) ([]string, string, error) {
				items, next, err := s.ListStatements(ctx, f, p)
				var keys []string
				for _, it := range items {
					keys = append(keys, fmt.Sprintf("%s/%s %s", it.ArticleID, it.ID, it.SpeakerID))
				}
				return keys, next, err
			}
		}
		figures := func(f FigureFilter) list {
			return func(p Page) ([]string, string, error) {
				items, next, err := s.ListFigures(ctx, f, p)
				var keys []string
				for _, it := range items {
					keys = append(keys, fmt.Sprintf("%s/%s %v", it.ArticleID, it.ID, it.Value))
				}
				return keys, next, err
			}
		}
		events := func(f EventFilter) list {
			return func(p Page) ([]string, string, error) {
				items, next, err := s.ListEvents(ctx, f, p)
				var keys []string
				for _, it := range items {
					keys = append(keys, fmt.Sprintf("%s/%s %v", it.ArticleID, it.ID, it.ParticipantIDs))
				}
				return keys, next, err
			}
		}
		actors := func(f ActorFilter) list {
			return func(p Page) ([]string, string, error) {
				items, next, err := s.SearchActors(ctx, f, p)
				var keys []string
				for _, it := range items {
					keys = append(keys, fmt.Sprintf("%s %s %v %v %v", it.ID, it.Name, it.Kind, it.Aliases, it.Roles))
				}
				return keys, next, err
			}
		}
		lists := map[string]list{
			"statements/speaker":         statements(StatementFilter{Speaker: "Family07"}),
			"statements/speaker+mention": statements(StatementFilter{Speaker: "Family07", Mentions: "Family20"}),
			"statements/article+speaker": statements(StatementFilter{ArticleID: "bench-000005", Speaker: "Family35"}),
			"figures/measure-key":        figures(FigureFilter{Measure: "killed@test"}),
			"figures/measure-name":       figures(FigureFilter{Measure: "killed"}),
			"figures/source":             figures(FigureFilter{Source: "Family07", Measure: "killed"}),
			"events/participant":         events(EventFilter{Participant: "Family07"}),
			"events/kind+date":           events(EventFilter{Kind: "meeting", DateFrom: "2025-03", DateTo: "2025-06"}),
			"statements/nobody":          statements(StatementFilter{Speaker: "Nobody"}),
			"actors/all":                 actors(ActorFilter{}),
			"actors/organizations":       actors(ActorFilter{Kind: extract.KindOrganization}),
		}
		// all reads every page of l, size at a time.
		all := func(l list, size int) []string {
			t.Helper()
			var out []string
			p := Page{Limit: size}
			for range 1000 {
				keys, next, err := l(p)
				if err != nil {
					t.Fatal(err)
				}
				if len(keys) > size {
					t.Fatalf("page of %d items, limit %d", len(keys), size)
				}
				out = append(out, keys...)
				if next == "" {
					return out
				}
				if len(keys) != size {
					t.Fatalf("page of %d items, limit %d, with a next page", len(keys), size)
				}
				p.After = next
			}
			t.Fatal("pages never end")
			return nil
		}
		check := func(stage string) {
			t.Helper()
			for name, l := range lists {
				ix := s.index
				s.index = nil // Cayley's indexes alone: the reference
				want := all(l, 1000)
				s.index = ix
				if len(want) == 0 && name != "statements/nobody" {
					t.Fatalf("%s: %s: the reference is empty: the test tests nothing", stage, name)
				}
				for _, size := range []int{1, 2, 5, 1000} {
					if got := all(l, size); !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %s, pages of %d:\n got %v\nwant %v", stage, name, size, got, want)
					}
				}
			}
		}
		check("built")
		put(indexedDoc(24, 0), indexedDoc(25, 0))
		// Replaces: another speaker, other figure values, an actor
		// renamed in most of the articles that name it, one of
		// another kind, one with a role.
		put(indexedDoc(7, 1), indexedDoc(0, 1), indexedDoc(1, 1), indexedDoc(3, 1))
		if _, err := s.DeleteArticle(ctx, "bench-000014"); err != nil {
			t.Fatal(err)
		}
		check("kept")
		if cfg := s.cfg; cfg.Backend == BackendBolt { // the lists start afresh on open
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openTest(t, cfg)
			check("reopened")
		}
	})
}

// TestPredScan checks that on bolt the reads by node and predicate scan
// Cayley's (subject, predicate) and (object, predicate) indexes, and find
// what filtering every quad of the node finds.
func TestPredScan(t *testing.T) {
	if raceEnabled {
		t.Skip("boltdb/bolt v1.3.1 fails checkptr under -race")
	}
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	s.linkOff = true
	for i := range 6 {
		if _, err := s.PutArticle(ctx, indexedDoc(i, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteArticle(ctx, "bench-000002"); err != nil { // dead quads stay in the index
		t.Fatal(err)
	}
	if err := s.rlock(); err != nil {
		t.Fatal(err)
	}
	defer s.runlock()
	found := 0
	for _, c := range []struct {
		d    quad.Direction
		v    quad.Value
		pred quad.IRI
	}{
		{quad.Object, ActorIRI("actor-007"), PredSpeaker},
		{quad.Object, ActorIRI("actor-007"), PredMentions},
		{quad.Subject, ActorIRI("actor-007"), PredMentionedIn},
		{quad.Subject, ActorIRI("actor-007"), PredName},
		{quad.Object, quad.String("killed"), PredMeasure},
		{quad.Object, ActorIRI("nobody"), PredSpeaker},
		{quad.Object, ActorIRI("actor-007"), "http://example.org/never"},
	} {
		scan, err := s.predScanLocked(ctx, c.d, c.v, c.pred)
		if err != nil || scan == nil {
			t.Fatalf("predScanLocked(%v, %v, %v) = %v, %v; want a scan", c.d, c.v, c.pred, scan, err)
		}
		var got, want []string
		if err := s.eachOfLocked(ctx, c.d, c.v, c.pred, func(o quad.Value, n int) {
			for range n {
				got = append(got, quad.ToString(o))
			}
		}); err != nil {
			t.Fatal(err)
		}
		err = s.eachLinkLocked(ctx, c.d, c.v, func(p quad.IRI) bool { return p == c.pred }, func(_ quad.IRI, o quad.Value) {
			want = append(want, quad.ToString(o))
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("eachOfLocked(%v, %v, %v) = %v; want %v", c.d, c.v, c.pred, got, want)
		}
		found += len(want)
	}
	if found < 4 {
		t.Errorf("%d facts found in all: the test tests little", found)
	}
}

// TestSubjectIndexConcurrent walks and queries a list while writes keep
// it, for the race detector, and checks that a walk stays in order and
// sees every subject no write touches.
func TestSubjectIndexConcurrent(t *testing.T) {
	ix := newSubjectIndex()
	k := subjectKey{PredSpeaker, quad.ToString(ActorIRI("a")), entryIRI}
	var stable []string
	ix.lists[k] = newSortedSet()
	for i := range 200 {
		n := string(StatementIRI(fmt.Sprintf("art-%03d", i), "s0"))
		ix.lists[k].add(n, 1)
		stable = append(stable, n)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 300 {
			q := quad.Quad{Subject: StatementIRI(fmt.Sprintf("art-%03d", i%50), "s1"), Predicate: PredSpeaker, Object: ActorIRI("a"), Label: ArticleIRI("x")}
			ix.apply([]cgraph.Delta{{Quad: q, Action: cgraph.Add}})
			ix.apply([]cgraph.Delta{{Quad: q, Action: cgraph.Delete}})
		}
	}()
	for range 50 {
		var seen []string
		prev := ""
		ix.each(subjectFilter{k}, "", func(subj string) bool {
			if subj <= prev {
				t.Fatalf("walk went from %q to %q", prev, subj)
			}
			prev = subj
			if ix.has(k, subj) && strings.HasSuffix(subj, "/s0") {
				seen = append(seen, subj)
			}
			return true
		})
		if !slices.Equal(seen, stable) {
			t.Fatalf("walk saw %d of the %d subjects no write touched", len(seen), len(stable))
		}
		_ = ix.size(subjectFilter{k})
	}
	<-done
	if got := ix.size(subjectFilter{k}); got != len(stable) {
		t.Errorf("size after adds and deletes = %d; want %d", got, len(stable))
	}
}

// TestSubjectIndexBuildBesideWrites checks that a list read while writes
// commit (the build holds only the store's read side) ends up as a list
// read after them: writes that add, replace and delete articles run
// between a list's read and its install, and the lists paged then match
// lists built afresh. It also checks that a list whose install finds the
// write lock held stays staged (the read falls back and answers the
// same) and is installed by the next call, and that concurrent first
// readers all get the same answer.
func TestSubjectIndexBuildBesideWrites(t *testing.T) {
	if raceEnabled {
		t.Skip("bolt under the race detector")
	}
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	s.linkOff = true
	for i := 0; i < 12; i++ {
		if _, err := s.PutArticles(ctx, []Document{indexedDoc(i, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	ix := s.index.subjects
	figures := func() []string {
		t.Helper()
		var out []string
		p := Page{Limit: 3}
		for {
			fs, next, err := s.ListFigures(ctx, FigureFilter{Measure: "killed@test"}, p)
			if err != nil {
				t.Error(err) // not Fatal: concurrent readers call it too
				return out
			}
			for _, f := range fs {
				out = append(out, f.ArticleID+"/"+f.ID)
			}
			if next == "" {
				return out
			}
			p.After = next
		}
	}
	actors := func() []string {
		t.Helper()
		as, _, err := s.SearchActors(ctx, ActorFilter{}, Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	fresh := func(read func() []string) []string {
		t.Helper()
		ix.mu.Lock()
		clear(ix.lists)
		ix.mu.Unlock()
		return read()
	}
	built := func() int {
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		return len(ix.lists)
	}

	wrote := 0
	ix.afterRead = func(subjectKey) {
		if wrote > 0 {
			return
		}
		wrote++
		docs := []Document{indexedDoc(12, 0), indexedDoc(13, 0), indexedDoc(3, 1)}
		docs[0].Extraction.Actors = append(docs[0].Extraction.Actors, extract.Actor{ID: "newcomer", Name: "New Comer", Kind: extract.KindPerson})
		if _, err := s.PutArticles(ctx, docs); err != nil {
			t.Error(err)
		}
		if _, err := s.DeleteArticle(ctx, indexedDoc(5, 0).Meta.ID); err != nil {
			t.Error(err)
		}
	}
	for _, tc := range []struct {
		name string
		read func() []string
	}{{"figures by measure", figures}, {"actors", actors}} {
		t.Run(tc.name, func(t *testing.T) {
			ix.mu.Lock()
			clear(ix.lists)
			ix.mu.Unlock()
			wrote = 0
			got := tc.read()
			if wrote != 1 {
				t.Fatalf("no write ran during the list's read")
			}
			if built() == 0 {
				t.Fatalf("no list installed")
			}
			ix.afterRead = nil
			if want := fresh(tc.read); !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("list built beside writes = %v;\nbuilt afresh = %v", got, want)
			}
			ix.afterRead = func(subjectKey) {
				if wrote > 0 {
					return
				}
				wrote++
				docs := []Document{indexedDoc(20+len(got), 0)}
				docs[0].Extraction.Actors = append(docs[0].Extraction.Actors, extract.Actor{ID: fmt.Sprintf("late-%d", len(got)), Name: "Late Comer", Kind: extract.KindPerson})
				if _, err := s.PutArticles(ctx, docs); err != nil {
					t.Error(err)
				}
			}
		})
	}

	// A write holds the lock when the read ends: the list stays staged,
	// the read falls back to the store, and the next call installs it.
	ix.afterRead = nil
	want := fresh(figures)
	ix.mu.Lock()
	clear(ix.lists)
	ix.mu.Unlock()
	ix.afterRead = func(subjectKey) { s.mu.w.Lock() }
	got := figures()
	ix.afterRead = nil
	ix.mu.RLock()
	staged := len(ix.building)
	ix.mu.RUnlock()
	s.mu.w.Unlock()
	if built() != 0 || staged == 0 {
		t.Errorf("with the write lock held: %d lists installed, %d staged; want 0 and some", built(), staged)
	}
	if !slices.Equal(got, want) {
		t.Errorf("figures read beside a held write lock = %v; want %v", got, want)
	}
	if got := figures(); !slices.Equal(got, want) || built() == 0 {
		t.Errorf("figures after the lock was released = %v (%d lists); want %v, installed", got, built(), want)
	}

	// Concurrent first readers.
	ix.mu.Lock()
	clear(ix.lists)
	ix.mu.Unlock()
	var wg sync.WaitGroup
	res := make([][]string, 8)
	for i := range res {
		wg.Go(func() { res[i] = figures() })
	}
	wg.Wait()
	for i, r := range res {
		if !slices.Equal(r, want) {
			t.Errorf("concurrent reader %d = %v; want %v", i, r, want)
		}
	}
}

// TestMentionedBuiltBesideWrites checks that GetActor's list of the
// articles that mention an actor, read while writes add and delete such
// articles, ends up as the list read after them.
func TestMentionedBuiltBesideWrites(t *testing.T) {
	if raceEnabled {
		t.Skip("bolt under the race detector")
	}
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendBolt, Path: t.TempDir() + "/db"})
	s.linkOff = true
	doc := func(i int) Document { return plainDoc(fmt.Sprintf("mb-%02d", i), "en", "speaker-x") }
	for i := range 10 {
		mustPut(t, s, doc(i))
	}
	ix := s.index.subjects
	a := ActorIRI("speaker-x")
	wrote := 0
	ix.afterMentionRead = func(quad.IRI) {
		if wrote > 0 {
			return
		}
		wrote++
		mustPut(t, s, doc(10), doc(11))
		if _, err := s.DeleteArticle(ctx, "mb-03"); err != nil {
			t.Error(err)
		}
	}
	if _, err := s.GetActor(ctx, "speaker-x"); err != nil {
		t.Fatal(err)
	}
	ix.afterMentionRead = nil
	ix.mu.RLock()
	_, kept := ix.mentioned[a]
	ix.mu.RUnlock()
	if wrote == 0 || !kept {
		t.Fatalf("writes during the read: %d; list kept: %v", wrote, kept)
	}
	got, err := s.GetActor(ctx, "speaker-x")
	if err != nil {
		t.Fatal(err)
	}
	want := withoutLists(s, func() ActorInfo {
		w, err := s.GetActor(ctx, "speaker-x")
		if err != nil {
			t.Fatal(err)
		}
		return w
	})
	if !slices.Equal(got.ArticleIDs, want.ArticleIDs) || len(want.ArticleIDs) != 11 {
		t.Errorf("GetActor articles built beside writes = %v; read afresh = %v (want 11)", got.ArticleIDs, want.ArticleIDs)
	}
}

// TestListBuildBounded checks that a list being built notes at most
// maxTouched subjects that writes touch, then is dropped (the next call
// reads the list anew), so that a build no reader finishes holds bounded
// memory.
func TestListBuildBounded(t *testing.T) {
	ix := newSubjectIndex()
	k := subjectKey{PredSpeaker, quad.ToString(ActorIRI("a")), entryIRI}
	b := &listBuild{done: make(chan struct{}), touched: map[quad.IRI]bool{}}
	ix.building[k] = b
	add := func(i int) {
		q := quad.Quad{Subject: StatementIRI(fmt.Sprintf("art-%05d", i), "s0"), Predicate: PredSpeaker, Object: ActorIRI("a"), Label: ArticleIRI("x")}
		ix.apply([]cgraph.Delta{{Quad: q, Action: cgraph.Add}})
	}
	for i := range maxTouched {
		add(i)
	}
	if ix.building[k] != b || len(b.touched) != maxTouched {
		t.Fatalf("after %d writes: build kept %v, %d touched; want kept, %d", maxTouched, ix.building[k] == b, len(b.touched), maxTouched)
	}
	add(maxTouched)
	if ix.building[k] != nil {
		t.Errorf("a build that noted %d subjects was kept; want it dropped", len(b.touched))
	}
	add(maxTouched + 1)
	if len(b.touched) > maxTouched+1 {
		t.Errorf("a dropped build still notes writes: %d", len(b.touched))
	}
}
