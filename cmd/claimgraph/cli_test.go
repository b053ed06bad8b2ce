package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// runCLI runs the program in this process with args and stdin, and returns
// its standard output, standard error and error.
func runCLI(t testing.TB, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

// TestHelpLayout checks that every command answers -h and "help COMMAND"
// with the same text on standard output, in one layout: the synopsis, what
// the command does, and each flag with two dashes.
func TestHelpLayout(t *testing.T) {
	for _, g := range commandGroups {
		for _, c := range g.commands {
			if c.run == nil {
				continue
			}
			t.Run(c.name, func(t *testing.T) {
				dashH, stderr, err := runCLI(t, "", c.name, "-h")
				if err != nil || stderr != "" {
					t.Fatalf("%s -h: err %v, stderr %q; want usage on stdout only", c.name, err, stderr)
				}
				help, _, err := runCLI(t, "", "help", c.name)
				if err != nil {
					t.Fatalf("help %s: %v", c.name, err)
				}
				if help != dashH {
					t.Errorf("help %s =\n%s\nwant the same as %s -h:\n%s", c.name, help, c.name, dashH)
				}
				lines := strings.Split(dashH, "\n")
				if !strings.HasPrefix(lines[0], "usage: claimgraph "+c.name) {
					t.Errorf("%s -h starts %q; want usage: claimgraph %s", c.name, lines[0], c.name)
				}
				if len(lines) < 5 || lines[1] != "" || !strings.HasSuffix(lines[2], ".") || lines[3] != "" || lines[4] != "Flags:" {
					t.Errorf("%s -h =\n%s\nwant synopsis, blank, summary, blank, Flags:", c.name, dashH)
				}
				if strings.Contains(dashH, "Usage of") || strings.Contains(dashH, "\n  -"+"server") {
					t.Errorf("%s -h uses the flag package's own layout:\n%s", c.name, dashH)
				}
				if !strings.Contains(dashH, "  -h, --help\n") {
					t.Errorf("%s -h does not list -h, --help:\n%s", c.name, dashH)
				}
			})
		}
	}
}

func TestHelpErrors(t *testing.T) {
	general, _, err := runCLI(t, "", "help")
	if err != nil || !strings.Contains(general, "statements  who said what") {
		t.Errorf("help = %q, %v; want the general usage", general, err)
	}
	if again, _, err := runCLI(t, "", "help", "-h"); err != nil || again != general {
		t.Errorf("help -h = %q, %v; want the general usage", again, err)
	}
	if _, _, err := runCLI(t, "", "help", "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate = %v; want unknown command", err)
	}
	// A mistake in flags prints the usage to stderr, not stdout.
	stdout, stderr, err := runCLI(t, "", "statements", "--nope")
	if err == nil || stdout != "" || !strings.Contains(stderr, "usage: claimgraph statements") {
		t.Errorf("statements --nope: err %v, stdout %q, stderr %q; want an error and the usage on stderr", err, stdout, stderr)
	}
}

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"nil", nil, "claimgraph (devel) (no build information)"},
		{"release", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-12-04T20:00:00Z"}, {Key: "vcs.modified", Value: "false"},
		}}, "claimgraph v1.2.0 (commit 0123abcd, 2026-12-04T20:00:00Z; go1.26.0)"},
		{"work tree", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"},
		}}, "claimgraph (devel) (commit 0123abcd, modified; go1.26.0)"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.0"}, "claimgraph (devel) (commit unknown; go1.26.0)"},
	} {
		if got := versionText(tc.bi); got != tc.want {
			t.Errorf("versionText(%s) = %q; want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersion checks that version and --version print the same line, and
// that a binary built from a git checkout names its commit.
func TestVersion(t *testing.T) {
	a, _, err := runCLI(t, "", "version")
	b, _, err2 := runCLI(t, "", "--version")
	if err != nil || err2 != nil || a != b || !strings.HasPrefix(a, "claimgraph ") {
		t.Errorf("version = %q, %v; --version = %q, %v; want the same claimgraph line", a, err, b, err2)
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	rev, err := exec.Command("git", "-C", repoRoot, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "claimgraph")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "commit " + strings.TrimSpace(string(rev)); !strings.Contains(string(out), want) {
		t.Logf("the toolchain recorded no commit here (a work tree it cannot read?): %q", out)
		if bi, _ := exec.Command("go", "version", "-m", bin).Output(); bytes.Contains(bi, []byte("vcs.revision")) {
			t.Errorf("claimgraph --version = %q; want %q", out, want)
		}
	}
}

// TestExtractJSONL checks that extract reads .jsonl files as ingest does
// and gives a plain file its base name as id, not its path.
func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	plain := writeTestFile(t, dir, "minister-talks.txt", "The minister said that talks would resume on Monday.")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.Encode(map[string]string{"id": "one", "text": "The minister said that talks would resume.", "language": "en"})
	enc.Encode(map[string]string{"id": "two", "text": "The mayor said that 40 people were hurt.", "language": "en"})
	jsonl := writeTestFile(t, dir, "articles.jsonl", b.String())

	out, stderr, err := runCLI(t, "", "extract", "--published", "2025-10-07", plain, jsonl)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var x struct {
			ArticleID  string            `json:"articleId"`
			Statements []json.RawMessage `json:"statements"`
		}
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatalf("extract printed %q: %v", line, err)
		}
		if len(x.Statements) == 0 {
			t.Errorf("extraction of %s has no statements: %s", x.ArticleID, line)
		}
		ids = append(ids, x.ArticleID)
	}
	if got, want := strings.Join(ids, " "), "minister-talks one two"; got != want {
		t.Errorf("extract ids = %q; want %q", got, want)
	}
	// --id names one plain file; standard input without it is "-".
	out, _, err = runCLI(t, "The minister said that talks would resume.", "extract", "--id", "given", "-")
	if err != nil || !strings.Contains(out, `"articleId":"given"`) {
		t.Errorf("extract --id given - = %q, %v; want article id given", out, err)
	}
	if _, _, err := runCLI(t, "", "extract", "--id", "x", plain, jsonl); err == nil {
		t.Errorf("extract --id with two files: no error")
	}
}

// TestCompletion checks the completion scripts: each names every command,
// and bash completes commands and a command's flags.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, _, err := runCLI(t, "", "completion", shell)
		if err != nil {
			t.Fatalf("completion %s: %v", shell, err)
		}
		for _, want := range []string{"statements", "put-extraction", "speaker", "max-article-bytes"} {
			if !strings.Contains(out, want) {
				t.Errorf("completion %s lacks %q", shell, want)
			}
		}
		if path, err := exec.LookPath(shell); err == nil {
			check := exec.Command(path, "-n")
			if shell == "fish" {
				check = exec.Command(path, "--no-execute")
			}
			check.Stdin = strings.NewReader(out)
			if msg, err := check.CombinedOutput(); err != nil {
				t.Errorf("%s -n on completion %s: %v\n%s", shell, shell, err, msg)
			}
		}
	}
	if _, _, err := runCLI(t, "", "completion", "tcsh"); err == nil {
		t.Errorf("completion tcsh: no error")
	}

	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script, _, _ := runCLI(t, "", "completion", "bash")
	for _, tc := range []struct{ line, want, notWant string }{
		{"claimgraph sta", "statements", "serve"},
		{"claimgraph statements --spe", "--speaker", "--listen"},
		{"claimgraph serve --max-a", "--max-article-bytes", "--speaker"},
		{"claimgraph completion f", "fish", "bash"},
		{"claimgraph help nei", "neighborhood", "statements"},
	} {
		words := strings.Fields(tc.line)
		sh := script + "\nCOMP_WORDS=(" + strings.Join(words, " ") + ")\nCOMP_CWORD=" + strconv.Itoa(len(words)-1) + "\n_claimgraph\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		out, err := exec.Command(bash, "-c", sh).CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		got := strings.Fields(string(out))
		if !slices.Contains(got, tc.want) || slices.Contains(got, tc.notWant) {
			t.Errorf("completing %q = %q; want %q and not %q", tc.line, got, tc.want, tc.notWant)
		}
	}
}
