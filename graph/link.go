package graph

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimgraph/claimgraph/extract"
)

// Cross-article linking. Everything in this file and in measure.go is a
// pure, deterministic function of the documents it is given: no I/O, no
// Cayley, no state. The store calls it; see Scopes for how.
//
// The rules, in short (the thresholds are the constants below):
//
//   - Claims: statements by one speaker (same SpeakerID; anonymous sources
//     and groups are scoped to their article and never link) in different
//     articles are one claim when matchStatements says so: token overlap of
//     stemmed content words within a language, shared actors, numbers,
//     dates and bilingual concepts across Arabic and English. Matches are
//     joined transitively; the claim's key names its first report.
//   - Figures: see measure.go: one measure key per figure; AGREES,
//     CONFLICTS and UPDATES between figures of one key.
//   - Events: events of the same Kind and the same Date (as written:
//     partial dates meet only their equals) in different articles that
//     share at least one participant or place are one event, joined
//     transitively; undated events never link.

// LinkKind says how two nodes of different articles relate.
type LinkKind int

// The kinds of link. From Kind To reads as a sentence.
const (
	SameClaim       LinkKind = iota + 1 // two statements report one claim
	FigureAgrees                        // two figures of one measure agree
	FigureConflicts                     // two figures of one measure cannot both be true
	FigureUpdates                       // From, the later figure, updates To
	SameEvent                           // two events are one happening
)

var linkKindNames = [...]string{"", "SAME_CLAIM", "FIGURE_AGREES", "FIGURE_CONFLICTS", "FIGURE_UPDATES", "SAME_EVENT"}

// String returns the kind's name as the API spells it without its prefix,
// e.g. "FIGURE_CONFLICTS", or "UNSPECIFIED".
func (k LinkKind) String() string {
	if k <= 0 || int(k) >= len(linkKindNames) {
		return "UNSPECIFIED"
	}
	return linkKindNames[k]
}

// ParseLinkKind returns the kind named s (case-insensitive, as String
// spells it), or 0 when s names none.
func ParseLinkKind(s string) LinkKind {
	s = strings.ToUpper(strings.TrimSpace(s))
	for i, n := range linkKindNames {
		if i > 0 && n == s {
			return LinkKind(i)
		}
	}
	return 0
}

// NodeRef names one statement, figure or event of one article.
type NodeRef struct {
	ArticleID string
	LocalID   string  // the Statement, Figure or Event ID within the article's extraction
	Value     float64 // a figure's value; 0 for statements and events
	Date      string  // YYYY-MM-DD: a figure's as-of day, else the article's published day; "" when unknown
}

// Link is one relation between nodes of two different articles.
//
// For SameClaim, FigureAgrees, FigureConflicts and SameEvent the relation is
// symmetric and From is the end that sorts first (earlier Date, then
// ArticleID, then LocalID). For FigureUpdates, From is the later figure and
// To the one it updates.
type Link struct {
	Kind     LinkKind
	From, To NodeRef
	Key      string  // the claim key, measure key or event key both ends share
	Scope    string  // the scope the link is recomputed in (see Scopes)
	Score    float64 // 0..1: the claim or event similarity; 1 for figure links
}

// Claim is a cluster of statements, by one speaker in at least two
// articles, that report the same content.
type Claim struct {
	Key        string    // "claim/" + the first statement's article ID + "/" + its ID
	SpeakerID  string    // the speaker's actor ID
	Statements []NodeRef // first reported first (Date, then ArticleID, then LocalID)
}

// First returns the statement that first reported the claim. It panics on
// a claim without statements, which Compute never returns.
func (c *Claim) First() NodeRef { return c.Statements[0] }

// Last returns the statement that last reported the claim. It panics on a
// claim without statements, which Compute never returns.
func (c *Claim) Last() NodeRef { return c.Statements[len(c.Statements)-1] }

// Articles returns the IDs of the articles that report the claim, each once,
// in the order they first reported it.
func (c *Claim) Articles() []string {
	var ids []string
	seen := map[string]bool{}
	for _, s := range c.Statements {
		if !seen[s.ArticleID] {
			seen[s.ArticleID] = true
			ids = append(ids, s.ArticleID)
		}
	}
	return ids
}

// Measure is what a series of figures counts and the figures that count it.
type Measure struct {
	Key     string    // e.g. "killed@gaza", "hostages:remaining"; see measure.go
	Figures []NodeRef // in time order (Date, then ArticleID, then LocalID)
}

// EventGroup is one happening reported by at least two articles.
type EventGroup struct {
	Key    string    // "event/" + kind + "/" + date + "/" + the first event's article ID + "/" + its ID
	Events []NodeRef // first reported first
}

// Linkage is everything linking finds among a set of documents.
type Linkage struct {
	Links    []Link // sorted by Kind, Key, From, To; each unordered pair once
	Claims   []Claim
	Measures []Measure
	Events   []EventGroup
}

// ComputeLinks returns the links among docs: Compute(docs).Links (nil when
// there are none). It is safe for concurrent use.
func ComputeLinks(docs []Document) []Link { return Compute(docs).Links }

// Compute returns the links, claims, measures and event groups among docs.
// The result depends only on the set of documents, not on their order.
// Documents with a nil Extraction are skipped; of two with the same
// Meta.ID, the first is used. Nodes of one article never link to each
// other. Compute is safe for concurrent use.
func Compute(docs []Document) *Linkage {
	docs = dedupDocs(docs)
	var l Linkage
	l.addClaims(docs)
	l.addFigures(docs)
	l.addEvents(docs)
	sort.Slice(l.Links, func(i, j int) bool { return linkLess(&l.Links[i], &l.Links[j]) })
	sort.Slice(l.Claims, func(i, j int) bool { return l.Claims[i].Key < l.Claims[j].Key })
	sort.Slice(l.Measures, func(i, j int) bool { return l.Measures[i].Key < l.Measures[j].Key })
	sort.Slice(l.Events, func(i, j int) bool { return l.Events[i].Key < l.Events[j].Key })
	return &l
}

// Scopes returns the scopes of d, sorted, each once: "speaker:ID" for each
// speaker of its statements (anonymous sources and groups, which are scoped
// to one article, excepted), "measure:KEY" for each measure of its figures,
// and "event:KIND/DATE" for each dated event. It returns nil when d has no
// extraction or no scope. It is safe for concurrent use.
//
// A link lives in exactly one scope (Link.Scope), and every document that
// can take part in a link of scope S has S among its Scopes. So the links of
// a scope are a function of the documents that have it, and this is how the
// store keeps links current. When an article is written (old version, if
// any, O; new version N) or deleted (O):
//
//  1. S := Scopes(O) ∪ Scopes(N).
//  2. docs := every stored article with a scope in S, without O, plus N.
//  3. l := Compute(docs).InScopes(S).
//  4. In one transaction, delete the stored links, claims, measures and
//     event groups of the scopes in S and write those of l.
//
// The store indexes scope → articles to do step 2 (e.g. as quads under the
// links label). Links of scopes outside S are untouched and stay right,
// since no document of theirs changed.
func Scopes(d *Document) []string {
	if d.Extraction == nil {
		return nil
	}
	x := d.Extraction
	set := map[string]bool{}
	for i := range x.Statements {
		if id := x.Statements[i].SpeakerID; linkableSpeaker(x, id) {
			set["speaker:"+id] = true
		}
	}
	ix := newTextIndex(d)
	for i := range x.Figures {
		if k, _ := measureKey(&x.Figures[i], ix); k != "" {
			set["measure:"+k] = true
		}
	}
	for i := range x.Events {
		if s := eventScope(&x.Events[i]); s != "" {
			set[s] = true
		}
	}
	return sortedKeys(set)
}

// InScopes returns the part of l whose scopes are in scopes, as a new
// Linkage; l is not changed.
func (l *Linkage) InScopes(scopes []string) *Linkage {
	in := map[string]bool{}
	for _, s := range scopes {
		in[s] = true
	}
	out := &Linkage{}
	for _, k := range l.Links {
		if in[k.Scope] {
			out.Links = append(out.Links, k)
		}
	}
	for _, c := range l.Claims {
		if in["speaker:"+c.SpeakerID] {
			out.Claims = append(out.Claims, c)
		}
	}
	for _, m := range l.Measures {
		if in["measure:"+m.Key] {
			out.Measures = append(out.Measures, m)
		}
	}
	for _, e := range l.Events {
		if in[eventGroupScope(e.Key)] {
			out.Events = append(out.Events, e)
		}
	}
	return out
}

func dedupDocs(docs []Document) []Document {
	seen := map[string]bool{}
	out := make([]Document, 0, len(docs))
	for _, d := range docs {
		if d.Extraction == nil || seen[d.Meta.ID] {
			continue
		}
		seen[d.Meta.ID] = true
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta.ID < out[j].Meta.ID })
	return out
}

func linkableSpeaker(x *extract.Extraction, id string) bool {
	if id == "" {
		return false
	}
	if a := x.Actor(id); a != nil && (a.Kind == extract.KindAnonymous || a.Kind == extract.KindGroup) {
		return false
	}
	return true
}

// refLess orders refs by Date (unknown last), ArticleID, LocalID.
func refLess(a, b NodeRef) bool {
	if a.Date != b.Date {
		if a.Date == "" || b.Date == "" {
			return b.Date == ""
		}
		return a.Date < b.Date
	}
	if a.ArticleID != b.ArticleID {
		return a.ArticleID < b.ArticleID
	}
	return a.LocalID < b.LocalID
}

// compareRefs is refLess as a three-way comparison, for slices.SortFunc.
func compareRefs(a, b NodeRef) int {
	switch {
	case refLess(a, b):
		return -1
	case refLess(b, a):
		return 1
	}
	return 0
}

func linkLess(a, b *Link) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Key != b.Key {
		return a.Key < b.Key
	}
	if a.From != b.From {
		return refLess(a.From, b.From)
	}
	return refLess(a.To, b.To)
}

// symmetric returns a link with its ends in refLess order.
func symmetric(kind LinkKind, a, b NodeRef, key, scope string, score float64) Link {
	if refLess(b, a) {
		a, b = b, a
	}
	return Link{Kind: kind, From: a, To: b, Key: key, Scope: scope, Score: round3(score)}
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dayNumber returns the days since 1970-01-01 of an ISO day, or -1 when s
// is not a full day.
func dayNumber(s string) int {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return -1
	}
	return int(t.Unix() / 86400)
}

// fullDay returns s when it is a full ISO day, else "".
func fullDay(s string) string {
	if dayNumber(s) < 0 {
		return ""
	}
	return s
}

// unionFind clusters items 0..n-1.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(i, j int) { u[u.find(i)] = u.find(j) }

// clusters returns the groups of u with members from at least two
// articles, each group's members sorted by refLess.
func clusters(u unionFind, refs []NodeRef) [][]int {
	byRoot := map[int][]int{}
	for i := range refs {
		r := u.find(i)
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, g := range byRoot {
		arts := map[string]bool{}
		for _, i := range g {
			arts[refs[i].ArticleID] = true
		}
		if len(arts) < 2 {
			continue
		}
		sort.Slice(g, func(a, b int) bool { return refLess(refs[g[a]], refs[g[b]]) })
		out = append(out, g)
	}
	return out
}

// ---- Figures ----

func (l *Linkage) addFigures(docs []Document) {
	byKey := map[string][]*figureInfo{}
	for di := range docs {
		d := &docs[di]
		ix := newTextIndex(d)
		for fi := range d.Extraction.Figures {
			f := &d.Extraction.Figures[fi]
			key, since := measureKey(f, ix)
			if key == "" {
				continue
			}
			byKey[key] = append(byKey[key], newFigureInfo(d.Meta.ID, d.Meta.Published, f, key, since))
		}
	}
	for _, key := range sortedKeys(setOf(byKey)) {
		figs := byKey[key]
		sort.Slice(figs, func(i, j int) bool { return refLess(figs[i].ref, figs[j].ref) })
		m := Measure{Key: key}
		for _, f := range figs {
			m.Figures = append(m.Figures, f.ref)
		}
		l.Measures = append(l.Measures, m)
		scope := "measure:" + key
		for i := range figs {
			for j := i + 1; j < len(figs); j++ {
				kind, from, to, ok := relateFigures(figs[i], figs[j])
				if !ok {
					continue
				}
				if kind == FigureUpdates {
					l.Links = append(l.Links, Link{Kind: kind, From: from.ref, To: to.ref, Key: key, Scope: scope, Score: 1})
				} else {
					l.Links = append(l.Links, symmetric(kind, from.ref, to.ref, key, scope, 1))
				}
			}
		}
	}
}

func setOf[V any](m map[string]V) map[string]bool {
	s := make(map[string]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}

// ---- Events ----

// eventScope returns "event:KIND/DATE" for a dated event of a known kind, or "".
func eventScope(e *extract.Event) string {
	kind := strings.ToLower(strings.TrimSpace(e.Kind))
	if kind == "" || e.Date == "" {
		return ""
	}
	return "event:" + kind + "/" + e.Date
}

// eventGroupScope returns the scope of an event group's key.
func eventGroupScope(key string) string {
	rest, ok := strings.CutPrefix(key, "event/")
	if !ok {
		return ""
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 3 {
		return ""
	}
	return "event:" + parts[0] + "/" + parts[1]
}

func (l *Linkage) addEvents(docs []Document) {
	type evInfo struct {
		ref    NodeRef
		actors map[string]bool
	}
	byScope := map[string][]evInfo{}
	for di := range docs {
		d := &docs[di]
		for ei := range d.Extraction.Events {
			e := &d.Extraction.Events[ei]
			s := eventScope(e)
			if s == "" {
				continue
			}
			actors := map[string]bool{}
			for _, id := range e.ParticipantIDs {
				actors[id] = true
			}
			for _, id := range e.PlaceIDs {
				actors[id] = true
			}
			ref := NodeRef{ArticleID: d.Meta.ID, LocalID: e.ID, Date: fullDay(d.Meta.Published)}
			byScope[s] = append(byScope[s], evInfo{ref, actors})
		}
	}
	for _, scope := range sortedKeys(setOf(byScope)) {
		evs := byScope[scope]
		sort.Slice(evs, func(i, j int) bool { return refLess(evs[i].ref, evs[j].ref) })
		refs := make([]NodeRef, len(evs))
		for i := range evs {
			refs[i] = evs[i].ref
		}
		rest, _ := strings.CutPrefix(scope, "event:")
		groups, links := linkGroups(SameEvent, scope, refs,
			func(i, j int) (float64, bool) {
				s := jaccard(evs[i].actors, evs[j].actors)
				return s, s > 0
			},
			func(first NodeRef) string { return "event/" + rest + "/" + first.ArticleID + "/" + first.LocalID })
		for _, g := range groups {
			l.Events = append(l.Events, EventGroup{Key: g.key, Events: g.refs})
		}
		l.Links = append(l.Links, links...)
	}
}

// refGroup is one cluster of linkGroups: its key and its members.
type refGroup struct {
	key  string
	refs []NodeRef // sorted by refLess
}

// linkGroups matches every two refs (sorted by refLess) of one scope from
// different articles, joins the matches transitively into groups with
// members from at least two articles, and returns the groups, keyed by
// keyOf of their first member, and a link of kind for each match, carrying
// its group's key and match's score.
func linkGroups(kind LinkKind, scope string, refs []NodeRef, match func(i, j int) (float64, bool), keyOf func(first NodeRef) string) ([]refGroup, []Link) {
	type pair struct {
		i, j  int
		score float64
	}
	var pairs []pair
	u := newUnionFind(len(refs))
	for i := range refs {
		for j := i + 1; j < len(refs); j++ {
			if refs[i].ArticleID == refs[j].ArticleID {
				continue
			}
			if score, ok := match(i, j); ok {
				pairs = append(pairs, pair{i, j, score})
				u.union(i, j)
			}
		}
	}
	var groups []refGroup
	keys := map[int]string{} // by root
	for _, g := range clusters(u, refs) {
		rg := refGroup{key: keyOf(refs[g[0]])}
		for _, i := range g {
			rg.refs = append(rg.refs, refs[i])
		}
		keys[u.find(g[0])] = rg.key
		groups = append(groups, rg)
	}
	links := make([]Link, 0, len(pairs))
	for _, p := range pairs {
		links = append(links, symmetric(kind, refs[p.i], refs[p.j], keys[u.find(p.i)], scope, p.score))
	}
	return groups, links
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// ---- Claims ----

// The thresholds of claim matching; matchStatements says how they are used.
const (
	ClaimThreshold     = 0.5  // least score for two statements of one language to be one claim
	ContainmentWeight  = 0.85 // weight of containment against Jaccard
	MinContainmentSize = 3    // containment counts only when the smaller side has this many tokens
	EntityBoost        = 0.1  // added per shared mentioned actor, up to two
	NumberBoost        = 0.1  // added per shared number or date, up to two
	MismatchPenalty    = 0.4  // factor when both carry numbers (or dates) and share none: keeps any such pair below ClaimThreshold
	CrossAnchorMin     = 2    // least shared anchors across languages
	CrossDiceThreshold = 0.6  // least Dice of anchors across languages
)

// stmtInfo is what claim matching needs to know of one statement.
type stmtInfo struct {
	ref      NodeRef
	arabic   bool
	tokens   map[string]bool // content stems without stop words or numbers
	entities map[string]bool // mentioned actor IDs
	numbers  map[string]bool // values in the content, and of figures inside it
	dates    map[string]bool // dates in the content
	concepts map[string]bool // bilingual concepts the content names
}

func newStmtInfo(d *Document, s *extract.Statement) *stmtInfo {
	x := d.Extraction
	in := &stmtInfo{
		ref:      NodeRef{ArticleID: d.Meta.ID, LocalID: s.ID, Date: fullDay(d.Meta.Published)},
		arabic:   hasArabic(s.Content),
		tokens:   map[string]bool{},
		entities: map[string]bool{},
		numbers:  map[string]bool{},
		dates:    map[string]bool{},
		concepts: map[string]bool{},
	}
	words, nums := contentTokens(s.Content)
	for _, w := range words {
		in.tokens[w] = true
		if c, ok := conceptStems[w]; ok {
			in.concepts[c] = true
		}
	}
	for _, n := range nums {
		in.numbers[formatNumber(n)] = true
	}
	for _, id := range s.MentionIDs {
		if id != s.SpeakerID {
			in.entities[id] = true
		}
	}
	for i := range x.Figures {
		f := &x.Figures[i]
		if f.StatementID == s.ID || (s.ContentSpan.Len() > 0 && s.ContentSpan.Contains(f.Span)) {
			in.numbers[formatNumber(f.Value)] = true
		}
	}
	for _, t := range x.Times {
		if t.Value != "" && s.ContentSpan.Len() > 0 && s.ContentSpan.Contains(t.Span) {
			in.dates[t.Value] = true
			// The numbers of a date are not figures.
			for _, w := range strings.FieldsFunc(t.Value, func(r rune) bool { return r == '-' }) {
				if n, err := strconv.Atoi(w); err == nil {
					delete(in.numbers, strconv.Itoa(n))
				}
			}
		}
	}
	return in
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// matchStatements returns how alike two statements of one speaker are, 0..1,
// and whether they report one claim.
//
// In one language (both contents Arabic script, or both not): with A and B
// the sets of content stems (normalised, stop words out, light stemming),
// text = max(J, ContainmentWeight·C), J = |A∩B|/|A∪B|, C = |A∩B|/min(|A|,|B|)
// (C only when the smaller set has MinContainmentSize stems; else J). The
// score adds EntityBoost per shared mentioned actor and NumberBoost per
// shared number or date (two of each at most), and is multiplied by
// MismatchPenalty when both name numbers but share none, and again when both
// name dates but share none. They match at ClaimThreshold.
//
// Across languages the words differ, so the anchors speak: mentioned
// actors, numbers, dates and the concepts of a small bilingual lexicon
// (deal/اتفاق, hostages/رهائن, release/إطلاق سراح, …). They match when they
// share CrossAnchorMin anchors, the Dice share of anchors reaches
// CrossDiceThreshold and neither numbers nor dates mismatch as above; the
// score is the Dice share.
func matchStatements(a, b *stmtInfo) (float64, bool) {
	penalty := 1.0
	if mismatch(a.numbers, b.numbers) {
		penalty *= MismatchPenalty
	}
	if mismatch(a.dates, b.dates) {
		penalty *= MismatchPenalty
	}
	if a.arabic != b.arabic {
		if penalty < 1 {
			return 0, false
		}
		shared, total := 0, 0
		for _, p := range [][2]map[string]bool{{a.entities, b.entities}, {a.numbers, b.numbers}, {a.dates, b.dates}, {a.concepts, b.concepts}} {
			shared += intersect(p[0], p[1])
			total += len(p[0]) + len(p[1])
		}
		if total == 0 {
			return 0, false
		}
		dice := 2 * float64(shared) / float64(total)
		return dice, shared >= CrossAnchorMin && dice >= CrossDiceThreshold
	}
	inter := intersect(a.tokens, b.tokens)
	if inter == 0 {
		return 0, false
	}
	union := len(a.tokens) + len(b.tokens) - inter
	text := float64(inter) / float64(union)
	if small := min(len(a.tokens), len(b.tokens)); small >= MinContainmentSize {
		text = math.Max(text, ContainmentWeight*float64(inter)/float64(small))
	}
	score := text +
		EntityBoost*float64(min(2, intersect(a.entities, b.entities))) +
		NumberBoost*float64(min(2, intersect(a.numbers, b.numbers)+intersect(a.dates, b.dates)))
	score = math.Min(1, score*penalty)
	return score, score >= ClaimThreshold
}

// mismatch reports whether both sets are non-empty and share nothing.
func mismatch(a, b map[string]bool) bool {
	return len(a) > 0 && len(b) > 0 && intersect(a, b) == 0
}

func intersect(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

func (l *Linkage) addClaims(docs []Document) {
	bySpeaker := map[string][]*stmtInfo{}
	for di := range docs {
		d := &docs[di]
		x := d.Extraction
		for si := range x.Statements {
			s := &x.Statements[si]
			if !linkableSpeaker(x, s.SpeakerID) {
				continue
			}
			bySpeaker[s.SpeakerID] = append(bySpeaker[s.SpeakerID], newStmtInfo(d, s))
		}
	}
	for _, speaker := range sortedKeys(setOf(bySpeaker)) {
		sts := bySpeaker[speaker]
		sort.Slice(sts, func(i, j int) bool { return refLess(sts[i].ref, sts[j].ref) })
		refs := make([]NodeRef, len(sts))
		for i := range sts {
			refs[i] = sts[i].ref
		}
		groups, links := linkGroups(SameClaim, "speaker:"+speaker, refs,
			func(i, j int) (float64, bool) { return matchStatements(sts[i], sts[j]) },
			func(first NodeRef) string { return "claim/" + first.ArticleID + "/" + first.LocalID })
		for _, g := range groups {
			l.Claims = append(l.Claims, Claim{Key: g.key, SpeakerID: speaker, Statements: g.refs})
		}
		l.Links = append(l.Links, links...)
	}
}

// ---- Tokens and stems ----

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// multipliers scale the number before them: «12 ألف», "1.5 million".
var multipliers = map[string]float64{
	"الف": 1e3, "الفا": 1e3, "الاف": 1e3, "thousand": 1e3,
	"مليون": 1e6, "ملايين": 1e6, "million": 1e6,
	"مليار": 1e9, "billion": 1e9,
}

// contentTokens returns the stems of the content words of s (stop words and
// one-letter words out) and the numbers it writes, multipliers applied.
func contentTokens(s string) (words []string, numbers []float64) {
	s = extract.NormalizeArabic(s)
	rs := []rune(s)
	type tok struct {
		word string
		num  float64
		isN  bool
	}
	var toks []tok
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || ((rs[j] == ',' || rs[j] == '.' || rs[j] == '٬' || rs[j] == '٫') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
				j++
			}
			toks = append(toks, tok{num: parseNumber(string(rs[i:j])), isN: true})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
				j++
			}
			toks = append(toks, tok{word: string(rs[i:j])})
			i = j
		default:
			i++
		}
	}
	for i, t := range toks {
		if t.isN {
			v := t.num
			if i+1 < len(toks) && !toks[i+1].isN {
				if m, ok := multipliers[toks[i+1].word]; ok {
					v *= m
				}
			}
			numbers = append(numbers, v)
			continue
		}
		if _, ok := multipliers[t.word]; ok || stopWords[t.word] || len([]rune(t.word)) < 2 {
			continue
		}
		st := stem(t.word)
		if stopWords[st] {
			continue
		}
		words = append(words, st)
	}
	return words, numbers
}

// parseNumber reads digits with thousands separators (67,000) or a decimal
// point (1.5); a separator followed by exactly three digits groups thousands.
func parseNumber(s string) float64 {
	s = strings.NewReplacer("٬", ",", "٫", ".").Replace(s)
	groups := strings.Split(s, ",")
	thousands := len(groups) > 1
	for _, g := range groups[1:] {
		if len(g) != 3 && !strings.Contains(g, ".") {
			thousands = false
		}
	}
	if thousands {
		s = strings.Join(groups, "")
	} else {
		s = strings.ReplaceAll(s, ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}

// stem returns the light stem of a normalised word: Arabic loses the
// proclitics joined with the article (وال, بال, لل, …), a conjunction و
// or a preposition ل/ب before a verbal noun, and one suffix (plural,
// nisba, feminine, pronouns, accusative alef) with a nisba ي before it, so
// فلسطيني, فلسطينيا and الفلسطينيين share فلسطين; English loses
// its inflection (-s, -es, -ies, -ing, -ed, -ly). Other words come back as
// they are.
func stem(w string) string {
	if w == "" {
		return w
	}
	r := []rune(w)
	if unicode.Is(unicode.Arabic, r[0]) {
		return stemArabic(r)
	}
	if r[0] < 0x80 && unicode.IsLetter(r[0]) {
		return stemEnglish(w)
	}
	return w
}

var arabicArticles = []string{"وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}

var arabicSuffixes = []string{"ات", "ون", "ين", "يه", "يا", "ها", "هم", "هن", "نا", "كم", "ي", "ه", "ا"}

func stemArabic(r []rune) string {
	w := string(r)
	stripped := false
	for _, p := range arabicArticles {
		if rest, ok := strings.CutPrefix(w, p); ok && len([]rune(rest)) >= 3 {
			w, stripped = rest, true
			break
		}
	}
	if !stripped {
		rs := []rune(w)
		switch {
		case rs[0] == 'و' && len(rs) >= 5:
			w = string(rs[1:])
		case (rs[0] == 'ل' || rs[0] == 'ب') && len(rs) >= 5 && rs[1] == 'ا':
			w = string(rs[1:])
		}
	}
	for _, s := range arabicSuffixes {
		if rest, ok := strings.CutSuffix(w, s); ok && len([]rune(rest)) >= 3 {
			w = rest
			// A nisba ي may stand before the ending just cut:
			// فلسطينيين → فلسطيني → فلسطين, as فلسطيني → فلسطين.
			if rest, ok := strings.CutSuffix(w, "ي"); ok && s != "ي" && len([]rune(rest)) >= 3 {
				w = rest
			}
			break
		}
	}
	return w
}

func stemEnglish(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && n > 3:
		return w[:n-1]
	case strings.HasSuffix(w, "ing") && n > 5:
		return w[:n-3]
	case strings.HasSuffix(w, "ed") && n > 4:
		return w[:n-2]
	case strings.HasSuffix(w, "ly") && n > 5:
		return w[:n-2]
	}
	return w
}

// stems returns the stems of the words of s, stop words included.
func stems(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(extract.NormalizeArabic(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
	}) {
		out = append(out, stem(w))
	}
	return out
}

// stopWords are function words, normalised (NormalizeArabic), in both
// languages; a word is dropped when it or its stem is one.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		ان انه انها انهم ان إن في من على الى إلى عن مع هذا هذه ذلك تلك هذان التي الذي الذين اللذين
		قد لقد لا لم لن ما ماذا كل اي او أو ثم بين عند بعد قبل حتى كان كانت يكون تكون هو هي هم هن نحن
		نحو وفقا حاليا ايضا كما بما فيما خلال الي عليه عليها فيه فيها منه منها به بها له لها لهم وفي ومن
		وعلى والى وعن ومع وهو وهي وقد ولا وما وكان بات باتت يوم اليوم امس غدا جدا اكثر اقل عدد منذ بشان
		the a an of to in on at for and or but that this these those is are was were be been being
		has have had will would shall should can could may might with by from as it its he she they
		we you i his her their our them him us not no so than then there here which who whom what
		when where while about into over after before up down out very also just now said says say
		says told tells according`) {
		m[extract.NormalizeArabic(w)] = true
	}
	return m
}()

// concepts is a small bilingual lexicon: concept → words in both
// languages. It gives claims in Arabic and English shared anchors when
// their content names the same things in different words.
var concepts = map[string][]string{
	"deal":       {"اتفاق", "الاتفاق", "اتفاقيه", "صفقه", "deal", "agreement", "accord"},
	"hostage":    {"رهائن", "الرهائن", "رهينه", "المحتجزين", "اسري", "hostage", "hostages", "captive", "captives"},
	"release":    {"سراح", "الافراج", "افراج", "release", "released", "free", "freed", "freeing"},
	"imminent":   {"وشك", "قريب", "قريبا", "close", "imminent", "near"},
	"ceasefire":  {"هدنه", "ceasefire", "truce"},
	"killed":     {"مقتل", "قتل", "قتلي", "استشهاد", "شهداء", "killed", "kill", "dead", "death"},
	"injured":    {"اصابه", "جرحي", "مصابين", "injured", "wounded"},
	"war":        {"حرب", "الحرب", "war"},
	"talks":      {"مفاوضات", "مباحثات", "محادثات", "negotiations", "talks"},
	"commitment": {"ملتزمه", "التزام", "committed", "commitment"},
	"support":    {"دعم", "support", "back"},
	"implement":  {"تنفيذ", "implementation", "implement", "implementing"},
	"guarantee":  {"ضمانات", "ضمان", "guarantees", "guarantee"},
	"security":   {"امنيه", "الامن", "security"},
	"aid":        {"مساعدات", "المساعده", "aid", "assistance"},
	"health":     {"الصحه", "صحه", "health"},
	"ministry":   {"وزاره", "ministry"},
	"toll":       {"حصيله", "toll"},
	"future":     {"مستقبلي", "future"},
}

var conceptStems = stemTable(concepts)
