package graph

import (
	"context"
	"slices"
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
	ids      []string // sorted
	prefixes []string // encodeID(id)+"/" of each, sorted: the order of item keys
	// subjects orders the subjects of the facts typed reads filter by
	// (subjectindex.go); it has a lock of its own.
	subjects *subjectIndex
}

// newArticleIndex reads the ids of the articles stored in qs.
func newArticleIndex(ctx context.Context, qs cgraph.QuadStore) (*articleIndex, error) {
	s := &Store{qs: qs}
	ix := &articleIndex{subjects: newSubjectIndex()}
	qq, err := s.quadsLocked(ctx, quad.Object, ClassArticle, PredType)
	if err != nil {
		return nil, err
	}
	for _, q := range qq {
		if id, ok := parseArticleIRI(q.Subject); ok && q.Label == q.Subject {
			ix.ids = append(ix.ids, id)
		}
	}
	slices.Sort(ix.ids)
	ix.ids = slices.Compact(ix.ids)
	for _, id := range ix.ids {
		ix.prefixes = append(ix.prefixes, encodeID(id)+"/")
	}
	slices.Sort(ix.prefixes)
	return ix, nil
}

// apply keeps the index up to date with committed deltas: an article's
// type quad added or deleted adds or removes it. It keeps ix.subjects too.
func (ix *articleIndex) apply(deltas []cgraph.Delta) {
	if ix.subjects != nil {
		ix.subjects.apply(deltas)
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
			ix.ids = insertSorted(ix.ids, id)
			ix.prefixes = insertSorted(ix.prefixes, encodeID(id)+"/")
		} else {
			ix.ids = removeSorted(ix.ids, id)
			ix.prefixes = removeSorted(ix.prefixes, encodeID(id)+"/")
		}
	}
}

func insertSorted(s []string, v string) []string {
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

func removeSorted(s []string, v string) []string {
	if i, found := slices.BinarySearch(s, v); found {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// page returns the ids after after, at most limit, and whether more follow.
func (ix *articleIndex) page(after string, limit int) ([]string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	i, found := slices.BinarySearch(ix.ids, after)
	if found {
		i++
	}
	end := min(i+limit, len(ix.ids))
	return slices.Clone(ix.ids[i:end]), end < len(ix.ids)
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
	for {
		ix.mu.RLock()
		i, _ := slices.BinarySearch(ix.prefixes, next)
		chunk := slices.Clone(ix.prefixes[i:min(i+64, len(ix.prefixes))])
		ix.mu.RUnlock()
		if len(chunk) == 0 {
			return
		}
		for _, pre := range chunk {
			if !fn(pre) {
				return
			}
		}
		next = chunk[len(chunk)-1] + "\x00"
	}
}
