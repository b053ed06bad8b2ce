package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// actorTable collects the actors of one document and where they are named.
//
// It finds mentions in four passes over the tokens, each leaving alone the
// tokens an earlier pass took: gazetteer names and role titles (longest
// match, Arabic with proclitics stripped from the first token); anonymous
// and collective sources («مسؤول أمريكي», «مصادر مطلعة», "officials");
// names after titles and capitalised English names; and surnames of the
// names found, so «دي ماريا» after «آنخيل دي ماريا» is the same actor.
type actorTable struct {
	d        *document
	g        *gazetteer
	actors   []*actorRec
	byID     map[string]int
	mentions []mention  // sorted by start once newActorTable returns
	covered  []bool     // per token: taken by a mention
	keys     []string   // per token: matchKey of its normalised text
	forms    [][]clitic // per token: its readings without proclitics, on demand
	single   []clitic   // backing store of the one-reading forms
	headline []bool     // per token: on a title-case line, on demand
	clitic   []int8     // per token: cliticRunes+1, 0 until computed
	bare     []string   // per token: bareKey, once clitic is known
}

// actorRec is an actor being built.
type actorRec struct {
	id, name string
	kind     ActorKind
	entry    int // gazetteer entry, or -1
	aliases  []string
	tails    [][]string // surname keys that refer back to this actor
	keys     []string   // the match keys of name, on demand (nameKeys)
}

// nameKeys returns the match keys of the actor's name, computed once.
func (r *actorRec) nameKeys() []string {
	if r.keys == nil {
		r.keys = phraseKeys(r.name)
	}
	return r.keys
}

// mention is one place where the text names an actor.
type mention struct {
	span        Span
	first, last int // token indices, inclusive
	actor       int
	role        bool // a role title or description rather than a name
}

// newActorTable finds the actors that d names.
func newActorTable(d *document) *actorTable {
	t := &actorTable{d: d, g: mustGazetteer(), byID: map[string]int{}, covered: make([]bool, len(d.tokens)), keys: make([]string, len(d.tokens)), forms: make([][]clitic, len(d.tokens))}
	for i, tk := range d.tokens {
		t.keys[i] = matchKey(tk.norm)
	}
	t.scanGazetteer()
	t.scanKingdom()
	t.scanSources()
	t.scanBylines()
	t.scanNames()
	t.joinAppositions()
	t.scanTails()
	t.joinVariants()
	t.sortMentions()
	return t
}

// resolve returns the ID of the actor named by the phrase at span s (a name,
// title, role or description), adding an actor of kind hint when none fits.
// Of several actors named inside s it picks the longest mention, then the
// first. It returns "" for an empty span or a phrase of pronouns and
// particles only («هو», "he", «وقال»).
func (t *actorTable) resolve(s Span, hint ActorKind) string {
	s = t.clip(s)
	if s.Len() <= 0 {
		return ""
	}
	best := -1
	for i, m := range t.mentions {
		if m.span.Start >= s.End {
			break
		}
		if !s.Contains(m.span) {
			continue
		}
		if best < 0 || m.span.Len() > t.mentions[best].span.Len() {
			best = i
		}
	}
	if best < 0 {
		// A mention that the span cuts through.
		for i, m := range t.mentions {
			if m.span.Start < s.End && s.Start < m.span.End {
				best = i
				break
			}
		}
	}
	if best >= 0 {
		if f, l, ok := t.nameBefore(s, t.mentions[best].first); ok {
			// «طالب يحيى السالم الجهات المختصة»: the subject comes
			// before the object that holds the mention.
			return t.unclassified(Span{t.d.tokens[f].start + t.cliticRunes(f), t.d.tokens[l].end})
		}
		return t.actors[t.mentions[best].actor].id
	}
	first, last := t.d.tokenAt(s.Start), t.d.tokenAt(s.End)-1
	// Pronouns, honorifics, bare titles and common nouns name no actor of
	// their own: a title or noun refers to an actor named with it.
	if id, ok := t.resolveNonName(s, first, last, first, last); ok {
		return id
	}
	var words []int
	for i := first; i <= last && i < len(t.d.tokens); i++ {
		tk := t.d.tokens[i]
		if tk.kind == tokWord && t.g.words[t.bareKey(i)]&lexStop == 0 && t.g.words[tk.norm]&lexStop == 0 {
			words = append(words, i)
		}
	}
	if len(words) == 0 {
		return ""
	}
	if id, ok := t.resolveNonName(s, first, last, words[0], words[len(words)-1]); ok {
		return id // "While one company": the words left name no one either
	}
	if a := t.addSource(words[0], last); a >= 0 {
		t.sortMentions()
		return t.actors[a].id
	}
	kind := hint
	if kind == KindUnknown {
		// Without a hint, only a phrase that looks like a name or a person's
		// description makes an actor: «الباحث الفلكي», «الشقيق», "Joe Smith".
		w := words[0]
		cls := t.g.words[t.bareKey(w)] | t.g.words[t.keys[w]]
		for _, f := range t.formsOf(w) {
			cls |= t.g.words[f.key] // «للهيئة» is ل + الهيئة
		}
		// An English phrase is headed by its last word: "the electoral
		// commission", "Interior Ministry", "Harris County" are no people.
		head := words[len(words)-1]
		hcls := t.g.words[t.bareKey(head)] | t.g.words[t.keys[head]]
		latin := isLatin(t.d.tokens[head].text)
		switch {
		case latin && len(words) <= 4 && hcls&lexOrgHead != 0:
			kind = KindOrganization
		case latin && len(words) <= 4 && hcls&lexPlaceHead != 0:
			kind = KindPlace
		case cls&(lexTitle|lexPersonDesc) != 0 || t.titleAt(w) > 0 || t.constructTitleAt(w) > 0 || t.arabicPersonHead(w):
			kind = KindPerson
		case cls&lexOrgHead != 0:
			kind = KindOrganization
		case cls&lexPlaceHead != 0:
			kind = KindPlace
		case isLatin(t.d.tokens[w].text) && isCapitalised(t.d.tokens[w].text) && (!t.inHeadline(w) || cls&lexFirstName != 0 || t.namedInBody(w, head)):
			// In a title-case headline every word is capitalised.
			kind = KindPerson
		default:
			return ""
		}
	}
	// A phrase longer than a name is cut: a construct title keeps its
	// complement («حاكم كاليفورنيا»), anything else four words.
	maxWords := 4
	if t.constructTitleAt(words[0]) > 0 {
		maxWords = 2
	}
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	span := t.trimSpan(Span{t.d.tokens[words[0]].start + t.cliticRunes(words[0]), t.d.tokens[words[len(words)-1]].end}, words[len(words)-1])
	text := t.d.slice(span)
	if rs := []rune(text); strings.HasPrefix(t.d.tokens[words[0]].norm, "لل") && len(rs) > 4 && span.Start == t.d.tokens[words[0]].start {
		// «للهيئة العامة» is ل + «الهيئة العامة»: the name has its article.
		text = "ال" + string(rs[2:])
	}
	var idx int
	switch kind {
	case KindAnonymous, KindGroup:
		idx = t.ensure(t.d.id+"#"+slugOf(text), text, kind, -1)
	default:
		if kind == KindUnknown {
			kind = KindPerson
		}
		idx = t.ensure(nameID(text), text, kind, -1)
	}
	t.addMention(idx, words[0], words[len(words)-1], span, false)
	t.sortMentions()
	return t.actors[idx].id
}

// nameBefore returns the Arabic name of two or three words that opens span
// s before token m, the first of a definite mention inside s (the verb's
// object): words that are no lexicon's, title's, cue's or speaker word's,
// the first without the article.
func (t *actorTable) nameBefore(s Span, m int) (first, last int, ok bool) {
	first = t.d.tokenAt(s.Start)
	last = m - 1
	if first < 0 || last-first < 1 || last-first > 2 || t.d.tokens[first].start < s.Start || !strings.HasPrefix(t.keys[m], "ال") {
		return 0, 0, false
	}
	for j := first; j <= last; j++ {
		tk := t.d.tokens[j]
		if tk.kind != tokWord || t.covered[j] || isLatin(tk.text) || j > first && t.sameSentenceBreak(j) {
			return 0, 0, false
		}
		k := t.bareKey(j)
		if t.g.words[k]|t.g.words[t.keys[j]]|t.g.words["ال"+k] != 0 || speakerWordClass(tk.norm) != wordName || t.arabicPersonHead(j) {
			return 0, 0, false
		}
	}
	if strings.HasPrefix(t.keys[first], "ال") || t.possessedWordIn(first, last) {
		return 0, 0, false
	}
	return first, last, true
}

// resolveNonName returns the actor that the phrase at span s (tokens
// [first, last]) refers to when its tokens [i, j] name no one (nonName):
// for a bare title or common noun, the actor named with it (referent), else
// "". ok is false when tokens [i, j] may be a name.
func (t *actorTable) resolveNonName(s Span, first, last, i, j int) (id string, ok bool) {
	cls, head, ok := t.nonName(i, j)
	if !ok {
		return "", false
	}
	if cls == wordTitle || cls == wordNoun {
		if a := t.referent(head); a >= 0 {
			t.addMention(a, first, max(last, first), s, true)
			t.sortMentions()
			return t.actors[a].id, true
		}
	}
	return "", true
}

// unclassified returns the ID of an actor of unknown kind named by the
// words at s, scoped to the article, for a speaker no other rule makes an actor of.
// It returns "" for an empty span.
func (t *actorTable) unclassified(s Span) string {
	s = t.clip(s)
	if s.Len() <= 0 {
		return ""
	}
	if _, _, ok := t.nonNameSpan(s); ok {
		return t.unresolved(s)
	}
	first, last := t.d.tokenAt(s.Start), t.d.tokenAt(s.End)-1
	if last < first {
		last = first
	}
	// «سواريز (28 عاما)»: an age or a note in brackets is no part of a name.
	for k := first + 1; k <= last && k < len(t.d.tokens); k++ {
		if t.d.tokens[k].text == "(" {
			last = k - 1
			s.End = t.d.tokens[last].end
			break
		}
	}
	if a := t.surnameOf(first, last); a >= 0 {
		t.addMention(a, first, last, s, false)
		t.sortMentions()
		return t.actors[a].id
	}
	if a := t.bodyNamedBefore(first, last); a >= 0 {
		t.addMention(a, first, last, s, false)
		t.sortMentions()
		return t.actors[a].id
	}
	text := t.d.slice(s)
	idx := t.ensure(t.d.id+"#"+slugOf(text), text, KindUnknown, -1)
	t.addMention(idx, first, last, s, false)
	t.sortMentions()
	return t.actors[idx].id
}

// bodyNamedBefore returns the organization, group or source named before
// whose name holds the one definite Arabic word at tokens first..last
// without its article: «المصدر» after «مصدر مقرب», «المختصون» after
// «مختصون اقتصاديون», «الشرطة» after «إدارة شرطة المدينة». It returns -1
// when none or several do.
func (t *actorTable) bodyNamedBefore(first, last int) int {
	if first != last || first >= len(t.d.tokens) || t.d.tokens[first].kind != tokWord {
		return -1
	}
	stem, ok := strings.CutPrefix(t.bareKey(first), "ال")
	if !ok || utf8.RuneCountInString(stem) < 3 {
		return -1
	}
	found := -1
	for a, r := range t.actors {
		switch r.kind {
		case KindOrganization, KindGroup, KindAnonymous, KindUnknown:
		default:
			continue
		}
		if r.kind == KindUnknown && len(r.nameKeys()) < 2 {
			continue
		}
		if !slices.Contains(r.nameKeys(), stem) {
			continue
		}
		if found >= 0 && found != a {
			return -1
		}
		found = a
	}
	return found
}

// surnameOf returns the actor whose name, of two words or more and not
// from the gazetteer, ends in the one Arabic word at tokens first..last
// («كامل» after «صالح كامل»), or -1.
func (t *actorTable) surnameOf(first, last int) int {
	if first != last || first >= len(t.d.tokens) {
		return -1
	}
	tk := t.d.tokens[first]
	k := t.bareKey(first)
	if tk.kind != tokWord || isLatin(tk.text) || utf8.RuneCountInString(k) < 3 || t.g.words[k]&^lexFirstName != 0 || t.g.words[t.keys[first]]&^lexFirstName != 0 {
		return -1
	}
	for a, r := range t.actors {
		if r.entry >= 0 || r.kind != KindUnknown && r.kind != KindPerson {
			continue
		}
		if keys := r.nameKeys(); len(keys) >= 2 && len(keys) <= 4 && (keys[len(keys)-1] == k || keys[len(keys)-1] == t.keys[first]) {
			return a
		}
	}
	return -1
}

// mentionsIn returns the IDs of the actors named inside span s, each once,
// in order of first mention.
func (t *actorTable) mentionsIn(s Span) []string {
	var out []string
	seen := map[int]bool{}
	for _, m := range t.mentions {
		if m.span.Start >= s.End {
			break
		}
		if s.Contains(m.span) && !seen[m.actor] {
			seen[m.actor] = true
			out = append(out, t.actors[m.actor].id)
		}
	}
	return out
}

// kind returns the kind of the actor with the given ID.
func (t *actorTable) kind(id string) ActorKind {
	if i, ok := t.byID[id]; ok {
		return t.actors[i].kind
	}
	return KindUnknown
}

// list returns the actors, each once, in order of first mention. Actors
// left with no mention (a title that turned out to name someone else) are
// dropped.
func (t *actorTable) list() []Actor {
	spans := make([][]Span, len(t.actors))
	var order []int
	for _, m := range t.mentions {
		if spans[m.actor] == nil {
			order = append(order, m.actor)
		}
		spans[m.actor] = append(spans[m.actor], m.span)
	}
	out := make([]Actor, 0, len(order))
	for _, i := range order {
		r := t.actors[i]
		a := Actor{ID: r.id, Name: r.name, Kind: r.kind, Mentions: spans[i]}
		seen := map[string]bool{NormalizeArabic(r.name): true}
		add := func(s string) {
			if k := NormalizeArabic(s); s != "" && !seen[k] {
				seen[k] = true
				a.Aliases = append(a.Aliases, s)
			}
		}
		if r.entry >= 0 {
			e := t.g.entries[r.entry]
			for _, n := range e.names {
				add(n)
			}
			a.Roles = append(a.Roles, e.roles...)
		}
		for _, s := range r.aliases {
			add(s)
		}
		out = append(out, a)
	}
	return out
}

// ensure returns the index of the actor with the given id, adding it.
func (t *actorTable) ensure(id, name string, kind ActorKind, entry int) int {
	if i, ok := t.byID[id]; ok {
		return i
	}
	t.byID[id] = len(t.actors)
	t.actors = append(t.actors, &actorRec{id: id, name: name, kind: kind, entry: entry})
	return len(t.actors) - 1
}

func (t *actorTable) ensureEntry(e int) int {
	en := t.g.entries[e]
	return t.ensure(en.id, en.name, en.kind, e)
}

// trimSpan cuts an English possessive off a span that ends with token last.
func (t *actorTable) trimSpan(span Span, last int) Span {
	if tk := t.d.tokens[last]; tk.kind == tokWord && tk.text[0] < 0x80 && span.End == tk.end {
		span.End -= utf8.RuneCountInString(tk.text) - utf8.RuneCountInString(trimPossessive(tk.text))
	}
	return span
}

// addMention records that tokens first..last (at span) name actor a.
func (t *actorTable) addMention(a, first, last int, span Span, role bool) {
	span = t.trimSpan(span, last)
	t.mentions = append(t.mentions, mention{span: span, first: first, last: last, actor: a, role: role})
	for i := first; i <= last && i < len(t.covered); i++ {
		t.covered[i] = true
	}
	r := t.actors[a]
	if s := t.d.slice(span); s != "" && !containsString(r.aliases, s) {
		r.aliases = append(r.aliases, s)
	}
}

func (t *actorTable) sortMentions() {
	sort.SliceStable(t.mentions, func(i, j int) bool { return t.mentions[i].span.Start < t.mentions[j].span.Start })
}

func (t *actorTable) clip(s Span) Span {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(t.d.runes) {
		s.End = len(t.d.runes)
	}
	return s
}

// cliticRunes returns how many code points of token i's text a stripped
// proclitic takes, for the best gazetteer-free reading: the article and
// conjunctions stay out of names found by patterns.
func (t *actorTable) cliticRunes(i int) int {
	if t.clitic == nil {
		t.clitic = make([]int8, len(t.d.tokens))
		t.bare = make([]string, len(t.d.tokens))
	}
	if c := t.clitic[i]; c > 0 {
		return int(c) - 1
	}
	n := t.computeCliticRunes(i)
	t.clitic[i] = int8(n + 1)
	t.bare[i] = t.keys[i]
	if n > 0 {
		tk := t.d.tokens[i]
		_, size := utf8.DecodeRuneInString(tk.norm)
		t.bare[i] = matchKey(tk.norm[size:])
	}
	return n
}

func (t *actorTable) computeCliticRunes(i int) int {
	tk := t.d.tokens[i]
	if tk.norm == "" || tk.norm[0] < 0x80 {
		return 0
	}
	for _, p := range []string{"و", "ف", "ب", "ل"} {
		rest, ok := strings.CutPrefix(tk.norm, p)
		if ok && utf8.RuneCountInString(rest) >= 3 && (strings.HasPrefix(rest, "ال") || t.g.words[matchKey(rest)]&^lexFirstName != 0 || t.g.multi[matchKey(rest)] != nil) {
			return surfaceRunes(tk.text, 1)
		}
	}
	return 0
}

// bareKey returns token i's key without a single conjunction or preposition
// proclitic, when one is there.
func (t *actorTable) bareKey(i int) string {
	t.cliticRunes(i)
	return t.bare[i]
}

// surfaceRunes returns how many runes of text hold its first n normalised
// runes (diacritics and tatweel count with the letter before them).
func surfaceRunes(text string, n int) int {
	rs := []rune(text)
	kept, i := 0, 0
	for ; i < len(rs) && kept < n; i++ {
		if _, keep := foldRune(rs[i]); keep {
			kept++
		}
	}
	for i < len(rs) {
		if _, keep := foldRune(rs[i]); keep {
			break
		}
		i++
	}
	return i
}

// formsOf returns the readings of token i (cliticForms), computed once.
func (t *actorTable) formsOf(i int) []clitic {
	if t.forms[i] == nil {
		if norm := t.d.tokens[i].norm; norm == "" || norm[0] < 0x80 || !hasProclitic(norm) {
			// Most tokens have one reading: no allocation.
			if t.single == nil {
				t.single = make([]clitic, len(t.d.tokens))
			}
			t.single[i] = clitic{t.keys[i], 0}
			t.forms[i] = t.single[i : i+1 : i+1]
		} else {
			t.forms[i] = cliticForms(nil, norm)
		}
	}
	return t.forms[i]
}

// hasProclitic reports whether the Arabic word w may start with a proclitic.
func hasProclitic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك', 'ا', 'س':
		return true
	}
	return false
}

// ---- pass 1: gazetteer names and role titles ----

func (t *actorTable) scanGazetteer() {
	toks := t.d.tokens
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokWord {
			continue
		}
		buf := t.formsOf(i)
		var best *gazPhrase
		bestClitic := 0
		for fi, f := range buf {
			for _, p := range t.g.phrases[f.key] {
				if best != nil && len(p.keys) <= len(best.keys) {
					break
				}
				if t.phraseAt(i, p, fi > 0) {
					best, bestClitic = p, f.n
					break
				}
			}
		}
		if best == nil {
			continue
		}
		last := i + len(best.keys) - 1
		span := Span{toks[i].start + surfaceRunes(toks[i].text, bestClitic), toks[last].end}
		if e := best.entry; e >= 0 && t.g.entries[e].kind == KindPerson && last > i {
			// «ريان» after «بول ريان»: the last word of a full name refers back.
			a := t.ensureEntry(e)
			tl := []string{t.keys[last]}
			if !containsTail(t.actors[a].tails, tl) && utf8.RuneCountInString(tl[0]) >= 3 {
				t.actors[a].tails = append(t.actors[a].tails, tl)
			}
		}
		if best.entry < 0 && t.formerAfter(last) {
			// «الرئيس الفرنسي السابق»: a former holder's title names
			// someone other than the holder on the day; the name
			// pass gives it to the name beside it.
			i = last
			continue
		}
		if best.entry < 0 && i > 0 && t.deputyBefore(i) {
			// «نائب الرئيس العراقي», "deputy foreign minister": a deputy's
			// title holds the office's title, but not its holder. The
			// title is left to the name pass, with the name beside it.
			i = last
			continue
		}
		if best.entry >= 0 && t.g.entries[best.entry].kind == kindNone {
			for j := i; j <= last; j++ {
				t.covered[j] = true
			}
		} else if best.entry >= 0 {
			t.addMention(t.ensureEntry(best.entry), i, last, span, false)
		} else {
			t.addRoleMention(best.role, i, last, span)
		}
		i = last
	}
}

// deputyHeads are the words that make an office's title the title of
// someone else (normalised, matchKey): «نائب الرئيس», «مستشار الملك»,
// "deputy prime minister", "vice president".
var deputyHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("نائب نائبه مساعد مساعده مستشار مستشاره وكيل وكيله مبعوث مبعوثه سفير سفيره مدير ناطق متحدث باسم deputy vice assistant adviser advisor aide envoy spokesman spokeswoman spokesperson") {
		m[matchKey(NormalizeArabic(w))] = true
	}
	return m
}()

// deputyBefore reports whether the word before token i is a deputy head
// (deputyHeads), within the same sentence.
func (t *actorTable) deputyBefore(i int) bool {
	j := i - 1
	if t.d.tokens[j].kind != tokWord || t.sameSentenceBreak(i) {
		return false
	}
	return deputyHeads[t.bareKey(j)] || deputyHeads[matchKey(strings.ToLower(t.d.tokens[j].text))]
}

// formerAfter reports whether the word after token j, in the same
// sentence, makes a title a former one («السابق», «الأسبق», "former" comes
// before its title and is not read here).
func (t *actorTable) formerAfter(j int) bool {
	n := j + 1
	if n >= len(t.d.tokens) || t.d.tokens[n].kind != tokWord || t.sameSentenceBreak(n) {
		return false
	}
	return arFormerWords[t.keys[n]]
}

// arFormerWords are the adjectives that make a title a former one.
var arFormerWords = keySet("السابق", "السابقة", "الأسبق", "الأسبقة")

// kingdomKey is «المملكة» as a key (matchKey of the normalised word).
var kingdomKey = matchKey(NormalizeArabic("المملكة"))

// scanKingdom resolves «المملكة» standing alone, as Arabic news writes it for
// the kingdom it is about: «المملكة» with a nationality after it names that
// country («المملكة الأردنية»); bare, it names the one kingdom the article
// names in full or by its name («المملكة المغربية», «المغرب»), and with
// none or several named, Saudi Arabia when it is among them or none is, as
// the Gulf press that writes most of this news means by it.
func (t *actorTable) scanKingdom() {
	toks := t.d.tokens
	var bare []int
	for i := range toks {
		if toks[i].kind != tokWord || t.covered[i] || t.bareKey(i) != kingdomKey {
			continue
		}
		if i+1 < len(toks) && toks[i+1].kind == tokWord && !t.sameSentenceBreak(i+1) && strings.HasPrefix(t.keys[i+1], "ال") {
			// «المملكة الأردنية»: the nationality names the country.
			if e, nat := t.g.nisba[nisbaStem(t.keys[i+1])]; nat {
				span := Span{toks[i].start + t.cliticRunes(i), toks[i+1].end}
				t.addMention(t.ensureEntry(e), i, i+1, span, false)
				continue
			}
			if t.covered[i+1] || t.g.words[t.keys[i+1]] != 0 {
				continue
			}
		}
		bare = append(bare, i)
	}
	if len(bare) == 0 {
		return
	}
	saudi, ok := t.g.byID["saudi-arabia"]
	if !ok {
		return
	}
	named := -1
	for _, m := range t.mentions {
		e := t.actors[m.actor].entry
		if e < 0 || !t.g.kingdoms[e] || e == named {
			continue
		}
		if named >= 0 {
			named = saudi // several kingdoms named
			break
		}
		named = e
	}
	if named < 0 {
		named = saudi
	}
	for _, i := range bare {
		span := Span{toks[i].start + t.cliticRunes(i), toks[i].end}
		t.addMention(t.ensureEntry(named), i, i, span, false)
	}
}

// phraseAt reports whether phrase p is written at token i. stripped says
// the first token matched only without its proclitic.
func (t *actorTable) phraseAt(i int, p *gazPhrase, stripped bool) bool {
	toks := t.d.tokens
	last := i + len(p.keys) - 1
	if last >= len(toks) {
		return false
	}
	if !caseFits(toks[i].text, p.caps[0]) {
		return false
	}
	for k := 1; k < len(p.keys); k++ {
		tk := toks[i+k]
		if t.keys[i+k] != p.keys[k] || !caseFits(tk.text, p.caps[k]) {
			return false
		}
		// A name does not run across a line break.
		if t.sameSentenceBreak(i + k) {
			return false
		}
	}
	// A Latin name must not continue into a longer capitalised name
	// ("Jordan" in "Michael Jordan" is left to the name pass) unless the
	// gazetteer itself matched the longer name.
	if p.caps[len(p.caps)-1] == 1 && last+1 < len(toks) && len(p.keys) == 1 {
		if nx := toks[last+1]; nx.kind == tokWord && nx.start == toks[last].end+1 && isCapitalised(nx.text) && t.g.words[nx.norm]&lexStop == 0 {
			if i == 0 || !isCapitalised(toks[i-1].text) {
				return false
			}
		}
	}
	if p.guarded {
		return t.guardedAt(i, last) && !stripped
	}
	return true
}

// guardedAt reports whether tokens i..last stand beside quotation marks, a
// dash or a colon, as a newspaper named by a common word does.
func (t *actorTable) guardedAt(i, last int) bool {
	toks := t.d.tokens
	g := func(j int) bool {
		if j < 0 || j >= len(toks) || toks[j].kind != tokPunct {
			return false
		}
		switch toks[j].text {
		case "\"", "«", "»", "“", "”", "-", "–", "—", ":", "'":
			return true
		}
		return false
	}
	// A mark that closes a quotation before the name, or opens one after
	// it, belongs to another phrase: «لـ»فرانس برس» اليوم».
	switch toks[max(i-1, 0)].text {
	case "»", "”":
		return g(last+1) && toks[last+1].text != "«" && toks[last+1].text != "“"
	}
	return g(i-1) || g(last+1) && toks[last+1].text != "«" && toks[last+1].text != "“"
}

// addRoleMention records a role title, resolved to its holder on the day of
// publication; a title with no known holder then becomes an actor of its own
// unless a name stands beside it (joinAppositions).
func (t *actorTable) addRoleMention(role string, first, last int, span Span) {
	if e := t.g.holder(role, t.d.published); e >= 0 {
		t.addMention(t.ensureEntry(e), first, last, span, true)
		return
	}
	text := t.d.slice(span)
	t.addMention(t.ensure(nameID(text), text, KindPerson, -1), first, last, span, true)
}

// ---- pass 2: anonymous and collective sources ----

func (t *actorTable) scanSources() {
	toks := t.d.tokens
	for i := 0; i < len(toks); i++ {
		if t.covered[i] || toks[i].kind != tokWord {
			continue
		}
		if a := t.addSource(i, len(toks)-1); a >= 0 {
			i = t.mentions[len(t.mentions)-1].last
		}
	}
}

// addSource adds the anonymous or collective source whose head is at
// token i and that ends at token limit or before, and returns its actor, or
// -1 when no source starts there.
func (t *actorTable) addSource(i, limit int) int {
	toks := t.d.tokens
	if strings.HasSuffix(toks[i].norm, "يه") {
		return -1 // «مسؤولية» is a responsibility, not «مسؤولي»
	}
	buf := t.formsOf(i)
	var head *sourceHead
	cl := 0
	for _, f := range buf {
		for _, h := range t.g.sources[f.key] {
			if t.keysAt(i, h.keys) {
				head, cl = h, f.n
				break
			}
		}
		if head != nil {
			break
		}
	}
	if head == nil {
		return -1
	}
	// «المتحدث الرسمي باسم …» introduces a name: the title pass takes it.
	if pre := string([]rune(toks[i].norm)[:cl]); head.needModifier && (strings.HasSuffix(pre, "ال") || strings.HasSuffix(pre, "لل")) {
		return -1
	}
	hl := i + len(head.keys) - 1
	var first, last int
	var ok bool
	if isLatin(toks[i].text) {
		first, last, ok = t.englishSource(i, hl, head)
	} else {
		first, last, ok = t.arabicSource(i, hl, head)
	}
	if !ok || last > limit {
		return -1
	}
	span := Span{toks[first].start, toks[last].end}
	if first == i {
		// The source keeps its article: «المصادر الطبية», not «مصادر الطبية».
		if pre := string([]rune(toks[i].norm)[:cl]); strings.HasSuffix(pre, "ال") {
			cl -= 2
		}
		span.Start += surfaceRunes(toks[i].text, cl)
	}
	text := t.d.slice(span)
	slug := head.slug
	for j := hl + 1; j <= last; j++ {
		if toks[j].kind == tokWord {
			slug += "-" + nisbaStem(t.bareKey(j))
		}
	}
	for j := first; j < i; j++ {
		if w := strings.ToLower(toks[j].norm); toks[j].kind == tokWord && !isDeterminer(w) {
			slug += "-" + w
		}
	}
	a := t.ensure(t.d.id+"#"+slugOf(slug), text, head.kind, -1)
	// The source takes its tokens; names inside it (an organization in
	// «متحدث باسم …») keep their own mentions.
	for j := first; j <= last; j++ {
		t.covered[j] = true
	}
	t.mentions = append(t.mentions, mention{span: span, first: first, last: last, actor: a, role: true})
	if !containsString(t.actors[a].aliases, text) {
		t.actors[a].aliases = append(t.actors[a].aliases, text)
	}
	return a
}

// keysAt reports whether keys are written from token i on (the first key
// already checked by the caller through a clitic reading).
func (t *actorTable) keysAt(i int, keys []string) bool {
	if i+len(keys) > len(t.d.tokens) {
		return false
	}
	for k := 1; k < len(keys); k++ {
		if t.keys[i+k] != keys[k] {
			return false
		}
	}
	return true
}

// arabicSource extends an Arabic source head at tokens i..hl over its
// modifiers: nationality adjectives («أمريكي»), lexicon modifiers
// («مطلعة»), a construct complement («مسؤولو الإطفاء») and a prepositional
// phrase naming an organization or place («في البيت الأبيض», «باسم الجيش»).
func (t *actorTable) arabicSource(i, hl int, head *sourceHead) (first, last int, ok bool) {
	toks := t.d.tokens
	last = hl
	mods := 0
	hk := t.keys[hl]
	construct := strings.HasSuffix(hk, "و") || strings.HasSuffix(hk, "ي") && strings.HasPrefix(hk, "مسوول")
	for j := hl + 1; j < len(toks) && j <= hl+6; j++ {
		tk := toks[j]
		if tk.kind != tokWord || t.sameSentenceBreak(j) {
			break
		}
		k := matchKey(tk.norm)
		stem := nisbaStem(k)
		if _, nat := t.g.nisba[stem]; nat && !strings.HasPrefix(tk.norm, "ال") {
			last, mods = j, mods+1
			continue
		}
		if t.g.words[k]&lexModifier != 0 || t.g.words[matchKey(stem)]&lexModifier != 0 {
			last, mods = j, mods+1
			continue
		}
		if construct && j == hl+1 && strings.HasPrefix(tk.norm, "ال") {
			last, mods = j, mods+1
			continue
		}
		if head.kind == KindGroup {
			break // «رجال الإطفاء في كاليفورنيا» are the firefighters
		}
		if k == "في" || k == "باسم" || k == "لدي" || k == "من" || k == "ب" {
			if e := t.mentionEndingAfter(j + 1); e >= 0 {
				last, mods = e, mods+1
				break
			}
			if k == "باسم" {
				e := j
				for n := j + 1; n < len(toks) && n <= j+5 && toks[n].kind == tokWord && !t.covered[n] &&
					utf8.RuneCountInString(toks[n].norm) >= 2 && t.g.words[t.keys[n]]&lexStop == 0; n++ {
					e = n
				}
				if e > j {
					last, mods = e, mods+1
				}
			}
			break
		}
		// «بالبيت الأبيض», «بوزارة الداخلية»: a mention glued to a preposition.
		if strings.HasPrefix(tk.norm, "ب") && head.kind == KindAnonymous {
			if e := t.mentionEndingAfter(j); e >= 0 {
				last, mods = e, mods+1
			}
		}
		break
	}
	if head.needModifier && mods == 0 {
		return 0, 0, false
	}
	// An indefinite plural before a definite noun is a construct that names
	// something else: «تقارير الطب الشرعي», «مصادر الطاقة».
	if mods == 0 && hl == i && !strings.HasPrefix(toks[i].norm, "ال") && hl+1 < len(toks) && strings.HasPrefix(toks[hl+1].norm, "ال") &&
		toks[hl+1].kind == tokWord && t.g.words[t.keys[hl+1]]&lexStop == 0 {
		return 0, 0, false
	}
	return i, last, true
}

// mentionEndingAfter returns the last token of the mention that starts at
// token j, or -1.
func (t *actorTable) mentionEndingAfter(j int) int {
	for k := len(t.mentions) - 1; k >= 0; k-- {
		if t.mentions[k].first == j && !t.mentions[k].role {
			return t.mentions[k].last
		}
	}
	return -1
}

// personMentionAt returns the index of the name mention of a person that
// starts at token j, or -1.
func (t *actorTable) personMentionAt(j int) int {
	for k := len(t.mentions) - 1; k >= 0; k-- {
		if m := t.mentions[k]; m.first == j && !m.role && t.actors[m.actor].kind == KindPerson {
			return k
		}
	}
	return -1
}

// personMentionAfter returns the index of the name mention of a person that
// starts within skip tokens after token j, with only words of the title
// before it (definite words, no punctuation, no sentence break), or -1.
func (t *actorTable) personMentionAfter(j, skip int) int {
	toks := t.d.tokens
	for ; j < len(toks) && skip >= 0; j, skip = j+1, skip-1 {
		if toks[j].kind != tokWord || t.sameSentenceBreak(j) {
			return -1
		}
		if m := t.personMentionAt(j); m >= 0 {
			return m
		}
		k := t.bareKey(j)
		if t.covered[j] || !strings.HasPrefix(k, "ال") || t.g.words[k]&(lexStop|lexParticle) != 0 || arSpeakerStops[k] {
			return -1
		}
	}
	return -1
}

// sameSentenceBreak reports whether a line break comes before token j.
func (t *actorTable) sameSentenceBreak(j int) bool {
	if j == 0 {
		return false
	}
	for _, r := range t.d.runes[t.d.tokens[j-1].end:t.d.tokens[j].start] {
		if r == '\n' {
			return true
		}
	}
	return false
}

// englishSource extends an English source head leftwards over determiners
// and modifiers ("a senior administration official", "U.S. officials") and
// rightwards over "familiar with …", "close to …", "for …".
func (t *actorTable) englishSource(i, hl int, head *sourceHead) (first, last int, ok bool) {
	toks := t.d.tokens
	first, last = i, hl
	mods, det := 0, false
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		tk := toks[j]
		w := strings.ToLower(tk.norm)
		if tk.kind == tokPunct && tk.text == "." && j > 0 && t.covered[j-1] {
			continue // "U.S." spelt with periods
		}
		if tk.kind != tokWord {
			break
		}
		if isDeterminer(w) {
			first, det = j, true
			break
		}
		if t.g.words[w]&lexModifier != 0 || t.covered[j] && isCapitalised(tk.text) || t.isDemonym(tk.text) {
			first, mods = j, mods+1
			continue
		}
		break
	}
	// Do not swallow a name-mention to the left: "Trump aides" keeps Trump.
	for first < i && t.covered[first] && t.mentionEndingAfter(first) >= 0 && !t.isDemonym(toks[first].text) {
		first++
	}
	if n := hl + 1; n+1 < len(toks) {
		w := strings.ToLower(toks[n].norm)
		if (w == "familiar" || w == "close") && (strings.ToLower(toks[n+1].norm) == "with" || strings.ToLower(toks[n+1].norm) == "to") || w == "for" && head.needModifier {
			e := n
			for k := n + 1; k < len(toks) && k <= n+6 && toks[k].kind == tokWord; k++ {
				e = k
			}
			if e > n+1 || w == "for" && e > n {
				last, mods = e, mods+1
			}
		}
	}
	if head.needModifier && mods == 0 && !det {
		return 0, 0, false
	}
	return first, last, true
}

func isDeterminer(w string) bool {
	switch w {
	case "a", "an", "one", "another", "two", "three", "several", "some", "many", "other", "the":
		return true
	}
	return false
}

// isDemonym reports whether s is an English nationality adjective from the
// gazetteer ("American", "Iraqi").
func (t *actorTable) isDemonym(s string) bool {
	_, ok := t.g.demonyms[strings.ToLower(s)]
	return ok
}

// ---- pass 3: names after titles, bylines, capitalised English names ----

// scanBylines finds the reporter of an Arabic dateline: «فهد المنجومي- سبق-
// جدة:», a short name before a dash that an outlet or place follows.
func (t *actorTable) scanBylines() {
	toks := t.d.tokens
	n := 0
	for n < len(toks) && n < 4 && toks[n].kind == tokWord && !t.covered[n] {
		n++
	}
	if n < 2 || n > 3 || n >= len(toks)-1 || !isDash(toks[n].text) || !t.covered[n+1] {
		return
	}
	if isLatin(toks[0].text) {
		return
	}
	t.addName(0, n-1, KindPerson)
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

func (t *actorTable) scanNames() {
	toks := t.d.tokens
	vague := map[string]int{} // vague body head -> the body it named first
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokWord {
			continue
		}
		if isLatin(toks[i].text) {
			i = t.englishName(i)
			continue
		}
		if t.covered[i] {
			continue
		}
		if l := t.arabicKunya(i); l > i {
			t.addName(i, l, KindPerson)
			i = l
			continue
		}
		if arOccupations[t.bareKey(i)] && t.keys[i] == t.bareKey(i) && i+1 < len(toks) && toks[i+1].kind == tokWord && (i == 0 || t.sameSentenceBreak(i) || toks[i-1].kind != tokWord ||
			speakerWordClass(toks[i-1].norm) == wordOther || t.g.words[t.keys[i-1]]&lexStop != 0) {
			// «وقال الاقتصادي عبدالله العمري»: an occupation's nisba
			// before a name is a title where a verb of saying, a particle
			// or nothing stands before it; after a noun it is an
			// adjective («النمو الاقتصادي», «هيكلها الاقتصادي»).
			if f, l, ok := t.arabicNameAfter(i+1, 2); ok && l > f && t.addName(f, l, KindPerson) {
				span := Span{toks[i].start + t.cliticRunes(i), toks[i].end}
				t.addMention(t.mentions[len(t.mentions)-1].actor, i, i, span, true)
				i = l
				continue
			}
		}
		if n := 0; i > 2 && (toks[i-1].text == "،" || toks[i-1].text == ",") {
			n = max(t.titleAt(i), t.constructTitleAt(i))
			if f, l, ok := t.arabicNameBefore(i); n > 0 && ok && t.addName(f, l, KindPerson) {
				// «وقال صالح كامل، رئيس الغرفة»: the title after the
				// comma is the name's, not a name's further on.
				e := i + n - 1
				for e+1 < len(toks) && toks[e+1].kind == tokWord && !t.covered[e+1] && strings.HasPrefix(t.keys[e+1], "ال") && t.titleAt(e+1) == 0 && !t.sameSentenceBreak(e+1) {
					e++
				}
				span := Span{toks[i].start + t.cliticRunes(i), toks[e].end}
				t.addMention(t.mentions[len(t.mentions)-1].actor, i, e, span, true)
				i = e
				continue
			}
		}
		if n := t.titleAt(i); n > 0 {
			if f, l, ok := t.arabicNameAfter(i+n, 12); ok {
				if !t.addName(f, l, KindPerson) {
					continue
				}
				if f > i+n {
					// «الباحث الفلكي، … ملهم بن محمد هندي»: the title and its
					// adjectives name the same person.
					e := i + n - 1
					for e+1 < f && toks[e+1].kind == tokWord && !t.covered[e+1] && strings.HasPrefix(t.keys[e+1], "ال") && t.titleAt(e+1) == 0 {
						e++
					}
					b := i
					if b > 0 && !t.covered[b-1] && t.deputyBefore(b) {
						b-- // «نائب الرئيس …»
					}
					span := Span{toks[b].start + t.cliticRunes(b), toks[e].end}
					t.addMention(t.mentions[len(t.mentions)-1].actor, b, e, span, true)
				}
				i = l
			} else if m := t.personMentionAfter(i+n, 4); m >= 0 {
				// «نائب الرئيس العراقي نوري المالكي»: the title and its
				// adjectives name the person the gazetteer found.
				f, b := t.mentions[m].first, i
				if b > 0 && !t.covered[b-1] && t.deputyBefore(b) {
					b-- // «نائب الرئيس …»
				}
				span := Span{toks[b].start + t.cliticRunes(b), toks[f-1].end}
				t.addMention(t.mentions[m].actor, b, f-1, span, true)
				i = t.mentions[m].last
			}
			continue
		}
		if n := t.constructTitleAt(i); n > 0 {
			// «مدرب سان جيرمان لوران بلان»: the complement, then the name.
			// After an indefinite noun the word is an adjective: «مواد
			// صحافية تعرض …», «مؤسسة إعلامية جديدة …» name no one.
			if !t.adjectiveAfterNoun(i) {
				// The name is foreign, or set off by commas: «مدير المركز
				// بالنادي، عبدالله الشيخي، …».
				// The complement is left to the passes after: «مدير شرطة
				// المحافظة» names the police too.
				if f, l, ok := t.arabicNameAfter(i+n+1, 8); ok && l > f && (t.foreignName(f, l) || t.betweenCommas(f, l) || t.familyNameAfterComplement(f, l)) && t.addName(f, l, KindPerson) {
					// The title is the person's: «الوزير» later refers
					// back through it. Its complement is left to the
					// passes after («مدير شرطة المحافظة»).
					e := i + n - 1
					a := t.mentions[len(t.mentions)-1].actor
					t.addMention(a, i, e, Span{toks[i].start + t.cliticRunes(i), toks[e].end}, true)
				}
			}
			continue
		}
		k := t.bareKey(i)
		if l := t.quotedNamesAt(i); l > i {
			i = l
			continue
		}
		if l := t.arabicOrgAt(i); l > i {
			if a := t.orgInside(i+1, l); a >= 0 {
				// «هيئة الهلال الأحمر السعودي»: the head and the
				// adjectives name the organization the gazetteer found.
				span := Span{toks[i].start + t.cliticRunes(i), toks[l].end}
				t.addMention(a, i, l, span, false)
			} else {
				t.addName(i, l, KindOrganization)
			}
			i = l
			continue
		}
		if arQuarters[k] && i+1 < len(toks) && toks[i+1].kind == tokWord && !t.covered[i+1] && !t.sameSentenceBreak(i+1) {
			if _, nat := t.g.nisba[nisbaStem(t.keys[i+1])]; nat && strings.HasPrefix(t.keys[i+1], "ال") {
				// «الجنوب اليمني», «الشمال السوري»: a country's region.
				t.addName(i, i+1, KindPlace)
				i++
				continue
			}
		}
		if l := t.arabicBodyAt(i); l > i {
			if e, nat := t.g.nisba[nisbaStem(t.keys[l])]; nat && l == i+1 && arGovernmentHeads[k] {
				// «الإدارة الأمريكية»: a government named by its
				// country stands for the country, as «واشنطن» does.
				span := Span{toks[i].start + t.cliticRunes(i), toks[l].end}
				t.addMention(t.ensureEntry(e), i, l, span, false)
			} else if a, ok := vague[k]; ok {
				// «الجهات المختصة» … «الجهات المسؤولة»: one article's
				// authorities, however it qualifies them.
				t.addMention(a, i, l, Span{toks[i].start + t.cliticRunes(i), toks[l].end}, false)
			} else if t.addName(i, l, KindOrganization) && arVagueBodyHeads[k] {
				vague[k] = t.mentions[len(t.mentions)-1].actor
			}
			i = l
			continue
		}
		if t.g.words[k]&lexPlaceHead != 0 && i+1 < len(toks) {
			nx := toks[i+1]
			nk := matchKey(nx.norm)
			if nx.kind == tokWord && !t.covered[i+1] && !strings.HasPrefix(nx.norm, "ال") && !strings.HasSuffix(nk, "ه") &&
				t.g.words[nk]&^lexFirstName == 0 && utf8.RuneCountInString(nk) >= 3 {
				t.addName(i, i+1, KindPlace)
				i++
			} else if l := t.arabicPlaceConstruct(i); l > i {
				t.addName(i, l, KindPlace)
				i = l
			}
			continue
		}
		// A nationality before a name: «الأرجنتيني الدولي آنخيل دي ماريا»,
		// «خلفا للسويسري جوزيف بلاتر» (ل before the article drops its ا).
		if rest, ok := strings.CutPrefix(t.keys[i], "لل"); ok && utf8.RuneCountInString(rest) >= 3 {
			k = "ال" + rest
		}
		if _, nat := t.g.nisba[nisbaStem(k)]; nat && strings.HasPrefix(k, "ال") {
			if f, l, ok := t.arabicNameAfter(i+1, 2); ok && l > f && utf8.RuneCountInString(toks[f].norm) >= 4 && t.foreignName(f, l) {
				t.addName(f, l, KindPerson)
				i = l
			}
		}
	}
}

// adjectiveAfterNoun reports whether Arabic token i, a feminine nisba
// without a proclitic, follows an indefinite noun of its sentence that is
// no cue, and so qualifies it («مواد صحافية», «مؤسسة إعلامية»; «منزل نجم
// السينما» is a noun's complement).
func (t *actorTable) adjectiveAfterNoun(i int) bool {
	p := i - 1
	if p < 0 || t.sameSentenceBreak(i) || t.keys[i] != t.bareKey(i) || !strings.HasSuffix(t.d.tokens[i].norm, "يه") {
		return false
	}
	tk := t.d.tokens[p]
	if tk.kind != tokWord || t.covered[p] || isLatin(tk.text) || strings.HasPrefix(t.bareKey(p), "ال") {
		return false
	}
	return (t.g.words[t.bareKey(p)]|t.g.words[t.keys[p]])&^(lexOrgHead|lexPlaceHead|lexBodyHead) == 0 && speakerWordClass(tk.norm) != wordOther
}

// familyNameAfterComplement reports whether the Arabic name at tokens
// first..last ends in a family name with the article and follows a
// definite word, the end of a title's complement: «رئيس اللجنة الإعلامية
// حماد بن عوض الحربي».
func (t *actorTable) familyNameAfterComplement(first, last int) bool {
	if first == 0 || first >= last || t.d.tokens[first-1].kind != tokWord || !strings.HasPrefix(t.keys[first-1], "ال") {
		return false
	}
	// The given name carries no conjunction or preposition («وقائد
	// المنطقة», «بأداء رجال الأمن»); the family name is no feminine noun,
	// plural or lexicon word («القوة», «المهنئين»).
	given, family := t.keys[first], t.keys[last]
	for _, p := range []string{"ال", "و", "ب"} {
		if strings.HasPrefix(given, p) {
			return false
		}
	}
	for _, suf := range []string{"ه", "ين", "ون", "ات"} {
		if strings.HasSuffix(family, suf) {
			return false
		}
	}
	return strings.HasPrefix(family, "ال") && t.g.words[family]&^lexFirstName == 0 && speakerWordClass(t.d.tokens[last].norm) == wordName
}

// betweenCommas reports whether commas stand right before token first and
// right after token last.
func (t *actorTable) betweenCommas(first, last int) bool {
	toks := t.d.tokens
	comma := func(j int) bool { return j >= 0 && j < len(toks) && (toks[j].text == "،" || toks[j].text == ",") }
	return comma(first-1) && comma(last+1)
}

// constructTitleAt returns 1 when token i is a title in the construct state
// («مدرب», «مدير», «قائد»), which a complement follows before the name.
func (t *actorTable) constructTitleAt(i int) int {
	if t.g.words[t.bareKey(i)]&lexTitle == 0 && t.g.words["ال"+t.bareKey(i)]&lexTitle != 0 && t.d.tokens[i].norm[0] >= 0x80 {
		return 1
	}
	return 0
}

// arabicPersonHead reports whether Arabic token i is a title, occupation or
// kinship word in any of its forms: without the article («مدير», «طبيب»),
// or feminine («مدربة», «المديرة», «الممرضة»), which the lexicon lists only
// as the definite masculine.
func (t *actorTable) arabicPersonHead(i int) bool {
	k := t.bareKey(i)
	if k == "" || k[0] < 0x80 {
		return false
	}
	forms := []string{k}
	// «مساعدة» and «مراسلة» are also "help" and "correspondence".
	if m, ok := strings.CutSuffix(k, "ه"); ok && utf8.RuneCountInString(m) >= 3 && m != "مساعد" && m != "المساعد" && m != "مراسل" && m != "المراسل" {
		forms = append(forms, m)
	}
	for _, f := range forms {
		for _, g := range []string{f, "ال" + f} {
			if t.g.words[g]&(lexTitle|lexPersonDesc) != 0 {
				return true
			}
		}
	}
	return false
}

// arabicOrgAt returns the last token of an Arabic organization name that
// starts at token i with an indefinite head in the construct state and runs
// over words with the article («وزارة الداخلية», «جهاز مكافحة الحرائق»), or
// -1. A conjunction ends it: «وزارة الداخلية والجهات المختصة» are two.
func (t *actorTable) arabicOrgAt(i int) int {
	toks := t.d.tokens
	k := t.bareKey(i)
	if t.g.words[k]&lexOrgHead == 0 || strings.HasPrefix(k, "ال") {
		return -1
	}
	switch k {
	case "عمليات", "مركز", "فرع", "فريق", "منتخب", "نادي", "صندوق":
		return -1
	}
	if k == "قياده" && strings.HasPrefix(toks[i].norm, "ب") {
		return -1 // «التحالف بقيادة السعودية»: led by, no command of its own
	}
	if i+1 < len(toks) && strings.HasPrefix(t.keys[i+1], "لل") {
		return -1 // «إدارة للدعم القضائي»: a department for something, no name
	}
	last, plain := -1, 0
	for j := i + 1; j < len(toks) && j <= i+5 && !t.sameSentenceBreak(j); j++ {
		tk := toks[j]
		if tk.kind != tokWord {
			break
		}
		nk := matchKey(tk.norm)
		if t.g.words[nk]&lexStop != 0 {
			break
		}
		if t.g.words[nk]&lexTitle != 0 {
			break // «قيادة المدرب الهولندي»
		}
		if strings.HasPrefix(nk, "ال") || t.covered[j] {
			last = j
			continue
		}
		// One plain word may follow the head: «جهاز مكافحة الحرائق».
		if j == i+1 && plain == 0 && t.g.words[nk]&^lexFirstName == 0 {
			plain++
			continue
		}
		break
	}
	return last
}

// quotedNamesAt adds the organizations named in quotation marks or
// brackets right after an indefinite head that says what they are
// («مجلة «النجمة» الفرنسية», «جريدة "الفجر"», «قناتا (الأفق) و(المدى)»)
// and returns the last token it used, or -1. The name is the quoted words.
func (t *actorTable) quotedNamesAt(i int) int {
	toks := t.d.tokens
	if i+1 >= len(toks) || toks[i+1].kind != tokPunct {
		return -1
	}
	k := t.bareKey(i)
	if strings.HasPrefix(k, "ال") || t.g.words[k]&lexOrgHead == 0 && !arNamedThingHeads[k] {
		return -1
	}
	last := -1
	for j := i + 1; j+2 < len(toks) && toks[j].kind == tokPunct && !t.sameSentenceBreak(j); {
		closer, ok := arQuoteCloser[toks[j].text]
		if !ok {
			break
		}
		e := j + 1
		for e < len(toks) && e <= j+6 && (toks[e].kind == tokWord || toks[e].kind == tokNumber) {
			e++
		}
		if e == j+1 || e >= len(toks) || e > j+6 || !strings.Contains(closer, toks[e].text) || toks[j+1].kind != tokWord {
			break
		}
		// «(العراق الآن)»: a name found inside the quoted one is part of
		// it; the quoted name the gazetteer knows whole stays its own.
		inner, whole := t.mentionsWithin(j+1, e-1)
		if whole {
			break
		}
		if t.g.words[t.keys[j+1]]&lexStop != 0 {
			break // «"إن …"»: a quotation, not a name
		}
		if _, _, non := t.nonName(j+1, e-1); non && e == j+2 {
			break // «شركة «الاتحاد»»: a word that names no one alone
		}
		if len(inner) > 0 {
			t.mentions = slices.DeleteFunc(t.mentions, func(m mention) bool { return m.first >= j+1 && m.last <= e-1 })
		}
		text := t.d.slice(Span{toks[j+1].start, toks[e-1].end})
		// The first name's mention holds its head, so that «الشركة»
		// later refers back to it.
		first, end, span := j+1, e-1, Span{toks[j+1].start, toks[e-1].end}
		if last < 0 {
			first, end, span = i, e, Span{toks[i].start + t.cliticRunes(i), toks[e].end}
		}
		t.addMention(t.ensure(nameID(text), text, KindOrganization, -1), first, end, span, false)
		last = e
		// «و(المدى)»: a second name under the same head.
		if e+2 < len(toks) && toks[e+1].kind == tokWord && toks[e+1].norm == "و" && toks[e+2].kind == tokPunct {
			j = e + 2
			continue
		}
		break
	}
	return last
}

// mentionsWithin returns the mentions inside tokens first..last. whole is
// true when one of them spans exactly those tokens, or one runs out of
// them.
func (t *actorTable) mentionsWithin(first, last int) (inner []int, whole bool) {
	for k, m := range t.mentions {
		if m.last < first || m.first > last {
			continue
		}
		if m.first < first || m.last > last || m.first == first && m.last == last {
			return nil, true
		}
		inner = append(inner, k)
	}
	return inner, false
}

// arNamedThingHeads are the indefinite nouns, besides the heads of
// organization names, that a quoted name follows («مجلة», «موقع», and
// duals: «قناتا»); arQuoteCloser maps an opening quotation mark or bracket
// to the marks that may close it.
var (
	arNamedThingHeads = keySet("مجلة", "جريدة", "إذاعة", "موقع", "فضائية", "مجموعة", "منصة", "شبكة", "دار", "قناتا", "قناتي", "موقعي", "صحيفتي", "مجلتي", "جريدتي")
	arQuoteCloser     = map[string]string{"«": "»", "\"": "\"", "“": "”\"", "(": ")", "'": "'"}
)

// orgInside returns the gazetteer organization whose mention starts at
// token first and after which tokens up to last are adjectives, or -1.
func (t *actorTable) orgInside(first, last int) int {
	for k := len(t.mentions) - 1; k >= 0; k-- {
		m := t.mentions[k]
		if m.first != first || m.role {
			continue
		}
		r := t.actors[m.actor]
		if r.entry < 0 || r.kind != KindOrganization || m.last > last {
			return -1
		}
		for j := m.last + 1; j <= last; j++ {
			if !arRelational(t.keys[j]) {
				return -1
			}
		}
		return m.actor
	}
	return -1
}

// arRelational reports whether the key k is a definite relational
// adjective, a nisba («السعودي», «الأمنية»).
func arRelational(k string) bool {
	return strings.HasPrefix(k, "ال") && utf8.RuneCountInString(k) >= 5 && (strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "يه"))
}

// arSkeleton returns the Arabic key k without its long vowels after the
// first letter, which transcriptions of one foreign name add or drop.
func arSkeleton(k string) string {
	var b strings.Builder
	for i, r := range k {
		if i > 0 && (r == 'ا' || r == 'و' || r == 'ي') {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// joinVariants gives the mentions of an organization or place named by a
// shorter form of another's name, the same words without adjectives after
// them («هيئة الرقابة», «هيئة الرقابة الوطنية»), to the longer name, and
// those of an organization named by another spelling of a foreign name to
// the first spelling.
func (t *actorTable) joinVariants() {
	keys := make([][]string, len(t.actors))
	for a, r := range t.actors {
		if r.entry < 0 && (r.kind == KindOrganization || r.kind == KindPlace) {
			keys[a] = r.nameKeys()
		}
	}
	into := map[int]int{}
	for a, ka := range keys {
		if len(ka) < 2 {
			continue
		}
		for b, kb := range keys {
			if b == a || len(kb) <= len(ka) || t.actors[b].kind != t.actors[a].kind || !slices.Equal(kb[:len(ka)], ka) {
				continue
			}
			if !slices.ContainsFunc(kb[len(ka):], func(k string) bool { return !arRelational(k) }) {
				into[a] = b
				break
			}
		}
	}
	// «أشلي ميدسون دوت كوم», «أشلي ماديسون دوت كوم»: one foreign name
	// spelt with and without a long vowel is one organization.
	for b, kb := range keys {
		if len(kb) < 2 || t.actors[b].kind != KindOrganization {
			continue
		}
		for a := b + 1; a < len(keys); a++ {
			if _, ok := into[a]; ok || len(keys[a]) != len(kb) || t.actors[a].kind != KindOrganization || slices.Equal(keys[a], kb) {
				continue
			}
			if slices.EqualFunc(keys[a], kb, func(x, y string) bool { return arSkeleton(x) == arSkeleton(y) }) {
				into[a] = b
			}
		}
	}
	for a, b := range into {
		for c, ok := into[b]; ok; c, ok = into[b] {
			b = c // names only grow, so the chain ends
		}
		for i := range t.mentions {
			if t.mentions[i].actor == a {
				t.mentions[i].actor = b
			}
		}
		for _, s := range t.actors[a].aliases {
			if !containsString(t.actors[b].aliases, s) {
				t.actors[b].aliases = append(t.actors[b].aliases, s)
			}
		}
		t.byID[t.actors[a].id] = b
	}
}

// arabicBodyAt returns the last token of a body named by a definite head
// and its adjectives, with a definite complement after them when there is
// one («السلطات السويسرية», «الجهات المختصة», «الادعاء العام العراقي»,
// «المجلس الأعلى للقضاء»), or -1. The head alone («السلطات», «اللجنة»)
// refers back to a body named before and names none of its own.
func (t *actorTable) arabicBodyAt(i int) int {
	toks := t.d.tokens
	head := t.bareKey(i)
	if t.g.words[head]&lexBodyHead == 0 {
		return -1
	}
	if arBodyFunctions[head] && i > 0 && t.keys[i] != head && strings.HasPrefix(t.d.tokens[i].norm, "و") && t.orgMentionEndsAt(i-1) {
		// «هيئة التحقيق والادعاء العام»: a function joined to an
		// organization's name is part of that name.
		return -1
	}
	adjective := func(j int) bool {
		if j >= len(toks) || toks[j].kind != tokWord || t.covered[j] || t.sameSentenceBreak(j) {
			return false
		}
		k := t.keys[j]
		if !strings.HasPrefix(k, "ال") || utf8.RuneCountInString(k) < 5 || arBodyAdjectiveNot[k] {
			return false
		}
		if arBodyAdjectives[k] {
			return true
		}
		// «الجهات المختصة», not «الجهات الأمنية»: a vague head needs an
		// adjective of competence.
		return !arVagueBodyHeads[head] && (strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "يه"))
	}
	last := i
	for last+1 <= i+3 && adjective(last+1) {
		last++
	}
	if last == i {
		return -1
	}
	// «للقضاء», «للتنظيم الإداري»: a definite complement and its adjectives.
	if j := last + 1; j < len(toks) && toks[j].kind == tokWord && !t.covered[j] && !t.sameSentenceBreak(j) {
		if rest, ok := strings.CutPrefix(t.keys[j], "لل"); ok && utf8.RuneCountInString(rest) >= 3 && t.g.words[t.keys[j]]&lexStop == 0 {
			last = j
			for last+1 <= j+2 && adjective(last+1) {
				last++
			}
		}
	}
	return last
}

// The words of arabicBodyAt: arBodyFunctions are the heads that name a
// function («القضاء», «الادعاء»), which an organization's name may join;
// arVagueBodyHeads those that name a body only with an adjective of
// competence («الجهات المختصة»); arGovernmentHeads those that name a
// country's government with its nisba («الإدارة الأمريكية»);
// arBodyAdjectives the adjectives without the nisba ending that make a
// body's name after its head («العليا», «المختصة»); arBodyAdjectiveNot
// those with it that name a time or a rank, not a body («الماضي»,
// «الثاني»).
var (
	arBodyFunctions    = keySet("القضاء", "الادعاء", "الدفاع")
	arVagueBodyHeads   = keySet("الجهات", "الجهة")
	arGovernmentHeads  = keySet("الإدارة", "الحكومة")
	arBodyAdjectives   = keySet("العام", "العامة", "الأعلى", "العليا", "المختص", "المختصة", "المسؤولة", "الموحدة", "المستقلة")
	arBodyAdjectiveNot = keySet("العمومية", "الماضي", "الثاني", "الحادي", "التالي", "الحالي", "الأولى", "الرئيسي", "الباقي", "الذي", "التي",
		"الإلكترونية", "الشخصي", "الوظيفية", "العمرية", "الجليدية", "الأرضية")
)

// orgMentionEndsAt reports whether an organization's mention ends at token j.
func (t *actorTable) orgMentionEndsAt(j int) bool {
	for k := len(t.mentions) - 1; k >= 0; k-- {
		if m := t.mentions[k]; m.last == j {
			return t.actors[m.actor].kind == KindOrganization
		}
	}
	return false
}

// titleAt returns how many tokens a person title at token i takes, or 0.
func (t *actorTable) titleAt(i int) int {
	k := t.bareKey(i)
	for _, keys := range t.g.multi[k] {
		if t.keysAt(i, keys) {
			return len(keys)
		}
	}
	if t.g.words[k]&lexTitle != 0 {
		return 1
	}
	return 0
}

// arabicNameBefore finds the name of two to four words that a comma and
// the title at token i follow, when a verb of saying or the start of the
// sentence comes before the name: «وقال صالح كامل، رئيس الغرفة», «أكد
// عدنان مندورة، الأمين العام».
func (t *actorTable) arabicNameBefore(i int) (first, last int, ok bool) {
	toks := t.d.tokens
	c := i - 1
	if c < 2 || toks[c].kind != tokPunct || toks[c].text != "،" && toks[c].text != "," {
		return 0, 0, false
	}
	last, first = c-1, c
	for j := last; j >= 0 && j > last-4; j-- {
		tk := toks[j]
		if tk.kind != tokWord || t.covered[j] || isLatin(tk.text) || j < last && t.sameSentenceBreak(j+1) {
			break
		}
		if cls := t.g.words[t.bareKey(j)] | t.g.words[t.keys[j]]; cls&^(lexFirstName|lexParticle) != 0 || speakerWordClass(tk.norm) != wordName {
			break
		}
		first = j
	}
	if first > last || last-first < 1 || strings.HasPrefix(t.keys[first], "ال") || t.g.words[t.keys[first]]&lexParticle != 0 && t.keys[first] != "عبد" && t.keys[first] != "ابو" {
		return 0, 0, false
	}
	// Before the name: a verb of saying; or nothing of its sentence, and
	// then two words, lest the sentence's own verb open the name («حمّل
	// فلان الفلاني، رئيس …»).
	p := first - 1
	switch {
	case p >= 0 && !t.sameSentenceBreak(first) && toks[p].kind == tokWord:
		if speakerWordClass(toks[p].norm) != wordOther {
			return 0, 0, false
		}
	case p < 0 || t.sameSentenceBreak(first):
		if last-first != 1 {
			return 0, 0, false
		}
	case (toks[p].text == "،" || toks[p].text == ",") && p > 0 && toks[p-1].kind == tokWord && (t.arabicPersonHead(p-1) || t.g.words[t.bareKey(p-1)]&lexPersonDesc != 0):
		// «المتهم، سعد الأوسي، مدير القناة»: between two descriptions.
	default:
		return 0, 0, false
	}
	return first, last, true
}

// arabicNameAfter finds a name at or after token j, skipping at most skip
// tokens of description: adjectives with ال, other titles, heads of
// organization names and what is already named («الباحث الفلكي، بقسم علوم
// الفلك بجامعة الملك عبدالعزيز، ملهم بن محمد هندي»). A name is one word not
// in the lexicon, then particles with their word («بن محمد», «دي ماريا»),
// then one more word, then a family name with ال.
func (t *actorTable) arabicNameAfter(j, skip int) (first, last int, ok bool) {
	toks := t.d.tokens
	limit := j + skip
	// Inside an organization's name («بقسم علوم الفلك», «مجلس المحافظة»):
	// 1 before its first word with ال, 2 after it; a plain word then ends it.
	inOrg := 0
	for ; j < len(toks) && j <= limit; j++ {
		tk := toks[j]
		if tk.kind == tokPunct && (tk.text == "،" || tk.text == ",") {
			inOrg = 0
			continue
		}
		if tk.kind != tokWord || t.sameSentenceBreak(j) {
			return 0, 0, false
		}
		k := t.bareKey(j)
		cls := t.g.words[k] | t.g.words[matchKey(tk.norm)]
		if cls&lexStop != 0 {
			return 0, 0, false
		}
		// «آل» (normalised «ال») starts a family name.
		definite := strings.HasPrefix(k, "ال") && k != "ال" || strings.HasPrefix(tk.norm, "وال") || strings.HasPrefix(tk.norm, "لل")
		switch {
		case cls&lexOrgHead != 0:
			inOrg = 1
		case inOrg == 1 && definite:
			inOrg = 2
		case inOrg == 2 && !definite && !t.covered[j]:
			inOrg = 0
		}
		if t.covered[j] && t.personMentionAt(j) >= 0 {
			// «نائب الرئيس العراقي نوري المالكي بمواصلة …»: the title is
			// the named person's, not a name further on.
			return 0, 0, false
		}
		if inOrg > 0 || t.covered[j] || definite || t.g.words["ال"+k]&lexTitle != 0 || cls&(lexTitle|lexPlaceHead|lexModifier) != 0 || t.titleAt(j) > 0 || k == "باسم" {
			continue
		}
		if cls&lexStop != 0 || cls&lexParticle != 0 && k != "عبد" && k != "ابو" && k != "ال" || utf8.RuneCountInString(k) < 2 {
			return 0, 0, false
		}
		break
	}
	if j >= len(toks) || j > limit {
		return 0, 0, false
	}
	// «لكرة القدم», «بعيد الفطر»: a preposition and a definite noun.
	if k := t.keys[j]; (strings.HasPrefix(k, "ل") || strings.HasPrefix(k, "ب")) && j+1 < len(toks) && strings.HasPrefix(t.keys[j+1], "ال") {
		return 0, 0, false
	}
	// «بإصدار بيان», «لتحريك دعوى»: a preposition and a verbal noun of
	// the patterns إفعال and تفعيل («باولو», «لاسزلو» are names).
	if k := t.keys[j]; strings.HasPrefix(k, "ل") || strings.HasPrefix(k, "ب") {
		if r := []rune(k[len("ل"):]); len(r) == 5 && (r[0] == 'ا' && r[3] == 'ا' || r[0] == 'ت' && r[3] == 'ي') {
			return 0, 0, false
		}
	}
	first, last = j, j
	words := 1
	// «عبد الله», «أبو بكر»: the first word needs the next.
	if k := t.keys[j]; (k == "عبد" || k == "ابو" || k == "ال") && j+1 < len(toks) && toks[j+1].kind == tokWord && !t.covered[j+1] {
		last = j + 1
	}
	for n := j + 1; n < len(toks) && !t.sameSentenceBreak(n); n++ {
		tk := toks[n]
		if tk.kind != tokWord || t.covered[n] {
			break
		}
		k := matchKey(tk.norm)
		cls := t.g.words[k]
		if cls&lexParticle != 0 && n+1 < len(toks) && toks[n+1].kind == tokWord && !t.covered[n+1] && t.g.words[t.keys[n+1]]&lexStop == 0 {
			last = n + 1
			n++
			continue
		}
		if cls&(lexStop|lexTitle|lexOrgHead|lexPlaceHead|lexModifier) != 0 || t.titleAt(n) > 0 || t.g.words["ال"+k]&lexTitle != 0 {
			break
		}
		// «رول وقدم التعازي»: a conjunction ends the name.
		if strings.HasPrefix(k, "و") && utf8.RuneCountInString(k) >= 4 {
			break
		}
		al := strings.HasPrefix(k, "ال")
		if _, nat := t.g.nisba[nisbaStem(k)]; nat && al {
			break
		}
		if words == 1 && !al || words == 1 && al && utf8.RuneCountInString(k) >= 5 || words == 2 && al && !strings.HasPrefix(t.keys[last], "ال") {
			last = n
			words++
			if al {
				break
			}
			continue
		}
		break
	}
	// «نصر الدين بن حديد»: a compound given name goes on to its patronymic.
	if n := last + 2; arCompoundNameEnds[t.keys[last]] && n < len(toks) && !t.sameSentenceBreak(last+1) && !t.sameSentenceBreak(n) &&
		toks[last+1].kind == tokWord && t.g.words[t.keys[last+1]]&lexParticle != 0 && toks[n].kind == tokWord && !t.covered[n] && t.g.words[t.keys[n]]&lexStop == 0 {
		last = n
	}
	// «فيصل بن» before a name the gazetteer took: the particle goes.
	for last > first && t.g.words[t.keys[last]]&lexParticle != 0 {
		last--
	}
	return first, last, true
}

// foreignName reports whether tokens first..last look like a transcribed
// foreign name, as a nationality adjective introduces one: no article and
// no conjunction on any word («الأمريكية وخفض الانبعاثات» is not a name).
func (t *actorTable) foreignName(first, last int) bool {
	for j := first; j <= last; j++ {
		k := t.d.tokens[j].norm
		if j > first && strings.HasPrefix(k, "و") {
			return false
		}
		for _, p := range []string{"ال", "وال", "بال", "لل", "فال", "كال"} {
			if strings.HasPrefix(k, p) {
				return false
			}
		}
	}
	return true
}

// englishName handles a Latin word at token i: a title followed by a
// capitalised name ("Sen. Ted Cruz", "President Obama"), or a run of two or
// more capitalised words. It returns the last token it used.
func (t *actorTable) englishName(i int) int {
	toks := t.d.tokens
	if t.covered[i] {
		return i
	}
	kind := KindUnknown
	start := i
	word := func(j int) lexClass { return t.g.words[t.keys[j]] }
	// Most words are lower case: test that before the gazetteer lookups.
	if n := t.capitalisedTitleAt(i); n > 0 {
		j := i + n
		if j < len(toks) && toks[j].text == "." && toks[j].start == toks[j-1].end {
			j++
		}
		if j < len(toks) && !t.covered[j] && toks[j].kind == tokWord && isCapitalised(toks[j].text) && word(j)&(lexStop|lexOrgHead|lexPlaceHead|lexThing) == 0 {
			start, kind = j, KindPerson
		} else {
			return i + n - 1
		}
	}
	if !isCapitalised(toks[start].text) || word(start)&(lexStop|lexModifier) != 0 && kind == KindUnknown {
		return i
	}
	last := start
	for n := start + 1; n < len(toks) && !t.sameSentenceBreak(n); n++ {
		tk := toks[n]
		// "James B. Comey": an initial and its period.
		if tk.text == "." && tk.start == toks[n-1].end && utf8.RuneCountInString(toks[n-1].text) == 1 && n+1 < len(toks) && isCapitalised(toks[n+1].text) {
			continue
		}
		if tk.kind != tokWord || t.covered[n] || tk.start != toks[n-1].end+1 && toks[n-1].text != "." {
			break
		}
		if word(n)&lexTitle != 0 && isCapitalised(tk.text) {
			// "Senate Majority Leader Harry Reid": the name follows the title.
			start, last, kind = n+1, n, KindPerson
			if n+1 >= len(toks) || !isCapitalised(toks[n+1].text) || t.covered[n+1] {
				return n
			}
			continue
		}
		if isCapitalised(tk.text) && word(n)&lexStop == 0 {
			last = n
			if trimPossessive(tk.norm) != tk.norm {
				break
			}
			continue
		}
		// Particles inside names: "Ursula von der Leyen", "Charles de Gaulle".
		if t.g.words[tk.norm]&lexParticle != 0 && n+1 < len(toks) && isCapitalised(toks[n+1].text) {
			continue
		}
		break
	}
	// A trailing initial belongs to a name the gazetteer took ("Vladimir V. Putin").
	for last > start && utf8.RuneCountInString(toks[last].text) == 1 {
		last--
	}
	if last < start || utf8.RuneCountInString(toks[start].text) < 2 {
		return max(last, i)
	}
	if last == start && kind == KindUnknown {
		return i
	}
	if last-start > 4 {
		return last
	}
	for j := start; j <= last; j++ {
		// Headlines in capitals, laws, holidays, wars: not actors.
		if word(j)&lexThing != 0 || utf8.RuneCountInString(toks[j].text) > 1 && strings.ToUpper(toks[j].text) == toks[j].text {
			return last
		}
	}
	if kind == KindUnknown {
		switch {
		case word(last)&lexOrgHead != 0 || word(start)&lexOrgHead != 0:
			kind = KindOrganization
		case word(last)&lexPlaceHead != 0:
			kind = KindPlace
		case t.inHeadline(start) && word(start)&lexFirstName == 0 && !t.namedInBody(start, last):
			// "Physically Assaulting", "Hellish View": in a line where
			// every word is capitalised, a pair is a name only after a
			// title, with a known first name, or when the running text
			// names it too.
			return last
		default:
			kind = KindPerson
		}
	}
	t.addName(start, last, kind)
	return last
}

// inHeadline reports whether token i lies on a title-case line: a line of
// at least three Latin words of four letters or more, nearly all of them
// capitalised ("Ted Cruz: ‘Physically Assaulting A Reporter Is A Fireable
// Offense’").
func (t *actorTable) inHeadline(i int) bool {
	if t.headline == nil {
		toks := t.d.tokens
		t.headline = make([]bool, len(toks))
		for a := 0; a < len(toks); {
			b := a
			for b+1 < len(toks) && !t.lineBreakBetween(b, b+1) {
				b++
			}
			long, caps := 0, 0
			for k := a; k <= b; k++ {
				if tk := toks[k]; tk.kind == tokWord && isLatin(tk.text) && utf8.RuneCountInString(tk.text) >= 4 {
					long++
					if isCapitalised(tk.text) {
						caps++
					}
				}
			}
			if long >= 3 && caps*10 >= long*9 {
				for k := a; k <= b; k++ {
					t.headline[k] = true
				}
			}
			a = b + 1
		}
	}
	return t.headline[i]
}

// namedInBody reports whether the words of tokens first..last occur again,
// capitalised, off the title-case lines.
func (t *actorTable) namedInBody(first, last int) bool {
	toks := t.d.tokens
	n := last - first
	for k := 0; k+n < len(toks); k++ {
		if k == first || t.inHeadline(k) {
			continue
		}
		same := true
		for j := 0; j <= n && same; j++ {
			same = toks[k+j].text == toks[first+j].text
		}
		if same {
			return true
		}
	}
	return false
}

// lineBreakBetween reports whether a newline separates tokens i and j.
func (t *actorTable) lineBreakBetween(i, j int) bool {
	for k := t.d.tokens[i].end; k < t.d.tokens[j].start && k < len(t.d.runes); k++ {
		if t.d.runes[k] == '\n' {
			return true
		}
	}
	return false
}

// capitalisedTitleAt is titleAt(i) when token i is capitalised, else 0.
func (t *actorTable) capitalisedTitleAt(i int) int {
	if !isCapitalised(t.d.tokens[i].text) {
		return 0
	}
	return t.titleAt(i)
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// arabicKunya returns the last token of a name by kunya at token i, «أبو»
// and a name, with a nisba after it («أبو سياف», «أبو حمزة الفرنسي»), or
// i when none starts there.
func (t *actorTable) arabicKunya(i int) int {
	toks := t.d.tokens
	if k := t.bareKey(i); k != "ابو" && t.keys[i] != "ابو" {
		return i
	}
	j := i + 1
	if j >= len(toks) || toks[j].kind != tokWord || t.covered[j] || t.sameSentenceBreak(j) {
		return i
	}
	nk := t.keys[j]
	if strings.HasPrefix(nk, "ال") || utf8.RuneCountInString(nk) < 3 || t.g.words[nk]&^lexFirstName != 0 || speakerWordClass(nk) != wordName {
		return i
	}
	if _, ok := cuesAr[nk]; ok {
		return i
	}
	last := j
	if n := j + 1; n < len(toks) && toks[n].kind == tokWord && !t.covered[n] && !t.sameSentenceBreak(n) {
		// A nisba: «الفرنسي», «الشامي»; not a title («القيادي»).
		if k := t.keys[n]; strings.HasPrefix(k, "ال") && strings.HasSuffix(k, "ي") && utf8.RuneCountInString(k) >= 5 &&
			!arAdjectives[k] && t.g.words[k]&(lexTitle|lexPersonDesc|lexStop) == 0 {
			last = n
		}
	}
	return last
}

// arabicPlaceConstruct returns the last token of a place named by an
// indefinite place noun and a definite complement, with a nationality or
// direction adjective after it («محافظة المنيا», «منطقة الحدود الشمالية»,
// «قرية العجرمية»), or i when none starts at token i.
func (t *actorTable) arabicPlaceConstruct(i int) int {
	toks := t.d.tokens
	if strings.HasPrefix(t.keys[i], "ال") || i+1 >= len(toks) || t.sameSentenceBreak(i+1) {
		return i
	}
	nx := toks[i+1]
	nk := t.keys[i+1]
	if nx.kind != tokWord || t.covered[i+1] || !strings.HasPrefix(nk, "ال") || utf8.RuneCountInString(nk) < 5 {
		return i
	}
	if t.g.words[nk]&(lexStop|lexTitle|lexOrgHead|lexPlaceHead|lexPersonDesc) != 0 || speakerWordClass(nk) != wordName || t.isDemonym(nk) {
		return i
	}
	last := i + 1
	if j := i + 2; j < len(toks) && toks[j].kind == tokWord && !t.covered[j] && !t.sameSentenceBreak(j) {
		if k := t.keys[j]; strings.HasPrefix(k, "ال") && (strings.HasSuffix(k, "يه") || strings.HasSuffix(k, "ي")) && !arAdjectives[k] {
			last = j
		}
	}
	return last
}

// addName adds a mention of the name at tokens first..last, an actor with
// an ID derived from its normalised words so the same name in another
// article gives the same ID, and its surname for later references.
func (t *actorTable) addName(first, last int, kind ActorKind) bool {
	if _, _, ok := t.nonName(first, last); ok {
		return false // «مشيرا», «وهو» after a title are no names
	}
	if (kind == KindPerson || kind == KindPlace) && t.possessedWordIn(first, last) {
		return false // «أبدى لاكازيت رغبته», «ولعبت معه»: a verb's object
	}
	if n := t.d.tokens[first].norm; kind == KindPerson && n != "" && n[0] >= 0x80 {
		if _, num := wordNum(n, true); num {
			return false // «اثنان آخران»: a count of people, not a name
		}
	}
	toks := t.d.tokens
	span := t.trimSpan(Span{toks[first].start + t.cliticRunes(first), toks[last].end}, last)
	text := t.d.slice(span)
	if last == first {
		// A surname alone after the full name: «الإطفائي رول» after «ديف رول».
		k := t.keys[first]
		for a, r := range t.actors {
			for _, tl := range r.tails {
				if len(tl) == 1 && tl[0] == k {
					t.addMention(a, first, last, span, false)
					return true
				}
			}
		}
	}
	a := -1
	if kind == KindPerson && last > first {
		a = t.samePersonAs(first, last)
	}
	if a < 0 {
		a = t.ensure(nameID(text), text, kind, -1)
	}
	t.addMention(a, first, last, span, false)
	if kind != KindPerson || last == first {
		return true
	}
	tail := []string{t.keys[last]}
	if last-1 > first && t.g.words[t.keys[last-1]]&lexParticle != 0 {
		tail = []string{t.keys[last-1], tail[0]}
	} else if utf8.RuneCountInString(tail[0]) < 3 || t.g.words[tail[0]]&^lexFirstName != 0 || arCompoundNameEnds[tail[0]] {
		return true
	}
	t.actors[a].tails = append(t.actors[a].tails, tail)
	return true
}

// possessedWordIn reports whether an Arabic word among tokens first..last
// carries a possessive or object pronoun after the feminine ت («رغبته»,
// «إرادتها»), or is a preposition with a pronoun («معه»): such words belong
// to the sentence around a name, never to the name.
func (t *actorTable) possessedWordIn(first, last int) bool {
	for j := first; j <= last; j++ {
		n := t.d.tokens[j].norm
		if n == "" || n[0] < 0x80 || t.g.words[t.keys[j]] != 0 {
			continue
		}
		if arPrepPronouns[n] || arPrepPronouns[strings.TrimPrefix(n, "و")] {
			return true
		}
		// «ميدان عملها»: a pronoun of the third person after a noun
		// («ملهم» is a name).
		if rc := utf8.RuneCountInString(n); rc >= 4 && strings.HasSuffix(n, "ها") || rc >= 5 && (strings.HasSuffix(n, "هم") || strings.HasSuffix(n, "هما")) {
			return true
		}
		if utf8.RuneCountInString(n) >= 5 {
			for _, suf := range []string{"ته", "تها", "تهم", "تهما"} {
				if strings.HasSuffix(n, suf) {
					return true
				}
			}
		}
	}
	return false
}

// inGazetteerName reports whether token k lies inside the mention of a
// gazetteer entry's name («فرانس 24», "Group of 20").
func (t *actorTable) inGazetteerName(k int) bool {
	if t == nil || k < 0 || k >= len(t.covered) || !t.covered[k] {
		return false
	}
	for _, m := range t.mentions {
		if m.first <= k && k <= m.last && !m.role && t.actors[m.actor].entry >= 0 {
			return true
		}
	}
	return false
}

// arOccupations are the nisbas of occupations that stand as titles before
// names («الاقتصادي», «القانوني»).
var arOccupations = keySet("الاقتصادي", "الاقتصادية", "القانوني", "القانونية", "الحقوقي", "الحقوقية", "الأكاديمي", "الأكاديمية", "الإعلامي", "الإعلامية", "الفلكي", "الفلكية")

// arQuarters are the quarters that a country's nisba makes a region.
var arQuarters = keySet("الجنوب", "الشمال", "الشرق", "الغرب", "الوسط")

// keySet returns the set of the match keys of words, written as Arabic
// is written: «الرئيسية» and «الرئيسي» are one key.
func keySet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[matchKey(NormalizeArabic(w))] = true
	}
	return m
}

// arCompoundNameEnds end compound given names («بهاء الدين», «نصر الله»,
// «عبد الرحمن»): a name ending in one has no surname to refer back by.
var arCompoundNameEnds = setOf("الدين", "الله", "الرحمن", "الرحيم", "العزيز", "الكريم")

// samePersonAs returns the person already named whose name is another form
// of the Arabic name at tokens first..last, or -1: the same first and last
// word with a patronymic between («ماهر الجديد», «ماهر بن سعد الجديد»),
// or the same name extended by one («مشعل بن ماجد», «مشعل بن ماجد بن
// عبدالعزيز»).
func (t *actorTable) samePersonAs(first, last int) int {
	if isLatin(t.d.tokens[first].text) {
		return -1
	}
	keys := make([]string, 0, last-first+1)
	keys = append(keys, t.bareKey(first))
	keys = append(keys, t.keys[first+1:last+1]...)
	for a, r := range t.actors {
		if r.kind != KindPerson {
			continue
		}
		for _, alias := range r.aliases {
			ak := phraseKeys(alias)
			if len(ak) < 2 || ak[0] != keys[0] || len(ak) == len(keys) {
				continue
			}
			short, long := ak, keys
			if len(short) > len(long) {
				short, long = long, short
			}
			sameEnds := short[len(short)-1] == long[len(long)-1] && slices.Contains(long[1:len(long)-1], "بن")
			extended := slices.Equal(short, long[:len(short)]) && (long[len(short)] == "بن" || long[len(short)] == "ابن")
			if sameEnds || extended {
				return a
			}
		}
	}
	return -1
}

// joinAppositions gives a role title directly followed by a person's name
// («وزير الدفاع البريطاني مارك فالون») to that person, when the title had
// no holder on the day or named someone else.
func (t *actorTable) joinAppositions() {
	t.sortMentions()
	for i := 0; i+1 < len(t.mentions); i++ {
		m, n := &t.mentions[i], t.mentions[i+1]
		if !m.role || m.actor == n.actor || n.role || t.actors[n.actor].kind != KindPerson {
			continue
		}
		if k := t.actors[m.actor].kind; k != KindPerson {
			continue
		}
		gap := n.first - m.last
		if gap == 2 && t.d.tokens[m.last+1].text == "،" || gap == 2 && t.d.tokens[m.last+1].text == "," {
			gap = 1
		}
		if gap != 1 {
			continue
		}
		m.actor = n.actor
		r := t.actors[n.actor]
		if s := t.d.slice(m.span); !containsString(r.aliases, s) {
			r.aliases = append(r.aliases, s)
		}
	}
}

// ---- pass 4: surnames ----

// scanTails finds later (or earlier) references to a person by the end of
// the name found for them: «دي ماريا», «فان غال», "Smith".
func (t *actorTable) scanTails() {
	type tail struct {
		keys  []string
		actor int
	}
	byKey := map[string][]tail{}
	for a, r := range t.actors {
		for _, k := range r.tails {
			byKey[k[0]] = append(byKey[k[0]], tail{k, a})
		}
	}
	if len(byKey) == 0 {
		return
	}
	toks := t.d.tokens
	for i := 0; i < len(toks); i++ {
		if t.covered[i] || toks[i].kind != tokWord {
			continue
		}
		for _, f := range t.formsOf(i) {
			found := false
			for _, tl := range byKey[f.key] {
				if !t.keysAt(i, tl.keys) {
					continue
				}
				last := i + len(tl.keys) - 1
				if isLatin(toks[i].text) && !isCapitalised(toks[i].text) {
					continue
				}
				span := Span{toks[i].start + surfaceRunes(toks[i].text, f.n), toks[last].end}
				t.addMention(tl.actor, i, last, span, false)
				i, found = last, true
				break
			}
			if found {
				break
			}
		}
	}
}

// nameID returns the ID of an actor known only by its name: "name:" and the
// normalised words joined by "-".
func nameID(name string) string { return "name:" + slugOf(name) }

// slugOf returns the normalised words of s joined by "-": letters and
// digits only, Latin lower-cased, Arabic normalised, so an ID needs no
// escaping beyond what an IRI allows.
func slugOf(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range NormalizeArabic(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		if !isMark(r) {
			dash = true
		}
	}
	return b.String()
}

func containsTail(tails [][]string, tl []string) bool {
	for _, x := range tails {
		if strings.Join(x, " ") == strings.Join(tl, " ") {
			return true
		}
	}
	return false
}

// ---- words that never name a speaker ----

//go:embed data/speaker_words.txt
var speakerWordsData string

// wordClass says what a word that names no actor does in a speaker phrase.
type wordClass uint8

const (
	wordName      wordClass = iota // may be part of a name
	wordFiller                     // a determiner or adjective: adds nothing
	wordOther                      // a question word, modal, particle or cue: no referent
	wordPronoun                    // refers back to the last speaker
	wordHonorific                  // «سموه», «معاليه»: refers back to the last speaker
	wordTitle                      // a bare title: refers to a person named with it
	wordNoun                       // a common noun for a body: refers to one named with it
)

// speakerWords is data/speaker_words.txt, keyed by normalised form.
var speakerWords = parseSpeakerWords(speakerWordsData)

// parseSpeakerWords reads the format documented at the top of
// data/speaker_words.txt. Lines of an unknown class are skipped.
func parseSpeakerWords(data string) map[string]wordClass {
	classes := map[string]wordClass{"filler": wordFiller, "word": wordOther, "pronoun": wordPronoun,
		"honorific": wordHonorific, "title": wordTitle, "noun": wordNoun}
	m := make(map[string]wordClass)
	for _, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		c, ok := classes[f[0]]
		if !ok {
			continue
		}
		for _, w := range f[1:] {
			m[NormalizeArabic(w)] = c
		}
	}
	return m
}

// speakerWordClass returns the class of the normalised word w: from
// data/speaker_words.txt, else a cue of either language (wordOther), else a
// single-word Arabic title of the gazetteer (wordTitle), else wordName. An Arabic
// word is also read without a joined و، ف، ل or ب («وسموه», «للوزير»).
func speakerWordClass(w string) wordClass {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	for _, f := range arReadings(w) {
		if c, ok := speakerWords[f]; ok {
			return c
		}
		if _, ok := cuesAr[f]; ok {
			return wordOther
		}
		if _, ok := cuesEn[f]; ok {
			return wordOther
		}
		// English titles double as surnames ("Mr. King"): only the
		// lexicon's lower-case list counts for them.
		if isArabicWord(f) && mustGazetteer().words[matchKey(f)]&lexTitle != 0 {
			return wordTitle
		}
	}
	return wordName
}

// arReadings returns w and, for an Arabic word, its readings without one
// joined conjunction (و، ف) and then one joined preposition (ل، ب; «للوزير»
// is ل + الوزير).
func arReadings(w string) []string {
	out := []string{w}
	if !isArabicWord(w) {
		return out
	}
	for _, c := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(w, c); ok && utf8.RuneCountInString(rest) >= 2 {
			out = append(out, rest)
			w = rest
			break
		}
	}
	if rest, ok := strings.CutPrefix(w, "لل"); ok && utf8.RuneCountInString(rest) >= 2 {
		return append(out, "ال"+rest)
	}
	for _, c := range []string{"ل", "ب"} {
		if rest, ok := strings.CutPrefix(w, c); ok && utf8.RuneCountInString(rest) >= 2 {
			return append(out, rest)
		}
	}
	return out
}

// nonName reports whether tokens [first, last] hold no name: only words
// of data/speaker_words.txt, cues and titles (punctuation aside), and at
// most one title or common noun («الوزير», "the company"; «إدارة
// المستشفى» and «رئيس الحكومة» describe a role and stand as names). It
// returns the class of the phrase's head, its first such word in Arabic and
// its last in English, and the head's token; a phrase of fillers alone
// ("the") is wordOther.
func (t *actorTable) nonName(first, last int) (wordClass, int, bool) {
	cls, head, seen, nouns := wordOther, -1, false, 0
	for i := max(first, 0); i <= last && i < len(t.d.tokens); i++ {
		tk := t.d.tokens[i]
		if tk.kind == tokPunct {
			continue
		}
		if tk.kind != tokWord {
			return wordName, -1, false
		}
		c := speakerWordClass(tk.norm)
		if c == wordName && isLatinWord(tk.text) && unicode.IsLower(rune(tk.text[0])) && len(tk.norm) > 4 &&
			strings.HasSuffix(tk.norm, "ly") && !enLyNouns[tk.norm] {
			c = wordOther // "repeatedly", "publicly": lower-case adverbs, not "Kelly"
		}
		if c == wordName {
			return wordName, -1, false
		}
		seen = true
		if c == wordFiller {
			continue
		}
		if c == wordTitle || c == wordNoun {
			if nouns++; nouns > 1 {
				return wordName, -1, false
			}
		}
		if head < 0 || !isArabicWord(tk.norm) {
			cls, head = c, i
		}
	}
	return cls, head, seen
}

// nonNameOnly reports whether tokens [first, last] refer to no one at all:
// pronouns, cues and other words without a title or noun to resolve.
func (t *actorTable) nonNameOnly(first, last int) bool {
	cls, _, ok := t.nonName(first, last)
	return ok && cls != wordTitle && cls != wordNoun
}

// nonNameSpan is nonName for the tokens of span s.
func (t *actorTable) nonNameSpan(s Span) (wordClass, int, bool) {
	s = t.clip(s)
	if s.Len() <= 0 {
		return wordName, -1, false
	}
	first, last := t.d.tokenAt(s.Start), t.d.tokenAt(s.End)-1
	if first < 0 {
		return wordName, -1, false
	}
	if last < first {
		last = first
	}
	return t.nonName(first, last)
}

// referent returns the actor that a bare title or common noun at token
// head refers to: the one most recently named before it whose name or
// aliases hold the same word («الوزير» after «وزير الصحة فلان», "the
// company" after "Acme Company"), or -1.
func (t *actorTable) referent(head int) int {
	if head < 0 {
		return -1
	}
	keys := referentKeys(t.d.tokens[head].norm)
	if len(keys) == 0 {
		return -1
	}
	start := t.d.tokens[head].start
	best, bestStart := -1, -1
	for _, m := range t.mentions {
		if m.span.Start >= start {
			break
		}
		if m.span.Start <= bestStart || m.actor == best {
			continue
		}
		if t.actorHolds(m.actor, keys) {
			best, bestStart = m.actor, m.span.Start
		}
	}
	return best
}

// referentKeys returns the readings of a title or noun without clitics
// and article: «للوزارة» → «وزاره», "company" → "company". A word that
// refers to no one has none.
func referentKeys(w string) []string {
	var out []string
	for _, r := range arReadings(w) {
		if c := speakerWords[r]; c == wordPronoun || c == wordOther || c == wordFiller {
			return nil
		}
		out = append(out, r)
		if rest, ok := strings.CutPrefix(r, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
			out = append(out, rest)
		}
	}
	return out
}

// actorHolds reports whether a name, alias or role of actor a holds a word
// with one of the readings keys.
func (t *actorTable) actorHolds(a int, keys []string) bool {
	r := t.actors[a]
	if r.kind == KindUnknown || r.kind == KindAnonymous {
		return false
	}
	names := append([]string{r.name}, r.aliases...)
	if r.entry >= 0 {
		names = append(names, t.g.entries[r.entry].names...)
		for _, ro := range t.g.entries[r.entry].roles {
			names = append(names, ro.Title)
		}
	}
	for _, n := range names {
		for _, w := range strings.Fields(NormalizeArabic(n)) {
			for _, k := range referentKeys(w) {
				if containsString(keys, k) {
					return true
				}
			}
		}
	}
	return false
}

// unresolved returns the ID of an anonymous actor, scoped to the article and
// to span s, for a speaker whose words name no actor and refer to none.
// Its name says only that: the words stay the statement's speaker text.
func (t *actorTable) unresolved(s Span) string {
	s = t.clip(s)
	if s.Len() <= 0 {
		return ""
	}
	name := "unidentified source"
	if t.d.lang == "ar" {
		name = "مصدر غير محدد"
	}
	idx := t.ensure(fmt.Sprintf("%s#unresolved-%d", t.d.id, s.Start), name, KindAnonymous, -1)
	first, last := t.d.tokenAt(s.Start), t.d.tokenAt(s.End)-1
	if last < first {
		last = first
	}
	t.addMention(idx, first, last, s, true)
	t.sortMentions()
	return t.actors[idx].id
}
