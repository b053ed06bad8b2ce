package graph

import (
	"context"
	"maps"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// subjectIndex keeps, for the facts typed reads filter by (a statement's
// speaker, a figure's measure, an event's participant, an actor's type…),
// the subjects of one predicate and object in order (see
// subjectKey.entry; each list a B-tree, sortedSet, so that a write into a
// list of a million links moves nothing), so that a filtered list (or
// ListLinks, over the list of every link) pages from them instead of reading the whole history of a speaker
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
	lists  map[subjectKey]*sortedSet // only for the keys built
	actors map[quad.IRI]factCounts
	roles  map[quad.IRI]extract.Role
	// mentioned are, for the actors GetActor asked for, the ids of the
	// articles that mention each (actor cg:mentionedIn article), in
	// order, with the quads that state each.
	mentioned map[quad.IRI]*sortedSet
	// claims are the members of the claims read so far (claimindex.go).
	claims map[quad.IRI]*sortedSet
	// building are the lists being read (ensure), not yet in lists;
	// claimBuilding likewise for claims.
	building        map[subjectKey]*listBuild
	claimBuilding   map[quad.IRI]*claimBuild
	mentionBuilding map[quad.IRI]*listBuild // of actors (firstMentioned); touched are articles
	// afterRead, when set (by tests), runs after a list's read, before
	// it is installed.
	afterRead        func(subjectKey)
	afterClaimRead   func(quad.IRI)
	afterMentionRead func(quad.IRI)
}

// actorPred are actorPreds, as a set.
var actorPred = map[quad.IRI]bool{PredType: true, PredName: true, PredAlternateName: true, PredRole: true, PredNameKey: true}

// subjectKey names one list: the subjects of one predicate and object,
// as entries of one kind.
type subjectKey struct {
	pred quad.IRI
	obj  string // quad.ToString of the object
	kind entryKind
}

// entryKind says what a list holds for each subject (subjectKey.entry).
type entryKind uint8

const (
	entryIRI      entryKind = iota // the subject's IRI (an item's IRI orders as its key)
	entryActorID                   // an actor's id, the order SearchActors pages in (encodeID does not keep it)
	entryClaimKey                  // a claim's key, the order ListClaims pages in
	entryLinkKey                   // a link's key (its IRI after link/), the order ListLinks pages in
)

var entryKinds = [...]entryKind{entryIRI, entryActorID, entryClaimKey, entryLinkKey}

// linkTypeKey is the list of the links.
var linkTypeKey = subjectKey{PredType, quad.ToString(ClassLink), entryLinkKey}

// entry returns what list k holds for subject subj, and false for a
// subject it leaves out (one that is not of the kind it keeps). A
// trimmed entry is a copy, so that it keeps no longer IRI alive.
func (k subjectKey) entry(subj quad.IRI) (string, bool) {
	switch k.kind {
	case entryActorID:
		id, ok := parseActorIRI(subj)
		return strings.Clone(id), ok
	case entryClaimKey:
		key, ok := keyOfIRI(subj, prefixClaim)
		return strings.Clone(key), ok
	case entryLinkKey:
		key, ok := linkKeyOf(subj)
		return strings.Clone(key), ok
	}
	return string(subj), true
}

// subjectIndexed are the predicates whose subjects subjectIndex keeps.
var subjectIndexed = map[quad.IRI]bool{
	PredSpeaker: true, PredMentions: true, PredInMeasure: true, PredMeasure: true,
	PredAccordingTo: true, PredParticipant: true, PredEventKind: true, PredType: true,
	PredLinkArticle: true, PredNameWord: true,
}

func newSubjectIndex() *subjectIndex {
	return &subjectIndex{lists: map[subjectKey]*sortedSet{},
		actors: map[quad.IRI]factCounts{}, roles: map[quad.IRI]extract.Role{},
		mentioned: map[quad.IRI]*sortedSet{}, claims: map[quad.IRI]*sortedSet{},
		building: map[subjectKey]*listBuild{}, claimBuilding: map[quad.IRI]*claimBuild{},
		mentionBuilding: map[quad.IRI]*listBuild{}}
}

// apply keeps the lists built so far up to date with committed deltas.
func (ix *subjectIndex) apply(deltas []cgraph.Delta) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.claimMembers(deltas)
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
		if set := ix.mentioned[subj]; set != nil && p == PredMentionedIn {
			if id, ok := parseArticleIRI(d.Quad.Object); ok {
				if d.Action == cgraph.Add {
					set.add(id, 1)
				} else {
					set.remove(id)
				}
			}
		} else if b := ix.mentionBuilding[subj]; b != nil && p == PredMentionedIn {
			if art, ok := d.Quad.Object.(quad.IRI); ok {
				if b.touched[art] = true; len(b.touched) > maxTouched {
					delete(ix.mentionBuilding, subj)
				}
			}
		}
		if !subjectIndexed[p] {
			continue
		}
		obj := quad.ToString(d.Quad.Object)
		for _, kind := range entryKinds {
			k := subjectKey{p, obj, kind}
			set, built := ix.lists[k]
			if !built {
				if b := ix.building[k]; b != nil {
					if b.touched[subj] = true; len(b.touched) > maxTouched {
						delete(ix.building, k) // its waiters fall back; the next call reads anew
					}
				}
				continue
			}
			e, ok := k.entry(subj)
			if !ok {
				continue
			}
			if d.Action == cgraph.Add {
				set.add(e, 1)
			} else {
				set.remove(e)
			}
		}
	}
}

// ensure builds the list of the subjects of (pred, obj), as entries of
// kind, from the store unless it is built, and returns its key and
// whether it is built. The read that builds a list (a hub's list costs
// as much as reading its whole history) holds only the store's read
// side, so writes commit beside it; callers that ask for a list while
// it is being read wait for that read rather than make their own. A
// write that commits during the read notes the subjects it touches
// (apply); the list is installed once those subjects are re-read while
// the store's write lock is held, so that no write commits between that
// re-read and the list's first update. When a write holds the lock the
// list stays staged and ensure reports false (the caller reads the store
// instead; the next call installs it): waiting for the lock while
// holding a read could deadlock with a failed write's re-open.
func (ix *subjectIndex) ensure(ctx context.Context, s *Store, pred quad.IRI, obj quad.Value, kind entryKind) (subjectKey, bool, error) {
	k := subjectKey{pred, quad.ToString(obj), kind}
	ix.mu.RLock()
	_, built := ix.lists[k]
	ix.mu.RUnlock()
	if built {
		return k, true, nil
	}
	ix.mu.Lock()
	if _, built := ix.lists[k]; built {
		ix.mu.Unlock()
		return k, true, nil
	}
	b := ix.building[k]
	if b == nil {
		b = &listBuild{done: make(chan struct{}), touched: map[quad.IRI]bool{}}
		ix.building[k] = b
		ix.mu.Unlock()
		set, err := ix.readList(ctx, s, k, obj)
		ix.mu.Lock()
		if err != nil {
			if ix.building[k] == b {
				delete(ix.building, k)
			}
		} else {
			b.set = set
		}
		close(b.done)
		ix.mu.Unlock()
		if err != nil {
			return k, false, err
		}
	} else {
		ix.mu.Unlock()
		select {
		case <-b.done:
		case <-ctx.Done():
			return k, false, ctx.Err()
		}
	}
	ok, err := ix.install(ctx, s, k, b)
	return k, ok, err
}

// listBuild is a list of subjectIndex being built (ensure).
type listBuild struct {
	// install is held while a caller installs the list, so that the
	// callers that waited for the read do not fail the write lock's
	// TryLock on each other and read the store instead.
	install sync.Mutex
	done    chan struct{} // closed when the read has ended
	set     *sortedSet    // what the read found; nil until it ends, or if it failed
	// touched are the subjects whose quads of the list's predicate and
	// object a write changed since the read began (apply), to be re-read
	// before the list is installed. A build that collects more than
	// maxTouched is dropped (apply): the next call reads the list anew.
	touched map[quad.IRI]bool
}

// maxTouched bounds the subjects a list being built notes (listBuild).
const maxTouched = 4096

// readList reads the subjects of list k, whose object is obj, from the
// store.
func (ix *subjectIndex) readList(ctx context.Context, s *Store, k subjectKey, obj quad.Value) (*sortedSet, error) {
	set := newSortedSet()
	err := s.eachOfLocked(ctx, quad.Object, obj, k.pred, func(v quad.Value, n int) {
		if iri, ok := v.(quad.IRI); ok {
			if e, ok := k.entry(iri); ok {
				set.add(e, n)
			}
		}
	})
	if err == nil {
		err = ctx.Err() // Cayley's iterators stop at a deadline with no error
	}
	if err == nil && ix.afterRead != nil {
		ix.afterRead(k)
	}
	return set, err
}

// install makes the list b read the kept list k, once it has re-read the
// subjects that writes touched during the read, and reports whether list
// k is built: false when a write holds the store or b was dropped.
func (ix *subjectIndex) install(ctx context.Context, s *Store, k subjectKey, b *listBuild) (bool, error) {
	b.install.Lock()
	defer b.install.Unlock()
	ix.mu.RLock()
	_, built := ix.lists[k]
	ix.mu.RUnlock()
	if built {
		return true, nil
	}
	if !s.tryWriteLock() {
		return false, nil
	}
	defer s.writeUnlock()
	// No write commits (nor applies) from here on: b.touched stays as is.
	ix.mu.Lock()
	_, built = ix.lists[k]
	current := ix.building[k] == b && b.set != nil
	touched := b.touched
	ix.mu.Unlock()
	if built || !current {
		return built, nil
	}
	counts := make(map[string]int, len(touched))
	for subj := range touched {
		e, ok := k.entry(subj)
		if !ok {
			continue
		}
		n := 0
		err := s.eachOfLocked(ctx, quad.Subject, subj, k.pred, func(o quad.Value, c int) {
			if quad.ToString(o) == k.obj {
				n += c
			}
		})
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return false, err
		}
		counts[e] += n
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for e, n := range counts {
		b.set.set(e, n)
	}
	ix.lists[k] = b.set
	delete(ix.building, k)
	return true, nil
}

// after returns up to n subjects of list k that sort after after.
func (ix *subjectIndex) after(k subjectKey, after string, n int) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if set := ix.lists[k]; set != nil {
		return set.after(after, n)
	}
	return nil
}

// has reports whether subj is in list k.
func (ix *subjectIndex) has(k subjectKey, subj string) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	set := ix.lists[k]
	return set != nil && set.has(subj)
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
		if set := ix.lists[k]; set != nil {
			n += set.len()
		}
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
// a, the first in id order, building the list on first use as ensure
// does (beside writes, which note the articles they touch; concurrent
// callers wait for one read); ok is false when it could not be installed
// (a write holds the store: the caller reads the store instead).
func (ix *subjectIndex) firstMentioned(ctx context.Context, s *Store, a quad.IRI, n int) (ids []string, ok bool, err error) {
	ix.mu.RLock()
	set, built := ix.mentioned[a]
	if built {
		ids = set.from("", n)
	}
	ix.mu.RUnlock()
	if built {
		return ids, true, nil
	}
	ix.mu.Lock()
	if set, built := ix.mentioned[a]; built {
		ids = set.from("", n)
		ix.mu.Unlock()
		return ids, true, nil
	}
	b := ix.mentionBuilding[a]
	if b == nil {
		b = &listBuild{done: make(chan struct{}), touched: map[quad.IRI]bool{}}
		ix.mentionBuilding[a] = b
		ix.mu.Unlock()
		set := newSortedSet()
		err := s.eachOfLocked(ctx, quad.Subject, a, PredMentionedIn, func(v quad.Value, k int) {
			if id, ok := parseArticleIRI(v); ok {
				set.add(strings.Clone(id), k)
			}
		})
		if err == nil {
			err = ctx.Err()
		}
		if err == nil && ix.afterMentionRead != nil {
			ix.afterMentionRead(a)
		}
		ix.mu.Lock()
		if err != nil {
			if ix.mentionBuilding[a] == b {
				delete(ix.mentionBuilding, a)
			}
		} else {
			b.set = set
		}
		close(b.done)
		ix.mu.Unlock()
		if err != nil {
			return nil, false, err
		}
	} else {
		ix.mu.Unlock()
		select {
		case <-b.done:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	return ix.installMentioned(ctx, s, a, b, n)
}

// installMentioned makes the list b read actor a's kept list of articles
// that mention it, once it has re-read the mentions of the articles that
// writes touched during the read, and returns its first n ids; ok is
// false when a write holds the store or b was dropped.
func (ix *subjectIndex) installMentioned(ctx context.Context, s *Store, a quad.IRI, b *listBuild, n int) (ids []string, ok bool, err error) {
	b.install.Lock()
	defer b.install.Unlock()
	ix.mu.RLock()
	if set, built := ix.mentioned[a]; built {
		defer ix.mu.RUnlock()
		return set.from("", n), true, nil
	}
	ix.mu.RUnlock()
	if !s.tryWriteLock() {
		return nil, false, nil
	}
	defer s.writeUnlock()
	ix.mu.Lock()
	set, built := ix.mentioned[a]
	current := ix.mentionBuilding[a] == b && b.set != nil
	ix.mu.Unlock()
	if built {
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		return set.from("", n), true, nil
	}
	if !current {
		return nil, false, nil
	}
	counts := map[string]int{}
	for art := range b.touched {
		id, ok := parseArticleIRI(art)
		if !ok {
			continue
		}
		c := 0
		err := s.eachOfLocked(ctx, quad.Object, art, PredMentionedIn, func(v quad.Value, k int) {
			if v == quad.Value(a) {
				c += k
			}
		})
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return nil, false, err
		}
		counts[strings.Clone(id)] = c
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for id, c := range counts {
		b.set.set(id, c)
	}
	ix.mentioned[a] = b.set
	delete(ix.mentionBuilding, a)
	return b.set.from("", n), true, nil
}
