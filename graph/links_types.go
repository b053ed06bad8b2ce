package graph

import "github.com/claimgraph/claimgraph/link"

// LinkKind says how two nodes of different articles relate (see package link).
type LinkKind = link.Kind

// The kinds of link.
const (
	SameClaim       = link.SameClaim
	FigureAgrees    = link.FigureAgrees
	FigureConflicts = link.FigureConflicts
	FigureUpdates   = link.FigureUpdates
	SameEvent       = link.SameEvent
)

// ParseLinkKind returns the kind named s (case-insensitive), or 0.
func ParseLinkKind(s string) LinkKind { return link.ParseKind(s) }

// NodeRef names one statement, figure or event of one article.
type NodeRef = link.NodeRef

// Link is one relation between nodes of two different articles.
type Link = link.Link

// LinkFilter selects links; zero fields match everything.
type LinkFilter struct {
	Kind      LinkKind // 0 = any
	ArticleID string   // links with an end in this article
}

// ClaimInfo is a stored claim: statements by one speaker, in at least two
// articles, that report the same content.
type ClaimInfo struct {
	Key        string // e.g. "claim/ar-ministry-toll-1007/s2": the first report
	SpeakerID  string
	Statements []StoredStatement // first reported first; ListClaims gives the first 20
	// FirstReported and LastReported are the days (YYYY-MM-DD) of the
	// first and last report: the reporting articles' published days; ""
	// when unknown.
	FirstReported, LastReported string
	ArticleIDs                  []string // in the order they first reported it
}

// ClaimFilter selects claims; zero fields match everything. Speaker is an
// actor reference, as in StatementFilter.
type ClaimFilter struct {
	Speaker string
}

// MeasureInfo is what a series of figures counts, its figures in time
// order (date, then article id, then figure id) and the links among them.
type MeasureInfo struct {
	Key     string
	Figures []StoredFigure
	Links   []Link
	// Others are, for a page (TrackMeasurePage), the figures at the ends
	// of Links that are not on the page, in no order; nil otherwise.
	Others []StoredFigure
}

// Conflict is a FigureConflicts link with both figures and both articles.
type Conflict struct {
	Link                   Link
	From, To               StoredFigure
	FromArticle, ToArticle ArticleInfo
}

// Node is one node of a Subgraph: its IRI, a label to show (a name,
// headline, text or key) and its type (the local name of its most specific
// rdf:type, e.g. "Person", "Statement", "Claim"; "" when untyped).
type Node struct {
	ID, Label, Type string
}

// Edge is one fact: Subject and Predicate are IRIs; Object is an IRI (a
// Node of the same Subgraph or Path) or, for a literal, its text.
type Edge struct {
	Subject, Predicate, Object string
}

// Subgraph is a node's surroundings. Truncated says that the node limit
// left nodes out.
type Subgraph struct {
	Nodes     []Node
	Edges     []Edge
	Truncated bool
}

// Path is a chain of edges from one node to another; each edge keeps its
// own direction, so consecutive edges share an end but may point either way.
type Path struct {
	Edges []Edge
}

// ChangeKind says what a Change reports.
type ChangeKind int

// The kinds of change.
const (
	StatementAdded ChangeKind = iota + 1 // a statement was stored
	ClaimUpdated                         // a claim was formed or gained or lost a statement
	LinkAdded                            // a link was stored; Link.Kind says which (FigureConflicts for a conflict)
)

var changeKindNames = [...]string{"", "STATEMENT_ADDED", "CLAIM_UPDATED", "LINK_ADDED"}

// String returns the kind's name, e.g. "LINK_ADDED", or "UNSPECIFIED".
func (k ChangeKind) String() string {
	if k <= 0 || int(k) >= len(changeKindNames) {
		return "UNSPECIFIED"
	}
	return changeKindNames[k]
}

// Change is one thing a write changed, as Subscribe delivers it. ArticleID
// is the article whose write caused it; for a claim or link changed by a
// write of several articles (PutArticles), the first of them in id order
// that the claim or link involves. Exactly one of Statement, Claim and
// Link is set, as Kind says.
type Change struct {
	Kind      ChangeKind
	ArticleID string
	Statement *StoredStatement
	Claim     *ClaimInfo
	Link      *Link
}
