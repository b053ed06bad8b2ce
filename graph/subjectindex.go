package graph

import (
	"context"
	"maps"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// subjectIndex keeps, for the facts typed reads filter by (a statement's
// speaker, a figure's measure, an event's participant, an actor's type…),
// the subjects of one predicate and object in order (see
// subjectKey.entry), so that a filtered
// list pages from them instead of reading the whole history of a speaker
// or a measure: Cayley's indexes give a node's subjects in no order. A
// list is built on its first use (one indexed read of the object's
// quads) and kept by every write that commits from then on
// (articleIndex.apply), so it costs nothing for objects never asked
// about. It counts the quads that state each subject's fact (an actor's
// type is stated once per article that names it), so a subject leaves
// when its last quad does. It is safe for concurrent use.
//
// It also keeps the facts of the actors read so far (actorPreds, counted
// likewise, so that an actor every article names is not read article by
// article), and the titles and dates of roles, which their IRIs fix.
type subjectIndex struct {
	mu     sync.RWMutex
	lists  map[subjectKey][]string       // subject IRIs, sorted; only for the keys built
	counts map[subjectKey]map[string]int // quads per subject of each list
	actors map[quad.IRI]factCounts
	roles  map[quad.IRI]extract.Role
	// mentioned are, for the actors GetActor asked for, the ids of the
	// articles that mention each (actor cg:mentionedIn article), sorted,
	// with the quads that state each.
	mentioned      map[quad.IRI][]string
	mentionedCount map[quad.IRI]map[string]int
}

// actorPred are actorPreds, as a set.
var actorPred = map[quad.IRI]bool{PredType: true, PredName: true, PredAlternateName: true, PredRole: true}

type subjectKey struct {
	pred quad.IRI
	obj  string // quad.ToString of the object
}

// actorTypeKey is the list of the actors.
var actorTypeKey = subjectKey{PredType, quad.ToString(ClassActor)}

// entry returns what list k holds for subject subj: its IRI (an item's
// IRI orders as its key), or for the list of actors the actor's id, the
// order SearchActors pages in (encodeID does not keep it).
func (k subjectKey) entry(subj quad.IRI) (string, bool) {
	if k == actorTypeKey {
		return parseActorIRI(subj)
	}
	return string(subj), true
}

// subjectIndexed are the predicates whose subjects subjectIndex keeps.
var subjectIndexed = map[quad.IRI]bool{
	PredSpeaker: true, PredMentions: true, PredInMeasure: true, PredMeasure: true,
	PredAccordingTo: true, PredParticipant: true, PredEventKind: true, PredType: true,
}

func newSubjectIndex() *subjectIndex {
	return &subjectIndex{lists: map[subjectKey][]string{}, counts: map[subjectKey]map[string]int{},
		actors: map[quad.IRI]factCounts{}, roles: map[quad.IRI]extract.Role{},
		mentioned: map[quad.IRI][]string{}, mentionedCount: map[quad.IRI]map[string]int{}}
}

// apply keeps the lists built so far up to date with committed deltas.
func (ix *subjectIndex) apply(deltas []cgraph.Delta) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, d := range deltas {
		p, _ := d.Quad.Predicate.(quad.IRI)
		subj, ok := d.Quad.Subject.(quad.IRI)
		if !ok {
			continue
		}
		if fc := ix.actors[subj]; fc != nil && actorPred[p] {
			m := fc[p]
			if d.Action == cgraph.Add {
				m[d.Quad.Object]++
			} else if m[d.Quad.Object] > 0 {
				if m[d.Quad.Object]--; m[d.Quad.Object] == 0 {
					delete(m, d.Quad.Object)
				}
			}
		}
		if c := ix.mentionedCount[subj]; c != nil && p == PredMentionedIn {
			if id, ok := parseArticleIRI(d.Quad.Object); ok {
				if d.Action == cgraph.Add {
					if c[id]++; c[id] == 1 {
						ix.mentioned[subj] = insertSorted(ix.mentioned[subj], id)
					}
				} else if c[id] > 0 {
					if c[id]--; c[id] == 0 {
						delete(c, id)
						ix.mentioned[subj] = removeSorted(ix.mentioned[subj], id)
					}
				}
			}
		}
		if !subjectIndexed[p] {
			continue
		}
		k := subjectKey{p, quad.ToString(d.Quad.Object)}
		list, built := ix.lists[k]
		if !built {
			continue
		}
		e, ok := k.entry(subj)
		if !ok {
			continue
		}
		c := ix.counts[k]
		if d.Action == cgraph.Add {
			if c[e]++; c[e] == 1 {
				ix.lists[k] = insertSorted(list, e)
			}
		} else if c[e] > 0 {
			if c[e]--; c[e] == 0 {
				delete(c, e)
				ix.lists[k] = removeSorted(list, e)
			}
		}
	}
}

// ensure builds the list of (pred, obj) from the store unless it is
// built, and reports whether it is. It builds only while it holds the
// store's write lock, so that no write commits between its read and the
// list's first update; when a write holds the lock it builds nothing and
// reports false (the caller reads the store instead): waiting for the
// lock while holding a read could deadlock with a failed write's re-open.
func (ix *subjectIndex) ensure(ctx context.Context, s *Store, pred quad.IRI, obj quad.Value) (subjectKey, bool, error) {
	k := subjectKey{pred, quad.ToString(obj)}
	ix.mu.RLock()
	_, built := ix.lists[k]
	ix.mu.RUnlock()
	if built {
		return k, true, nil
	}
	if !s.tryWriteLock() {
		return k, false, nil
	}
	defer s.writeUnlock()
	c := map[string]int{}
	err := s.eachOfLocked(ctx, quad.Object, obj, pred, func(v quad.Value, n int) {
		if iri, ok := v.(quad.IRI); ok {
			if e, ok := k.entry(iri); ok {
				c[e] += n
			}
		}
	})
	if err != nil {
		return k, false, err
	}
	list := slices.Sorted(maps.Keys(c))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, built := ix.lists[k]; !built {
		ix.lists[k], ix.counts[k] = list, c
	}
	return k, true, nil
}

// after returns up to n subjects of list k that sort after after.
func (ix *subjectIndex) after(k subjectKey, after string, n int) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	list := ix.lists[k]
	i, found := slices.BinarySearch(list, after)
	if found {
		i++
	}
	return slices.Clone(list[i:min(i+n, len(list))])
}

// has reports whether subj is in list k.
func (ix *subjectIndex) has(k subjectKey, subj string) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, found := slices.BinarySearch(ix.lists[k], subj)
	return found
}

// subjectFilter is one filter of a list: the union of some indexed lists.
type subjectFilter []subjectKey

func (ix *subjectIndex) holds(f subjectFilter, subj string) bool {
	for _, k := range f {
		if ix.has(k, subj) {
			return true
		}
	}
	return false
}

// each calls fn with the subjects of filter f after after, in order, each
// once, until fn returns false. It holds the index only while it copies a
// few at a time, never while fn runs.
func (ix *subjectIndex) each(f subjectFilter, after string, fn func(subj string) bool) {
	const chunk = 64
	type cursor struct {
		k    subjectKey
		buf  []string
		last string
		done bool
	}
	cs := make([]*cursor, len(f))
	for i, k := range f {
		cs[i] = &cursor{k: k, last: after}
	}
	fill := func(c *cursor) {
		if len(c.buf) == 0 && !c.done {
			c.buf = ix.after(c.k, c.last, chunk)
			if len(c.buf) < chunk {
				c.done = true
			}
			if len(c.buf) > 0 {
				c.last = c.buf[len(c.buf)-1]
			}
		}
	}
	for {
		var least string
		found := false
		for _, c := range cs {
			fill(c)
			if len(c.buf) > 0 && (!found || c.buf[0] < least) {
				least, found = c.buf[0], true
			}
		}
		if !found {
			return
		}
		for _, c := range cs {
			if len(c.buf) > 0 && c.buf[0] == least {
				c.buf = c.buf[1:]
			}
		}
		if !fn(least) {
			return
		}
	}
}

// size returns how many subjects the lists of f hold together.
func (ix *subjectIndex) size(f subjectFilter) int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := 0
	for _, k := range f {
		n += len(ix.lists[k])
	}
	return n
}

// tryWriteLock takes the store's write lock if no write holds it, for a
// read that holds the store (rlock); on memory that read holds it
// already. Release it with writeUnlock.
func (s *Store) tryWriteLock() bool {
	return s.exclusive || s.mu.w.TryLock()
}

func (s *Store) writeUnlock() {
	if !s.exclusive {
		s.mu.w.Unlock()
	}
}

// actorFacts returns the facts of actor n of actorPreds, reading them on
// first use (kept from then on when the store's write lock is free, as
// ensure does).
func (ix *subjectIndex) actorFacts(ctx context.Context, s *Store, n quad.IRI) (factCounts, error) {
	ix.mu.RLock()
	fc, ok := ix.actors[n]
	if ok {
		fc = fc.clone()
	}
	ix.mu.RUnlock()
	if ok {
		return fc, nil
	}
	keep := s.tryWriteLock()
	if keep {
		defer s.writeUnlock()
	}
	fc, err := s.readFactsLocked(ctx, n, actorPreds)
	if err != nil || !keep {
		return fc, err
	}
	if fc[PredType][ClassActor] == 0 {
		return fc, nil // no actor (yet): nothing to keep
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.actors[n]; !ok {
		ix.actors[n] = fc.clone()
	}
	return fc, nil
}

func (fc factCounts) clone() factCounts {
	out := make(factCounts, len(fc))
	for p, m := range fc {
		out[p] = maps.Clone(m)
	}
	return out
}

// role returns the kept title and dates of role node ri.
func (ix *subjectIndex) role(ri quad.IRI) (extract.Role, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	r, ok := ix.roles[ri]
	return r, ok
}

// keepRole keeps role r of node ri.
func (ix *subjectIndex) keepRole(ri quad.IRI, r extract.Role) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.roles[ri] = r
}

// firstMentioned returns the ids of at most n articles that mention actor
// a, the first in id order, building the list on
// first use as ensure does; ok is false when it could not be built (a
// write holds the store: the caller reads the store instead).
func (ix *subjectIndex) firstMentioned(ctx context.Context, s *Store, a quad.IRI, n int) (ids []string, ok bool, err error) {
	ix.mu.RLock()
	list, built := ix.mentioned[a]
	if built {
		ids = slices.Clone(list[:min(n, len(list))])
	}
	ix.mu.RUnlock()
	if built {
		return ids, true, nil
	}
	if !s.tryWriteLock() {
		return nil, false, nil
	}
	defer s.writeUnlock()
	c := map[string]int{}
	err = s.eachOfLocked(ctx, quad.Subject, a, PredMentionedIn, func(v quad.Value, k int) {
		if id, ok := parseArticleIRI(v); ok {
			c[id] += k
		}
	})
	if err != nil {
		return nil, false, err
	}
	list = slices.Sorted(maps.Keys(c))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, built := ix.mentioned[a]; !built {
		ix.mentioned[a], ix.mentionedCount[a] = list, c
	}
	list = ix.mentioned[a]
	return slices.Clone(list[:min(n, len(list))]), true, nil
}
