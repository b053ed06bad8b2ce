package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// Base is the namespace of every node and coined predicate of claimgraph.
// Articles, actors, statements, figures and events are IRIs under it, and
// the project's own terms are under Base+"ns#" (written cg: in the docs).
const Base = "https://claimgraph.org/"

// Namespaces reused from elsewhere.
const (
	nsCG     = Base + "ns#"
	nsSchema = "http://schema.org/"
	nsProv   = "http://www.w3.org/ns/prov#"
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
)

// Classes.
const (
	ClassArticle      = quad.IRI(nsSchema + "NewsArticle")
	ClassPerson       = quad.IRI(nsSchema + "Person")
	ClassOrganization = quad.IRI(nsSchema + "Organization")
	ClassPlace        = quad.IRI(nsSchema + "Place")
	ClassEvent        = quad.IRI(nsSchema + "Event")
	ClassQuotation    = quad.IRI(nsSchema + "Quotation")
	ClassClaim        = quad.IRI(nsSchema + "Claim")
	ClassRole         = quad.IRI(nsSchema + "Role")
	ClassActor        = quad.IRI(nsCG + "Actor")
	ClassGroup        = quad.IRI(nsCG + "Group")
	ClassAnonymous    = quad.IRI(nsCG + "AnonymousSource")
	ClassStatement    = quad.IRI(nsCG + "Statement")
	ClassFigure       = quad.IRI(nsCG + "Figure")
	ClassMeasure      = quad.IRI(nsCG + "Measure")
	ClassEventGroup   = quad.IRI(nsCG + "EventGroup")
	ClassLink         = quad.IRI(nsCG + "Link")
)

// Predicates. The table in doc.go says what each one holds.
const (
	PredType = quad.IRI(nsRDF + "type")

	// Article.
	PredURL            = quad.IRI(nsSchema + "url")
	PredHeadline       = quad.IRI(nsSchema + "headline")
	PredPublisher      = quad.IRI(nsSchema + "publisher")
	PredInLanguage     = quad.IRI(nsSchema + "inLanguage")
	PredDatePublished  = quad.IRI(nsSchema + "datePublished")
	PredArticleBody    = quad.IRI(nsSchema + "articleBody")
	PredContentHash    = quad.IRI(nsCG + "contentHash")
	PredStatementCount = quad.IRI(nsCG + "statementCount")
	PredFigureCount    = quad.IRI(nsCG + "figureCount")
	PredEventCount     = quad.IRI(nsCG + "eventCount")
	PredActorCount     = quad.IRI(nsCG + "actorCount")
	PredQuadCount      = quad.IRI(nsCG + "quadCount")
	PredIngestTime     = quad.IRI(nsCG + "ingestTime")
	PredQuadList       = quad.IRI(nsCG + "quadList")

	// Actor.
	PredName          = quad.IRI(nsSchema + "name")
	PredAlternateName = quad.IRI(nsSchema + "alternateName")
	PredNameKey       = quad.IRI(nsCG + "nameKey")
	PredNameWord      = quad.IRI(nsCG + "nameWord")
	PredRole          = quad.IRI(nsCG + "role")
	PredRoleName      = quad.IRI(nsSchema + "roleName")
	PredStartDate     = quad.IRI(nsSchema + "startDate")
	PredEndDate       = quad.IRI(nsSchema + "endDate")
	PredMentionedIn   = quad.IRI(nsCG + "mentionedIn")

	// Statement, figure and event.
	PredDerivedFrom = quad.IRI(nsProv + "wasDerivedFrom")
	PredSpan        = quad.IRI(nsCG + "span")
	PredText        = quad.IRI(nsSchema + "text")
	PredSpeaker     = quad.IRI(nsCG + "speaker")
	PredSpeakerText = quad.IRI(nsCG + "speakerText")
	PredSpeakerSpan = quad.IRI(nsCG + "speakerSpan")
	PredCue         = quad.IRI(nsCG + "cue")
	PredCueSpan     = quad.IRI(nsCG + "cueSpan")
	PredDirect      = quad.IRI(nsCG + "direct")
	PredSentence    = quad.IRI(nsCG + "sentence")
	PredConfidence  = quad.IRI(nsCG + "confidence")
	PredMentions    = quad.IRI(nsSchema + "mentions")
	PredSaidOn      = quad.IRI(nsCG + "saidOn")
	PredValue       = quad.IRI(nsSchema + "value")
	PredApproximate = quad.IRI(nsCG + "approximate")
	PredQualifier   = quad.IRI(nsCG + "qualifier")
	PredUnit        = quad.IRI(nsSchema + "unitText")
	PredCounts      = quad.IRI(nsCG + "counts")
	PredMeasure     = quad.IRI(nsCG + "measure")
	PredAccordingTo = quad.IRI(nsCG + "accordingTo")
	PredSourceText  = quad.IRI(nsCG + "sourceText")
	PredInStatement = quad.IRI(nsCG + "inStatement")
	PredAsOf        = quad.IRI(nsCG + "asOf")
	PredEventKind   = quad.IRI(nsCG + "eventKind")
	PredTrigger     = quad.IRI(nsCG + "trigger")
	PredDate        = quad.IRI(nsCG + "date")
	PredDateText    = quad.IRI(nsCG + "dateText")
	PredParticipant = quad.IRI(nsCG + "participant")
	PredLocation    = quad.IRI(nsSchema + "location")
	PredSince       = quad.IRI(nsCG + "since")
	PredInMeasure   = quad.IRI(nsCG + "inMeasure")

	// Cross-article links and their indexes, under LinksLabel.
	PredKey           = quad.IRI(nsCG + "key")
	PredClaim         = quad.IRI(nsCG + "claim")
	PredInEventGroup  = quad.IRI(nsCG + "inEventGroup")
	PredFirst         = quad.IRI(nsCG + "first")
	PredSignature     = quad.IRI(nsCG + "signature")
	PredBand          = quad.IRI(nsCG + "band")
	PredEventScope    = quad.IRI(nsCG + "eventScope")
	PredMonth         = quad.IRI(nsCG + "month")
	PredDay           = quad.IRI(nsCG + "day")
	PredOnDay         = quad.IRI(nsCG + "onDay")
	PredLinkKind      = quad.IRI(nsCG + "linkKind")
	PredFrom          = quad.IRI(nsCG + "from")
	PredTo            = quad.IRI(nsCG + "to")
	PredLinkArticle   = quad.IRI(nsCG + "linkArticle")
	PredScore         = quad.IRI(nsCG + "score")
	PredFromValue     = quad.IRI(nsCG + "fromValue")
	PredToValue       = quad.IRI(nsCG + "toValue")
	PredFromDate      = quad.IRI(nsCG + "fromDate")
	PredToDate        = quad.IRI(nsCG + "toDate")
	PredSameClaimAs   = quad.IRI(nsCG + "sameClaimAs")
	PredAgreesWith    = quad.IRI(nsCG + "agreesWith")
	PredConflictsWith = quad.IRI(nsCG + "conflictsWith")
	PredUpdates       = quad.IRI(nsCG + "updates")
	PredSameEventAs   = quad.IRI(nsCG + "sameEventAs")
)

// LinksLabel is the label of every quad of cross-article linking: scope
// index, claims, measures, event groups and links. No article's quads sit
// under it.
const LinksLabel = quad.IRI(Base + "links")

// The prefixes of node IRIs; what follows is one id or key, encoded by
// encodeID (statements, figures and events add segments: see itemIRI).
const (
	prefixArticle    = Base + "article/"
	prefixActor      = Base + "actor/"
	prefixClaim      = Base + "claim/"
	prefixMeasure    = Base + "measure/"
	prefixEventGroup = Base + "eventgroup/"
	prefixLink       = Base + "link/"
)

// Node kinds inside an article's IRI.
const (
	segStatement = "statement"
	segFigure    = "figure"
	segEvent     = "event"
)

// encodeID percent-encodes id for use as one path segment of an IRI. It keeps
// ASCII letters, digits, '-', '.', '_' and '~', and non-ASCII letters, digits
// and marks (so Arabic ids stay legible); everything else, including '/',
// '%', '>', quotes, spaces, controls, bidi controls and invalid UTF-8, becomes
// %XX per byte. The result never holds '/', so segments cannot run into each
// other, and decodeID inverts it exactly.
func encodeID(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); {
		r, n := utf8.DecodeRuneInString(id[i:])
		keep := false
		switch {
		case r < utf8.RuneSelf:
			keep = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
				r == '-' || r == '.' || r == '_' || r == '~'
		case r == utf8.RuneError && n == 1:
			keep = false
		default:
			keep = unicode.In(r, unicode.L, unicode.N, unicode.M)
		}
		if keep {
			b.WriteString(id[i : i+n])
		} else {
			for j := i; j < i+n; j++ {
				fmt.Fprintf(&b, "%%%02X", id[j])
			}
		}
		i += n
	}
	return b.String()
}

// decodeID inverts encodeID.
func decodeID(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("decode id %q: short escape", s)
		}
		v, err := hex.DecodeString(s[i+1 : i+3])
		if err != nil {
			return "", fmt.Errorf("decode id %q: %w", s, err)
		}
		b = append(b, v[0])
		i += 2
	}
	return string(b), nil
}

// ArticleIRI returns the IRI of the article with the given id. It is also the
// label of every quad the article asserts.
func ArticleIRI(id string) quad.IRI { return quad.IRI(prefixArticle + encodeID(id)) }

// ActorIRI returns the IRI of the actor with the given id.
func ActorIRI(id string) quad.IRI { return quad.IRI(prefixActor + encodeID(id)) }

// StatementIRI returns the IRI of statement localID of article articleID.
func StatementIRI(articleID, localID string) quad.IRI {
	return itemIRI(articleID, segStatement, localID)
}

// FigureIRI returns the IRI of figure localID of article articleID.
func FigureIRI(articleID, localID string) quad.IRI { return itemIRI(articleID, segFigure, localID) }

// EventIRI returns the IRI of event localID of article articleID.
func EventIRI(articleID, localID string) quad.IRI { return itemIRI(articleID, segEvent, localID) }

func itemIRI(articleID, seg, localID string) quad.IRI {
	return quad.IRI(prefixArticle + encodeID(articleID) + "/" + seg + "/" + encodeID(localID))
}

func claimIRI(key string) quad.IRI      { return quad.IRI(prefixClaim + encodeID(key)) }
func measureIRI(key string) quad.IRI    { return quad.IRI(prefixMeasure + encodeID(key)) }
func eventGroupIRI(key string) quad.IRI { return quad.IRI(prefixEventGroup + encodeID(key)) }

// NodeIRI returns the IRI of a node of the given kind: "article", "actor",
// "claim" (id is the claim key), "measure" (the measure key), "event_group"
// (the event group key); "" for another kind. Statements,
// figures and events have StatementIRI, FigureIRI and EventIRI.
func NodeIRI(kind, id string) string {
	switch kind {
	case "article":
		return string(ArticleIRI(id))
	case "actor":
		return string(ActorIRI(id))
	case "claim":
		return string(claimIRI(id))
	case "measure":
		return string(measureIRI(id))
	case "event_group":
		return string(eventGroupIRI(id))
	}
	return ""
}

// roleIRI returns the IRI of one role of an actor; it derives from the role's
// title and dates, so the same role gets the same node in every article.
func roleIRI(actorID string, r roleKey) quad.IRI {
	h := sha256.Sum256([]byte(r.Title + "\x00" + r.Start + "\x00" + r.End))
	return quad.IRI(prefixActor + encodeID(actorID) + "/role/" + hex.EncodeToString(h[:8]))
}

type roleKey struct{ Title, Start, End string }

// keyOfIRI returns the id or key encoded after prefix in iri, or ok false
// when iri is not prefix and one encoded segment.
func keyOfIRI(iri quad.IRI, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(string(iri), prefix)
	if !ok || strings.Contains(rest, "/") {
		return "", false
	}
	k, err := decodeID(rest)
	return k, err == nil
}

// parseArticleIRI returns the article id of an article IRI.
func parseArticleIRI(v quad.Value) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok {
		return "", false
	}
	return keyOfIRI(iri, prefixArticle)
}

// parseActorIRI returns the actor id of an actor IRI.
func parseActorIRI(v quad.Value) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok {
		return "", false
	}
	return keyOfIRI(iri, prefixActor)
}

// itemKey is the sort key of a statement, figure or event: the encoded
// article id and local id joined by '/'. Because encoded ids never hold '/',
// ordering keys as strings orders items by article, then by local id.
func itemKey(iri quad.IRI, seg string) (key string, ok bool) {
	rest, ok := strings.CutPrefix(string(iri), prefixArticle)
	if !ok {
		return "", false
	}
	art, local, ok := strings.Cut(rest, "/"+seg+"/")
	if !ok || strings.Contains(art, "/") || strings.Contains(local, "/") {
		return "", false
	}
	return art + "/" + local, true
}

// splitItemKey returns the article id and local id of an item key.
func splitItemKey(key string) (articleID, localID string, err error) {
	a, l, ok := strings.Cut(key, "/")
	if !ok || strings.Contains(l, "/") {
		return "", "", fmt.Errorf("bad item key %q", key)
	}
	if articleID, err = decodeID(a); err != nil {
		return "", "", err
	}
	if localID, err = decodeID(l); err != nil {
		return "", "", err
	}
	return articleID, localID, nil
}

// statementOf returns the article and statement ids of statement n, and
// false for any other IRI.
func statementOf(n quad.IRI) (articleID, localID string, ok bool) {
	key, ok := itemKey(n, segStatement)
	if !ok {
		return "", "", false
	}
	a, l, err := splitItemKey(key)
	return a, l, err == nil
}
