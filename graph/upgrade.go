package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/extract"
)

// The version 1 vocabulary that Upgrade removes.
const (
	v1PredLinkInput    = quad.IRI(nsCG + "linkInput")
	v1PredScopeArticle = quad.IRI(nsCG + "scopeArticle")
	v1ClassScope       = quad.IRI(nsCG + "Scope")
	v1PrefixScope      = Base + "scope/"
)

// v1LinkInput is what version 1 kept, as JSON in cg:linkInput, of an
// article's extraction: what linking reads, which is what Upgrade needs
// to key its figures and link it again.
type v1LinkInput struct {
	Actors []struct {
		ID       string            `json:"id"`
		Kind     extract.ActorKind `json:"kind,omitempty"`
		Mentions []extract.Span    `json:"mentions,omitempty"`
	} `json:"actors,omitempty"`
	Statements []struct {
		ID       string       `json:"id"`
		Speaker  string       `json:"speaker,omitempty"`
		Content  string       `json:"content,omitempty"`
		Span     extract.Span `json:"span"`
		Mentions []string     `json:"mentions,omitempty"`
	} `json:"statements,omitempty"`
	Figures []struct {
		ID          string            `json:"id"`
		Value       float64           `json:"value"`
		Qualifier   extract.Qualifier `json:"qualifier,omitempty"`
		Approximate bool              `json:"approximate,omitempty"`
		Measure     string            `json:"measure,omitempty"`
		Subject     string            `json:"subject,omitempty"`
		Text        string            `json:"text,omitempty"`
		Span        extract.Span      `json:"span"`
		AsOf        string            `json:"asOf,omitempty"`
		Statement   string            `json:"statement,omitempty"`
	} `json:"figures,omitempty"`
	Times []struct {
		Value string       `json:"value"`
		Span  extract.Span `json:"span"`
	} `json:"times,omitempty"`
	Events []struct {
		ID           string   `json:"id"`
		Kind         string   `json:"kind,omitempty"`
		Date         string   `json:"date,omitempty"`
		Participants []string `json:"participants,omitempty"`
		Places       []string `json:"places,omitempty"`
	} `json:"events,omitempty"`
}

func (in *v1LinkInput) extraction() *extract.Extraction {
	x := &extract.Extraction{}
	for _, a := range in.Actors {
		x.Actors = append(x.Actors, extract.Actor{ID: a.ID, Kind: a.Kind, Mentions: a.Mentions})
	}
	for _, s := range in.Statements {
		x.Statements = append(x.Statements, extract.Statement{ID: s.ID, SpeakerID: s.Speaker, Content: s.Content, ContentSpan: s.Span, MentionIDs: s.Mentions})
	}
	for _, f := range in.Figures {
		x.Figures = append(x.Figures, extract.Figure{ID: f.ID, Value: f.Value, Qualifier: f.Qualifier, Approximate: f.Approximate,
			Measure: f.Measure, Subject: f.Subject, Text: f.Text, Span: f.Span, AsOf: f.AsOf, StatementID: f.Statement})
	}
	for _, t := range in.Times {
		x.Times = append(x.Times, extract.TimeMention{Value: t.Value, Span: t.Span})
	}
	for _, e := range in.Events {
		x.Events = append(x.Events, extract.Event{ID: e.ID, Kind: e.Kind, Date: e.Date, ParticipantIDs: e.Participants, PlaceIDs: e.Places})
	}
	return x
}

// upgradeBatch is how many articles one transaction of Upgrade rewrites.
const upgradeBatch = 64

// Upgrade turns the store cfg describes into the current schema
// (SchemaVersion), calling progress (if not nil) after each batch with
// the articles done and their total. A store already current is left
// alone. From version 1 it removes the scope quad lists and everything
// they name, rewrites each article without its linking bookkeeping (the
// cg:linkInput and scope index quads), with its figures keyed
// (extract.KeyFigures, reading what cg:linkInput kept) and its quad list
// in the current form, links it as a write would, and last marks the
// store as current. Articles are rewritten a batch per transaction; an
// interrupted upgrade can be run again and finishes the rest. The store
// must not be open elsewhere.
func Upgrade(ctx context.Context, cfg Config, progress func(done, total int)) error {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	if cfg.Backend == BackendPostgres {
		_, done, err := preparePostgres(ctx, cfg.Path)
		if err != nil {
			return fmt.Errorf("upgrade: %w", err)
		}
		defer done(false)
	}
	qs, err := openQuadStore(ctx, cfg)
	if err != nil {
		return err
	}
	s := &Store{cfg: cfg, qs: qs, wqs: qs}
	defer s.Close()
	return s.upgrade(ctx, progress)
}

// upgrade is Upgrade on an open store that nothing else uses.
func (s *Store) upgrade(ctx context.Context, progress func(done, total int)) error {
	qs, cfg := s.qs, s.cfg
	v, err := storedSchema(ctx, qs)
	if err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	switch {
	case v == SchemaVersion:
		return nil
	case v > SchemaVersion:
		return fmt.Errorf("upgrade: %w version %d is newer than this claimgraph's %d", ErrSchema, v, SchemaVersion)
	case v == 0:
		return checkSchema(ctx, cfg, qs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.dropV1ScopesLocked(ctx); err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	arts, err := s.subjectsLocked(ctx, ClassArticle, PredType)
	if err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	ids := make([]string, 0, len(arts))
	for n := range arts {
		if id, ok := parseArticleIRI(n); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for i := 0; i < len(ids); i += upgradeBatch {
		t := newTx(ctx, s)
		for _, id := range ids[i:min(i+upgradeBatch, len(ids))] {
			if err := t.upgradeArticle(id); err != nil {
				return fmt.Errorf("upgrade article %q: %w", id, err)
			}
		}
		if t.err != nil {
			return fmt.Errorf("upgrade: %w", t.err)
		}
		if err := s.applyLocked(ctx, t.deltas()); err != nil {
			return fmt.Errorf("upgrade: %w", err)
		}
		if progress != nil {
			progress(min(i+upgradeBatch, len(ids)), len(ids))
		}
	}
	if err := writeSchema(s.writer()); err != nil {
		return fmt.Errorf("upgrade: mark the schema version: %w", err)
	}
	return nil
}

// dropV1ScopesLocked removes every scope's quad list under LinksLabel and
// the quads it names: all that version 1 kept under that label.
func (s *Store) dropV1ScopesLocked(ctx context.Context) error {
	scopes, err := s.subjectsLocked(ctx, v1ClassScope, PredType)
	if err != nil {
		return err
	}
	t := newTx(ctx, s)
	for n := range scopes {
		qs, err := s.listedQuadsLocked(ctx, n, LinksLabel)
		if err != nil {
			return err
		}
		for _, q := range qs {
			t.remove(q)
		}
	}
	return s.applyLocked(ctx, t.deltas())
}

// upgradeArticle rewrites one version 1 article in the current form and
// links it; an article already current is left alone.
func (t *tx) upgradeArticle(id string) error {
	art := ArticleIRI(id)
	old, err := t.s.articleQuadsLocked(t.ctx, art)
	if err != nil {
		return err
	}
	var input, published, text string
	v1 := false
	for _, q := range old {
		switch q.Predicate {
		case v1PredLinkInput:
			input, v1 = literalText(q.Object), true
		case v1PredScopeArticle:
			v1 = true
		case PredDatePublished:
			published = literalText(q.Object)
		case PredArticleBody:
			text = literalText(q.Object)
		}
	}
	if !v1 {
		return nil
	}
	doc := Document{Meta: ArticleMeta{ID: id, Published: published}, Text: text, Extraction: &extract.Extraction{}}
	if input != "" {
		var in v1LinkInput
		if err := json.Unmarshal([]byte(input), &in); err != nil {
			return fmt.Errorf("link input: %w", err)
		}
		doc.Extraction = in.extraction()
	}
	var day time.Time
	if d, err := time.Parse("2006-01-02", published); err == nil {
		day = d
	}
	extract.KeyFigures(text, day, doc.Extraction)
	b := &quadBuilder{label: art, seen: map[quad.Quad]struct{}{}}
	for _, q := range old {
		switch {
		case q.Predicate == v1PredLinkInput, q.Predicate == v1PredScopeArticle, q.Predicate == PredQuadList, q.Predicate == PredQuadCount:
		case q.Object == v1ClassScope, strings.HasPrefix(quad.ToString(q.Subject), "<"+v1PrefixScope):
		default:
			b.add(q.Subject, q.Predicate.(quad.IRI), q.Object)
		}
	}
	for _, f := range doc.Extraction.Figures {
		n := FigureIRI(id, f.ID)
		if f.Key != "" {
			b.add(n, PredInMeasure, measureIRI(f.Key))
		}
		b.str(n, PredSince, f.Since)
	}
	if b.err != nil {
		return b.err
	}
	count := int64(len(b.quads) + 2)
	b.add(art, PredQuadCount, quad.Int(count))
	quads, err := withQuadList(art, b.quads)
	if err != nil {
		return err
	}
	for _, q := range old {
		t.remove(q)
	}
	for _, q := range quads {
		t.add(q)
	}
	return t.linkArticle(&doc)
}

// importBatch is how many quads one transaction of Import writes.
const importBatch = 10000

// Import loads N-Quads, as ExportQuads writes them (typed literals read
// back as the values they spell), into the store cfg describes, which must
// be empty, and returns how many quads it wrote. It moves a store between
// backends: export from one, import into the other. The quads are written
// as they are, the schema version's among them; a version 1 export then
// needs Upgrade. It writes in transactions of importBatch quads; on an
// error the store holds a part and should be removed. The store must not
// be open elsewhere.
func Import(ctx context.Context, cfg Config, r io.Reader) (int64, error) {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	if cfg.Backend == BackendPostgres {
		_, done, err := preparePostgres(ctx, cfg.Path)
		if err != nil {
			return 0, fmt.Errorf("import: %w", err)
		}
		defer done(false)
	}
	qs, err := openQuadStore(ctx, cfg)
	if err != nil {
		return 0, err
	}
	defer qs.Close()
	if v, err := storedSchema(ctx, qs); err != nil || v != 0 {
		if err == nil {
			err = fmt.Errorf("the store is not empty")
		}
		return 0, fmt.Errorf("import: %w", err)
	}
	nr := nquads.NewReader(r, false)
	var n int64
	batch := make([]cgraph.Delta, 0, importBatch)
	seen := map[quad.Quad]bool{}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := qs.ApplyDeltas(batch, cgraph.IgnoreOpts{}); err != nil {
			return err
		}
		n += int64(len(batch))
		batch, seen = batch[:0], map[quad.Quad]bool{}
		return ctx.Err()
	}
	for {
		q, err := nr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("import: quad %d: %w", n+int64(len(batch))+1, err)
		}
		if seen[q] {
			continue // a line repeated within a batch is written once; across batches it is an error
		}
		seen[q] = true
		batch = append(batch, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if len(batch) == importBatch {
			if err := flush(); err != nil {
				return n, fmt.Errorf("import: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return n, fmt.Errorf("import: %w", err)
	}
	return n, nil
}
