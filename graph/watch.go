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

// changeSummary is what a subscriber must hear of one committed write,
// before it is read back: the articles written, the statements added, the
// claims touched and the links added. On PostgreSQL it is what one server
// tells the others (pgwatch.go).
type changeSummary struct {
	Written    []string `json:"written,omitempty"` // sorted
	Statements []string `json:"statements,omitempty"`
	Claims     []string `json:"claims,omitempty"`
	Links      []Link   `json:"links,omitempty"`
}

// summarize returns the summary of the committed deltas of changes; links
// are the links written, by IRI.
func summarize(changes []*articleChange, deltas []cgraph.Delta, links map[quad.IRI]Link) changeSummary {
	var sum changeSummary
	for _, ch := range changes {
		sum.Written = append(sum.Written, ch.id)
	}
	slices.Sort(sum.Written)
	var linkNodes []quad.IRI
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
			sum.Statements = append(sum.Statements, string(iri))
		case ClassLink:
			linkNodes = append(linkNodes, iri)
		}
	}
	slices.Sort(sum.Statements)
	for _, n := range slices.Sorted(maps.Keys(claims)) {
		sum.Claims = append(sum.Claims, string(n))
	}
	slices.Sort(linkNodes)
	for _, n := range linkNodes {
		if l, ok := links[n]; ok {
			sum.Links = append(sum.Links, l)
		}
	}
	return sum
}

// changesLocked returns what the committed deltas of changes mean to a
// subscriber; links are the links written, by IRI.
func (s *Store) changesLocked(ctx context.Context, changes []*articleChange, deltas []cgraph.Delta, links map[quad.IRI]Link) []Change {
	return s.resolveLocked(ctx, summarize(changes, deltas, links))
}

// resolveLocked reads back what sum names, as subscribers receive it.
// What cannot be read back is left out: notification is best effort, the
// store is the truth.
func (s *Store) resolveLocked(ctx context.Context, sum changeSummary) []Change {
	cause := func(ids ...string) string {
		for _, w := range sum.Written {
			if slices.Contains(ids, w) {
				return w
			}
		}
		if len(sum.Written) > 0 {
			return sum.Written[0]
		}
		return ""
	}
	var out []Change
	for _, str := range sum.Statements {
		n := quad.IRI(str)
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
	for _, str := range sum.Claims {
		c, err := s.claimLocked(ctx, quad.IRI(str))
		if err != nil {
			continue // gone
		}
		out = append(out, Change{Kind: ClaimUpdated, ArticleID: cause(c.ArticleIDs...), Claim: &c})
	}
	for _, l := range sum.Links {
		out = append(out, Change{Kind: LinkAdded, ArticleID: cause(l.From.ArticleID, l.To.ArticleID), Link: &l})
	}
	return out
}
