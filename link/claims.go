package link

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/extract"
)

// A claim is what one speaker said, reported by one or more articles. Each
// claim keeps the Signature of the statement that first reported it (its
// representative); a new statement by the same speaker joins the claim
// whose representative it matches best (MatchSignatures), or starts a
// claim of its own. The store finds the claims worth comparing through
// Bands: two statements whose content is alike share a band with high
// probability, so a statement is compared with a few claims whatever the
// speaker's history.

// The thresholds of claim matching; MatchSignatures says how they are used.
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

// Signature is what claim matching reads of one statement's content. Every
// set is sorted and holds each member once.
type Signature struct {
	Arabic   bool     `json:"arabic,omitempty"`   // the content is in Arabic script
	Tokens   []string `json:"tokens,omitempty"`   // content stems without stop words or numbers
	Entities []string `json:"entities,omitempty"` // mentioned actor IDs but the speaker's
	Numbers  []string `json:"numbers,omitempty"`  // values in the content and of the figures inside it
	Dates    []string `json:"dates,omitempty"`    // dates in the content
	Concepts []string `json:"concepts,omitempty"` // bilingual concepts the content names
}

// NewSignature returns the signature of statement s of extraction x.
func NewSignature(x *extract.Extraction, s *extract.Statement) Signature {
	tokens, concepts, numbers, dates := set{}, set{}, set{}, set{}
	stems, nums := extract.ContentTokens(s.Content)
	for _, w := range stems {
		tokens.add(w)
		if c := extract.Concept(w); c != "" {
			concepts.add(c)
		}
	}
	for _, n := range nums {
		numbers.add(formatNumber(n))
	}
	entities := set{}
	for _, id := range s.MentionIDs {
		if id != s.SpeakerID {
			entities.add(id)
		}
	}
	for i := range x.Figures {
		f := &x.Figures[i]
		if f.StatementID == s.ID || (s.ContentSpan.Len() > 0 && s.ContentSpan.Contains(f.Span)) {
			numbers.add(formatNumber(f.Value))
		}
	}
	for _, t := range x.Times {
		if t.Value != "" && s.ContentSpan.Len() > 0 && s.ContentSpan.Contains(t.Span) {
			dates.add(t.Value)
			// The numbers of a date are not figures.
			for _, w := range strings.Split(t.Value, "-") {
				if n, err := strconv.Atoi(w); err == nil {
					delete(numbers, strconv.Itoa(n))
				}
			}
		}
	}
	return Signature{
		Arabic:   extract.HasArabic(s.Content),
		Tokens:   tokens.sorted(),
		Entities: entities.sorted(),
		Numbers:  numbers.sorted(),
		Dates:    dates.sorted(),
		Concepts: concepts.sorted(),
	}
}

type set map[string]bool

func (s set) add(k string) { s[k] = true }

func (s set) sorted() []string {
	if len(s) == 0 {
		return nil
	}
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// MatchSignatures returns how alike two statements of one speaker are,
// 0..1, and whether they report one claim.
//
// In one language (both contents Arabic script, or both not): with A and B
// the sets of content stems, text = max(J, ContainmentWeight·C),
// J = |A∩B|/|A∪B|, C = |A∩B|/min(|A|,|B|) (C only when the smaller set has
// MinContainmentSize stems). The score adds EntityBoost per shared
// mentioned actor and NumberBoost per shared number or date (two of each
// at most), and is multiplied by MismatchPenalty when both name numbers but
// share none, and again when both name dates but share none. They match at
// ClaimThreshold.
//
// Across languages the words differ, so the anchors speak: mentioned
// actors, numbers, dates and bilingual concepts. They match when they
// share CrossAnchorMin anchors, the Dice share of anchors reaches
// CrossDiceThreshold and neither numbers nor dates mismatch; the score is
// the Dice share.
func MatchSignatures(a, b Signature) (float64, bool) {
	penalty := 1.0
	if mismatch(a.Numbers, b.Numbers) {
		penalty *= MismatchPenalty
	}
	if mismatch(a.Dates, b.Dates) {
		penalty *= MismatchPenalty
	}
	if a.Arabic != b.Arabic {
		if penalty < 1 {
			return 0, false
		}
		shared, total := 0, 0
		for _, p := range [][2][]string{{a.Entities, b.Entities}, {a.Numbers, b.Numbers}, {a.Dates, b.Dates}, {a.Concepts, b.Concepts}} {
			shared += intersect(p[0], p[1])
			total += len(p[0]) + len(p[1])
		}
		if total == 0 {
			return 0, false
		}
		dice := 2 * float64(shared) / float64(total)
		return Round3(dice), shared >= CrossAnchorMin && dice >= CrossDiceThreshold
	}
	inter := intersect(a.Tokens, b.Tokens)
	if inter == 0 {
		return 0, false
	}
	text := float64(inter) / float64(len(a.Tokens)+len(b.Tokens)-inter)
	if small := min(len(a.Tokens), len(b.Tokens)); small >= MinContainmentSize {
		text = math.Max(text, ContainmentWeight*float64(inter)/float64(small))
	}
	score := text +
		EntityBoost*float64(min(2, intersect(a.Entities, b.Entities))) +
		NumberBoost*float64(min(2, intersect(a.Numbers, b.Numbers)+intersect(a.Dates, b.Dates)))
	score = Round3(math.Min(1, score*penalty))
	return score, score >= ClaimThreshold
}

// mismatch reports whether both sets are non-empty and share nothing.
func mismatch(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && intersect(a, b) == 0
}

// The shape of Bands: MinHash signatures of bandRows hashes per band.
const (
	tokenBands  = 8
	anchorBands = 4
	bandRows    = 1
)

// Bands returns the keys under which a claim with signature sig is
// indexed (locality-sensitive hashing): MinHash bands of its content stems
// (within its script) and of its anchors (across scripts), one hash a
// band. Two signatures whose stems have Jaccard similarity J share a token
// band with probability 1−(1−J)^8: 0.96 at 0.33 (a six-word report inside
// an eighteen-word one), 0.9 at 0.25. The store compares a statement with
// a bounded number of the claims that share a band with it.
//
// Statements that both give numbers report one claim only if they share
// one (MismatchPenalty), so a signature with numbers is indexed, and
// looked up, under each band joined with each of its numbers (at most
// maxBandNumbers) instead: the claims of a toll reported every day with a
// new number are not all candidates for the next one.
func Bands(sig Signature) []string {
	plain := plainBands(sig)
	if len(sig.Numbers) > 0 {
		return numberBands(sig, plain)
	}
	return plain
}

// maxBandNumbers bounds the numbers a signature is indexed under.
const maxBandNumbers = 2

func numberBands(sig Signature, plain []string) []string {
	var out []string
	for _, n := range sig.Numbers[:min(len(sig.Numbers), maxBandNumbers)] {
		for _, b := range plain {
			out = append(out, b+"#"+n)
		}
	}
	return out
}

func plainBands(sig Signature) []string {
	var out []string
	script := "l"
	if sig.Arabic {
		script = "a"
	}
	out = append(out, bands("t"+script, sig.Tokens, tokenBands)...)
	var anchors []string
	for _, p := range []struct {
		tag string
		s   []string
	}{{"e", sig.Entities}, {"n", sig.Numbers}, {"d", sig.Dates}, {"c", sig.Concepts}} {
		for _, v := range p.s {
			anchors = append(anchors, p.tag+":"+v)
		}
	}
	if len(anchors) >= CrossAnchorMin {
		out = append(out, bands("x", anchors, anchorBands)...)
	}
	return out
}

// bands returns n band keys of the MinHash of items, tagged.
func bands(tag string, items []string, n int) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, 0, n)
	var buf [8]byte
	for b := range n {
		h := fnv.New64a()
		for r := range bandRows {
			seed := uint64(b*bandRows + r + 1)
			least := uint64(math.MaxUint64)
			for _, it := range items {
				least = min(least, hash64(seed, it))
			}
			binary.BigEndian.PutUint64(buf[:], least)
			h.Write(buf[:])
		}
		out = append(out, tag+strconv.Itoa(b)+":"+strconv.FormatUint(h.Sum64(), 36))
	}
	return out
}

// hash64 returns a seeded 64-bit hash of s.
func hash64(seed uint64, s string) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], seed)
	h.Write(buf[:])
	h.Write([]byte(s))
	return h.Sum64()
}

// EventSimilarity returns how alike two events of one kind and day are by
// the actors they involve (participants and places), 0..1, and whether
// they are one happening: they are when they share at least one.
func EventSimilarity(a, b []string) (float64, bool) {
	s := jaccard(a, b)
	return Round3(s), s > 0
}
