package graph

import (
	"context"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// subjectIndex keeps, for the facts typed reads filter by (a statement's
// speaker, a figure's measure, an event's participant…), the subjects of
// one predicate and object in order, so that a filtered list pages from
// them instead of reading the whole history of a speaker or a measure:
// Cayley's indexes give a node's subjects in no order. A list is built on
// its first use (one indexed read of the object's quads) and kept by every
// write that commits from then on (articleIndex.apply), so it costs
// nothing for objects never asked about. It is safe for concurrent use.
//
// A list holds a subject once, however many labels state the fact; the
// facts it keeps are each stated under one label (an item's article, or
// LinksLabel for a claim's speaker), so removing the quad removes the
// fact.
type subjectIndex struct {
	mu    sync.RWMutex
	lists map[subjectKey][]string // subject IRIs, sorted; only for the keys built
}

type subjectKey struct {
	pred quad.IRI
	obj  string // quad.ToString of the object
}

// subjectIndexed are the predicates whose subjects subjectIndex keeps.
var subjectIndexed = map[quad.IRI]bool{
	PredSpeaker: true, PredMentions: true, PredInMeasure: true, PredMeasure: true,
	PredAccordingTo: true, PredParticipant: true, PredEventKind: true,
}

func newSubjectIndex() *subjectIndex {
	return &subjectIndex{lists: map[subjectKey][]string{}}
}

// apply keeps the lists built so far up to date with committed deltas.
func (ix *subjectIndex) apply(deltas []cgraph.Delta) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, d := range deltas {
		p, _ := d.Quad.Predicate.(quad.IRI)
		if !subjectIndexed[p] {
			continue
		}
		subj, ok := d.Quad.Subject.(quad.IRI)
		if !ok {
			continue
		}
		k := subjectKey{p, quad.ToString(d.Quad.Object)}
		list, built := ix.lists[k]
		if !built {
			continue
		}
		if d.Action == cgraph.Add {
			ix.lists[k] = insertSorted(list, string(subj))
		} else {
			ix.lists[k] = removeSorted(list, string(subj))
		}
	}
}

// ensure builds the list of (pred, obj) from the store unless it is built.
// It holds the index while it reads, so that a write committed meanwhile
// is applied after the list exists (applying it twice changes nothing).
func (ix *subjectIndex) ensure(ctx context.Context, s *Store, pred quad.IRI, obj quad.Value) (subjectKey, error) {
	k := subjectKey{pred, quad.ToString(obj)}
	ix.mu.RLock()
	_, built := ix.lists[k]
	ix.mu.RUnlock()
	if built {
		return k, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, built := ix.lists[k]; built {
		return k, nil
	}
	set, err := s.subjectsLocked(ctx, obj, pred)
	if err != nil {
		return k, err
	}
	list := make([]string, 0, len(set))
	for n := range set {
		list = append(list, string(n))
	}
	slices.Sort(list)
	ix.lists[k] = list
	return k, nil
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
