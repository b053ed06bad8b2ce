package graph

import (
	"context"
	"sync"

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
// published days, beside writes, as subjectIndex.ensure builds a list)
// and kept by the writes that commit from then on: a
// membership (statement cg:claim claim) added or deleted takes its day
// from its article's datePublished quad in the same write (an article's
// quads are written and deleted together). A write that leaves a day
// unknown (a membership changed while the article's day stayed) drops
// that claim's list, and one that changes an article's day drops them
// all: either is rebuilt on its next use.

// claimMembers applies one write's deltas to the claim lists; ix.mu is
// held.
func (ix *subjectIndex) claimMembers(deltas []cgraph.Delta) {
	if len(ix.claims) == 0 && len(ix.claimBuilding) == 0 {
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
			clear(ix.claimBuilding)
			return
		}
	}
	for _, d := range deltas {
		if d.Quad.Predicate != PredClaim {
			continue
		}
		c, _ := d.Quad.Object.(quad.IRI)
		set := ix.claims[c]
		b := ix.claimBuilding[c]
		if set == nil && b == nil {
			continue
		}
		st, _ := d.Quad.Subject.(quad.IRI)
		art, local, ok := statementOf(st)
		if !ok {
			continue
		}
		days := added
		if d.Action == cgraph.Delete {
			days = deleted
		}
		day, ok := days[art]
		if !ok {
			delete(ix.claims, c)
			delete(ix.claimBuilding, c)
			continue
		}
		pos := measurePos(NodeRef{ArticleID: art, LocalID: local, Date: day})
		if set == nil { // being built: note it for claimInstall
			b.touched[st] = true
			b.moved[pos] = true
			if len(b.touched) > maxTouched {
				delete(ix.claimBuilding, c)
			}
			continue
		}
		if d.Action == cgraph.Add {
			set.add(pos, 1)
		} else {
			set.remove(pos)
		}
	}
}

// claimMembersLocked calls fn with the sorted members of claim n,
// building the list as subjectIndex.ensure does (its read beside writes,
// concurrent callers waiting for one read), and reports whether it did:
// false when it could not install it (a write holds the store: the
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
	ix.mu.Lock()
	if set := ix.claims[n]; set != nil {
		fn(set)
		ix.mu.Unlock()
		return true, nil
	}
	b := ix.claimBuilding[n]
	if b == nil {
		b = &claimBuild{done: make(chan struct{}), touched: map[quad.IRI]bool{}, moved: map[string]bool{}}
		ix.claimBuilding[n] = b
		ix.mu.Unlock()
		refs, err := s.claimRefsLocked(ctx, n, pub)
		if err == nil {
			err = ctx.Err()
		}
		if err == nil && ix.afterClaimRead != nil {
			ix.afterClaimRead(n)
		}
		ix.mu.Lock()
		if err != nil {
			if ix.claimBuilding[n] == b {
				delete(ix.claimBuilding, n)
			}
		} else {
			b.set = newSortedSet()
			for _, r := range refs {
				b.set.add(measurePos(r), 1)
			}
		}
		close(b.done)
		ix.mu.Unlock()
		if err != nil {
			return false, err
		}
	} else {
		ix.mu.Unlock()
		select {
		case <-b.done:
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	return s.claimInstall(ctx, n, b, fn)
}

// claimBuild is the member list of a claim being built
// (claimMembersLocked): as listBuild, with the positions that writes
// during the read gave or took (moved) beside the statements they touched.
type claimBuild struct {
	install sync.Mutex // as listBuild's
	done    chan struct{}
	set     *sortedSet
	touched map[quad.IRI]bool
	moved   map[string]bool
}

// claimInstall makes the list b read claim n's kept list, once it has
// re-read the memberships that writes touched during the read, and calls
// fn with it; it reports false when a write holds the store or b was
// dropped.
func (s *Store) claimInstall(ctx context.Context, n quad.IRI, b *claimBuild, fn func(*sortedSet)) (bool, error) {
	ix := s.index.subjects
	b.install.Lock()
	defer b.install.Unlock()
	ix.mu.RLock()
	if set := ix.claims[n]; set != nil {
		defer ix.mu.RUnlock()
		fn(set)
		return true, nil
	}
	ix.mu.RUnlock()
	if !s.tryWriteLock() {
		return false, nil
	}
	defer s.writeUnlock()
	ix.mu.Lock()
	set := ix.claims[n]
	current := ix.claimBuilding[n] == b && b.set != nil
	ix.mu.Unlock()
	if set == nil && !current {
		return false, nil
	}
	var now []string // the positions of the touched statements still members
	if set == nil {
		pub := publishedCache{} // days as they are now, not as the read found them
		for st := range b.touched {
			member := false
			err := s.eachOfLocked(ctx, quad.Subject, st, PredClaim, func(o quad.Value, _ int) {
				member = member || o == n
			})
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				return false, err
			}
			art, local, ok := statementOf(st)
			if !member || !ok {
				continue
			}
			d, err := s.publishedLocked(ctx, pub, art)
			if err != nil {
				return false, err
			}
			now = append(now, measurePos(NodeRef{ArticleID: art, LocalID: local, Date: link.FullDay(d)}))
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if set == nil {
		for pos := range b.moved {
			b.set.set(pos, 0)
		}
		for _, pos := range now {
			b.set.set(pos, 1)
		}
		set = b.set
		ix.claims[n] = set
		delete(ix.claimBuilding, n)
	}
	fn(set)
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
		art, local, ok := statementOf(st)
		if !ok {
			continue
		}
		d, err := s.publishedLocked(ctx, pub, art)
		if err != nil {
			return nil, err
		}
		refs = append(refs, NodeRef{ArticleID: art, LocalID: local, Date: link.FullDay(d)})
	}
	return refs, nil
}
