package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dockerInstr is one Dockerfile instruction.
type dockerInstr struct{ cmd, args string }

// parseDockerfile returns the stages of a Dockerfile, each a list of
// instructions starting with its FROM; continuation lines are joined and
// comments dropped.
func parseDockerfile(t *testing.T, text string) [][]dockerInstr {
	t.Helper()
	var stages [][]dockerInstr
	var cur strings.Builder
	flush := func() {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := dockerInstr{strings.ToUpper(cmd), strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("Dockerfile: %s before the first FROM", in.cmd)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if s, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(line)
		flush()
	}
	flush()
	return stages
}

// TestDockerfile checks the Dockerfile without Docker: a builder stage on
// the Go of go.mod that builds a static binary, and a final stage that runs
// it as a non-root user with the store on a volume.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	stages := parseDockerfile(t, string(b))
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stages; want a builder and a final stage", len(stages))
	}
	gomod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	builder, final := stages[0], stages[len(stages)-1]
	if from := builder[0].args; !regexp.MustCompile(`^golang:` + regexp.QuoteMeta(string(goVersion[1])) + `\S* AS builder$`).MatchString(from) {
		t.Errorf("builder stage FROM %q; want golang:%s… AS builder", from, goVersion[1])
	}
	static := false
	for _, in := range builder {
		if in.cmd == "RUN" && strings.Contains(in.args, "CGO_ENABLED=0") && strings.Contains(in.args, "go build") && strings.Contains(in.args, "./cmd/claimgraph") {
			static = true
		}
	}
	if !static {
		t.Errorf("builder stage has no RUN CGO_ENABLED=0 go build ./cmd/claimgraph")
	}
	last := map[string]string{}
	var env, copies []string
	for _, in := range final {
		last[in.cmd] = in.args
		switch in.cmd {
		case "ENV":
			env = append(env, strings.Fields(in.args)...)
		case "COPY":
			copies = append(copies, in.args)
		}
	}
	if strings.HasPrefix(final[0].args, "golang") {
		t.Errorf("final stage FROM %q; want a small base, not the Go toolchain", final[0].args)
	}
	if u := last["USER"]; u == "" || u == "root" || strings.HasPrefix(u, "0") {
		t.Errorf("final stage USER %q; want a non-root user", u)
	}
	if !strings.Contains(strings.Join(copies, "\n"), "--from=builder") {
		t.Errorf("final stage copies nothing from the builder: %q", copies)
	}
	volume := strings.Trim(last["VOLUME"], `[]" `)
	if volume == "" {
		t.Fatalf("final stage has no VOLUME for the store")
	}
	if !strings.Contains(last["ENTRYPOINT"], "claimgraph") || !strings.Contains(last["CMD"], "serve") {
		t.Errorf("final stage ENTRYPOINT %q CMD %q; want claimgraph serve", last["ENTRYPOINT"], last["CMD"])
	}
	_, port, _ := strings.Cut(defaultServer, ":")
	if last["EXPOSE"] != port {
		t.Errorf("final stage EXPOSE %q; want %s", last["EXPOSE"], port)
	}
	// Its settings are serve's own variables, and the store is on the volume.
	serveFlags := flagsOf(t, "serve")
	vars := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
		if name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, envPrefix), "_", "-")); serveFlags[name] == nil {
			t.Errorf("final stage ENV %s is no serve flag's variable", k)
		}
	}
	if !strings.HasPrefix(vars["CLAIMGRAPH_DB_PATH"], volume+"/") {
		t.Errorf("CLAIMGRAPH_DB_PATH=%q; want the store under the volume %s", vars["CLAIMGRAPH_DB_PATH"], volume)
	}
	ignore, err := os.ReadFile(filepath.Join(repoRoot, ".dockerignore"))
	if err != nil || !bytes.Contains(ignore, []byte("claimgraph.db")) || !bytes.Contains(ignore, []byte("node_modules")) {
		t.Errorf(".dockerignore = %q, %v; want the store and node_modules left out", ignore, err)
	}
}

// flagsOf returns the flags of command name.
func flagsOf(t *testing.T, name string) map[string]*flag.Flag {
	t.Helper()
	cmd, ok := lookup(name)
	if !ok {
		t.Fatalf("no command %s", name)
	}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	cmd.run(context.Background(), e, []string{"-h"})
	flags := map[string]*flag.Flag{}
	e.flags.VisitAll(func(f *flag.Flag) { flags[f.Name] = f })
	return flags
}

// TestServeFlagsDocumented checks that the README's configuration table
// names every serve flag and its environment variable.
func TestServeFlagsDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, conf, _ := strings.Cut(string(readme), "\n## Configuration\n")
	conf, _, _ = strings.Cut(conf, "\n## ")
	rows := map[string]string{}
	for _, line := range strings.Split(conf, "\n") {
		if !strings.HasPrefix(line, "| `--") {
			continue
		}
		first, _, _ := strings.Cut(strings.ReplaceAll(line[2:], `\|`, "/"), " | ")
		for _, m := range regexp.MustCompile("`--([a-z-]+)").FindAllStringSubmatch(first, -1) {
			rows[m[1]] = line
		}
	}
	for name := range flagsOf(t, "serve") {
		row, ok := rows[name]
		if !ok {
			t.Errorf("README configuration table has no row for serve --%s", name)
			continue
		}
		if !strings.Contains(row, "`"+envName(name)+"`") {
			t.Errorf("README row of --%s does not name %s: %s", name, envName(name), row)
		}
	}
}

// TestServeEnv checks that serve reads its flags from CLAIMGRAPH_*
// variables, that a flag given wins over its variable, and that a bad value
// names the variable.
func TestServeEnv(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	serve := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(buildBinary(t), append([]string{"serve"}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Dir = t.TempDir()
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		sc := bufio.NewScanner(stderr)
		var log strings.Builder
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "msg=serving") {
				cmd.Process.Signal(os.Interrupt)
			}
		}
		return log.String(), cmd.Wait()
	}
	log, err := serve([]string{"CLAIMGRAPH_LISTEN=127.0.0.1:0", "CLAIMGRAPH_DB=memory", "CLAIMGRAPH_SHUTDOWN_TIMEOUT=3s"})
	if err != nil || !regexp.MustCompile(`msg=serving addr=127\.0\.0\.1:\d+ db=memory`).MatchString(log) || !strings.Contains(log, "timeout=3s") {
		t.Errorf("serve with CLAIMGRAPH_DB=memory: %v\n%s\nwant it serving memory on a free port, shutdown timeout 3s", err, log)
	}
	log, err = serve([]string{"CLAIMGRAPH_LISTEN=127.0.0.1:0", "CLAIMGRAPH_DB=postgres"}, "--db", "memory")
	if err != nil || !strings.Contains(log, "db=memory") {
		t.Errorf("serve --db memory with CLAIMGRAPH_DB=postgres: %v\n%s\nwant the flag to win", err, log)
	}
	log, err = serve([]string{"CLAIMGRAPH_LISTEN=127.0.0.1:0", "CLAIMGRAPH_MAX_ARTICLE_BYTES=lots"}, "--db", "memory")
	if err == nil || !strings.Contains(log, "CLAIMGRAPH_MAX_ARTICLE_BYTES") {
		t.Errorf("serve with CLAIMGRAPH_MAX_ARTICLE_BYTES=lots: %v\n%s\nwant an error naming the variable", err, log)
	}
}
