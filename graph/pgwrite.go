package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// pgType is the Cayley SQL flavour claimgraph opens PostgreSQL with:
// Cayley's own postgres flavour, the same tables and queries, except that
// a write sends one multi-row INSERT per table (per node value type), not
// one statement per node and per quad. A Store on PostgreSQL writes
// through pgDB.apply, which deletes set-wise too; the flavour's own
// ApplyDeltas, Cayley's, serves what writes before the store is open
// (the schema version) and offline upgrades.
const pgType = "claimgraph-postgres"

func init() {
	csql.Register(pgType, csql.Registration{
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: pgRunTx,
	})
}

// pgMaxParams is PostgreSQL's limit on a statement's parameters.
const pgMaxParams = 65535

// pgRunTx adds nodes (their reference counts raised) and quads in tx: a
// statement per node value type (within PostgreSQL's parameter limit)
// and one for all the quads.
func pgRunTx(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	byType := map[csql.ValueType][][]any{}
	var types []csql.ValueType // in first-seen order: the same batch, the same statements
	for _, n := range nodes {
		if n.RefInc < 0 {
			return fmt.Errorf("claimgraph-postgres: node %x: negative reference change in an insert", n.Hash[:4])
		}
		typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		if _, ok := byType[typ]; !ok {
			types = append(types, typ)
		}
		byType[typ] = append(byType[typ], append([]any{n.RefInc}, values...))
	}
	for _, typ := range types {
		head := "INSERT INTO nodes(refs, hash, " + strings.Join(typ.Columns(), ", ") + ") VALUES "
		tail := " ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs;"
		if err := pgInsertRows(tx, head, tail, byType[typ]); err != nil {
			return err
		}
	}
	if len(quads) == 0 {
		return nil
	}
	// One statement, the quads' hashes as four arrays, in order (so that
	// the horizons follow it, as Cayley's inserts do). An array holds no
	// NULL: a quad without a label has an empty hash there, which no
	// node has.
	var cols [4]pq.ByteaArray
	for i := range cols {
		cols[i] = make(pq.ByteaArray, 0, len(quads))
	}
	for _, q := range quads {
		if q.Del {
			return errors.New("claimgraph-postgres: a delete among the inserts")
		}
		for i, h := range q.Quad.Dirs() {
			b := []byte{}
			if h.Valid() {
				b = h[:]
			}
			cols[i] = append(cols[i], b)
		}
	}
	query := `INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, NULLIF(l, ''::bytea), now()
FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS d(s, p, o, l, i)
ORDER BY i`
	if opts.IgnoreDup {
		query += ` ON CONFLICT DO NOTHING`
	}
	if _, err := tx.Exec(query, cols[0], cols[1], cols[2], cols[3]); err != nil {
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
			return &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
		}
		return err
	}
	return nil
}

// pgInsertRows runs head, rows as VALUES tuples, and tail, in as few
// statements as PostgreSQL's parameter limit allows.
func pgInsertRows(tx *sql.Tx, head, tail string, rows [][]any) error {
	for len(rows) > 0 {
		width := len(rows[0])
		n := min(len(rows), pgMaxParams/width)
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, n*width)
		for i, row := range rows[:n] {
			if len(row) != width {
				return fmt.Errorf("claimgraph-postgres: rows of %d and %d values in one insert", width, len(row))
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(args)+j+1)
			}
			b.WriteByte(')')
			args = append(args, row...)
		}
		b.WriteString(tail)
		if _, err := tx.Exec(b.String(), args...); err != nil {
			var pe *pq.Error
			if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
				return &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
			}
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// apply writes deltas in one transaction on p's own connections, as
// Cayley's SQL QuadStore.ApplyDeltas does with IgnoreOpts{} and leaving
// the same rows, but set-wise: the inserts as pgRunTx sends them, then
// one DELETE for every quad removed, one UPDATE for every node reference
// count lowered, and one DELETE of the nodes left with none. Cayley sends
// a statement per quad and per node there, and then deletes the nodes
// with no references by scanning the whole nodes table. A quad to delete
// that is not stored fails the write with a graph.DeltaError, and nothing
// is written.
func (p *pgDB) apply(ctx context.Context, in []cgraph.Delta) error {
	d := graphlog.SplitDeltas(in)
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit, a no-op
	if err := pgRunTx(tx, d.IncNode, d.QuadAdd, cgraph.IgnoreOpts{}); err != nil {
		return err
	}
	if len(d.QuadDel) > 0 || len(d.DecNode) > 0 {
		// The statements below join arrays of thousands of keys against
		// tables of millions of rows, which PostgreSQL estimates at 100
		// rows: never let it hash or sort a whole table for them.
		if _, err := tx.ExecContext(ctx, `SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off`); err != nil {
			return err
		}
	}
	if err := pgDeleteQuads(ctx, tx, d.QuadDel); err != nil {
		return err
	}
	if err := pgReleaseNodes(ctx, tx, d.IncNode, d.DecNode); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	p.analyzeAfter(int64(len(d.QuadAdd) + len(d.QuadDel)))
	return nil
}

// pgAnalyzeMin is how many quads must be written or deleted through one
// pgDB before it runs an ANALYZE of its own.
const pgAnalyzeMin = 2000

// analyzeAfter notes that a write changed n quads and, once the writes
// since the last ANALYZE changed half as many quads as the table held
// then (and at least pgAnalyzeMin), runs ANALYZE on Cayley's tables in
// the background. Autovacuum analyzes a table only about a minute after
// it changed: while a new store fills, the planner would otherwise take
// tables of a million rows for the few thousand it last counted, and read
// a quad's four node values by scanning and hashing the whole nodes table
// (tens of milliseconds) rather than four index lookups.
func (p *pgDB) analyzeAfter(n int64) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	p.changed += n
	select {
	case <-p.closing:
		return
	default:
	}
	if p.analyzing || p.changed < max(pgAnalyzeMin, p.analyzed/2) {
		return
	}
	p.analyzing, p.changed = true, 0
	p.bg.Add(1)
	go func() {
		defer p.bg.Done()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-p.closing:
				cancel()
			case <-ctx.Done():
			}
		}()
		var quads float64
		_, err := p.db.ExecContext(ctx, `ANALYZE quads, nodes`)
		if err == nil {
			err = p.db.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE relname = 'quads'`).Scan(&quads)
		}
		p.statsMu.Lock()
		defer p.statsMu.Unlock()
		p.analyzing = false
		if err == nil { // else autovacuum will, in time
			p.analyzed = int64(quads)
		}
	}()
}

// pgDeleteQuads deletes quads, which must all be stored, in one statement
// for those with a label and one for those without.
func pgDeleteQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate) error {
	var labelled, bare [4]pq.ByteaArray
	for _, q := range quads {
		cols := &labelled
		if !q.Quad.Label.Valid() {
			cols = &bare
		}
		for i, h := range q.Quad.Dirs() {
			if i < 3 || cols == &labelled {
				cols[i] = append(cols[i], h[:])
			}
		}
	}
	for _, del := range []struct {
		query string
		args  []any
	}{
		{`DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS d(s, p, o, l)
WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash = d.l`,
			[]any{labelled[0], labelled[1], labelled[2], labelled[3]}},
		{`DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[]) AS d(s, p, o)
WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash IS NULL`,
			[]any{bare[0], bare[1], bare[2]}},
	} {
		want := len(del.args[0].(pq.ByteaArray))
		if want == 0 {
			continue
		}
		res, err := tx.ExecContext(ctx, del.query, del.args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != int64(want) {
			return &cgraph.DeltaError{Err: cgraph.ErrQuadNotExist}
		}
	}
	return nil
}

// pgReleaseNodes lowers the reference counts of dec and deletes the nodes
// of dec and inc left with no references (a node of inc whose count a
// write left unchanged, added and removed by it, may have had none), in
// two statements. Those are the nodes Cayley's "DELETE FROM nodes WHERE
// refs <= 0" deletes after such a write: no other node has a count of
// zero or less.
func pgReleaseNodes(ctx context.Context, tx *sql.Tx, inc, dec []graphlog.NodeUpdate) error {
	var hashes, all pq.ByteaArray
	var by pq.Int64Array
	for _, n := range dec {
		hashes = append(hashes, n.Hash[:])
		by = append(by, int64(n.RefInc))
	}
	all = append(all, hashes...)
	for _, n := range inc {
		if n.RefInc == 0 {
			all = append(all, n.Hash[:])
		}
	}
	if len(hashes) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE nodes n SET refs = n.refs + d.by
FROM unnest($1::bytea[], $2::bigint[]) AS d(hash, by) WHERE n.hash = d.hash`, hashes, by); err != nil {
			return err
		}
	}
	if len(all) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, all); err != nil {
			return err
		}
	}
	return nil
}

// subjectsOf returns, for each of objs, the subjects of the first limit
// quads (in the order they were written, as eachQuad reads them) with
// that object, predicate pred and label label: one query for the quads of
// them all, and one for the subjects' values.
func (p *pgDB) subjectsOf(ctx context.Context, objs []quad.Value, pred, label quad.IRI, limit int) ([][]quad.Value, error) {
	out := make([][]quad.Value, len(objs))
	if len(objs) == 0 {
		return out, nil
	}
	keys := make(pq.ByteaArray, len(objs))
	for i, o := range objs {
		keys[i] = pgHash(o).([]byte)
	}
	rows, err := p.db.QueryContext(ctx, `SELECT k.i, q.subject_hash
FROM unnest($1::bytea[]) WITH ORDINALITY AS k(obj, i)
CROSS JOIN LATERAL (
	SELECT subject_hash, horizon FROM quads
	WHERE object_hash = k.obj AND predicate_hash = $2 AND label_hash = $3
	ORDER BY horizon LIMIT $4
) q
ORDER BY k.i, q.horizon`, keys, pgHash(pred), pgHash(label), limit)
	if err != nil {
		return nil, pgReadError(ctx, err)
	}
	type hit struct {
		i    int
		subj []byte
	}
	var hits []hit
	var hashes [][]byte
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.i, &h.subj); err != nil {
			rows.Close()
			return nil, err
		}
		h.i-- // ORDINALITY counts from 1
		hits = append(hits, h)
		hashes = append(hashes, h.subj)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, pgReadError(ctx, err)
	}
	vals, err := p.values(ctx, hashes) // pgread.go
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		if h.i < 0 || h.i >= len(objs) {
			return nil, fmt.Errorf("read subjects: object %d of %d", h.i+1, len(objs))
		}
		v := vals[string(h.subj)]
		if v == nil {
			return nil, fmt.Errorf("read subjects: no node %x", h.subj)
		}
		out[h.i] = append(out[h.i], v)
	}
	return out, nil
}

// quadsOf returns, for each of nodes, the quads holding it in direction d,
// read whole in the order they were written (as eachQuad reads them): one
// query for the quads of them all, one for the values of their nodes.
func (p *pgDB) quadsOf(ctx context.Context, d quad.Direction, nodes []quad.Value) ([][]quad.Quad, error) {
	out := make([][]quad.Quad, len(nodes))
	if len(nodes) == 0 {
		return out, nil
	}
	col, err := pgDirColumn(d)
	if err != nil {
		return nil, err
	}
	at := make(map[string][]int, len(nodes)) // a node's hash: its places in nodes
	keys := make(pq.ByteaArray, 0, len(nodes))
	for i, n := range nodes {
		h := pgHash(n).([]byte)
		if _, ok := at[string(h)]; !ok {
			keys = append(keys, h)
		}
		at[string(h)] = append(at[string(h)], i)
	}
	rows, err := p.db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash
FROM quads WHERE `+col+` = ANY($1) ORDER BY horizon`, keys)
	if err != nil {
		return nil, pgReadError(ctx, err)
	}
	var found [][4][]byte
	var hashes [][]byte
	seen := map[string]bool{}
	for rows.Next() {
		var h [4][]byte
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, h)
		for _, x := range h {
			if x != nil && !seen[string(x)] {
				seen[string(x)] = true
				hashes = append(hashes, x)
			}
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, pgReadError(ctx, err)
	}
	vals, err := p.values(ctx, hashes) // pgread.go
	if err != nil {
		return nil, err
	}
	dirs := []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	for _, h := range found {
		var q quad.Quad
		for i, x := range h {
			if x == nil {
				continue
			}
			v := vals[string(x)]
			if v == nil {
				return nil, fmt.Errorf("read quads: no node %x", x)
			}
			q.Set(dirs[i], v)
		}
		for _, i := range at[string(h[slices.Index(dirs, d)])] {
			out[i] = append(out[i], q)
		}
	}
	return out, nil
}
