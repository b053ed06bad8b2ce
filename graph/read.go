package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// defaultLimit is the page size when Page.Limit is not positive.
const defaultLimit = 50

func pageLimit(p Page) int {
	if p.Limit <= 0 {
		return defaultLimit
	}
	return p.Limit
}

// props holds a node's outgoing facts, one entry per stored quad (a triple
// stated by several articles appears once per article).
type props map[quad.IRI][]quad.Value

func (p props) first(pred quad.IRI) quad.Value {
	if v := p[pred]; len(v) > 0 {
		return v[0]
	}
	return nil
}

func (p props) str(pred quad.IRI) string {
	if v, ok := p.first(pred).(quad.String); ok {
		return string(v)
	}
	return ""
}

func (p props) int(pred quad.IRI) int {
	if v, ok := p.first(pred).(quad.Int); ok {
		return int(v)
	}
	return 0
}

func (p props) float(pred quad.IRI) float64 {
	switch v := p.first(pred).(type) {
	case quad.Float:
		return float64(v)
	case quad.Int:
		return float64(v)
	}
	return 0
}

func (p props) bool(pred quad.IRI) bool {
	v, _ := p.first(pred).(quad.Bool)
	return bool(v)
}

func (p props) has(pred quad.IRI, v quad.Value) bool {
	return slices.Contains(p[pred], v)
}

func (p props) span(pred quad.IRI) extract.Span {
	a, b, ok := strings.Cut(p.str(pred), ",")
	if !ok {
		return extract.Span{}
	}
	s, _ := strconv.Atoi(a)
	e, _ := strconv.Atoi(b)
	return extract.Span{Start: s, End: e}
}

// iris returns the distinct IRI objects of pred, sorted.
func (p props) iris(pred quad.IRI) []quad.IRI {
	var out []quad.IRI
	for _, v := range p[pred] {
		if iri, ok := v.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// propsLocked returns the facts whose subject is node (an indexed lookup),
// leaving out the predicates in skip, whose objects are not even read
// (the article body and quad list are large).
func (s *Store) propsLocked(ctx context.Context, node quad.Value, skip ...quad.IRI) (props, error) {
	p := props{}
	err := s.eachLinkLocked(ctx, quad.Subject, node, func(pred quad.IRI) bool {
		return !slices.Contains(skip, pred)
	}, func(pred quad.IRI, v quad.Value) {
		p[pred] = append(p[pred], v)
	})
	return p, err
}

// eachLinkLocked calls fn with the predicate and the other end (object for
// d = Subject, subject for d = Object) of each quad holding v in direction
// d whose predicate want accepts. It resolves only those two values, and
// the predicates' names once each.
func (s *Store) eachLinkLocked(ctx context.Context, d quad.Direction, v quad.Value, want func(quad.IRI) bool, fn func(pred quad.IRI, other quad.Value)) error {
	if s.pg != nil {
		return s.pg.eachLink(ctx, d, v, want, fn) // pgread.go
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return err
	}
	other := quad.Object
	if d == quad.Object {
		other = quad.Subject
	}
	preds := s.predicates(want)
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		pred, ok, err := preds(r)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		or, err := s.qs.QuadDirection(r, other)
		if err != nil {
			return err
		}
		ov, err := s.qs.NameOf(or)
		if err != nil {
			return err
		}
		if ov != nil {
			fn(pred, ov)
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err() // iterators stop at a deadline without saying so
}

// eachOfLocked calls fn with the other end of each quad holding v in
// direction d (Subject or Object) whose predicate is pred, and how many
// quads state it (one fact stated under several labels): each value once
// on a KV store and on PostgreSQL (one query, pgread.go), else once per
// quad with n 1. On a KV store (bolt) with
// Cayley's default indexes it scans only those quads, by their (subject,
// predicate) or (object, predicate) prefix, and names each distinct value
// once; elsewhere it reads every quad of v and keeps pred's.
func (s *Store) eachOfLocked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(other quad.Value, n int)) error {
	if s.pg != nil {
		return s.pg.eachOf(ctx, d, v, pred, fn) // pgread.go
	}
	scan, err := s.predScanLocked(ctx, d, v, pred)
	if err != nil || scan == nil {
		if err == nil {
			err = s.eachLinkLocked(ctx, d, v, func(p quad.IRI) bool { return p == pred }, func(_ quad.IRI, o quad.Value) { fn(o, 1) })
		}
		return err
	}
	other := quad.Object
	if d == quad.Object {
		other = quad.Subject
	}
	it := scan.Iterate()
	defer it.Close()
	var order []cgraph.Ref
	count := map[any]int{}
	for it.Next(ctx) {
		or, err := s.qs.QuadDirection(it.Result(), other)
		if err != nil {
			return err
		}
		if or == nil {
			continue
		}
		if count[or.Key()] == 0 {
			order = append(order, or)
		}
		count[or.Key()]++
	}
	if err := it.Err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // iterators stop at a deadline without saying so
	}
	for _, or := range order {
		ov, err := s.qs.NameOf(or)
		if err != nil {
			return err
		}
		if ov != nil {
			fn(ov, count[or.Key()])
		}
	}
	return nil
}

// predScanLocked returns an iterator over the quads holding v in
// direction d with predicate pred, reading no others; a nil iterator and
// error when the store has no index for it (then the caller filters), and
// an empty iterator when v or pred is in no quad.
func (s *Store) predScanLocked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI) (iterator.Shape, error) {
	if _, ok := s.qs.(*kv.QuadStore); !ok {
		return nil, nil
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, err
	}
	return s.predScanRefLocked(ctx, d, ref, pred)
}

// predScanRefLocked is predScanLocked of the node ref (nil: in no quad).
func (s *Store) predScanRefLocked(ctx context.Context, d quad.Direction, ref cgraph.Ref, pred quad.IRI) (iterator.Shape, error) {
	kqs, ok := s.qs.(*kv.QuadStore)
	if !ok {
		return nil, nil
	}
	// The index Cayley's KV stores keep by default for each direction.
	var dirs []quad.Direction
	switch d {
	case quad.Subject:
		dirs = []quad.Direction{quad.Subject, quad.Predicate}
	case quad.Object:
		dirs = []quad.Direction{quad.Object, quad.Predicate, quad.Subject}
	default:
		return nil, nil
	}
	// Ask the store which index it would scan for all of dirs: it is the
	// one wanted only if the store keeps it (an old store may not).
	filter := map[quad.Direction]refs.Ref{}
	for _, dir := range dirs {
		filter[dir] = kv.Int64Value(1)
	}
	sh, _ := kqs.OptimizeShape(ctx, shape.QuadsAction{Filter: filter})
	nf, ok := sh.(shape.NodesFrom)
	if !ok {
		return nil, nil
	}
	is, ok := nf.Quads.(kv.IndexScan)
	if !ok || !slices.Equal(is.Index.Dirs, dirs) {
		return nil, nil
	}
	pref, err := s.qs.ValueOf(pred)
	if err != nil {
		return nil, err
	}
	var vals []uint64
	for _, r := range []cgraph.Ref{ref, pref} {
		id, ok := r.(kv.Int64Value)
		if !ok || id == 0 {
			return iterator.NewNull(), nil
		}
		vals = append(vals, uint64(id))
	}
	return kv.IndexScan{Index: is.Index, Values: vals}.BuildIterator(kqs), nil
}

// predicates returns a function that reports the predicate of a quad and
// whether want accepts it, resolving each predicate's name once.
func (s *Store) predicates(want func(quad.IRI) bool) func(cgraph.Ref) (quad.IRI, bool, error) {
	type predInfo struct {
		iri  quad.IRI
		want bool
	}
	seen := map[any]predInfo{}
	return func(r cgraph.Ref) (quad.IRI, bool, error) {
		pr, err := s.qs.QuadDirection(r, quad.Predicate)
		if err != nil || pr == nil {
			return "", false, err
		}
		pi, ok := seen[pr.Key()]
		if !ok {
			pv, err := s.qs.NameOf(pr)
			if err != nil {
				return "", false, err
			}
			pi.iri, _ = pv.(quad.IRI)
			pi.want = pi.iri != "" && want(pi.iri)
			seen[pr.Key()] = pi
		}
		return pi.iri, pi.want, nil
	}
}

// objectsLocked returns the distinct objects of (subj, pred).
func (s *Store) objectsLocked(ctx context.Context, subj quad.Value, pred quad.IRI) ([]quad.Value, error) {
	var out []quad.Value
	err := s.eachOfLocked(ctx, quad.Subject, subj, pred, func(v quad.Value, _ int) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	})
	return out, err
}

// subjectsLocked returns the distinct IRI subjects of (pred, obj).
func (s *Store) subjectsLocked(ctx context.Context, obj quad.Value, pred quad.IRI) (map[quad.IRI]bool, error) {
	out := map[quad.IRI]bool{}
	err := s.eachOfLocked(ctx, quad.Object, obj, pred, func(v quad.Value, _ int) {
		if iri, ok := v.(quad.IRI); ok {
			out[iri] = true
		}
	})
	return out, err
}

// GetArticle returns the stored article id, or an error wrapping ErrNotFound.
// It is safe for concurrent use.
func (s *Store) GetArticle(ctx context.Context, id string) (ArticleInfo, error) {
	if err := s.rlock(); err != nil {
		return ArticleInfo{}, err
	}
	defer s.runlock()
	info, err := s.articleLocked(ctx, id)
	if err != nil {
		return ArticleInfo{}, fmt.Errorf("get article %q: %w", id, err)
	}
	return info, nil
}

// readArticleLocked reads article id (articleLocked keeps what it reads).
func (s *Store) readArticleLocked(ctx context.Context, id string) (ArticleInfo, error) {
	p, err := s.propsLocked(ctx, ArticleIRI(id), PredArticleBody, PredQuadList)
	if err != nil {
		return ArticleInfo{}, err
	}
	if !p.has(PredType, ClassArticle) {
		return ArticleInfo{}, ErrNotFound
	}
	t, _ := time.Parse(time.RFC3339Nano, p.str(PredIngestTime))
	return ArticleInfo{
		ArticleMeta: ArticleMeta{
			ID:        id,
			URL:       p.str(PredURL),
			Title:     p.str(PredHeadline),
			Publisher: p.str(PredPublisher),
			Language:  p.str(PredInLanguage),
			Published: p.str(PredDatePublished),
		},
		ContentHash:    p.str(PredContentHash),
		StatementCount: p.int(PredStatementCount),
		FigureCount:    p.int(PredFigureCount),
		EventCount:     p.int(PredEventCount),
		ActorCount:     p.int(PredActorCount),
		QuadCount:      int64(p.int(PredQuadCount)),
		IngestTime:     t,
	}, nil
}

// ListArticles returns a page of stored articles in order of id, and the
// id to pass as Page.After for the next page ("" after the last). It is
// safe for concurrent use.
func (s *Store) ListArticles(ctx context.Context, f ArticleFilter, p Page) (items []ArticleInfo, next string, err error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	var ids []string
	if f.Language == "" && s.index != nil {
		var more bool
		if ids, more = s.index.page(p.After, pageLimit(p)); more && len(ids) > 0 {
			next = ids[len(ids)-1]
		}
	} else {
		var nodes map[quad.IRI]bool
		if f.Language != "" {
			nodes, err = s.subjectsLocked(ctx, quad.String(f.Language), PredInLanguage)
		} else {
			nodes, err = s.subjectsLocked(ctx, ClassArticle, PredType)
		}
		if err != nil {
			return nil, "", fmt.Errorf("list articles: %w", err)
		}
		ids, next = pageKeys([]map[quad.IRI]bool{nodes}, func(n quad.IRI) (string, bool) { return keyOfIRI(n, prefixArticle) }, p)
	}
	if ctx, err = s.readAheadLocked(ctx, irisOf(ids, ArticleIRI), nil); err != nil { // readahead.go
		return nil, "", fmt.Errorf("list articles: %w", err)
	}
	for _, id := range ids {
		info, err := s.articleLocked(ctx, id)
		if err != nil {
			return nil, "", fmt.Errorf("list articles: %q: %w", id, err)
		}
		items = append(items, info)
	}
	return items, next, nil
}

// GetActor returns the actor id as the stored articles describe it, with
// the ids of the articles that mention it (the first MaxActorArticles in
// id order), or an error wrapping ErrNotFound.
// When articles disagree on the canonical name, the name most of them use
// wins and the others become aliases. It is safe for concurrent use.
func (s *Store) GetActor(ctx context.Context, id string) (ActorInfo, error) {
	if err := s.rlock(); err != nil {
		return ActorInfo{}, err
	}
	defer s.runlock()
	if s.index != nil { // the articles from an ordered list, for an actor that is
		a, _, err := s.actorLocked(ctx, id)
		if err != nil {
			return ActorInfo{}, fmt.Errorf("get actor %q: %w", id, err)
		}
		ids, ok, err := s.index.subjects.firstMentioned(ctx, s, ActorIRI(id), MaxActorArticles)
		if err != nil {
			return ActorInfo{}, fmt.Errorf("get actor %q: %w", id, err)
		}
		if ok {
			return ActorInfo{Actor: a, ArticleIDs: ids}, nil
		}
	}
	a, p, err := s.actorLocked(ctx, id, PredMentionedIn)
	if err != nil {
		return ActorInfo{}, fmt.Errorf("get actor %q: %w", id, err)
	}
	info := ActorInfo{Actor: a}
	for _, iri := range p.iris(PredMentionedIn) {
		if aid, ok := parseArticleIRI(iri); ok {
			info.ArticleIDs = append(info.ArticleIDs, aid)
		}
	}
	slices.Sort(info.ArticleIDs)
	info.ArticleIDs = info.ArticleIDs[:min(len(info.ArticleIDs), MaxActorArticles)]
	return info, nil
}

// MaxActorArticles is how many article ids GetActor gives at most: the
// first in id order.
const MaxActorArticles = 1000

var kindOrder = []struct {
	class quad.IRI
	kind  extract.ActorKind
}{
	{ClassPerson, extract.KindPerson},
	{ClassOrganization, extract.KindOrganization},
	{ClassPlace, extract.KindPlace},
	{ClassGroup, extract.KindGroup},
	{ClassAnonymous, extract.KindAnonymous},
}

// actorPreds are the facts of an actor that make an extract.Actor, and
// its name keys, which resolveActorLocked matches.
var actorPreds = []quad.IRI{PredType, PredName, PredAlternateName, PredRole, PredNameKey}

// actorLocked loads one actor, and its facts of the predicates more; it
// returns ErrNotFound if no article states it. It reads the actor's facts
// of actorPreds through actorFactsLocked, and the others directly (on
// bolt only their quads; see eachOfLocked).
func (s *Store) actorLocked(ctx context.Context, id string, more ...quad.IRI) (extract.Actor, props, error) {
	ctx, err := s.readAheadLocked(ctx, []quad.IRI{ActorIRI(id)}, slices.Concat(actorPreds, more), PredRole) // readahead.go
	if err != nil {
		return extract.Actor{}, nil, err
	}
	fc, err := s.actorFactsLocked(ctx, ActorIRI(id))
	if err != nil {
		return extract.Actor{}, nil, err
	}
	p := props{}
	for _, pred := range more {
		err := s.eachOfLocked(ctx, quad.Subject, ActorIRI(id), pred, func(v quad.Value, _ int) {
			p[pred] = append(p[pred], v)
		})
		if err != nil {
			return extract.Actor{}, nil, err
		}
	}
	a, roles, ok := actorFromFacts(id, fc)
	if !ok {
		return extract.Actor{}, nil, ErrNotFound
	}
	for _, ri := range roles {
		r, err := s.roleLocked(ctx, ri)
		if err != nil {
			return extract.Actor{}, nil, err
		}
		if r.Title != "" {
			a.Roles = append(a.Roles, r)
		}
	}
	slices.SortFunc(a.Roles, func(x, y extract.Role) int {
		return strings.Compare(x.Start+"\x00"+x.Title+"\x00"+x.End, y.Start+"\x00"+y.Title+"\x00"+y.End)
	})
	return a, p, nil
}

// factCounts holds some facts of one node: by predicate, the values and
// how many quads state each.
type factCounts map[quad.IRI]map[quad.Value]int

// actorFactsLocked returns the facts of actor n of actorPreds: kept by
// the subject index where the store has one (read and kept from the first
// read on), else read.
func (s *Store) actorFactsLocked(ctx context.Context, n quad.IRI) (factCounts, error) {
	if s.index != nil {
		return s.index.subjects.actorFacts(ctx, s, n)
	}
	return s.readFactsLocked(ctx, n, actorPreds)
}

// readFactsLocked reads the facts of node n of preds (on PostgreSQL in
// one query).
func (s *Store) readFactsLocked(ctx context.Context, n quad.IRI, preds []quad.IRI) (factCounts, error) {
	fc := factCounts{}
	if s.pg != nil {
		for _, pred := range preds {
			fc[pred] = map[quad.Value]int{}
		}
		err := s.pg.facts(ctx, n, preds, func(pred quad.IRI, v quad.Value, c int) { fc[pred][v] += c }) // pgread.go
		if err != nil {
			return nil, err
		}
		return fc, nil
	}
	for _, pred := range preds {
		m := map[quad.Value]int{}
		err := s.eachOfLocked(ctx, quad.Subject, n, pred, func(v quad.Value, c int) { m[v] += c })
		if err != nil {
			return nil, err
		}
		fc[pred] = m
	}
	return fc, nil
}

// roleLocked returns role node ri's title and dates; a role whose IRI is
// known never changes them (the IRI derives from them), so the subject
// index keeps them once read.
func (s *Store) roleLocked(ctx context.Context, ri quad.IRI) (extract.Role, error) {
	if s.index != nil {
		if r, ok := s.index.subjects.role(ri); ok {
			return r, nil
		}
	}
	fc, err := s.readFactsLocked(ctx, ri, []quad.IRI{PredRoleName, PredStartDate, PredEndDate})
	if err != nil {
		return extract.Role{}, err
	}
	str := func(p quad.IRI) string {
		var best string
		for v := range fc[p] {
			if t, ok := v.(quad.String); ok && (best == "" || string(t) < best) {
				best = string(t)
			}
		}
		return best
	}
	r := extract.Role{Title: str(PredRoleName), Start: str(PredStartDate), End: str(PredEndDate)}
	if s.index != nil && r.Title != "" {
		s.index.subjects.keepRole(ri, r)
	}
	return r, nil
}

// actorFromFacts returns actor id as its facts give it, but its roles,
// whose nodes it returns in order; ok is false when no fact types it an
// actor. The name most quads state is its name (the least of equals), the
// other names and the alternate names its aliases.
func actorFromFacts(id string, fc factCounts) (a extract.Actor, roles []quad.IRI, ok bool) {
	if fc[PredType][ClassActor] == 0 {
		return extract.Actor{}, nil, false
	}
	a.ID = id
	for _, k := range kindOrder {
		if fc[PredType][k.class] > 0 {
			a.Kind = k.kind
			break
		}
	}
	best := 0
	for v, c := range fc[PredName] {
		if str, ok := v.(quad.String); ok && c > 0 && (c > best || c == best && string(str) < a.Name) {
			a.Name, best = string(str), c
		}
	}
	for _, pred := range []quad.IRI{PredName, PredAlternateName} {
		for v, c := range fc[pred] {
			if str, ok := v.(quad.String); ok && c > 0 && string(str) != a.Name {
				a.Aliases = append(a.Aliases, string(str))
			}
		}
	}
	slices.Sort(a.Aliases)
	a.Aliases = slices.Compact(a.Aliases)
	for v, c := range fc[PredRole] {
		if iri, ok := v.(quad.IRI); ok && c > 0 {
			roles = append(roles, iri)
		}
	}
	slices.Sort(roles)
	return a, roles, true
}

// SearchActors returns a page of actors in order of id, and the id to pass
// as Page.After for the next page ("" after the last). Filter.Query matches
// an actor id, or a name or alias that holds all the query's words after
// extract.NormalizeArabic ("Trump" finds "Donald Trump"). No match is an
// empty page, not an error. It is safe for concurrent use.
func (s *Store) SearchActors(ctx context.Context, f ActorFilter, p Page) ([]extract.Actor, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	var ids []string
	if f.Query == "" && s.index != nil {
		k, built, err := s.index.subjects.ensure(ctx, s, PredType, ClassActor, entryActorID)
		if err != nil {
			return nil, "", fmt.Errorf("search actors: %w", err)
		}
		if built {
			return s.pageActorsLocked(ctx, k, f, p)
		}
	}
	if f.Query != "" {
		found, err := s.resolveActorLocked(ctx, f.Query)
		if err != nil {
			return nil, "", fmt.Errorf("search actors: %w", err)
		}
		ids = found
	} else {
		nodes, err := s.subjectsLocked(ctx, ClassActor, PredType)
		if err != nil {
			return nil, "", fmt.Errorf("search actors: %w", err)
		}
		for n := range nodes {
			if id, ok := parseActorIRI(n); ok {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	limit := pageLimit(p)
	ctx, err := s.actorsAheadLocked(ctx, ids, p.After, limit+1) // readahead.go
	if err != nil {
		return nil, "", fmt.Errorf("search actors: %w", err)
	}
	var out []extract.Actor
	for _, id := range ids {
		if id <= p.After {
			continue
		}
		a, _, err := s.actorLocked(ctx, id)
		if err != nil {
			return nil, "", fmt.Errorf("search actors: %q: %w", id, err)
		}
		if f.Kind != extract.KindUnknown && a.Kind != f.Kind {
			continue
		}
		if len(out) == limit {
			return out, out[limit-1].ID, nil
		}
		out = append(out, a)
	}
	return out, "", nil
}

// pageActorsLocked returns SearchActors' page of every actor (of a kind),
// walking the ordered list k of actor ids (actorTypeKey) from p.After.
func (s *Store) pageActorsLocked(ctx context.Context, k subjectKey, f ActorFilter, p Page) ([]extract.Actor, string, error) {
	limit := pageLimit(p)
	var out []extract.Actor
	next := ""
	var err error
	s.index.subjects.each(subjectFilter{k}, p.After, func(id string) bool {
		a, _, aerr := s.actorLocked(ctx, id)
		if errors.Is(aerr, ErrNotFound) {
			return ctx.Err() == nil // deleted since the walk read its id
		}
		if aerr != nil {
			err = fmt.Errorf("search actors: %q: %w", id, aerr)
			return false
		}
		if f.Kind != extract.KindUnknown && a.Kind != f.Kind {
			return ctx.Err() == nil
		}
		if len(out) == limit {
			next = out[limit-1].ID
			return false
		}
		out = append(out, a)
		return ctx.Err() == nil
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// resolveActorLocked returns the ids of the actors ref names: the actor
// whose id is ref, and those with a name or alias holding every word of
// ref after normalisation. The words are looked up through the indexed
// cg:nameWord facts; the whole match is then checked name by name.
func (s *Store) resolveActorLocked(ctx context.Context, ref string) ([]string, error) {
	var ids []string
	// An actor's type is stated once per article that names it: its
	// facts, kept where the store keeps them, count them.
	fc, err := s.actorFactsLocked(ctx, ActorIRI(ref))
	if err != nil {
		return nil, err
	}
	if fc[PredType][ClassActor] > 0 {
		ids = append(ids, ref)
	}
	words := strings.Fields(nameKey(ref))
	if len(words) == 0 {
		return ids, nil
	}
	wordValues := make([]quad.Value, len(words))
	for i, w := range words {
		wordValues[i] = quad.String(w)
	}
	if ctx, err = s.subjectsAheadLocked(ctx, PredNameWord, wordValues); err != nil { // readahead.go
		return nil, err
	}
	var cand map[quad.IRI]bool
	for _, w := range words {
		set, err := s.nameWordActorsLocked(ctx, w)
		if err != nil {
			return nil, err
		}
		if cand == nil {
			cand = set
		} else {
			for n := range cand {
				if !set[n] {
					delete(cand, n)
				}
			}
		}
		if len(cand) == 0 {
			return ids, nil
		}
	}
	for n := range cand {
		id, ok := parseActorIRI(n)
		if !ok || slices.Contains(ids, id) {
			continue
		}
		if len(words) == 1 { // a name key holds each of its name words
			ids = append(ids, id)
			continue
		}
		fc, err := s.actorFactsLocked(ctx, n)
		if err != nil {
			return nil, err
		}
		for k := range fc[PredNameKey] {
			if str, ok := k.(quad.String); ok && containsWords(strings.Fields(string(str)), words) {
				ids = append(ids, id)
				break
			}
		}
	}
	return ids, nil
}

// nameWordActorsLocked returns the actors with a name word w
// (cg:nameWord), from the ordered list of them where the store keeps
// one: an actor's name words are stated once per article that names it,
// so reading them costs the actor's history.
func (s *Store) nameWordActorsLocked(ctx context.Context, w string) (map[quad.IRI]bool, error) {
	if s.index != nil {
		k, built, err := s.index.subjects.ensure(ctx, s, PredNameWord, quad.String(w), entryActorID)
		if err != nil {
			return nil, err
		}
		if built {
			set := map[quad.IRI]bool{}
			s.index.subjects.each(subjectFilter{k}, "", func(id string) bool {
				set[ActorIRI(id)] = true
				return true
			})
			return set, nil
		}
	}
	return s.subjectsLocked(ctx, quad.String(w), PredNameWord)
}

// containsWords reports whether every word of want is in have.
func containsWords(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// itemSel selects statements, figures or events: the sets of nodes from
// indexed lookups (all must hold a node), and a check on its facts.
type itemSel struct {
	seg   string
	sets  []map[quad.IRI]bool
	empty bool // an actor reference matched nothing
	check func(props) bool
	// idx are filters by ordered subject lists (subjectindex.go), all of
	// which must hold a node; set only where the store keeps them.
	idx []subjectFilter
}

// byIndex narrows sel to the subjects of any of the (pred, obj) pairs
// given, through the ordered subject lists. It reports false when the
// store keeps none (PostgreSQL) or cannot build one now (see
// subjectIndex.ensure): then the caller narrows by sets.
func (s *Store) byIndex(ctx context.Context, sel *itemSel, pairs ...subjectPair) (bool, error) {
	if s.index == nil {
		return false, nil
	}
	f := make(subjectFilter, 0, len(pairs))
	for _, pr := range pairs {
		k, built, err := s.index.subjects.ensure(ctx, s, pr.pred, pr.obj, entryIRI)
		if err != nil || !built {
			return err != nil, err
		}
		f = append(f, k)
	}
	if len(f) == 0 {
		sel.empty = true
	}
	sel.idx = append(sel.idx, f)
	return true, nil
}

// subjectPair is a predicate and object whose subjects a filter takes.
type subjectPair struct {
	pred quad.IRI
	obj  quad.Value
}

// inIdx reports whether every index filter of sel holds n.
func (s *Store) inIdx(sel *itemSel, n quad.IRI, skip int) bool {
	for i, f := range sel.idx {
		if i != skip && !s.index.subjects.holds(f, string(n)) {
			return false
		}
	}
	return true
}

// bySubjects narrows sel to the subjects of (pred, obj).
func (s *Store) bySubjects(ctx context.Context, sel *itemSel, obj quad.Value, pred quad.IRI) error {
	set, err := s.subjectsLocked(ctx, obj, pred)
	if err != nil {
		return err
	}
	sel.sets = append(sel.sets, set)
	return nil
}

// byActor narrows sel to items linked by pred to an actor ref names.
func (s *Store) byActor(ctx context.Context, sel *itemSel, ref string, pred quad.IRI) error {
	ids, err := s.resolveActorLocked(ctx, ref)
	if err != nil {
		return err
	}
	pairs := make([]subjectPair, 0, len(ids))
	for _, id := range ids {
		pairs = append(pairs, subjectPair{pred, ActorIRI(id)})
	}
	if done, err := s.byIndex(ctx, sel, pairs...); done || err != nil {
		return err
	}
	set := map[quad.IRI]bool{}
	for _, id := range ids {
		sub, err := s.subjectsLocked(ctx, ActorIRI(id), pred)
		if err != nil {
			return err
		}
		for n := range sub {
			set[n] = true
		}
	}
	if len(set) == 0 {
		sel.empty = true
	}
	sel.sets = append(sel.sets, set)
	return nil
}

// listItemsLocked finds the items sel selects after p.After in key order,
// calling emit with each item's key and facts, at most p.Limit of them. It
// returns the key for the next page. With no indexed set to start from, it
// walks the articles in key order and reads each one's items.
func (s *Store) listItemsLocked(ctx context.Context, sel *itemSel, p Page, emit func(key string, n quad.IRI, pr props) error) (string, error) {
	limit := pageLimit(p)
	count := 0
	var lastKey string
	// visit handles candidate nodes of one batch, in key order; it reports
	// whether the page is full and one more item exists.
	visit := func(nodes map[quad.IRI]bool) (bool, error) {
		type kn struct {
			key string
			n   quad.IRI
		}
		var list []kn
		for n := range nodes {
			if k, ok := itemKey(n, sel.seg); ok && k > p.After && inAll(sel.sets, n) && s.inIdx(sel, n, -1) {
				list = append(list, kn{k, n})
			}
		}
		slices.SortFunc(list, func(a, b kn) int { return strings.Compare(a.key, b.key) })
		var pre map[quad.IRI]props // on PostgreSQL, read ahead a batch at a time
		for i, it := range list {
			if s.pg != nil && pre[it.n] == nil {
				var batch []quad.IRI
				for _, x := range list[i:min(i+propsBatch(limit-count), len(list))] {
					batch = append(batch, x.n)
				}
				var err error
				if pre, err = s.pg.props(ctx, batch); err != nil {
					return false, err
				}
			}
			pr := pre[it.n]
			if pr == nil {
				var err error
				if pr, err = s.propsLocked(ctx, it.n); err != nil {
					return false, err
				}
			}
			if sel.check != nil && !sel.check(pr) {
				continue
			}
			if count == limit {
				return true, nil
			}
			if err := emit(it.key, it.n, pr); err != nil {
				return false, err
			}
			count++
			lastKey = it.key
		}
		return false, nil
	}
	if sel.empty {
		return "", nil
	}
	if len(sel.sets) > 0 {
		more, err := visit(sel.sets[0])
		if more {
			return lastKey, err
		}
		return "", err
	}
	if len(sel.idx) > 0 {
		more, err := s.walkIdxLocked(ctx, sel, p, func(key string, n quad.IRI) (bool, error) {
			pr, err := s.propsLocked(ctx, n)
			if err != nil {
				return false, err
			}
			if sel.check != nil && !sel.check(pr) {
				return false, nil
			}
			if count == limit {
				return true, nil
			}
			if err := emit(key, n, pr); err != nil {
				return false, err
			}
			count++
			lastKey = key
			return false, nil
		})
		if more {
			return lastKey, err
		}
		return "", err
	}
	// Article by article, in the order of their items' keys.
	visitArticle := func(pre string) (bool, error) {
		art := quad.IRI(prefixArticle + strings.TrimSuffix(pre, "/"))
		nodes, err := s.subjectsLocked(ctx, art, PredDerivedFrom)
		if err != nil {
			return false, err
		}
		return visit(nodes)
	}
	if s.index != nil {
		var more bool
		var err error
		s.index.eachPrefix(p.After, func(pre string) bool {
			more, err = visitArticle(pre)
			return err == nil && !more
		})
		if more {
			return lastKey, err
		}
		return "", err
	}
	arts, err := s.subjectsLocked(ctx, ClassArticle, PredType)
	if err != nil {
		return "", err
	}
	prefixes := make([]string, 0, len(arts))
	for a := range arts {
		if rest, ok := strings.CutPrefix(string(a), prefixArticle); ok && !strings.Contains(rest, "/") {
			pre := rest + "/"
			if pre >= p.After || strings.HasPrefix(p.After, pre) {
				prefixes = append(prefixes, pre)
			}
		}
	}
	slices.Sort(prefixes)
	for _, pre := range prefixes {
		more, err := visitArticle(pre)
		if err != nil || more {
			return lastKey, err
		}
	}
	return "", nil
}

// walkIdxLocked calls fn, in key order, with the items after p.After
// that every index filter of sel holds, walking the shortest of them,
// until fn reports stop or fails.
func (s *Store) walkIdxLocked(ctx context.Context, sel *itemSel, p Page, fn func(key string, n quad.IRI) (stop bool, err error)) (bool, error) {
	drive, least := 0, -1
	for i, f := range sel.idx {
		if n := s.index.subjects.size(f); least < 0 || n < least {
			drive, least = i, n
		}
	}
	// An item's IRI orders as its key does (see itemKey), so the walk
	// starts at the IRI of p.After.
	start := ""
	if art, local, ok := strings.Cut(p.After, "/"); ok {
		start = string(prefixArticle) + art + "/" + sel.seg + "/" + local
	}
	var stop bool
	var err error
	s.index.subjects.each(sel.idx[drive], start, func(subj string) bool {
		n := quad.IRI(subj)
		k, ok := itemKey(n, sel.seg)
		if !ok || k <= p.After || !s.inIdx(sel, n, drive) {
			return ctx.Err() == nil
		}
		stop, err = fn(k, n)
		return !stop && err == nil && ctx.Err() == nil
	})
	if err == nil {
		err = ctx.Err()
	}
	return stop, err
}

func inAll(sets []map[quad.IRI]bool, n quad.IRI) bool {
	for _, s := range sets {
		if !s[n] {
			return false
		}
	}
	return true
}

// localIDs returns the local ids of items of kind seg among iris.
func localIDs(iris []quad.IRI, seg string) []string {
	var out []string
	for _, iri := range iris {
		if k, ok := itemKey(iri, seg); ok {
			if _, l, err := splitItemKey(k); err == nil {
				out = append(out, l)
			}
		}
	}
	return out
}

func actorIDs(iris []quad.IRI) []string {
	var out []string
	for _, iri := range iris {
		if id, ok := parseActorIRI(iri); ok {
			out = append(out, id)
		}
	}
	return out
}

func firstActor(p props, pred quad.IRI) string {
	if ids := actorIDs(p.iris(pred)); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// ListStatements returns a page of statements in key order (article, then
// statement id; the key is the encoded article id and statement id joined by
// "/"), and the key to pass as Page.After for the next page ("" after the
// last). Speaker and Mentions are actor references (see SearchActors); one
// that names no actor gives an empty page. It is safe for concurrent use.
func (s *Store) ListStatements(ctx context.Context, f StatementFilter, p Page) ([]StoredStatement, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	sel := &itemSel{seg: segStatement}
	var err error
	if f.ArticleID != "" {
		err = s.bySubjects(ctx, sel, ArticleIRI(f.ArticleID), PredDerivedFrom)
	}
	if err == nil && f.Speaker != "" {
		err = s.byActor(ctx, sel, f.Speaker, PredSpeaker)
	}
	if err == nil && f.Mentions != "" {
		err = s.byActor(ctx, sel, f.Mentions, PredMentions)
	}
	if err != nil {
		return nil, "", fmt.Errorf("list statements: %w", err)
	}
	var out []StoredStatement
	next, err := s.listItemsLocked(ctx, sel, p, func(key string, n quad.IRI, pr props) error {
		st, err := statementFromProps(key, pr)
		if err != nil {
			return err
		}
		out = append(out, st)
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("list statements: %w", err)
	}
	return out, next, nil
}

// ListFigures returns a page of figures in key order, as ListStatements
// does. Measure matches exactly; Source is an actor reference. It is safe
// for concurrent use.
func (s *Store) ListFigures(ctx context.Context, f FigureFilter, p Page) ([]StoredFigure, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	sel := &itemSel{seg: segFigure}
	var err error
	if f.ArticleID != "" {
		err = s.bySubjects(ctx, sel, ArticleIRI(f.ArticleID), PredDerivedFrom)
	}
	if err == nil && f.Measure != "" {
		err = s.byMeasure(ctx, sel, f.Measure)
	}
	if err == nil && f.Source != "" {
		err = s.byActor(ctx, sel, f.Source, PredAccordingTo)
	}
	if err != nil {
		return nil, "", fmt.Errorf("list figures: %w", err)
	}
	var out []StoredFigure
	next, err := s.listItemsLocked(ctx, sel, p, func(key string, n quad.IRI, pr props) error {
		fg, err := figureFromProps(key, pr)
		if err != nil {
			return err
		}
		out = append(out, fg)
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("list figures: %w", err)
	}
	return out, next, nil
}

// byMeasure narrows sel to the figures of a measure key (killed@gaza) or
// a measure's name (killed).
func (s *Store) byMeasure(ctx context.Context, sel *itemSel, m string) error {
	done, err := s.byIndex(ctx, sel, subjectPair{PredInMeasure, measureIRI(m)}, subjectPair{PredMeasure, quad.String(m)})
	if done || err != nil {
		return err
	}
	var byKey, byName map[quad.IRI]bool
	if byKey, err = s.subjectsLocked(ctx, measureIRI(m), PredInMeasure); err == nil {
		byName, err = s.subjectsLocked(ctx, quad.String(m), PredMeasure)
	}
	for n := range byName {
		byKey[n] = true
	}
	sel.sets = append(sel.sets, byKey)
	return err
}

// ListEvents returns a page of events in key order, as ListStatements does.
// Kind matches exactly; Participant is an actor reference; DateFrom and
// DateTo keep the events whose date, possibly partial, may fall in the
// range (an event dated "2023-10" is inside a range from "2023-10-07").
// Events without a date are left out when a range is given. It is safe for
// concurrent use.
func (s *Store) ListEvents(ctx context.Context, f EventFilter, p Page) ([]StoredEvent, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	sel := &itemSel{seg: segEvent}
	var err error
	if f.ArticleID != "" {
		err = s.bySubjects(ctx, sel, ArticleIRI(f.ArticleID), PredDerivedFrom)
	}
	if err == nil && f.Kind != "" {
		var done bool
		if done, err = s.byIndex(ctx, sel, subjectPair{PredEventKind, quad.String(f.Kind)}); !done && err == nil {
			err = s.bySubjects(ctx, sel, quad.String(f.Kind), PredEventKind)
		}
	}
	if err == nil && f.Participant != "" {
		err = s.byActor(ctx, sel, f.Participant, PredParticipant)
	}
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	if f.DateFrom != "" || f.DateTo != "" {
		sel.check = func(pr props) bool { return dateInRange(pr.str(PredDate), f.DateFrom, f.DateTo) }
	}
	var out []StoredEvent
	next, err := s.listItemsLocked(ctx, sel, p, func(key string, n quad.IRI, pr props) error {
		art, local, err := splitItemKey(key)
		if err != nil {
			return err
		}
		out = append(out, StoredEvent{ArticleID: art, Event: extract.Event{
			ID:             local,
			Kind:           pr.str(PredEventKind),
			Trigger:        pr.str(PredTrigger),
			Span:           pr.span(PredSpan),
			Date:           pr.str(PredDate),
			DateText:       pr.str(PredDateText),
			ParticipantIDs: actorIDs(pr.iris(PredParticipant)),
			PlaceIDs:       actorIDs(pr.iris(PredLocation)),
		}})
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	return out, next, nil
}

// statementFromProps returns the statement of item key (see itemKey) whose
// facts are pr.
func statementFromProps(key string, pr props) (StoredStatement, error) {
	art, local, err := splitItemKey(key)
	if err != nil {
		return StoredStatement{}, err
	}
	st := extract.Statement{
		ID:          local,
		SpeakerID:   firstActor(pr, PredSpeaker),
		SpeakerText: pr.str(PredSpeakerText),
		SpeakerSpan: pr.span(PredSpeakerSpan),
		Cue:         pr.str(PredCue),
		CueSpan:     pr.span(PredCueSpan),
		Content:     pr.str(PredText),
		ContentSpan: pr.span(PredSpan),
		Kind:        extract.Indirect,
		Sentence:    pr.int(PredSentence),
		Confidence:  pr.float(PredConfidence),
		SaidOn:      pr.str(PredSaidOn),
	}
	if pr.bool(PredDirect) {
		st.Kind = extract.Direct
	}
	mentions := pr.iris(PredMentions)
	st.MentionIDs = append(actorIDs(mentions), localIDs(mentions, segEvent)...)
	return StoredStatement{ArticleID: art, Statement: st}, nil
}

// figureLocked reads figure node fn, whose item key is key.
func (s *Store) figureLocked(ctx context.Context, fn quad.IRI, key string) (StoredFigure, error) {
	var gen uint64
	kept := s.index != nil && s.index.figures != nil
	if kept {
		f, g, ok := s.index.figures.get(fn)
		if ok {
			return f, nil
		}
		gen = g
	}
	pr, err := s.propsLocked(ctx, fn)
	if err != nil {
		return StoredFigure{}, err
	}
	f, err := figureFromProps(key, pr)
	if err == nil && kept {
		s.index.figures.put(fn, f, gen)
	}
	return f, err
}

// figureFromProps returns the figure of item key whose facts are pr.
func figureFromProps(key string, pr props) (StoredFigure, error) {
	art, local, err := splitItemKey(key)
	if err != nil {
		return StoredFigure{}, err
	}
	fg := extract.Figure{
		ID:          local,
		Value:       pr.float(PredValue),
		Approximate: pr.bool(PredApproximate),
		Unit:        pr.str(PredUnit),
		Subject:     pr.str(PredCounts),
		Measure:     pr.str(PredMeasure),
		SourceID:    firstActor(pr, PredAccordingTo),
		SourceText:  pr.str(PredSourceText),
		AsOf:        pr.str(PredAsOf),
		Since:       pr.str(PredSince),
		Span:        pr.span(PredSpan),
		Text:        pr.str(PredText),
	}
	if ms := pr.iris(PredInMeasure); len(ms) > 0 {
		fg.Key, _ = keyOfIRI(ms[0], prefixMeasure)
	}
	for q, name := range qualifierNames {
		if name == pr.str(PredQualifier) {
			fg.Qualifier = q
		}
	}
	if ids := localIDs(pr.iris(PredInStatement), segStatement); len(ids) > 0 {
		fg.StatementID = ids[0]
	}
	return StoredFigure{ArticleID: art, Figure: fg}, nil
}

// dateInRange reports whether the partial ISO date d (YYYY, YYYY-MM or
// YYYY-MM-DD) may fall within [from, to], both inclusive and possibly
// partial or empty: d's last possible day is not before from's first, and
// d's first possible day is not after to's last.
func dateInRange(d, from, to string) bool {
	if d == "" {
		return false
	}
	if from != "" && dateBound(d, "9999-12-31") < dateBound(from, "0000-01-01") {
		return false
	}
	if to != "" && dateBound(d, "0000-01-01") > dateBound(to, "9999-12-31") {
		return false
	}
	return true
}

// dateBound completes a partial ISO date with the rest of fill, so that
// "2023-10" becomes "2023-10-31"-like with fill "9999-12-31" (days past a
// month's end compare the same) or "2023-10-01" with "0000-01-01".
func dateBound(d, fill string) string {
	if len(d) >= len(fill) {
		return d[:len(fill)]
	}
	return d + fill[len(d):]
}
