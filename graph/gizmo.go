package graph

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// Gizmo guard.
//
// Cayley's Gizmo hands its JavaScript Go objects whose methods panic on
// arguments of the wrong type (g.V().out(g), intersect({}), …), on the
// goroutine Gizmo starts, where nothing can recover; and it exports every
// argument and emitted value with a recursion that never ends on a cyclic
// one (fatal, not a panic). goja, its JavaScript engine, recurses without
// bound in some of its own built-ins too ("" + a for an array holding
// itself).
//
// So no JavaScript value reaches Cayley: the guard replaces the globals
// Gizmo defines (g, graph, iri, str, regex, lt, …) with objects of its own
// whose methods check every argument, build fresh values from it, and call
// Cayley's method with those (recovering a panic there too, reported as an
// internal error); emitted values are copied with a depth and size bound;
// the script runs inside a try that turns whatever it throws into a plain
// Error before Cayley sees it; goja's built-ins that call back into
// themselves through a property lookup count their depth; Proxy is removed.
// What remains (memory, and a core held by native work past the deadline)
// is why Gizmo is for trusted callers only (CAYLEY.md #6).

// The guard's bounds.
const (
	gizmoMaxCallStack   = 2000    // JavaScript call depth
	gizmoMaxNativeDepth = 256     // nesting of built-ins calling back into built-ins
	gizmoMaxValueDepth  = 64      // nesting of an emitted value or a stringified one
	gizmoMaxEmitBytes   = 4 << 20 // about the JSON size of one emitted value
	gizmoMaxArgItems    = 10000   // elements of an array argument
	gizmoMaxPaths       = 1 << 20 // path objects one query may build
	gizmoMaxStringArg   = 1 << 20 // bytes of one string argument
)

// rethrowName is the global the wrapped script's catch calls.
const rethrowName = "__claimgraph_rethrow"

// gizmoPanic is a panic recovered in Cayley's Gizmo code: an internal error,
// not the caller's.
type gizmoPanic struct {
	method string
	value  any
}

func (p *gizmoPanic) Error() string {
	return fmt.Sprintf("gizmo %s: panic in Cayley: %v", p.method, p.value)
}

// tokenKind says what a Cayley object the guard handed out is.
type tokenKind int

const (
	tokenValue  tokenKind = iota + 1 // a quad value from iri(), str(), …
	tokenFilter                      // a value filter from lt(), regex(), …
)

// gizmoGuard is the JavaScript environment of one Gizmo session. It is
// used on the session's goroutine only.
type gizmoGuard struct {
	vm      *goja.Runtime
	rawG    *goja.Object
	rawFns  map[string]goja.Callable
	pathPro *goja.Object
	paths   map[*goja.Object]*goja.Object // our path object → Cayley's
	tokens  map[*goja.Object]tokenKind    // Cayley's values and filters, handed out as they are
	depth   int                           // built-ins on the Go stack
	// internal is the first error that is not the script's fault: a panic
	// recovered in Cayley, or a store error. The query fails with it even
	// if the script caught it. mu guards it: the query's caller reads it
	// while the script may still run.
	mu       sync.Mutex
	internal error
	// yield lets short reads run between the script's path calls.
	yield yielder
	// calls counts the script's calls into Cayley under way; once over
	// is set (under mu) no new one starts. Cayley's Gizmo returns at the
	// deadline while its goroutine may still be inside such a call,
	// reading the store: the query keeps the store's read lock until
	// finish has seen the last one end, so that Close cannot pull the
	// store from under it.
	calls sync.WaitGroup
	over  bool
}

// errQueryOver is thrown into a script that calls Cayley after its query
// ended (at its deadline, or when its caller went away).
var errQueryOver = errors.New("query: the query is over")

// gizmoCallsRunning is the number of guarded calls into Cayley under way
// in every session; tests read it.
var gizmoCallsRunning atomic.Int64

// finish stops the script's calls into Cayley and waits for the one under
// way, if any, to end. The script itself may run on until Cayley's
// interrupt stops it, but it can no longer read the store.
func (g *gizmoGuard) finish() {
	g.mu.Lock()
	g.over = true
	g.mu.Unlock()
	g.calls.Wait()
}

func (g *gizmoGuard) setInternal(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.internal == nil {
		g.internal = err
	}
}

// err returns the first internal error, or nil.
func (g *gizmoGuard) err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.internal
}

// newGizmoSession returns a Gizmo session over qs whose JavaScript is
// guarded, and the source to run for q; q is compiled first so that a
// syntax error names the caller's lines. It fails if the guard cannot reach
// the session's runtime (a Cayley upgrade that moved it).
func newGizmoSession(qs cgraph.QuadStore, q string) (*gizmo.Session, *gizmoGuard, string, error) {
	if _, err := goja.Compile("", q, false); err != nil {
		return nil, nil, "", fmt.Errorf("query: %w: %v", ErrBadQuery, err)
	}
	sess := gizmo.NewSession(qs)
	vm, err := sessionRuntime(sess)
	if err != nil {
		return nil, nil, "", err
	}
	g := &gizmoGuard{vm: vm, rawFns: map[string]goja.Callable{},
		paths: map[*goja.Object]*goja.Object{}, tokens: map[*goja.Object]tokenKind{}}
	if err := g.install(); err != nil {
		return nil, nil, "", err
	}
	// The try keeps line numbers (it opens on the script's first line); a
	// script that compiles alone cannot close it early. The trailing
	// undefined keeps Gizmo from exporting the script's last value.
	src := "try{" + q + "\n}catch(e){" + rethrowName + "(e)}\nundefined"
	return sess, g, src, nil
}

// sessionRuntime returns the goja runtime inside a Gizmo session. Cayley
// does not export it; the field is read by reflection, and the test suite
// fails if it moves.
func sessionRuntime(sess *gizmo.Session) (*goja.Runtime, error) {
	f := reflect.ValueOf(sess).Elem().FieldByName("vm")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*goja.Runtime]() {
		return nil, errors.New("query: gizmo: cannot guard this version of Cayley's Gizmo session")
	}
	vm := *(**goja.Runtime)(unsafe.Pointer(f.UnsafeAddr()))
	if vm == nil {
		return nil, errors.New("query: gizmo: session has no runtime")
	}
	return vm, nil
}

// throw raises a TypeError in the script: the caller's mistake.
func (g *gizmoGuard) throw(format string, args ...any) {
	panic(g.vm.NewTypeError(fmt.Sprintf(format, args...)))
}

// install replaces Gizmo's globals and guards goja's built-ins.
func (g *gizmoGuard) install() error {
	vm := g.vm
	vm.SetMaxCallStackSize(gizmoMaxCallStack)
	rawG, ok := vm.Get("graph").(*goja.Object)
	if !ok {
		return errors.New("query: gizmo: no graph object")
	}
	g.rawG = rawG
	for _, name := range []string{"iri", "bnode", "raw", "str", "lang", "typed", "lt", "lte", "gt", "gte", "regex", "like"} {
		fn, ok := goja.AssertFunction(vm.Get(name))
		if !ok {
			return fmt.Errorf("query: gizmo: no %s function", name)
		}
		g.rawFns[name] = fn
	}

	// Values and filters.
	for _, name := range []string{"iri", "bnode", "raw", "str"} {
		name := name
		g.setGlobal(name, func(call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 1)
			return g.token(name, tokenValue, g.stringArg(name, call.Argument(0)))
		})
	}
	for _, name := range []string{"lang", "typed"} {
		name := name
		g.setGlobal(name, func(call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 2, 2)
			return g.token(name, tokenValue, g.stringArg(name, call.Argument(0)), g.stringArg(name, call.Argument(1)))
		})
	}
	for _, name := range []string{"lt", "lte", "gt", "gte"} {
		name := name
		g.setGlobal(name, func(call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 1)
			return g.token(name, tokenFilter, g.valueArg(name, call.Argument(0)))
		})
	}
	g.setGlobal("like", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("like", call, 1, 1)
		return g.token("like", tokenFilter, g.stringArg("like", call.Argument(0)))
	})
	g.setGlobal("regex", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("regex", call, 1, 2)
		pat := g.valueArg("regex", call.Argument(0))
		if s, ok := pat.Export().(string); ok {
			if _, err := regexp.Compile(s); err != nil {
				panic(g.vm.NewGoError(fmt.Errorf("regex: %v", err)))
			}
		}
		args := []goja.Value{pat}
		if len(call.Arguments) == 2 {
			b := call.Argument(1)
			if b.ExportType() == nil || b.ExportType().Kind() != reflect.Bool {
				g.throw("regex: the second argument must be a boolean")
			}
			args = append(args, b)
		}
		return g.token("regex", tokenFilter, args...)
	})

	// The graph object.
	graph := vm.NewObject()
	g.method(graph, "V", "Vertex", func(call goja.FunctionCall) goja.Value {
		return g.wrapPath(g.call(g.rawG, "V", true, g.valueArgs("V", call.Arguments)...))
	})
	g.method(graph, "M", "Morphism", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("M", call, 0, 0)
		return g.wrapPath(g.call(g.rawG, "M", true))
	})
	g.method(graph, "emit", "Emit", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("emit", call, 1, 1)
		v := call.Argument(0)
		if goja.IsNull(v) || goja.IsUndefined(v) {
			return goja.Null()
		}
		budget := gizmoMaxEmitBytes
		out := g.copyValue("emit", v, 0, &budget)
		return g.call(g.rawG, "emit", true, g.vm.ToValue(out))
	})
	g.method(graph, "IRI", "Uri", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("IRI", call, 1, 1)
		return g.call(g.rawG, "IRI", true, g.stringArg("IRI", call.Argument(0)))
	})
	g.method(graph, "addNamespace", "AddNamespace", func(call goja.FunctionCall) goja.Value {
		g.wantArgs("addNamespace", call, 2, 2)
		return g.call(g.rawG, "addNamespace", true, g.stringArg("addNamespace", call.Argument(0)), g.stringArg("addNamespace", call.Argument(1)))
	})
	g.method(graph, "addDefaultNamespaces", "AddDefaultNamespaces", func(call goja.FunctionCall) goja.Value {
		return g.call(g.rawG, "addDefaultNamespaces", true)
	})
	g.method(graph, "loadNamespaces", "LoadNamespaces", func(call goja.FunctionCall) goja.Value {
		return g.call(g.rawG, "loadNamespaces", false)
	})
	g.setGlobal("graph", graph)
	g.setGlobal("g", graph)

	g.pathPro = vm.NewObject()
	g.installPathMethods()

	// The catch of the wrapped script: a plain Error with the message, so
	// that no value of the script's reaches Cayley's export.
	if err := vm.GlobalObject().DefineDataProperty(rethrowName, vm.ToValue(func(call goja.FunctionCall) goja.Value {
		panic(g.vm.NewTypeError(g.describe(call.Argument(0))))
	}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return g.guardBuiltins()
}

// setGlobal sets a global the script cannot reassign.
func (g *gizmoGuard) setGlobal(name string, v any) {
	_ = g.vm.GlobalObject().DefineDataProperty(name, g.vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// method sets fn on o under its name and its capitalised alias.
func (g *gizmoGuard) method(o *goja.Object, name, alias string, fn func(goja.FunctionCall) goja.Value) {
	_ = o.Set(name, fn)
	if alias != "" {
		_ = o.Set(alias, fn)
	}
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// installPathMethods sets the path methods on the prototype of path objects.
func (g *gizmoGuard) installPathMethods() {
	// Steps that take a predicate path (or values) and tags.
	for _, name := range []string{"in", "out", "both", "labelContext"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			var args []goja.Value
			if len(call.Arguments) > 0 {
				args = append(args, g.viaArg(name, call.Arguments[0]))
				args = append(args, g.tagArgs(name, call.Arguments[1:])...)
			}
			return g.wrapPath(g.call(raw, name, true, args...))
		})
	}
	g.pathMethod("followRecursive", func(raw *goja.Object, call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 || isNullish(call.Arguments[0]) {
			g.throw("followRecursive: needs a path, or a predicate")
		}
		args := []goja.Value{g.viaArg("followRecursive", call.Arguments[0])}
		rest := call.Arguments[1:]
		if len(rest) > 0 && isNumber(rest[0]) {
			args = append(args, g.vm.ToValue(g.countArg("followRecursive", rest[0])))
			rest = rest[1:]
		}
		args = append(args, g.tagArgs("followRecursive", rest)...)
		return g.wrapPath(g.call(raw, "followRecursive", true, args...))
	})
	// Steps that take one path.
	for _, name := range []string{"follow", "followR", "and", "intersect", "or", "union", "except", "difference"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 1)
			return g.wrapPath(g.call(raw, name, true, g.pathArg(name, call.Arguments[0])))
		})
	}
	// Steps that take tags.
	for _, name := range []string{"tag", "as"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			return g.wrapPath(g.call(raw, name, true, g.tagArgs(name, call.Arguments)...))
		})
	}
	for _, name := range []string{"back", "saveInPredicates", "saveOutPredicates"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 1)
			return g.wrapPath(g.call(raw, name, true, g.stringArg(name, call.Arguments[0])))
		})
	}
	// Steps without arguments.
	for _, name := range []string{"unique", "labels", "inPredicates", "outPredicates", "order"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 0, 0)
			return g.wrapPath(g.call(raw, name, true))
		})
	}
	for _, name := range []string{"limit", "skip"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 1)
			return g.wrapPath(g.call(raw, name, true, g.vm.ToValue(g.countArg(name, call.Arguments[0]))))
		})
	}
	g.pathMethod("is", func(raw *goja.Object, call goja.FunctionCall) goja.Value {
		return g.wrapPath(g.call(raw, "is", true, g.valueArgs("is", call.Arguments)...))
	})
	for _, name := range []string{"has", "hasR"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			if len(call.Arguments) == 0 {
				g.throw("%s: needs a predicate", name)
			}
			args := []goja.Value{g.predArg(name, call.Arguments[0])}
			args = append(args, g.hasArgs(name, call.Arguments[1:])...)
			return g.wrapPath(g.call(raw, name, true, args...))
		})
	}
	for _, name := range []string{"save", "saveR", "saveOpt", "saveOptR"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 2)
			args := []goja.Value{g.predArg(name, call.Arguments[0])}
			if len(call.Arguments) == 2 {
				args = append(args, g.stringArg(name, call.Arguments[1]))
			}
			return g.wrapPath(g.call(raw, name, true, args...))
		})
	}
	g.pathMethod("filter", func(raw *goja.Object, call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			g.throw("filter: needs a filter such as gt(…) or regex(…)")
		}
		var args []goja.Value
		for _, a := range call.Arguments {
			args = append(args, g.filterArg("filter", a))
		}
		return g.wrapPath(g.call(raw, "filter", true, args...))
	})

	// Finals: they read the store, and their errors are not the caller's.
	for _, name := range []string{"all", "toValue", "tagValue", "count"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 0, 0)
			return g.call(raw, name, false)
		})
	}
	g.pathMethod("getLimit", func(raw *goja.Object, call goja.FunctionCall) goja.Value {
		g.wantArgs("getLimit", call, 1, 1)
		return g.call(raw, "getLimit", false, g.vm.ToValue(g.countArg("getLimit", call.Arguments[0])))
	})
	for _, name := range []string{"toArray", "tagArray"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 0, 1)
			var args []goja.Value
			if len(call.Arguments) == 1 && !isNullish(call.Arguments[0]) {
				args = append(args, g.vm.ToValue(g.countArg(name, call.Arguments[0])))
			}
			return g.call(raw, name, false, args...)
		})
	}
	for _, name := range []string{"forEach", "map"} {
		name := name
		g.pathMethod(name, func(raw *goja.Object, call goja.FunctionCall) goja.Value {
			g.wantArgs(name, call, 1, 2)
			cb := call.Arguments[len(call.Arguments)-1]
			fn, ok := goja.AssertFunction(cb)
			if !ok {
				g.throw("%s: the last argument must be a function", name)
			}
			var args []goja.Value
			if len(call.Arguments) == 2 {
				args = append(args, g.vm.ToValue(g.countArg(name, call.Arguments[0])))
			}
			this := call.This
			// The callback sees our path object as this, never Cayley's.
			args = append(args, g.vm.ToValue(func(c goja.FunctionCall) goja.Value {
				v, err := fn(this, c.Arguments...)
				if err != nil {
					panic(err)
				}
				return v
			}))
			return g.call(raw, name, false, args...)
		})
	}
}

// pathMethod sets a path method (and its capitalised alias) that runs fn
// with the Cayley path behind this.
func (g *gizmoGuard) pathMethod(name string, fn func(raw *goja.Object, call goja.FunctionCall) goja.Value) {
	g.method(g.pathPro, name, capitalize(name), func(call goja.FunctionCall) goja.Value {
		this, _ := call.This.(*goja.Object)
		raw, ok := g.paths[this]
		if !ok {
			g.throw("%s: not called on a path", name)
		}
		return fn(raw, call)
	})
}

// wrapPath returns our path object for a Cayley path object.
func (g *gizmoGuard) wrapPath(v goja.Value) goja.Value {
	raw, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	if len(g.paths) >= gizmoMaxPaths {
		panic(g.vm.NewGoError(fmt.Errorf("the query built more than %d paths", gizmoMaxPaths)))
	}
	o := g.vm.NewObject()
	_ = o.SetPrototype(g.pathPro)
	g.paths[o] = raw
	return o
}

// token calls Cayley's value or filter constructor name and remembers
// what it returns, so that it may be passed back.
func (g *gizmoGuard) token(name string, kind tokenKind, args ...goja.Value) goja.Value {
	v := g.callFn(name, g.rawFns[name], goja.Undefined(), true, args...)
	if o, ok := v.(*goja.Object); ok {
		g.tokens[o] = kind
	}
	return v
}

// call calls Cayley's method name on raw. A panic there is recovered and
// reported as internal. For steps (build), whatever Cayley throws is a
// TypeError: the arguments were checked, so it is about their meaning; for
// finals, an error is the store's and is kept as internal.
func (g *gizmoGuard) call(raw *goja.Object, name string, build bool, args ...goja.Value) goja.Value {
	fn, ok := goja.AssertFunction(raw.Get(name))
	if !ok {
		g.throw("%s is not a function", name)
	}
	return g.callFn(name, fn, raw, build, args...)
}

func (g *gizmoGuard) callFn(name string, fn goja.Callable, this goja.Value, build bool, args ...goja.Value) goja.Value {
	g.yield.yield()
	g.mu.Lock()
	if g.over {
		g.mu.Unlock()
		panic(g.vm.NewGoError(errQueryOver))
	}
	g.calls.Add(1)
	g.mu.Unlock()
	gizmoCallsRunning.Add(1)
	defer func() {
		gizmoCallsRunning.Add(-1)
		g.calls.Done()
	}()
	if err := g.err(); err != nil {
		panic(g.vm.NewGoError(err))
	}
	var v goja.Value
	var err error
	var unsupported any
	func() {
		defer func() {
			if r := recover(); r != nil {
				// Cayley says plainly when a step cannot be done (back()
				// over labels() or a predicates step): the query's fault.
				if msg, ok := r.(string); ok && strings.HasPrefix(msg, "not implemented") {
					unsupported = r
					return
				}
				g.setInternal(&gizmoPanic{method: name, value: r})
			}
		}()
		v, err = fn(this, args...)
	}()
	if unsupported != nil {
		panic(g.vm.NewGoError(fmt.Errorf("%s: Cayley cannot do this here: %v", name, unsupported)))
	}
	if ierr := g.err(); ierr != nil {
		panic(g.vm.NewGoError(ierr))
	}
	if err == nil {
		return v
	}
	exc, ok := err.(*goja.Exception)
	if !ok {
		panic(err) // uncatchable: an interrupt at the deadline
	}
	goErr := thrownGoError(exc.Value())
	var inner *goja.Exception
	var interrupt *goja.InterruptedError
	var overflow *goja.StackOverflowError
	switch {
	case goErr == nil:
		panic(exc) // the script's own exception, from a callback
	case errors.As(goErr, &interrupt):
		panic(interrupt) // the deadline, inside a callback
	case errors.As(goErr, &overflow):
		panic(overflow)
	case errors.As(goErr, &inner):
		panic(inner) // the script's own exception, from a callback
	case build:
		panic(g.vm.NewTypeError(fmt.Sprintf("%s: %v", name, goErr)))
	}
	g.setInternal(fmt.Errorf("%s: %w", name, goErr))
	panic(g.vm.NewGoError(g.err()))
}

// thrownGoError returns the Go error Cayley threw (as a value, or as a
// GoError's value), or nil for anything else. It exports only Go objects.
func thrownGoError(v goja.Value) error {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if t := o.ExportType(); t != nil && t.Implements(reflect.TypeFor[error]()) {
		if err, ok := o.Export().(error); ok {
			return err
		}
	}
	if o.ClassName() == "Error" {
		if inner, ok := o.Get("value").(*goja.Object); ok {
			if t := inner.ExportType(); t != nil && t.Implements(reflect.TypeFor[error]()) {
				if err, ok := inner.Export().(error); ok {
					return err
				}
			}
		}
	}
	return nil
}

// describe returns a short message for a value the script threw, reading
// only strings.
func (g *gizmoGuard) describe(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		if isNullish(v) {
			return "threw " + v.String()
		}
		if t := v.ExportType(); t != nil && t.Kind() == reflect.String {
			return clip(v.String())
		}
		return "threw a " + typeName(v)
	}
	if err := thrownGoError(o); err != nil {
		return clip(err.Error())
	}
	name, msg := o.Get("name"), o.Get("message")
	if isString(msg) {
		if isString(name) {
			return clip(name.String() + ": " + msg.String())
		}
		return clip(msg.String())
	}
	return "threw an object"
}

func clip(s string) string {
	const max = 512
	if len(s) > max {
		return strings.ToValidUTF8(s[:max], "") + "…"
	}
	return s
}

// Argument checks. Each returns a fresh value built from primitives and
// Cayley objects the guard knows, or throws a TypeError.

func (g *gizmoGuard) wantArgs(name string, call goja.FunctionCall, min, max int) {
	if n := len(call.Arguments); n < min || n > max {
		if min == max {
			g.throw("%s: takes %d arguments, got %d", name, min, n)
		}
		g.throw("%s: takes %d to %d arguments, got %d", name, min, max, n)
	}
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsNull(v) || goja.IsUndefined(v) }

func isPrimitiveKind(v goja.Value, k reflect.Kind) bool {
	if _, obj := v.(*goja.Object); obj || isNullish(v) {
		return false
	}
	t := v.ExportType()
	return t != nil && t.Kind() == k
}

func isString(v goja.Value) bool { return isPrimitiveKind(v, reflect.String) }

func isNumber(v goja.Value) bool {
	return isPrimitiveKind(v, reflect.Int64) || isPrimitiveKind(v, reflect.Float64)
}

func typeName(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, fn := goja.AssertFunction(o); fn {
			return "function"
		}
		return o.ClassName()
	}
	if t := v.ExportType(); t != nil {
		switch t.Kind() {
		case reflect.String:
			return "string"
		case reflect.Int64, reflect.Float64:
			return "number"
		case reflect.Bool:
			return "boolean"
		}
	}
	return "value"
}

func (g *gizmoGuard) stringArg(name string, v goja.Value) goja.Value {
	if !isString(v) {
		g.throw("%s: want a string, got %s", name, typeName(v))
	}
	if len(v.String()) > gizmoMaxStringArg {
		g.throw("%s: string longer than %d bytes", name, gizmoMaxStringArg)
	}
	return v
}

// countArg returns a non-negative integer argument.
func (g *gizmoGuard) countArg(name string, v goja.Value) int64 {
	if !isNumber(v) {
		g.throw("%s: want a number, got %s", name, typeName(v))
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < 0 || f > 1<<31 || f != math.Trunc(f) {
		g.throw("%s: want a whole number from 0 to 2^31, got %v", name, f)
	}
	return int64(f)
}

// valueArg accepts what Cayley turns into a quad value: a string, a finite
// number, a boolean, or a value from iri(), str(), ….
func (g *gizmoGuard) valueArg(name string, v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok {
		if g.tokens[o] == tokenValue {
			return o
		}
		g.throw("%s: want a string, a number or a value such as iri(…), got %s", name, typeName(v))
	}
	switch {
	case isString(v):
		if v.String() == "" {
			g.throw("%s: the empty string is not a value", name) // Cayley makes it nil, and panics on it
		}
		return g.stringArg(name, v)
	case isNumber(v):
		if f := v.ToFloat(); math.IsNaN(f) || math.IsInf(f, 0) {
			g.throw("%s: want a finite number, got %v", name, f)
		}
		return v
	case isPrimitiveKind(v, reflect.Bool):
		return v
	}
	g.throw("%s: want a string, a number or a value such as iri(…), got %s", name, typeName(v))
	return nil
}

func (g *gizmoGuard) valueArgs(name string, vs []goja.Value) []goja.Value {
	out := make([]goja.Value, 0, len(vs))
	for _, v := range vs {
		out = append(out, g.valueArg(name, v))
	}
	return out
}

// pathArg accepts one of our path objects (Cayley's behind it is passed),
// or null.
func (g *gizmoGuard) pathArg(name string, v goja.Value) goja.Value {
	if isNullish(v) {
		return goja.Null()
	}
	if o, ok := v.(*goja.Object); ok {
		if raw, ok := g.paths[o]; ok {
			return raw
		}
	}
	g.throw("%s: want a path such as g.M().out(…), got %s", name, typeName(v))
	return nil
}

// predArg accepts a path or a value: the predicate of has and save.
func (g *gizmoGuard) predArg(name string, v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok {
		if raw, ok := g.paths[o]; ok {
			return raw
		}
	}
	return g.valueArg(name, v)
}

// viaArg accepts null (any predicate), a value, a path, or an array of
// values (Cayley panics on a path inside an array).
func (g *gizmoGuard) viaArg(name string, v goja.Value) goja.Value {
	if isNullish(v) {
		return goja.Null()
	}
	if items, ok := g.arrayItems(name, v); ok {
		out := make([]any, 0, len(items))
		for _, it := range items {
			out = append(out, g.valueArg(name, it))
		}
		return g.vm.NewArray(out...)
	}
	return g.predArg(name, v)
}

// tagArgs accepts strings and arrays of strings.
func (g *gizmoGuard) tagArgs(name string, vs []goja.Value) []goja.Value {
	var out []goja.Value
	for _, v := range vs {
		if items, ok := g.arrayItems(name, v); ok {
			strs := make([]any, 0, len(items))
			for _, it := range items {
				strs = append(strs, g.stringArg(name+" tag", it))
			}
			out = append(out, g.vm.NewArray(strs...))
			continue
		}
		out = append(out, g.stringArg(name+" tag", v))
	}
	return out
}

// hasArgs accepts the objects of has: values, or filters (also in arrays).
func (g *gizmoGuard) hasArgs(name string, vs []goja.Value) []goja.Value {
	var out []goja.Value
	for _, v := range vs {
		if items, ok := g.arrayItems(name, v); ok {
			for _, it := range items {
				out = append(out, g.hasArg(name, it))
			}
			continue
		}
		out = append(out, g.hasArg(name, v))
	}
	return out
}

func (g *gizmoGuard) hasArg(name string, v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok && g.tokens[o] == tokenFilter {
		return o
	}
	return g.valueArg(name, v)
}

func (g *gizmoGuard) filterArg(name string, v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok && g.tokens[o] == tokenFilter {
		return o
	}
	g.throw("%s: want a filter such as gt(…) or regex(…), got %s", name, typeName(v))
	return nil
}

// arrayItems returns the elements of a JavaScript array (not of other
// objects), at most gizmoMaxArgItems of them.
func (g *gizmoGuard) arrayItems(name string, v goja.Value) ([]goja.Value, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" || g.paths[o] != nil || g.tokens[o] != 0 {
		return nil, false
	}
	n := o.Get("length")
	if !isNumber(n) {
		g.throw("%s: array without a length", name)
	}
	l := n.ToFloat()
	if l > gizmoMaxArgItems {
		g.throw("%s: array of more than %d items", name, gizmoMaxArgItems)
	}
	items := make([]goja.Value, 0, int(l))
	for i := 0; i < int(l); i++ {
		items = append(items, o.Get(fmt.Sprint(i)))
	}
	return items, true
}

// copyValue copies an emitted value into Go values that encoding/json
// writes, refusing what it cannot (functions, paths, NaN) and what is
// nested deeper than gizmoMaxValueDepth (a cyclic value is) or larger than
// the budget.
func (g *gizmoGuard) copyValue(name string, v goja.Value, depth int, budget *int) any {
	spend := func(n int) {
		if *budget -= n; *budget < 0 {
			g.throw("%s: value larger than %d bytes", name, gizmoMaxEmitBytes)
		}
	}
	if depth > gizmoMaxValueDepth {
		g.throw("%s: value nested deeper than %d (is it cyclic?)", name, gizmoMaxValueDepth)
	}
	if isNullish(v) {
		spend(4)
		return nil
	}
	o, isObj := v.(*goja.Object)
	if !isObj {
		switch {
		case isString(v):
			s := v.String()
			spend(len(s) + 2)
			return s
		case isNumber(v):
			f := v.ToFloat()
			if math.IsNaN(f) || math.IsInf(f, 0) {
				g.throw("%s: %v is not a JSON number", name, f)
			}
			spend(8)
			return v.Export()
		case isPrimitiveKind(v, reflect.Bool):
			spend(5)
			return v.Export()
		}
		g.throw("%s: cannot emit a %s", name, typeName(v))
	}
	if _, ok := g.paths[o]; ok {
		g.throw("%s: cannot emit a path; call all() or toArray() on it", name)
	}
	if k := g.tokens[o]; k != 0 {
		if k == tokenFilter {
			g.throw("%s: cannot emit a filter", name)
		}
		spend(64)
		return o.Export() // a quad value: encoding/json writes it as a string
	}
	if _, fn := goja.AssertFunction(o); fn {
		g.throw("%s: cannot emit a function", name)
	}
	switch o.ClassName() {
	case "Array":
		items, _ := g.arrayItemsBudget(name, o, budget)
		out := make([]any, 0, len(items))
		for _, it := range items {
			out = append(out, g.copyValue(name, it, depth+1, budget))
		}
		return out
	case "Date":
		spend(32)
		return o.Export()
	}
	keys := o.Keys()
	spend(2 + 4*len(keys))
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		spend(len(k))
		out[k] = g.copyValue(name, o.Get(k), depth+1, budget)
	}
	return out
}

func (g *gizmoGuard) arrayItemsBudget(name string, o *goja.Object, budget *int) ([]goja.Value, bool) {
	n := o.Get("length")
	if !isNumber(n) {
		g.throw("%s: array without a length", name)
	}
	l := n.ToFloat()
	if l*2 > float64(*budget) {
		g.throw("%s: value larger than %d bytes", name, gizmoMaxEmitBytes)
	}
	*budget -= int(l) * 2
	items := make([]goja.Value, 0, int(l))
	for i := 0; i < int(l); i++ {
		items = append(items, o.Get(fmt.Sprint(i)))
	}
	return items, true
}

// guardBuiltins bounds goja's built-ins that recurse on the Go stack: those
// that call back into themselves through a property lookup (an array
// holding itself, turned into a string) count their depth; JSON.stringify
// and Array.prototype.flat are refused values nested too deep; Proxy, whose
// chains recurse the same way, is removed.
func (g *gizmoGuard) guardBuiltins() error {
	vm := g.vm
	get := func(path string) (*goja.Object, error) {
		var o *goja.Object = vm.GlobalObject()
		for _, p := range strings.Split(path, ".") {
			next, ok := o.Get(p).(*goja.Object)
			if !ok {
				return nil, fmt.Errorf("query: gizmo: no %s", path)
			}
			o = next
		}
		return o, nil
	}
	for _, m := range []struct{ obj, names string }{
		{"Array.prototype", "join toString toLocaleString"},
		{"Object.prototype", "toLocaleString"},
		{"Error.prototype", "toString"},
		{"Date.prototype", "toJSON"},
	} {
		o, err := get(m.obj)
		if err != nil {
			return err
		}
		for _, name := range strings.Fields(m.names) {
			if err := g.countDepth(o, name, nil); err != nil {
				return err
			}
		}
	}
	// Values nested deeper than a JSON answer may be are refused before
	// the built-in walks them.
	deep := func(call goja.FunctionCall) { g.checkDepth(call.Argument(0), 0) }
	json, err := get("JSON")
	if err != nil {
		return err
	}
	if err := g.countDepth(json, "stringify", deep); err != nil {
		return err
	}
	arrayProto, err := get("Array.prototype")
	if err != nil {
		return err
	}
	if err := g.countDepth(arrayProto, "flat", func(call goja.FunctionCall) {
		if d := call.Argument(0); !isNullish(d) && (!isNumber(d) || d.ToFloat() > gizmoMaxValueDepth) {
			g.throw("flat: depth must be a number up to %d", gizmoMaxValueDepth)
		}
	}); err != nil {
		return err
	}
	return vm.GlobalObject().Delete("Proxy")
}

// countDepth replaces o[name], a built-in, with one that counts how deep
// built-ins are nested on the Go stack, running check first if not nil.
func (g *gizmoGuard) countDepth(o *goja.Object, name string, check func(goja.FunctionCall)) error {
	orig, ok := goja.AssertFunction(o.Get(name))
	if !ok {
		return fmt.Errorf("query: gizmo: %s is not a function", name)
	}
	return o.DefineDataProperty(name, g.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if g.depth >= gizmoMaxNativeDepth {
			panic(g.vm.NewGoError(fmt.Errorf("%s: built-ins nested deeper than %d (is a value cyclic?)", name, gizmoMaxNativeDepth)))
		}
		if check != nil {
			check(call)
		}
		g.depth++
		defer func() { g.depth-- }()
		v, err := orig(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// checkDepth throws if v is nested deeper than gizmoMaxValueDepth.
func (g *gizmoGuard) checkDepth(v goja.Value, depth int) {
	o, ok := v.(*goja.Object)
	if !ok {
		return
	}
	if depth > gizmoMaxValueDepth {
		g.throw("value nested deeper than %d (is it cyclic?)", gizmoMaxValueDepth)
	}
	if _, fn := goja.AssertFunction(o); fn || g.paths[o] != nil || g.tokens[o] != 0 {
		return
	}
	for _, k := range o.Keys() {
		g.checkDepth(o.Get(k), depth+1)
	}
}
