package extract

import "time"

// Span is a half-open range [Start, End) of Unicode code point offsets into
// an article's text.
type Span struct {
	Start, End int
}

// Len returns the number of code points in s.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// ActorKind says what an actor is.
type ActorKind int

// The kinds of actor.
const (
	KindUnknown ActorKind = iota
	KindPerson
	KindOrganization
	KindPlace
	KindGroup
	KindAnonymous
)

var actorKindNames = [...]string{"unknown", "person", "organization", "place", "group", "anonymous"}

// String returns the kind's lower-case name, as the gold annotations spell it.
func (k ActorKind) String() string {
	if k < 0 || int(k) >= len(actorKindNames) {
		return "unknown"
	}
	return actorKindNames[k]
}

// ParseActorKind returns the kind named s, or KindUnknown.
func ParseActorKind(s string) ActorKind {
	for i, n := range actorKindNames {
		if n == s {
			return ActorKind(i)
		}
	}
	return KindUnknown
}

// Role is a position an actor held between two dates (either may be empty).
type Role struct {
	Title string // as written, e.g. "الرئيس الأمريكي" or "US president"
	Start string // YYYY-MM-DD, or empty when unknown
	End   string // YYYY-MM-DD, or empty while held
}

// Actor is a person, organization, place, group or anonymous source.
//
// ID is global: the same real-world actor gets the same ID in every article
// (gazetteer entries carry their own; other names derive theirs from the
// normalised name). Anonymous sources and groups are scoped to one article.
type Actor struct {
	ID       string
	Name     string // canonical name
	Kind     ActorKind
	Aliases  []string // other names: gazetteer names and surface forms in the text
	Roles    []Role
	Mentions []Span // where the text names the actor
}

// StatementKind says whether a statement is a quotation.
type StatementKind int

// The kinds of statement.
const (
	Indirect StatementKind = iota + 1
	Direct
)

// String returns "direct" or "indirect".
func (k StatementKind) String() string {
	if k == Direct {
		return "direct"
	}
	return "indirect"
}

// Statement is one reported utterance: who said what.
type Statement struct {
	ID          string // unique within the extraction, derived from the content span
	SpeakerID   string // an Actor's ID
	SpeakerText string // the speaker's words in the text (name, role, description, pronoun)
	SpeakerSpan Span   // zero when the speaker is implied
	Cue         string
	CueSpan     Span
	Content     string
	ContentSpan Span
	Kind        StatementKind
	Sentence    int     // index of the sentence holding the cue
	Confidence  float64 // 0..1
	MentionIDs  []string
	SaidOn      string // ISO date, possibly partial
}

// Qualifier says how a figure's value is bounded or approximated.
type Qualifier int

// The qualifiers. Only About makes a figure approximate; the others are bounds.
const (
	Exact Qualifier = iota + 1
	About
	MoreThan
	AtLeast
	LessThan
	UpTo
)

// Figure is one number that quantifies something.
type Figure struct {
	ID          string
	Value       float64
	Approximate bool
	Qualifier   Qualifier
	Unit        string // person, USD, percent, km, …
	Subject     string // the counted thing as the text says it
	Measure     string // killed, injured, hostages, money, percent, …
	Key         string // the series it belongs to across articles, e.g. "killed@gaza"; "" when what it counts is not known (see KeyFigures)
	SourceID    string // the actor it is attributed to
	SourceText  string // the words naming the source
	StatementID string // the statement whose content holds it
	AsOf        string // ISO date, possibly partial: the day it holds for
	Since       string // ISO date, possibly partial: the start of the period it counts, or ""
	Span        Span
	Text        string
}

// Grain is the precision of a date.
type Grain int

// The grains.
const (
	Day Grain = iota + 1
	Month
	Year
)

// String returns "day", "month" or "year".
func (g Grain) String() string {
	switch g {
	case Day:
		return "day"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "unknown"
}

// TimeMention is one date expression.
type TimeMention struct {
	Text  string
	Value string // YYYY-MM-DD, YYYY-MM or YYYY
	Grain Grain
	Span  Span
}

// Event is one happening.
type Event struct {
	ID             string
	Kind           string
	Trigger        string
	Span           Span // the trigger
	Date           string
	DateText       string
	ParticipantIDs []string
	PlaceIDs       []string
}

// Article is the input to Extract.
type Article struct {
	ID        string
	Text      string
	Language  string    // "ar", "en", or "" to detect
	Published time.Time // the publication day; zero when unknown
}

// Extraction is everything found in one article.
type Extraction struct {
	ArticleID  string
	Language   string
	Actors     []Actor
	Statements []Statement
	Figures    []Figure
	Events     []Event
	Times      []TimeMention
}

// Actor returns the actor with the given ID, or nil.
func (x *Extraction) Actor(id string) *Actor {
	for i := range x.Actors {
		if x.Actors[i].ID == id {
			return &x.Actors[i]
		}
	}
	return nil
}
