package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/link"
)

// The members of the claims read so far, in the order a claim gives its
// statements (link.Compare: the published day of the statement's
// article, then article id, then statement id), each as its position
// (measurePos), so that ListClaims reads the first statements of a claim
// that thousands of articles report, not all of them. A claim's list is
// built on first use (one read of its members and their articles'
// published days) and kept by the writes that commit from then on: a
// membership (statement cg:claim claim) added or deleted takes its day
// from its article's datePublished quad in the same write (an article's
// quads are written and deleted together). A write that leaves a day
// unknown (a membership changed while the article's day stayed) drops
// that claim's list, and one that changes an article's day drops them
// all: either is rebuilt on its next use.

// claimMembers applies one write's deltas to the claim lists; ix.mu is
// held.
func (ix *subjectIndex) claimMembers(deltas []cgraph.Delta) {
	if len(ix.claims) == 0 {
		return
	}
	var added, deleted map[string]string // article id → published day
	for _, d := range deltas {
		if d.Quad.Predicate != PredDatePublished {
			continue
		}
		id, ok := parseArticleIRI(d.Quad.Subject)
		if !ok {
			continue
		}
		day := ""
		if str, ok := d.Quad.Object.(quad.String); ok {
			day = link.FullDay(string(str))
		}
		m := &added
		if d.Action == cgraph.Delete {
			m = &deleted
		}
		if *m == nil {
			*m = map[string]string{}
		}
		(*m)[id] = day
	}
	for id, old := range deleted {
		if day, ok := added[id]; ok && day != old {
			clear(ix.claims) // an article's day changed: its members moved
			return
		}
	}
	for _, d := range deltas {
		if d.Quad.Predicate != PredClaim {
			continue
		}
		c, _ := d.Quad.Object.(quad.IRI)
		set := ix.claims[c]
		if set == nil {
			continue
		}
		st, _ := d.Quad.Subject.(quad.IRI)
		key, ok := itemKey(st, segStatement)
		if !ok {
			continue
		}
		art, local, err := splitItemKey(key)
		if err != nil {
			continue
		}
		days := added
		if d.Action == cgraph.Delete {
			days = deleted
		}
		day, ok := days[art]
		if !ok {
			delete(ix.claims, c)
			continue
		}
		pos := measurePos(NodeRef{ArticleID: art, LocalID: local, Date: day})
		if d.Action == cgraph.Add {
			set.add(pos, 1)
		} else {
			set.remove(pos)
		}
	}
}

// claimMembersLocked calls fn with the sorted members of claim n,
// building the list as subjectIndex.ensure does, and reports whether it
// did: false when it could not build it (a write holds the store: the
// caller reads the store instead). fn runs under the index's lock: it
// must not call the index.
func (s *Store) claimMembersLocked(ctx context.Context, n quad.IRI, pub publishedCache, fn func(*sortedSet)) (bool, error) {
	ix := s.index.subjects
	ix.mu.RLock()
	set := ix.claims[n]
	if set != nil {
		fn(set)
	}
	ix.mu.RUnlock()
	if set != nil {
		return true, nil
	}
	if !s.tryWriteLock() {
		return false, nil
	}
	defer s.writeUnlock()
	refs, err := s.claimRefsLocked(ctx, n, pub)
	if err != nil {
		return false, err
	}
	set = newSortedSet()
	for _, r := range refs {
		set.add(measurePos(r), 1)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.claims[n] == nil {
		ix.claims[n] = set
	}
	fn(ix.claims[n])
	return true, nil
}

// claimRefsLocked returns the members of claim n, unsorted, each dated
// by its article's published day.
func (s *Store) claimRefsLocked(ctx context.Context, n quad.IRI, pub publishedCache) ([]NodeRef, error) {
	nodes, err := s.subjectsLocked(ctx, n, PredClaim)
	if err != nil {
		return nil, err
	}
	var refs []NodeRef
	for st := range nodes {
		key, ok := itemKey(st, segStatement)
		if !ok {
			continue
		}
		art, local, err := splitItemKey(key)
		if err != nil {
			return nil, err
		}
		d, err := s.publishedLocked(ctx, pub, art)
		if err != nil {
			return nil, err
		}
		refs = append(refs, NodeRef{ArticleID: art, LocalID: local, Date: link.FullDay(d)})
	}
	return refs, nil
}
