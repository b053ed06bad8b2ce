package extract

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
)

// Attribution: who said what.
//
// The finders work on tokens, one pass per document, with map lookups only.
// A cue (a verb of saying, a participle that continues the last speaker, or a
// source phrase such as «بحسب» or "according to") anchors each statement; the
// speaker is the noun phrase that the language's word order puts next to the
// cue, and the content runs from the complementizer, the colon or the opening
// quotation mark to the end of the clause.
//
// Confidence says how much of that pattern was seen:
//
//	0.9  finite cue verb, speaker named in the clause, content opened by a
//	     complementizer, a colon or a quotation mark
//	0.8  the same with the content opened by the verb's preposition
//	     («شدد على …») or by nothing at all ("X said Y")
//	0.8  also: the content before its attribution ("…, the mayor said."),
//	     a quotation credited by a dash ("“…” ― Name")
//	0.7  source phrase («وفقا لـ», "according to"), a headline "Name: …",
//	     a coordinated cue that takes the sentence's subject ("… and says")
//	0.6  speaker carried over from an earlier statement (a bare «وقال:», a
//	     participle «مشيرا إلى أن», an English pronoun)
//
// and 0.05 less when the content is shorter than four words.
//
// SpeakerText is the words that name the speaker. An English pronoun stays
// as written ("he", "who": PolNeAR annotates speakers so) and its
// antecedent, the last named speaker, is what SpeakerID resolves; an Arabic
// implied subject («وقال:») has no words, so SpeakerText holds the
// antecedent's.
//
// Words that name no one (data/speaker_words.txt: pronouns, honorifics
// «سموه», bare titles «الوزير», common nouns «الوزارة», cue words) never
// become actors: they resolve to the last speaker agreeing in gender and
// number, to the actor named with the same title or noun, or, for a
// document («البيان», "the memo"), to the body that issued it; failing
// that the statement keeps the words and gets an anonymous speaker.

//go:embed data/cues_ar.txt
var cuesArData string

//go:embed data/cues_en.txt
var cuesEnData string

// cueClass says how a cue relates to its speaker.
type cueClass uint8

const (
	cueVerb    cueClass = iota + 1 // finite verb; speaker next to it
	cuePresent                     // present-tense verb; speaker must be named
	cueObject                      // English verb whose object (the hearer) comes before the content
	cuePart                        // participle continuing the last speaker
	cueNominal                     // source phrase; speaker follows it
	cueNoun                        // verbal noun; speaker is its agent («قول الحكومة», «اتهامه»)
)

// cue is one lexicon entry.
type cue struct {
	class cueClass
	prep  string // normalised preposition that may introduce the content
}

var (
	cuesAr = parseCues(cuesArData)
	cuesEn = parseCues(cuesEnData)
)

// parseCues reads a lexicon in the format documented at the top of
// data/cues_ar.txt. Malformed lines are skipped, and so is a form already
// read (normalised forms collide: «مطالبة» is a participle and a noun).
func parseCues(data string) map[string]cue {
	m := make(map[string]cue)
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		var c cue
		switch f[1] {
		case "verb":
			c.class = cueVerb
		case "present":
			c.class = cuePresent
		case "object":
			c.class = cueObject
		case "part":
			c.class = cuePart
		case "nominal":
			c.class = cueNominal
		case "noun":
			c.class = cueNoun
		default:
			continue
		}
		if len(f) > 2 {
			c.prep = NormalizeArabic(f[2])
		}
		if _, dup := m[NormalizeArabic(f[0])]; dup {
			continue // the first reading of a form wins: «نفى» verb, not «نفي» noun
		}
		m[NormalizeArabic(f[0])] = c
	}
	return m
}

// quoteRegion is a run of quoted tokens: open and close are the indices of
// the quotation marks (close is the last token of the paragraph when the
// quotation is left open).
type quoteRegion struct {
	open, close int
	closed      bool // close is a quotation mark
}

// quoteIndex finds the quotations of a document.
type quoteIndex struct {
	regions []quoteRegion
	in      []int32 // per token: the innermost region holding it (marks included), or -1
}

func isOpenQuote(s string) bool {
	switch s {
	case "“", "«", "\"", "„":
		return true
	}
	return false
}

func isCloseQuote(s string) bool {
	switch s {
	case "”", "»", "\"":
		return true
	}
	return false
}

// findQuotes pairs quotation marks: “ with ”, « with », and straight double
// quotes by alternation. A quotation still open at a paragraph break ends
// there, as multi-paragraph quotations reopen on every paragraph.
func findQuotes(d *document) *quoteIndex {
	q := &quoteIndex{in: make([]int32, len(d.tokens))}
	for i := range q.in {
		q.in[i] = -1
	}
	open := -1
	var want string
	closeAt := func(j int, closed bool) {
		q.regions = append(q.regions, quoteRegion{open, j, closed})
		r := int32(len(q.regions) - 1)
		for k := open; k <= j; k++ {
			q.in[k] = r
		}
		open = -1
	}
	for i := 0; i < len(d.tokens); i++ {
		t := d.tokens[i]
		if open >= 0 && i > open && d.breakBefore(i) {
			closeAt(i-1, false)
		}
		if t.kind != tokPunct {
			continue
		}
		s := t.text
		// Two apostrophes stand for a double quotation mark ('' … '').
		if s == "'" && i+1 < len(d.tokens) && d.tokens[i+1].text == "'" && d.tokens[i+1].start == t.end {
			if open >= 0 && want == "''" {
				closeAt(i+1, true)
				i++
				continue
			}
			if open < 0 {
				open, want = i, "''"
				i++
			}
			continue
		}
		if open >= 0 {
			if s == want || (want == "”" && s == "\"") || (want == "\"" && s == "”") {
				// A straight quote with a space before it and none after
				// opens a new quotation: the last one was left open.
				if s == "\"" && i > open+1 && d.tokens[i-1].end < t.start && i+1 < len(d.tokens) && d.tokens[i+1].start == t.end {
					closeAt(i-1, false)
				} else {
					closeAt(i, true)
					continue
				}
			} else {
				continue
			}
		}
		if isOpenQuote(s) {
			// A straight quote glued to the word before it and not to a
			// word after it closes a quotation we failed to open.
			if s == "\"" && i > 0 && d.tokens[i-1].end == t.start &&
				!(i+1 < len(d.tokens) && d.tokens[i+1].start == t.end && d.tokens[i+1].kind != tokPunct) {
				continue
			}
			open = i
			switch s {
			case "“", "„":
				want = "”"
			case "«":
				want = "»"
			default:
				want = "\""
			}
		}
	}
	if open >= 0 {
		closeAt(len(d.tokens)-1, false)
	}
	return q
}

// breakBefore reports whether a line break separates token i from the one
// before it.
func (d *document) breakBefore(i int) bool {
	if i <= 0 || i >= len(d.tokens) {
		return false
	}
	for _, r := range d.runes[d.tokens[i-1].end:d.tokens[i].start] {
		if r == '\n' {
			return true
		}
	}
	return false
}

// region returns the quotation that opens at token i, or false.
func (q *quoteIndex) opensAt(i int) (quoteRegion, bool) {
	if i < 0 || i >= len(q.in) || q.in[i] < 0 {
		return quoteRegion{}, false
	}
	r := q.regions[q.in[i]]
	return r, r.open == i
}

// closesAt returns the quotation that closes at token i, or false.
func (q *quoteIndex) closesAt(i int) (quoteRegion, bool) {
	if i < 0 || i >= len(q.in) || q.in[i] < 0 {
		return quoteRegion{}, false
	}
	r := q.regions[q.in[i]]
	return r, r.close == i && r.close > r.open && r.closed
}

// inside reports whether token i is strictly inside a quotation.
func (q *quoteIndex) inside(i int) bool {
	if i < 0 || i >= len(q.in) || q.in[i] < 0 {
		return false
	}
	r := q.regions[q.in[i]]
	return i > r.open && i < r.close
}

// speaker is who a statement is attributed to.
type speaker struct {
	span Span   // the words naming it; zero when implied
	text string // those words, or the antecedent's for pronouns and implied subjects
	id   string
	ante Span // for pronouns and implied subjects: the antecedent's words
	fem  bool // known to take feminine verbs
	masc bool // known to take masculine verbs
	one  bool // known to be one: a person, a singular head noun
	many bool // known to be many: a group, a plural head noun
}

func (s speaker) ok() bool { return s.text != "" }

// attributor holds what both languages' finders share while scanning one
// document.
type attributor struct {
	d      *document
	actors *actorTable
	q      *quoteIndex
	out    []Statement
	last   speaker   // the most recent named speaker
	recent []speaker // the named speakers before last, most recent first
	// lastSent is the sentence where last was named.
	lastSent int
	seen     map[Span]bool
	// issuers maps a document word («بيان», "memo") to the speaker of the
	// last statement made in such a document («قالت الوزارة في بيان …»),
	// and the sentence it was made in.
	issuers map[string]issuer
}

// issuer is who issued a document, and in which sentence it was named.
type issuer struct {
	id   string
	sent int
}

func newAttributor(d *document, actors *actorTable) *attributor {
	return &attributor{d: d, actors: actors, q: findQuotes(d), seen: make(map[Span]bool), issuers: map[string]issuer{}}
}

// documentWords are the documents that speak for who issued them: «وأضاف
// البيان», "the memo said". Keys are normalised and without the article.
var documentWords = setOf("بيان", "تقرير", "رساله", "مذكره", "وثيقه", "خطاب", "تعميم", "محضر", "وقايع",
	"statement", "memo", "memorandum", "letter", "release", "filing", "email", "e-mail", "communique", "report")

// documentKey returns the document word that token i is, without a joined
// article, conjunction or preposition («البيان», «ببيان», "memo"), or "".
func (a *attributor) documentKey(i int) string {
	if i < 0 || i >= len(a.d.tokens) || a.d.tokens[i].kind != tokWord {
		return ""
	}
	for _, r := range arReadings(a.d.tokens[i].norm) {
		if documentWords[r] {
			return r
		}
		if rest, ok := strings.CutPrefix(r, "ال"); ok && documentWords[rest] {
			return rest
		}
	}
	return ""
}

// noteIssuer remembers sp as the issuer of a document named between the
// cue and the content, tokens [from, to] («قالت الوزارة في بيان إن»,
// "said in a statement that").
func (a *attributor) noteIssuer(id string, from, to int) {
	for k := max(from, 0); k <= to && k < len(a.d.tokens); k++ {
		if key := a.documentKey(k); key != "" {
			a.issuers[key] = issuer{id: id, sent: a.d.sentenceOf(a.d.tokens[k].start)}
		}
	}
}

// documentSpeaker returns the actor that a speaker named by a document
// alone speaks for: the body named with it («بيان للوزارة», «بيان صادر عن
// الوزارة», "a memo from the agency") or, for a document named before
// («وأضاف البيان» after «قالت الوزارة في بيان»), its issuer within the last
// few sentences. It returns "" when sp is no document or its issuer is
// unknown.
func (a *attributor) documentSpeaker(sp speaker) string {
	if sp.span.Len() == 0 {
		return ""
	}
	first, last := a.d.tokenAt(sp.span.Start), a.d.tokenAt(sp.span.End)-1
	if first < 0 {
		return ""
	}
	head := first
	for head <= last && head < len(a.d.tokens) && (a.d.tokens[head].kind != tokWord || enDeterminers[a.d.tokens[head].norm]) {
		head++
	}
	key := a.documentKey(head)
	if key == "" {
		return ""
	}
	// The body named right after the document.
	k := head + 1
	if n := a.norm(k); n == "صادر" || n == "الصادر" || n == "issued" {
		k++
	}
	if n := a.norm(k); n == "عن" || n == "من" || n == "from" || n == "by" {
		k++
	}
	if k < len(a.d.tokens) && a.d.tokens[k].kind == tokWord && k > head+0 && (k > head+1 || strings.HasPrefix(a.norm(k), "ل")) {
		e := k
		for e+1 < len(a.d.tokens) && e-k < 5 && a.d.tokens[e+1].kind == tokWord && a.d.sentenceOf(a.d.tokens[e+1].start) == a.d.sentenceOf(a.d.tokens[k].start) {
			if _, ok := a.arCue(e + 1); ok || arSpeakerStops[a.norm(e+1)] || a.isComp(e+1) || enStops[a.norm(e+1)] {
				break
			}
			e++
		}
		s := a.tokSpan(k, e)
		if strings.HasPrefix(a.norm(k), "ل") && a.d.lang == "ar" {
			s.Start++ // «للوزارة»: the body without its ل
		}
		if id := a.actors.resolve(s, KindUnknown); id != "" {
			return id
		}
	}
	// «وقائع أحدث اجتماع لبنك إنجلترا»: a body joined by ل a few words
	// after the document.
	if a.d.lang == "ar" {
		for k := head + 1; k < len(a.d.tokens) && k <= head+3 && a.d.tokens[k].kind == tokWord; k++ {
			if strings.HasPrefix(a.norm(k), "ل") && !strings.HasPrefix(a.norm(k), "لل") {
				if id := a.mentionAfterLam(k); id != "" {
					return id
				}
				break
			}
		}
	}
	if is, ok := a.issuers[key]; ok && a.d.sentenceOf(sp.span.Start)-is.sent <= 4 {
		return is.id
	}
	// «أعلنت المدونة … وبحسب التقرير …»: a definite document with no
	// issuer named is the last speaker's, when that speaker spoke in the
	// sentence before and is no place.
	if strings.HasPrefix(a.norm(head), "ال") && a.last.ok() && a.last.span.Len() > 0 && a.d.sentenceOf(sp.span.Start)-a.lastSent == 1 {
		id := a.last.id
		if id == "" {
			id = a.actors.unclassified(a.last.span)
		}
		if id != "" && a.actors.kind(id) != KindPlace {
			return id
		}
	}
	return ""
}

// mentionAfterLam returns the actor of a person or organization whose name
// starts right after a ل joined to token k («لبنك إنجلترا»), or "".
func (a *attributor) mentionAfterLam(k int) string {
	ms := a.actors.mentions
	at := a.d.tokens[k].start + 1
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].span.Start >= at }); j < len(ms) && ms[j].span.Start == at; j++ {
		if kind := a.actors.actors[ms[j].actor].kind; kind == KindOrganization || kind == KindPerson {
			return a.actors.actors[ms[j].actor].id
		}
	}
	return ""
}

// tokSpan returns the text span of tokens [i, j], inclusive.
func (a *attributor) tokSpan(i, j int) Span {
	return Span{a.d.tokens[i].start, a.d.tokens[j].end}
}

// named builds the speaker of tokens [i, j] and remembers it as the last.
// trimSpeaker narrows tokens [i, j] of a speaker by the quotation marks
// and brackets around it.
func (a *attributor) trimSpeaker(i, j int) (int, int) {
	lim := j
	for i <= j && a.d.tokens[i].kind == tokPunct {
		i++
	}
	for j >= i && a.d.tokens[j].kind == tokPunct {
		j--
	}
	// A name quoted inside the phrase keeps its closing mark: «شركة «نماء»».
	if j >= i && j+1 <= lim {
		if r, ok := a.q.closesAt(j + 1); ok && r.open > i && r.open < j {
			j++
		}
	}
	return i, j
}

func (a *attributor) named(i, j int, hint ActorKind) speaker {
	s := a.tokSpan(i, j)
	sp := speaker{span: s, text: a.d.slice(s)}
	sp.id = a.actors.resolve(s, hint)
	a.setLast(sp)
	return sp
}

// setLast remembers sp as the last named speaker. Pronouns and other words
// that refer to no one of their own («سموه», "he", "how") are not
// remembered; a bare title or common noun with no referent («الوزارة») is,
// as the anonymous speaker it stands for.
func (a *attributor) setLast(sp speaker) {
	if sp.id == "" {
		sp.id = a.documentSpeaker(sp) // «وأضاف البيان … وتابع»: the issuer goes on
	}
	if sp.id == "" && sp.span.Len() > 0 {
		if cls, _, ok := a.actors.nonNameSpan(sp.span); ok {
			if cls != wordTitle && cls != wordNoun {
				return
			}
			sp.id = a.actors.unresolved(sp.span)
		}
	}
	if a.last.ok() && a.last.span != sp.span {
		a.recent = append([]speaker{a.last}, a.recent...)
		if len(a.recent) > 4 {
			a.recent = a.recent[:4]
		}
	}
	a.last = sp
	a.lastSent = a.d.sentenceOf(sp.span.Start)
}

// gender is what a verb's or a noun's form says about its subject.
type gender uint8

const (
	genderUnknown gender = iota
	genderMasc
	genderFem
)

// carriedAgreeing returns the last speaker whose gender agrees with a verb
// of gender g at token i («وأضافت» after «قال الوزير … وقالت الوزارة» is
// the ministry), or the last speaker when none named in the last few
// sentences does.
func (a *attributor) carriedAgreeing(g gender, i int) speaker {
	sp := a.last
	num := a.verbNumber(i)
	if (g != genderUnknown || num != numberUnknown) && sp.ok() && !(agrees(sp, g) && agreesInNumber(sp, num)) {
		found := false
		for _, r := range a.recent {
			if a.d.sentenceOf(a.d.tokens[i].start)-a.d.sentenceOf(r.span.Start) > 4 {
				break
			}
			if agrees(r, g) && (g != genderFem || r.fem) && agreesInNumber(r, num) {
				sp, found = r, true
				a.setLast(r)
				break
			}
		}
		if !found && (!agreesInNumber(sp, num) || !agrees(sp, g)) {
			// «وأضافوا» after one named person, «وأضافت» after a man: no
			// antecedent agrees.
			return speaker{}
		}
	}
	if !sp.ok() {
		return sp
	}
	sp.ante = sp.span
	sp.span = Span{}
	return sp
}

// number is what a verb's form says about how many its subject is.
type number uint8

const (
	numberUnknown number = iota
	numberOne
	numberMany
)

// verbNumber returns the number that the Arabic cue at token i agrees with
// when its subject is implied: «أضاف», «أضافت», «مشيرا» one; «أضافوا»,
// «يضيفون», «مشيرين» many; duals and other tokens unknown.
func (a *attributor) verbNumber(i int) number {
	if a.d.lang != "ar" || i < 0 || i >= len(a.d.tokens) {
		return numberUnknown
	}
	if _, ok := a.arCue(i); !ok {
		return numberUnknown
	}
	n := arBare(a.norm(i))
	switch {
	case strings.HasSuffix(n, "وا") || strings.HasSuffix(n, "ون") || strings.HasSuffix(n, "ين"):
		return numberMany
	case strings.HasSuffix(n, "ا") && !strings.HasSuffix(n, "يا"):
		if _, ok := cuesAr[strings.TrimSuffix(n, "ا")]; ok {
			return numberUnknown // dual «أضافا»
		}
	}
	if a.arVerbGender(i) == genderUnknown {
		return numberUnknown
	}
	return numberOne
}

// agreesInNumber reports whether speaker sp may be the implied subject of a
// verb of number n.
func agreesInNumber(sp speaker, n number) bool {
	switch n {
	case numberOne:
		return !sp.many
	case numberMany:
		return !sp.one
	}
	return true
}

// agrees reports whether speaker sp may be the subject of a verb of
// gender g.
func agrees(sp speaker, g gender) bool {
	switch g {
	case genderFem:
		return !sp.masc
	case genderMasc:
		return !sp.fem
	}
	return true
}

// trimContent narrows tokens [i, j] by leading and trailing punctuation that
// belongs to no quotation (commas, colons, dashes, a final period).
func (a *attributor) trimContent(i, j int) (int, int) {
	toks := a.d.tokens
	for i <= j && toks[i].kind == tokPunct && !isOpenQuote(toks[i].text) && toks[i].text != "(" {
		i++
	}
	for j >= i && toks[j].kind == tokPunct && separators[toks[j].text] {
		j--
	}
	return i, j
}

// hasWord reports whether tokens [i, j] hold anything but punctuation.
func (a *attributor) hasWord(i, j int) bool {
	for k := max(i, 0); k <= j && k < len(a.d.tokens); k++ {
		if a.d.tokens[k].kind != tokPunct {
			return true
		}
	}
	return false
}

// separators are the punctuation that may end a clause but belongs to
// neither side of it.
var separators = setOf(".", ",", "،", ";", "؛", ":", "-", "–", "—", "―")

// emit adds a statement with the given tokens of cue and content [ci, cj].
// It returns false when the content is empty or already attributed.
func (a *attributor) emit(sp speaker, cueI, cueJ, ci, cj int, kind StatementKind, conf float64) bool {
	if !sp.ok() || ci < 0 || cj >= len(a.d.tokens) {
		return false
	}
	ci, cj = a.trimContent(ci, cj)
	if ci > cj {
		return false
	}
	words := 0
	for k := ci; k <= cj; k++ {
		if a.d.tokens[k].kind != tokPunct {
			words++
		}
	}
	if words == 0 {
		return false
	}
	cs := a.tokSpan(ci, cj)
	if a.seen[cs] {
		return false
	}
	a.seen[cs] = true
	if kind == Direct {
		// The content of a quotation is what stands between the marks, and
		// its span says so too.
		if _, ok := a.q.opensAt(ci); ok {
			if r, ok := a.q.closesAt(cj); ok && r.open == ci && cj > ci+1 {
				cs = a.tokSpan(ci+1, cj-1)
			}
		}
	}
	content := a.d.slice(cs)
	cue := a.cueSpan(cueI, cueJ)
	st := Statement{
		SpeakerID:   sp.id,
		SpeakerText: sp.text,
		SpeakerSpan: sp.span,
		Cue:         a.d.slice(cue),
		CueSpan:     cue,
		Content:     content,
		ContentSpan: cs,
		Kind:        kind,
		Sentence:    a.d.sentenceOf(cue.Start),
		Confidence:  conf,
		MentionIDs:  a.actors.mentionsIn(cs),
	}
	if st.SpeakerID == "" && sp.ante.Len() > 0 {
		st.SpeakerID = a.actors.resolve(sp.ante, KindUnknown)
	}
	if st.SpeakerID == "" && sp.ante.Len() == 0 {
		st.SpeakerID = a.antecedentOf(sp, cueI)
	}
	if st.SpeakerID == "" {
		st.SpeakerID = a.documentSpeaker(sp)
	}
	if st.SpeakerID == "" {
		// Every statement has a speaker actor, even one the actor finder
		// cannot classify.
		ante := sp.span
		if ante.Len() == 0 {
			ante = sp.ante
		}
		if st.SpeakerID = a.actors.unclassified(ante); st.SpeakerID == "" {
			return false
		}
	}
	st.Confidence = a.calibrate(&st, words, conf)
	a.out = append(a.out, st)
	if cueJ < ci {
		a.noteIssuer(st.SpeakerID, cueJ+1, ci-1)
	}
	return true
}

// cueSpan returns the span of the cue in tokens [i, j], without an Arabic
// proclitic و or ف joined to its first word: the cue of «وقال» is «قال».
func (a *attributor) cueSpan(i, j int) Span {
	sp := a.tokSpan(i, j)
	if a.d.lang != "ar" {
		return sp
	}
	t := a.d.tokens[i]
	n := arBare(t.norm)
	if _, whole := cuesAr[t.norm]; whole || n == t.norm {
		return sp
	}
	_, bare := cuesAr[n]
	bare = bare || n == "بين" || n == "عبر" || n == "جاء" // «وبين», «وعبر» (arCue), «وجاء في» (arCameIn)
	_, twice := cuesAr[arBare(n)]                         // «ووفقا», «فبحسب»
	if !bare && !twice {
		return sp // no cue word (a relay's «عن»)
	}
	// Skip the proclitic and any diacritics written on it.
	rs := a.d.runes[t.start:t.end]
	k := 1
	for k < len(rs)-1 && isMark(rs[k]) {
		k++
	}
	sp.Start = t.start + k
	return sp
}

// calibrate returns the confidence of st, found by a rule whose own
// confidence is conf, from what makes attributions more often right on the
// development sets: quotations of some length, content of a full clause,
// speakers that are known actors, and verbs of plain saying rather than of
// judging, perceiving or wanting ("called", "found", "wants").
func (a *attributor) calibrate(st *Statement, words int, conf float64) float64 {
	// How the rule found the speaker tells less than what it found: a
	// carried speaker is right about as often as a named one.
	conf = 0.8 + 0.3*(conf-0.8)
	switch {
	case words < 5:
		conf -= 0.15
	case words < 10:
		conf -= 0.05
	}
	if st.Kind == Direct && words >= 10 {
		conf += 0.05
	} else if st.Kind == Indirect {
		conf -= 0.05
	}
	if a.actors.kind(st.SpeakerID) == KindUnknown {
		conf -= 0.1
	}
	if a.d.lang != "ar" {
		cue, _, _ := strings.Cut(strings.ToLower(st.Cue), " ")
		if !plainSpeechCues[cue] {
			conf -= 0.1
		}
	}
	return min(max(conf, 0.05), 0.99)
}

// plainSpeechCues are the English cues that report speech itself.
var plainSpeechCues = setOf("said", "says", "say", "saying", "told", "tells", "added", "adds", "adding", "stated", "states",
	"noted", "notes", "noting", "wrote", "writes", "writing", "reported", "reports", "according", "explained", "explains",
	"argued", "argues", "responded", "replied", "continued", "recalled", "agreed", "suggested", "warned", "warns",
	"acknowledged", "insisted", "insists", "stressed", "asserted", "testified", "announced", "confirmed", "denied",
	"explaining", "telling", "warning", ":", "―", "—", "–", "-")

// findStatements returns the attributions in d: who said what.
func findStatements(d *document, actors *actorTable) []Statement {
	if len(d.tokens) == 0 {
		return nil
	}
	a := newAttributor(d, actors)
	if d.lang == "ar" {
		a.arabic()
	} else {
		a.english()
	}
	a.joinParagraphQuotes()
	return a.out
}

// joinParagraphQuotes extends a quotation left open at the end of a
// paragraph over the quotations that open the paragraphs after it, as news
// style reopens a quotation that runs on («…\n\n«…»», "…\n\n“…”"): the
// speaker goes on. A paragraph quotation that is already a statement's
// content, or that holds a statement's cue (a transcript's
// "\"JONES: …" turn), stops the chain.
func (a *attributor) joinParagraphQuotes() {
	d := a.d
	starts := map[int]bool{}
	var cues []int // the statements' cue tokens, sorted
	for _, st := range a.out {
		if k := d.tokenAt(st.ContentSpan.Start); k >= 0 {
			starts[k] = true
			if k > 0 {
				starts[k-1] = true
			}
		}
		if k := d.tokenAt(st.CueSpan.Start); k >= 0 {
			cues = append(cues, k)
		}
	}
	slices.Sort(cues)
	// cueWithin reports whether a statement's cue lies in tokens i..j.
	cueWithin := func(i, j int) bool {
		k, _ := slices.BinarySearch(cues, i)
		return k < len(cues) && cues[k] <= j
	}
	for n := range a.out {
		st := &a.out[n]
		last := d.tokenAt(st.ContentSpan.End) - 1
		if last < 0 || last >= len(d.tokens) || a.q.in[last] < 0 {
			continue
		}
		r := a.q.regions[a.q.in[last]]
		if r.closed || r.close < last || a.hasWord(last+1, r.close) {
			continue
		}
		end := -1
		for !r.closed && r.close+1 < len(d.tokens) && d.breakBefore(r.close+1) {
			r2, ok := a.q.opensAt(r.close + 1)
			if !ok || starts[r2.open] || r2.close <= r2.open+1 || cueWithin(r2.open, r2.close) {
				break
			}
			end = r2.close
			if r2.closed {
				end--
			}
			r = r2
		}
		if end < 0 {
			continue
		}
		if k := d.tokenAt(st.ContentSpan.Start); k >= 0 && isOpenQuote(d.tokens[k].text) && k+1 <= end {
			st.ContentSpan.Start = d.tokens[k+1].start
		}
		st.ContentSpan.End = d.tokens[end].end
		st.Content = d.slice(st.ContentSpan)
		st.Kind = Direct
	}
}

// antecedentOf returns the actor that a pronoun or honorific speaker sp
// («وقال سموه», "he said" with nothing resolved yet) refers to: the last
// speaker whose gender agrees with the pronoun, as a bare verb's implied
// subject does. It returns "" for other speakers and when none agrees.
func (a *attributor) antecedentOf(sp speaker, at int) string {
	cls, head, ok := a.actors.nonNameSpan(sp.span)
	if !ok || (cls != wordPronoun && cls != wordHonorific) {
		return ""
	}
	g := pronounGender(a.d.tokens[head].norm)
	c := a.carriedAgreeing(g, at)
	if !c.ok() || !agrees(c, g) {
		return ""
	}
	if c.id != "" {
		return c.id
	}
	if c.ante.Len() > 0 {
		return a.actors.resolve(c.ante, KindUnknown)
	}
	return ""
}

// pronounGender returns the gender of a pronoun: an Arabic joined ها or
// the word هي is feminine, a joined ه or هو masculine; English "she" and
// "her" feminine, "he" and "his" masculine; plurals and duals say nothing.
func pronounGender(w string) gender {
	switch w {
	case "هي", "she", "her", "hers", "herself":
		return genderFem
	case "هو", "he", "him", "his", "himself":
		return genderMasc
	}
	if !isArabicWord(w) {
		return genderUnknown
	}
	switch {
	case strings.HasSuffix(w, "هم") || strings.HasSuffix(w, "هما") || strings.HasSuffix(w, "هن"):
		return genderUnknown
	case strings.HasSuffix(w, "ها"):
		return genderFem
	case strings.HasSuffix(w, "ه"):
		return genderMasc
	}
	return genderUnknown
}
