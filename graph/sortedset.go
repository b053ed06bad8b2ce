package graph

import (
	"github.com/google/btree"
)

// sortedSet is a set of strings in order, each with the number of quads
// that state it, kept in a B-tree: adding or removing one costs O(log n)
// and copies nothing else, where a sorted slice moves half the set on
// every write (megabytes for the links of a large store). Each entry
// costs its string and about 32 bytes of tree. It is not safe for
// concurrent use; its owner locks it.
type sortedSet struct {
	t *btree.BTreeG[counted]
}

type counted struct {
	s string
	n int32
}

// sortedSetDegree is the B-tree's degree: nodes hold 31 to 63 entries.
const sortedSetDegree = 32

func newSortedSet() *sortedSet {
	return &sortedSet{t: btree.NewG(sortedSetDegree, func(a, b counted) bool { return a.s < b.s })}
}

// add counts one more quad stating s, and reports whether s is new.
func (ss *sortedSet) add(s string, n int) bool {
	c, found := ss.t.Get(counted{s: s})
	if found {
		c.n += int32(n)
		ss.t.ReplaceOrInsert(c)
		return false
	}
	ss.t.ReplaceOrInsert(counted{s: s, n: int32(n)})
	return true
}

// remove counts one quad stating s fewer, removing s with its last, and
// reports whether s left.
func (ss *sortedSet) remove(s string) bool {
	c, found := ss.t.Get(counted{s: s})
	if !found {
		return false
	}
	if c.n--; c.n > 0 {
		ss.t.ReplaceOrInsert(c)
		return false
	}
	ss.t.Delete(c)
	return true
}

// set makes n the number of quads stating s, removing s when n is 0 or
// less.
func (ss *sortedSet) set(s string, n int) {
	if n <= 0 {
		ss.t.Delete(counted{s: s})
		return
	}
	ss.t.ReplaceOrInsert(counted{s: s, n: int32(n)})
}

// has reports whether s is in the set.
func (ss *sortedSet) has(s string) bool {
	return ss.t.Has(counted{s: s})
}

// len returns how many strings the set holds.
func (ss *sortedSet) len() int { return ss.t.Len() }

// after returns up to n strings of the set that sort after after.
func (ss *sortedSet) after(after string, n int) []string { return ss.ascend(after, true, n) }

// from returns up to n strings of the set from the first that does not
// sort before from ("": from the set's first).
func (ss *sortedSet) from(from string, n int) []string { return ss.ascend(from, false, n) }

// ascend returns up to n strings of the set from the first that does not
// sort before from, leaving from itself out when skip is set.
func (ss *sortedSet) ascend(from string, skip bool, n int) []string {
	out := make([]string, 0, min(n, ss.t.Len()))
	if n <= 0 {
		return out
	}
	ss.t.AscendGreaterOrEqual(counted{s: from}, func(c counted) bool {
		if skip && c.s == from {
			return true
		}
		out = append(out, c.s)
		return len(out) < n
	})
	return out
}
