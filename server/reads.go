package server

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// GetActor returns one actor and the articles that mention it.
func (s *Service) GetActor(ctx context.Context, req *claimgraphv1.GetActorRequest) (*claimgraphv1.GetActorResponse, error) {
	const method = "GetActor"
	if err := requireID("id", req.GetId()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	info, err := s.store.GetActor(ctx, req.GetId())
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "actor with id", req.GetId(), "SearchActors finds actors by name"))
	}
	return &claimgraphv1.GetActorResponse{Actor: ActorToProto(&info.Actor), ArticleIds: info.ArticleIDs}, nil
}

// SearchActors finds actors by name or alias.
func (s *Service) SearchActors(ctx context.Context, req *claimgraphv1.SearchActorsRequest) (*claimgraphv1.SearchActorsResponse, error) {
	const method = "SearchActors"
	kind, ok := ActorKindFromProto(req.GetKind())
	if !ok {
		return nil, s.toStatus(ctx, method, &FieldError{"kind", fmt.Sprintf("%d is not an actor kind", req.GetKind())})
	}
	if err := checkText("query", req.GetQuery()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, req.GetQuery(), kind.String())
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	actors, next, err := s.store.SearchActors(ctx, graph.ActorFilter{Query: req.GetQuery(), Kind: kind}, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.SearchActorsResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range actors {
		resp.Actors = append(resp.Actors, ActorToProto(&actors[i]))
	}
	return resp, nil
}

// ListStatements lists reported statements.
func (s *Service) ListStatements(ctx context.Context, req *claimgraphv1.ListStatementsRequest) (*claimgraphv1.ListStatementsResponse, error) {
	const method = "ListStatements"
	f := graph.StatementFilter{Speaker: req.GetSpeaker(), Mentions: req.GetMentions(), ArticleID: req.GetArticleId()}
	if err := checkTexts("speaker", f.Speaker, "mentions", f.Mentions, "article_id", f.ArticleID); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, f.Speaker, f.Mentions, f.ArticleID)
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	stmts, next, err := s.store.ListStatements(ctx, f, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListStatementsResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range stmts {
		resp.Statements = append(resp.Statements, StatementToProto(stmts[i].ArticleID, &stmts[i].Statement))
	}
	return resp, nil
}

// ListFigures lists reported figures.
func (s *Service) ListFigures(ctx context.Context, req *claimgraphv1.ListFiguresRequest) (*claimgraphv1.ListFiguresResponse, error) {
	const method = "ListFigures"
	f := graph.FigureFilter{ArticleID: req.GetArticleId(), Measure: req.GetMeasure(), Source: req.GetSource()}
	if err := checkTexts("article_id", f.ArticleID, "measure", f.Measure, "source", f.Source); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, f.ArticleID, f.Measure, f.Source)
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	figs, next, err := s.store.ListFigures(ctx, f, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListFiguresResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range figs {
		resp.Figures = append(resp.Figures, FigureToProto(figs[i].ArticleID, &figs[i].Figure))
	}
	return resp, nil
}

// ListEvents lists reported events.
func (s *Service) ListEvents(ctx context.Context, req *claimgraphv1.ListEventsRequest) (*claimgraphv1.ListEventsResponse, error) {
	const method = "ListEvents"
	f := graph.EventFilter{
		Participant: req.GetParticipant(), ArticleID: req.GetArticleId(), Kind: req.GetKind(),
		DateFrom: req.GetDateFrom(), DateTo: req.GetDateTo(),
	}
	if err := checkTexts("participant", f.Participant, "article_id", f.ArticleID, "kind", f.Kind); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	for _, d := range []struct{ field, v string }{{"date_from", f.DateFrom}, {"date_to", f.DateTo}} {
		if err := checkPartialDate(d.field, d.v); err != nil {
			return nil, s.toStatus(ctx, method, err)
		}
	}
	if f.DateFrom != "" && f.DateTo != "" && firstDay(f.DateFrom) > lastDay(f.DateTo) {
		return nil, s.toStatus(ctx, method, &FieldError{"date_from", fmt.Sprintf("%s is after date_to %s", f.DateFrom, f.DateTo)})
	}
	filter := filterKey(method, f.Participant, f.ArticleID, f.Kind, f.DateFrom, f.DateTo)
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	events, next, err := s.store.ListEvents(ctx, f, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListEventsResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range events {
		resp.Events = append(resp.Events, EventToProto(events[i].ArticleID, &events[i].Event))
	}
	return resp, nil
}

// checkText checks that a string field is valid UTF-8.
func checkText(field, v string) error {
	if !utf8.ValidString(v) {
		return &FieldError{field, "is not valid UTF-8"}
	}
	return nil
}

// checkTexts checks field/value pairs with checkText.
func checkTexts(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := checkText(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// checkPartialDate checks an optional ISO date that may be partial:
// YYYY, YYYY-MM or YYYY-MM-DD.
func checkPartialDate(field, v string) error {
	if v == "" {
		return nil
	}
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return nil
			}
		}
	}
	return &FieldError{field, fmt.Sprintf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", v)}
}

// firstDay returns the first day of a checked partial date (YYYY,
// YYYY-MM or YYYY-MM-DD) as YYYY-MM-DD, and lastDay a string that sorts
// after every day it covers (YYYY-MM-31 for a month): date_from is after
// date_to when firstDay(date_from) > lastDay(date_to).
func firstDay(d string) string { return d + "-01-01"[len(d)-4:] }

func lastDay(d string) string { return d + "-12-31"[len(d)-4:] }
