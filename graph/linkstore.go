package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
)

// How the store keeps cross-article links current (see Scopes in link.go).
//
// Each article that has linking scopes stores what linking reads of its
// extraction as one literal (cg:linkInput, under the article's label), so
// documentLocked rebuilds exactly the Document that Compute saw when the
// article was written: links come out the same whatever the ingest order.
//
// The scope index is part of each article (Scopes is a function of the
// article alone): under its label, for each scope S it has,
//
//	scope  rdf:type         cg:Scope
//	scope  cg:scopeArticle  article
//
// Under LinksLabel, a scope that at least two stored articles have holds
//
//	scope  cg:quadList      "N-Quads of every other quad of S"
//
// and the claims, measures, event groups and links of S. Every such quad
// names a node that belongs to S alone (a claim of its speaker, its measure
// or event group, one of its links, the scope), so no quad belongs to two
// scopes, and recomputing S removes exactly the quads its list names. An
// article alone in all its scopes puts nothing under LinksLabel.

// linkIRI returns the IRI of a link node. Its path after "link/" is the
// link's sort key: kind, key, then both ends.
func linkIRI(l *Link) quad.IRI {
	return quad.IRI(prefixLink + strings.ToLower(strings.ReplaceAll(l.Kind.String(), "_", "-")) + "/" +
		encodeID(l.Key) + "/" + encodeID(l.From.ArticleID) + "/" + encodeID(l.From.LocalID) + "/" +
		encodeID(l.To.ArticleID) + "/" + encodeID(l.To.LocalID))
}

// refIRI returns the IRI of a link end of the given kind.
func refIRI(kind LinkKind, r NodeRef) quad.IRI {
	switch kind {
	case SameClaim:
		return StatementIRI(r.ArticleID, r.LocalID)
	case SameEvent:
		return EventIRI(r.ArticleID, r.LocalID)
	}
	return FigureIRI(r.ArticleID, r.LocalID)
}

func refSeg(kind LinkKind) string {
	switch kind {
	case SameClaim:
		return segStatement
	case SameEvent:
		return segEvent
	}
	return segFigure
}

var directPreds = map[LinkKind]quad.IRI{
	SameClaim:       PredSameClaimAs,
	FigureAgrees:    PredAgreesWith,
	FigureConflicts: PredConflictsWith,
	FigureUpdates:   PredUpdates,
	SameEvent:       PredSameEventAs,
}

// linkInput is what linking reads of an extraction, stored as JSON in
// cg:linkInput.
type linkInput struct {
	Actors     []linkActor     `json:"actors,omitempty"`
	Statements []linkStatement `json:"statements,omitempty"`
	Figures    []linkFigure    `json:"figures,omitempty"`
	Times      []linkTime      `json:"times,omitempty"`
	Events     []linkEvent     `json:"events,omitempty"`
}

type linkActor struct {
	ID       string            `json:"id"`
	Kind     extract.ActorKind `json:"kind,omitempty"`
	Mentions []extract.Span    `json:"mentions,omitempty"` // places only
}

type linkStatement struct {
	ID       string       `json:"id"`
	Speaker  string       `json:"speaker,omitempty"`
	Content  string       `json:"content,omitempty"`
	Span     extract.Span `json:"span"`
	Mentions []string     `json:"mentions,omitempty"`
}

type linkFigure struct {
	ID          string            `json:"id"`
	Value       float64           `json:"value"`
	Qualifier   extract.Qualifier `json:"qualifier,omitempty"`
	Approximate bool              `json:"approximate,omitempty"`
	Measure     string            `json:"measure,omitempty"`
	Subject     string            `json:"subject,omitempty"`
	Text        string            `json:"text,omitempty"`
	Span        extract.Span      `json:"span"`
	AsOf        string            `json:"asOf,omitempty"`
	Statement   string            `json:"statement,omitempty"`
}

type linkTime struct {
	Value string       `json:"value"`
	Span  extract.Span `json:"span"`
}

type linkEvent struct {
	ID           string   `json:"id"`
	Kind         string   `json:"kind,omitempty"`
	Date         string   `json:"date,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Places       []string `json:"places,omitempty"`
}

// linkDocument returns the linking form of doc (what Compute reads, as
// stored), its scopes and the JSON to store as cg:linkInput; the JSON is
// "" when doc has no scopes, since then no link can involve it.
func linkDocument(doc Document) (Document, []string, string, error) {
	if doc.Extraction == nil {
		return linkDoc(doc.Meta.ID, doc.Meta.Published, doc.Text, nil), nil, "", nil
	}
	x := doc.Extraction
	var in linkInput
	for _, a := range x.Actors {
		la := linkActor{ID: a.ID, Kind: a.Kind}
		if a.Kind == extract.KindPlace {
			la.Mentions = a.Mentions
		}
		in.Actors = append(in.Actors, la)
	}
	for _, st := range x.Statements {
		in.Statements = append(in.Statements, linkStatement{ID: st.ID, Speaker: st.SpeakerID, Content: st.Content, Span: st.ContentSpan, Mentions: st.MentionIDs})
	}
	for _, f := range x.Figures {
		in.Figures = append(in.Figures, linkFigure{ID: f.ID, Value: f.Value, Qualifier: f.Qualifier, Approximate: f.Approximate,
			Measure: f.Measure, Subject: f.Subject, Text: f.Text, Span: f.Span, AsOf: f.AsOf, Statement: f.StatementID})
	}
	for _, t := range x.Times {
		if t.Value != "" {
			in.Times = append(in.Times, linkTime{Value: t.Value, Span: t.Span})
		}
	}
	for _, e := range x.Events {
		in.Events = append(in.Events, linkEvent{ID: e.ID, Kind: e.Kind, Date: e.Date, Participants: e.ParticipantIDs, Places: e.PlaceIDs})
	}
	b, err := json.Marshal(&in)
	if err != nil {
		return Document{}, nil, "", fmt.Errorf("%w: link input: %v", ErrInvalid, err)
	}
	// Link what will be read back, so a write and a later recompute see
	// the same document.
	d := linkDoc(doc.Meta.ID, doc.Meta.Published, doc.Text, nil)
	if err := json.Unmarshal(b, &in); err != nil {
		return Document{}, nil, "", fmt.Errorf("%w: link input: %v", ErrInvalid, err)
	}
	d.Extraction = in.extraction()
	scopes := Scopes(&d)
	if len(scopes) == 0 {
		return d, nil, "", nil
	}
	return d, scopes, string(b), nil
}

func linkDoc(id, published, text string, x *extract.Extraction) Document {
	if x == nil {
		x = &extract.Extraction{}
	}
	return Document{Meta: ArticleMeta{ID: id, Published: published}, Text: text, Extraction: x}
}

func (in *linkInput) extraction() *extract.Extraction {
	x := &extract.Extraction{}
	for _, a := range in.Actors {
		x.Actors = append(x.Actors, extract.Actor{ID: a.ID, Kind: a.Kind, Mentions: a.Mentions})
	}
	for _, s := range in.Statements {
		x.Statements = append(x.Statements, extract.Statement{ID: s.ID, SpeakerID: s.Speaker, Content: s.Content, ContentSpan: s.Span, MentionIDs: s.Mentions})
	}
	for _, f := range in.Figures {
		x.Figures = append(x.Figures, extract.Figure{ID: f.ID, Value: f.Value, Qualifier: f.Qualifier, Approximate: f.Approximate,
			Measure: f.Measure, Subject: f.Subject, Text: f.Text, Span: f.Span, AsOf: f.AsOf, StatementID: f.Statement})
	}
	for _, t := range in.Times {
		x.Times = append(x.Times, extract.TimeMention{Value: t.Value, Span: t.Span})
	}
	for _, e := range in.Events {
		x.Events = append(x.Events, extract.Event{ID: e.ID, Kind: e.Kind, Date: e.Date, ParticipantIDs: e.Participants, PlaceIDs: e.Places})
	}
	return x
}

// documentLocked returns the linking form of stored article id (see
// linkDocument), or ok false when it is not stored.
func (s *Store) documentLocked(ctx context.Context, id string) (d Document, ok bool, err error) {
	p, err := s.propsLocked(ctx, ArticleIRI(id), PredQuadList)
	if err != nil {
		return Document{}, false, err
	}
	if !p.has(PredType, ClassArticle) {
		return Document{}, false, nil
	}
	d = linkDoc(id, p.str(PredDatePublished), p.str(PredArticleBody), nil)
	if js := p.str(PredLinkInput); js != "" {
		var in linkInput
		if err := json.Unmarshal([]byte(js), &in); err != nil {
			return Document{}, false, fmt.Errorf("link input of %q: %w", id, err)
		}
		d.Extraction = in.extraction()
	}
	return d, true, nil
}

// sameLinkDoc reports whether linking sees a and b, two linking
// documents of one article, as the same.
func sameLinkDoc(a, b *Document) bool {
	return a.Meta.Published == b.Meta.Published && a.Text == b.Text && reflect.DeepEqual(a.Extraction, b.Extraction)
}

// articleChange is one article written or deleted in a transaction.
type articleChange struct {
	id     string
	old    []quad.Quad   // stored quads, none if new
	oldDoc *Document     // stored linking document, nil if none
	new    *articleQuads // nil for a delete
}

// commitLocked writes changes and recomputes the links of every scope they
// touch, in one transaction (two when applyLocked must split it), and
// tells subscribers what changed. s.mu must be held for writing.
func (s *Store) commitLocked(ctx context.Context, changes []*articleChange) error {
	scopeSet := map[string]bool{}
	changed := map[string]bool{}
	docs := map[string]Document{}
	for _, ch := range changes {
		changed[ch.id] = true
		if ch.oldDoc != nil && ch.new != nil && sameLinkDoc(ch.oldDoc, &ch.new.doc) {
			// Linking reads nothing that changed: no scope of it can
			// change (a re-ingest of the same article costs no relink).
			continue
		}
		if ch.oldDoc != nil {
			for _, sc := range Scopes(ch.oldDoc) {
				scopeSet[sc] = true
			}
		}
		if ch.new != nil {
			for _, sc := range ch.new.scopes {
				scopeSet[sc] = true
			}
			if len(ch.new.scopes) > 0 {
				docs[ch.id] = ch.new.doc
			}
		}
	}
	if s.linkOff {
		clear(scopeSet)
	}
	scopes := sortedKeys(scopeSet)
	oldLists := make([][]quad.Value, len(scopes))
	for i, sc := range scopes {
		if err := ctx.Err(); err != nil {
			return err
		}
		ids, err := s.objectsLocked(ctx, scopeIRI(sc), PredScopeArticle)
		if err != nil {
			return err
		}
		for _, v := range ids {
			id, ok := parseArticleIRI(v)
			if !ok || changed[id] {
				continue
			}
			if _, done := docs[id]; done {
				continue
			}
			d, ok, err := s.documentLocked(ctx, id)
			if err != nil {
				return err
			}
			if ok {
				docs[id] = d
			}
		}
		if oldLists[i], err = s.objectsLocked(ctx, scopeIRI(sc), PredQuadList); err != nil {
			return err
		}
	}
	list := make([]Document, 0, len(docs))
	for _, d := range docs {
		list = append(list, d)
	}
	slices.SortFunc(list, func(a, b Document) int { return strings.Compare(a.Meta.ID, b.Meta.ID) })
	l := Compute(list).InScopes(scopes)
	built, links, err := buildScopes(scopes, list, l)
	if err != nil {
		return err
	}
	var oldScope, newScope [][]quad.Quad
	for i, sc := range scopes {
		if len(oldLists[i]) == 1 && oldLists[i][0] == quad.Value(quad.String(built[i])) {
			continue // unchanged: neither list need be parsed
		}
		node := scopeIRI(sc)
		old, err := listedQuads(node, LinksLabel, oldLists[i])
		if err != nil {
			return err
		}
		oldScope = append(oldScope, old)
		if built[i] == "" {
			continue
		}
		// The quads as they read back from the list, so the list and the
		// store always agree exactly.
		quads, err := readQuadList(node, LinksLabel, built[i])
		if err != nil {
			return fmt.Errorf("scope %q: %w", sc, err)
		}
		newScope = append(newScope, quads)
	}

	var removed, added [][]quad.Quad
	for _, ch := range changes {
		removed = append(removed, ch.old)
		if ch.new != nil {
			added = append(added, ch.new.quads)
		}
	}
	removed = append(removed, oldScope...)
	added = append(added, newScope...)
	deltas := netDeltas(removed, added)
	if err := s.applyLocked(ctx, deltas); err != nil {
		return err
	}
	if s.hasSubscribers() {
		s.publish(s.changesLocked(ctx, changes, deltas, links))
	}
	return nil
}

// netDeltas returns the deltas that remove the quads of removed (all
// present) and add those of added, leaving alone a quad in both, and
// naming each quad once: no quad already present is ever added.
func netDeltas(removed, added [][]quad.Quad) []cgraph.Delta {
	rm := map[quad.Quad]bool{}
	for _, qs := range removed {
		for _, q := range qs {
			rm[q] = true
		}
	}
	add := map[quad.Quad]bool{}
	var adds []cgraph.Delta
	for _, qs := range added {
		for _, q := range qs {
			if add[q] {
				continue
			}
			add[q] = true
			if !rm[q] {
				adds = append(adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
			}
		}
	}
	var deltas []cgraph.Delta
	done := map[quad.Quad]bool{}
	for _, qs := range removed {
		for _, q := range qs {
			if add[q] || done[q] {
				continue
			}
			done[q] = true
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	return append(deltas, adds...)
}

// buildScopes returns, for each scope, the quad list (N-Quads of all its
// quads but the list; "" for none) it stores given the linking documents
// docs and their linkage l (already narrowed to scopes), and the links by
// IRI.
func buildScopes(scopes []string, docs []Document, l *Linkage) ([]string, map[quad.IRI]Link, error) {
	members := map[string][]string{}
	for i := range docs {
		for _, sc := range Scopes(&docs[i]) {
			members[sc] = append(members[sc], docs[i].Meta.ID)
		}
	}
	linksOf := map[string][]Link{}
	for _, k := range l.Links {
		linksOf[k.Scope] = append(linksOf[k.Scope], k)
	}
	claimsOf := map[string][]Claim{}
	for _, c := range l.Claims {
		claimsOf["speaker:"+c.SpeakerID] = append(claimsOf["speaker:"+c.SpeakerID], c)
	}
	measuresOf := map[string][]Measure{}
	for _, m := range l.Measures {
		measuresOf["measure:"+m.Key] = append(measuresOf["measure:"+m.Key], m)
	}
	eventsOf := map[string][]EventGroup{}
	for _, e := range l.Events {
		sc := eventGroupScope(e.Key)
		eventsOf[sc] = append(eventsOf[sc], e)
	}
	byIRI := map[quad.IRI]Link{}
	out := make([]string, len(scopes))
	for i, sc := range scopes {
		if len(members[sc]) < 2 {
			continue // nothing crosses articles
		}
		b := &quadBuilder{label: LinksLabel, seen: map[quad.Quad]struct{}{}}
		for _, c := range claimsOf[sc] {
			n := claimIRI(c.Key)
			b.add(n, PredType, ClassClaim)
			b.str(n, PredKey, c.Key)
			b.add(n, PredSpeaker, ActorIRI(c.SpeakerID))
			b.str(n, PredFirstReported, c.First().Date)
			b.str(n, PredLastReported, c.Last().Date)
			for _, r := range c.Statements {
				b.add(StatementIRI(r.ArticleID, r.LocalID), PredClaim, n)
			}
		}
		for _, m := range measuresOf[sc] {
			n := measureIRI(m.Key)
			b.add(n, PredType, ClassMeasure)
			b.str(n, PredKey, m.Key)
			for _, r := range m.Figures {
				b.add(FigureIRI(r.ArticleID, r.LocalID), PredInMeasure, n)
			}
		}
		for _, e := range eventsOf[sc] {
			n := eventGroupIRI(e.Key)
			b.add(n, PredType, ClassEventGroup)
			b.str(n, PredKey, e.Key)
			for _, r := range e.Events {
				b.add(EventIRI(r.ArticleID, r.LocalID), PredInEventGroup, n)
			}
		}
		for _, k := range linksOf[sc] {
			n := linkIRI(&k)
			byIRI[n] = k
			from, to := refIRI(k.Kind, k.From), refIRI(k.Kind, k.To)
			b.add(n, PredType, ClassLink)
			b.str(n, PredLinkKind, k.Kind.String())
			b.add(n, PredFrom, from)
			b.add(n, PredTo, to)
			b.add(n, PredLinkArticle, ArticleIRI(k.From.ArticleID))
			b.add(n, PredLinkArticle, ArticleIRI(k.To.ArticleID))
			b.str(n, PredKey, k.Key)
			b.str(n, PredScope, k.Scope)
			b.add(n, PredScore, quad.Float(k.Score))
			if refSeg(k.Kind) == segFigure {
				b.add(n, PredFromValue, quad.Float(k.From.Value))
				b.add(n, PredToValue, quad.Float(k.To.Value))
			}
			b.str(n, PredFromDate, k.From.Date)
			b.str(n, PredToDate, k.To.Date)
			b.add(from, directPreds[k.Kind], to)
		}
		if len(b.quads) == 0 {
			continue
		}
		if b.err != nil {
			return nil, nil, b.err
		}
		list, err := formatQuads(b.quads)
		if err != nil {
			return nil, nil, err
		}
		out[i] = list
	}
	return out, byIRI, nil
}
