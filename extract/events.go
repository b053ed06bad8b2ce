package extract

import (
	_ "embed"
	"sort"
	"strings"
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
// the word that matched (without proclitics), or "".
func (lx *triggerLexicon) kindOf(w string) (kind, form string) {
	for _, f := range stripProclitics(w) {
		if k, ok := lx.words[f]; ok {
			return k, f
		}
		for _, p := range lx.prefixes {
			if strings.HasPrefix(f, p.prefix) {
				return p.kind, p.prefix
			}
		}
	}
	return "", ""
}

// trigger is one trigger word found in the text.
type trigger struct {
	tok  int
	kind string
	form string // the lexicon form that matched
}

// findEvents returns the happenings in d with their dates, participants and
// places. A trigger word names each; a date expression of the same sentence
// dates the nearest trigger, and each date expression dates one event only,
// so that no event takes a date from elsewhere.
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
			if k, f := eventTriggers.kindOf(t.norm); k != "" {
				trigs = append(trigs, trigger{j, k, f})
			}
		}
		// The date expressions inside this sentence.
		for ti < len(times) && times[ti].Span.Start < s.span.Start {
			ti++
		}
		var stimes []int
		for k := ti; k < len(times) && times[k].Span.Start < s.span.End; k++ {
			stimes = append(stimes, k)
		}
		if len(trigs) == 0 {
			continue
		}
		dateOf := assignDates(d, trigs, stimes, times)
		seen := map[string]bool{}
		var ids []string
		idsDone := false
		for n, tr := range trigs {
			t := &d.tokens[tr.tok]
			e := Event{Kind: tr.kind, Trigger: t.text, Span: Span{t.start, t.end}}
			if k, ok := dateOf[n]; ok {
				e.Date, e.DateText = times[k].Value, times[k].Text
			}
			// One event per kind and date in a sentence: «الحرائق … حريق».
			key := e.Kind + "\x00" + e.Date
			if seen[key] {
				continue
			}
			seen[key] = true
			if e.Date != "" {
				akey := e.Kind + "\x00" + tr.form + "\x00" + e.Date
				if dated[akey] {
					continue
				}
				dated[akey] = true
			}
			if !idsDone {
				ids = actors.mentionsIn(s.span)
				idsDone = true
			}
			for _, id := range ids {
				if actors.kind(id) == KindPlace {
					e.PlaceIDs = append(e.PlaceIDs, id)
				} else {
					e.ParticipantIDs = append(e.ParticipantIDs, id)
				}
			}
			out = append(out, e)
		}
	}
	return out
}

// assignDates pairs each date expression of a sentence with the nearest
// trigger not yet dated, closest pairs first. It returns, per trigger index,
// the index of its time in times.
func assignDates(d *document, trigs []trigger, stimes []int, times []TimeMention) map[int]int {
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
			// A date after a clause break belongs less to a trigger before it.
			pairs = append(pairs, pair{n, k, dist + clauseBreaks(d, tok, sp)*40})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].dist < pairs[b].dist })
	out := map[int]int{}
	usedTime := map[int]bool{}
	for _, p := range pairs {
		if _, ok := out[p.trig]; ok || usedTime[p.time] {
			continue
		}
		out[p.trig] = p.time
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
		if d.tokens[j].kind == tokPunct {
			switch d.tokens[j].text {
			case "،", ",", "؛", ";", ":", "(", ")":
				n++
			}
		}
	}
	return n
}
