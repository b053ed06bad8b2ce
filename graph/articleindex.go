package graph

import (
	"context"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// articleIndex is the stored articles' ids in order, so that unfiltered
// lists page from it instead of reading every article's id: Cayley's
// indexes give no order. It is built when the store opens (one read of
// every article's type quad) and kept by every write that commits (see
// applyLocked), so it needs no quads of its own and cannot disagree with
// them. It is safe for concurrent use.
//
// PostgreSQL stores have none: another server writing to the same database
// would leave it stale, so lists there read the ids as before.
type articleIndex struct {
	mu       sync.RWMutex
	ids      *sortedSet
	prefixes *sortedSet // encodeID(id)+"/" of each: the order of item keys
	// subjects orders the subjects of the facts typed reads filter by
	// (subjectindex.go); it has a lock of its own.
	subjects *subjectIndex
	// links and figures keep the links and figures read (nodecache.go);
	// figureLinks the keys of each figure's links, in no order (never
	// changed once kept).
	links       *nodeCache[Link]
	figures     *nodeCache[StoredFigure]
	figureLinks *nodeCache[[]string]
	articles    *nodeCache[ArticleInfo] // an article's facts, as GetArticle gives them
}

// newArticleIndex reads the ids of the articles stored in qs.
func newArticleIndex(ctx context.Context, qs cgraph.QuadStore) (*articleIndex, error) {
	s := &Store{qs: qs}
	ix := &articleIndex{ids: newSortedSet(), prefixes: newSortedSet(), subjects: newSubjectIndex(),
		links: newNodeCache[Link](maxCachedLinks), figures: newNodeCache[StoredFigure](maxCachedFigures),
		figureLinks: newNodeCache[[]string](maxCachedFigures), articles: newNodeCache[ArticleInfo](maxCachedArticles)}
	qq, err := s.quadsLocked(ctx, quad.Object, ClassArticle, PredType)
	if err != nil {
		return nil, err
	}
	for _, q := range qq {
		if id, ok := parseArticleIRI(q.Subject); ok && q.Label == q.Subject && ix.ids.add(id, 1) {
			ix.prefixes.add(encodeID(id)+"/", 1)
		}
	}
	return ix, nil
}

// apply keeps the index up to date with committed deltas: an article's
// type quad added or deleted adds or removes it. It keeps ix.subjects too.
func (ix *articleIndex) apply(deltas []cgraph.Delta) {
	if ix.subjects != nil {
		ix.subjects.apply(deltas)
	}
	if ix.links != nil {
		ix.links.forget(deltas, func(n quad.IRI) bool { return strings.HasPrefix(string(n), prefixLink) })
		ix.figures.forget(deltas, func(n quad.IRI) bool { _, ok := itemKey(n, segFigure); return ok })
		ix.articles.forget(deltas, func(n quad.IRI) bool { return strings.HasPrefix(string(n), prefixArticle) })
		ix.figureLinks.forgetBy(deltas, func(d cgraph.Delta) (quad.IRI, bool) {
			n, ok := d.Quad.Object.(quad.IRI)
			return n, ok && (d.Quad.Predicate == PredFrom || d.Quad.Predicate == PredTo)
		})
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, d := range deltas {
		if d.Quad.Predicate != PredType || d.Quad.Object != ClassArticle || d.Quad.Label != d.Quad.Subject {
			continue
		}
		id, ok := parseArticleIRI(d.Quad.Subject)
		if !ok {
			continue
		}
		if d.Action == cgraph.Add {
			if ix.ids.add(id, 1) {
				ix.prefixes.add(encodeID(id)+"/", 1)
			}
		} else if ix.ids.has(id) {
			ix.ids.t.Delete(counted{s: id})
			ix.prefixes.t.Delete(counted{s: encodeID(id) + "/"})
		}
	}
}

// page returns the ids after after, at most limit, and whether more follow.
func (ix *articleIndex) page(after string, limit int) ([]string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ids := ix.ids.after(after, limit+1)
	if len(ids) > limit {
		return ids[:limit], true
	}
	return ids, false
}

// eachPrefix calls fn with the item key prefixes (encoded id and "/"), in
// order, of the articles whose items may follow the item key after (""
// for all), until fn returns false. It holds the index only while it
// copies a few at a time, never while fn runs.
func (ix *articleIndex) eachPrefix(after string, fn func(prefix string) bool) {
	next := ""
	if after != "" {
		next, _, _ = strings.Cut(after, "/")
		next += "/"
	}
	for first := true; ; first = false {
		ix.mu.RLock()
		var chunk []string
		if first {
			chunk = ix.prefixes.from(next, 64)
		} else {
			chunk = ix.prefixes.after(next, 64)
		}
		ix.mu.RUnlock()
		if len(chunk) == 0 {
			return
		}
		for _, pre := range chunk {
			if !fn(pre) {
				return
			}
		}
		next = chunk[len(chunk)-1]
	}
}
