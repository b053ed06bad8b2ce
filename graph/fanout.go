package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// How Neighborhood and FindPaths read a hub: a speaker quoted in every
// article has tens of thousands of edges, and the article that first
// reported a claim is an end of every link to it. Both read at most a
// bounded number of a node's neighbours through each predicate in each
// direction: the first ones stored (in the order their quads were
// written, on every backend). A node's quads are read whole when there
// are few; past a budget, a KV store (bolt) reads them one predicate at a
// time through its (node, predicate) index, so that a hub costs its
// predicates and the bound, not its history.

// fanOutBudget is how many quads of a node in one direction are read
// whole before a KV store turns to reading them predicate by predicate.
const fanOutBudget = 256

// maxPathFanOut bounds the neighbours through one predicate in one
// direction that FindPaths follows from a node.
const maxPathFanOut = 100

// vocabPreds are the store's predicates (vocab.go), for the reads that go
// predicate by predicate. TestVocabPreds checks that it lists them all.
var vocabPreds = []quad.IRI{
	PredType,
	PredURL, PredHeadline, PredPublisher, PredInLanguage, PredDatePublished, PredArticleBody,
	PredContentHash, PredStatementCount, PredFigureCount, PredEventCount, PredActorCount,
	PredQuadCount, PredIngestTime, PredQuadList,
	PredName, PredAlternateName, PredNameKey, PredNameWord, PredRole, PredRoleName,
	PredStartDate, PredEndDate, PredMentionedIn,
	PredDerivedFrom, PredSpan, PredText, PredSpeaker, PredSpeakerText, PredSpeakerSpan,
	PredCue, PredCueSpan, PredDirect, PredSentence, PredConfidence, PredMentions, PredSaidOn,
	PredValue, PredApproximate, PredQualifier, PredUnit, PredCounts, PredMeasure,
	PredAccordingTo, PredSourceText, PredInStatement, PredAsOf, PredEventKind, PredTrigger,
	PredDate, PredDateText, PredParticipant, PredLocation, PredSince, PredInMeasure,
	PredKey, PredClaim, PredInEventGroup, PredFirst, PredSignature, PredBand, PredEventScope,
	PredMonth, PredDay, PredOnDay, PredLinkKind, PredFrom, PredTo, PredLinkArticle, PredScore,
	PredFromValue, PredToValue, PredFromDate, PredToDate, PredSameClaimAs, PredAgreesWith,
	PredConflictsWith, PredUpdates, PredSameEventAs,
}

// fanOut is one bounded read of a node's quads in one direction.
type fanOut struct {
	s     *Store
	d     quad.Direction
	ref   cgraph.Ref
	want  func(quad.IRI) bool
	preds func(cgraph.Ref) (quad.IRI, bool, error) // s.predicates(want), shared across reads
	per   int                                      // neighbours per predicate; 0: all
}

// each calls fn with the predicate, the quad and the other end of each
// quad of the node in direction d whose predicate want accepts, the
// quads of at most per distinct other ends per predicate (the first
// stored), and reports whether it left some out.
func (fo fanOut) each(ctx context.Context, fn func(p quad.IRI, r, other cgraph.Ref) error) (bool, error) {
	other := quad.Object
	if fo.d == quad.Object {
		other = quad.Subject
	}
	type hit struct {
		p     quad.IRI
		r, or cgraph.Ref
	}
	var hits []hit
	// Only a KV store has the (node, predicate) index to turn to.
	budget := -1
	if _, kvStore := fo.s.qs.(*kv.QuadStore); kvStore && fo.per > 0 {
		budget = max(fanOutBudget, 2*fo.per)
	}
	truncated := false
	taken := map[quad.IRI]map[any]bool{}
	// take reports whether the quad of p to or is within the bound.
	take := func(p quad.IRI, or cgraph.Ref) bool {
		m := taken[p]
		if m == nil {
			m = map[any]bool{}
			taken[p] = m
		}
		if m[or.Key()] {
			return true
		}
		if fo.per > 0 && len(m) == fo.per {
			truncated = true
			return false
		}
		m[or.Key()] = true
		return true
	}
	for {
		read, over := 0, false
		it := fo.s.qs.QuadIterator(fo.d, fo.ref).Iterate()
		for it.Next(ctx) {
			if read++; budget >= 0 && read > budget {
				over = true
				break
			}
			r := it.Result()
			p, ok, err := fo.preds(r)
			if err == nil && ok {
				var or cgraph.Ref
				if or, err = fo.s.qs.QuadDirection(r, other); err == nil && or != nil {
					hits = append(hits, hit{p, r, or})
				}
			}
			if err != nil {
				it.Close()
				return false, err
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return false, err
		}
		if err := ctx.Err(); err != nil {
			return false, err // iterators stop at a deadline without saying so
		}
		if !over {
			for _, h := range hits {
				if take(h.p, h.or) {
					if err := fn(h.p, h.r, h.or); err != nil {
						return false, err
					}
				}
			}
			return truncated, nil
		}
		done, err := fo.byPredicate(ctx, other, take, fn)
		if err != nil || done {
			return truncated, err
		}
		// The store lacks the index: read the node whole after all.
		hits, budget = nil, -1
		clear(taken)
	}
}

// byPredicate reads the node's quads one predicate at a time, through the
// KV store's (node, predicate) index; done is false when the store lacks
// it (and nothing was read).
func (fo fanOut) byPredicate(ctx context.Context, other quad.Direction, take func(quad.IRI, cgraph.Ref) bool, fn func(p quad.IRI, r, other cgraph.Ref) error) (done bool, err error) {
	scans := map[quad.IRI]iterator.Shape{}
	for _, p := range vocabPreds {
		if !fo.want(p) {
			continue
		}
		scan, err := fo.s.predScanRefLocked(ctx, fo.d, fo.ref, p)
		if err != nil || scan == nil {
			return false, err
		}
		scans[p] = scan
	}
	for _, p := range vocabPreds {
		scan := scans[p]
		if scan == nil {
			continue
		}
		it := scan.Iterate()
		// A fact stated under many labels repeats its other end: read a
		// few quads more than the bound, not all of them.
		for n := 0; it.Next(ctx) && n < 2*fo.per+16; n++ {
			r := it.Result()
			or, err := fo.s.qs.QuadDirection(r, other)
			if err == nil && or != nil {
				if !take(p, or) {
					break
				}
				err = fn(p, r, or)
			}
			if err != nil {
				it.Close()
				return false, err
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return false, err
		}
	}
	return true, ctx.Err()
}
