package graph

import (
	"context"
	"maps"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// DefaultSubscribeBuffer is the buffer of Subscribe when it is not positive.
const DefaultSubscribeBuffer = 1024

// subscriber is one Subscribe channel.
type subscriber struct {
	ch chan Change
}

// Subscribe returns a channel of the changes later writes make: the
// statements each write stores (StatementAdded), the claims it forms or
// changes (ClaimUpdated) and the links it adds (LinkAdded; a conflict is a
// LinkAdded whose Link.Kind is FigureConflicts). Changes of one write are
// sent after its transaction commits and before the next write starts, in
// order: statements, claims, links.
//
// Writers never wait for a subscriber: the channel holds buffer changes
// (DefaultSubscribeBuffer if buffer is not positive), and a subscriber that
// falls further behind is dropped and its channel closed (after the changes
// that fit); it may subscribe again and catch up with the list calls. One
// write of many articles makes many changes at once, so the buffer should
// hold what the largest write makes. The channel is also
// closed when ctx ends (the caller must end it to release the
// subscription) and when the store is closed; on a closed store it is
// returned closed. Subscribe is safe for concurrent use.
func (s *Store) Subscribe(ctx context.Context, buffer int) <-chan Change {
	if buffer <= 0 {
		buffer = DefaultSubscribeBuffer
	}
	sub := &subscriber{ch: make(chan Change, buffer)}
	s.subMu.Lock()
	if s.subsClosed {
		s.subMu.Unlock()
		close(sub.ch)
		return sub.ch
	}
	if s.subs == nil {
		s.subs = map[*subscriber]struct{}{}
	}
	s.subs[sub] = struct{}{}
	s.subMu.Unlock()
	go func() {
		<-ctx.Done()
		s.unsubscribe(sub)
	}()
	return sub.ch
}

func (s *Store) unsubscribe(sub *subscriber) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	if _, ok := s.subs[sub]; ok {
		delete(s.subs, sub)
		close(sub.ch)
	}
}

// closeSubscribers closes every subscription; later ones start closed.
func (s *Store) closeSubscribers() {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	s.subsClosed = true
	for sub := range s.subs {
		delete(s.subs, sub)
		close(sub.ch)
	}
}

func (s *Store) hasSubscribers() bool {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	return len(s.subs) > 0
}

// publish sends changes to every subscriber, without waiting: one whose
// channel is full is dropped.
func (s *Store) publish(changes []Change) {
	if len(changes) == 0 {
		return
	}
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for sub := range s.subs {
		for _, c := range changes {
			select {
			case sub.ch <- c:
				continue
			default:
			}
			delete(s.subs, sub)
			close(sub.ch)
			break
		}
	}
}

// changesLocked returns what the committed deltas of changes mean to a
// subscriber; links are the links written, by IRI. What cannot be read
// back is left out: notification is best effort, the store is the truth.
func (s *Store) changesLocked(ctx context.Context, changes []*articleChange, deltas []cgraph.Delta, links map[quad.IRI]Link) []Change {
	var written []string
	for _, ch := range changes {
		written = append(written, ch.id)
	}
	slices.Sort(written)
	cause := func(ids ...string) string {
		for _, w := range written {
			if slices.Contains(ids, w) {
				return w
			}
		}
		if len(written) > 0 {
			return written[0]
		}
		return ""
	}
	var stmts, linkNodes []quad.IRI
	claims := map[quad.IRI]bool{}
	for _, d := range deltas {
		for _, v := range []quad.Value{d.Quad.Subject, d.Quad.Object} {
			if iri, ok := v.(quad.IRI); ok && strings.HasPrefix(string(iri), prefixClaim) {
				claims[iri] = true
			}
		}
		if d.Action != cgraph.Add || d.Quad.Predicate != PredType {
			continue
		}
		iri, _ := d.Quad.Subject.(quad.IRI)
		switch d.Quad.Object {
		case ClassStatement:
			stmts = append(stmts, iri)
		case ClassLink:
			linkNodes = append(linkNodes, iri)
		}
	}
	var out []Change
	slices.Sort(stmts)
	for _, n := range stmts {
		key, ok := itemKey(n, segStatement)
		if !ok {
			continue
		}
		pr, err := s.propsLocked(ctx, n)
		if err != nil {
			continue
		}
		st, err := statementFromProps(key, pr)
		if err != nil {
			continue
		}
		out = append(out, Change{Kind: StatementAdded, ArticleID: st.ArticleID, Statement: &st})
	}
	for _, n := range slices.Sorted(maps.Keys(claims)) {
		c, err := s.claimLocked(ctx, n)
		if err != nil {
			continue // gone
		}
		out = append(out, Change{Kind: ClaimUpdated, ArticleID: cause(c.ArticleIDs...), Claim: &c})
	}
	slices.Sort(linkNodes)
	for _, n := range linkNodes {
		l, ok := links[n]
		if !ok {
			continue
		}
		out = append(out, Change{Kind: LinkAdded, ArticleID: cause(l.From.ArticleID, l.To.ArticleID), Link: &l})
	}
	return out
}
