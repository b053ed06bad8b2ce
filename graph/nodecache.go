package graph

import (
	"context"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// nodeCache keeps what reads made of some nodes (a link, a figure: a few
// strings and numbers each, no slices), so that the pages that read them
// again and again (TrackMeasurePage reads six links or so per figure,
// ListConflicts two figures per conflict) do not resolve their quads one
// by one each time. It holds at most max nodes, dropping one it holds when
// full. A write forgets the nodes whose quads it changes (articleIndex.apply)
// and moves gen on, so that a value read before the write cannot be kept
// after it (put). PostgreSQL stores have none: another server's write
// would leave it stale. It is safe for concurrent use.
type nodeCache[T any] struct {
	mu  sync.Mutex
	gen uint64
	max int
	m   map[quad.IRI]T
}

// Node caches' sizes: about 200 bytes a link, 300 a figure, 100 and
// a link key (about 120 bytes) for each link of a figure, 400 an
// article's facts.
const (
	maxCachedLinks    = 1 << 16
	maxCachedFigures  = 1 << 15
	maxCachedArticles = 1 << 15
)

func newNodeCache[T any](max int) *nodeCache[T] {
	return &nodeCache[T]{max: max, m: map[quad.IRI]T{}}
}

// get returns the value kept for n, and the generation to pass to put
// with what the caller reads instead when there is none.
func (c *nodeCache[T]) get(n quad.IRI) (v T, gen uint64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok = c.m[n]
	return v, c.gen, ok
}

// put keeps v for n, read after get returned gen, unless a write
// committed since.
func (c *nodeCache[T]) put(n quad.IRI, v T, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if _, ok := c.m[n]; !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[n] = v
}

// forget drops the nodes of which keep reports true among the subjects of
// deltas, and moves the generation on if any was.
func (c *nodeCache[T]) forget(deltas []cgraph.Delta, keep func(quad.IRI) bool) {
	c.forgetBy(deltas, func(d cgraph.Delta) (quad.IRI, bool) {
		n, ok := d.Quad.Subject.(quad.IRI)
		return n, ok && keep(n)
	})
}

// forgetBy drops the node that node returns for each delta, if any, and
// moves the generation on if any was.
func (c *nodeCache[T]) forgetBy(deltas []cgraph.Delta, node func(cgraph.Delta) (quad.IRI, bool)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	moved := false
	for _, d := range deltas {
		n, ok := node(d)
		if !ok {
			continue
		}
		if !moved {
			c.gen++
			moved = true
		}
		delete(c.m, n)
	}
}

// len returns how many nodes c holds.
func (c *nodeCache[T]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// articleLocked returns the facts of article id (not its text), or an
// error wrapping ErrNotFound, from those kept when it can: TrackMeasure
// and ListConflicts pages give the articles of their figures, and
// ListArticles its page's.
func (s *Store) articleLocked(ctx context.Context, id string) (ArticleInfo, error) {
	if s.index == nil || s.index.articles == nil {
		return s.readArticleLocked(ctx, id)
	}
	n := ArticleIRI(id)
	a, gen, ok := s.index.articles.get(n)
	if ok {
		return a, nil
	}
	a, err := s.readArticleLocked(ctx, id)
	if err == nil {
		s.index.articles.put(n, a, gen)
	}
	return a, err
}
