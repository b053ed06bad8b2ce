package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// byteSize is a flag.Value of a size in bytes: a plain number or one with
// a KiB, MiB or GiB suffix (also K, M, G, KB, MB, GB, all powers of 1024).
// set reports whether the flag was given.
type byteSize struct {
	n   int64
	set bool
}

func (b *byteSize) String() string {
	if b == nil || !b.set {
		return "auto"
	}
	return formatBytes(b.n)
}

func (b *byteSize) Set(s string) error {
	n, err := parseBytes(s)
	if err != nil {
		return err
	}
	b.n, b.set = n, true
	return nil
}

// byteUnits are the suffixes parseBytes accepts, longest first.
var byteUnits = []struct {
	suffix string
	mult   int64
}{
	{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
	{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
	{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
}

// parseBytes reads a size in bytes, as byteSize documents.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(strings.ToUpper(t), u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || !(v >= 0) || v*float64(mult) >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is not a size in bytes (e.g. 2GiB, 512MiB, 1048576)", s)
	}
	return int64(v * float64(mult)), nil
}

// formatBytes writes n in the largest unit that divides it.
func formatBytes(n int64) string {
	for _, u := range []struct {
		name string
		mult int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return fmt.Sprintf("%d%s", n/u.mult, u.name)
		}
	}
	return strconv.FormatInt(n, 10)
}

// fallbackMemoryLimit is the memory limit when the machine's memory is
// not known.
const fallbackMemoryLimit = 2 << 30

// defaultMemoryLimit returns half of the memory this process may use: the
// smaller of the machine's (/proc/meminfo) and its cgroup's limit, or
// fallbackMemoryLimit when neither is known. Half leaves room for what the
// Go runtime does not count (bolt's memory map, the kernel's page cache).
func defaultMemoryLimit() int64 {
	avail := int64(0)
	if n, ok := meminfoTotal("/proc/meminfo"); ok {
		avail = n
	}
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if n, ok := cgroupLimit(f); ok && (avail == 0 || n < avail) {
			avail = n
		}
	}
	if avail == 0 {
		return fallbackMemoryLimit
	}
	return avail / 2
}

// meminfoTotal reads MemTotal from a /proc/meminfo file.
func meminfoTotal(name string) (int64, bool) {
	f, err := os.Open(name)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			return kb << 10, err == nil && kb > 0
		}
	}
	return 0, false
}

// cgroupLimit reads a cgroup memory limit file; "max" and absurdly large
// values (cgroup v1's "no limit") are no limit.
func cgroupLimit(name string) (int64, bool) {
	b, err := os.ReadFile(name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n <= 0 || n >= 1<<60 {
		return 0, false
	}
	return n, true
}

// ingestBudgetFor returns the default budget of ingest bytes in flight
// under a memory limit: a thirty-second of it (extracting and writing an
// article takes tens of times its text in memory), and at least four of
// the largest articles, so that several writers always fit.
func ingestBudgetFor(memoryLimit int64, maxArticle int) int64 {
	return max(memoryLimit/32, 4*int64(maxArticle))
}
