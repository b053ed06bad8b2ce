package main

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// layers are the module's packages from the top down: a package may import
// those of the layers below its own, never those of its own layer or above.
// A new layer is one line here.
var layers = [][]string{
	{"cmd/claimgraph", "cmd/storygen", "cmd/cgbench", "extract/internal/trainattr"}, // commands
	{"server", "web", "metrics"},
	{"graph"},
	{"link"},
	{"extract"},
}

// beside are module packages outside the layers, and the packages that may
// import them.
var beside = map[string][]string{
	"proto/claimgraph/v1": {"cmd/claimgraph", "cmd/cgbench", "server", "metrics"}, // generated; mapped to the domain in server; the benchmark is a client
	"server/tlstest":      {},                                                     // test helpers: tests only
	"internal/pgtest":     {},                                                     // test helpers: tests only
	"internal/story":      {"cmd/storygen", "cmd/cgbench"},                        // the story generator's model
}

// TestImportDirection checks with `go list` that the imports of the
// module's packages flow one way, the commands → server (and web,
// metrics) → graph → link → extract, that the generated protobuf code is
// seen only where it is mapped, and that extract needs nothing beyond the
// standard library and golang.org/x/text.
func TestImportDirection(t *testing.T) {
	const module = "github.com/claimgraph/claimgraph/"
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", "./...")
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	type pkg struct {
		ImportPath    string
		Imports, Deps []string
	}
	std := map[string]bool{}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	// Standard-library packages: go list knows them.
	stdOut, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Fields(string(stdOut)) {
		std[p] = true
	}

	layer := func(p string) int {
		return slices.IndexFunc(layers, func(l []string) bool { return slices.Contains(l, p) })
	}
	var order []string
	for _, l := range layers {
		order = append(order, strings.Join(l, ", "))
	}
	seen := map[string]bool{}
	for _, p := range pkgs {
		from, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		seen[from] = true
		_, isBeside := beside[from]
		if layer(from) < 0 && !isBeside {
			t.Errorf("package %s is in no layer: add it to layers or beside", from)
			continue
		}
		for _, imp := range p.Imports {
			to, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			switch users, isBeside := beside[to]; {
			case isBeside:
				if !slices.Contains(users, from) {
					t.Errorf("%s imports %s, which only %v may import", from, to, users)
				}
			case layer(from) < 0 || layer(to) <= layer(from):
				t.Errorf("%s imports %s: imports must flow %s", from, to, strings.Join(order, " → "))
			}
		}
		if from == "extract" {
			for _, d := range p.Deps {
				if !std[d] && !strings.HasPrefix(d, "golang.org/x/text/") && d != "golang.org/x/text" {
					t.Errorf("extract depends on %s; it may use the standard library and golang.org/x/text only", d)
				}
			}
		}
	}
	for _, l := range layers {
		for _, p := range l {
			if !seen[p] {
				t.Errorf("layer package %s is not a package of the module", p)
			}
		}
	}
}
