package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/extract"
)

// maxTxDeltas bounds the size of one PutArticles transaction; a batch that
// would exceed it is split between articles.
const maxTxDeltas = 50000

// now is the clock of ingest times; tests may replace it.
var now = time.Now

// PutArticle writes doc, replacing everything stored under the article's
// label, and recomputes the cross-article links of every scope its old or
// new version has (see Scopes), in one transaction; the result describes
// what is now stored. Links do not depend on the order articles arrive in.
// Subscribers hear of the new statements, claims and links after it
// commits. It returns an error wrapping ErrInvalid if doc cannot be stored
// (empty id, empty or duplicate local ids, text that is not valid UTF-8 or
// holds NUL, a NaN number) and nothing is written then. Writing the same
// document again changes only its ingest time. It is safe for concurrent use; writes are serialised.
func (s *Store) PutArticle(ctx context.Context, doc Document) (ArticleInfo, error) {
	infos, err := s.PutArticles(ctx, []Document{doc})
	if err != nil {
		return ArticleInfo{}, err
	}
	return infos[0], nil
}

// PutArticles writes several documents, as PutArticle does, putting many
// articles in each transaction and relinking the union of their scopes
// once per transaction; the links are those writing them one by one would
// give. Every document is checked before anything
// is written; on an invalid one, nothing is written and the error (wrapping
// ErrInvalid) names it. A batch too large for one transaction is split
// between articles, so on a backend error an earlier part may already be
// stored. When a document id repeats, the last one wins. The result holds
// one ArticleInfo per document, in order. On PostgreSQL a write that the
// database rolled back each time it was run fails with an error wrapping
// ErrConflict, and one that could not reach it ErrUnavailable; nothing of
// the failed transaction is stored. It is safe for concurrent use.
func (s *Store) PutArticles(ctx context.Context, docs []Document) ([]ArticleInfo, error) {
	built := make([]*articleQuads, len(docs))
	at := now().UTC()
	for i, doc := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		aq, err := buildArticle(doc, at)
		if err != nil {
			return nil, fmt.Errorf("put article %q: %w", doc.Meta.ID, err)
		}
		built[i] = aq
	}
	var infos []ArticleInfo
	err := s.write(ctx, func() error {
		var err error
		infos, err = s.putLocked(ctx, built)
		return err
	})
	if err != nil {
		return nil, err
	}
	return infos, nil
}

// putLocked writes built, as PutArticles does; s.mu must be held.
func (s *Store) putLocked(ctx context.Context, built []*articleQuads) ([]ArticleInfo, error) {
	infos := make([]ArticleInfo, len(built))
	var batch []*articleChange
	pending := map[string]*articleChange{} // articles in batch
	size := 0
	old, err := s.oldQuadsLocked(ctx, built)
	if err != nil {
		return nil, err
	}
	for i, aq := range built {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id := aq.info.ID
		ch := pending[id]
		if ch == nil {
			ch = &articleChange{id: id}
			var ok bool
			if ch.old, ok = old[aq.label]; !ok {
				var err error
				if ch.old, err = s.articleQuadsLocked(ctx, aq.label); err != nil {
					return nil, fmt.Errorf("put article %q: %w", id, err)
				}
			}
			pending[id] = ch
			batch = append(batch, ch)
			size += len(ch.old)
		}
		ch.new = aq
		size += len(aq.quads)
		infos[i] = aq.info
		if size >= maxTxDeltas && i < len(built)-1 {
			if err := s.commitLocked(ctx, batch); err != nil {
				return nil, fmt.Errorf("put articles: %w", err)
			}
			batch, size = nil, 0
			clear(pending)
			if old, err = s.oldQuadsLocked(ctx, built[i+1:]); err != nil {
				return nil, err
			}
		}
	}
	if err := s.commitLocked(ctx, batch); err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	return infos, nil
}

// DeleteArticle removes everything stored under the article's label, and
// recomputes the links of its scopes, in one transaction, and returns the
// number of quads removed from under the article's label. Facts other articles
// state about the same actors stay. It returns an error wrapping ErrNotFound
// if the article is not stored, and on PostgreSQL ErrConflict or
// ErrUnavailable as PutArticles does. It is safe for concurrent use.
func (s *Store) DeleteArticle(ctx context.Context, id string) (removed int64, err error) {
	err = s.write(ctx, func() error {
		old, err := s.articleQuadsLocked(ctx, ArticleIRI(id))
		if err != nil {
			return fmt.Errorf("delete article %q: %w", id, err)
		}
		if len(old) == 0 {
			return fmt.Errorf("delete article %q: %w", id, ErrNotFound)
		}
		ch := &articleChange{id: id, old: old}
		if err := s.commitLocked(ctx, []*articleChange{ch}); err != nil {
			return fmt.Errorf("delete article %q: %w", id, err)
		}
		removed = int64(len(old))
		return nil
	})
	return removed, err
}

// articleQuadsLocked returns every quad stored under the article's label,
// or none if it is not stored: the quads of the nodes the article owns
// (itself, its statements, figures and events), and those its quad list
// names (what it says of actors, which other articles say too). It reads
// by subject and predicate (indexed), never by label.
func (s *Store) articleQuadsLocked(ctx context.Context, label quad.IRI) ([]quad.Quad, error) {
	out, err := s.listedQuadsLocked(ctx, label, label)
	if err != nil {
		return nil, err
	}
	seen := make(map[quad.Quad]bool, len(out))
	for _, q := range out {
		seen[q] = true
	}
	nodes := []quad.Value{label}
	items, err := s.quadsLocked(ctx, quad.Object, label, PredDerivedFrom)
	if err != nil {
		return nil, err
	}
	for _, q := range items {
		if q.Label == label {
			nodes = append(nodes, q.Subject)
		}
	}
	owned, err := s.quadsOfLocked(ctx, quad.Subject, nodes)
	if err != nil {
		return nil, err
	}
	for _, qs := range owned {
		for _, q := range qs {
			if q.Label == label && !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// oldQuadsLocked returns, on PostgreSQL, articleQuadsLocked of each
// article of built, by label, in a few reads for them all (three, and
// the values of what they find); elsewhere nil, and callers read each
// article alone.
func (s *Store) oldQuadsLocked(ctx context.Context, built []*articleQuads) (map[quad.IRI][]quad.Quad, error) {
	if s.pg == nil || len(built) == 0 {
		return nil, nil
	}
	var labels []quad.Value
	out := make(map[quad.IRI][]quad.Quad, len(built))
	for _, aq := range built {
		if _, ok := out[aq.label]; !ok {
			out[aq.label] = nil
			labels = append(labels, aq.label)
		}
	}
	fail := func(err error) (map[quad.IRI][]quad.Quad, error) {
		return nil, fmt.Errorf("put articles: read stored versions: %w", err)
	}
	subj, err := s.quadsOfLocked(ctx, quad.Subject, labels)
	if err != nil {
		return fail(err)
	}
	obj, err := s.quadsOfLocked(ctx, quad.Object, labels)
	if err != nil {
		return fail(err)
	}
	var items []quad.Value
	itemsOf := make([][]int, len(labels)) // indexes in items
	for i, l := range labels {
		for _, q := range obj[i] {
			if q.Predicate == PredDerivedFrom && q.Label == l {
				itemsOf[i] = append(itemsOf[i], len(items))
				items = append(items, q.Subject)
			}
		}
	}
	owned, err := s.quadsOfLocked(ctx, quad.Subject, items)
	if err != nil {
		return fail(err)
	}
	// As articleQuadsLocked: the listed quads, then the article's own
	// quads, then its items', each once.
	for i, v := range labels {
		label := v.(quad.IRI)
		var lists []quad.Value
		for _, q := range subj[i] {
			if q.Predicate == PredQuadList && !slices.Contains(lists, q.Object) {
				lists = append(lists, q.Object)
			}
		}
		qs, err := listedQuads(label, label, lists)
		if err != nil {
			return fail(err)
		}
		seen := make(map[quad.Quad]bool, len(qs))
		for _, q := range qs {
			seen[q] = true
		}
		add := func(from []quad.Quad) {
			for _, q := range from {
				if q.Label == label && !seen[q] {
					seen[q] = true
					qs = append(qs, q)
				}
			}
		}
		add(subj[i])
		for _, k := range itemsOf[i] {
			add(owned[k])
		}
		out[label] = qs
	}
	return out, nil
}

// owns reports whether node n belongs to the article art alone: the
// article itself, or one of its statements, figures or events.
func owns(art quad.IRI, n quad.Value) bool {
	iri, ok := n.(quad.IRI)
	return ok && (iri == art || strings.HasPrefix(string(iri), string(art)+"/"))
}

// withQuadList returns the quads of article art, qs, with its quad list:
// the N-Quads of the quads whose subject the article does not own (see
// articleQuadsLocked), as they read back from the list, so that the list
// and the store always agree exactly.
func withQuadList(art quad.IRI, qs []quad.Quad) ([]quad.Quad, error) {
	var owned, shared []quad.Quad
	for _, q := range qs {
		if owns(art, q.Subject) {
			owned = append(owned, q)
		} else {
			shared = append(shared, q)
		}
	}
	list, err := formatQuads(shared)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	back, err := readQuadList(art, art, list)
	if err != nil || len(back) != len(shared)+1 {
		return nil, fmt.Errorf("%w: quads do not survive N-Quads: %v", ErrInvalid, err)
	}
	return append(owned, back...), nil
}

// listedQuadsLocked returns the quads named by the quad lists of node,
// which sit under label, and the lists themselves.
func (s *Store) listedQuadsLocked(ctx context.Context, node, label quad.IRI) ([]quad.Quad, error) {
	lists, err := s.objectsLocked(ctx, node, PredQuadList)
	if err != nil {
		return nil, err
	}
	return listedQuads(node, label, lists)
}

// listedQuads returns the quads named by lists, the quad lists of node
// under label, and the lists themselves, each quad once.
func listedQuads(node, label quad.IRI, lists []quad.Value) ([]quad.Quad, error) {
	// One list; two in a store that an earlier claimgraph, which split
	// some replaces in two transactions, left after a crash between them.
	// They may share quads.
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	for _, v := range lists {
		str, ok := v.(quad.String)
		if !ok {
			return nil, fmt.Errorf("quad list of %s is a %T", node, v)
		}
		qs, err := readQuadList(node, label, string(str))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// readQuadList returns the quads list (N-Quads) names and, last, the quad
// that stores list as the quad list of node under label: what writing the
// list stores, exactly as it reads back.
func readQuadList(node, label quad.IRI, list string) ([]quad.Quad, error) {
	qs, err := parseQuads(list)
	if err != nil {
		return nil, fmt.Errorf("quad list of %s: %w", node, err)
	}
	return append(qs, quad.Quad{Subject: node, Predicate: PredQuadList, Object: quad.String(list), Label: label}), nil
}

func parseQuads(s string) ([]quad.Quad, error) {
	r := nquads.NewReader(strings.NewReader(s), false)
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
}

func formatQuads(qs []quad.Quad) (string, error) {
	var b strings.Builder
	w := nquads.NewWriter(&b)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			return "", err
		}
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// articleQuads is one article turned into quads.
type articleQuads struct {
	label quad.IRI
	quads []quad.Quad // all, quad list last
	info  ArticleInfo
	doc   Document // the document, its figures keyed (extract.KeyFigures)
}

// quadBuilder collects the distinct quads of one article and the first
// problem with them.
type quadBuilder struct {
	label quad.IRI
	quads []quad.Quad
	seen  map[quad.Quad]struct{}
	err   error
}

func (b *quadBuilder) add(s quad.Value, p quad.IRI, o quad.Value) {
	if b.err == nil {
		if err := checkValue(o); err != nil {
			b.err = fmt.Errorf("%w: %s of %s: %v", ErrInvalid, p, s, err)
		}
	}
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if _, dup := b.seen[q]; dup {
		return
	}
	b.seen[q] = struct{}{}
	b.quads = append(b.quads, q)
}

// str adds a string literal unless it is empty.
func (b *quadBuilder) str(s quad.Value, p quad.IRI, v string) {
	if v != "" {
		b.add(s, p, quad.String(v))
	}
}

// span adds a span literal "start,end" unless the span is zero.
func (b *quadBuilder) span(s quad.Value, p quad.IRI, sp extract.Span) {
	if sp == (extract.Span{}) {
		return
	}
	if sp.Start < 0 || sp.End < sp.Start {
		if b.err == nil {
			b.err = fmt.Errorf("%w: %s of %s: bad span %v", ErrInvalid, p, s, sp)
		}
		return
	}
	b.add(s, p, quad.String(strconv.Itoa(sp.Start)+","+strconv.Itoa(sp.End)))
}

// checkValue reports why v cannot be stored as a literal. Every backend
// must hold a string the same way, and PostgreSQL text refuses NUL and
// invalid UTF-8. A NaN float is not equal to itself, so its quad could never
// be found again to be kept or removed: re-writing the article would add a
// quad that is present, which fails ApplyDeltas.
func checkValue(v quad.Value) error {
	switch v := v.(type) {
	case quad.String:
		if !utf8.ValidString(string(v)) {
			return fmt.Errorf("invalid UTF-8")
		}
		if strings.IndexByte(string(v), 0) >= 0 {
			return fmt.Errorf("holds NUL")
		}
	case quad.Float:
		if math.IsNaN(float64(v)) {
			return fmt.Errorf("NaN")
		}
	}
	return nil
}

func kindClass(k extract.ActorKind) quad.IRI {
	switch k {
	case extract.KindPerson:
		return ClassPerson
	case extract.KindOrganization:
		return ClassOrganization
	case extract.KindPlace:
		return ClassPlace
	case extract.KindGroup:
		return ClassGroup
	case extract.KindAnonymous:
		return ClassAnonymous
	}
	return ""
}

var qualifierNames = map[extract.Qualifier]string{
	extract.Exact: "exact", extract.About: "about", extract.MoreThan: "more_than",
	extract.AtLeast: "at_least", extract.LessThan: "less_than", extract.UpTo: "up_to",
}

// nameWords returns the words of a normalised name: maximal runs of
// letters, digits and marks.
func nameWords(norm string) []string {
	return strings.FieldsFunc(norm, func(r rune) bool {
		return !unicode.In(r, unicode.L, unicode.N, unicode.M)
	})
}

// nameKey is the normalised form under which names are looked up.
func nameKey(name string) string {
	return strings.Join(nameWords(extract.NormalizeArabic(name)), " ")
}

// buildArticle turns doc into the quads stored under its label, checking
// it on the way. The quads are returned as they read back from the quad
// list, so the list and the store always agree exactly.
func buildArticle(doc Document, at time.Time) (*articleQuads, error) {
	m := doc.Meta
	if m.ID == "" {
		return nil, fmt.Errorf("%w: empty article id", ErrInvalid)
	}
	art := ArticleIRI(m.ID)
	b := &quadBuilder{label: art, seen: map[quad.Quad]struct{}{}}
	x := keyedExtraction(doc)
	doc.Extraction = x
	lang := m.Language
	if lang == "" {
		lang = x.Language
	}
	sum := sha256.Sum256([]byte(doc.Text))
	info := ArticleInfo{
		ArticleMeta:    m,
		ContentHash:    hex.EncodeToString(sum[:]),
		StatementCount: len(x.Statements),
		FigureCount:    len(x.Figures),
		EventCount:     len(x.Events),
		IngestTime:     at,
	}
	info.Language = lang

	b.add(art, PredType, ClassArticle)
	b.str(art, PredURL, m.URL)
	b.str(art, PredHeadline, m.Title)
	b.str(art, PredPublisher, m.Publisher)
	b.str(art, PredInLanguage, lang)
	b.str(art, PredDatePublished, m.Published)
	b.str(art, PredArticleBody, doc.Text)
	b.str(art, PredContentHash, info.ContentHash)
	b.add(art, PredStatementCount, quad.Int(info.StatementCount))
	b.add(art, PredFigureCount, quad.Int(info.FigureCount))
	b.add(art, PredEventCount, quad.Int(info.EventCount))
	b.str(art, PredIngestTime, at.Format(time.RFC3339Nano))

	// Actors: every fact the article uses about them, under its label.
	actors := map[string]bool{}
	actor := func(id string) quad.IRI {
		a := ActorIRI(id)
		if !actors[id] {
			actors[id] = true
			b.add(a, PredType, ClassActor)
			b.add(a, PredMentionedIn, art)
		}
		return a
	}
	names := func(a quad.IRI, name string, p quad.IRI) {
		if strings.TrimSpace(name) == "" {
			return
		}
		b.add(a, p, quad.String(name))
		key := nameKey(name)
		if key == "" {
			return
		}
		b.add(a, PredNameKey, quad.String(key))
		for _, w := range strings.Fields(key) {
			b.add(a, PredNameWord, quad.String(w))
		}
	}
	for _, ac := range x.Actors {
		if ac.ID == "" {
			return nil, fmt.Errorf("%w: actor %q has no id", ErrInvalid, ac.Name)
		}
		a := actor(ac.ID)
		if c := kindClass(ac.Kind); c != "" {
			b.add(a, PredType, c)
		}
		names(a, ac.Name, PredName)
		for _, al := range ac.Aliases {
			names(a, al, PredAlternateName)
		}
		for _, r := range ac.Roles {
			if r.Title == "" {
				continue
			}
			ri := roleIRI(ac.ID, roleKey(r))
			b.add(a, PredRole, ri)
			b.add(ri, PredType, ClassRole)
			b.str(ri, PredRoleName, r.Title)
			b.str(ri, PredStartDate, r.Start)
			b.str(ri, PredEndDate, r.End)
		}
	}

	local := map[string]bool{}
	checkLocal := func(kind, id string) error {
		if id == "" {
			return fmt.Errorf("%w: %s with empty id", ErrInvalid, kind)
		}
		if local[kind+"\x00"+id] {
			return fmt.Errorf("%w: duplicate %s id %q", ErrInvalid, kind, id)
		}
		local[kind+"\x00"+id] = true
		return nil
	}
	events := map[string]bool{}
	for _, e := range x.Events {
		events[e.ID] = true
	}
	for _, st := range x.Statements {
		if err := checkLocal(segStatement, st.ID); err != nil {
			return nil, err
		}
		n := StatementIRI(m.ID, st.ID)
		b.add(n, PredType, ClassStatement)
		if st.Kind == extract.Direct {
			b.add(n, PredType, ClassQuotation)
		}
		b.add(n, PredDerivedFrom, art)
		if st.SpeakerID != "" {
			b.add(n, PredSpeaker, actor(st.SpeakerID))
		}
		b.str(n, PredSpeakerText, st.SpeakerText)
		b.span(n, PredSpeakerSpan, st.SpeakerSpan)
		b.str(n, PredCue, st.Cue)
		b.span(n, PredCueSpan, st.CueSpan)
		b.str(n, PredText, st.Content)
		b.span(n, PredSpan, st.ContentSpan)
		b.add(n, PredDirect, quad.Bool(st.Kind == extract.Direct))
		b.add(n, PredSentence, quad.Int(st.Sentence))
		b.add(n, PredConfidence, quad.Float(st.Confidence))
		for _, id := range st.MentionIDs {
			if id == "" {
				continue
			}
			if events[id] {
				b.add(n, PredMentions, EventIRI(m.ID, id))
			} else {
				b.add(n, PredMentions, actor(id))
			}
		}
		b.str(n, PredSaidOn, st.SaidOn)
	}
	for _, f := range x.Figures {
		if err := checkLocal(segFigure, f.ID); err != nil {
			return nil, err
		}
		n := FigureIRI(m.ID, f.ID)
		b.add(n, PredType, ClassFigure)
		b.add(n, PredDerivedFrom, art)
		b.add(n, PredValue, quad.Float(f.Value))
		b.add(n, PredApproximate, quad.Bool(f.Approximate))
		b.str(n, PredQualifier, qualifierNames[f.Qualifier])
		b.str(n, PredUnit, f.Unit)
		b.str(n, PredCounts, f.Subject)
		b.str(n, PredMeasure, f.Measure)
		if f.Key != "" {
			b.add(n, PredInMeasure, measureIRI(f.Key))
		}
		b.str(n, PredSince, f.Since)
		if f.SourceID != "" {
			b.add(n, PredAccordingTo, actor(f.SourceID))
		}
		b.str(n, PredSourceText, f.SourceText)
		if f.StatementID != "" {
			b.add(n, PredInStatement, StatementIRI(m.ID, f.StatementID))
		}
		b.str(n, PredAsOf, f.AsOf)
		b.span(n, PredSpan, f.Span)
		b.str(n, PredText, f.Text)
	}
	for _, e := range x.Events {
		if err := checkLocal(segEvent, e.ID); err != nil {
			return nil, err
		}
		n := EventIRI(m.ID, e.ID)
		b.add(n, PredType, ClassEvent)
		b.add(n, PredDerivedFrom, art)
		b.str(n, PredEventKind, e.Kind)
		b.str(n, PredTrigger, e.Trigger)
		b.span(n, PredSpan, e.Span)
		b.str(n, PredDate, e.Date)
		b.str(n, PredDateText, e.DateText)
		for _, id := range e.ParticipantIDs {
			if id != "" {
				b.add(n, PredParticipant, actor(id))
			}
		}
		for _, id := range e.PlaceIDs {
			if id != "" {
				b.add(n, PredLocation, actor(id))
			}
		}
	}
	info.ActorCount = len(actors)
	b.add(art, PredActorCount, quad.Int(info.ActorCount))
	if b.err != nil {
		return nil, b.err
	}

	// The quad count covers this quad and the quad list too.
	info.QuadCount = int64(len(b.quads) + 2)
	b.add(art, PredQuadCount, quad.Int(info.QuadCount))
	quads, err := withQuadList(art, b.quads)
	if err != nil {
		return nil, err
	}
	if int64(len(quads)) != info.QuadCount {
		return nil, fmt.Errorf("%w: quad count %d != %d", ErrInvalid, len(quads), info.QuadCount)
	}
	return &articleQuads{label: art, quads: quads, info: info, doc: doc}, nil
}

// keyedExtraction returns doc's extraction (an empty one if nil) with
// every figure keyed: figures from another extractor may come without
// keys, and extract.KeyFigures gives them theirs. doc's extraction is not
// changed.
func keyedExtraction(doc Document) *extract.Extraction {
	x := doc.Extraction
	if x == nil {
		return &extract.Extraction{}
	}
	if !slices.ContainsFunc(x.Figures, func(f extract.Figure) bool { return f.Key == "" }) {
		return x
	}
	c := *x
	c.Figures = slices.Clone(x.Figures)
	var published time.Time
	if t, err := time.Parse("2006-01-02", doc.Meta.Published); err == nil {
		published = t
	}
	extract.KeyFigures(doc.Text, published, &c)
	return &c
}

// articleChange is one article written or deleted in a transaction.
type articleChange struct {
	id  string
	old []quad.Quad   // stored quads, none if new
	new *articleQuads // nil for a delete
}

// commitLocked writes changes, unlinking what they remove and linking
// what they add, in one transaction (see applyLocked), and tells
// subscribers what changed. s.mu must be held for writing.
func (s *Store) commitLocked(ctx context.Context, changes []*articleChange) error {
	t := newTx(ctx, s)
	for _, ch := range changes {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A re-write of the same extraction changes no link.
		relink := !s.linkOff && (ch.new == nil || !sameArticle(ch.old, ch.new.quads))
		if relink && len(ch.old) > 0 {
			if err := t.unlinkArticle(ch.id); err != nil {
				return fmt.Errorf("unlink %q: %w", ch.id, err)
			}
		}
		for _, q := range ch.old {
			t.remove(q)
		}
		if ch.new == nil {
			continue
		}
		for _, q := range ch.new.quads {
			t.add(q)
		}
		if relink {
			if err := t.linkArticle(&ch.new.doc); err != nil {
				return fmt.Errorf("link %q: %w", ch.id, err)
			}
		}
	}
	if t.err != nil {
		return t.err
	}
	deltas := t.deltas()
	if err := s.applyLocked(ctx, deltas); err != nil {
		return err
	}
	if s.pgw != nil {
		s.pgPublishLocked(ctx, summarize(changes, deltas, t.links))
		return nil
	}
	if s.hasSubscribers() {
		s.publish(s.changesLocked(ctx, changes, deltas, t.links))
	}
	return nil
}

// sameArticle reports whether two versions of an article's quads differ
// only in their ingest time (and so in their quad list).
func sameArticle(old, new []quad.Quad) bool {
	if len(old) != len(new) {
		return false
	}
	set := make(map[quad.Quad]bool, len(old))
	for _, q := range old {
		if q.Predicate != PredIngestTime && q.Predicate != PredQuadList {
			set[q] = true
		}
	}
	for _, q := range new {
		if q.Predicate != PredIngestTime && q.Predicate != PredQuadList && !set[q] {
			return false
		}
	}
	return true
}
