package extract

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// The gazetteer is data, embedded from data/gazetteer_*.tsv. Every file is
// UTF-8 text, one record a line, fields separated by tabs, lists inside a
// field separated by "|"; blank lines and lines starting with # are skipped.
//
//   - gazetteer_places.tsv, gazetteer_orgs.tsv, gazetteer_people.tsv:
//     id, kind (person, organization, place, group), canonical English name,
//     names and aliases in both scripts, and for places the adjectives
//     (Arabic nisba with ال, English demonyms) that role titles are built from.
//     An alias written ~X names the entry only beside quotation marks, a dash
//     or a colon, for names that are common words too («"الوطن"», «سبق-»).
//   - gazetteer_offices.tsv: office, Arabic titles taking a nisba after them,
//     Arabic titles taking a country name after them, English titles.
//   - gazetteer_roles.tsv: office (or -), country or organization id (or -),
//     holder id, start and end dates (YYYY-MM-DD, end empty while held),
//     extra titles used as they are.
//   - gazetteer_lexicon.tsv: the word classes of the actor finder (sources,
//     modifiers, titles, heads of organization and place names, particles,
//     stop words), described at the top of the file.
//
// Ids are lower-case ASCII slugs and stable: graph nodes are named after them.
//
//go:embed data/gazetteer_*.tsv
var gazetteerFiles embed.FS

// kindNone marks gazetteer entries that name no actor.
const kindNone ActorKind = -1

// gazEntry is one known actor.
type gazEntry struct {
	id, name string
	kind     ActorKind
	names    []string // every name, as written, without the ~ mark
	adjs     []string // places: Arabic nisba with ال and English demonyms
	roles    []Role
}

// gazHolder is one term of office.
type gazHolder struct {
	entry      int
	start, end string
}

// gazPhrase is a name or role title as a sequence of match keys.
type gazPhrase struct {
	keys    []string
	caps    []uint8 // per token: 0 any case, 1 first letter upper, 2 all upper
	entry   int     // index into entries, or -1 for a role title
	role    string  // role key when entry is -1
	guarded bool    // names the entry only beside quotes, dashes or colons
}

// lexClass is a word class of gazetteer_lexicon.tsv.
type lexClass uint16

const (
	lexSource lexClass = 1 << iota
	lexModifier
	lexTitle
	lexOrgHead
	lexPlaceHead
	lexParticle
	lexStop
	lexThing
	lexPersonDesc
	lexFirstName
	lexBodyHead
)

// sourceHead is the head of an anonymous or collective source phrase.
type sourceHead struct {
	keys         []string
	kind         ActorKind
	slug         string
	needModifier bool
}

// gazetteer is the parsed, indexed data. It is built once and only read
// after that, so it is safe for concurrent use.
type gazetteer struct {
	entries  []gazEntry
	byID     map[string]int
	phrases  map[string][]*gazPhrase // by first key, longest first
	holders  map[string][]gazHolder  // by role key "office|country"
	nisba    map[string]int          // stem of an Arabic nisba -> place entry
	demonyms map[string]int          // lower-cased English demonym -> place entry
	words    map[string]lexClass     // key -> classes (single words)
	multi    map[string][][]string   // first key -> multi-word titles, sources
	sources  map[string][]*sourceHead
	kingdoms map[int]bool // place entries that are kingdoms («المملكة …» among their names)
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
	gazErr  error
)

// loadGazetteer returns the embedded gazetteer, parsing it on first use.
func loadGazetteer() (*gazetteer, error) {
	gazOnce.Do(func() { gaz, gazErr = parseGazetteer() })
	return gaz, gazErr
}

// mustGazetteer returns the embedded gazetteer and panics when it does not
// parse: the data is compiled in, so that is a build defect that tests catch.
func mustGazetteer() *gazetteer {
	g, err := loadGazetteer()
	if err != nil {
		panic(err)
	}
	return g
}

// records returns the tab-separated records of an embedded file with their
// line numbers.
func records(name string) ([][]string, []int, error) {
	b, err := gazetteerFiles.ReadFile("data/" + name)
	if err != nil {
		return nil, nil, fmt.Errorf("gazetteer: %w", err)
	}
	var recs [][]string
	var lines []int
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		recs = append(recs, strings.Split(line, "\t"))
		lines = append(lines, i+1)
	}
	return recs, lines, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func field(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func parseGazetteer() (*gazetteer, error) {
	g := &gazetteer{
		byID:     map[string]int{},
		phrases:  map[string][]*gazPhrase{},
		holders:  map[string][]gazHolder{},
		nisba:    map[string]int{},
		demonyms: map[string]int{},
		words:    map[string]lexClass{},
		multi:    map[string][][]string{},
		sources:  map[string][]*sourceHead{},
	}
	for _, file := range []string{"gazetteer_places.tsv", "gazetteer_orgs.tsv", "gazetteer_people.tsv"} {
		recs, lines, err := records(file)
		if err != nil {
			return nil, err
		}
		for i, rec := range recs {
			id, kind, name := field(rec, 0), ParseActorKind(field(rec, 1)), field(rec, 2)
			if field(rec, 1) == "none" {
				// Names that are not actors but contain one («كوبا أميركا»):
				// they take their tokens so no actor is found inside.
				kind = kindNone
			}
			if !validSlug(id) || kind == KindUnknown || name == "" {
				return nil, fmt.Errorf("gazetteer: %s:%d: bad record %q", file, lines[i], rec)
			}
			if _, dup := g.byID[id]; dup {
				return nil, fmt.Errorf("gazetteer: %s:%d: duplicate id %q", file, lines[i], id)
			}
			e := gazEntry{id: id, name: name, kind: kind, adjs: splitList(field(rec, 4))}
			g.byID[id] = len(g.entries)
			for _, a := range splitList(field(rec, 3)) {
				guarded := strings.HasPrefix(a, "~")
				a = strings.TrimPrefix(a, "~")
				e.names = append(e.names, a)
				g.addPhrase(a, len(g.entries), "", guarded, true)
				if v := arGVariant(a); v != "" && kind != KindPerson {
					g.addPhrase(v, len(g.entries), "", guarded, true)
				}
			}
			if !containsString(e.names, name) {
				e.names = append([]string{name}, e.names...)
				g.addPhrase(name, len(g.entries), "", false, true)
			}
			g.entries = append(g.entries, e)
		}
	}
	// The first words of known people's English names are first names too.
	for _, e := range g.entries {
		if e.kind != KindPerson {
			continue
		}
		if f := strings.Fields(e.name); len(f) > 1 && isLatin(f[0]) && len([]rune(f[0])) > 2 {
			if keys := phraseKeys(f[0]); len(keys) == 1 {
				g.words[keys[0]] |= lexFirstName
			}
		}
	}
	g.kingdoms = map[int]bool{}
	for i, e := range g.entries {
		for _, n := range e.names {
			// The United Kingdom is written in full or as Britain, never
			// as «المملكة» alone.
			if f := strings.Fields(NormalizeArabic(n)); e.kind == KindPlace && len(f) > 1 && (matchKey(f[0]) == kingdomKey || matchKey("ال"+f[0]) == kingdomKey) && e.id != "united-kingdom" {
				g.kingdoms[i] = true
			}
		}
		for _, a := range e.adjs {
			if isLatin(a) {
				g.demonyms[strings.ToLower(a)] = i
				continue
			}
			g.nisba[nisbaStem(NormalizeArabic(a))] = i
		}
	}
	if err := g.parseRoles(); err != nil {
		return nil, err
	}
	if err := g.parseLexicon(); err != nil {
		return nil, err
	}
	for _, ps := range g.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].keys) > len(ps[j].keys) })
	}
	return g, nil
}

// parseRoles reads offices and roles and adds every role title as a phrase.
func (g *gazetteer) parseRoles() error {
	type office struct{ arAdj, arCons, en []string }
	offices := map[string]office{}
	recs, lines, err := records("gazetteer_offices.tsv")
	if err != nil {
		return err
	}
	for i, rec := range recs {
		if field(rec, 0) == "" {
			return fmt.Errorf("gazetteer: gazetteer_offices.tsv:%d: no office", lines[i])
		}
		offices[field(rec, 0)] = office{splitList(field(rec, 1)), splitList(field(rec, 2)), splitList(field(rec, 3))}
	}
	recs, lines, err = records("gazetteer_roles.tsv")
	if err != nil {
		return err
	}
	seenTitle := map[string]bool{}
	for i, rec := range recs {
		off, country, holder := field(rec, 0), field(rec, 1), field(rec, 2)
		start, end := field(rec, 3), field(rec, 4)
		hi, ok := g.byID[holder]
		if !ok {
			return fmt.Errorf("gazetteer: gazetteer_roles.tsv:%d: unknown holder %q", lines[i], holder)
		}
		if !validDate(start) || (end != "" && !validDate(end)) || (end != "" && end < start) {
			return fmt.Errorf("gazetteer: gazetteer_roles.tsv:%d: bad dates %q %q", lines[i], start, end)
		}
		ci := -1
		if country != "-" {
			if ci, ok = g.byID[country]; !ok {
				return fmt.Errorf("gazetteer: gazetteer_roles.tsv:%d: unknown country %q", lines[i], country)
			}
		}
		var titles []string
		if off != "-" {
			o, ok := offices[off]
			if !ok {
				return fmt.Errorf("gazetteer: gazetteer_roles.tsv:%d: unknown office %q", lines[i], off)
			}
			if ci >= 0 {
				c := g.entries[ci]
				for _, adj := range c.adjs {
					if isLatin(adj) {
						for _, t := range o.en {
							titles = append(titles, adj+" "+t)
						}
						continue
					}
					for _, t := range o.arAdj {
						titles = append(titles, t+" "+adj)
					}
				}
				for _, n := range c.names {
					if isLatin(n) {
						if len(n) > 3 {
							for _, t := range o.en {
								titles = append(titles, t+" of "+n)
							}
						}
						continue
					}
					for _, t := range o.arCons {
						titles = append(titles, t+" "+n)
					}
				}
			}
		}
		titles = append(titles, splitList(field(rec, 5))...)
		key := off + "|" + country
		if off == "-" {
			key = "-|" + holder + "|" + start
			// Extra titles shared by successive holders form one role.
			if ts := splitList(field(rec, 5)); len(ts) > 0 {
				key = "-|" + country + "|" + ts[0]
			}
		}
		g.holders[key] = append(g.holders[key], gazHolder{entry: hi, start: start, end: end})
		for _, t := range titles {
			if tk := key + "\x00" + t; !seenTitle[tk] {
				seenTitle[tk] = true
				g.addPhrase(t, -1, key, false, false)
			}
		}
		e := &g.entries[hi]
		e.roles = append(e.roles, Role{Title: roleTitle(titles, true), Start: start, End: end})
		if ar := roleTitle(titles, false); ar != "" {
			e.roles = append(e.roles, Role{Title: ar, Start: start, End: end})
		}
	}
	return nil
}

// roleTitle returns the first English (latin true) or Arabic title.
func roleTitle(titles []string, latin bool) string {
	for _, t := range titles {
		if isLatin(t) == latin {
			return t
		}
	}
	return ""
}

func (g *gazetteer) parseLexicon() error {
	recs, lines, err := records("gazetteer_lexicon.tsv")
	if err != nil {
		return err
	}
	classes := map[string]lexClass{"source": lexSource, "modifier": lexModifier, "title": lexTitle,
		"orghead": lexOrgHead, "placehead": lexPlaceHead, "particle": lexParticle, "stop": lexStop, "thing": lexThing, "persondesc": lexPersonDesc, "firstname": lexFirstName, "bodyhead": lexBodyHead}
	for i, rec := range recs {
		c, ok := classes[field(rec, 0)]
		if !ok {
			return fmt.Errorf("gazetteer: gazetteer_lexicon.tsv:%d: unknown class %q", lines[i], field(rec, 0))
		}
		for _, f := range splitList(field(rec, 2)) {
			need := strings.HasSuffix(f, "*")
			f = strings.TrimSuffix(f, "*")
			keys := phraseKeys(f)
			if len(keys) == 0 {
				continue
			}
			if c == lexSource {
				kind, slug, _ := strings.Cut(field(rec, 1), ":")
				h := &sourceHead{keys: keys, kind: ParseActorKind(kind), slug: slug, needModifier: need}
				if h.kind != KindAnonymous && h.kind != KindGroup || slug == "" {
					return fmt.Errorf("gazetteer: gazetteer_lexicon.tsv:%d: bad source %q", lines[i], field(rec, 1))
				}
				g.sources[keys[0]] = append(g.sources[keys[0]], h)
				continue
			}
			if len(keys) == 1 {
				g.words[keys[0]] |= c
			} else if c == lexTitle {
				g.multi[keys[0]] = append(g.multi[keys[0]], keys)
			}
		}
	}
	for _, hs := range g.sources {
		sort.SliceStable(hs, func(i, j int) bool { return len(hs[i].keys) > len(hs[j].keys) })
	}
	return nil
}

// arGVariant returns the spelling of a foreign Arabic name with the g
// sound written ج rather than غ, as much of the Gulf and Egyptian press
// writes it («نيكاراجوا» for «نيكاراغوا», «أوروجواي» for «أوروغواي»), or
// "" when s has no غ.
func arGVariant(s string) string {
	if !strings.Contains(s, "غ") {
		return ""
	}
	return strings.ReplaceAll(s, "غ", "ج")
}

// addPhrase indexes the name or title s. Names keep the case of capitalised
// Latin words; role titles match in any case except for acronyms.
func (g *gazetteer) addPhrase(s string, entry int, role string, guarded, keepCase bool) {
	toks := tokenize([]rune(s))
	if len(toks) == 0 {
		return
	}
	p := &gazPhrase{entry: entry, role: role, guarded: guarded}
	for _, t := range toks {
		p.keys = append(p.keys, matchKey(t.norm))
		p.caps = append(p.caps, caseClass(t.text, keepCase))
	}
	g.phrases[p.keys[0]] = append(g.phrases[p.keys[0]], p)
}

// caseClass says how a Latin token of a gazetteer name must be written in
// the text: 2 all capitals (acronyms such as "US", "AP"), 1 capitalised,
// 0 any case.
func caseClass(s string, keepCase bool) uint8 {
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 0x250 || !unicode.IsUpper(r) {
		return 0
	}
	n, upper := 0, true
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
			if !unicode.IsUpper(c) {
				upper = false
			}
		}
	}
	if upper && n <= 4 {
		return 2
	}
	if keepCase {
		return 1
	}
	return 0
}

// caseFits reports whether the text token t is written as class c requires.
func caseFits(t string, c uint8) bool {
	switch c {
	case 1:
		r, _ := utf8.DecodeRuneInString(t)
		return unicode.IsUpper(r)
	case 2:
		for _, r := range t {
			if unicode.IsLetter(r) && !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// phraseKeys returns the match keys of the words of s.
func phraseKeys(s string) []string {
	toks := tokenize([]rune(s))
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = matchKey(t.norm)
	}
	return keys
}

// matchKey returns the key under which a normalised token is compared: the
// token itself, with the feminine ending of a nisba (ـية) cut to ـي, so that
// «الأمريكي» and «الأمريكية» meet (other final ة stay: «قطرة» is not «قطر»),
// and an English possessive dropped ("Trump's" is "Trump").
func matchKey(norm string) string {
	if norm == "" {
		return norm
	}
	if norm[0] < 0x80 {
		return trimPossessive(strings.ReplaceAll(norm, "’", "'"))
	}
	if strings.HasSuffix(norm, "يه") && utf8.RuneCountInString(norm) >= 4 {
		return norm[:len(norm)-len("ه")]
	}
	return norm
}

// clitic is one way to read a token: its key after removing a proclitic of
// n normalised runes.
type clitic struct {
	key string
	n   int
}

// cliticForms appends to buf the readings of the normalised token w: w
// itself, then w without each proclitic that leaves two letters or more;
// when the proclitic ends in the article (وال، بال، لل…), the reading with
// the article kept is added too, so «للولايات» reads as «الولايات».
func cliticForms(buf []clitic, w string) []clitic {
	buf = append(buf[:0], clitic{matchKey(w), 0})
	if w == "" || w[0] < 0x80 {
		return buf
	}
	for _, p := range proclitics {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		pn := utf8.RuneCountInString(p)
		if strings.HasSuffix(p, "ال") {
			buf = append(buf, clitic{matchKey("ال" + rest), pn - 2})
		} else if strings.HasSuffix(p, "لل") {
			buf = append(buf, clitic{matchKey("ال" + rest), pn - 1})
		}
		buf = append(buf, clitic{matchKey(rest), pn})
	}
	return buf
}

// holder returns the entry that held the role on day, or -1. With a zero
// day, it returns the current holder.
func (g *gazetteer) holder(role string, day time.Time) int {
	hs := g.holders[role]
	if day.IsZero() {
		for i := len(hs) - 1; i >= 0; i-- {
			if hs[i].end == "" {
				return hs[i].entry
			}
		}
		return -1
	}
	d := day.Format("2006-01-02")
	for _, h := range hs {
		if h.start <= d && (h.end == "" || d < h.end) {
			return h.entry
		}
	}
	return -1
}

func validSlug(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r < 0x250
		}
	}
	return true
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// trimPossessive drops a final 's or ’s (or a bare final apostrophe) from a
// Latin word.
func trimPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if rest, ok := strings.CutSuffix(w, suf); ok && rest != "" {
			return rest
		}
	}
	return w
}
