package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// runVersion prints the module version and the commit the binary was
// built from, as the Go toolchain recorded them.
func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	bi, _ := debug.ReadBuildInfo()
	_, err := fmt.Fprintln(e.stdout, versionText(bi))
	return err
}

// versionText says which claimgraph bi describes, in one line:
// "claimgraph v1.2.0 (commit 0123abcd…, 2026-12-04T20:00:00Z, modified; go1.26.0)".
// A build outside a module (bi nil) or from a work tree is "(devel)".
func versionText(bi *debug.BuildInfo) string {
	if bi == nil {
		return "claimgraph (devel) (no build information)"
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var about []string
	if rev != "" {
		about = append(about, "commit "+rev)
	} else {
		about = append(about, "commit unknown")
	}
	if at != "" {
		about = append(about, at)
	}
	if modified {
		about = append(about, "modified")
	}
	return fmt.Sprintf("claimgraph %s (%s; %s)", version, strings.Join(about, ", "), bi.GoVersion)
}
