package graph_test

import (
	"context"
	"fmt"
	"log"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

func ExampleStore_ListStatements() {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	_, err = s.PutArticle(ctx, graph.Document{
		Meta: graph.ArticleMeta{ID: "seed", Language: "ar", Published: "2025-10-07"},
		Text: "وأوضح الرئيس الأمريكي أنه سيناقش الخطة.",
		Extraction: &extract.Extraction{
			Actors: []extract.Actor{{ID: "donald-trump", Name: "دونالد ترامب", Kind: extract.KindPerson, Aliases: []string{"Donald Trump"}}},
			Statements: []extract.Statement{{
				ID: "s22-38", SpeakerID: "donald-trump", SpeakerText: "الرئيس الأمريكي",
				Cue: "أوضح", Content: "أنه سيناقش الخطة", ContentSpan: extract.Span{Start: 22, End: 38}, Kind: extract.Indirect,
			}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	// A speaker is found by any of its names, in either script, or part of one.
	for _, who := range []string{"Trump", "ترامب", "Biden"} {
		sts, _, err := s.ListStatements(ctx, graph.StatementFilter{Speaker: who}, graph.Page{})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(who, len(sts))
	}
	// Output:
	// Trump 1
	// ترامب 1
	// Biden 0
}
