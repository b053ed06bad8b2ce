package extract

import (
	"strings"
	"unicode"
)

// English attribution. The speaker is the subject before the cue ("Clarke
// said that …"), or after it when the quotation or clause comes first
// ("“…,” said Caddell."), or after a source phrase ("according to X"). A
// participle ("…, adding that …") continues the speaker of its sentence, a
// bare "X continued:" introduces the quotation in the next paragraph, and a
// paragraph or headline "Name: …" attributes what follows the colon.
//
// An explicit pronoun is kept as the speaker's words, as the text gives it
// ("he", "who"); its antecedent, the last named speaker, is what the actor
// table resolves.

// enPronouns can stand as speakers.
var enPronouns = setOf("he", "she", "they", "it", "i", "we", "you", "who", "which", "that")

// enSkipBeforeCue are the auxiliaries and adverbs between a subject and its
// cue ("Trump has also said").
var enSkipBeforeCue = setOf("also", "has", "have", "had", "would", "will", "later", "previously", "once", "then", "further",
	"again", "never", "even", "first", "often", "long", "already", "just", "not", "did", "does", "do", "could", "may", "might",
	"should", "must", "can", "still", "recently", "has", "is", "was", "were", "are", "been", "being", "'s", "’s", "n't")

// enStops end a noun phrase: function words, conjunctions, verbs that start
// clauses.
var enStops = setOf("that", "and", "but", "or", "nor", "which", "when", "while", "because", "as", "if", "than", "to", "in", "on",
	"at", "by", "with", "from", "after", "before", "into", "about", "is", "was", "are", "were", "be", "been", "has", "have", "had",
	"not", "so", "then", "there", "where", "who", "what", "how", "why", "said", "says", "also", "would", "will", "can", "could",
	"this", "these", "those", "it", "he", "she", "they", "we", "i", "you", "asked", "told", "since", "during", "over", "under",
	"against", "between", "through", "until", "without", "within", "like", "just", "only", "even", "all", "both", "whether", "do",
	"does", "did", "yet", "now", "here", "however", "according", "more", "most", "very", "said,", "last", "next", "up", "out")

// enNotSpeakers are the words that open a headline or paragraph label
// rather than a speaker's name ("The Latest:", "Correction:").
var enNotSpeakers = setOf("the", "a", "an", "correction", "clarification", "source", "sources", "update", "updated", "note",
	"editor", "editors", "related", "photo", "video", "watch", "read", "breaking", "exclusive", "opinion", "analysis", "live", "q", "question", "answer")

// enClauseStarts, after a comma, start a clause that is no longer the
// attributed content.
var enClauseStarts = setOf("but", "while", "although", "though", "whereas", "implicitly", "meanwhile")

// enTimeWords are the heads of time adjuncts that stand between a subject
// and its cue ("The Times on Saturday wrote").
var enTimeWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
	"tonight", "week", "month", "year", "morning", "evening", "night", "afternoon", "weekend")

// enMonthPreps introduce a month or a year as a time adjunct.
var enMonthPreps = setOf("in", "since", "until", "through", "early", "late", "mid")

// enMonthOrYear reports whether t is a capitalised month name ("April",
// not "may") or a year in digits.
func enMonthOrYear(t token) bool {
	if t.kind == tokNumber {
		return len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20"))
	}
	if t.kind != tokWord || t.text == "" || t.text[0] < 'A' || t.text[0] > 'Z' {
		return false
	}
	_, ok := monthLex[t.norm]
	return ok
}

// enDeterminers open a noun phrase.
var enDeterminers = setOf("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "some", "many", "several", "two", "three", "other", "most", "both")

// enTitleAbbrev are the abbreviations whose period stays inside a name.
var enTitleAbbrev = setOf("mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "rev", "gov", "capt", "adm", "atty", "gen", "lt", "col", "sgt", "st", "jr", "sr", "prof", "pres", "u.s", "u.n", "u.k")

// enAdjunctStarts open an adjunct between a cue and its content ("said
// at an event in Colorado Springs that …", "said Monday").
var enAdjunctStarts = setOf("on", "in", "at", "during", "after", "before", "last", "this", "earlier", "later", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "recently", "repeatedly", "publicly",
	"privately", "also", "then", "again", "once", "previously", "while", "when", "of", "to", "about", "with", "via", "through", "for")

// enAdverb reports whether token k is an adverb in -ly ("repeatedly said",
// "publicly argued"): a lower-case word of that ending that is no noun or
// adjective of the same ending ("family", "ally", "assembly"). A
// capitalised word is a name ("Kelly", "Beverly", "Italy").
func (a *attributor) enAdverb(k int) bool {
	t := a.d.tokens[k]
	n := t.norm
	if len(n) <= 4 || !strings.HasSuffix(n, "ly") || enLyNouns[n] {
		return false
	}
	return !a.isCap(k)
}

// enLyNouns are nouns and adjectives in -ly that can head or close a
// speaker's noun phrase.
var enLyNouns = setOf("family", "families", "ally", "assembly", "rally", "supply", "reply", "monopoly", "anomaly", "bully",
	"belly", "lily", "italy", "july", "weekly", "daily", "monthly", "quarterly", "early", "elderly", "friendly", "lonely",
	"holy", "ugly", "only", "orderly", "comply", "apply", "rely", "jelly", "homily", "melancholy", "folly", "tally")

// enAbbrevDot reports whether the period at token k ends a title or an
// initial inside a name ("Mr.", "Donald J. Trump").
func (a *attributor) enAbbrevDot(k int) bool {
	toks := a.d.tokens
	if k < 1 || k >= len(toks) || toks[k-1].end != toks[k].start || toks[k-1].kind != tokWord {
		return false
	}
	if enTitleAbbrev[toks[k-1].norm] {
		return true
	}
	rs := []rune(toks[k-1].text)
	return len(rs) == 1 && unicode.IsUpper(rs[0])
}

func (a *attributor) isCap(i int) bool {
	if i < 0 || i >= len(a.d.tokens) || a.d.tokens[i].kind != tokWord {
		return false
	}
	for _, r := range a.d.tokens[i].text {
		return unicode.IsUpper(r)
	}
	return false
}

func (a *attributor) isWord(i int) bool {
	return i >= 0 && i < len(a.d.tokens) && a.d.tokens[i].kind == tokWord
}

// enNPBack returns the first token of the noun phrase that ends at token k
// and starts no earlier than lo, or -1.
func (a *attributor) enNPBack(k, lo int) int {
	toks := a.d.tokens
	if !a.isWord(k) {
		return -1
	}
	if enPronouns[toks[k].norm] && toks[k].norm != "that" {
		return k
	}
	start := -1
	caps := false
	for j := k; j >= lo && k-j < 9; j-- {
		t := toks[j]
		if t.kind == tokPunct {
			// "Mr. Obama": the period of a title.
			if t.text == "." && j-1 >= lo && a.enAbbrevDot(j) {
				continue
			}
			if (t.text == "-" && j > 0 && toks[j-1].end == t.start && toks[j-1].text != "-") || t.text == "’" || t.text == "'" {
				continue // a hyphen, not a dash ("WASHINGTON -- President Obama")
			}
			break
		}
		if t.kind != tokWord {
			break
		}
		n := t.norm
		if enDeterminers[n] {
			start = j
			break
		}
		if a.isCap(j) {
			start, caps = j, true
			continue
		}
		if (n == "of" || n == "for") && start == j+1 && caps && j-1 >= lo && a.isWord(j-1) && !enStops[toks[j-1].norm] {
			continue
		}
		if enStops[n] || enPronouns[n] || a.enAdverb(j) || strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ed") {
			break
		}
		if _, ok := cuesEn[n]; ok {
			break
		}
		start = j
	}
	if start < 0 {
		return -1
	}
	// A lone lower-case word after a comma or conjunction is rarely a
	// speaker ("…, meanwhile said"); keep plural nouns ("officials").
	if !caps && start == k && !strings.HasSuffix(toks[k].norm, "s") {
		return -1
	}
	return start
}

// enNPForward returns the last token of the noun phrase that starts at token
// i and ends no later than hi, or i-1.
func (a *attributor) enNPForward(i, hi int) int {
	toks := a.d.tokens
	j := i - 1
	caps := false
	for k := i; k <= hi && k-i < 9; k++ {
		t := toks[k]
		if t.kind == tokPunct {
			if t.text == "." && k > i && a.enAbbrevDot(k) {
				continue
			}
			if t.text == "-" {
				continue
			}
			break
		}
		if t.kind != tokWord {
			break
		}
		n := t.norm
		if k == i && enDeterminers[n] {
			j = k
			continue
		}
		if a.isCap(k) {
			j, caps = k, true
			continue
		}
		if (n == "of" || n == "for") && caps && a.isCap(k+1) {
			continue
		}
		if k == i && enPronouns[n] && n != "that" && n != "which" && n != "who" {
			return k
		}
		if enStops[n] || enPronouns[n] || enAdjunctStarts[n] {
			break
		}
		if _, ok := cuesEn[n]; ok {
			break
		}
		j = k
	}
	return j
}

// enSpeaker builds the speaker of tokens [i, j]: a pronoun keeps its words
// and takes the last named speaker as antecedent; a name becomes the last.
func (a *attributor) enSpeaker(i, j int) speaker {
	if i == j && enPronouns[a.d.tokens[i].norm] {
		sp := speaker{span: a.tokSpan(i, i), text: a.d.tokens[i].text}
		if h, ok := a.enRelativeHead(i); ok {
			// "the senator, who said …": the relative's head.
			sp.ante = h
			sp.id = a.actors.resolve(h, KindUnknown)
			return sp
		}
		if a.last.ok() {
			sp.ante = a.last.span
			sp.id = a.actors.resolve(a.last.span, KindUnknown)
		}
		return sp
	}
	return a.named(i, j, KindUnknown)
}

// enRelativeHead returns the noun phrase that the relative pronoun at
// token i ("who", "which", "that") follows in its sentence, with or
// without a comma between ("Jane Roe, who said", "the agency that
// reported"), or false.
func (a *attributor) enRelativeHead(i int) (Span, bool) {
	switch a.d.tokens[i].norm {
	case "who", "which", "that":
	default:
		return Span{}, false
	}
	j := i - 1
	if j >= 0 && a.d.tokens[j].text == "," {
		j--
	}
	if j < 0 || !a.isWord(j) || a.d.sentenceOf(a.d.tokens[j].start) != a.d.sentenceOf(a.d.tokens[i].start) {
		return Span{}, false
	}
	lo := j
	for lo > 0 && j-lo < 8 && a.d.sentenceOf(a.d.tokens[lo-1].start) == a.d.sentenceOf(a.d.tokens[j].start) {
		lo--
	}
	st := a.enNPBack(j, lo)
	if st < 0 || enPronouns[a.d.tokens[st].norm] {
		return Span{}, false
	}
	st, e := a.trimSpeaker(st, j)
	if st > e {
		return Span{}, false
	}
	return a.tokSpan(st, e), true
}

// enQuoteBefore returns the quotation that ends right before token i (a
// closing mark, possibly followed by a comma), or false.
func (a *attributor) enQuoteBefore(i int, s sentence) (quoteRegion, bool) {
	k := i - 1
	if k-1 < s.first || a.d.breakBefore(i) {
		return quoteRegion{}, false
	}
	if k >= 0 && a.d.tokens[k].kind == tokPunct && (a.d.tokens[k].text == "," || a.d.tokens[k].text == "―" || a.d.tokens[k].text == "—") {
		if r, ok := a.q.closesAt(k - 1); ok && !a.d.breakBefore(k) {
			return r, true
		}
	}
	if r, ok := a.q.closesAt(k); ok {
		return r, true
	}
	return quoteRegion{}, false
}

// enJoin extends a quotation that ends its sentence with the quotation that
// opens the next sentence ("“…,” said Caddell. “…”") and returns the
// content's last token and the text of the second part.
func (a *attributor) enJoin(afterCue int, s sentence) (int, string) {
	for k := afterCue; k <= s.last; k++ {
		if _, ok := a.q.opensAt(k); ok || k-afterCue > 40 {
			return -1, ""
		}
	}
	k := s.last + 1
	if k >= len(a.d.tokens) || a.d.breakBefore(k) {
		return -1, ""
	}
	r, ok := a.q.opensAt(k)
	if !ok || !r.closed {
		return -1, ""
	}
	return r.close, a.d.slice(a.tokSpan(r.open+1, r.close-1))
}

// enAfterCue returns where the content after a cue at token i starts
// (skipping the hearer of "told", adjuncts and "that"), or -1.
func (a *attributor) enAfterCue(i int, s sentence, c cue) int {
	toks := a.d.tokens
	j := i + 1
	if c.class == cueObject && a.isWord(j) && toks[j].norm != "that" {
		if e := a.enNPForward(j, s.last); e >= j {
			j = e + 1
		}
	}
	if j <= s.last && a.isWord(j) && enAdjunctStarts[toks[j].norm] {
		// Look for "that", a comma or a quotation that ends the adjunct;
		// an adjunct that ends the sentence leaves no content.
		for k := j; k <= s.last && k-j < 12; k++ {
			t := toks[k]
			if t.norm == "that" || t.text == "," || t.text == ":" {
				j = k + 1
				break
			}
			if _, ok := a.q.opensAt(k); ok {
				j = k
				break
			}
			if t.kind == tokPunct {
				if k == s.last || (t.text == "." && k+1 <= s.last && a.onlySeparators(k, s.last)) {
					return -1
				}
				break
			}
			if k == s.last {
				return -1
			}
		}
	}
	for j <= s.last && (toks[j].text == "," || toks[j].text == ":" || toks[j].text == "―") {
		j++
	}
	if j <= s.last && toks[j].norm == "that" {
		j++
	}
	if j > s.last {
		return -1
	}
	return j
}

// enClauseEnd returns the last token of the content that starts at token i:
// the sentence end, or before ", adding …" or ", according to".
func (a *attributor) enClauseEnd(i int, s sentence) int {
	toks := a.d.tokens
	for k := i; k <= s.last; k++ {
		if r, ok := a.q.opensAt(k); ok && r.close > k {
			if r.close >= s.last {
				return s.last
			}
			k = r.close
			// "as a “terrible situation,” but stopped short of …": a
			// clause after the quotation's own comma.
			if n := toks[k+1].norm; enClauseStarts[n] || a.enCoordinatedCue(k+1, s) {
				return k
			}
			continue
		}
		if a.enCoordinatedCue(k, s) {
			return k - 1
		}
		if (toks[k].text == "," || toks[k].text == ";") && k+1 <= s.last {
			if c, ok := cuesEn[toks[k+1].norm]; ok && (c.class == cuePart || c.class == cueNominal) {
				return k - 1
			}
			if enClauseStarts[toks[k+1].norm] {
				return k - 1
			}
		}
	}
	return s.last
}

// enCoordinatedCue reports whether token k is "and" or "but" joining a
// second cue verb to the clause ("said the plan was sound and added that
// …", "and called for …"), an auxiliary or adverb between: what follows
// is another statement.
func (a *attributor) enCoordinatedCue(k int, s sentence) bool {
	toks := a.d.tokens
	if n := toks[k].norm; n != "and" && n != "but" {
		return false
	}
	for j := k + 1; j <= s.last && j <= k+3; j++ {
		if !a.isWord(j) {
			return false
		}
		n := toks[j].norm
		if c, ok := cuesEn[n]; ok && c.class != cueNominal && (strings.HasSuffix(n, "ed") || strings.HasSuffix(n, "s") || enIrregularCuePast[n]) {
			return true
		}
		if !enSkipBeforeCue[n] && !a.enAdverb(j) {
			return false
		}
	}
	return false
}

// enIrregularCuePast are cue verbs in the past without -ed.
var enIrregularCuePast = setOf("said", "told", "wrote", "thought", "knew", "felt", "found", "forecast")

// enEmitAfter emits the content that starts at token c, a quotation or a
// clause.
func (a *attributor) enEmitAfter(sp speaker, cueI, cueJ, c int, s sentence, conf float64) bool {
	if r, ok := a.q.opensAt(c); ok && r.close-r.open > 2 {
		e := a.enClauseEnd(c, s)
		if e <= r.close || a.onlySeparators(r.close+1, e) {
			return a.emit(sp, cueI, cueJ, c, r.close, Direct, conf)
		}
		return a.emit(sp, cueI, cueJ, c, e, Indirect, conf)
	}
	return a.emit(sp, cueI, cueJ, c, a.enClauseEnd(c, s), Indirect, conf)
}

func (a *attributor) onlySeparators(i, j int) bool {
	for k := i; k <= j; k++ {
		if a.d.tokens[k].kind != tokPunct {
			return false
		}
	}
	return true
}

// emitQuote emits a quotation region, joined with the one that opens the
// next sentence when the attribution ends its own sentence.
func (a *attributor) emitQuote(sp speaker, cueI, cueJ int, r quoteRegion, afterSpeaker int, s sentence, conf float64) bool {
	// "“My hope,” he said, “is that …”": the quotation resumes.
	k := afterSpeaker
	for k <= s.last && a.d.tokens[k].kind == tokPunct && separators[a.d.tokens[k].text] {
		k++
	}
	if r2, ok := a.q.opensAt(k); ok && k <= s.last && k > afterSpeaker && r2.closed {
		if !a.emit(sp, cueI, cueJ, r.open, r2.close, Direct, conf) {
			return false
		}
		st := &a.out[len(a.out)-1]
		st.Content = joinContent(a.d.slice(a.tokSpan(r.open+1, r.close-1)), a.d.slice(a.tokSpan(r2.open+1, r2.close-1)))
		return a.keepQuoted()
	}
	end, more := a.enJoin(afterSpeaker, s)
	if end < 0 {
		return a.emit(sp, cueI, cueJ, r.open, r.close, Direct, conf)
	}
	if !a.emit(sp, cueI, cueJ, r.open, end, Direct, conf) {
		return false
	}
	st := &a.out[len(a.out)-1]
	st.Content = joinContent(a.d.slice(a.tokSpan(r.open+1, r.close-1)), more)
	return a.keepQuoted()
}

// keepQuoted drops the statement just emitted when its joined content is
// empty (“” he said, “”) and reports whether it stays.
func (a *attributor) keepQuoted() bool {
	if a.out[len(a.out)-1].Content == "" {
		a.out = a.out[:len(a.out)-1]
		return false
	}
	return true
}

// joinContent joins the parts of a quotation interrupted by its
// attribution with a space, leaving out an empty part (“” he said, “…”).
func joinContent(first, rest string) string {
	switch {
	case first == "":
		return rest
	case rest == "":
		return first
	}
	return first + " " + rest
}

// english finds the attributions of an English document.
func (a *attributor) english() {
	d := a.d
	for si, s := range enSentences(d) {
		if si == 0 || d.breakBefore(s.first) {
			a.enColonLead(s)
		}
		var cur speaker // the speaker of this sentence so far
		for i := s.first; i <= s.last; i++ {
			t := d.tokens[i]
			if (t.text == "―" || t.text == "—") && !a.q.inside(i) {
				a.enDashCredit(i, s)
				continue
			}
			if t.kind != tokWord || a.q.inside(i) {
				continue
			}
			c, ok := cuesEn[t.norm]
			if !ok {
				continue
			}
			switch c.class {
			case cueNominal:
				if t.norm == "according" && i+1 <= s.last && d.tokens[i+1].norm == "to" {
					if sp, ok := a.enAccording(i, s); ok {
						cur = sp
					}
				}
			case cuePart:
				if i-1 >= s.first && enProgressiveAux[d.tokens[i-1].norm] {
					// "Clinton is stressing that …": a finite verb.
					if sp, _ := a.enVerb(i, s, cue{class: cueVerb}); sp.ok() {
						cur = sp
					}
					continue
				}
				if i-1 < s.first || d.tokens[i-1].text != "," {
					continue
				}
				if !cur.ok() {
					// "Clinton spoke out Tuesday about …, arguing that …":
					// the participle continues the sentence's subject.
					if cur = a.enSentenceSubject(s, i); !cur.ok() {
						continue
					}
				}
				j := i + 1
				if t.norm == "calling" && j <= s.last && (d.tokens[j].norm == "for" || d.tokens[j].norm == "on") {
					j++
				}
				for j <= s.last && (d.tokens[j].norm == "that" || d.tokens[j].text == ",") {
					j++
				}
				if j <= s.last {
					a.enEmitAfter(cur, i, i, j, s, 0.6)
				}
			default:
				if sp, _ := a.enVerb(i, s, c); sp.ok() {
					cur = sp
				}
			}
		}
	}
}

// enSkipBack steps back from token k over a parenthesis ("Graham (R-S.C.)")
// and an appositive between commas ("Revesz, director of the institute,")
// to the last token of the subject.
func (a *attributor) enSkipBack(k int, s sentence) int {
	toks := a.d.tokens
	if k-1 > s.first && enTimeWords[toks[k].norm] {
		switch toks[k-1].norm {
		case "on", "last", "this", "earlier", "later":
			k -= 2
			for k >= s.first && a.isWord(k) && enSkipBeforeCue[toks[k].norm] {
				k--
			}
		}
	} else if k-1 > s.first && enMonthOrYear(toks[k]) && enMonthPreps[toks[k-1].norm] {
		// "Federal prosecutors in April charged …"
		k -= 2
		for k >= s.first && a.isWord(k) && enSkipBeforeCue[toks[k].norm] {
			k--
		}
	}
	if k >= s.first && toks[k].text == ")" {
		for j := k - 1; j >= s.first && k-j < 8; j-- {
			if toks[j].text == "(" {
				k = j - 1
				break
			}
		}
	}
	if k > s.first && (toks[k].text == "," || (isDash(toks[k].text) || toks[k].text == "―")) {
		if e := a.enAppositiveSubject(k, s); e >= 0 {
			return e
		}
	}
	if k > s.first && toks[k].text == "," {
		for j := k - 1; j > s.first && k-j < 40; j-- {
			if toks[j].text == "," {
				if a.isCap(j-1) && !a.q.inside(j) {
					if _, ok := a.q.closesAt(j - 1); !ok {
						return a.enSkipBack(j-1, s)
					}
				}
				break
			}
			if _, ok := a.q.closesAt(j); ok {
				break
			}
		}
	}
	return k
}

// enAppositiveSubject returns the last token of the name that opens
// sentence s and is followed, up to the comma at token k before a cue, by
// appositives and relative clauses ("Donna Rawlings, 59, of Ashton, Md., who
// watched …, said"), or -1. A lone word must name a known actor
// ("Meanwhile, prices rose, said …" has no such subject).
func (a *attributor) enAppositiveSubject(k int, s sentence) int {
	toks := a.d.tokens
	first := a.enAfterDateline(s)
	if n := toks[first].norm; n == "and" || n == "but" {
		first++
	}
	if first > k || enStops[toks[first].norm] || enAdjunctStarts[toks[first].norm] {
		return -1 // "At Boca West, …": an adjunct, not a subject
	}
	e := a.enNPForward(first, k)
	for m := first + 1; m <= e; m++ {
		if isDash(toks[m].text) && toks[m].start > toks[m-1].end {
			e = m - 1 // "Kall -- co-editor …": the dash opens the apposition
			break
		}
	}
	if e < first || !a.isCap(e) {
		return -1
	}
	next := e + 1
	if next < k && toks[next].text == "(" {
		for next < k && toks[next].text != ")" {
			next++
		}
		next++
	}
	if next >= k || (toks[next].text != "," && !isDash(toks[next].text)) || k-e > 45 {
		return -1
	}
	if e == first && a.actors.resolve(a.tokSpan(e, e), KindUnknown) == "" {
		return -1
	}
	for j := e + 1; j < k; j++ {
		if a.q.in[j] >= 0 || toks[j].text == ";" || toks[j].text == ":" {
			return -1
		}
		if c, ok := cuesEn[toks[j].norm]; ok && c.class != cuePart {
			return -1
		}
	}
	return e
}

// enSentences returns d's sentences, with a sentence that a period split
// off inside a name or a parenthesis ("Sen. David Perdue (R-Ga.) said …")
// joined back to the one before: a sentence that starts with a lower-case
// word or a closing bracket, on the same line, continues the last.
func enSentences(d *document) []sentence {
	out := make([]sentence, 0, len(d.sentences))
	for _, s := range d.sentences {
		if n := len(out); n > 0 && !d.breakBefore(s.first) {
			t := d.tokens[s.first]
			r := []rune(t.text)[0]
			if t.text == ")" || t.text == "," || (t.kind == tokWord && unicode.IsLower(r)) || openParen(d, out[n-1]) {
				out[n-1].last = s.last
				out[n-1].span.End = s.span.End
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// openParen reports whether sentence s leaves a parenthesis open.
func openParen(d *document, s sentence) bool {
	depth := 0
	for k := s.first; k <= s.last; k++ {
		switch d.tokens[k].text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return depth > 0
}

// enDashCredit attributes the quotation before a dash to the name after it
// ("“…” ― Jorge Falcon").
func (a *attributor) enDashCredit(i int, s sentence) {
	r, ok := a.q.closesAt(i - 1)
	if !ok || i+1 >= len(a.d.tokens) || a.d.breakBefore(i) || !a.isCap(i+1) {
		return
	}
	e := a.enNPForward(i+1, len(a.d.tokens)-1)
	if e < i+1 || (e+1 < len(a.d.tokens) && !a.d.breakBefore(e+1) && !separators[a.d.tokens[e+1].text]) {
		return
	}
	sp := a.named(i+1, e, KindPerson)
	a.emit(sp, i, i, r.open, r.close, Direct, 0.8)
}

// enVerb handles a finite cue verb at token i.
func (a *attributor) enVerb(i int, s sentence, c cue) (speaker, bool) {
	d := a.d
	toks := d.tokens
	if i-1 >= s.first && enPassiveAux[toks[i-1].norm] && (strings.HasSuffix(toks[i].norm, "ed") || enIrregularParticiples[toks[i].norm]) {
		// "has been called a charlatan", "were told": the subject hears
		// or is described; it does not speak.
		return speaker{}, false
	}
	// "called for", "called on": the particle belongs to the cue and the
	// content follows it.
	cj := i
	if enParticleCues[toks[i].norm] && i+1 <= s.last && (toks[i+1].norm == "for" || toks[i+1].norm == "on") && i+2 <= s.last && a.isWord(i+2) {
		cj = i + 1
	}
	k := i - 1
	for k >= s.first && a.isWord(k) && (enSkipBeforeCue[toks[k].norm] || a.enAdverb(k)) {
		k--
	}
	conf := 0.9
	k = a.enSkipBack(k, s)
	npStart := -1
	if k > s.first && toks[k].norm == "and" {
		// "Trump is telling veterans … and says he will …": the subject
		// of the sentence.
		if e := a.enNPForward(s.first, k); e >= s.first && e < k-1 {
			sp := a.enSpeaker(s.first, e)
			if after := a.enAfterCue(cj, s, c); after >= 0 {
				return sp, a.enEmitAfter(sp, i, cj, after, s, 0.7)
			}
			return sp, false
		}
	}
	if k >= s.first {
		npStart = a.enNPBack(k, s.first)
	}
	if npStart >= 0 {
		sp := a.enSpeaker(npStart, k)
		if sp.span.Len() > 0 && sp.ante.Len() > 0 || enPronouns[toks[npStart].norm] {
			conf = 0.6
		}
		// "“…,” he said." The quotation before the speaker, unless the
		// content follows the cue at once ("“Fox News Sunday,” Pence said
		// his running mate …").
		after := a.enAfterCue(cj, s, c)
		if r, ok := a.enQuoteBefore(npStart, s); ok && (a.enQuoteLeads(r, s) || !(after == cj+1 && (a.isWord(after) || isOpenQuote(toks[after].text)))) {
			return sp, a.emitQuote(sp, i, cj, r, i+1, s, conf)
		}
		if after < 0 || (toks[after].kind == tokPunct && !isOpenQuote(toks[after].text)) {
			// "X continued:" then the quotation in the next paragraph.
			if i+1 < len(toks) && toks[i+1].text == ":" {
				if r, ok := a.q.opensAt(i + 2); ok {
					return sp, a.emit(sp, i, i+1, r.open, r.close, Direct, conf)
				}
			}
			// "The bomb went off, the mayor said."
			if npStart-1 > s.first && toks[npStart-1].text == "," {
				return sp, a.enEmitBefore(sp, i, cj, s.first, npStart-2, conf-0.1)
			}
			return sp, false
		}
		if npStart-1 >= s.first && enSubordinators[toks[npStart-1].norm] {
			// "While a federal judge found that action unconstitutional,
			// his decision was overturned": the content ends with the
			// subordinate clause.
			s.last = a.enCommaEnd(after, s)
		}
		return sp, a.enEmitAfter(sp, i, cj, after, s, conf)
	}
	// Inverted: "“…,” said Caddell." or "…, says a new poll."
	if k != i-1 {
		return speaker{}, false
	}
	e := a.enNPForward(i+1, s.last)
	if e < i+1 || (e+1 <= s.last && toks[e+1].kind != tokPunct && !enAdjunctStarts[toks[e+1].norm] && toks[e+1].norm != "who") {
		return speaker{}, false
	}
	sp := a.enSpeaker(i+1, e)
	if r, ok := a.enQuoteBefore(i, s); ok {
		return sp, a.emitQuote(sp, i, cj, r, e+1, s, conf)
	}
	if i-1 > s.first && toks[i-1].text == "," {
		return sp, a.enEmitBefore(sp, i, cj, s.first, i-2, conf-0.1)
	}
	return speaker{}, false
}

// enAfterDateline returns the first token of sentence s after a dateline
// ("WASHINGTON -- President Obama, …", "NEW YORK, N.Y. ― …"), or s.first.
func (a *attributor) enAfterDateline(s sentence) int {
	toks := a.d.tokens
	for k := s.first; k <= s.last && k-s.first < 8; k++ {
		t := toks[k]
		if isDash(t.text) || t.text == "―" {
			if k == s.first {
				return s.first
			}
			for k <= s.last && (isDash(toks[k].text) || toks[k].text == "―") {
				k++
			}
			return k
		}
		if t.kind == tokWord && t.text != strings.ToUpper(t.text) && !a.enAbbrevDot(k+1) {
			return s.first
		}
		if t.kind == tokPunct && t.text != "," && t.text != "." {
			return s.first
		}
	}
	return s.first
}

// enSubordinators open a clause whose cue's content ends at the clause's
// comma ("While X found …, …", "what Trump says his plan would do, …").
var enSubordinators = setOf("while", "although", "though", "whereas", "if", "when", "because", "since", "unless", "what", "how", "whether")

// enCommaEnd returns the token before the first comma outside quotations
// after token i in sentence s, or s.last.
func (a *attributor) enCommaEnd(i int, s sentence) int {
	for k := i + 1; k <= s.last; k++ {
		if r, ok := a.q.opensAt(k); ok && r.close > k {
			k = r.close
			continue
		}
		if a.d.tokens[k].text == "," && !a.q.inside(k) {
			return k - 1
		}
	}
	return s.last
}

// enProgressiveAux make a participle cue finite ("is stressing").
var enProgressiveAux = setOf("is", "are", "was", "were", "'s", "’s")

// enSentenceSubject returns the subject that opens sentence s, after a
// dateline and an introductory adjunct ("In 1986, the Supreme Court
// blocked …"), when it is a name or a noun phrase with a determiner that a
// verb follows before token lim; or no speaker.
func (a *attributor) enSentenceSubject(s sentence, lim int) speaker {
	toks := a.d.tokens
	first := a.enAfterDateline(s)
	if first <= s.last && (enAdjunctStarts[toks[first].norm] || enStops[toks[first].norm]) {
		c := first
		for c <= s.last && c-first < 8 && toks[c].text != "," {
			c++
		}
		if c > s.last || c-first >= 8 {
			return speaker{}
		}
		first = c + 1
		// "On Thursday, however, Trump …"
		if first+1 <= s.last && toks[first].norm == "however" && toks[first+1].text == "," {
			first += 2
		}
	}
	if first > s.last || a.q.in[first] >= 0 {
		return speaker{}
	}
	e := a.enNPForward(first, lim-1)
	for k := first + 1; k <= e; k++ {
		// "The spokesman refused", "Mr. Carson endorsed Mr. Trump": the
		// verb ends the subject.
		if n := toks[k].norm; !a.isCap(k) && (strings.HasSuffix(n, "ed") || enVerbish[n]) {
			e = k - 1
			break
		}
	}
	if e < first || e+1 >= lim || !a.isWord(e+1) || enPronouns[toks[first].norm] || strings.HasSuffix(toks[first].norm, "ing") {
		return speaker{}
	}
	if !a.isCap(e) && !enDeterminers[toks[first].norm] {
		return speaker{}
	}
	sp := a.named(first, e, KindUnknown)
	return sp
}

// enVerbish are common verbs without -ed that end a subject.
var enVerbish = setOf("spoke", "made", "gave", "took", "went", "came", "sent", "held", "met", "won", "lost", "ran", "set", "put", "left", "got", "brought", "sought", "led")

// enPassiveAux are the forms of "be" that make a cue passive.
var enPassiveAux = setOf("is", "was", "were", "are", "be", "been", "being")

// enIrregularParticiples are the cues that are past participles without -ed.
var enIrregularParticiples = setOf("told", "found", "shown", "known", "thought", "said", "written", "seen")

// enParticleCues take "for" or "on" as part of the cue ("called for").
var enParticleCues = setOf("called", "calls", "call", "calling")

// enQuoteLeads reports whether quotation r opens sentence s and holds a
// sentence of its own, five words or more and not a title ("“…,” she said
// several months later": the quotation is the content whatever follows the
// cue; "“A Change Is Gonna Come,” she added the words …" is a title).
func (a *attributor) enQuoteLeads(r quoteRegion, s sentence) bool {
	if a.hasWord(s.first, r.open-1) {
		return false
	}
	words, caps := 0, 0
	for k := r.open + 1; k < r.close; k++ {
		if a.isWord(k) {
			words++
			if a.isCap(k) {
				caps++
			}
		}
	}
	return words >= 5 && caps < words
}

// enEmitBefore emits the clause [from, to] before its attribution.
func (a *attributor) enEmitBefore(sp speaker, cueI, cueJ, from, to int, conf float64) bool {
	words := 0
	for k := from; k <= to; k++ {
		if a.isWord(k) {
			words++
		}
	}
	if words < 3 {
		return false
	}
	kind := Indirect
	i, j := a.trimContent(from, to)
	if i <= j {
		if r, ok := a.q.opensAt(i); ok && r.close == j {
			kind = Direct
		}
	}
	return a.emit(sp, cueI, cueJ, from, to, kind, conf)
}

// enAccording handles "according to X" at token i.
func (a *attributor) enAccording(i int, s sentence) (speaker, bool) {
	toks := a.d.tokens
	e := a.enNPForward(i+2, s.last)
	if e < i+2 {
		return speaker{}, false
	}
	sp := a.named(i+2, e, KindUnknown)
	words := 0
	for k := s.first; k < i; k++ {
		if a.isWord(k) {
			words++
		}
	}
	if words >= 3 {
		// "X, according to Y, is …": the clause around the phrase.
		if e+1 <= s.last && toks[e+1].text == "," && e+2 <= s.last {
			return sp, a.emit(sp, i, i+1, s.first, s.last, Indirect, 0.7)
		}
		return sp, a.emit(sp, i, i+1, s.first, i-1, Indirect, 0.7)
	}
	c := e + 1
	for c <= s.last && toks[c].kind == tokPunct && separators[toks[c].text] {
		c++
	}
	if c > s.last {
		return sp, false
	}
	return sp, a.enEmitAfter(sp, i, i+1, c, s, 0.7)
}

// enColonLead handles a headline or paragraph that opens with a name and a
// colon ("Pat Caddell: Democrat Voters Worried…", "WALLACE: …").
func (a *attributor) enColonLead(s sentence) {
	toks := a.d.tokens
	colon := -1
	first := s.first
	if isOpenQuote(toks[first].text) {
		first++
	}
	for k := first; k <= s.last && k-first < 5; k++ {
		if toks[k].text == ":" {
			colon = k
			break
		}
		if !a.isCap(k) && !(toks[k].text == "." && k > s.first && enTitleAbbrev[toks[k-1].norm]) {
			return
		}
	}
	if colon <= first || colon+1 > s.last || colon-first > 3 || enNotSpeakers[toks[first].norm] {
		return
	}
	// The content runs to the end of the paragraph.
	end := s.last
	for k := colon + 1; k < len(toks) && !a.d.breakBefore(k); k++ {
		end = k
	}
	sp := a.named(first, colon-1, KindUnknown)
	kind := Indirect
	if r, ok := a.q.opensAt(colon + 1); ok && r.close == end {
		kind = Direct
	}
	a.emit(sp, colon, colon, colon+1, end, kind, 0.7)
}
