package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// ListLinks lists cross-article links, by kind and article.
func (s *Service) ListLinks(ctx context.Context, req *claimgraphv1.ListLinksRequest) (*claimgraphv1.ListLinksResponse, error) {
	const method = "ListLinks"
	kind, ok := LinkKindFromProto(req.GetKind())
	if !ok {
		return nil, s.toStatus(ctx, method, &FieldError{"kind", fmt.Sprintf("%d is not a link kind", req.GetKind())})
	}
	if err := checkText("article_id", req.GetArticleId()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, kind.String(), req.GetArticleId())
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	links, next, err := s.store.ListLinks(ctx, graph.LinkFilter{Kind: kind, ArticleID: req.GetArticleId()}, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListLinksResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range links {
		resp.Links = append(resp.Links, LinkToProto(&links[i], nil))
	}
	return resp, nil
}

// GetClaim returns one claim.
func (s *Service) GetClaim(ctx context.Context, req *claimgraphv1.GetClaimRequest) (*claimgraphv1.GetClaimResponse, error) {
	const method = "GetClaim"
	if err := requireID("id", req.GetId()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	c, err := s.store.GetClaim(ctx, req.GetId())
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "claim with id", req.GetId(), "ListClaims lists them"))
	}
	return &claimgraphv1.GetClaimResponse{Claim: ClaimToProto(&c)}, nil
}

// ListClaims lists claims, optionally of one speaker.
func (s *Service) ListClaims(ctx context.Context, req *claimgraphv1.ListClaimsRequest) (*claimgraphv1.ListClaimsResponse, error) {
	const method = "ListClaims"
	if err := checkText("speaker", req.GetSpeaker()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, req.GetSpeaker())
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	claims, next, err := s.store.ListClaims(ctx, graph.ClaimFilter{Speaker: req.GetSpeaker()}, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListClaimsResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range claims {
		resp.Claims = append(resp.Claims, ClaimToProto(&claims[i]))
	}
	return resp, nil
}

// TrackMeasure returns a page of a measure's figures in time order, their
// articles and the links of those figures.
func (s *Service) TrackMeasure(ctx context.Context, req *claimgraphv1.TrackMeasureRequest) (*claimgraphv1.TrackMeasureResponse, error) {
	const method = "TrackMeasure"
	if err := requireID("measure", req.GetMeasure()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, req.GetMeasure())
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	m, next, err := s.store.TrackMeasurePage(ctx, req.GetMeasure(), p)
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "figures of the measure", req.GetMeasure(), "ListMeasures lists the measures"))
	}
	resp := &claimgraphv1.TrackMeasureResponse{Measure: m.Key, NextPageToken: encodePageToken(filter, next)}
	type ref struct{ article, id string }
	text := map[ref]string{}
	seen := map[string]bool{}
	for i := range m.Figures {
		f := &m.Figures[i]
		resp.Figures = append(resp.Figures, FigureToProto(f.ArticleID, &f.Figure))
		text[ref{f.ArticleID, f.ID}] = f.Text
		if seen[f.ArticleID] {
			continue
		}
		seen[f.ArticleID] = true
		a, err := s.store.GetArticle(ctx, f.ArticleID)
		if errors.Is(err, graph.ErrNotFound) {
			continue // deleted since: its figures are gone too
		}
		if err != nil {
			return nil, s.toStatus(ctx, method, err)
		}
		resp.Articles = append(resp.Articles, ArticleToProto(&a))
	}
	for _, f := range m.Others {
		text[ref{f.ArticleID, f.ID}] = f.Text
	}
	for i := range m.Links {
		resp.Links = append(resp.Links, LinkToProto(&m.Links[i], func(a, id string) string { return text[ref{a, id}] }))
	}
	return resp, nil
}

// ListMeasures lists measure keys.
func (s *Service) ListMeasures(ctx context.Context, req *claimgraphv1.ListMeasuresRequest) (*claimgraphv1.ListMeasuresResponse, error) {
	const method = "ListMeasures"
	filter := filterKey(method)
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	keys, next, err := s.store.ListMeasures(ctx, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	return &claimgraphv1.ListMeasuresResponse{Measures: keys, NextPageToken: encodePageToken(filter, next)}, nil
}

// ListConflicts lists conflicting figures with both figures and articles.
func (s *Service) ListConflicts(ctx context.Context, req *claimgraphv1.ListConflictsRequest) (*claimgraphv1.ListConflictsResponse, error) {
	const method = "ListConflicts"
	if err := checkText("measure", req.GetMeasure()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	filter := filterKey(method, req.GetMeasure())
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	conflicts, next, err := s.store.ListConflicts(ctx, req.GetMeasure(), p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListConflictsResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range conflicts {
		resp.Conflicts = append(resp.Conflicts, ConflictToProto(&conflicts[i]))
	}
	return resp, nil
}

// Neighborhood returns a node and its surroundings.
func (s *Service) Neighborhood(ctx context.Context, req *claimgraphv1.NeighborhoodRequest) (*claimgraphv1.NeighborhoodResponse, error) {
	const method = "Neighborhood"
	if err := requireID("node", req.GetNode()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	depth, err := bounded("depth", req.GetDepth(), graph.MaxNeighborhoodDepth)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	limit, err := capped("limit", req.GetLimit(), graph.MaxNeighborhoodLimit)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	g, err := s.store.Neighborhood(ctx, req.GetNode(), depth, limit)
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "node named", req.GetNode(), nodeHint))
	}
	return SubgraphToProto(&g), nil
}

// nodeHint says what names a node, for NotFound.
const nodeHint = "a node is named by an article id, an actor's id, name or alias, or a stored IRI"

// FindPaths returns how two nodes are connected, shortest first.
func (s *Service) FindPaths(ctx context.Context, req *claimgraphv1.FindPathsRequest) (*claimgraphv1.FindPathsResponse, error) {
	const method = "FindPaths"
	if err := requireID("from", req.GetFrom()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	if err := requireID("to", req.GetTo()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	depth, err := bounded("max_depth", req.GetMaxDepth(), graph.MaxPathDepth)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	limit, err := capped("limit", req.GetLimit(), graph.MaxPathLimit)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	paths, err := s.store.FindPaths(ctx, req.GetFrom(), req.GetTo(), depth, limit)
	if errors.Is(err, graph.ErrNotFound) {
		// Which end: the store says it in prose only.
		missing := req.GetTo()
		if _, ferr := s.store.Neighborhood(ctx, req.GetFrom(), 1, 1); errors.Is(ferr, graph.ErrNotFound) {
			missing = req.GetFrom()
		}
		err = notFound(err, "node named", missing, nodeHint)
	}
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.FindPathsResponse{}
	for i := range paths {
		resp.Paths = append(resp.Paths, PathToProto(&paths[i]))
	}
	return resp, nil
}

// bounded checks a depth: 0 means the store's default; negative or above
// maximum is a *FieldError, since a deeper walk than asked is not what the
// client wants and a silently shallower one hides nodes.
func bounded(field string, v int32, maximum int) (int, error) {
	if v < 0 || int(v) > maximum {
		return 0, &FieldError{field, fmt.Sprintf("is %d; it must be between 0 (the default) and %d", v, maximum)}
	}
	return int(v), nil
}

// capped checks a result cap: 0 means the store's default, one above
// maximum is treated as maximum (as page_size is), negative is a
// *FieldError.
func capped(field string, v int32, maximum int) (int, error) {
	if v < 0 {
		return 0, &FieldError{field, fmt.Sprintf("is %d; it must not be negative", v)}
	}
	return min(int(v), maximum), nil
}
