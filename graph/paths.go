package graph

import (
	"context"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// pathSearch finds the paths between two nodes for FindPaths: a
// breadth-first search from both ends that grows, one level at a time,
// the side whose frontier is smaller, so that a path of length l costs the
// reads of the nodes within about l/2 of each end, not of every node
// within l of one. It works on the backend's node references and resolves
// names only for the edges a path may take, so a hub's thousands of edges
// are read but not named.
//
// A level of one side expands (reads every edge of) each node of its
// frontier. Every edge between an expanded node and another is known;
// once the two sides' radii sum to l, each edge of every path of length l
// has an expanded end (the nodes up to the middle were expanded from a,
// the rest from b), so the paths of length l are enumerated over known
// edges, pruned by the distance to b that side b has found (a node it has
// not reached is further than its radius).
type pathSearch struct {
	s     *Store
	ctx   context.Context
	a, b  any // node keys (cgraph.Ref.Key)
	refs  map[any]cgraph.Ref
	names map[any]quad.IRI
	// known holds each node's known edges: all of them for an expanded
	// node, else those to expanded nodes.
	known    map[any][]refEdge
	seen     map[refEdge]bool
	expanded map[any]bool
	preds    func(cgraph.Ref) (quad.IRI, bool, error)
	// cut says that an expansion left neighbours out (a hub's, beyond
	// maxPathFanOut): an edge it did not read may become known when the
	// other side reaches its other end, after its length was enumerated.
	cut bool
	// iriPred says, per predicate, whether its objects are IRIs: the
	// store's vocabulary gives each predicate one kind of object, so the
	// first object read decides.
	iriPred map[quad.IRI]bool
}

// refEdge is an IRI-valued fact between two nodes, by their keys.
type refEdge struct {
	s, o any
	p    quad.IRI
}

func (e refEdge) other(n any) any {
	if e.s == n {
		return e.o
	}
	return e.s
}

// newPathSearch returns a search between a and b, or nil when either is
// in no quad.
func newPathSearch(ctx context.Context, s *Store, a, b quad.IRI) (*pathSearch, error) {
	ra, err := s.qs.ValueOf(a)
	if err != nil || ra == nil {
		return nil, err
	}
	rb, err := s.qs.ValueOf(b)
	if err != nil || rb == nil {
		return nil, err
	}
	ps := &pathSearch{
		s: s, ctx: ctx, a: ra.Key(), b: rb.Key(),
		refs:  map[any]cgraph.Ref{ra.Key(): ra, rb.Key(): rb},
		names: map[any]quad.IRI{ra.Key(): a, rb.Key(): b},
		known: map[any][]refEdge{}, seen: map[refEdge]bool{}, expanded: map[any]bool{},
		iriPred: map[quad.IRI]bool{},
		preds:   s.predicates(pathPred),
	}
	return ps, nil
}

// name returns the IRI of node key k ("" when it is not an IRI).
func (ps *pathSearch) name(k any) (quad.IRI, error) {
	if n, ok := ps.names[k]; ok {
		return n, nil
	}
	v, err := ps.s.qs.NameOf(ps.refs[k])
	if err != nil {
		return "", err
	}
	n, _ := v.(quad.IRI)
	ps.names[k] = n
	return n, nil
}

// expand reads the IRI-valued edges of node k, either direction, but the
// hidden ones and rdf:type: at most maxPathFanOut neighbours through each
// predicate in each direction (fanOut).
func (ps *pathSearch) expand(k any) error {
	if ps.expanded[k] {
		return nil
	}
	ps.expanded[k] = true
	ref := ps.refs[k]
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		other := quad.Object
		if d == quad.Object {
			other = quad.Subject
		}
		fo := fanOut{s: ps.s, d: d, ref: ref, want: pathPred, preds: ps.preds, per: maxPathFanOut}
		cut, err := fo.each(ps.ctx, func(p quad.IRI, r, _ cgraph.Ref) error {
			return ps.addEdge(k, d, p, r, other)
		})
		if err != nil {
			return err
		}
		ps.cut = ps.cut || cut
	}
	return ps.ctx.Err() // iterators stop at a deadline without saying so
}

// pathPred reports whether FindPaths follows predicate p.
func pathPred(p quad.IRI) bool { return !hiddenPreds[p] && p != PredType }

// addEdge records the edge of quad r (predicate p) that holds node k in
// direction d, if its other end is an IRI.
func (ps *pathSearch) addEdge(k any, d quad.Direction, p quad.IRI, r cgraph.Ref, other quad.Direction) error {
	or, err := ps.s.qs.QuadDirection(r, other)
	if err != nil || or == nil {
		return err
	}
	ok := or.Key()
	if _, have := ps.refs[ok]; !have {
		ps.refs[ok] = or
	}
	if d == quad.Subject {
		isIRI, decided := ps.iriPred[p]
		if !decided {
			n, err := ps.name(ok)
			if err != nil {
				return err
			}
			isIRI = n != ""
			ps.iriPred[p] = isIRI
		}
		if !isIRI {
			return nil
		}
	} else if _, decided := ps.iriPred[p]; !decided {
		ps.iriPred[p] = true // a subject is an IRI, so the object of p is too
	}
	e := refEdge{s: k, o: ok, p: p}
	if d == quad.Object {
		e = refEdge{s: ok, o: k, p: p}
	}
	if ps.seen[e] {
		return nil
	}
	ps.seen[e] = true
	ps.known[e.s] = append(ps.known[e.s], e)
	if e.o != e.s {
		ps.known[e.o] = append(ps.known[e.o], e)
	}
	return nil
}

// side is one end's breadth-first search.
type side struct {
	dist     map[any]int
	frontier []any // the nodes at distance radius, not yet expanded
	radius   int
}

// grow expands every node of the frontier, one level.
func (ps *pathSearch) grow(sd *side) error {
	var next []any
	for _, n := range sd.frontier {
		if err := ps.expand(n); err != nil {
			return err
		}
		for _, e := range ps.known[n] {
			if o := e.other(n); !hasKey(sd.dist, o) {
				sd.dist[o] = sd.radius + 1
				next = append(next, o)
			}
		}
	}
	sd.frontier = next
	sd.radius++
	return nil
}

// run returns up to limit paths of at most maxDepth edges, shortest first,
// each length in the order of the sorted edges along the path.
func (ps *pathSearch) run(maxDepth, limit int) ([]Path, error) {
	from := &side{dist: map[any]int{ps.a: 0}, frontier: []any{ps.a}}
	to := &side{dist: map[any]int{ps.b: 0}, frontier: []any{ps.b}}
	var paths []Path
	for l := 1; l <= maxDepth && len(paths) < limit; l++ {
		// Grow a side while both have a frontier (once one has none, its
		// whole component is expanded and every edge in it known) and
		// the nodes reached are within the bound.
		if len(from.frontier) > 0 && len(to.frontier) > 0 && len(from.dist)+len(to.dist) < maxPathNodes {
			sd := from
			if len(to.frontier) < len(from.frontier) {
				sd = to
			}
			if err := ps.grow(sd); err != nil {
				return nil, err
			}
		}
		var err error
		if !ps.cut {
			if paths, err = ps.enumerate(paths, to, l, limit); err != nil {
				return nil, err
			}
			continue
		}
		// Shorter paths may have become known: enumerate every length
		// again, shortest first.
		paths = nil
		for ll := 1; ll <= l && len(paths) < limit; ll++ {
			if paths, err = ps.enumerate(paths, to, ll, limit); err != nil {
				return nil, err
			}
		}
	}
	return paths, nil
}

// enumerate appends to paths those of exactly l edges, until there are
// limit.
func (ps *pathSearch) enumerate(paths []Path, to *side, l, limit int) ([]Path, error) {
	// toB is a lower bound of a node's distance to b.
	toB := func(n any) int {
		if d, ok := to.dist[n]; ok {
			return d
		}
		return to.radius + 1
	}
	if toB(ps.a) > l {
		return paths, nil
	}
	type cand struct {
		e    Edge
		next any
	}
	onPath := map[any]bool{ps.a: true}
	var walk []Edge
	steps := 0
	var dfs func(n any, left int) error
	dfs = func(n any, left int) error {
		if len(paths) == limit || steps > 100*maxPathNodes {
			return nil
		}
		steps++
		if left == 0 {
			if n == ps.b {
				paths = append(paths, Path{Edges: slices.Clone(walk)})
			}
			return nil
		}
		var cs []cand
		for _, e := range ps.known[n] {
			o := e.other(n)
			if onPath[o] || toB(o) > left-1 {
				continue
			}
			sn, err := ps.name(e.s)
			if err != nil {
				return err
			}
			on, err := ps.name(e.o)
			if err != nil {
				return err
			}
			cs = append(cs, cand{Edge{string(sn), string(e.p), string(on)}, o})
		}
		slices.SortFunc(cs, func(x, y cand) int { return compareEdges(x.e, y.e) })
		for _, c := range cs {
			onPath[c.next] = true
			walk = append(walk, c.e)
			err := dfs(c.next, left-1)
			walk = walk[:len(walk)-1]
			onPath[c.next] = false
			if err != nil {
				return err
			}
		}
		return ps.ctx.Err()
	}
	if err := dfs(ps.a, l); err != nil {
		return nil, err
	}
	return paths, nil
}
