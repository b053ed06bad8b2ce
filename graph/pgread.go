package graph

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// Reads on PostgreSQL, set-wise. Through Cayley's QuadStore API every
// quad read is one SQL round trip and every node value another (its value
// cache holds 1,024). The store's read chokepoints (eachQuadLocked,
// eachLinkLocked, eachOfLocked, the whole-store export) read Cayley's own
// tables here instead: one query joins the quads holding a node to the
// node values they need. Everything above those chokepoints is the same
// code on every backend, and the conformance suite checks the answers.

// pgNodeCols are the columns of Cayley's nodes table that hold a value,
// in the order pgValue scans them, for the table alias %[1]s.
const pgNodeCols = `%[1]s.value, %[1]s.value_string, %[1]s.datatype, %[1]s.language, %[1]s.iri, %[1]s.bnode, %[1]s.value_int, %[1]s.value_bool, %[1]s.value_float, %[1]s.value_time`

// nodeCols returns pgNodeCols for the table alias a.
func nodeCols(a string) string { return fmt.Sprintf(pgNodeCols, a) }

// pgNodeJoin joins the node whose hash is the expression col, as alias
// a, row by row through the nodes' primary key. A plain join lets the
// planner pick a hash join over the whole nodes table whenever it expects
// more than a few quads (and its estimates of quads per node are poor):
// milliseconds on a small store, growing with it. OFFSET 0 keeps the
// lateral subquery from being turned back into such a join.
func pgNodeJoin(a, col string) string {
	return `CROSS JOIN LATERAL (SELECT * FROM nodes WHERE hash = ` + col + ` OFFSET 0) ` + a
}

// pgValue is one row's node value columns, scanned.
type pgValue struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

// dest returns the scan destinations of v, in pgNodeCols' order.
func (v *pgValue) dest() []any {
	return []any{&v.data, &v.str, &v.typ, &v.lang, &v.iri, &v.bnode, &v.vint, &v.vbool, &v.vfloat, &v.vtime}
}

// value decodes v as Cayley's sql QuadStore.NameOf does. It returns nil
// for a row with no node (an outer join that found none).
func (v *pgValue) value() (quad.Value, error) {
	switch {
	case v.str.Valid:
		s := strings.ReplaceAll(v.str.String, `\x00`, "\u0000") // Cayley escapes NUL
		switch {
		case v.iri.Bool:
			return quad.IRI(v.str.String), nil
		case v.bnode.Bool:
			return quad.BNode(v.str.String), nil
		case v.lang.Valid:
			return quad.LangString{Value: quad.String(s), Lang: v.lang.String}, nil
		case v.typ.Valid:
			return quad.TypedString{Value: quad.String(s), Type: quad.IRI(v.typ.String)}, nil
		}
		return quad.String(s), nil
	case v.vint.Valid:
		return quad.Int(v.vint.Int64), nil
	case v.vbool.Valid:
		return quad.Bool(v.vbool.Bool), nil
	case v.vfloat.Valid:
		return quad.Float(v.vfloat.Float64), nil
	case v.vtime.Valid:
		return quad.Time(v.vtime.Time.UTC()), nil
	case v.data == nil:
		return nil, nil
	}
	qv, err := pquads.UnmarshalValue(v.data)
	if err != nil {
		return nil, fmt.Errorf("unmarshal value: %w", err)
	}
	return qv, nil
}

// pgHash returns the key of v in Cayley's tables.
func pgHash(v quad.Value) any { return csql.HashOf(v).SQLValue() }

// pgDirColumn returns the quads column of direction d.
func pgDirColumn(d quad.Direction) (string, error) {
	switch d {
	case quad.Subject:
		return "subject_hash", nil
	case quad.Predicate:
		return "predicate_hash", nil
	case quad.Object:
		return "object_hash", nil
	case quad.Label:
		return "label_hash", nil
	}
	return "", fmt.Errorf("read quads: no direction %v", d)
}

// pgQuadSelect reads whole quads: the four nodes of each row of quads q.
var pgQuadSelect = `SELECT ` + nodeCols("s") + `, ` + nodeCols("p") + `, ` + nodeCols("o") + `, ` + nodeCols("l") + `
FROM quads q
` + pgNodeJoin("s", "q.subject_hash") + `
` + pgNodeJoin("p", "q.predicate_hash") + `
` + pgNodeJoin("o", "q.object_hash") + `
LEFT JOIN LATERAL (SELECT * FROM nodes WHERE hash = q.label_hash OFFSET 0) l ON true`

// scanQuad scans a row of pgQuadSelect, after the columns in pre.
func scanQuad(rows *sql.Rows, pre ...any) (quad.Quad, error) {
	var vs [4]pgValue
	dest := pre
	for i := range vs {
		dest = append(dest, vs[i].dest()...)
	}
	if err := rows.Scan(dest...); err != nil {
		return quad.Quad{}, err
	}
	var q quad.Quad
	for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		v, err := vs[i].value()
		if err != nil {
			return quad.Quad{}, err
		}
		q.Set(d, v)
	}
	return q, nil
}

// eachQuad calls fn with each quad holding v in direction d and predicate
// pred ("" for any), read whole, until fn returns false: one query.
func (p *pgDB) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(quad.Quad) bool) error {
	col, err := pgDirColumn(d)
	if err != nil {
		return err
	}
	query := pgQuadSelect + ` WHERE q.` + col + ` = $1`
	args := []any{pgHash(v)}
	if pred != "" {
		query += ` AND q.predicate_hash = $2`
		args = append(args, pgHash(pred))
	}
	// In the order they were written, as near as SQL gets to bolt's
	// (node ids in order of creation): callers that stop early
	// (tx.firstSubjects) then take the same quads on both.
	query += ` ORDER BY q.horizon`
	rows, err := p.db.QueryContext(ctx, query, args...)
	if err != nil {
		return pgReadError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		q, err := scanQuad(rows)
		if err != nil {
			return err
		}
		if !fn(q) {
			return nil
		}
	}
	return pgReadError(ctx, rows.Err())
}

// eachLink calls fn with the predicate and the other end (object for d =
// Subject, subject for d = Object) of each quad holding v in direction d
// whose predicate want accepts: eachLinkOf for one node.
func (p *pgDB) eachLink(ctx context.Context, d quad.Direction, v quad.Value, want func(quad.IRI) bool, fn func(pred quad.IRI, other quad.Value)) error {
	return p.eachLinkOf(ctx, d, []quad.Value{v}, want, func(_ quad.Value, pred quad.IRI, other quad.Value) { fn(pred, other) })
}

// pgExportPage is how many quads one query of eachStored reads.
var pgExportPage = 2000 // a variable for tests

// eachStored calls fn with every quad in the store, read whole in pages
// of pgExportPage quads in the order they were written (keyset on
// Cayley's horizon column), until fn returns an error, which it returns.
// It is not a snapshot: a quad written or deleted while it runs may or
// may not be read.
func (p *pgDB) eachStored(ctx context.Context, fn func(quad.Quad) error) error {
	query := `SELECT q.horizon, ` + strings.TrimPrefix(pgQuadSelect, "SELECT ") + `
WHERE q.horizon > $1 ORDER BY q.horizon LIMIT ` + fmt.Sprint(pgExportPage)
	var after int64
	for {
		rows, err := p.db.QueryContext(ctx, query, after)
		if err != nil {
			return pgReadError(ctx, err)
		}
		n := 0
		for rows.Next() {
			q, err := scanQuad(rows, &after)
			if err == nil {
				err = fn(q)
			}
			if err != nil {
				rows.Close()
				return err
			}
			n++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return pgReadError(ctx, err)
		}
		if n < pgExportPage {
			return ctx.Err()
		}
	}
}

// pgReadError returns ctx's error if ctx has ended, else err classified
// by pgError.
func pgReadError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return pgError(err)
}

// propsBatch returns how many items' facts a list reads at once on
// PostgreSQL when it needs want more: one more than that (to know whether
// there is a next page), and at least 8 and at most 64, as a check may
// skip some.
func propsBatch(want int) int { return min(max(want+1, 8), 64) }

// props returns, for each of nodes, the facts whose subject it is (as
// Store.propsLocked reads them with nothing skipped), in two queries for
// them all. Every node has an entry, empty when it has no facts.
func (p *pgDB) props(ctx context.Context, nodes []quad.IRI) (map[quad.IRI]props, error) {
	out := make(map[quad.IRI]props, len(nodes))
	vs := make([]quad.Value, len(nodes))
	for i, n := range nodes {
		vs[i] = n
		out[n] = props{}
	}
	err := p.eachLinkOf(ctx, quad.Subject, vs, func(quad.IRI) bool { return true }, func(n quad.Value, pred quad.IRI, v quad.Value) {
		pr := out[n.(quad.IRI)]
		pr[pred] = append(pr[pred], v)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// bigHashes returns the keys of bigPreds that want leaves out, and
// whether it leaves them all out.
func bigHashes(want func(quad.IRI) bool) (hashes [][]byte, all bool) {
	hashes, all = [][]byte{}, true // never nil: pq sends a nil array as NULL
	for p := range bigPreds {
		if want == nil || !want(p) {
			hashes = append(hashes, pgHash(p).([]byte))
		} else {
			all = false
		}
	}
	return hashes, all
}

// eachCounted calls fn with each distinct value of fs whose predicate
// keep accepts, in order of first appearance, and how many quads give it.
func eachCounted(fs []aheadFact, keep func(quad.IRI) bool, fn func(pred quad.IRI, v quad.Value, n int)) {
	type key struct {
		pred quad.IRI
		hash string
	}
	count := map[key]int{}
	var order []aheadFact
	for _, f := range fs {
		if !keep(f.pred) {
			continue
		}
		k := key{f.pred, f.hash}
		if count[k] == 0 {
			order = append(order, f)
		}
		count[k] += f.n
	}
	for _, f := range order {
		fn(f.pred, f.obj, count[key{f.pred, f.hash}])
	}
}

// pgLinkSelect reads the quads whose column col holds one of the node
// hashes of the array expression keys (no hash twice) and that meet the
// condition where ("" for all; on the quads' columns, unqualified): one
// row for each distinct node, predicate and other end (at otherCol), all
// three hashes, how many quads state it and the horizon of the first
// (first). It reads each node's quads through the index that col leads,
// one node after another, so that no estimate of quads per node makes
// the planner scan the whole table (in horizon order, to save a sort).
// With valueIf "", the values are read after, through pgValues; else
// each row also has the other end's value (pgNodeCols) when the row meets
// the condition valueIf ("true" for every row; on the predicate's hash as
// c.pred, the number of rows as c.total), read row by row through the
// nodes' primary key, as pgNodeJoin does: for values that are read once
// (an article's title, an item's text), this saves the round trip after.
func pgLinkSelect(col, otherCol, keys, where, valueIf string) string {
	if where != "" {
		where = " AND " + where // inside, so that the index can take a predicate
	}
	grouped := `SELECT q.` + col + ` AS node, q.predicate_hash AS pred, q.` + otherCol + ` AS other, count(*) AS n, min(q.horizon) AS first
FROM unnest(` + keys + `) k(h)
CROSS JOIN LATERAL (SELECT ` + col + `, predicate_hash, ` + otherCol + `, horizon FROM quads WHERE ` + col + ` = k.h` + where + ` OFFSET 0) q
GROUP BY 1, 2, 3`
	if valueIf == "" {
		return grouped
	}
	return `SELECT c.node, c.pred, c.other, c.n, c.first, ` + nodeCols("o") + `
FROM (SELECT g.*, count(*) OVER () AS total FROM (` + grouped + `) g) c
LEFT JOIN LATERAL (SELECT * FROM nodes WHERE hash = c.other AND ` + valueIf + ` OFFSET 0) o ON true`
}

// pgSmallSet is the valueIf of pgLinkSelect for lists of nodes (the
// items of an article, the statements of a speaker): a short list's
// values are read with it (they are likely read once: the items of one
// article), a long one's through the cache (a hub's, read again and
// again), whose misses cost one query more.
const pgSmallSet = `c.total <= 256`

// pgNotIn returns the condition that the hash expression x is none of
// hashes, with the hashes written out (hexadecimal: nothing to escape).
func pgNotIn(x string, hashes [][]byte) string {
	if len(hashes) == 0 {
		return "true"
	}
	lits := make([]string, len(hashes))
	for i, h := range hashes {
		lits[i] = fmt.Sprintf(`'\x%x'::bytea`, h)
	}
	return x + ` NOT IN (` + strings.Join(lits, ", ") + `)`
}

// pgLink is a row of pgLinkSelect: a node, a predicate and the other end
// (their hashes), and how many quads state them.
type pgLink struct {
	node, pred, other string
	n                 int
}

// links runs query (a pgLinkSelect, with values when withValues) with
// args and returns its rows in order, and the values, by hash, of their
// predicates and of the other ends of the rows whose predicate's hash
// readValue accepts (nil: every row's): a second query for the values
// neither read nor cached, if any.
func (p *pgDB) links(ctx context.Context, query string, args []any, withValues bool, readValue func(pred string) bool) ([]pgLink, map[string]quad.Value, error) {
	rows, err := p.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, pgReadError(ctx, err)
	}
	var out []pgLink
	vals := map[string]quad.Value{}
	for rows.Next() {
		var node, pred, other []byte
		var l pgLink
		var first int64
		var pv pgValue
		dest := []any{&node, &pred, &other, &l.n, &first}
		if withValues {
			dest = append(dest, pv.dest()...)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, nil, err
		}
		l.node, l.pred, l.other = string(node), string(pred), string(other)
		out = append(out, l)
		if _, ok := vals[l.pred]; !ok {
			vals[l.pred] = nil
		}
		if readValue != nil && !readValue(l.pred) {
			continue
		}
		v, err := pv.value()
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		if v != nil {
			vals[l.other] = v
			p.vals.put(l.other, v)
		} else if _, ok := vals[l.other]; !ok {
			vals[l.other] = nil
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, nil, pgReadError(ctx, err)
	}
	return out, vals, p.resolve(ctx, vals)
}

// values returns the values of the nodes with the given hashes, by hash
// (a hash that names no node has no entry): from the value cache, and in
// one query for those it lacks.
func (p *pgDB) values(ctx context.Context, hashes [][]byte) (map[string]quad.Value, error) {
	out := make(map[string]quad.Value, len(hashes))
	for _, h := range hashes {
		out[string(h)] = nil
	}
	if err := p.resolve(ctx, out); err != nil {
		return nil, err
	}
	for h, v := range out {
		if v == nil {
			delete(out, h)
		}
	}
	return out, nil
}

// resolve sets the value of each hash of vals, from the cache or in one
// query for those it lacks; a hash that names no node stays nil.
func (p *pgDB) resolve(ctx context.Context, vals map[string]quad.Value) error {
	var miss [][]byte
	for h, v := range vals {
		if v != nil {
			continue
		}
		if v, ok := p.vals.get(h); ok {
			vals[h] = v
		} else {
			miss = append(miss, []byte(h))
		}
	}
	if len(miss) == 0 {
		return nil
	}
	rows, err := p.db.QueryContext(ctx, `SELECT n.hash, `+nodeCols("n")+`
FROM unnest($1::bytea[]) k(h) CROSS JOIN LATERAL (SELECT * FROM nodes WHERE hash = k.h OFFSET 0) n`, pq.ByteaArray(miss))
	if err != nil {
		return pgReadError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h []byte
		var pv pgValue
		if err := rows.Scan(append([]any{&h}, pv.dest()...)...); err != nil {
			return err
		}
		v, err := pv.value()
		if err != nil {
			return err
		}
		vals[string(h)] = v
		p.vals.put(string(h), v)
	}
	return pgReadError(ctx, rows.Err())
}

// eachLinkOf calls fn with the node, the predicate and the other end
// (object for d = Subject, subject for d = Object) of each quad holding
// one of nodes in direction d whose predicate want accepts, in one query
// (and one for values not cached); the large values of bigPreds are read
// only when want accepts them. Nodes read ahead in full (readahead.go)
// are answered from there.
func (p *pgDB) eachLinkOf(ctx context.Context, d quad.Direction, nodes []quad.Value, want func(quad.IRI) bool, fn func(node quad.Value, pred quad.IRI, other quad.Value)) error {
	col, otherCol := "subject_hash", "object_hash"
	if d == quad.Object {
		col, otherCol = otherCol, col
	} else if d != quad.Subject {
		return fmt.Errorf("read quads: no direction %v", d)
	}
	big, small := bigHashes(want)
	if a := aheadOf(ctx); a != nil && d == quad.Subject {
		rest := nodes[:0:0]
		for _, n := range nodes {
			o := a.outFacts(string(pgHash(n).([]byte)))
			if o == nil || o.preds != nil || o.big && !small {
				rest = append(rest, n)
				continue
			}
			for _, f := range o.facts {
				for i := 0; i < f.n && want(f.pred); i++ { // once per quad
					fn(n, f.pred, f.obj)
				}
			}
		}
		nodes = rest
	}
	if len(nodes) == 0 {
		return nil
	}
	byHash := make(map[string]quad.Value, len(nodes))
	keys := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		h := pgHash(n).([]byte)
		if _, dup := byHash[string(h)]; !dup {
			byHash[string(h)] = n
			keys = append(keys, h)
		}
	}
	rows, vals, err := p.links(ctx, pgLinkSelect(col, otherCol, `$1::bytea[]`, `predicate_hash <> ALL($2)`, "true")+`
ORDER BY first`, []any{pq.ByteaArray(keys), pq.ByteaArray(big)}, true, nil) // as eachQuad
	if err != nil {
		return err
	}
	wanted := map[quad.IRI]bool{}
	for _, l := range rows {
		pred, _ := vals[l.pred].(quad.IRI)
		other := vals[l.other]
		if pred == "" || other == nil {
			continue
		}
		ok, decided := wanted[pred]
		if !decided {
			ok = want(pred)
			wanted[pred] = ok
		}
		for n := l.n; ok && n > 0; n-- { // once per quad, as Cayley's API reads them
			fn(byHash[l.node], pred, other)
		}
	}
	return nil
}

// eachOf calls fn with each distinct other end of the quads holding v in
// direction d (Subject or Object) with predicate pred, and how many quads
// state it: one query (and one for values not cached).
func (p *pgDB) eachOf(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(other quad.Value, n int)) error {
	col, otherCol := "subject_hash", "object_hash"
	if d == quad.Object {
		col, otherCol = otherCol, col
	} else if d != quad.Subject {
		return fmt.Errorf("read quads: no direction %v", d)
	}
	h, ph := pgHash(v).([]byte), pgHash(pred).([]byte)
	if a := aheadOf(ctx); a != nil { // read ahead (readahead.go)
		var fs []aheadFact
		ok := false
		if d == quad.Subject {
			if o := a.outFacts(string(h)); o != nil && o.covers(pred) {
				fs, ok = o.facts, true
			}
		} else {
			fs, ok = a.inFacts(string(h), string(ph))
		}
		if ok {
			eachCounted(fs, func(p quad.IRI) bool { return p == pred }, func(_ quad.IRI, v quad.Value, n int) { fn(v, n) })
			return nil
		}
	}
	rows, vals, err := p.links(ctx, pgLinkSelect(col, otherCol, `$1::bytea[]`, `predicate_hash = $2`, pgSmallSet)+`
ORDER BY first`, []any{pq.ByteaArray([][]byte{h}), ph}, true, nil) // as eachQuad
	if err != nil {
		return err
	}
	for _, l := range rows {
		if ov := vals[l.other]; ov != nil {
			fn(ov, l.n)
		}
	}
	return nil
}

// facts calls fn with each distinct object of the quads with subject n
// and a predicate in preds, its predicate, and how many quads state it:
// one query for all of preds (and one for values not cached).
func (p *pgDB) facts(ctx context.Context, n quad.Value, preds []quad.IRI, fn func(pred quad.IRI, v quad.Value, count int)) error {
	if o := aheadOf(ctx).outFacts(string(pgHash(n).([]byte))); o != nil { // read ahead (readahead.go)
		all := true
		for _, pred := range preds {
			all = all && o.covers(pred)
		}
		if all {
			eachCounted(o.facts, func(p quad.IRI) bool { return slices.Contains(preds, p) }, fn)
			return nil
		}
	}
	byHash := make(map[string]quad.IRI, len(preds))
	hashes := make([][]byte, 0, len(preds))
	for _, pred := range preds {
		h := pgHash(pred).([]byte)
		byHash[string(h)] = pred
		hashes = append(hashes, h)
	}
	rows, vals, err := p.links(ctx, pgLinkSelect("subject_hash", "object_hash", `$1::bytea[]`, `predicate_hash = ANY($2)`, ""),
		[]any{pq.ByteaArray([][]byte{pgHash(n).([]byte)}), pq.ByteaArray(hashes)}, false, nil)
	if err != nil {
		return err
	}
	for _, l := range rows {
		if ov := vals[l.other]; ov != nil {
			fn(byHash[l.pred], ov, l.n)
		}
	}
	return nil
}

// readOut reads the facts of nodes of the predicates want (nil: every
// predicate but bigPreds), and every fact but bigPreds of the nodes their
// facts of follow point to, in one query (and one for values not
// cached): the read of readAheadLocked. Every node named or followed has
// an entry, empty when it has no facts.
func (p *pgDB) readOut(ctx context.Context, nodes []quad.IRI, want map[quad.IRI]bool, follow []quad.IRI) (map[string]*aheadOut, error) {
	out := make(map[string]*aheadOut, len(nodes))
	given := make(map[string]bool, len(nodes))
	keys := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		h := pgHash(n).([]byte)
		keys = append(keys, h)
		out[string(h)] = &aheadOut{preds: want}
		given[string(h)] = true
	}
	// The quads of bigPreds are read, to know that they are there, but
	// not their values, unless want names them.
	isBig := map[string]bool{}
	var bigKeys [][]byte
	for pred := range bigPreds {
		if !want[pred] {
			h := pgHash(pred).([]byte)
			isBig[string(h)] = true
			bigKeys = append(bigKeys, h)
		}
	}
	valueIf := pgNotIn("c.pred", bigKeys)
	var query string
	args := []any{pq.ByteaArray(keys)}
	if want == nil {
		query = pgLinkSelect("subject_hash", "object_hash", `$1::bytea[]`, "", valueIf)
	} else {
		ph := [][]byte{}
		for pred := range want {
			ph = append(ph, pgHash(pred).([]byte))
		}
		query = pgLinkSelect("subject_hash", "object_hash", `$1::bytea[]`, `predicate_hash = ANY($2)`, valueIf)
		args = append(args, pq.ByteaArray(ph))
	}
	followed := map[string]bool{}
	if len(follow) > 0 {
		var fh [][]byte
		for _, pred := range follow {
			h := pgHash(pred).([]byte)
			fh = append(fh, h)
			followed[string(h)] = true
		}
		n := len(args) + 1
		query = `(` + query + `) UNION ALL (` + pgLinkSelect("subject_hash", "object_hash", fmt.Sprintf(`ARRAY(
	SELECT DISTINCT f.object_hash FROM unnest($1::bytea[]) fk(h)
	CROSS JOIN LATERAL (SELECT object_hash FROM quads WHERE subject_hash = fk.h AND predicate_hash = ANY($%d) OFFSET 0) f
	WHERE f.object_hash <> ALL($1))`, n), "", valueIf) + `)`
		args = append(args, pq.ByteaArray(fh))
	}
	rows, vals, err := p.links(ctx, query+` ORDER BY first`, args, true, func(pred string) bool { return !isBig[pred] }) // as eachQuad
	if err != nil {
		return nil, err
	}
	for _, l := range rows {
		o := out[l.node]
		if o == nil {
			o = &aheadOut{}
			out[l.node] = o
		}
		pred, _ := vals[l.pred].(quad.IRI)
		switch {
		case pred == "":
		case isBig[l.pred]:
			o.big = true
		case vals[l.other] != nil:
			o.facts = append(o.facts, aheadFact{pred: pred, obj: vals[l.other], hash: l.other, n: l.n})
		}
		// A node followed with no facts has an entry too.
		if followed[l.pred] && given[l.node] && out[l.other] == nil {
			if _, ok := vals[l.other].(quad.IRI); ok {
				out[l.other] = &aheadOut{}
			}
		}
	}
	return out, nil
}

// readIn reads the subjects of (pred, obj) for each of objs, in one query
// (and one for values not cached): the read of subjectsAheadLocked. Every
// object has an entry.
func (p *pgDB) readIn(ctx context.Context, pred quad.IRI, objs []quad.Value) (map[aheadInKey][]aheadFact, error) {
	ph := string(pgHash(pred).([]byte))
	out := make(map[aheadInKey][]aheadFact, len(objs))
	keys := make([][]byte, 0, len(objs))
	for _, n := range objs {
		h := pgHash(n).([]byte)
		k := aheadInKey{string(h), ph}
		if _, dup := out[k]; !dup {
			keys = append(keys, h)
			out[k] = nil
		}
	}
	rows, vals, err := p.links(ctx, pgLinkSelect("object_hash", "subject_hash", `$1::bytea[]`, `predicate_hash = $2`, pgSmallSet)+`
ORDER BY first`, []any{pq.ByteaArray(keys), []byte(ph)}, true, nil) // as eachQuad
	if err != nil {
		return nil, err
	}
	for _, l := range rows {
		k := aheadInKey{l.node, ph}
		if v := vals[l.other]; v != nil {
			out[k] = append(out[k], aheadFact{pred: pred, obj: v, hash: l.other, n: l.n})
		}
	}
	return out, nil
}

// pgValues caches node values by hash for a store's reads. A node's hash
// is the hash of its value, so a value cached never goes stale, whoever
// writes to the database. It keeps two generations of up to
// pgValuesMax values each, and no value longer than pgValueMaxLen. It is
// safe for concurrent use.
type pgValues struct {
	mu       sync.Mutex
	cur, old map[string]quad.Value
}

const (
	pgValuesMax   = 1 << 16
	pgValueMaxLen = 256 // bytes: IRIs, names, keys; at most 32 MiB of values in all
)

func newPGValues() *pgValues {
	return &pgValues{cur: map[string]quad.Value{}}
}

// get returns the value cached for hash h.
func (c *pgValues) get(h string) (quad.Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[h]; ok {
		return v, true
	}
	v, ok := c.old[h]
	if ok {
		c.putLocked(h, v)
	}
	return v, ok
}

// put caches v, the value of hash h, unless it is long.
func (c *pgValues) put(h string, v quad.Value) {
	n := 0
	switch v := v.(type) {
	case quad.String:
		n = len(v)
	case quad.IRI:
		n = len(v)
	case quad.BNode:
		n = len(v)
	case quad.LangString:
		n = len(v.Value)
	case quad.TypedString:
		n = len(v.Value)
	}
	if n > pgValueMaxLen {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(h, v)
}

func (c *pgValues) putLocked(h string, v quad.Value) {
	if len(c.cur) >= pgValuesMax {
		c.old, c.cur = c.cur, make(map[string]quad.Value, pgValuesMax)
	}
	c.cur[h] = v
}
