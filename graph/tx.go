package graph

import (
	"context"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// tx is a write being built: the quads it will add and remove, and reads
// that see the store as it will be once they are applied. Linking reads
// through it, so an article of a batch sees the articles written before it
// in the same transaction, and a replace sees its old version gone.
//
// Callers keep the store's rule: add only quads that are not stored (or
// that this tx removes), remove only quads that are.
type tx struct {
	s       *Store
	ctx     context.Context
	added   map[quad.Quad]bool
	removed map[quad.Quad]bool
	byNode  map[txKey][]quad.Quad // added quads by (direction, node, predicate or "" for any); may hold some no longer added
	order   []quad.Quad           // every quad added or removed, first time first, for deltas
	links   map[quad.IRI]Link     // the links added, for subscribers
	err     error                 // the first literal that cannot be stored
	// stored holds the stored quads of nodes read ahead (prefetch), by
	// (direction, node, ""), in the order eachQuadLocked gives them. The
	// store does not change while a tx is built: they stay true.
	stored map[txKey][]quad.Quad
	subjs  map[subjKey][]quad.Value // what prefetchSubjects read
}

// subjKey names the stored subjects of an object read by
// prefetchSubjects: the first limit of them with that predicate and label.
type subjKey struct {
	obj         string
	pred, label quad.IRI
	limit       int
}

type txKey struct {
	d    quad.Direction
	node string
	pred quad.IRI
}

func newTx(ctx context.Context, s *Store) *tx {
	return &tx{s: s, ctx: ctx, added: map[quad.Quad]bool{}, removed: map[quad.Quad]bool{},
		byNode: map[txKey][]quad.Quad{}, links: map[quad.IRI]Link{}, stored: map[txKey][]quad.Quad{}, subjs: map[subjKey][]quad.Value{}}
}

// prefetch reads, on PostgreSQL, the stored quads holding each of nodes
// in direction d (Subject or Object) in a few queries for them all, for
// the reads of this tx that follow: it turns a read per node and
// predicate into one batch. Elsewhere, where a read costs no round trip,
// it does nothing.
func (t *tx) prefetch(d quad.Direction, nodes []quad.IRI) error {
	if t.s.pg == nil {
		return nil
	}
	var todo []quad.Value
	for _, n := range nodes {
		if _, ok := t.stored[txKey{d, quad.ToString(n), ""}]; !ok {
			todo = append(todo, n)
		}
	}
	got, err := t.s.quadsOfLocked(t.ctx, d, todo)
	if err != nil {
		return err
	}
	for i, n := range todo {
		t.stored[txKey{d, quad.ToString(n), ""}] = got[i]
	}
	return nil
}

// eachStored calls fn with each stored quad with v in direction d and
// predicate pred ("" for any), until fn returns false: from what prefetch
// read, or else from the store.
func (t *tx) eachStored(d quad.Direction, v quad.Value, pred quad.IRI, fn func(quad.Quad) bool) error {
	pre, ok := t.stored[txKey{d, quad.ToString(v), ""}]
	if !ok {
		return t.s.eachQuadLocked(t.ctx, d, v, pred, fn)
	}
	for _, q := range pre {
		if (pred == "" || q.Predicate == pred) && !fn(q) {
			break
		}
	}
	return nil
}

// storedQuads returns the stored quads with v in direction d and
// predicate pred ("" for any), as eachStored reads them.
func (t *tx) storedQuads(d quad.Direction, v quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := t.eachStored(d, v, pred, func(q quad.Quad) bool {
		out = append(out, q)
		return true
	})
	return out, err
}

// add adds q, which is not stored unless this tx removes it.
func (t *tx) add(q quad.Quad) {
	if t.removed[q] {
		delete(t.removed, q)
		return
	}
	if t.added[q] {
		return
	}
	t.added[q] = true
	t.order = append(t.order, q)
	p, _ := q.Predicate.(quad.IRI)
	for _, k := range []txKey{
		{quad.Subject, quad.ToString(q.Subject), p},
		{quad.Object, quad.ToString(q.Object), p},
		{quad.Subject, quad.ToString(q.Subject), ""}, // every quad of a subject: allOf
	} {
		t.byNode[k] = append(t.byNode[k], q)
	}
}

// remove removes q, which is stored or added by this tx.
func (t *tx) remove(q quad.Quad) {
	if t.added[q] {
		delete(t.added, q)
		return
	}
	if !t.removed[q] {
		t.removed[q] = true
		t.order = append(t.order, q)
	}
}

// quads returns the quads with v in direction d (Subject or Object) and
// predicate pred, as they will be after this tx.
func (t *tx) quads(d quad.Direction, v quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	stored, err := t.storedQuads(d, v, pred)
	if err != nil {
		return nil, err
	}
	out := stored[:0]
	for _, q := range stored {
		if !t.removed[q] {
			out = append(out, q)
		}
	}
	for _, q := range t.byNode[txKey{d, quad.ToString(v), pred}] {
		if t.added[q] && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	return out, nil
}

// objects returns the distinct objects of (subj, pred) under label.
func (t *tx) objects(subj quad.Value, pred, label quad.IRI) ([]quad.Value, error) {
	qs, err := t.quads(quad.Subject, subj, pred)
	if err != nil {
		return nil, err
	}
	var out []quad.Value
	for _, q := range qs {
		if q.Label == label && !slices.Contains(out, q.Object) {
			out = append(out, q.Object)
		}
	}
	return out, nil
}

// subjects returns the distinct IRI subjects of (pred, obj) under label,
// sorted.
func (t *tx) subjects(obj quad.Value, pred, label quad.IRI) ([]quad.IRI, error) {
	qs, err := t.quads(quad.Object, obj, pred)
	if err != nil {
		return nil, err
	}
	var out []quad.IRI
	for _, q := range qs {
		if iri, ok := q.Subject.(quad.IRI); ok && q.Label == label {
			out = append(out, iri)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// someSubjects returns at most limit subjects of (pred, obj) under label,
// those this tx adds first, reading no more than it must.
func (t *tx) someSubjects(obj quad.Value, pred, label quad.IRI, limit int) ([]quad.IRI, error) {
	return t.firstSubjects(obj, pred, label, "", limit)
}

// prefetchSubjects reads, on PostgreSQL, the subjects of the first
// 2*limit stored quads of each of objs with predicate pred and label
// label, for someSubjectsOf: one batch for all those not read yet.
// Elsewhere it does nothing.
func (t *tx) prefetchSubjects(objs []quad.Value, pred, label quad.IRI, limit int) error {
	if t.s.pg == nil {
		return nil
	}
	var todo []quad.Value
	for _, o := range objs {
		k := subjKey{quad.ToString(o), pred, label, 2 * limit}
		if _, ok := t.subjs[k]; !ok {
			t.subjs[k] = nil
			todo = append(todo, o)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	stored, err := t.s.pg.subjectsOf(t.ctx, todo, pred, label, 2*limit) // pgwrite.go
	if err != nil {
		return err
	}
	for i, o := range todo {
		t.subjs[subjKey{quad.ToString(o), pred, label, 2 * limit}] = stored[i]
	}
	return nil
}

// someSubjectsOf returns, for each of objs, what someSubjects returns for
// it: on PostgreSQL from what prefetchSubjects read, in two queries for
// all those not read yet, not one for each.
func (t *tx) someSubjectsOf(objs []quad.Value, pred, label quad.IRI, limit int) ([][]quad.IRI, error) {
	out := make([][]quad.IRI, len(objs))
	if t.s.pg == nil || label == "" {
		for i, obj := range objs {
			var err error
			if out[i], err = t.someSubjects(obj, pred, label, limit); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	// The stored quads of each object, the first limit*2 of them, as
	// eachQuadLocked gives them; an object whose stored quads are not
	// enough once those this tx removes are left out is read alone.
	if err := t.prefetchSubjects(objs, pred, label, limit); err != nil {
		return nil, err
	}
	stored := make([][]quad.Value, len(objs))
	for i, obj := range objs {
		stored[i] = t.subjs[subjKey{quad.ToString(obj), pred, label, 2 * limit}]
	}
	for i, obj := range objs {
		var subjs []quad.IRI
		take := func(q quad.Quad) bool {
			if iri, ok := q.Subject.(quad.IRI); ok && q.Label == label && !slices.Contains(subjs, iri) {
				subjs = append(subjs, iri)
			}
			return len(subjs) < limit
		}
		full := false
		for _, q := range t.byNode[txKey{quad.Object, quad.ToString(obj), pred}] {
			if t.added[q] && !take(q) {
				full = true
				break
			}
		}
		for _, subj := range stored[i] {
			if full {
				break
			}
			q := quad.Quad{Subject: subj, Predicate: pred, Object: obj, Label: label}
			full = !t.removed[q] && !take(q)
		}
		if !full && len(stored[i]) == 2*limit {
			var err error
			if subjs, err = t.someSubjects(obj, pred, label, limit); err != nil {
				return nil, err
			}
		}
		out[i] = subjs
	}
	return out, nil
}

// firstSubjects returns at most limit subjects of (pred, obj) other than
// skip, under label ("" for any), those this tx adds first.
func (t *tx) firstSubjects(obj quad.Value, pred, label, skip quad.IRI, limit int) ([]quad.IRI, error) {
	var out []quad.IRI
	take := func(q quad.Quad) bool {
		if iri, ok := q.Subject.(quad.IRI); ok && (label == "" || q.Label == label) && iri != skip && !slices.Contains(out, iri) {
			out = append(out, iri)
		}
		return len(out) < limit
	}
	for _, q := range t.byNode[txKey{quad.Object, quad.ToString(obj), pred}] {
		if t.added[q] && !take(q) {
			return out, nil
		}
	}
	// What prefetchSubjects read, if it read this object: enough unless
	// all of it was taken or left out and more may be stored.
	if cached, ok := t.subjs[subjKey{quad.ToString(obj), pred, label, 2 * limit}]; ok && label != "" {
		added := len(out)
		for _, subj := range cached {
			q := quad.Quad{Subject: subj, Predicate: pred, Object: obj, Label: label}
			if !t.removed[q] && !take(q) {
				return out, nil
			}
		}
		if len(cached) < 2*limit {
			return out, nil
		}
		out = out[:added]
	}
	err := t.eachStored(quad.Object, obj, pred, func(q quad.Quad) bool {
		return t.removed[q] || take(q)
	})
	return out, err
}

// setOne makes v the only object of (subj, pred) under label.
func (t *tx) setOne(subj quad.Value, pred quad.IRI, v quad.Value, label quad.IRI) error {
	qs, err := t.quads(quad.Subject, subj, pred)
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.Label == label && q.Object != v {
			t.remove(q)
		}
	}
	t.add(quad.Quad{Subject: subj, Predicate: pred, Object: v, Label: label})
	return nil
}

// removeNode removes every quad whose subject is n under label.
func (t *tx) removeNode(n quad.IRI, label quad.IRI) error {
	qs, err := t.allOf(n)
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.Label == label {
			t.remove(q)
		}
	}
	return nil
}

// allOf returns every quad whose subject is n, as it will be after this tx.
func (t *tx) allOf(n quad.IRI) ([]quad.Quad, error) {
	stored, err := t.storedQuads(quad.Subject, n, "")
	if err != nil {
		return nil, err
	}
	out := stored[:0]
	for _, q := range stored {
		if !t.removed[q] {
			out = append(out, q)
		}
	}
	for _, q := range t.byNode[txKey{quad.Subject, quad.ToString(n), ""}] {
		if t.added[q] && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	return out, nil
}

// deltas returns what this tx writes: its removals, then its additions,
// each in the order this tx first made them.
func (t *tx) deltas() []cgraph.Delta {
	out := make([]cgraph.Delta, 0, len(t.added)+len(t.removed))
	done := make(map[quad.Quad]bool, len(t.added)+len(t.removed))
	for _, action := range []cgraph.Procedure{cgraph.Delete, cgraph.Add} {
		set := t.removed
		if action == cgraph.Add {
			set = t.added
		}
		for _, q := range t.order {
			if set[q] && !done[q] {
				done[q] = true
				out = append(out, cgraph.Delta{Quad: q, Action: action})
			}
		}
	}
	return out
}

// quadsLocked returns the stored quads with v in direction d and
// predicate pred ("" for any), each resolved whole.
func (s *Store) quadsLocked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.eachQuadLocked(ctx, d, v, pred, func(q quad.Quad) bool {
		out = append(out, q)
		return true
	})
	return out, err
}

// quadsOfLocked returns, for each of nodes, the stored quads with it in
// direction d, as quadsLocked returns them: on PostgreSQL in two queries
// for them all (pgwrite.go), elsewhere one read each.
func (s *Store) quadsOfLocked(ctx context.Context, d quad.Direction, nodes []quad.Value) ([][]quad.Quad, error) {
	if s.pg != nil {
		return s.pg.quadsOf(ctx, d, nodes)
	}
	out := make([][]quad.Quad, len(nodes))
	for i, n := range nodes {
		var err error
		if out[i], err = s.quadsLocked(ctx, d, n, ""); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eachQuadLocked calls fn with each stored quad with v in direction d and
// predicate pred ("" for any), resolved whole, until fn returns false.
func (s *Store) eachQuadLocked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(quad.Quad) bool) error {
	if s.pg != nil {
		return s.pg.eachQuad(ctx, d, v, pred, fn) // pgread.go
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return err
	}
	preds := s.predicates(func(p quad.IRI) bool { return p == pred })
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		if pred != "" {
			if _, ok, err := preds(r); err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
		}
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		if !fn(q) {
			break
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}
