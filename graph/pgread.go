package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
JOIN nodes s ON s.hash = q.subject_hash
JOIN nodes p ON p.hash = q.predicate_hash
JOIN nodes o ON o.hash = q.object_hash
LEFT JOIN nodes l ON l.hash = q.label_hash`

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

// eachLinkOf calls fn with the node, the predicate and the other end
// (object for d = Subject, subject for d = Object) of each quad holding
// one of nodes in direction d whose predicate want accepts. It reads the
// quads and their predicates in one query, then the other ends wanted in
// a second, so that values want leaves out (an article's body) are never
// read.
func (p *pgDB) eachLinkOf(ctx context.Context, d quad.Direction, nodes []quad.Value, want func(quad.IRI) bool, fn func(node quad.Value, pred quad.IRI, other quad.Value)) error {
	col, otherCol := "subject_hash", "object_hash"
	if d == quad.Object {
		col, otherCol = otherCol, col
	} else if d != quad.Subject {
		return fmt.Errorf("read quads: no direction %v", d)
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
	rows, err := p.db.QueryContext(ctx, `SELECT q.`+col+`, p.value_string, p.iri, q.`+otherCol+`
FROM quads q JOIN nodes p ON p.hash = q.predicate_hash
WHERE q.`+col+` = ANY($1)
ORDER BY q.horizon`, pq.ByteaArray(keys)) // as eachQuad
	if err != nil {
		return pgReadError(ctx, err)
	}
	type link struct {
		node  quad.Value
		pred  quad.IRI
		other string
	}
	var links []link
	var hashes [][]byte
	seen := map[string]bool{}
	wanted := map[string]bool{}
	for rows.Next() {
		var nh, h []byte
		var pv sql.NullString
		var iri sql.NullBool
		if err := rows.Scan(&nh, &pv, &iri, &h); err != nil {
			rows.Close()
			return err
		}
		if !pv.Valid || !iri.Bool {
			continue
		}
		pred := quad.IRI(pv.String)
		ok, decided := wanted[pv.String]
		if !decided {
			ok = want(pred)
			wanted[pv.String] = ok
		}
		if !ok {
			continue
		}
		links = append(links, link{byHash[string(nh)], pred, string(h)})
		if !seen[string(h)] {
			seen[string(h)] = true
			hashes = append(hashes, h)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return pgReadError(ctx, err)
	}
	vals, err := p.values(ctx, hashes)
	if err != nil {
		return err
	}
	for _, l := range links {
		if ov := vals[l.other]; ov != nil {
			fn(l.node, l.pred, ov)
		}
	}
	return nil
}

// values returns the values of the nodes with the given hashes, by hash,
// in one query.
func (p *pgDB) values(ctx context.Context, hashes [][]byte) (map[string]quad.Value, error) {
	out := make(map[string]quad.Value, len(hashes))
	if len(hashes) == 0 {
		return out, nil
	}
	rows, err := p.db.QueryContext(ctx, `SELECT n.hash, `+nodeCols("n")+` FROM nodes n WHERE n.hash = ANY($1)`, pq.ByteaArray(hashes))
	if err != nil {
		return nil, pgReadError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h []byte
		var pv pgValue
		if err := rows.Scan(append([]any{&h}, pv.dest()...)...); err != nil {
			return nil, err
		}
		v, err := pv.value()
		if err != nil {
			return nil, err
		}
		out[string(h)] = v
	}
	return out, pgReadError(ctx, rows.Err())
}

// eachOf calls fn with each distinct other end of the quads holding v in
// direction d (Subject or Object) with predicate pred, and how many quads
// state it: one query.
func (p *pgDB) eachOf(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(other quad.Value, n int)) error {
	col, otherCol := "subject_hash", "object_hash"
	if d == quad.Object {
		col, otherCol = otherCol, col
	} else if d != quad.Subject {
		return fmt.Errorf("read quads: no direction %v", d)
	}
	rows, err := p.db.QueryContext(ctx, `SELECT count(*), `+nodeCols("o")+`
FROM quads q JOIN nodes o ON o.hash = q.`+otherCol+`
WHERE q.`+col+` = $1 AND q.predicate_hash = $2
GROUP BY o.hash ORDER BY min(q.horizon)`, pgHash(v), pgHash(pred)) // as eachQuad
	if err != nil {
		return pgReadError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var pv pgValue
		if err := rows.Scan(append([]any{&n}, pv.dest()...)...); err != nil {
			return err
		}
		ov, err := pv.value()
		if err != nil {
			return err
		}
		if ov != nil {
			fn(ov, n)
		}
	}
	return pgReadError(ctx, rows.Err())
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

// facts calls fn with each distinct object of the quads with subject n
// and a predicate in preds, its predicate, and how many quads state it:
// one query for all of preds.
func (p *pgDB) facts(ctx context.Context, n quad.Value, preds []quad.IRI, fn func(pred quad.IRI, v quad.Value, count int)) error {
	byHash := make(map[string]quad.IRI, len(preds))
	hashes := make([][]byte, 0, len(preds))
	for _, pred := range preds {
		h := pgHash(pred).([]byte)
		byHash[string(h)] = pred
		hashes = append(hashes, h)
	}
	rows, err := p.db.QueryContext(ctx, `SELECT q.predicate_hash, count(*), `+nodeCols("o")+`
FROM quads q JOIN nodes o ON o.hash = q.object_hash
WHERE q.subject_hash = $1 AND q.predicate_hash = ANY($2)
GROUP BY q.predicate_hash, o.hash`, pgHash(n), pq.ByteaArray(hashes))
	if err != nil {
		return pgReadError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ph []byte
		var c int
		var pv pgValue
		if err := rows.Scan(append([]any{&ph, &c}, pv.dest()...)...); err != nil {
			return err
		}
		ov, err := pv.value()
		if err != nil {
			return err
		}
		if ov != nil {
			fn(byHash[string(ph)], ov, c)
		}
	}
	return pgReadError(ctx, rows.Err())
}

// propsBatch is how many items' facts a list reads at once on PostgreSQL.
const propsBatch = 64

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
