package extract

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// The learned English attribution model: a sequence tagger (tagger.go)
// that marks the source, cue and content spans of each paragraph, trained
// on the PolNeAR train split by extract/internal/trainattr. Its spans are
// assembled into statements (each cue takes the nearest source in its
// sentence and the content spans nearest to it in its paragraph), which
// are combined with the rules' statements by addModelStatements: the rules
// stay in charge of direct quotations and of the speakers they resolve
// with confidence, the model finds the indirect attributions and cues the
// lexicon lacks and replaces rule statements the rules were unsure of.

//go:embed data/attribution_en.model
var enModelData []byte

var enModel = sync.OnceValue(func() *tagModel {
	m, err := decodeTagModel(enModelData)
	if err != nil {
		panic("extract: embedded English attribution model: " + err.Error())
	}
	return m
})

// Feature templates: each feature hashes its template with up to two
// values.
const (
	ftBias uint64 = iota + 1
	ftW0
	ftWm1
	ftWp1
	ftWm2
	ftWp2
	ftWm1W0
	ftW0Wp1
	ftSuffix
	ftShape
	ftShapes
	ftQuote
	ftPos
	ftCueLeft
	ftCueRight
	ftCueBoth
	ftQuoteCue
	ftW0CueRight
	ftW0CueLeft
	ftPunctLeft
	ftParaStart
	ftWm3
	ftWp3
	ftCueWord
	ftCueLeftWord
	ftCueRightWord
)

func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func feat(tpl, a, b uint64) uint32 {
	h := fmix64(a + tpl*0x9e3779b97f4a7c15)
	h = fmix64(h ^ (b + 0xc2b2ae3d27d4eb4f))
	return uint32(h) | 1 // never 0, which marks an empty weightTable slot
}

var (
	hashBOS = fnv("<s>")
	hashEOS = fnv("</s>")
	hashNum = fnv("<num>")
)

// maxTokenFeatures is the most features that enFeaturizer.features gives
// a token.
const maxTokenFeatures = 21

// enFeaturizer makes the features of an English document's tokens.
type enFeaturizer struct {
	d        *document
	q        *quoteIndex
	cueWords map[string]bool
	sent     []int32  // per token: its sentence
	word     []uint64 // per token: hash of its lower-cased form
	shape    []uint8
	cue      []bool
	// Buffers of features.
	left, right []int
	punct       []uint64
}

func newEnFeaturizer(d *document, q *quoteIndex, cueWords map[string]bool) *enFeaturizer {
	n := len(d.tokens)
	f := &enFeaturizer{d: d, q: q, cueWords: cueWords, sent: make([]int32, n), word: make([]uint64, n), shape: make([]uint8, n), cue: make([]bool, n)}
	for si, s := range d.sentences {
		for k := s.first; k <= s.last && k < n; k++ {
			f.sent[k] = int32(si)
		}
	}
	for k, t := range d.tokens {
		f.shape[k] = shapeOf(t)
		if t.kind == tokNumber {
			f.word[k] = hashNum
		} else {
			f.word[k] = fnv(t.norm)
		}
		f.cue[k] = cueWords[t.norm]
	}
	return f
}

// shapeOf classifies a token's spelling: capitalised, all capitals, lower
// case, number, or punctuation (the mark itself).
func shapeOf(t token) uint8 {
	switch t.kind {
	case tokNumber:
		return 'd'
	case tokPunct:
		if t.text != "" && t.text[0] < 0x80 {
			return t.text[0]
		}
		return 'p'
	}
	var up, low int
	for i, r := range t.text {
		if unicode.IsUpper(r) {
			up++
			if i > 0 && low > 0 {
				return 'M' // mixed: McCain, iPhone
			}
		} else if unicode.IsLower(r) {
			low++
		}
	}
	switch {
	case up > 1 && low == 0:
		return 'A'
	case up > 0:
		return 'X'
	}
	return 'x'
}

// paragraphs returns the token ranges [first, last] of d's lines.
func paragraphs(d *document) [][2]int {
	var out [][2]int
	first := 0
	for i := 1; i <= len(d.tokens); i++ {
		if i == len(d.tokens) || d.breakBefore(i) {
			out = append(out, [2]int{first, i - 1})
			first = i
		}
	}
	return out
}

func bucket(d int) uint64 {
	switch {
	case d < 0:
		return 99
	case d <= 3:
		return uint64(d)
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	case d <= 20:
		return 6
	}
	return 7
}

// features writes the features of tokens [lo, hi] into out.
func (f *enFeaturizer) features(lo, hi int, out *seqFeatures) {
	out.reset()
	// At most maxTokenFeatures features a token: room for all at once.
	if need := (hi - lo + 1) * maxTokenFeatures; cap(out.feats) < need {
		out.feats = make([]uint32, 0, need)
	}
	if need := hi - lo + 2; cap(out.offs) < need {
		out.offs = append(make([]int32, 0, need), 0)
	}
	toks := f.d.tokens
	w := func(k int) uint64 {
		switch {
		case k < lo:
			return hashBOS
		case k > hi:
			return hashEOS
		}
		return f.word[k]
	}
	sh := func(k int) uint64 {
		if k < lo || k > hi {
			return 0
		}
		return uint64(f.shape[k])
	}
	// Nearest cue word to the left and right within the sentence, and the
	// nearest punctuation to the left.
	n := hi - lo + 1
	if cap(f.left) < n {
		f.left, f.right, f.punct = make([]int, n), make([]int, n), make([]uint64, n)
	}
	left, right, punct := f.left[:n], f.right[:n], f.punct[:n]
	// left and right hold the cue word's index, or -1; punct also says
	// whether a "that" came since the cue on the left.
	last, lastP, that := -1, uint64(0), uint64(0)
	for k := lo; k <= hi; k++ {
		if k > lo && f.sent[k] != f.sent[k-1] {
			last, lastP, that = -1, 0, 0
		}
		left[k-lo] = last
		punct[k-lo] = lastP<<1 | that
		if f.cue[k] {
			last, that = k, 0
		}
		if toks[k].kind == tokPunct {
			lastP = uint64(f.shape[k])
		} else if toks[k].norm == "that" {
			that = 1
		}
	}
	last = -1
	for k := hi; k >= lo; k-- {
		if k < hi && f.sent[k] != f.sent[k+1] {
			last = -1
		}
		right[k-lo] = last
		if f.cue[k] {
			last = k
		}
	}
	for k := lo; k <= hi; k++ {
		i := k - lo
		w0 := w(k)
		quote := uint64(0)
		if f.q.in[k] >= 0 {
			quote = 1
			if _, ok := f.q.opensAt(k); ok {
				quote = 2
			} else if _, ok := f.q.closesAt(k); ok {
				quote = 3
			}
		}
		pos := k - f.d.sentences[f.sent[k]].first
		cl, cr := uint64(99), uint64(99)
		var wl, wr uint64
		if left[i] >= 0 {
			cl, wl = bucket(k-left[i]), f.word[left[i]]
		}
		if right[i] >= 0 {
			cr, wr = bucket(right[i]-k), f.word[right[i]]
		}
		out.add(feat(ftBias, 0, 0))
		out.add(feat(ftW0, w0, 0))
		out.add(feat(ftWm1, w(k-1), 0))
		out.add(feat(ftWp1, w(k+1), 0))
		out.add(feat(ftWm2, w(k-2), 0))
		out.add(feat(ftWp2, w(k+2), 0))
		out.add(feat(ftWm1W0, w(k-1), w0))
		out.add(feat(ftW0Wp1, w0, w(k+1)))
		if nm := toks[k].norm; len(nm) > 3 && toks[k].kind == tokWord {
			out.add(feat(ftSuffix, fnv(nm[len(nm)-3:]), 0))
		}
		out.add(feat(ftShapes, sh(k-1)<<16|sh(k)<<8|sh(k+1), 0))
		out.add(feat(ftQuote, quote, 0))
		out.add(feat(ftPos, bucket(pos), 0))
		out.add(feat(ftCueLeft, cl, 0))
		out.add(feat(ftCueRight, cr, 0))
		out.add(feat(ftQuoteCue, quote, cl<<8|cr))
		out.add(feat(ftW0CueRight, w0, cr))
		out.add(feat(ftPunctLeft, punct[i]>>1, cl))
		if f.cue[k] {
			out.add(feat(ftCueWord, sh(k-1), sh(k+1)))
		}
		out.add(feat(ftCueLeftWord, wl, cl<<1|punct[i]&1))
		out.add(feat(ftCueRightWord, wr, cr))
		if k == lo {
			out.add(feat(ftParaStart, sh(k), 0))
		}
		out.next()
	}
}

// segment is a run of tokens [i, j] with one span tag kind (tagBSrc,
// tagBCue or tagBCon).
type segment struct {
	kind int
	i, j int
}

// segments reads the spans out of the tags of tokens lo, lo+1, ….
func segments(tags []uint8, lo int) []segment {
	var out []segment
	for k, t := range tags {
		switch t {
		case tagBSrc, tagBCue, tagBCon:
			out = append(out, segment{int(t), lo + k, lo + k})
		case tagISrc, tagICue, tagICon:
			if len(out) > 0 && out[len(out)-1].kind == int(t)-1 && out[len(out)-1].j == lo+k-1 {
				out[len(out)-1].j = lo + k
			}
		}
	}
	return out
}

// tagDocument returns the spans the model finds in d, paragraph by
// paragraph, with the paragraph each lies in. It skips the paragraphs where
// every cue word (a word often annotated as a cue in training) lies in a
// token that covered marks (nil marks none).
func (m *tagModel) tagDocument(d *document, q *quoteIndex, covered []bool) (segs []segment, para []int) {
	f := newEnFeaturizer(d, q, m.cueWords)
	var sf seqFeatures
	var v viterbi
	var tags []uint8
	for pi, p := range paragraphs(d) {
		if !m.worthTagging(f, p[0], p[1], covered) {
			continue
		}
		f.features(p[0], p[1], &sf)
		n := sf.len()
		if cap(tags) < n {
			tags = make([]uint8, n)
		}
		tags = tags[:n]
		m.decode(&sf, tags, &v)
		for _, sg := range segments(tags, p[0]) {
			segs = append(segs, sg)
			para = append(para, pi)
		}
	}
	return segs, para
}

// worthTagging reports whether tokens [lo, hi] hold a cue word outside the
// covered tokens: paragraphs without one hold few attributions that the
// rules have not found already, and skipping them keeps extraction fast.
func (m *tagModel) worthTagging(f *enFeaturizer, lo, hi int, covered []bool) bool {
	for k := lo; k <= hi; k++ {
		if f.cue[k] && (covered == nil || !covered[k]) {
			return true
		}
	}
	return false
}

// attribution is an assembled model attribution: token ranges of source
// (src.i < 0 when none), cue and content.
type attribution struct {
	src, cue, con segment
}

// otherSentence is what assemble adds to the distance between a cue and a
// span that a sentence end parts from it.
const otherSentence = 1 << 16

// assemble pairs the spans of one paragraph: each content span goes to the
// nearest cue, in its own sentence if there is one there, each source to
// the nearest cue of its sentence.
func assemble(d *document, segs []segment) []attribution {
	var cues []int
	for k, s := range segs {
		if s.kind == tagBCue {
			cues = append(cues, k)
		}
	}
	if len(cues) == 0 {
		return nil
	}
	// gap is the distance in tokens from cue a to span b. A span whose
	// near end lies in another sentence than the cue's near end is far
	// from it however few tokens part them: "X said at a rally that A.
	// Y now says B." gives A to "said", not to "says" three tokens after
	// it.
	sent := func(k int) int { return d.sentenceOf(d.tokens[k].start) }
	gap := func(a, b segment) int {
		switch {
		case a.j < b.i:
			g := b.i - a.j
			if sent(a.j) != sent(b.i) {
				g += otherSentence
			}
			return g
		case b.j < a.i:
			g := a.i - b.j + 1 // content before its cue: ties go to the cue before
			if sent(b.j) != sent(a.i) {
				g += otherSentence
			}
			return g
		}
		return 0
	}
	out := make([]attribution, len(cues))
	for k, c := range cues {
		out[k] = attribution{src: segment{i: -1}, cue: segs[c], con: segment{i: -1}}
	}
	srcGap := make([]int, len(cues))
	for _, s := range segs {
		if s.kind == tagBCue {
			continue
		}
		best, bg := -1, 0
		for k, c := range cues {
			cs := segs[c]
			if s.kind == tagBSrc && d.sentenceOf(d.tokens[s.i].start) != d.sentenceOf(d.tokens[cs.i].start) {
				continue
			}
			if g := gap(cs, s); best < 0 || g < bg {
				best, bg = k, g
			}
		}
		if best < 0 {
			continue
		}
		at := &out[best]
		switch s.kind {
		case tagBSrc:
			if at.src.i < 0 || bg < srcGap[best] {
				at.src, srcGap[best] = s, bg
			}
		case tagBCon:
			if at.con.i < 0 {
				at.con = s
			} else {
				at.con.i, at.con.j = min(at.con.i, s.i), max(at.con.j, s.j)
			}
		}
	}
	return out
}

// modelStatements returns the statements the model finds in d, looking
// only in paragraphs with cue words outside the spans of
// the statements already found with a confidence of at least ruleTrust.
func (m *tagModel) modelStatements(d *document, actors *actorTable, found []Statement) []Statement {
	a := newAttributor(d, actors)
	covered := make([]bool, len(d.tokens))
	for _, s := range found {
		if s.Confidence < ruleTrust {
			continue
		}
		for _, sp := range []Span{s.SpeakerSpan, s.CueSpan, s.ContentSpan} {
			for k := d.tokenAt(sp.Start); k < len(d.tokens) && d.tokens[k].start < sp.End; k++ {
				covered[k] = true
			}
		}
	}
	segs, para := m.tagDocument(d, a.q, covered)
	for lo := 0; lo < len(segs); {
		hi := lo
		for hi < len(segs) && para[hi] == para[lo] {
			hi++
		}
		for _, at := range assemble(d, segs[lo:hi]) {
			if at.con.i < 0 {
				continue
			}
			var sp speaker
			adverbs := segment{i: -1}
			var i, j int // the source, trimmed
			if at.src.i >= 0 {
				i, j = a.trimSpeaker(at.src.i, at.src.j)
				for i <= j && a.enNotSubject(i) {
					i++
				}
				for j >= i && a.enNotSubject(j) {
					j--
				}
				if i > j {
					// A source of adverbs alone ("and repeatedly
					// says", "which together vowed") names no one: the
					// speaker is found as for a cue with no source.
					adverbs, at.src.i = at.src, -1
				}
			}
			if at.src.i >= 0 {
				sp = a.enSpeaker(i, j)
				if i == j && enPronouns[d.tokens[i].norm] {
					// A pronoun's antecedent is the last speaker of
					// the rules' statements as well as the model's.
					if prev := previousStatement(found, a.out, d.tokens[i].start); prev != nil && prev.SpeakerID != "" {
						sp.id, sp.ante = prev.SpeakerID, prev.SpeakerSpan
					}
				}
			} else {
				// A cue with no source of its own ("…, calling it …")
				// takes the speaker of the statement before it in its
				// sentence.
				si := d.sentenceOf(d.tokens[at.cue.i].start)
				prev := previousStatement(found, a.out, d.tokens[at.cue.i].start)
				switch {
				case prev != nil && d.sentenceOf(prev.CueSpan.Start) == si:
					sp = speaker{text: prev.SpeakerText, id: prev.SpeakerID, ante: prev.SpeakerSpan}
				case adverbs.i >= 0 && si >= 0:
					sp = a.enAdverbSubject(adverbs, d.sentences[si], at.cue.i)
					if !sp.ok() {
						continue
					}
				default:
					continue
				}
			}
			kind := Indirect
			if r, ok := a.q.opensAt(at.con.i); ok && r.close == at.con.j && r.closed {
				kind = Direct
			} else {
				at.con.j = a.enModelClauseEnd(at.con.i, at.con.j)
			}
			a.emit(sp, at.cue.i, at.cue.j, at.con.i, at.con.j, kind, 0.7)
		}
		lo = hi
	}
	return a.out
}

// enModelClauseEnd returns the last token of the indirect content [i, j]
// that the tagger found, ended before a clause that belongs to the
// reporting verb rather than to what was reported: a participle after a
// comma ("said taxes would rise, prompting …") or a second cue verb
// joined with "and" ("criticised the plan and vowed to …"). Quotations
// inside the content are passed over whole.
func (a *attributor) enModelClauseEnd(i, j int) int {
	toks := a.d.tokens
	s := sentence{first: i, last: j}
	for k := i; k < j; k++ {
		if r, ok := a.q.opensAt(k); ok && r.close > k {
			k = r.close
			continue
		}
		if k-i < 3 {
			continue
		}
		end := -1
		if toks[k].text == "," && a.isWord(k+1) && a.enParticiple(k+1) {
			end = k - 1
		} else if a.enCoordinatedCue(k, s) {
			end = k - 1
		}
		if end < 0 {
			continue
		}
		for end > i && toks[end].kind == tokPunct && !isCloseQuote(toks[end].text) {
			end--
		}
		return end
	}
	return j
}

// enAdverbSubject returns the speaker of a cue at token cue whose tagged
// source, src, holds adverbs alone: a pronoun right before them ("which
// together vowed", "she then said"), else the subject that opens sentence
// s, a pronoun too ("She … and repeatedly says"), else the adverbs' words
// as an unresolved speaker.
func (a *attributor) enAdverbSubject(src segment, s sentence, cue int) speaker {
	toks := a.d.tokens
	if k := src.i - 1; k >= s.first && enPronouns[toks[k].norm] {
		return a.enSpeaker(k, k)
	}
	if sp := a.enSentenceSubject(s, cue); sp.ok() {
		return sp
	}
	if k := a.enAfterDateline(s); k < src.i && enPronouns[toks[k].norm] && toks[k].norm != "that" && toks[k].norm != "which" && toks[k].norm != "who" {
		return a.enSpeaker(k, k)
	}
	i, j := a.trimSpeaker(src.i, src.j)
	if i > j {
		return speaker{}
	}
	return a.enSpeaker(i, j)
}

// enNotSubject reports whether token k is an adverb or auxiliary that
// stands between a subject and its cue ("repeatedly", "perhaps", "has")
// and so is never part of a source.
func (a *attributor) enNotSubject(k int) bool {
	n := a.d.tokens[k].norm
	if enPronouns[n] {
		return false
	}
	return a.enAdverb(k) || enSkipBeforeCue[n] || enSourceAdverbs[n] || enStops[n] || enSourcePreps[n] ||
		len(n) > 4 && strings.HasSuffix(n, "ed") && !a.isCap(k)
}

// enSourcePreps are prepositions that open an adjunct before a cue
// ("despite admitting") and so end no source.
var enSourcePreps = setOf("despite", "for", "of", "without", "upon", "toward", "towards", "amid")

// enSourceAdverbs are adverbs without -ly that can stand before a cue.
var enSourceAdverbs = setOf("perhaps", "together", "yet", "maybe", "instead", "too", "soon", "now", "both", "all")

// enNotParticiples end in -ing but start no participle clause.
var enNotParticiples = setOf("thing", "nothing", "something", "anything", "everything", "morning", "evening",
	"king", "spring", "string", "during", "including", "according", "regarding", "concerning", "notwithstanding",
	"building", "meeting", "hearing", "funding", "spending", "training", "housing", "ceiling", "ring", "wing", "sibling")

// enParticiple reports whether token k is a lower-case present participle
// ("prompting", "adding") that can open a clause of its own.
func (a *attributor) enParticiple(k int) bool {
	n := a.d.tokens[k].norm
	return len(n) > 5 && strings.HasSuffix(n, "ing") && !enNotParticiples[n] && !a.isCap(k)
}

// previousStatement returns the statement of a or b whose cue starts last
// before pos, or nil.
func previousStatement(a, b []Statement, pos int) *Statement {
	var prev *Statement
	for _, list := range [][]Statement{a, b} {
		for i := range list {
			s := &list[i]
			if s.CueSpan.Start < pos && (prev == nil || s.CueSpan.Start > prev.CueSpan.Start) {
				prev = s
			}
		}
	}
	return prev
}

// ruleTrust is the confidence from which a rule statement stands against
// the model: below it, a rule statement whose content overlaps a model
// statement's gives way to it (on PolNeAR dev the model is right more
// often there).
const ruleTrust = 0.7

// ruleDoubt is the confidence below which an indirect rule statement that
// no model statement overlaps is dropped: the rules doubt it and the model
// found nothing there. On PolNeAR such statements are right about one time
// in four (dev 0.26, train 0.30), and a statement lowers F1 unless it is
// right more often than half the F1 (0.36).
const ruleDoubt = 0.55

// addModelStatements combines the rules' statements of an English document
// with the model's (combineStatements).
func addModelStatements(d *document, actors *actorTable, rules []Statement) []Statement {
	if d.lang != "en" || len(d.tokens) == 0 {
		return rules
	}
	return combineStatements(d, actors, rules, enModel().modelStatements(d, actors, rules))
}

// combineStatements combines the rules' statements with the model's, ms: a
// model statement replaces the rule statements below ruleTrust whose
// content it overlaps, and is added where no other rule statement covers
// its content; an indirect rule statement below ruleDoubt that no model
// statement overlaps is dropped, and so is a statement that restates
// another (dropRestatements).
func combineStatements(d *document, actors *actorTable, rules, ms []Statement) []Statement {
	overlaps := func(s Statement, list []Statement) bool {
		for _, t := range list {
			if t.ContentSpan.Start < s.ContentSpan.End && s.ContentSpan.Start < t.ContentSpan.End {
				return true
			}
		}
		return false
	}
	out := rules[:0:0]
	for _, r := range rules {
		switch {
		case r.Confidence >= ruleTrust:
		case overlaps(r, ms):
			continue
		case r.Kind == Indirect && r.Confidence < ruleDoubt:
			continue
		}
		out = append(out, r)
	}
	kept := len(out)
	a := newAttributor(d, actors)
	for i := range out {
		cutAtCue(d, actors, &out[i], ms)
		cutAtClause(a, &out[i])
	}
	for _, s := range ms {
		if !overlaps(s, out[:kept]) {
			out = append(out, s)
		}
	}
	return dropRestatements(out)
}

// dropRestatements drops the indirect statements whose cue and content lie
// inside the content of another statement of the same speaker: in "Ann
// said she believes taxes will rise", "believes" reports what "said" does,
// and one statement says it ("she" is Ann).
func dropRestatements(stmts []Statement) []Statement {
	inside := func(in, out Span) bool { return out.Start <= in.Start && in.End <= out.End }
	out := stmts[:0:0]
	for i, q := range stmts {
		restates := false
		for j, p := range stmts {
			if i != j && q.Kind == Indirect && q.SpeakerID != "" && p.SpeakerID == q.SpeakerID &&
				p.ContentSpan != q.ContentSpan && inside(q.CueSpan, p.ContentSpan) && inside(q.ContentSpan, p.ContentSpan) {
				restates = true
				break
			}
		}
		if !restates {
			out = append(out, q)
		}
	}
	return out
}

// cutAtClause ends the content of an indirect statement r before a clause
// of the reporting verb (see enModelClauseEnd).
func cutAtClause(a *attributor, r *Statement) {
	if r.Kind != Indirect || r.ContentSpan.Len() == 0 {
		return
	}
	d := a.d
	i, j := d.tokenAt(r.ContentSpan.Start), d.tokenAt(r.ContentSpan.End-1)
	e := a.enModelClauseEnd(i, j)
	if e >= j || e < i {
		return
	}
	r.ContentSpan.End = d.tokens[e].end
	r.Content = d.slice(r.ContentSpan)
	r.MentionIDs = a.actors.mentionsIn(r.ContentSpan)
}

// enCutWords join a clause to the next one and do not end content.
var enCutWords = setOf("and", "but", "or", "while", "as")

// cutAtCue ends the content of an indirect rule statement r before the
// first model statement of the same speaker whose cue lies inside it ("X
// said A and warned that B": A is what was said), and returns whether it
// did.
func cutAtCue(d *document, actors *actorTable, r *Statement, ms []Statement) bool {
	if r.Kind != Indirect {
		return false
	}
	cut := r.ContentSpan.End
	for _, m := range ms {
		if m.SpeakerID == r.SpeakerID && m.CueSpan.Start > r.ContentSpan.Start && m.CueSpan.End <= r.ContentSpan.End {
			c := m.CueSpan.Start
			if m.SpeakerSpan.Len() > 0 && m.SpeakerSpan.Start > r.ContentSpan.Start {
				c = min(c, m.SpeakerSpan.Start)
			}
			cut = min(cut, c)
		}
	}
	if cut == r.ContentSpan.End {
		return false
	}
	first := d.tokenAt(r.ContentSpan.Start)
	k := d.tokenAt(cut) - 1
	for k >= first && (d.tokens[k].kind == tokPunct && !isCloseQuote(d.tokens[k].text) || enCutWords[d.tokens[k].norm]) {
		k--
	}
	if k < first {
		return false
	}
	r.ContentSpan.End = d.tokens[k].end
	r.Content = d.slice(r.ContentSpan)
	r.MentionIDs = actors.mentionsIn(r.ContentSpan)
	return true
}

// wordBoundaryAt reports whether the runes of d around [s, e) are no
// letters or digits.
func wordBoundaryAt(rs []rune, s, e int) bool {
	isW := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if s > 0 && isW(rs[s-1]) && isW(rs[s]) {
		return false
	}
	if e < len(rs) && e > 0 && isW(rs[e]) && isW(rs[e-1]) {
		return false
	}
	return true
}

// occurrences returns the rune spans where needle occurs in d's text.
func occurrences(d *document, needle string) []Span {
	if needle == "" {
		return nil
	}
	var out []Span
	nr := len([]rune(needle))
	for from := 0; ; {
		k := strings.Index(d.text[from:], needle)
		if k < 0 {
			return out
		}
		b := from + k
		// Byte offset to rune offset.
		r := sort.Search(len(d.offs), func(i int) bool { return int(d.offs[i]) >= b })
		out = append(out, Span{r, r + nr})
		from = b + len(needle)
	}
}
