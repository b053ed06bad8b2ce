package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
)

// A sequence tagger: a first-order linear-chain model over BIO tags, its
// weights learned by an averaged structured perceptron and its best tag
// sequence found by Viterbi search. Features are 32-bit hashes, so that
// finding a token's features allocates nothing; the tagger does not know
// what they mean (model_en.go makes them).

// The tags: outside, and the beginning and inside of a source, a cue and a
// content span.
const (
	tagO = iota
	tagBSrc
	tagISrc
	tagBCue
	tagICue
	tagBCon
	tagICon
	numTags
)

// startTag is the row of the transition table used before the first token.
const startTag = numTags

// allowed reports whether tag cur may follow tag prev (startTag for the
// first token): an inside tag continues a span of its own kind.
func allowed(prev, cur int) bool {
	if cur == tagISrc || cur == tagICue || cur == tagICon {
		return prev == cur || prev == cur-1
	}
	return true
}

// seqFeatures holds the features of a sequence of tokens: those of token i
// are feats[offs[i]:offs[i+1]].
type seqFeatures struct {
	feats []uint32
	offs  []int32
}

func (f *seqFeatures) reset() {
	f.feats = f.feats[:0]
	f.offs = append(f.offs[:0], 0)
}

// add appends feature h to the current token.
func (f *seqFeatures) add(h uint32) { f.feats = append(f.feats, h) }

// next closes the current token.
func (f *seqFeatures) next() { f.offs = append(f.offs, int32(len(f.feats))) }

func (f *seqFeatures) len() int { return len(f.offs) - 1 }

func (f *seqFeatures) of(i int) []uint32 { return f.feats[f.offs[i]:f.offs[i+1]] }

// tagModel is a trained tagger. It is only read after loading and is safe
// for concurrent use.
type tagModel struct {
	index  map[uint32]int32 // feature → row of w
	w      []float32        // numTags weights per row
	table  weightTable      // the same, for decoding
	masked *transitions     // trans, for decoding
	trans  [numTags + 1][numTags]float32
	// cueWords are the words annotated as cues often enough to count as
	// cue words in the features.
	cueWords map[string]bool
}

// weightTable maps features to their weights by open addressing: one
// probe usually reads key and weights from one cache line, where a Go map
// would take two lookups and more cache misses.
type weightTable struct {
	slots []weightSlot
	mask  uint32
	scale float32 // weight = int16 × scale
	// seen has one bit per 1/16 of a slot's worth of features, set for the
	// features in slots: most features of a text are not in the model, and
	// a clear bit, read from a few kilobytes that stay in the first-level
	// cache, answers for them without a probe of the slots.
	seen      []uint64
	seenShift uint32
}

// seenBit is the bit of seen that feature h sets.
func (t *weightTable) seenBit(h uint32) uint32 { return (h * 0x9e3779b1) >> t.seenShift }

// weightSlot holds one feature's weights as int16, 20 bytes, so that three
// slots share a cache line.
type weightSlot struct {
	key uint32 // 0: empty (feat never returns 0)
	w   [numTags]int16
}

// build fills m.table from m.index and m.w.
func (m *tagModel) build() {
	n := uint32(1)
	for n < uint32(2*len(m.index)+1) {
		n <<= 1
	}
	big := float32(0)
	for _, w := range m.w {
		big = max(big, w, -w)
	}
	t := weightTable{slots: make([]weightSlot, n), mask: n - 1, scale: 1}
	bits := uint32(64)
	t.seenShift = 26
	for bits < 8*n && t.seenShift > 0 {
		bits <<= 1
		t.seenShift--
	}
	t.seen = make([]uint64, bits/64)
	if big > 0 {
		t.scale = big / 32767
	}
	for k, r := range m.index {
		if k == 0 {
			continue
		}
		i := k & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i].key = k
		b := t.seenBit(k)
		t.seen[b/64] |= 1 << (b % 64)
		for tag := range numTags {
			t.slots[i].w[tag] = int16(math.Round(float64(m.w[int(r)*numTags+tag] / t.scale)))
		}
	}
	m.table = t
	m.masked = masked(&m.trans)
}

// get returns the weights of feature h in units of t.scale, or nil.
func (t *weightTable) get(h uint32) *[numTags]int16 {
	if len(t.slots) == 0 {
		return nil
	}
	if b := t.seenBit(h); t.seen[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == h {
			return &s.w
		}
		if s.key == 0 {
			return nil
		}
	}
}

// viterbi holds the buffers of one decoding.
type viterbi struct {
	score []float32
	back  []uint8
}

// decode writes the best tag sequence for f into tags, which must have
// f.len() elements. v holds reusable buffers and may be nil.
func (m *tagModel) decode(f *seqFeatures, tags []uint8, v *viterbi) {
	emit := func(i int, out *[numTags]float32) {
		var acc [numTags]int32
		for _, h := range f.of(i) {
			if w := m.table.get(h); w != nil {
				for t := range numTags {
					acc[t] += int32(w[t])
				}
			}
		}
		for t := range numTags {
			out[t] = float32(acc[t]) * m.table.scale
		}
	}
	viterbiDecode(f.len(), emit, m.masked, tags, v)
}

// transitions are transition scores, with minus infinity where allowed
// forbids the pair.
type transitions [numTags + 1][numTags]float32

// masked returns t with the forbidden transitions set to minus infinity.
func masked(t *[numTags + 1][numTags]float32) *transitions {
	var m transitions
	negInf := float32(math.Inf(-1))
	for p := range numTags + 1 {
		for c := range numTags {
			if allowed(p, c) {
				m[p][c] = t[p][c]
			} else {
				m[p][c] = negInf
			}
		}
	}
	return &m
}

// viterbiDecode finds the best allowed tag sequence of n tokens whose
// emission scores emit gives and whose transition scores trans holds.
func viterbiDecode(n int, emit func(int, *[numTags]float32), trans *transitions, tags []uint8, v *viterbi) {
	if n == 0 {
		return
	}
	if v == nil {
		v = new(viterbi)
	}
	if cap(v.score) < n*numTags {
		v.score = make([]float32, n*numTags)
		v.back = make([]uint8, n*numTags)
	}
	score, back := v.score[:n*numTags], v.back[:n*numTags]
	negInf := float32(math.Inf(-1))
	var e [numTags]float32
	emit(0, &e)
	for t := range numTags {
		score[t] = e[t] + trans[startTag][t]
	}
	for i := 1; i < n; i++ {
		emit(i, &e)
		prev := (*[numTags]float32)(score[(i-1)*numTags : i*numTags])
		cur := (*[numTags]float32)(score[i*numTags : (i+1)*numTags])
		bk := (*[numTags]uint8)(back[i*numTags : (i+1)*numTags])
		for t := range numTags {
			best, arg := negInf, 0
			for p := range numTags {
				if s := prev[p] + trans[p][t]; s > best {
					best, arg = s, p
				}
			}
			cur[t] = best + e[t]
			bk[t] = uint8(arg)
		}
	}
	best, arg := negInf, 0
	for t := range numTags {
		if s := score[(n-1)*numTags+t]; s > best {
			best, arg = s, t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
}

// trainSeq is one training sequence: its features and its gold tags.
type trainSeq struct {
	f    seqFeatures
	gold []uint8
}

// perceptron is an averaged structured perceptron being trained. The
// averaged weights are w - u/c, where u sums each update times the step it
// was made at (Daumé's trick), so averaging costs nothing per step.
type perceptron struct {
	index  map[uint32]int32
	keys   []uint32
	w, u   []float64
	trans  [numTags + 1][numTags]float64
	transU [numTags + 1][numTags]float64
	c      float64
}

func (p *perceptron) row(h uint32, create bool) int {
	r, ok := p.index[h]
	if ok {
		return int(r)
	}
	if !create {
		return -1
	}
	r = int32(len(p.keys))
	p.index[h] = r
	p.keys = append(p.keys, h)
	p.w = append(p.w, make([]float64, numTags)...)
	p.u = append(p.u, make([]float64, numTags)...)
	return int(r)
}

func (p *perceptron) decode(s *trainSeq, tags []uint8, v *viterbi) {
	emit := func(i int, out *[numTags]float32) {
		var acc [numTags]float64
		for _, h := range s.f.of(i) {
			r := p.row(h, false)
			if r < 0 {
				continue
			}
			for t := range numTags {
				acc[t] += p.w[r*numTags+t]
			}
		}
		for t := range numTags {
			out[t] = float32(acc[t])
		}
	}
	var tr [numTags + 1][numTags]float32
	for a := range numTags + 1 {
		for b := range numTags {
			tr[a][b] = float32(p.trans[a][b])
		}
	}
	viterbiDecode(s.f.len(), emit, masked(&tr), tags, v)
}

func (p *perceptron) update(s *trainSeq, pred []uint8) {
	for i := range pred {
		g, q := int(s.gold[i]), int(pred[i])
		if g != q {
			for _, h := range s.f.of(i) {
				r := p.row(h, true)
				p.w[r*numTags+g]++
				p.u[r*numTags+g] += p.c
				p.w[r*numTags+q]--
				p.u[r*numTags+q] -= p.c
			}
		}
		gp, qp := startTag, startTag
		if i > 0 {
			gp, qp = int(s.gold[i-1]), int(pred[i-1])
		}
		if gp != qp || g != q {
			p.trans[gp][g]++
			p.transU[gp][g] += p.c
			p.trans[qp][q]--
			p.transU[qp][q] -= p.c
		}
	}
}

// trainTagger learns weights from seqs in the given number of passes over
// them, shuffled by a fixed seed: the same input always gives the same
// model. Features whose largest averaged weight is below minWeight in
// magnitude are dropped.
func trainTagger(seqs []*trainSeq, epochs int, minWeight float64) *tagModel {
	p := &perceptron{index: make(map[uint32]int32), c: 1}
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(9))
	var v viterbi
	var pred []uint8
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			s := seqs[k]
			if n := s.f.len(); cap(pred) < n {
				pred = make([]uint8, n)
			}
			pred = pred[:s.f.len()]
			p.decode(s, pred, &v)
			if !bytes.Equal(pred, s.gold) {
				p.update(s, pred)
			}
			p.c++
		}
	}
	m := &tagModel{index: make(map[uint32]int32)}
	for a := range numTags + 1 {
		for b := range numTags {
			m.trans[a][b] = float32(p.trans[a][b] - p.transU[a][b]/p.c)
		}
	}
	// Rows in key order, so that the model does not depend on the order
	// features were first seen in.
	rows := make([]int, len(p.keys))
	for i := range rows {
		rows[i] = i
	}
	sort.Slice(rows, func(i, j int) bool { return p.keys[rows[i]] < p.keys[rows[j]] })
	for _, r := range rows {
		var avg [numTags]float32
		big := 0.0
		for t := range numTags {
			a := p.w[r*numTags+t] - p.u[r*numTags+t]/p.c
			avg[t] = float32(a)
			big = max(big, math.Abs(a))
		}
		if big < minWeight || big == 0 {
			continue
		}
		m.index[p.keys[r]] = int32(len(m.w) / numTags)
		m.w = append(m.w, avg[:]...)
	}
	m.build()
	return m
}

// The encoded model, gzip'd: a magic string, the number of features, their
// keys as ascending deltas (uvarint), then per feature numTags weights as
// int16 times scale, the transition table as float32, the scale, and the
// cue words (uvarint count, then uvarint length and bytes each).
const tagModelMagic = "claimgraph-tagger-1\n"

// encode returns m in the encoded form. The same model always gives the
// same bytes.
func (m *tagModel) encode() []byte {
	keys := make([]uint32, 0, len(m.index))
	for k := range m.index {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	big := float32(0)
	for _, w := range m.w {
		big = max(big, float32(math.Abs(float64(w))))
	}
	scale := float32(1)
	if big > 0 {
		scale = big / 32767
	}
	var b bytes.Buffer
	b.WriteString(tagModelMagic)
	b.Write(binary.AppendUvarint(nil, uint64(len(keys))))
	prev := uint32(0)
	for _, k := range keys {
		b.Write(binary.AppendUvarint(nil, uint64(k-prev)))
		prev = k
	}
	// Weights tag by tag, so that gzip sees the many small values of one
	// tag together.
	for t := range numTags {
		for _, k := range keys {
			r := m.index[k]
			q := int16(math.Round(float64(m.w[int(r)*numTags+t] / scale)))
			b.Write(binary.LittleEndian.AppendUint16(nil, uint16(q)))
		}
	}
	for a := range numTags + 1 {
		for c := range numTags {
			b.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(m.trans[a][c])))
		}
	}
	b.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(scale)))
	words := make([]string, 0, len(m.cueWords))
	for w := range m.cueWords {
		words = append(words, w)
	}
	sort.Strings(words)
	b.Write(binary.AppendUvarint(nil, uint64(len(words))))
	for _, w := range words {
		b.Write(binary.AppendUvarint(nil, uint64(len(w))))
		b.WriteString(w)
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(b.Bytes())
	zw.Close()
	return z.Bytes()
}

var errBadModel = errors.New("extract: malformed tagger model")

// decodeTagModel reads a model that encode wrote. It fails on anything
// else.
func decodeTagModel(data []byte) (*tagModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read tagger model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read tagger model: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(tagModelMagic)) {
		return nil, errBadModel
	}
	r := bytes.NewReader(raw[len(tagModelMagic):])
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(len(raw)) {
		return nil, errBadModel
	}
	m := &tagModel{index: make(map[uint32]int32, n), w: make([]float32, int(n)*numTags), cueWords: make(map[string]bool)}
	keys := make([]uint32, n)
	prev := uint64(0)
	for i := range keys {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, errBadModel
		}
		prev += d
		keys[i] = uint32(prev)
		m.index[keys[i]] = int32(i)
	}
	q := make([]uint16, int(n)*numTags)
	if err := binary.Read(r, binary.LittleEndian, q); err != nil {
		return nil, errBadModel
	}
	var trans [(numTags + 1) * numTags]float32
	if err := binary.Read(r, binary.LittleEndian, &trans); err != nil {
		return nil, errBadModel
	}
	var scale float32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, errBadModel
	}
	for t := range numTags {
		for i := range keys {
			m.w[i*numTags+t] = float32(int16(q[t*int(n)+i])) * scale
		}
	}
	for a := range numTags + 1 {
		copy(m.trans[a][:], trans[a*numTags:(a+1)*numTags])
	}
	nw, err := binary.ReadUvarint(r)
	if err != nil || nw > uint64(len(raw)) {
		return nil, errBadModel
	}
	for range nw {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > uint64(r.Len()) {
			return nil, errBadModel
		}
		w := make([]byte, l)
		io.ReadFull(r, w)
		m.cueWords[string(w)] = true
	}
	m.build()
	return m, nil
}
