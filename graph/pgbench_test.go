package graph

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"testing"

	"github.com/claimgraph/claimgraph/internal/story"
)

var pgStoryArticles = flag.Int("graph.pgarticles", 200, "articles of the story stores of BenchmarkPostgresReads")

// BenchmarkPostgresReads measures the typed reads on PostgreSQL and on
// bolt holding the same story of -graph.pgarticles articles, built in
// the same run: each read's p50 and p99 in milliseconds, and on
// PostgreSQL the SQL statements each call sends (queries/op) when the
// server has pg_stat_statements loaded (.ci/postgres loads it). It is
// not part of the test run:
//
//	(source .ci/postgres && go test ./graph -run '^$' -bench PostgresReads -benchtime 20x)
func BenchmarkPostgresReads(b *testing.B) {
	ctx := context.Background()
	n := *pgStoryArticles
	conn := pgScratch(b)
	stores := []struct {
		name string
		s    *Store
	}{
		{"bolt", openTest(b, Config{Backend: BackendBolt, Path: b.TempDir()})},
		{"postgres", openTest(b, Config{Backend: BackendPostgres, Path: conn})},
	}
	var docs []Document
	err := story.Generate(storyConfig(n), func(a story.Article, _ story.Truth) error {
		doc, err := storyDocument(a)
		docs = append(docs, doc)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(docs); i += 50 {
		for _, st := range stores {
			if _, err := st.s.PutArticles(ctx, docs[i:min(i+50, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
	}
	stats, err := sql.Open("postgres", conn)
	if err != nil {
		b.Fatal(err)
	}
	defer stats.Close()
	if _, err := stats.Exec(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
		b.Logf("no statement counts: %v", err)
		stats = nil
	} else if _, err := stats.Exec(`SELECT pg_stat_statements_reset()`); err != nil {
		b.Logf("no statement counts: %v", err)
		stats = nil
	}
	// statements returns how many statements the store's database has run.
	statements := func() int {
		var c int
		err := stats.QueryRow(`SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s
JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%'`).Scan(&c)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}

	hub := "Guterres" // the speaker every article quotes
	if as, _, err := stores[0].s.SearchActors(ctx, ActorFilter{Query: hub}, Page{Limit: 1}); err == nil && len(as) == 1 {
		hub = as[0].ID
	}
	far := fmt.Sprintf("story-%05d", n)
	for _, tc := range []struct {
		name string
		fn   func(s *Store) error
	}{
		{"GetArticle", func(s *Store) error { _, err := s.GetArticle(ctx, "story-00007"); return err }},
		{"ListArticles", func(s *Store) error { _, _, err := s.ListArticles(ctx, ArticleFilter{}, Page{Limit: 20}); return err }},
		{"ListStatements/article", func(s *Store) error {
			_, _, err := s.ListStatements(ctx, StatementFilter{ArticleID: "story-00007"}, Page{Limit: 20})
			return err
		}},
		{"ListStatements/speaker", func(s *Store) error {
			_, _, err := s.ListStatements(ctx, StatementFilter{Speaker: hub}, Page{Limit: 20})
			return err
		}},
		{"ListFigures/measure", func(s *Store) error {
			_, _, err := s.ListFigures(ctx, FigureFilter{Measure: "killed@gaza"}, Page{Limit: 20})
			return err
		}},
		{"SearchActors/query", func(s *Store) error {
			_, _, err := s.SearchActors(ctx, ActorFilter{Query: "Guterres"}, Page{Limit: 20})
			return err
		}},
		{"GetActor/hub", func(s *Store) error { _, err := s.GetActor(ctx, hub); return err }},
		{"ListClaims/speaker", func(s *Store) error {
			_, _, err := s.ListClaims(ctx, ClaimFilter{Speaker: hub}, Page{Limit: 20})
			return err
		}},
		{"ListConflicts", func(s *Store) error { _, _, err := s.ListConflicts(ctx, "", Page{Limit: 20}); return err }},
		{"ListLinks", func(s *Store) error { _, _, err := s.ListLinks(ctx, LinkFilter{}, Page{Limit: 20}); return err }},
		{"TrackMeasure", func(s *Store) error { _, err := s.TrackMeasure(ctx, "killed@gaza"); return err }},
		{"Neighborhood", func(s *Store) error { _, err := s.Neighborhood(ctx, hub, 2, 50); return err }},
		{"FindPaths", func(s *Store) error { _, err := s.FindPaths(ctx, hub, far, 4, 5); return err }},
	} {
		for _, st := range stores {
			b.Run(tc.name+"/"+st.name, func(b *testing.B) {
				counted := stats != nil && st.name == "postgres"
				before := 0
				if counted {
					before = statements()
				}
				timeCalls(b, func() error { return tc.fn(st.s) })
				if counted {
					b.ReportMetric(float64(statements()-before)/float64(b.N), "queries/op")
				}
			})
		}
	}
}
