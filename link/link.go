// Package link decides how statements, figures and events of different
// articles relate: which statements report one claim, how two figures of
// one measure relate (agree, conflict, update), which events are one
// happening. It is pure: no storage, no text analysis (the extract package
// makes every text decision; this package compares what it gives). The
// store (package graph) finds the few candidates each new node must be
// compared with through its indexes, so that the cost of linking one node
// does not grow with the story, and calls this package to decide.
package link

import (
	"math"
	"strings"
	"time"
)

// Kind says how two nodes of different articles relate.
type Kind int

// The kinds of link. From Kind To reads as a sentence.
const (
	SameClaim       Kind = iota + 1 // From reports the claim To first reported
	FigureAgrees                    // two figures of one measure agree
	FigureConflicts                 // two figures of one measure cannot both be true
	FigureUpdates                   // From, the later figure, updates To
	SameEvent                       // From reports the happening To first reported
)

var kindNames = [...]string{"", "SAME_CLAIM", "FIGURE_AGREES", "FIGURE_CONFLICTS", "FIGURE_UPDATES", "SAME_EVENT"}

// String returns the kind's name as the API and the store spell it, e.g.
// "FIGURE_CONFLICTS", or "UNSPECIFIED".
func (k Kind) String() string {
	if k <= 0 || int(k) >= len(kindNames) {
		return "UNSPECIFIED"
	}
	return kindNames[k]
}

// ParseKind returns the kind named s (case-insensitive, as String spells
// it), or 0 when s names none.
func ParseKind(s string) Kind {
	s = strings.ToUpper(strings.TrimSpace(s))
	for i, n := range kindNames {
		if i > 0 && n == s {
			return Kind(i)
		}
	}
	return 0
}

// NodeRef names one statement, figure or event of one article.
type NodeRef struct {
	ArticleID string
	LocalID   string  // the Statement, Figure or Event ID within the article's extraction
	Value     float64 // a figure's value; 0 for statements and events
	Date      string  // YYYY-MM-DD: a figure's day, else the article's published day; "" when unknown
}

// Less orders refs by Date (unknown last), ArticleID, LocalID.
func (a NodeRef) Less(b NodeRef) bool { return Compare(a, b) < 0 }

// Compare orders refs as Less does, for slices.SortFunc.
func Compare(a, b NodeRef) int {
	if a.Date != b.Date {
		switch {
		case a.Date == "":
			return 1
		case b.Date == "":
			return -1
		}
		return strings.Compare(a.Date, b.Date)
	}
	if c := strings.Compare(a.ArticleID, b.ArticleID); c != 0 {
		return c
	}
	return strings.Compare(a.LocalID, b.LocalID)
}

// Link is one relation between nodes of two different articles.
//
// For FigureAgrees and FigureConflicts the relation is symmetric and From
// is the end that sorts first (Less). For FigureUpdates, From is the later
// figure; for SameClaim and SameEvent, From is the later report and To
// the claim's or event group's first.
type Link struct {
	Kind     Kind
	From, To NodeRef
	Key      string  // the claim, measure or event group key both ends share
	Score    float64 // 0..1: the claim or event similarity; 1 for figure links
}

// Symmetric returns a link with its ends in Less order.
func Symmetric(kind Kind, a, b NodeRef, key string, score float64) Link {
	if b.Less(a) {
		a, b = b, a
	}
	return Link{Kind: kind, From: a, To: b, Key: key, Score: Round3(score)}
}

// Round3 rounds f to three decimals, as scores are stored.
func Round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// DayNumber returns the days since 1970-01-01 of an ISO day, or -1 when s
// is not a full day.
func DayNumber(s string) int {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return -1
	}
	return int(t.Unix() / 86400)
}

// FullDay returns s when it is a full ISO day, else "".
func FullDay(s string) string {
	if DayNumber(s) < 0 {
		return ""
	}
	return s
}

// jaccard returns |a∩b| / |a∪b| of two sorted sets, 0 when either is empty.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := intersect(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// intersect returns |a∩b| of two sorted sets.
func intersect(a, b []string) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			n++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return n
}
