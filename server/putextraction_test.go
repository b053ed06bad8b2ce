package server_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// handText is the article of handExtraction: "Trump" is [0, 5), the
// content [11, 26).
const handText = "Trump said the war is over. About 20 hostages were freed."

// handExtraction is an extraction made by hand, as a model would send it.
func handExtraction() *claimgraphv1.Extraction {
	return &claimgraphv1.Extraction{
		Language: "en",
		Actors: []*claimgraphv1.Actor{
			{Id: "donald-trump", Name: "Donald Trump", Kind: claimgraphv1.ActorKind_ACTOR_KIND_PERSON, Mentions: []*claimgraphv1.Span{{Start: 0, End: 5}}},
			{Id: "gaza", Name: "Gaza", Kind: claimgraphv1.ActorKind_ACTOR_KIND_PLACE},
		},
		Statements: []*claimgraphv1.Statement{{
			Id: "s1", SpeakerId: "donald-trump", SpeakerText: "Trump", Cue: "said", Content: "the war is over",
			Kind: claimgraphv1.StatementKind_STATEMENT_KIND_INDIRECT, ContentSpan: &claimgraphv1.Span{Start: 11, End: 26},
			SpeakerSpan: &claimgraphv1.Span{Start: 0, End: 5}, CueSpan: &claimgraphv1.Span{Start: 6, End: 10},
			Confidence: 0.9, MentionIds: []string{"e1"},
		}},
		Figures: []*claimgraphv1.Figure{{
			Id: "f1", Value: proto.Float64(20), Approximate: true, Qualifier: claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_ABOUT,
			Unit: "person", Subject: "hostages", Measure: "hostages", Span: &claimgraphv1.Span{Start: 34, End: 36}, Text: "About 20",
		}},
		Events: []*claimgraphv1.Event{{Id: "e1", Kind: "war", Trigger: "war", Span: &claimgraphv1.Span{Start: 15, End: 18}, PlaceIds: []string{"gaza"}}},
		Times:  []*claimgraphv1.TimeMention{},
	}
}

func TestPutExtraction(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	article := &claimgraphv1.ArticleInput{Id: "hand", Text: handText, Published: "2025-10-13"}
	resp, err := e.client.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: article, Extraction: handExtraction()})
	if err != nil {
		t.Fatal(err)
	}
	a := resp.GetArticle()
	// No language anywhere: detected from the text, as IngestArticle does.
	x := handExtraction()
	x.Language = ""
	other := &claimgraphv1.ArticleInput{Id: "hand-undetected", Text: handText}
	if got, err := e.client.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: other, Extraction: x}); err != nil || got.GetArticle().GetLanguage() != "en" {
		t.Errorf("PutExtraction without a language stored %v, %v; want it detected as en", got.GetArticle(), err)
	}
	if a.GetId() != "hand" || a.GetStatementCount() != 1 || a.GetFigureCount() != 1 || a.GetEventCount() != 1 || a.GetLanguage() != "en" {
		t.Errorf("PutExtraction stored %v; want hand with 1 statement, figure and event, in English", a)
	}
	stmts, err := e.client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: "hand"})
	if err != nil || len(stmts.GetStatements()) != 1 || stmts.GetStatements()[0].GetContent() != "the war is over" || stmts.GetStatements()[0].GetSpeakerId() != "donald-trump" {
		t.Errorf("ListStatements(hand) = %v, %v; want Trump's one statement", stmts, err)
	}
}

// An extraction made elsewhere is linked as an ingested one is: the seed's
// own extraction, put under another id, reports the same claims and
// figures.
func TestPutExtractionLinks(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	e.ingestSeed(t)
	x, err := e.client.Extract(ctx, &claimgraphv1.ExtractRequest{Article: seedInput()})
	if err != nil {
		t.Fatal(err)
	}
	copyIn := seedInput()
	copyIn.Id = "seed-copy"
	ext := x.GetExtraction()
	ext.ArticleId = ""
	if _, err := e.client.PutExtraction(ctx, &claimgraphv1.PutExtractionRequest{Article: copyIn, Extraction: ext}); err != nil {
		t.Fatal(err)
	}
	links, err := e.client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{ArticleId: "seed-copy", PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[claimgraphv1.LinkKind]bool{}
	for _, l := range links.GetLinks() {
		kinds[l.GetKind()] = true
	}
	if !kinds[claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM] || !kinds[claimgraphv1.LinkKind_LINK_KIND_FIGURE_AGREES] {
		t.Errorf("links of the seed's copy: %v; want SAME_CLAIM and FIGURE_AGREES", kinds)
	}
}

func TestPutExtractionInvalid(t *testing.T) {
	e := start(t, server.Config{MaxArticleBytes: 1000})
	ctx := context.Background()
	article := func() *claimgraphv1.ArticleInput {
		return &claimgraphv1.ArticleInput{Id: "hand", Text: handText, Published: "2025-10-13"}
	}
	for _, tc := range []struct {
		name    string
		article *claimgraphv1.ArticleInput
		mod     func(x *claimgraphv1.Extraction)
		field   string
	}{
		{"no article", nil, nil, "article"},
		{"no article id", &claimgraphv1.ArticleInput{Text: handText}, nil, "article.id"},
		{"no extraction", article(), nil, "extraction"},
		{"other article", article(), func(x *claimgraphv1.Extraction) { x.ArticleId = "other" }, "extraction.article_id"},
		{"language", article(), func(x *claimgraphv1.Extraction) { x.Language = "fr" }, "extraction.language"},
		{"language other than the article's", &claimgraphv1.ArticleInput{Id: "hand", Text: handText, Language: "ar"}, func(*claimgraphv1.Extraction) {}, "extraction.language"},
		{"actor without id", article(), func(x *claimgraphv1.Extraction) { x.Actors[1].Id = "" }, "extraction.actors[1].id"},
		{"duplicate actor", article(), func(x *claimgraphv1.Extraction) { x.Actors[1].Id = "donald-trump" }, "extraction.actors[1].id"},
		{"actor kind", article(), func(x *claimgraphv1.Extraction) { x.Actors[0].Kind = 42 }, "extraction.actors[0].kind"},
		{"mention outside", article(), func(x *claimgraphv1.Extraction) { x.Actors[0].Mentions[0].End = 500 }, "extraction.actors[0].mentions[0]"},
		{"role date", article(), func(x *claimgraphv1.Extraction) {
			x.Actors[0].Roles = []*claimgraphv1.Role{{Title: "US president", Start: "January"}}
		}, "extraction.actors[0].roles[0].start"},
		{"content span past the text", article(), func(x *claimgraphv1.Extraction) {
			x.Statements[0].ContentSpan = &claimgraphv1.Span{Start: 11, End: 58}
		}, "extraction.statements[0].content_span"},
		{"content span backwards", article(), func(x *claimgraphv1.Extraction) {
			x.Statements[0].ContentSpan = &claimgraphv1.Span{Start: 26, End: 11}
		}, "extraction.statements[0].content_span"},
		{"negative cue span", article(), func(x *claimgraphv1.Extraction) {
			x.Statements[0].CueSpan = &claimgraphv1.Span{Start: -1, End: 3}
		}, "extraction.statements[0].cue_span"},
		{"no speaker", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].SpeakerId = "" }, "extraction.statements[0].speaker_id"},
		{"unknown speaker", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].SpeakerId = "joe-biden" }, "extraction.statements[0].speaker_id"},
		{"unknown mention", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].MentionIds = []string{"e2"} }, "extraction.statements[0].mention_ids"},
		{"statement without id", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].Id = "" }, "extraction.statements[0].id"},
		{"duplicate statement", article(), func(x *claimgraphv1.Extraction) {
			x.Statements = append(x.Statements, proto.Clone(x.Statements[0]).(*claimgraphv1.Statement))
		}, "extraction.statements[1].id"},
		{"no content", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].Content = "" }, "extraction.statements[0].content"},
		{"statement kind", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].Kind = 7 }, "extraction.statements[0].kind"},
		{"confidence", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].Confidence = 1.5 }, "extraction.statements[0].confidence"},
		{"said on", article(), func(x *claimgraphv1.Extraction) { x.Statements[0].SaidOn = "Monday" }, "extraction.statements[0].said_on"},
		{"figure without value", article(), func(x *claimgraphv1.Extraction) { x.Figures[0].Value = nil }, "extraction.figures[0].value"},
		{"figure qualifier", article(), func(x *claimgraphv1.Extraction) { x.Figures[0].Qualifier = 99 }, "extraction.figures[0].qualifier"},
		{"figure source", article(), func(x *claimgraphv1.Extraction) { x.Figures[0].SourceId = "nobody" }, "extraction.figures[0].source_id"},
		{"figure statement", article(), func(x *claimgraphv1.Extraction) { x.Figures[0].StatementId = "s9" }, "extraction.figures[0].statement_id"},
		{"figure span", article(), func(x *claimgraphv1.Extraction) { x.Figures[0].Span.End = 99 }, "extraction.figures[0].span"},
		{"duplicate figure", article(), func(x *claimgraphv1.Extraction) {
			x.Figures = append(x.Figures, proto.Clone(x.Figures[0]).(*claimgraphv1.Figure))
		}, "extraction.figures[1].id"},
		{"event participant", article(), func(x *claimgraphv1.Extraction) { x.Events[0].ParticipantIds = []string{"hamas"} }, "extraction.events[0].participant_ids"},
		{"event place", article(), func(x *claimgraphv1.Extraction) { x.Events[0].PlaceIds = []string{"egypt"} }, "extraction.events[0].place_ids"},
		{"event date", article(), func(x *claimgraphv1.Extraction) { x.Events[0].Date = "2025-13-01" }, "extraction.events[0].date"},
		{"time span", article(), func(x *claimgraphv1.Extraction) {
			x.Times = []*claimgraphv1.TimeMention{{Text: "now", Value: "2025", Span: &claimgraphv1.Span{Start: 50, End: 60}}}
		}, "extraction.times[0].span"},
		{"time grain", article(), func(x *claimgraphv1.Extraction) {
			x.Times = []*claimgraphv1.TimeMention{{Text: "2025", Value: "2025", Grain: 9}}
		}, "extraction.times[0].grain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := &claimgraphv1.PutExtractionRequest{Article: tc.article, Extraction: handExtraction()}
			if tc.mod != nil {
				tc.mod(req.Extraction)
			} else if tc.article != nil {
				req.Extraction = nil
			}
			_, err := e.client.PutExtraction(ctx, req)
			wantStatus(t, err, codes.InvalidArgument, tc.field)
		})
	}
	if _, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "hand"}); err == nil {
		t.Error("an invalid extraction was stored")
	}
}

func TestQueryTruncated(t *testing.T) {
	e := start(t, server.Config{MaxQueryResults: 3})
	ctx := context.Background()
	e.ingestSeed(t)
	run := func(q string, limit int32) (results int, truncated bool) {
		t.Helper()
		stream, err := e.client.Query(ctx, &claimgraphv1.QueryRequest{Query: q, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		for {
			r, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return results, truncated
			}
			if err != nil {
				t.Fatal(err)
			}
			if truncated {
				t.Errorf("%s: a message after the truncated one: %v", q, r)
			}
			if r.GetTruncated() {
				truncated = true
				if r.GetResultJson() != "" {
					t.Errorf("%s: the truncated message holds a result", q)
				}
				continue
			}
			results++
		}
	}
	for _, tc := range []struct {
		q         string
		limit     int32
		results   int
		truncated bool
	}{
		{"g.V().all()", 0, 3, true},
		{"g.V().all()", 2, 2, true},
		{"g.V().limit(3).all()", 0, 3, false},
		{"g.V().limit(2).all()", 0, 2, false},
		{`g.V("<https://claimgraph.org/actor/donald-trump>").all()`, 1, 1, false},
	} {
		if n, tr := run(tc.q, tc.limit); n != tc.results || tr != tc.truncated {
			t.Errorf("Query(%s, limit %d) = %d results, truncated %v; want %d, %v", tc.q, tc.limit, n, tr, tc.results, tc.truncated)
		}
	}
}
