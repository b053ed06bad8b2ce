package graph

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// gizmoSteps are the path methods Cayley's Gizmo offers, by how many
// arguments a program built by FuzzGizmo gives them.
var gizmoSteps = []string{
	"out", "in", "both", "labelContext", "follow", "followR", "followRecursive",
	"and", "intersect", "or", "union", "except", "difference", "back", "tag", "as",
	"has", "hasR", "save", "saveR", "saveOpt", "saveOptR", "is", "unique", "labels",
	"inPredicates", "outPredicates", "saveInPredicates", "saveOutPredicates",
	"filter", "limit", "skip", "order", "Out", "In", "Has", "Follow", "Tag",
}

var gizmoFinals = []string{
	"all()", "toArray()", "toArray(2)", "tagArray()", "toValue()", "tagValue()", "count()",
	"getLimit(3)", "forEach(function(d){ g.emit(d) })", "map(2, function(d){ g.emit(d) })", "All()",
}

// gizmoArgs are argument expressions: right and wrong types, Cayley's
// objects, cyclic and deep values (cyc, cyca, deep are defined by the
// program's prologue).
var gizmoArgs = []string{
	`"<https://claimgraph.org/ns#speaker>"`, `"<http://schema.org/name>"`, `"x"`, `""`, `"<>"`,
	`1`, `0`, `-1`, `2.5`, `NaN`, `Infinity`, `1e300`, `true`, `null`, `undefined`,
	`{}`, `[]`, `["<p>", "<q>"]`, `[g]`, `[{}]`, `[[]]`, `g`, `graph`, `g.V()`, `g.M()`,
	`g.M().out("<https://claimgraph.org/ns#speaker>")`, `g.V().out()`, `iri("x")`, `str("x")`,
	`lang("x", "en")`, `typed("1", "xsd:int")`, `gt(1)`, `lt("m")`, `regex("a")`, `regex("(")`,
	`regex("a", true)`, `like("a%")`, `function(){}`, `cyc`, `cyca`, `deep`, `new Date(0)`,
	`Symbol("s")`, `/re/`, `new Error("e")`, `g.V().toArray()`, `iri`, `g.emit`, `Object.prototype`,
}

// gizmoProgram builds a Gizmo program from data: a prologue, then a path
// from g.V(…) or g.M() through steps with arguments, then a final or an
// emit. Every byte picks something, so any input is a program.
func gizmoProgram(data []byte) string {
	i := 0
	next := func(n int) int {
		if i >= len(data) {
			return 0
		}
		b := int(data[i])
		i++
		return b % n
	}
	arg := func() string { return gizmoArgs[next(len(gizmoArgs))] }
	args := func() string {
		var as []string
		for n := next(4); n > 0; n-- {
			as = append(as, arg())
		}
		return strings.Join(as, ", ")
	}
	var b strings.Builder
	b.WriteString("var cyc = {}; cyc.o = cyc; var cyca = []; cyca.push(cyca); var deep = []; for (var i = 0; i < 200; i++) { deep = [deep] };\n")
	for len(data) > i {
		if next(2) == 0 {
			b.WriteString("g.V(" + args() + ")")
		} else {
			b.WriteString("g.M()")
		}
		for steps := next(6); steps > 0; steps-- {
			b.WriteString("." + gizmoSteps[next(len(gizmoSteps))] + "(" + args() + ")")
		}
		switch next(3) {
		case 0:
			b.WriteString("." + gizmoFinals[next(len(gizmoFinals))])
		case 1:
			b.WriteString(";\ng.emit(" + arg() + ")")
		}
		b.WriteString(";\n")
		if next(4) == 0 {
			break
		}
	}
	return b.String()
}

var fuzzStore struct {
	once sync.Once
	s    *Store
	err  error
}

// FuzzGizmo runs Gizmo programs built from Cayley's path API with right
// and wrong arguments: none may crash the process, fail with anything but
// ErrBadQuery or the deadline, or change the store.
func FuzzGizmo(f *testing.F) {
	for _, seed := range []string{
		"", "\x00", "\x01\x02\x03", "\x00\x01\x15\x00\x02\x00", "\x01\x05\x04\x16\x03\x05\x00",
		"\x00\x02\x27\x28\x03\x06\x02\x1d\x01\x00", "\x00\x00\x04\x00\x01\x01\x26\x00\x01\x02",
	} {
		f.Add([]byte(seed))
	}
	fuzzStore.once.Do(func() {
		fuzzStore.s, fuzzStore.err = Open(context.Background(), Config{Backend: BackendMemory})
		if fuzzStore.err == nil {
			_, fuzzStore.err = fuzzStore.s.PutArticles(context.Background(), []Document{docAR(), docEN()})
		}
	})
	if fuzzStore.err != nil {
		f.Fatal(fuzzStore.err)
	}
	s := fuzzStore.s
	want := quadCount(f, s)
	f.Fuzz(func(t *testing.T, data []byte) {
		q := gizmoProgram(data)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.Query(ctx, "gizmo", q, 50, func(any) error { return nil })
		if err != nil && !errors.Is(err, ErrBadQuery) && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Query(%q) = %v; want nil, ErrBadQuery or the deadline", q, err)
		}
		if got := quadCount(t, s); got != want {
			t.Fatalf("Query(%q) changed the store: %d quads; want %d", q, got, want)
		}
	})
}
