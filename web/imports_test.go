package web

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports holds the import direction: the site reads the store through
// graph's types and checks tokens through an interface; it never sees the
// server or protobuf.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/claimgraph/claimgraph/server", "github.com/claimgraph/claimgraph/proto/", "google.golang.org/grpc"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("web depends on %s", dep)
			}
		}
	}
}
