package graph

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// pgType is the Cayley SQL flavour claimgraph opens PostgreSQL with:
// Cayley's own postgres flavour, the same tables and queries, except that
// a write sends one multi-row INSERT per table (per node value type), not
// one statement per node and per quad. Deletes stay Cayley's.
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

// pgRunTx adds nodes (their reference counts raised) and quads in tx, a
// few statements in all.
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
		if err := pgInsertRows(tx, head, tail, byType[typ], ""); err != nil {
			return err
		}
	}
	rows := make([][]any, 0, len(quads))
	for _, q := range quads {
		if q.Del {
			return errors.New("claimgraph-postgres: a delete among the inserts")
		}
		row := make([]any, 0, 4)
		for _, h := range q.Quad.Dirs() {
			row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		rows = append(rows, row)
	}
	tail := ";"
	if opts.IgnoreDup {
		tail = " ON CONFLICT DO NOTHING;"
	}
	return pgInsertRows(tx, "INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ", tail, rows, ", now()")
}

// pgInsertRows runs head, rows as VALUES tuples (each with extra appended
// inside its parentheses), and tail, in as few statements as PostgreSQL's
// parameter limit allows.
func pgInsertRows(tx *sql.Tx, head, tail string, rows [][]any, extra string) error {
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
			b.WriteString(extra)
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
