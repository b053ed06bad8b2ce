package graph

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/link"
)

// How the store keeps cross-article links current, at a cost per write
// that does not grow with the story. Package link decides; this file finds
// the few candidates each new node must be compared with through indexes
// under LinksLabel, and writes what link decides, in the article's
// transaction (through a tx, which sees the earlier articles of a batch).
//
//   - A statement by a speaker that is not anonymous or a group joins a
//     claim: the claim of that speaker whose representative (the
//     statement that started it) it matches best, among the claims that
//     share a MinHash band with it (claim cg:band "SPEAKER|BAND"); else it
//     starts a claim of its own. Joining adds statement cg:claim claim and
//     a SAME_CLAIM link from it to the representative; a claim with two
//     members or more has rdf:type schema:Claim.
//   - A figure with a measure key (extract.Figure.Key) is in its measure
//     (figure cg:inMeasure measure, under its article's label). Under
//     LinksLabel, the measure's days are indexed (measure cg:month
//     "YYYY-MM", month cg:day "YYYY-MM-DD", figure cg:onDay day), and the
//     figure is related to the figures of its own day and of the nearest
//     earlier and later days that have figures, at most maxNeighbours of
//     each: AGREES, CONFLICTS and UPDATES follow that order, so a measure
//     of n figures holds O(n) links.
//   - A dated event of a known kind joins the event group of that kind and
//     day whose first report shares the most actors with it, among the
//     groups indexed under one of its actors (group cg:eventScope
//     "KIND/DATE|ACTOR"), or starts one; as claims do.
//
// Deleting an article (or replacing it with a different extraction)
// removes its memberships, day entries and links, and the claims and
// event groups left with no member; it runs no text analysis. Links are
// made when a node arrives: what a later article could have related
// among earlier ones stays as it was (two figures that became neighbours
// when a figure between them was deleted are not linked anew), and which
// statement represents a claim depends on the order articles arrive in.

// maxNeighbours bounds how many figures of its own day a new figure is
// compared with, and maxAdjacent how many of the nearest days before and
// after.
const (
	maxNeighbours = 16
	maxAdjacent   = 4
)

// maxCandidates bounds how many claims sharing one band (link.Bands)
// a statement is compared with.
const maxCandidates = 8

// maxEmptyDays bounds how many indexed days without figures (their
// figures deleted) a search for a neighbouring day skips.
const maxEmptyDays = 64

var directPreds = map[LinkKind]quad.IRI{
	SameClaim:       PredSameClaimAs,
	FigureAgrees:    PredAgreesWith,
	FigureConflicts: PredConflictsWith,
	FigureUpdates:   PredUpdates,
	SameEvent:       PredSameEventAs,
}

// linkIRI returns the IRI of a link node. Its path after "link/" is the
// link's sort key: kind, key, then both ends.
func linkIRI(l *Link) quad.IRI {
	return quad.IRI(prefixLink + linkKindSeg(l.Kind) + "/" +
		encodeID(l.Key) + "/" + encodeID(l.From.ArticleID) + "/" + encodeID(l.From.LocalID) + "/" +
		encodeID(l.To.ArticleID) + "/" + encodeID(l.To.LocalID))
}

// linkKindSeg returns the first segment of the key of a link of kind,
// e.g. "figure-conflicts".
func linkKindSeg(kind LinkKind) string {
	return strings.ToLower(strings.ReplaceAll(kind.String(), "_", "-"))
}

// refIRI returns the IRI of a link end of the given kind.
func refIRI(kind LinkKind, r NodeRef) quad.IRI {
	return itemIRI(r.ArticleID, refSeg(kind), r.LocalID)
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

// measureDayIRI returns the IRI of a month ("YYYY-MM") or day node of a
// measure's day index.
func measureDayIRI(key, date string) quad.IRI { return quad.IRI(string(measureIRI(key)) + "/" + date) }

func (t *tx) linkQuad(s quad.Value, p quad.IRI, o quad.Value) {
	if err := checkValue(o); err != nil && t.err == nil {
		t.err = fmt.Errorf("%w: %s of %s: %v", ErrInvalid, p, s, err)
	}
	t.add(quad.Quad{Subject: s, Predicate: p, Object: o, Label: LinksLabel})
}

// addLink writes l, whose ends are stored or added by t.
func (t *tx) addLink(l Link) {
	n := linkIRI(&l)
	if _, dup := t.links[n]; dup {
		return
	}
	t.links[n] = l
	from, to := refIRI(l.Kind, l.From), refIRI(l.Kind, l.To)
	t.linkQuad(n, PredType, ClassLink)
	t.linkQuad(n, PredLinkKind, quad.String(l.Kind.String()))
	t.linkQuad(n, PredFrom, from)
	t.linkQuad(n, PredTo, to)
	t.linkQuad(n, PredLinkArticle, ArticleIRI(l.From.ArticleID))
	t.linkQuad(n, PredLinkArticle, ArticleIRI(l.To.ArticleID))
	t.linkQuad(n, PredKey, quad.String(l.Key))
	t.linkQuad(n, PredScore, quad.Float(l.Score))
	if refSeg(l.Kind) == segFigure {
		t.linkQuad(n, PredFromValue, quad.Float(l.From.Value))
		t.linkQuad(n, PredToValue, quad.Float(l.To.Value))
	}
	if l.From.Date != "" {
		t.linkQuad(n, PredFromDate, quad.String(l.From.Date))
	}
	if l.To.Date != "" {
		t.linkQuad(n, PredToDate, quad.String(l.To.Date))
	}
	t.linkQuad(from, directPreds[l.Kind], to)
}

// linkArticle links the nodes of doc, whose quads t adds, to what is stored.
func (t *tx) linkArticle(doc *Document) error {
	x := doc.Extraction
	if x == nil {
		return nil
	}
	day := link.FullDay(doc.Meta.Published)
	if err := t.prefetchLinks(doc.Meta.ID, x); err != nil {
		return err
	}
	for i := range x.Statements {
		if err := t.linkStatement(doc.Meta.ID, day, x, &x.Statements[i]); err != nil {
			return err
		}
	}
	for i := range x.Figures {
		if err := t.linkFigure(doc.Meta.ID, day, &x.Figures[i]); err != nil {
			return err
		}
	}
	for i := range x.Events {
		if err := t.linkEvent(doc.Meta.ID, day, x, &x.Events[i]); err != nil {
			return err
		}
	}
	return t.ctx.Err()
}

// prefetchLinks reads ahead, on PostgreSQL, in a few batches for the
// whole article, what linking its statements and events reads first:
// the claims and event groups stored under their bands and scopes, those
// claims' own quads, and whether a claim is stored by the key that each
// statement would found one with (freshGroup). Elsewhere it does nothing.
func (t *tx) prefetchLinks(artID string, x *extract.Extraction) error {
	if t.s.pg == nil {
		return nil
	}
	var fresh []quad.IRI
	var bands []quad.Value
	for i := range x.Statements {
		st := &x.Statements[i]
		if !linkableSpeaker(x, st.SpeakerID) {
			continue
		}
		fresh = append(fresh, claimIRI(claimKey(artID, st.ID)))
		for _, b := range link.Bands(link.NewSignature(x, st)) {
			bands = append(bands, quad.String(bandKey(st.SpeakerID, b)))
		}
	}
	var scopes []quad.Value
	for i := range x.Events {
		scopes = append(scopes, eventScopeKeys(&x.Events[i])...)
	}
	if err := t.prefetchSubjects(bands, PredBand, LinksLabel, maxCandidates); err != nil {
		return err
	}
	if err := t.prefetchSubjects(scopes, PredEventScope, LinksLabel, maxCandidates); err != nil {
		return err
	}
	for _, b := range bands {
		for _, c := range t.subjs[subjKey{quad.ToString(b), PredBand, LinksLabel, 2 * maxCandidates}] {
			if iri, ok := c.(quad.IRI); ok {
				fresh = append(fresh, iri)
			}
		}
	}
	return t.prefetch(quad.Subject, fresh)
}

// eventScopeKeys returns the literals under which event e's group is indexed,
// one for each of its actors (see eventScope), sorted; none for an event
// without a kind or a date.
func eventScopeKeys(e *extract.Event) []quad.Value {
	kind := strings.ToLower(strings.TrimSpace(e.Kind))
	if kind == "" || e.Date == "" {
		return nil
	}
	scope := kind + "/" + e.Date
	var out []quad.Value
	for _, id := range eventActors(e) {
		out = append(out, quad.String(eventScope(scope, id)))
	}
	return out
}

// eventActors returns the participants and places of e, sorted, each
// once.
func eventActors(e *extract.Event) []string {
	actors := append(slices.Clone(e.ParticipantIDs), e.PlaceIDs...)
	slices.Sort(actors)
	return slices.Compact(actors)
}

// linkableSpeaker reports whether statements of speaker id can report a
// claim across articles: anonymous sources and groups are scoped to their
// article.
func linkableSpeaker(x *extract.Extraction, id string) bool {
	if id == "" {
		return false
	}
	a := x.Actor(id)
	return a == nil || (a.Kind != extract.KindAnonymous && a.Kind != extract.KindGroup)
}

// group is a claim or an event group: a node whose members report one
// thing, the first of which represents it.
type group struct {
	node   quad.IRI
	key    string
	member quad.IRI    // the membership predicate: cg:claim, cg:inEventGroup
	class  quad.IRI    // the type of a group of two members or more
	facts  []quad.Quad // what else such a group states (a claim's speaker)
}

func (t *tx) linkStatement(artID, day string, x *extract.Extraction, st *extract.Statement) error {
	if !linkableSpeaker(x, st.SpeakerID) {
		return nil
	}
	sig := link.NewSignature(x, st)
	n := StatementIRI(artID, st.ID)
	ref := NodeRef{ArticleID: artID, LocalID: st.ID, Date: day}
	var keys []quad.Value
	for _, b := range link.Bands(sig) {
		keys = append(keys, quad.String(bandKey(st.SpeakerID, b)))
	}
	byBand, err := t.someSubjectsOf(keys, PredBand, LinksLabel, maxCandidates)
	if err != nil {
		return err
	}
	var candidates []quad.IRI
	for _, cs := range byBand {
		candidates = append(candidates, cs...)
	}
	slices.Sort(candidates)
	candidates = slices.Compact(candidates)
	if err := t.prefetch(quad.Subject, candidates); err != nil {
		return err
	}
	var best quad.IRI
	bestScore := 0.0
	for _, c := range candidates {
		qs, err := t.allOf(c)
		if err != nil {
			return err
		}
		var vs []quad.Value
		sameArticle := false
		for _, q := range qs {
			switch {
			case q.Label != LinksLabel:
			case q.Predicate == PredSignature:
				vs = append(vs, q.Object)
			case q.Predicate == PredFirst:
				// Statements of one article are no reports of each other's claim.
				sameArticle = strings.HasPrefix(quad.ToString(q.Object), "<"+string(ArticleIRI(artID))+"/")
			}
		}
		if len(vs) != 1 || sameArticle {
			continue
		}
		var rep link.Signature
		if err := json.Unmarshal([]byte(literalText(vs[0])), &rep); err != nil {
			return fmt.Errorf("claim %s: signature: %w", c, err)
		}
		if score, ok := link.MatchSignatures(sig, rep); ok && score > bestScore {
			best, bestScore = c, score
		}
	}
	if best != "" {
		key, _ := keyOfIRI(best, prefixClaim)
		g := group{best, key, PredClaim, ClassClaim, []quad.Quad{{Subject: best, Predicate: PredSpeaker, Object: ActorIRI(st.SpeakerID), Label: LinksLabel}}}
		return t.join(g, n, ref, SameClaim, bestScore)
	}
	c, err := t.freshGroup(claimIRI, claimKey(artID, st.ID))
	if err != nil {
		return err
	}
	key, _ := keyOfIRI(c, prefixClaim)
	b, err := json.Marshal(sig)
	if err != nil {
		return err
	}
	t.linkQuad(c, PredKey, quad.String(key))
	t.linkQuad(c, PredSignature, quad.String(b))
	for _, band := range link.Bands(sig) {
		t.linkQuad(c, PredBand, quad.String(bandKey(st.SpeakerID, band)))
	}
	t.start(c, PredClaim, n)
	return nil
}

// claimKey is the key of the claim that statement stID of article artID
// founds when it reports no known one.
func claimKey(artID, stID string) string { return "claim/" + encodeID(artID) + "/" + encodeID(stID) }

// bandKey is the literal under which the claims of a speaker are indexed
// by one of their bands (see link.Bands).
func bandKey(speakerID, band string) string { return encodeID(speakerID) + "|" + band }

// freshGroup returns the IRI that iri gives key, or, when a group by that
// key is already stored (a node whose first member was deleted and
// written again), of key with a suffix.
func (t *tx) freshGroup(iri func(string) quad.IRI, key string) (quad.IRI, error) {
	for i := 1; ; i++ {
		k := key
		if i > 1 {
			k = fmt.Sprintf("%s~%d", key, i)
		}
		vs, err := t.objects(iri(k), PredKey, LinksLabel)
		if err != nil || len(vs) == 0 {
			return iri(k), err
		}
	}
}

// start makes member n the first member of the new group g.
func (t *tx) start(g quad.IRI, pred, n quad.IRI) {
	t.linkQuad(g, PredFirst, n)
	t.linkQuad(n, pred, g)
}

// join makes n a member of g, and links it to g's first member when that
// is stored in another article.
//
// A group's node holds no count nor dates that each join would rewrite:
// Cayley's KV stores only mark a deleted quad, so a fact rewritten at every
// report would leave the node's index longer with each, and every later
// read of the node slower. Whether it has several members is its type.
func (t *tx) join(g group, n quad.IRI, ref NodeRef, kind LinkKind, score float64) error {
	types, err := t.objects(g.node, PredType, LinksLabel)
	if err != nil {
		return err
	}
	if !slices.Contains(types, quad.Value(g.class)) {
		t.linkQuad(g.node, PredType, g.class)
		for _, q := range g.facts {
			t.add(q)
		}
	}
	t.linkQuad(n, g.member, g.node)
	firsts, err := t.objects(g.node, PredFirst, LinksLabel)
	if err != nil || len(firsts) != 1 {
		return err
	}
	first, _ := firsts[0].(quad.IRI)
	key, ok := itemKey(first, refSeg(kind))
	if !ok {
		return nil
	}
	art, local, err := splitItemKey(key)
	if err != nil || art == ref.ArticleID {
		return err
	}
	published, err := t.objects(ArticleIRI(art), PredDatePublished, ArticleIRI(art))
	if err != nil || len(published) == 0 {
		return err // the first member's article is gone
	}
	to := NodeRef{ArticleID: art, LocalID: local, Date: link.FullDay(literalText(published[0]))}
	t.addLink(Link{Kind: kind, From: ref, To: to, Key: g.key, Score: link.Round3(score)})
	return nil
}

// figureDay returns the day a figure holds for and whether it is its own
// as-of day (else its article's published day), or "" when neither is a
// full day.
func figureDay(asOf, published string) (string, bool) {
	if d := link.FullDay(asOf); d != "" {
		return d, true
	}
	return link.FullDay(published), false
}

func (t *tx) linkFigure(artID, published string, f *extract.Figure) error {
	if f.Key == "" {
		return nil
	}
	m := measureIRI(f.Key)
	keys, err := t.objects(m, PredKey, LinksLabel)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		t.linkQuad(m, PredType, ClassMeasure)
		t.linkQuad(m, PredKey, quad.String(f.Key))
	}
	day, asOf := figureDay(f.AsOf, published)
	if day == "" {
		return nil // no day: in its measure, but in no order
	}
	n := FigureIRI(artID, f.ID)
	me := link.Figure{Ref: NodeRef{ArticleID: artID, LocalID: f.ID, Value: f.Value, Date: day},
		Key: f.Key, Since: f.Since, AsOf: asOf, Qualifier: f.Qualifier, Approximate: f.Approximate}
	// Neighbours first, then the index entry, so the figure is not its own.
	var neighbours []quad.IRI
	for _, dir := range []int{0, -1, 1} {
		ns, err := t.dayNeighbours(f.Key, day, dir)
		if err != nil {
			return err
		}
		neighbours = append(neighbours, ns...)
	}
	for _, g := range neighbours {
		other, ok, err := t.figureFacts(g, f.Key)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if l, ok := link.RelateFigures(me, other); ok {
			t.addLink(l)
		}
	}
	return t.indexDay(f.Key, day, n)
}

// indexDay enters figure n under day in its measure's day index.
func (t *tx) indexDay(key, day string, n quad.IRI) error {
	month := day[:7]
	m, mo, d := measureIRI(key), measureDayIRI(key, month), measureDayIRI(key, day)
	for _, e := range []struct {
		node quad.IRI
		pred quad.IRI
		v    string
	}{{m, PredMonth, month}, {mo, PredDay, day}} {
		vs, err := t.objects(e.node, e.pred, LinksLabel)
		if err != nil {
			return err
		}
		if !slices.Contains(vs, quad.Value(quad.String(e.v))) {
			t.linkQuad(e.node, e.pred, quad.String(e.v))
		}
	}
	t.linkQuad(n, PredOnDay, d)
	return nil
}

// dayNeighbours returns the figures of measure key on day (dir 0, at
// most maxNeighbours), or on the nearest earlier (dir -1) or later (dir 1)
// day that has figures (at most maxAdjacent).
func (t *tx) dayNeighbours(key, day string, dir int) ([]quad.IRI, error) {
	if dir == 0 {
		return t.dayFigures(key, day, maxNeighbours)
	}
	months, err := t.sortedLiterals(measureIRI(key), PredMonth, dir)
	if err != nil {
		return nil, err
	}
	empty := 0
	for _, month := range months {
		if (dir < 0 && month > day[:7]) || (dir > 0 && month < day[:7]) {
			continue
		}
		days, err := t.sortedLiterals(measureDayIRI(key, month), PredDay, dir)
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			if (dir < 0 && d >= day) || (dir > 0 && d <= day) {
				continue
			}
			fs, err := t.dayFigures(key, d, maxAdjacent)
			if err != nil || len(fs) > 0 {
				return fs, err
			}
			if empty++; empty > maxEmptyDays {
				return nil, nil
			}
		}
	}
	return nil, nil
}

// dayFigures returns at most limit figures of measure key on day, reading
// no more.
func (t *tx) dayFigures(key, day string, limit int) ([]quad.IRI, error) {
	return t.someSubjects(measureDayIRI(key, day), PredOnDay, LinksLabel, limit)
}

// sortedLiterals returns the string objects of (n, pred) under LinksLabel,
// ascending for dir > 0, else descending.
func (t *tx) sortedLiterals(n quad.IRI, pred quad.IRI, dir int) ([]string, error) {
	vs, err := t.objects(n, pred, LinksLabel)
	if err != nil {
		return nil, err
	}
	out := sortedTexts(vs)
	if dir < 0 {
		slices.Reverse(out)
	}
	return out, nil
}

// figureFacts reads what linking needs of stored figure n of measure key.
func (t *tx) figureFacts(n quad.IRI, key string) (link.Figure, bool, error) {
	k, ok := itemKey(n, segFigure)
	if !ok {
		return link.Figure{}, false, nil
	}
	art, local, err := splitItemKey(k)
	if err != nil {
		return link.Figure{}, false, err
	}
	label := ArticleIRI(art)
	qs, err := t.allOf(n)
	if err != nil {
		return link.Figure{}, false, err
	}
	pr := props{}
	for _, q := range qs {
		if q.Label == label {
			p, _ := q.Predicate.(quad.IRI)
			pr[p] = append(pr[p], q.Object)
		}
	}
	sf, err := figureFromProps(k, pr)
	if err != nil {
		return link.Figure{}, false, err
	}
	published, err := t.objects(label, PredDatePublished, label)
	if err != nil {
		return link.Figure{}, false, err
	}
	pub := ""
	if len(published) > 0 {
		pub = literalText(published[0])
	}
	day, asOf := figureDay(sf.AsOf, pub)
	if day == "" {
		return link.Figure{}, false, nil
	}
	f := link.Figure{Key: key, Since: sf.Since, AsOf: asOf, Qualifier: sf.Qualifier, Approximate: sf.Approximate}
	f.Ref = NodeRef{ArticleID: art, LocalID: local, Value: sf.Value, Date: day}
	return f, true, nil
}

func (t *tx) linkEvent(artID, day string, x *extract.Extraction, e *extract.Event) error {
	kind := strings.ToLower(strings.TrimSpace(e.Kind))
	if kind == "" || e.Date == "" {
		return nil
	}
	scope := kind + "/" + e.Date
	actors := eventActors(e)
	n := EventIRI(artID, e.ID)
	ref := NodeRef{ArticleID: artID, LocalID: e.ID, Date: day}
	byActor, err := t.someSubjectsOf(eventScopeKeys(e), PredEventScope, LinksLabel, maxCandidates)
	if err != nil {
		return err
	}
	var groups []quad.IRI
	for _, gs := range byActor {
		groups = append(groups, gs...)
	}
	slices.Sort(groups)
	groups = slices.Compact(groups)
	var best quad.IRI
	bestScore := 0.0
	for _, g := range groups {
		vs, err := t.objects(g, PredParticipant, LinksLabel)
		if err != nil {
			return err
		}
		var theirs []string
		for _, v := range vs {
			if id, ok := parseActorIRI(v); ok {
				theirs = append(theirs, id)
			}
		}
		slices.Sort(theirs)
		if score, ok := link.EventSimilarity(actors, theirs); ok && score > bestScore {
			best, bestScore = g, score
		}
	}
	if best != "" {
		key, _ := keyOfIRI(best, prefixEventGroup)
		return t.join(group{best, key, PredInEventGroup, ClassEventGroup, nil}, n, ref, SameEvent, bestScore)
	}
	if len(actors) == 0 {
		return nil // nothing to know it again by
	}
	g, err := t.freshGroup(eventGroupIRI, "event/"+scope+"/"+encodeID(artID)+"/"+encodeID(e.ID))
	if err != nil {
		return err
	}
	key, _ := keyOfIRI(g, prefixEventGroup)
	t.linkQuad(g, PredKey, quad.String(key))
	for _, id := range actors {
		t.linkQuad(g, PredParticipant, ActorIRI(id))
		t.linkQuad(g, PredEventScope, quad.String(eventScope(scope, id)))
	}
	t.start(g, PredInEventGroup, n)
	return nil
}

// eventScope is the literal under which the event groups of a kind and
// day ("KIND/DATE") whose first report involves actor id are indexed.
func eventScope(scope, id string) string { return scope + "|" + encodeID(id) }

// unlinkArticle removes what linking stored about the statements, figures
// and events of article id: their memberships and day entries, their
// links, and the groups left empty. It reads only indexes.
func (t *tx) unlinkArticle(id string) error {
	art := ArticleIRI(id)
	items, err := t.subjects(art, PredDerivedFrom, art)
	if err != nil {
		return err
	}
	// What follows reads, for each item, the links and groups it is in:
	// on PostgreSQL read them all ahead, then the links' own quads.
	if err := t.prefetch(quad.Subject, items); err != nil {
		return err
	}
	if err := t.prefetch(quad.Object, items); err != nil {
		return err
	}
	var links []quad.IRI
	for _, n := range items {
		for _, pred := range []quad.IRI{PredFrom, PredTo} {
			ls, err := t.subjects(n, pred, LinksLabel)
			if err != nil {
				return err
			}
			links = append(links, ls...)
		}
	}
	if err := t.prefetch(quad.Subject, links); err != nil {
		return err
	}
	// Then the claims and event groups the items leave (tx.leave): their
	// quads, and their first members.
	var groups []quad.IRI
	for _, pred := range []quad.IRI{PredClaim, PredInEventGroup} {
		var of []quad.Value
		for _, n := range items {
			gs, err := t.objects(n, pred, LinksLabel)
			if err != nil {
				return err
			}
			for _, g := range gs {
				if iri, ok := g.(quad.IRI); ok {
					of = append(of, iri)
					groups = append(groups, iri)
				}
			}
		}
		if err := t.prefetchSubjects(of, pred, LinksLabel, 2); err != nil {
			return err
		}
	}
	if err := t.prefetch(quad.Subject, groups); err != nil {
		return err
	}
	for _, n := range items {
		for _, pred := range []quad.IRI{PredFrom, PredTo} {
			ls, err := t.subjects(n, pred, LinksLabel)
			if err != nil {
				return err
			}
			for _, l := range ls {
				if err := t.removeLink(l); err != nil {
					return err
				}
			}
		}
		for _, pred := range []quad.IRI{PredClaim, PredInEventGroup} {
			gs, err := t.objects(n, pred, LinksLabel)
			if err != nil {
				return err
			}
			for _, g := range gs {
				if err := t.leave(n, pred, g); err != nil {
					return err
				}
			}
		}
		if err := t.unlinkFigure(n, art); err != nil {
			return err
		}
	}
	return nil
}

// dropEmptyDay removes day from its measure's day index when no figure
// is left on it, and its month when no day is left in it.
func (t *tx) dropEmptyDay(key, day string) error {
	left, err := t.dayFigures(key, day, 1)
	if err != nil || len(left) > 0 || len(day) < len("2006-01") {
		return err
	}
	month := measureDayIRI(key, day[:7])
	t.remove(quad.Quad{Subject: month, Predicate: PredDay, Object: quad.String(day), Label: LinksLabel})
	if rest, err := t.objects(month, PredDay, LinksLabel); err != nil || len(rest) > 0 {
		return err
	}
	t.remove(quad.Quad{Subject: measureIRI(key), Predicate: PredMonth, Object: quad.String(day[:7]), Label: LinksLabel})
	return nil
}

// unlinkFigure removes figure n of article art from its measure's day
// index, and the day, month and measure left without figures.
func (t *tx) unlinkFigure(n, art quad.IRI) error {
	ms, err := t.objects(n, PredInMeasure, art)
	if err != nil || len(ms) == 0 {
		return err
	}
	m, _ := ms[0].(quad.IRI)
	key, _ := keyOfIRI(m, prefixMeasure)
	// Gone with the article's quads anyway; gone now, so that the last
	// figure of a measure to leave sees none left.
	t.remove(quad.Quad{Subject: n, Predicate: PredInMeasure, Object: m, Label: art})
	days, err := t.objects(n, PredOnDay, LinksLabel)
	if err != nil {
		return err
	}
	for _, d := range days {
		t.remove(quad.Quad{Subject: n, Predicate: PredOnDay, Object: d, Label: LinksLabel})
		iri, _ := d.(quad.IRI)
		if err := t.dropEmptyDay(key, strings.TrimPrefix(string(iri), string(m)+"/")); err != nil {
			return err
		}
	}
	other, err := t.firstSubjects(m, PredInMeasure, "", "", 1)
	if err != nil || len(other) > 0 {
		return err
	}
	return t.removeNode(m, LinksLabel)
}

// leave removes n from group g, and g when it has no member left.
func (t *tx) leave(n quad.IRI, pred quad.IRI, g quad.Value) error {
	t.remove(quad.Quad{Subject: n, Predicate: pred, Object: g, Label: LinksLabel})
	gi, _ := g.(quad.IRI)
	left, err := t.firstSubjects(gi, pred, LinksLabel, n, 2)
	if err != nil {
		return err
	}
	if len(left) == 0 {
		return t.removeNode(gi, LinksLabel)
	}
	if len(left) == 1 { // no longer a group of several: what only such a group states goes
		for _, p := range []quad.IRI{PredType, PredSpeaker} {
			vs, err := t.objects(gi, p, LinksLabel)
			if err != nil {
				return err
			}
			for _, v := range vs {
				t.remove(quad.Quad{Subject: gi, Predicate: p, Object: v, Label: LinksLabel})
			}
		}
	}
	// A group that loses its first member is represented by another from
	// then on (its signature or actors stay what they were): members that
	// join later link to that one.
	firsts, err := t.objects(gi, PredFirst, LinksLabel)
	if err != nil || !slices.Contains(firsts, quad.Value(n)) {
		return err
	}
	return t.setOne(gi, PredFirst, left[0], LinksLabel)
}

// removeLink removes link node l and its direct quad.
func (t *tx) removeLink(l quad.IRI) error {
	qs, err := t.allOf(l)
	if err != nil {
		return err
	}
	var kind LinkKind
	var from, to quad.Value
	for _, q := range qs {
		if q.Label != LinksLabel {
			continue
		}
		switch q.Predicate {
		case PredLinkKind:
			kind = ParseLinkKind(literalText(q.Object))
		case PredFrom:
			from = q.Object
		case PredTo:
			to = q.Object
		}
		t.remove(q)
	}
	if p, ok := directPreds[kind]; ok && from != nil && to != nil {
		t.remove(quad.Quad{Subject: from, Predicate: p, Object: to, Label: LinksLabel})
	}
	return nil
}
