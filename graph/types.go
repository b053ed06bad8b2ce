package graph

import (
	"errors"
	"time"

	"github.com/claimgraph/claimgraph/extract"
)

// ErrNotFound is returned, wrapped, when an article or actor does not exist.
var ErrNotFound = errors.New("graph: not found")

// ArticleMeta is what a client says about an article besides its text.
type ArticleMeta struct {
	ID        string
	URL       string
	Title     string
	Publisher string
	Language  string
	Published string // YYYY-MM-DD, or empty
}

// Document is one article to write: its metadata, its text and what was
// extracted from it.
type Document struct {
	Meta       ArticleMeta
	Text       string
	Extraction *extract.Extraction
}

// ArticleInfo is a stored article.
type ArticleInfo struct {
	ArticleMeta
	ContentHash    string // SHA-256 of the text, hex
	StatementCount int
	FigureCount    int
	EventCount     int
	ActorCount     int
	QuadCount      int64 // quads under the article's label
	IngestTime     time.Time
}

// ActorInfo is a stored actor and the articles that mention it.
type ActorInfo struct {
	extract.Actor
	ArticleIDs []string
}

// Page asks for at most Limit items whose sort key is after After ("" for
// the first page). List calls return the key to pass as After for the next
// page, or "" when there is none.
type Page struct {
	After string
	Limit int
}

// ArticleFilter selects articles; zero fields match everything.
type ArticleFilter struct {
	Language string
}

// ActorFilter selects actors; zero fields match everything.
type ActorFilter struct {
	Query string // a name or alias or part of one, any script; Arabic normalised
	Kind  extract.ActorKind
}

// StatementFilter selects statements; zero fields match everything.
// Speaker and Mentions are actor references: an actor ID, or any name or
// alias of an actor (normalised comparison).
type StatementFilter struct {
	Speaker   string
	Mentions  string
	ArticleID string
}

// FigureFilter selects figures; zero fields match everything. Measure is a
// measure key (killed@gaza, as ListMeasures gives them) or a measure's name
// (killed). Source is an actor reference, as in StatementFilter.
type FigureFilter struct {
	ArticleID string
	Measure   string
	Source    string
}

// EventFilter selects events; zero fields match everything. Participant is
// an actor reference, as in StatementFilter. DateFrom and DateTo are ISO
// dates, possibly partial, compared by prefix-aware order and inclusive.
type EventFilter struct {
	Participant string
	ArticleID   string
	Kind        string
	DateFrom    string
	DateTo      string
}

// StoredStatement is a statement and the article that reports it.
type StoredStatement struct {
	ArticleID string
	extract.Statement
}

// StoredFigure is a figure and the article that reports it.
type StoredFigure struct {
	ArticleID string
	extract.Figure
}

// StoredEvent is an event and the article that reports it.
type StoredEvent struct {
	ArticleID string
	extract.Event
}
