package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/link"
)

// Read-ahead on PostgreSQL. A typed read that is about to read the facts
// of many nodes one after another (the items of a page, the figures of a
// measure, the statements of a claim) first names them with
// readAheadLocked or subjectsAheadLocked: on PostgreSQL that reads them
// all in one query into a cache carried by the call's context, and the
// read chokepoints (pgread.go) then answer from it without a round trip.
// Everywhere else the hints do nothing, and the typed-read code is the
// same on every backend. The cache lives as long as the call's context:
// it is one call's view, as the reads it replaces would have been.

// bigPreds are the predicates whose objects are large (an article's text,
// a quad list): read ahead only when asked for by name.
var bigPreds = map[quad.IRI]bool{PredArticleBody: true, PredQuadList: true}

type aheadCtxKey struct{}

// ahead is the facts read ahead for one call, by node hash. It is safe
// for concurrent use.
type ahead struct {
	mu  sync.Mutex
	out map[string]*aheadOut       // facts whose subject is the node
	in  map[aheadInKey][]aheadFact // subjects of (pred, object), obj holding the subject
}

// aheadOut is the facts read of one subject: those of the predicates
// preds, or when preds is nil of every predicate but bigPreds, and
// whether it has facts of bigPreds, not read.
type aheadOut struct {
	preds map[quad.IRI]bool
	facts []aheadFact // in the order they were written
	big   bool
}

// aheadFact is a fact read ahead: its predicate and the value at its
// other end, with that value's hash, and how many quads state it.
type aheadFact struct {
	pred quad.IRI
	obj  quad.Value
	hash string
	n    int
}

// aheadInKey names the subjects of a predicate and object (node hashes).
type aheadInKey struct{ obj, pred string }

// covers reports whether o holds every fact of pred.
func (o *aheadOut) covers(pred quad.IRI) bool {
	if o.preds == nil {
		return !bigPreds[pred] || !o.big
	}
	return o.preds[pred]
}

// aheadOf returns the read-ahead cache of ctx, or nil.
func aheadOf(ctx context.Context) *ahead {
	a, _ := ctx.Value(aheadCtxKey{}).(*ahead)
	return a
}

// outFacts returns the facts read ahead of the node with hash h, or nil.
func (a *ahead) outFacts(h string) *aheadOut {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.out[h]
}

// inFacts returns the subjects read ahead of (pred, the node with hash
// h), and whether they were.
func (a *ahead) inFacts(h, pred string) ([]aheadFact, bool) {
	if a == nil {
		return nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fs, ok := a.in[aheadInKey{h, pred}]
	return fs, ok
}

// withAhead returns ctx carrying a read-ahead cache, and the cache.
func withAhead(ctx context.Context) (context.Context, *ahead) {
	if a := aheadOf(ctx); a != nil {
		return ctx, a
	}
	a := &ahead{out: map[string]*aheadOut{}, in: map[aheadInKey][]aheadFact{}}
	return context.WithValue(ctx, aheadCtxKey{}, a), a
}

// readAheadLocked reads ahead, on PostgreSQL, the facts of nodes of the
// predicates preds (nil: every predicate but bigPreds), and every fact
// (but bigPreds) of the nodes that their facts of the predicates follow
// point to, in one query for up to aheadBatch nodes, for the reads that
// follow with the context it returns. Elsewhere it returns ctx and does
// nothing.
func (s *Store) readAheadLocked(ctx context.Context, nodes []quad.IRI, preds []quad.IRI, follow ...quad.IRI) (context.Context, error) {
	if s.pg == nil || len(nodes) == 0 {
		return ctx, nil
	}
	ctx, a := withAhead(ctx)
	var want map[quad.IRI]bool
	if preds != nil {
		want = map[quad.IRI]bool{}
		for _, p := range append(slices.Clone(preds), follow...) {
			want[p] = true
		}
	}
	var todo []quad.IRI
	seen := map[quad.IRI]bool{}
	for _, n := range nodes {
		if seen[n] {
			continue
		}
		seen[n] = true
		if o := a.outFacts(string(pgHash(n).([]byte))); o != nil && coversAll(o, want) {
			continue
		}
		todo = append(todo, n)
	}
	for len(todo) > 0 {
		batch := todo[:min(aheadBatch, len(todo))]
		todo = todo[len(batch):]
		got, err := s.pg.readOut(ctx, batch, want, follow)
		if err != nil {
			return ctx, err
		}
		a.mu.Lock()
		for h, o := range got {
			a.out[h] = o
		}
		a.mu.Unlock()
	}
	return ctx, nil
}

// coversAll reports whether o holds every fact of the predicates want
// (nil: of every predicate but bigPreds).
func coversAll(o *aheadOut, want map[quad.IRI]bool) bool {
	if want == nil {
		return o.preds == nil
	}
	for p := range want {
		if !o.covers(p) {
			return false
		}
	}
	return true
}

// subjectsAheadLocked reads ahead, on PostgreSQL, the subjects of (pred,
// obj) for each of objs, in one query for up to aheadBatch of them, for
// the reads that follow with the context it returns. Elsewhere it returns
// ctx and does nothing.
func (s *Store) subjectsAheadLocked(ctx context.Context, pred quad.IRI, objs []quad.Value) (context.Context, error) {
	if s.pg == nil || len(objs) == 0 {
		return ctx, nil
	}
	ctx, a := withAhead(ctx)
	for len(objs) > 0 {
		batch := objs[:min(aheadBatch, len(objs))]
		objs = objs[len(batch):]
		got, err := s.pg.readIn(ctx, pred, batch)
		if err != nil {
			return ctx, err
		}
		a.mu.Lock()
		for k, fs := range got {
			a.in[k] = fs
		}
		a.mu.Unlock()
	}
	return ctx, nil
}

// aheadBatch is how many nodes one read-ahead query reads at most.
const aheadBatch = 1000

// valuesOf returns vs as values.
func valuesOf[T quad.Value](vs []T) []quad.Value {
	out := make([]quad.Value, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// irisOf returns the IRIs iri gives of ids.
func irisOf(ids []string, iri func(string) quad.IRI) []quad.IRI {
	out := make([]quad.IRI, len(ids))
	for i, id := range ids {
		out[i] = iri(id)
	}
	return out
}

// actorsAheadLocked reads ahead the facts that make actors (actorPreds,
// and their roles') of the first n of ids after after; ids are sorted.
func (s *Store) actorsAheadLocked(ctx context.Context, ids []string, after string, n int) (context.Context, error) {
	i, _ := slices.BinarySearch(ids, after)
	for i < len(ids) && ids[i] <= after {
		i++
	}
	return s.readAheadLocked(ctx, irisOf(ids[i:min(len(ids), i+n)], ActorIRI), actorPreds, PredRole)
}

// linksAheadLocked reads ahead the link nodes whose keys are given.
func (s *Store) linksAheadLocked(ctx context.Context, keys []string) (context.Context, error) {
	return s.readAheadLocked(ctx, irisOf(keys, func(k string) quad.IRI { return quad.IRI(prefixLink + k) }), nil)
}

// conflictsAheadLocked reads ahead the figures at both ends of links, and
// their articles.
func (s *Store) conflictsAheadLocked(ctx context.Context, links []Link) (context.Context, error) {
	var nodes []quad.IRI
	for _, l := range links {
		for _, r := range []NodeRef{l.From, l.To} {
			nodes = append(nodes, FigureIRI(r.ArticleID, r.LocalID), ArticleIRI(r.ArticleID))
		}
	}
	return s.readAheadLocked(ctx, nodes, nil)
}

// claimsAheadLocked reads ahead what ListClaims reads of the claims whose
// keys are given: the claims, their statements, the days their articles
// were published, and the facts of each claim's first max statements (in
// claimUpToLocked's order), in four queries.
func (s *Store) claimsAheadLocked(ctx context.Context, keys []string, pub publishedCache, max int) (context.Context, error) {
	if s.pg == nil || len(keys) == 0 {
		return ctx, nil
	}
	claims := irisOf(keys, claimIRI)
	ctx, err := s.readAheadLocked(ctx, claims, nil)
	if err == nil {
		ctx, err = s.subjectsAheadLocked(ctx, PredClaim, valuesOf(claims))
	}
	if err != nil {
		return ctx, err
	}
	members := make([][]NodeRef, len(claims))
	var arts []quad.IRI
	for i, c := range claims {
		sts, err := s.subjectsLocked(ctx, c, PredClaim)
		if err != nil {
			return ctx, err
		}
		for st := range sts {
			art, local, ok := statementOf(st)
			if !ok {
				continue
			}
			members[i] = append(members[i], NodeRef{ArticleID: art, LocalID: local})
			arts = append(arts, ArticleIRI(art))
		}
	}
	if ctx, err = s.readAheadLocked(ctx, arts, []quad.IRI{PredDatePublished}); err != nil {
		return ctx, err
	}
	var sts []quad.IRI
	for _, refs := range members {
		for i, r := range refs {
			d, err := s.publishedLocked(ctx, pub, r.ArticleID)
			if err != nil {
				return ctx, err
			}
			refs[i].Date = link.FullDay(d)
		}
		slices.SortFunc(refs, link.Compare)
		for _, r := range refs[:min(len(refs), max)] {
			sts = append(sts, StatementIRI(r.ArticleID, r.LocalID))
		}
	}
	return s.readAheadLocked(ctx, sts, nil)
}
