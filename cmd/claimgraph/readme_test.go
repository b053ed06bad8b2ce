package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is where the README's commands run.
const repoRoot = "../.."

// The walk-through, as the README writes it. TestREADME checks that the
// README and this list agree.
const (
	cmdIngest        = "./claimgraph ingest --published 2025-10-07 testdata/seed/gaza-diplomacy.txt"
	cmdArticles      = "./claimgraph articles"
	cmdStatements    = "./claimgraph statements --speaker Trump"
	cmdStatementsAr  = "./claimgraph statements --speaker ترامب --json"
	cmdFigures       = "./claimgraph figures"
	cmdActors        = "./claimgraph actors --name ترامب"
	cmdEvents        = "./claimgraph events --from 2023 --to 2025-10-07"
	cmdExport        = "./claimgraph export --article gaza-diplomacy"
	cmdGizmo         = `./claimgraph query 'g.V().has("<http://schema.org/name>", "Donald Trump").in("<https://claimgraph.org/ns#speaker>").out("<http://schema.org/text>").all()'`
	cmdEndless       = "./claimgraph query 'while(true){}' --timeout 1s"
	cmdDelete        = "./claimgraph delete gaza-diplomacy"
	cmdGrpcurlList   = "grpcurl -plaintext 127.0.0.1:7411 list"
	cmdGrpcurlSearch = `grpcurl -plaintext -d '{"query": "Trump"}' 127.0.0.1:7411 claimgraph.v1.ClaimGraphService/SearchActors`

	// Fact tracking (TestFactTracking).
	cmdIngestToll    = `./claimgraph ingest --published 2025-10-07 --publisher "Gaza wire" testdata/fact-tracking/health-ministry-toll.txt`
	cmdConflicts     = "./claimgraph conflicts"
	cmdMeasures      = "./claimgraph measures"
	cmdTrack         = "./claimgraph track killed@gaza"
	cmdLinksKind     = "./claimgraph links --kind figure_conflicts"
	cmdClaimsTrump   = "./claimgraph claims --speaker Trump"
	cmdNeighborhood  = "./claimgraph neighborhood health-ministry-toll --format dot"
	cmdPaths         = "./claimgraph paths Trump Witkoff --max-depth 2"
	cmdIngestStory   = "./claimgraph ingest testdata/story/articles.jsonl"
	cmdConflictsGaza = "./claimgraph conflicts --measure killed@gaza"
)

var walkThrough = []string{
	cmdIngest, cmdArticles, cmdStatements, cmdStatementsAr, cmdFigures, cmdActors, cmdEvents,
	cmdExport, cmdGizmo, cmdEndless, cmdDelete, cmdGrpcurlList, cmdGrpcurlSearch,
	cmdIngestToll, cmdConflicts, cmdMeasures, cmdTrack, cmdLinksKind, cmdClaimsTrump, cmdNeighborhood, cmdPaths,
	cmdIngestStory, cmdConflictsGaza,
}

// TestREADME checks that every command in the README is run: the
// walk-through by TestEndToEnd, the deployment section's by
// TestPostgresMove, the rest by .ci/run.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(filepath.Join(repoRoot, ".ci/run"))
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, c := range append(walkThrough, deploymentCommands...) {
		tested[c] = true
	}
	var commands []string
	inBlock := false
	for _, line := range strings.Split(string(readme), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inBlock = true
		case strings.HasPrefix(line, "```"):
			inBlock = false
		case inBlock && strings.TrimSpace(line) != "":
			commands = append(commands, strings.TrimSpace(line))
		}
	}
	if len(commands) < len(walkThrough) {
		t.Fatalf("README has %d commands; want at least the %d of the walk-through", len(commands), len(walkThrough))
	}
	inREADME := map[string]bool{}
	for _, c := range commands {
		inREADME[c] = true
		if !tested[c] && !bytes.Contains(ci, []byte(c)) {
			t.Errorf("README command %q is run neither by TestEndToEnd nor by .ci/run", c)
		}
	}
	for _, c := range walkThrough {
		if !inREADME[c] {
			t.Errorf("walk-through command %q is not in the README", c)
		}
	}
}

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		rest      string
		limit     int
		all, json bool
	}{
		{[]string{"q", "--limit", "3"}, "q", 3, false, false},
		{[]string{"--all", "a", "--json", "b"}, "a b", 50, true, true},
		{[]string{"--limit=2", "--", "--all", "x"}, "--all x", 2, false, false},
		{nil, "", 50, false, false},
	} {
		fs := newFlagSet(&env{stderr: io.Discard}, "t", "")
		var p paging
		var co clientOptions
		p.register(fs)
		co.register(fs)
		rest, err := parseFlags(fs, tc.args)
		if err != nil || strings.Join(rest, " ") != tc.rest || p.limit != tc.limit || p.all != tc.all || co.json != tc.json {
			t.Errorf("parseFlags(%q) = %q, %v, limit %d all %v json %v; want %q, limit %d all %v json %v",
				tc.args, rest, err, p.limit, p.all, co.json, tc.rest, tc.limit, tc.all, tc.json)
		}
	}
}
