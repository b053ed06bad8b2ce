package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseBytes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"1048576", 1 << 20}, {"2GiB", 2 << 30}, {"512MiB", 512 << 20}, {"512mb", 512 << 20},
		{"64K", 64 << 10}, {"1.5G", 3 << 29}, {" 10 B ", 10},
	} {
		got, err := parseBytes(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "GiB", "-1", "lots", "1e30GiB", "NaN"} {
		if got, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) = %d; want an error", in, got)
		}
	}
}

func TestMemoryFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if n, ok := meminfoTotal(write("meminfo", "MemFree: 10 kB\nMemTotal:       24683792 kB\n")); !ok || n != 24683792<<10 {
		t.Errorf("meminfoTotal = %d, %v; want %d", n, ok, int64(24683792)<<10)
	}
	for _, tt := range []struct {
		content string
		want    int64
		ok      bool
	}{{"max\n", 0, false}, {"4294967296\n", 4 << 30, true}, {"9223372036854771712\n", 0, false}, {"", 0, false}} {
		if n, ok := cgroupLimit(write("memory.max", tt.content)); n != tt.want || ok != tt.ok {
			t.Errorf("cgroupLimit(%q) = %d, %v; want %d, %v", tt.content, n, ok, tt.want, tt.ok)
		}
	}
	if got := ingestBudgetFor(2<<30, 1<<20); got != 64<<20 {
		t.Errorf("ingestBudgetFor(2GiB, 1MiB) = %d; want 64MiB", got)
	}
	if got := ingestBudgetFor(64<<20, 1<<20); got != 4<<20 {
		t.Errorf("ingestBudgetFor(64MiB, 1MiB) = %d; want 4MiB", got)
	}
}
