package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

type homeView struct {
	Measures []string
	Articles []graph.ArticleInfo
	More     bool
}

func (s *Site) home(ctx context.Context, r *http.Request) (string, any, error) {
	var v homeView
	ms, _, err := s.store.ListMeasures(ctx, graph.Page{Limit: listLimit})
	if err != nil {
		return "", nil, err
	}
	v.Measures = ms
	as, next, err := s.store.ListArticles(ctx, graph.ArticleFilter{}, graph.Page{Limit: listLimit})
	if err != nil {
		return "", nil, err
	}
	v.Articles, v.More = as, next != ""
	return "home", &v, nil
}

type searchView struct {
	Query  string
	Actors []extract.Actor
}

func (s *Site) search(ctx context.Context, r *http.Request) (string, any, error) {
	v := searchView{Query: strings.TrimSpace(r.FormValue("q"))}
	if v.Query != "" {
		as, _, err := s.store.SearchActors(ctx, graph.ActorFilter{Query: v.Query}, graph.Page{Limit: listLimit})
		if err != nil {
			return "", nil, err
		}
		v.Actors = as
	}
	return "search", &v, nil
}

type actorView struct {
	Actor      graph.ActorInfo
	Statements []graph.StoredStatement
	Claims     []graph.ClaimInfo
	Figures    []graph.StoredFigure
	Articles   []graph.ArticleInfo
	More       bool // a list was cut at listLimit
}

func (s *Site) actor(ctx context.Context, r *http.Request) (string, any, error) {
	id := r.FormValue("id")
	if id == "" {
		return "", nil, errNotFound
	}
	a, err := s.store.GetActor(ctx, id)
	if err != nil {
		return "", nil, err
	}
	v := actorView{Actor: a, More: len(a.ArticleIDs) > listLimit}
	p := graph.Page{Limit: listLimit}
	var next [3]string
	if v.Statements, next[0], err = s.store.ListStatements(ctx, graph.StatementFilter{Speaker: a.ID}, p); err != nil {
		return "", nil, err
	}
	if v.Claims, next[1], err = s.store.ListClaims(ctx, graph.ClaimFilter{Speaker: a.ID}, p); err != nil {
		return "", nil, err
	}
	if v.Figures, next[2], err = s.store.ListFigures(ctx, graph.FigureFilter{Source: a.ID}, p); err != nil {
		return "", nil, err
	}
	v.More = v.More || next != [3]string{}
	for i, id := range a.ArticleIDs {
		if i == listLimit {
			break
		}
		info, err := s.store.GetArticle(ctx, id)
		if err != nil {
			return "", nil, err
		}
		v.Articles = append(v.Articles, info)
	}
	return "actor", &v, nil
}

type articleView struct {
	Article    graph.ArticleInfo
	Dir        string
	Segments   []segment
	Statements []graph.StoredStatement
	Figures    []graph.StoredFigure
	Events     []graph.StoredEvent
	Speakers   map[string]string // actor id → name
}

func (s *Site) article(ctx context.Context, r *http.Request) (string, any, error) {
	id := r.FormValue("id")
	if id == "" {
		return "", nil, errNotFound
	}
	info, err := s.store.GetArticle(ctx, id)
	if err != nil {
		return "", nil, err
	}
	text, err := s.articleText(ctx, id)
	if err != nil {
		return "", nil, err
	}
	v := articleView{Article: info, Dir: dir(text), Speakers: map[string]string{}}
	p := graph.Page{Limit: 1000}
	if v.Statements, _, err = s.store.ListStatements(ctx, graph.StatementFilter{ArticleID: id}, p); err != nil {
		return "", nil, err
	}
	if v.Figures, _, err = s.store.ListFigures(ctx, graph.FigureFilter{ArticleID: id}, p); err != nil {
		return "", nil, err
	}
	if v.Events, _, err = s.store.ListEvents(ctx, graph.EventFilter{ArticleID: id}, p); err != nil {
		return "", nil, err
	}
	for _, st := range v.Statements {
		if st.SpeakerID == "" || v.Speakers[st.SpeakerID] != "" {
			continue
		}
		name := st.SpeakerText
		if a, err := s.store.GetActor(ctx, st.SpeakerID); err == nil {
			name = a.Name
		}
		v.Speakers[st.SpeakerID] = name
	}
	v.Segments = highlight(text, v.Statements, v.Figures, v.Events, v.Speakers)
	return "article", &v, nil
}

// articleText returns an article's text, read from its exported quads (the
// store's read API gives an article's facts but not its body).
func (s *Site) articleText(ctx context.Context, id string) (string, error) {
	var buf bytes.Buffer
	if err := s.store.ExportQuads(ctx, id, &buf); err != nil {
		return "", err
	}
	subject := graph.ArticleIRI(id)
	rd := nquads.NewReader(&buf, false)
	defer rd.Close()
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			return "", nil // an article with an empty text
		}
		if err != nil {
			return "", fmt.Errorf("read article %q: %w", id, err)
		}
		if q.Predicate == graph.PredArticleBody && q.Subject == subject {
			if s, ok := q.Object.(quad.String); ok {
				return string(s), nil
			}
			return quad.StringOf(q.Object), nil
		}
	}
}
