package extract

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/events.txt
var eventsData string

// triggerLexicon maps trigger words to event kinds: whole words, and
// prefixes for entries written with a trailing "*".
type triggerLexicon struct {
	words    map[string]string
	prefixes []triggerPrefix
}

type triggerPrefix struct{ prefix, kind string }

var eventTriggers = parseTriggers(eventsData)

// parseTriggers reads the format of data/events.txt.
func parseTriggers(data string) *triggerLexicon {
	lx := &triggerLexicon{words: map[string]string{}}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		kind := f[0]
		for _, w := range f[1:] {
			if p, ok := strings.CutSuffix(w, "*"); ok {
				lx.prefixes = append(lx.prefixes, triggerPrefix{NormalizeArabic(p), kind})
				continue
			}
			lx.words[NormalizeArabic(w)] = kind
		}
	}
	return lx
}

// kindOf returns the event kind a normalised word names and the form of
// the word that matched (without proclitics), or "". It allocates nothing:
// it runs on every word.
func (lx *triggerLexicon) kindOf(w string) (kind, form string) {
	if k, f := lx.match(w); k != "" || w == "" || w[0] < 0x80 {
		return k, f
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			if k, f := lx.match(rest); k != "" {
				return k, f
			}
		}
	}
	return "", ""
}

// match looks f up whole, by prefix, and without the accusative ending of
// an indefinite Arabic noun («خطابا», «اجتماعا»).
func (lx *triggerLexicon) match(f string) (kind, form string) {
	if k, ok := lx.words[f]; ok {
		return k, f
	}
	for _, p := range lx.prefixes {
		if strings.HasPrefix(f, p.prefix) {
			return p.kind, p.prefix
		}
	}
	if b, ok := strings.CutSuffix(f, "ا"); ok && b != "" && b[0] >= 0x80 && utf8.RuneCountInString(b) >= 3 {
		if k, ok := lx.words[b]; ok {
			return k, b
		}
	}
	return "", ""
}

// inName reports whether the Latin word at token j of sentence s is part
// of a capitalised name ("Federal Election Commission", "Right to Rise
// USA", "Fox News Sunday"): capitalised, not the sentence's first word,
// with a capitalised word beside it.
func inName(d *document, s sentence, j int) bool {
	capital := func(j int) bool {
		if j < s.first || j > s.last || d.tokens[j].kind != tokWord {
			return false
		}
		r, _ := utf8.DecodeRuneInString(d.tokens[j].text)
		return unicode.IsUpper(r)
	}
	return j > s.first && capital(j) && (capital(j-1) || capital(j+1))
}

// datedOnly are the kinds that are events only when the text dates them:
// «قال أمس» reports a happening, «قال» alone is a statement and no more;
// «ينتهي العقد في يونيو 2018» is one, «على وشك الانتهاء» is not.
var datedOnly = map[string]bool{"statement": true, "start": true, "end": true}

// trigger is one trigger word found in the text.
type trigger struct {
	tok  int
	kind string
	form string // the lexicon form that matched
}

// findEvents returns the happenings in d with their dates, participants and
// places. A trigger word names each; every date expression of a sentence
// with a trigger dates one event there, the nearest trigger's (a second
// date of one trigger makes a second event), and none dates an event of
// another sentence. A week («الأسبوع الماضي») dates nothing.
func findEvents(d *document, actors *actorTable, times []TimeMention) []Event {
	var out []Event
	// The same trigger word with the same date twice in an article reports
	// one happening twice.
	dated := map[string]bool{}
	ti := 0
	for _, s := range d.sentences {
		var trigs []trigger
		for j := s.first; j <= s.last; j++ {
			t := &d.tokens[j]
			if t.kind != tokWord {
				continue
			}
			if k, f := eventTriggers.kindOf(t.norm); k != "" && !inName(d, s, j) {
				trigs = append(trigs, trigger{j, k, f})
			}
		}
		// The date expressions inside this sentence.
		for ti < len(times) && times[ti].Span.Start < s.span.Start {
			ti++
		}
		var stimes []int
		for k := ti; k < len(times) && times[k].Span.Start < s.span.End; k++ {
			if !isWeek(d, times[k]) && !framesAnother(times, ti, s.span.End, k) {
				stimes = append(stimes, k)
			}
		}
		if len(trigs) == 0 {
			continue
		}
		dateOf := assignDates(d, trigs, stimes, times)
		seen := map[string]bool{}
		first := len(out)
		for n, tr := range trigs {
			t := &d.tokens[tr.tok]
			ks := dateOf[n]
			if len(ks) == 0 {
				ks = []int{-1}
			}
			var parts, places []string
			clause := false
			for _, k := range ks {
				e := Event{Kind: tr.kind, Trigger: t.text, Span: Span{t.start, t.end}}
				if k >= 0 {
					e.Date, e.DateText = times[k].Value, times[k].Text
				}
				// One event per kind and date in a sentence: «الحرائق … حريق».
				key := e.Kind + "\x00" + e.Date
				if seen[key] {
					continue
				}
				seen[key] = true
				if e.Date == "" && datedOnly[e.Kind] {
					continue
				}
				if e.Date != "" {
					akey := e.Kind + "\x00" + tr.form + "\x00" + e.Date
					if dated[akey] {
						continue
					}
					dated[akey] = true
				}
				if !clause {
					clause = true
					for _, id := range actors.mentionsIn(clauseOf(d, s, tr.tok)) {
						if actors.kind(id) == KindPlace {
							places = append(places, id)
						} else {
							parts = append(parts, id)
						}
					}
				}
				e.ParticipantIDs, e.PlaceIDs = parts, places
				out = append(out, e)
			}
		}
		out = append(out[:first], sameHappening(out[first:])...)
	}
	return out
}

// sameHappening drops from the events of one sentence each undated event
// of a kind the sentence dates: «ألقى خطابا الخميس» is one speech, «الحرب
// التي اندلعت في 7 أكتوبر» one war. It returns a new slice.
func sameHappening(events []Event) []Event {
	dated := map[string]bool{}
	for _, e := range events {
		if e.Date != "" {
			dated[e.Kind] = true
		}
	}
	var out []Event
	for _, e := range events {
		if e.Date != "" || !dated[e.Kind] {
			out = append(out, e)
		}
	}
	return out
}

// framesAnother reports whether times[k] holds another date of the
// sentence whose times start at ti and end before end: «الحريق الأكثر
// خطورة العام الحالي اندلع في نهاية يونيو», "In 2014, on March 3, …". The
// finer date dates the happening; the coarser one frames it.
func framesAnother(times []TimeMention, ti, end, k int) bool {
	for n := ti; n < len(times) && times[n].Span.Start < end; n++ {
		if v := times[n].Value; n != k && len(v) > len(times[k].Value) && strings.HasPrefix(v, times[k].Value+"-") {
			return true
		}
	}
	return false
}

// assignDates pairs each date expression of a sentence with the nearest
// trigger not yet dated, closest pairs first; a date left over when every
// trigger has one («تقام البطولة من 25 يوليو إلى 2 أغسطس») then dates its
// nearest trigger too. It returns, per trigger index, the indexes of its
// times in times, first the one paired first.
func assignDates(d *document, trigs []trigger, stimes []int, times []TimeMention) map[int][]int {
	type pair struct{ trig, time, dist int }
	var pairs []pair
	for n, tr := range trigs {
		tok := d.tokens[tr.tok]
		for _, k := range stimes {
			sp := times[k].Span
			if sp.Start <= tok.start && tok.end <= sp.End {
				continue // a word inside the date itself
			}
			dist := tok.start - sp.End
			if dist < 0 {
				dist = sp.Start - tok.end
			}
			// A date after a clause break belongs less to a trigger before
			// it; a purpose infinitive («للانضمام», "to join") less than
			// the main verb.
			dist += clauseBreaks(d, tok, sp) * 40
			if isPurpose(tok.norm) {
				dist += 20
			}
			// "Tuesday's vote": a possessive date belongs to what follows.
			if strings.HasSuffix(times[k].Text, "'s") && tok.end <= sp.Start {
				dist += 20
			}
			pairs = append(pairs, pair{n, k, dist})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].dist < pairs[b].dist })
	out := map[int][]int{}
	usedTime := map[int]bool{}
	for _, p := range pairs {
		if len(out[p.trig]) > 0 || usedTime[p.time] {
			continue
		}
		out[p.trig] = append(out[p.trig], p.time)
		usedTime[p.time] = true
	}
	for _, p := range pairs {
		if usedTime[p.time] {
			continue
		}
		out[p.trig] = append(out[p.trig], p.time)
		usedTime[p.time] = true
	}
	return out
}

// clauseBreaks counts the clause punctuation between a trigger and a span.
func clauseBreaks(d *document, tok token, sp Span) int {
	lo, hi := tok.end, sp.Start
	if sp.End <= tok.start {
		lo, hi = sp.End, tok.start
	}
	n := 0
	for j := d.tokenAt(lo); j < len(d.tokens) && d.tokens[j].start < hi; j++ {
		switch t := &d.tokens[j]; t.kind {
		case tokPunct:
			switch t.text {
			case "،", ",", "؛", ";", ":", "(", ")":
				n++
			}
		case tokWord:
			if isComplementizer(t.norm) {
				n++
			}
		}
	}
	return n
}

// isPurpose reports whether a trigger word carries the preposition لـ, as
// infinitives of purpose do («للانضمام», «لخفض»).
func isPurpose(w string) bool {
	return strings.HasPrefix(w, "لل") || strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "لق")
}

// clauseOf returns the span of the clause around trigger token tok in
// sentence s: back to the nearest complementizer («أن», "that") or colon,
// forward to the next clause punctuation. Its actors take part in the event.
func clauseOf(d *document, s sentence, tok int) Span {
	first, last := s.first, s.last
	for j := tok - 1; j > s.first; j-- {
		t := &d.tokens[j]
		if t.kind == tokPunct && (t.text == ":" || t.text == "«" || t.text == "\"" || t.text == "“") ||
			t.kind == tokWord && isComplementizer(t.norm) {
			first = j + 1
			break
		}
	}
	for j := tok + 1; j <= s.last; j++ {
		t := &d.tokens[j]
		if t.kind == tokPunct && (t.text == "،" || t.text == "," || t.text == "؛" || t.text == ";" || t.text == ":") {
			last = j - 1
			break
		}
	}
	return Span{d.tokens[first].start, d.tokens[last].end}
}

func isComplementizer(w string) bool {
	switch w {
	case "ان", "بان", "وان", "انه", "انها", "that":
		return true
	}
	return false
}
