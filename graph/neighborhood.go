package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Limits of Neighborhood and FindPaths.
const (
	DefaultNeighborhoodDepth = 1
	MaxNeighborhoodDepth     = 3
	DefaultNeighborhoodLimit = 200 // nodes
	MaxNeighborhoodLimit     = 2000
	DefaultPathDepth         = 4
	MaxPathDepth             = 6
	DefaultPathLimit         = 10
	MaxPathLimit             = 100
	// maxPathNodes bounds the nodes FindPaths reaches before it stops
	// growing its search; paths through nodes beyond it are not found.
	maxPathNodes = 20000
)

// hiddenPreds are left out of Neighborhood and FindPaths: large literals,
// the name index and the linking bookkeeping.
var hiddenPreds = map[quad.IRI]bool{
	PredQuadList: true, PredArticleBody: true, PredNameKey: true, PredNameWord: true,
	PredSignature: true, PredBand: true, PredFirst: true,
	PredEventScope: true, PredMonth: true, PredDay: true, PredOnDay: true,
}

// labelPreds give a node's label, first found first.
var labelPreds = []quad.IRI{PredName, PredHeadline, PredKey, PredText, PredRoleName, PredTrigger, PredLinkKind}

// typeOrder ranks types; a node shows its first.
var typeOrder = []quad.IRI{ClassClaim, ClassMeasure, ClassEventGroup, ClassLink, ClassArticle,
	ClassPerson, ClassOrganization, ClassPlace, ClassGroup, ClassAnonymous, ClassActor,
	ClassStatement, ClassFigure, ClassEvent, ClassRole, ClassQuotation}

// resolveNodeLocked returns the IRI ref names: an IRI that is in the
// store, an article id, a measure key (killed@gaza) or claim key
// (claim/…) as ListMeasures and ListClaims give them, an actor id, or an
// actor's name or alias (the actor first by id when several match).
func (s *Store) resolveNodeLocked(ctx context.Context, ref string) (quad.IRI, error) {
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		ok, err := s.inStoreLocked(ctx, quad.IRI(ref))
		if err != nil {
			return "", err
		}
		if !ok {
			return "", ErrNotFound
		}
		return quad.IRI(ref), nil
	}
	types, err := s.objectsLocked(ctx, ArticleIRI(ref), PredType)
	if err != nil {
		return "", err
	}
	if slices.Contains(types, quad.Value(ClassArticle)) {
		return ArticleIRI(ref), nil
	}
	for _, k := range []struct {
		iri   quad.IRI
		class quad.IRI
	}{{measureIRI(ref), ClassMeasure}, {claimIRI(ref), ClassClaim}} {
		types, err := s.objectsLocked(ctx, k.iri, PredType)
		if err != nil {
			return "", err
		}
		if slices.Contains(types, quad.Value(k.class)) {
			return k.iri, nil
		}
	}
	ids, err := s.resolveActorLocked(ctx, ref)
	if err != nil {
		return "", err
	}
	if len(ids) == 0 {
		return "", ErrNotFound
	}
	if ids[0] != ref {
		slices.Sort(ids)
	}
	return ActorIRI(ids[0]), nil
}

// inStoreLocked reports whether some quad holds v as its subject or object.
func (s *Store) inStoreLocked(ctx context.Context, v quad.Value) (bool, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return false, err
	}
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		it := s.qs.QuadIterator(d, ref).Iterate()
		found := it.Next(ctx)
		err := it.Err()
		it.Close()
		if err != nil {
			return false, err
		}
		if found {
			return true, nil
		}
	}
	return false, ctx.Err()
}

// nodeFacts is what one read of a node gives: its outgoing literals and
// types, and its IRI-valued edges in both directions.
type nodeFacts struct {
	types  []quad.IRI
	attrs  []Edge // literal-valued facts
	labels map[quad.IRI][]string
	edges  []Edge // IRI-valued, both directions, each once, sorted
	seen   map[Edge]bool
	// truncated says that a bound on the neighbours read through one
	// predicate left some out (fanOut).
	truncated bool
	// per bounds the values of one predicate in one direction (0: none):
	// fanOut reads no more on a KV store; on PostgreSQL, which reads
	// every value, the bound is kept here.
	per   int
	taken map[dirPred]map[string]bool
}

type dirPred struct {
	in bool
	p  quad.IRI
}

// admit reports whether value v of predicate p (incoming when in) is
// within the bound.
func (f *nodeFacts) admit(in bool, p quad.IRI, v quad.Value) bool {
	if f.per <= 0 {
		return true
	}
	k := dirPred{in, p}
	m := f.taken[k]
	if m == nil {
		m = map[string]bool{}
		f.taken[k] = m
	}
	vs := quad.ToString(v)
	if m[vs] {
		return true
	}
	if len(m) == f.per {
		f.truncated = true
		return false
	}
	m[vs] = true
	return true
}

// nodeFactsLocked reads node n's facts, and with withIn its incoming
// edges too, at most per neighbours through each predicate in each
// direction (0: all; see fanOut); f.truncated says when some were left
// out.
func (s *Store) nodeFactsLocked(ctx context.Context, n quad.IRI, withIn bool, per int) (*nodeFacts, error) {
	f := newNodeFacts(per)
	if s.pg != nil { // set-wise (pgread.go); f keeps the bound
		err := s.eachLinkLocked(ctx, quad.Subject, n, nodeFactPred, func(p quad.IRI, v quad.Value) { f.addOut(n, p, v) })
		if err == nil && withIn {
			err = s.eachLinkLocked(ctx, quad.Object, n, nodeFactPred, func(p quad.IRI, v quad.Value) { f.addIn(n, p, v) })
		}
		if err != nil {
			return nil, err
		}
		f.sort()
		return f, nil
	}
	ref, err := s.qs.ValueOf(n)
	if err != nil || ref == nil {
		return f, err
	}
	preds := s.predicates(nodeFactPred)
	dirs := []quad.Direction{quad.Subject}
	if withIn {
		dirs = append(dirs, quad.Object)
	}
	for _, d := range dirs {
		names := map[any]quad.Value{}
		cut, err := fanOut{s: s, d: d, ref: ref, want: nodeFactPred, preds: preds, per: per}.each(ctx, func(p quad.IRI, _, or cgraph.Ref) error {
			v, ok := names[or.Key()]
			if !ok {
				var err error
				if v, err = s.qs.NameOf(or); err != nil {
					return err
				}
				names[or.Key()] = v
			}
			if v == nil {
				return nil
			}
			if d == quad.Subject {
				f.addOut(n, p, v)
			} else {
				f.addIn(n, p, v)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		f.truncated = f.truncated || cut
	}
	f.sort()
	return f, nil
}

// nodesFactsLocked returns nodeFactsLocked of each of nodes on
// PostgreSQL, in four queries for them all (pgread.go); elsewhere nil,
// and the caller reads the nodes it needs one after another (on bolt each
// read is an index scan with no round trip, and the caller may stop
// early).
func (s *Store) nodesFactsLocked(ctx context.Context, nodes []quad.IRI, withIn bool, per int) (map[quad.IRI]*nodeFacts, error) {
	if s.pg == nil || len(nodes) == 0 {
		return nil, nil
	}
	out := make(map[quad.IRI]*nodeFacts, len(nodes))
	vs := make([]quad.Value, len(nodes))
	for i, n := range nodes {
		vs[i] = n
		out[n] = newNodeFacts(per)
	}
	err := s.pg.eachLinkOf(ctx, quad.Subject, vs, nodeFactPred, func(n quad.Value, p quad.IRI, v quad.Value) {
		out[n.(quad.IRI)].addOut(n.(quad.IRI), p, v)
	})
	if err != nil {
		return nil, err
	}
	if withIn {
		err = s.pg.eachLinkOf(ctx, quad.Object, vs, nodeFactPred, func(n quad.Value, p quad.IRI, v quad.Value) {
			out[n.(quad.IRI)].addIn(n.(quad.IRI), p, v)
		})
		if err != nil {
			return nil, err
		}
	}
	for _, f := range out {
		f.sort()
	}
	return out, nil
}

// nodeFactPred reports whether a node's facts (nodeFacts) read predicate p.
func nodeFactPred(p quad.IRI) bool { return !hiddenPreds[p] }

func newNodeFacts(per int) *nodeFacts {
	return &nodeFacts{labels: map[quad.IRI][]string{}, seen: map[Edge]bool{}, per: per, taken: map[dirPred]map[string]bool{}}
}

// addOut adds the fact (n, p, v).
func (f *nodeFacts) addOut(n, p quad.IRI, v quad.Value) {
	if !f.admit(false, p, v) {
		return
	}
	if p == PredType {
		if iri, ok := v.(quad.IRI); ok && !slices.Contains(f.types, iri) {
			f.types = append(f.types, iri)
		}
		return
	}
	if iri, ok := v.(quad.IRI); ok {
		e := Edge{string(n), string(p), string(iri)}
		if !f.seen[e] {
			f.seen[e] = true
			f.edges = append(f.edges, e)
		}
		return
	}
	text := literalText(v)
	e := Edge{string(n), string(p), text}
	if !f.seen[e] {
		f.seen[e] = true
		f.attrs = append(f.attrs, e)
	}
	f.labels[p] = append(f.labels[p], text)
}

// addIn adds the fact (v, p, n).
func (f *nodeFacts) addIn(n, p quad.IRI, v quad.Value) {
	if !f.admit(true, p, v) {
		return
	}
	if p == PredType {
		return
	}
	if iri, ok := v.(quad.IRI); ok {
		e := Edge{string(iri), string(p), string(n)}
		if !f.seen[e] {
			f.seen[e] = true
			f.edges = append(f.edges, e)
		}
	}
}

// sort puts f's edges and attributes in order, once all are added.
func (f *nodeFacts) sort() {
	slices.SortFunc(f.edges, compareEdges)
	slices.SortFunc(f.attrs, compareEdges)
}

func compareEdges(a, b Edge) int {
	return cmp.Or(strings.Compare(a.Subject, b.Subject), strings.Compare(a.Predicate, b.Predicate), strings.Compare(a.Object, b.Object))
}

func literalText(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedStringer:
		return string(v.TypedString().Value)
	}
	return quad.StringOf(v)
}

// node returns the Node of n given its facts.
func (f *nodeFacts) node(n quad.IRI) Node {
	nd := Node{ID: string(n)}
	for _, t := range typeOrder {
		if slices.Contains(f.types, t) {
			nd.Type = localName(string(t))
			break
		}
	}
	if nd.Type == "" && len(f.types) > 0 {
		nd.Type = localName(string(slices.Min(f.types)))
	}
	for _, p := range labelPreds {
		if vs := f.labels[p]; len(vs) > 0 {
			nd.Label = mostCommon(vs)
			break
		}
	}
	if nd.Label == "" {
		nd.Label = localName(string(n))
		if d, err := decodeID(nd.Label); err == nil {
			nd.Label = d
		}
	}
	return nd
}

func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// mostCommon returns the value of vs that occurs most, the least of equals.
func mostCommon(vs []string) string {
	count := map[string]int{}
	best := ""
	for _, v := range vs {
		count[v]++
	}
	for v, c := range count {
		if best == "" || c > count[best] || c == count[best] && v < best {
			best = v
		}
	}
	return best
}

// other returns the end of e that is not n.
func (e Edge) other(n string) string {
	if e.Subject == n {
		return e.Object
	}
	return e.Subject
}

// Neighborhood returns node and what lies within depth edges of it, in
// either direction (DefaultNeighborhoodDepth if depth is not positive, at
// most MaxNeighborhoodDepth), up to limit nodes (DefaultNeighborhoodLimit
// if not positive, at most MaxNeighborhoodLimit; Truncated says when more
// were left out). node is an IRI, an article id, an actor id or an actor's
// name or alias. Nodes are IRIs, nearest first; literal facts become Edges
// whose Object is the literal's text (attributes, not nodes), and rdf:type
// becomes Node.Type. Article bodies, quad lists and the name and linking
// indexes are left out. It returns an error wrapping ErrNotFound when node
// names nothing. A node with more neighbours through one predicate in
// one direction than the limit (or maxPathFanOut, whichever is more),
// such as a speaker quoted in every article, gives only the first ones
// stored (see fanOut), and Truncated is set: the cost is the limit's, not
// the hub's. It is safe for concurrent use.
func (s *Store) Neighborhood(ctx context.Context, node string, depth, limit int) (Subgraph, error) {
	if depth <= 0 {
		depth = DefaultNeighborhoodDepth
	}
	depth = min(depth, MaxNeighborhoodDepth)
	if limit <= 0 {
		limit = DefaultNeighborhoodLimit
	}
	limit = min(limit, MaxNeighborhoodLimit)
	if err := s.rlock(); err != nil {
		return Subgraph{}, err
	}
	defer s.runlock()
	root, err := s.resolveNodeLocked(ctx, node)
	if err != nil {
		return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", node, err)
	}
	var g Subgraph
	per := max(limit, maxPathFanOut) // neighbours read per predicate and direction (fanOut)
	in := map[string]bool{string(root): true}
	order := []quad.IRI{root}
	facts := map[quad.IRI]*nodeFacts{}
	frontier := []quad.IRI{root}
	// Once a node is left out for the limit, no later one can come in, and
	// the edges among the nodes in are each read from its subject below:
	// the walk stops there, however many nodes its frontier still holds.
walk:
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []quad.IRI
		level, err := s.nodesFactsLocked(ctx, frontier, true, per)
		if err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", node, err)
		}
		for _, n := range frontier {
			f := level[n]
			if f == nil {
				if f, err = s.nodeFactsLocked(ctx, n, true, per); err != nil {
					return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", node, err)
				}
			}
			g.Truncated = g.Truncated || f.truncated
			facts[n] = f
			for _, e := range f.edges {
				o := e.other(string(n))
				if in[o] {
					continue
				}
				if len(order) == limit {
					g.Truncated = true
					break walk
				}
				in[o] = true
				order = append(order, quad.IRI(o))
				next = append(next, quad.IRI(o))
			}
		}
		frontier = next
	}
	var rest []quad.IRI
	for _, n := range order {
		if facts[n] == nil {
			rest = append(rest, n)
		}
	}
	last, err := s.nodesFactsLocked(ctx, rest, false, per)
	if err != nil {
		return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", node, err)
	}
	seen := map[Edge]bool{}
	for _, n := range order {
		f := facts[n]
		if f == nil {
			f = last[n]
		}
		if f == nil {
			if f, err = s.nodeFactsLocked(ctx, n, false, per); err != nil {
				return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", node, err)
			}
		}
		g.Truncated = g.Truncated || f.truncated
		g.Nodes = append(g.Nodes, f.node(n))
		for _, e := range f.edges {
			if in[e.Subject] && in[e.Object] && !seen[e] {
				seen[e] = true
				g.Edges = append(g.Edges, e)
			}
		}
		g.Edges = append(g.Edges, f.attrs...)
	}
	return g, nil
}

// FindPaths returns how two nodes (each as Neighborhood takes it) are
// connected: up to limit paths (DefaultPathLimit if not positive, at most
// MaxPathLimit) of at most maxDepth edges (DefaultPathDepth if not
// positive, at most MaxPathDepth), shortest first, over IRI-valued facts
// in either direction, never through a node twice. Paths of one length come
// in a stable order. No path is an empty result, not an error. It returns
// an error wrapping ErrNotFound when from or to names nothing. It searches
// breadth first from both ends (see pathSearch) and stops growing the
// search once it has reached a bounded number of nodes (maxPathNodes), so
// in a very dense graph some long paths may be missed. From each node it
// follows at most maxPathFanOut neighbours through one predicate in one
// direction, the first stored (fanOut): a path that leaves a hub by a
// later one is found only from its other end. It is safe for concurrent
// use.
func (s *Store) FindPaths(ctx context.Context, from, to string, maxDepth, limit int) ([]Path, error) {
	if maxDepth <= 0 {
		maxDepth = DefaultPathDepth
	}
	maxDepth = min(maxDepth, MaxPathDepth)
	if limit <= 0 {
		limit = DefaultPathLimit
	}
	limit = min(limit, MaxPathLimit)
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	a, err := s.resolveNodeLocked(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("find paths from %q: %w", from, err)
	}
	b, err := s.resolveNodeLocked(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("find paths to %q: %w", to, err)
	}
	if a == b {
		return nil, nil
	}
	ps, err := newPathSearch(ctx, s, a, b)
	if err != nil || ps == nil {
		return nil, err
	}
	paths, err := ps.run(maxDepth, limit)
	if err != nil {
		return nil, fmt.Errorf("find paths: %w", err)
	}
	return paths, nil
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
