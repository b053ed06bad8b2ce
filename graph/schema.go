package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// SchemaVersion is the version of the stored format this package reads
// and writes. Version 1 (claimgraph before the version was stored) kept
// cross-article links as scope quad lists recomputed on each write;
// version 2 links through indexes (linking.go) and keys figures by
// measure. Upgrade turns a version 1 store into the current one.
const SchemaVersion = 2

// ErrSchema reports a store whose format is not SchemaVersion.
var ErrSchema = errors.New("graph: store schema")

// StoreNode is the node that describes the store itself; its facts sit
// under its own IRI as their label:
//
//	<https://claimgraph.org/store> cg:schemaVersion 2 <https://claimgraph.org/store>
const StoreNode = quad.IRI(Base + "store")

// PredSchemaVersion is the predicate of the store's format version.
const PredSchemaVersion = quad.IRI(nsCG + "schemaVersion")

// schemaQuad is the quad that marks a store of the current version.
var schemaQuad = quad.Quad{Subject: StoreNode, Predicate: PredSchemaVersion, Object: quad.Int(SchemaVersion), Label: StoreNode}

// writeSchema marks qs as a store of the current version; a store marked
// already stays as it is.
func writeSchema(qs cgraph.QuadStore) error {
	return qs.ApplyDeltas([]cgraph.Delta{{Quad: schemaQuad, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true})
}

// storedSchema returns the schema version qs holds: its version quad's, 1
// for a store with quads and no version, 0 for an empty store.
func storedSchema(ctx context.Context, qs cgraph.QuadStore) (int, error) {
	s := &Store{qs: qs}
	qq, err := s.quadsLocked(ctx, quad.Subject, StoreNode, PredSchemaVersion)
	if err != nil {
		return 0, err
	}
	for _, q := range qq {
		if v, ok := q.Object.(quad.Int); ok && q.Label == StoreNode {
			return int(v), nil
		}
	}
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	if it.Next(ctx) {
		return 1, nil
	}
	if err := it.Err(); err != nil && !errors.Is(err, kv.ErrNoBucket) {
		return 0, err
	}
	return 0, ctx.Err()
}

// checkSchema makes sure qs holds the current format: an empty store is
// marked as such; any other version is ErrSchema, naming the command that
// upgrades it.
func checkSchema(ctx context.Context, cfg Config, qs cgraph.QuadStore) error {
	v, err := storedSchema(ctx, qs)
	if err != nil {
		return fmt.Errorf("open %s store: schema: %w", cfg.Backend, err)
	}
	switch {
	case v == SchemaVersion:
		return nil
	case v == 0:
		// Two servers starting at once on an empty database may both
		// write it: the second finds it there.
		if err := writeSchema(qs); err != nil {
			return fmt.Errorf("open %s store: write schema version: %w", cfg.Backend, err)
		}
		return nil
	case v > SchemaVersion:
		return fmt.Errorf("open %s store: %w version %d is newer than this claimgraph's %d: use a newer claimgraph", cfg.Backend, ErrSchema, v, SchemaVersion)
	}
	return fmt.Errorf("open %s store: %w version %d is older than this claimgraph's %d: back the store up, then run `claimgraph upgrade --db %s --db-path PATH`", cfg.Backend, ErrSchema, v, SchemaVersion, cfg.Backend)
}
