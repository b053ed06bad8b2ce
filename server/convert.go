package server

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// ExtractionToProto converts an extraction to its API form. It is the one
// place where extract's types become protobuf messages.
func ExtractionToProto(x *extract.Extraction) *claimgraphv1.Extraction {
	out := &claimgraphv1.Extraction{ArticleId: x.ArticleID, Language: x.Language}
	for i := range x.Actors {
		out.Actors = append(out.Actors, ActorToProto(&x.Actors[i]))
	}
	for i := range x.Statements {
		out.Statements = append(out.Statements, StatementToProto(x.ArticleID, &x.Statements[i]))
	}
	for i := range x.Figures {
		out.Figures = append(out.Figures, FigureToProto(x.ArticleID, &x.Figures[i]))
	}
	for i := range x.Events {
		out.Events = append(out.Events, EventToProto(x.ArticleID, &x.Events[i]))
	}
	for _, t := range x.Times {
		out.Times = append(out.Times, &claimgraphv1.TimeMention{
			Text: t.Text, Value: t.Value, Grain: grainToProto(t.Grain), Span: spanToProto(t.Span),
		})
	}
	return out
}

// ArticleToProto converts a stored article.
func ArticleToProto(a *graph.ArticleInfo) *claimgraphv1.Article {
	p := &claimgraphv1.Article{
		Id: a.ID, Url: a.URL, Title: a.Title, Publisher: a.Publisher,
		Language: a.Language, Published: a.Published, ContentHash: a.ContentHash,
		StatementCount: int32(a.StatementCount), FigureCount: int32(a.FigureCount),
		EventCount: int32(a.EventCount), ActorCount: int32(a.ActorCount), QuadCount: a.QuadCount,
	}
	if !a.IngestTime.IsZero() {
		p.IngestTime = timestamppb.New(a.IngestTime)
	}
	return p
}

// DocumentFromInput converts a checked article and its extraction for the
// store. The language is the extractor's, so a detected language is stored.
func DocumentFromInput(in *claimgraphv1.ArticleInput, a extract.Article, x *extract.Extraction) graph.Document {
	return graph.Document{
		Meta: graph.ArticleMeta{
			ID: a.ID, URL: in.GetUrl(), Title: in.GetTitle(), Publisher: in.GetPublisher(),
			Language: x.Language, Published: in.GetPublished(),
		},
		Text:       a.Text,
		Extraction: x,
	}
}

// ActorKindFromProto converts an actor kind filter; unspecified is
// extract.KindUnknown, which matches every kind. ok is false for a value the
// API does not define.
func ActorKindFromProto(k claimgraphv1.ActorKind) (kind extract.ActorKind, ok bool) {
	return actorKinds.fromProto(k)
}

// ActorToProto converts an actor.
func ActorToProto(a *extract.Actor) *claimgraphv1.Actor {
	p := &claimgraphv1.Actor{
		Id: a.ID, Name: a.Name, Aliases: a.Aliases, Kind: actorKindToProto(a.Kind),
	}
	for _, r := range a.Roles {
		p.Roles = append(p.Roles, &claimgraphv1.Role{Title: r.Title, Start: r.Start, End: r.End})
	}
	for _, m := range a.Mentions {
		p.Mentions = append(p.Mentions, spanToProto(m))
	}
	return p
}

// StatementToProto converts a statement of the given article.
func StatementToProto(articleID string, s *extract.Statement) *claimgraphv1.Statement {
	kind := claimgraphv1.StatementKind_STATEMENT_KIND_INDIRECT
	if s.Kind == extract.Direct {
		kind = claimgraphv1.StatementKind_STATEMENT_KIND_DIRECT
	}
	return &claimgraphv1.Statement{
		Id: s.ID, ArticleId: articleID, SpeakerId: s.SpeakerID, SpeakerText: s.SpeakerText,
		Cue: s.Cue, Content: s.Content, Kind: kind,
		ContentSpan: spanToProto(s.ContentSpan), SpeakerSpan: spanToProto(s.SpeakerSpan),
		CueSpan: spanToProto(s.CueSpan), Sentence: int32(s.Sentence), Confidence: s.Confidence,
		MentionIds: s.MentionIDs, SaidOn: s.SaidOn,
	}
}

// FigureToProto converts a figure of the given article.
func FigureToProto(articleID string, f *extract.Figure) *claimgraphv1.Figure {
	return &claimgraphv1.Figure{
		Id: f.ID, ArticleId: articleID, Value: proto.Float64(f.Value), Approximate: f.Approximate,
		Qualifier: qualifierToProto(f.Qualifier), Unit: f.Unit, Subject: f.Subject,
		Measure: f.Measure, SourceId: f.SourceID, SourceText: f.SourceText,
		StatementId: f.StatementID, AsOf: f.AsOf, Span: spanToProto(f.Span), Text: f.Text,
		MeasureKey: f.Key, Since: f.Since,
	}
}

// EventToProto converts an event of the given article.
func EventToProto(articleID string, e *extract.Event) *claimgraphv1.Event {
	return &claimgraphv1.Event{
		Id: e.ID, ArticleId: articleID, Kind: e.Kind, Trigger: e.Trigger, Date: e.Date,
		DateText: e.DateText, ParticipantIds: e.ParticipantIDs, PlaceIds: e.PlaceIDs,
		Span: spanToProto(e.Span),
	}
}

func spanToProto(s extract.Span) *claimgraphv1.Span {
	if s == (extract.Span{}) {
		return nil
	}
	return &claimgraphv1.Span{Start: int32(s.Start), End: int32(s.End)}
}

func actorKindToProto(k extract.ActorKind) claimgraphv1.ActorKind { return actorKinds.toProto(k) }

func qualifierToProto(q extract.Qualifier) claimgraphv1.FigureQualifier {
	return qualifiers.toProto(q)
}

func grainToProto(g extract.Grain) claimgraphv1.TimeGrain { return grains.toProto(g) }

// FieldError says which request field is wrong and why.
type FieldError struct {
	Field  string // the field's path, for example "article.published"
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Languages are the language codes the extractor reads.
var Languages = map[string]bool{"ar": true, "en": true}

// ArticleFromInput checks an article sent by a client and converts it for
// the extractor. prefix names the message in field paths ("article"). It
// returns a *FieldError for the first field at fault; requireID says
// whether an empty id is one.
func ArticleFromInput(prefix string, in *claimgraphv1.ArticleInput, requireID bool) (extract.Article, error) {
	if in == nil {
		return extract.Article{}, &FieldError{prefix, "is required"}
	}
	a := extract.Article{ID: in.GetId(), Text: in.GetText(), Language: in.GetLanguage()}
	switch {
	case requireID && a.ID == "":
		return a, &FieldError{prefix + ".id", "is required"}
	case !utf8.ValidString(a.ID):
		return a, &FieldError{prefix + ".id", "is not valid UTF-8"}
	case !utf8.ValidString(a.Text):
		return a, &FieldError{prefix + ".text", "is not valid UTF-8"}
	case strings.TrimSpace(a.Text) == "":
		return a, &FieldError{prefix + ".text", "is empty"}
	case a.Language != "" && !Languages[a.Language]:
		return a, &FieldError{prefix + ".language", fmt.Sprintf("%q is not a supported language (ar, en)", a.Language)}
	}
	if p := in.GetPublished(); p != "" {
		t, err := time.Parse(time.DateOnly, p)
		if err != nil {
			return a, &FieldError{prefix + ".published", fmt.Sprintf("%q is not a date (YYYY-MM-DD)", p)}
		}
		a.Published = t
	}
	for _, f := range []struct{ name, v string }{{"url", in.GetUrl()}, {"title", in.GetTitle()}, {"publisher", in.GetPublisher()}} {
		if !utf8.ValidString(f.v) {
			return a, &FieldError{prefix + "." + f.name, "is not valid UTF-8"}
		}
	}
	return a, nil
}

// LinkKindFromProto converts a link kind filter; unspecified is 0, which
// matches every kind. ok is false for a value the API does not define.
func LinkKindFromProto(k claimgraphv1.LinkKind) (kind graph.LinkKind, ok bool) {
	return linkKinds.fromProto(k)
}

func linkKindToProto(k graph.LinkKind) claimgraphv1.LinkKind { return linkKinds.toProto(k) }

// LinkToProto converts a link. text, which may be nil, gives the text of
// an end by article id and local id; ends it does not know get none.
func LinkToProto(l *graph.Link, text func(articleID, id string) string) *claimgraphv1.Link {
	figure := l.Kind == graph.FigureAgrees || l.Kind == graph.FigureConflicts || l.Kind == graph.FigureUpdates
	end := func(r graph.NodeRef) *claimgraphv1.LinkEnd {
		e := &claimgraphv1.LinkEnd{ArticleId: r.ArticleID, Id: r.LocalID, Date: r.Date}
		if figure {
			e.Value = proto.Float64(r.Value)
		}
		if text != nil {
			e.Text = text(r.ArticleID, r.LocalID)
		}
		return e
	}
	return &claimgraphv1.Link{Kind: linkKindToProto(l.Kind), From: end(l.From), To: end(l.To), Key: l.Key, Score: l.Score}
}

// ClaimToProto converts a stored claim.
func ClaimToProto(c *graph.ClaimInfo) *claimgraphv1.Claim {
	p := &claimgraphv1.Claim{
		Id: c.Key, SpeakerId: c.SpeakerID, FirstReported: c.FirstReported,
		LastReported: c.LastReported, ArticleIds: c.ArticleIDs,
	}
	for i := range c.Statements {
		p.Statements = append(p.Statements, StatementToProto(c.Statements[i].ArticleID, &c.Statements[i].Statement))
	}
	return p
}

// ConflictToProto converts a conflict; the link's ends carry the figures'
// text.
func ConflictToProto(c *graph.Conflict) *claimgraphv1.Conflict {
	text := func(articleID, id string) string {
		for _, f := range []*graph.StoredFigure{&c.From, &c.To} {
			if f.ArticleID == articleID && f.ID == id {
				return f.Text
			}
		}
		return ""
	}
	return &claimgraphv1.Conflict{
		Link:        LinkToProto(&c.Link, text),
		FromFigure:  FigureToProto(c.From.ArticleID, &c.From.Figure),
		ToFigure:    FigureToProto(c.To.ArticleID, &c.To.Figure),
		FromArticle: ArticleToProto(&c.FromArticle),
		ToArticle:   ArticleToProto(&c.ToArticle),
	}
}

// SubgraphToProto converts a neighborhood. An edge whose object is not one
// of the nodes is a literal attribute.
func SubgraphToProto(g *graph.Subgraph) *claimgraphv1.NeighborhoodResponse {
	p := &claimgraphv1.NeighborhoodResponse{Truncated: g.Truncated}
	nodes := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		nodes[n.ID] = true
		p.Nodes = append(p.Nodes, &claimgraphv1.GraphNode{Id: n.ID, Label: n.Label, Type: n.Type})
	}
	for _, e := range g.Edges {
		obj := e.Object
		if !nodes[obj] {
			obj = literalText(obj)
		}
		p.Edges = append(p.Edges, &claimgraphv1.GraphEdge{
			Subject: e.Subject, Predicate: e.Predicate, Object: obj, Literal: !nodes[e.Object],
		})
	}
	return p
}

// literalText writes a literal as people write it. The store gives floats
// in exponent form and booleans capitalised ("6.7E+04", "True"), as
// Cayley's typed strings do; they become "67000" and "true".
func literalText(s string) string {
	switch s {
	case "True":
		return "true"
	case "False":
		return "false"
	}
	if (strings.Contains(s, "E+") || strings.Contains(s, "E-")) && strings.IndexFunc(s, func(r rune) bool {
		return !strings.ContainsRune("0123456789.E+-", r)
	}) < 0 {
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && math.Abs(f) < 1e15 {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return s
}

// PathToProto converts a path; its edges all join nodes.
func PathToProto(p *graph.Path) *claimgraphv1.GraphPath {
	out := &claimgraphv1.GraphPath{}
	for _, e := range p.Edges {
		out.Edges = append(out.Edges, &claimgraphv1.GraphEdge{Subject: e.Subject, Predicate: e.Predicate, Object: e.Object})
	}
	return out
}

// ChangeToProto converts a change a write made; ok is false for a change
// the API does not know (a newer store's), which a watch skips.
func ChangeToProto(c *graph.Change) (resp *claimgraphv1.WatchClaimsResponse, ok bool) {
	resp = &claimgraphv1.WatchClaimsResponse{ArticleId: c.ArticleID}
	switch {
	case c.Kind == graph.StatementAdded && c.Statement != nil:
		resp.Change = &claimgraphv1.WatchClaimsResponse_Statement{Statement: StatementToProto(c.Statement.ArticleID, &c.Statement.Statement)}
	case c.Kind == graph.ClaimUpdated && c.Claim != nil:
		resp.Change = &claimgraphv1.WatchClaimsResponse_Claim{Claim: ClaimToProto(c.Claim)}
	case c.Kind == graph.LinkAdded && c.Link != nil:
		resp.Change = &claimgraphv1.WatchClaimsResponse_Link{Link: LinkToProto(c.Link, nil)}
	default:
		return nil, false
	}
	return resp, true
}

// ExtractionFromProto converts an extraction a client sent, for the store.
// prefix names the message in field paths ("extraction"). It returns a
// *FieldError for a value that has no domain form: an enum value the API
// does not define, a figure without a value. Everything else is checked by
// CheckExtraction.
func ExtractionFromProto(prefix string, p *claimgraphv1.Extraction) (*extract.Extraction, error) {
	if p == nil {
		return nil, &FieldError{prefix, "is required"}
	}
	x := &extract.Extraction{ArticleID: p.GetArticleId(), Language: p.GetLanguage()}
	for i, a := range p.GetActors() {
		kind, ok := ActorKindFromProto(a.GetKind())
		if !ok {
			return nil, &FieldError{fmt.Sprintf("%s.actors[%d].kind", prefix, i), fmt.Sprintf("%d is not an actor kind", a.GetKind())}
		}
		ac := extract.Actor{ID: a.GetId(), Name: a.GetName(), Kind: kind, Aliases: a.GetAliases()}
		for _, r := range a.GetRoles() {
			ac.Roles = append(ac.Roles, extract.Role{Title: r.GetTitle(), Start: r.GetStart(), End: r.GetEnd()})
		}
		for _, m := range a.GetMentions() {
			ac.Mentions = append(ac.Mentions, spanFromProto(m))
		}
		x.Actors = append(x.Actors, ac)
	}
	for i, s := range p.GetStatements() {
		var kind extract.StatementKind
		switch s.GetKind() {
		case claimgraphv1.StatementKind_STATEMENT_KIND_DIRECT:
			kind = extract.Direct
		case claimgraphv1.StatementKind_STATEMENT_KIND_INDIRECT, claimgraphv1.StatementKind_STATEMENT_KIND_UNSPECIFIED:
			kind = extract.Indirect
		default:
			return nil, &FieldError{fmt.Sprintf("%s.statements[%d].kind", prefix, i), fmt.Sprintf("%d is not a statement kind", s.GetKind())}
		}
		x.Statements = append(x.Statements, extract.Statement{
			ID: s.GetId(), SpeakerID: s.GetSpeakerId(), SpeakerText: s.GetSpeakerText(),
			SpeakerSpan: spanFromProto(s.GetSpeakerSpan()), Cue: s.GetCue(), CueSpan: spanFromProto(s.GetCueSpan()),
			Content: s.GetContent(), ContentSpan: spanFromProto(s.GetContentSpan()), Kind: kind,
			Sentence: int(s.GetSentence()), Confidence: s.GetConfidence(), MentionIDs: s.GetMentionIds(), SaidOn: s.GetSaidOn(),
		})
	}
	for i, f := range p.GetFigures() {
		q, ok := qualifierFromProto(f.GetQualifier())
		if !ok {
			return nil, &FieldError{fmt.Sprintf("%s.figures[%d].qualifier", prefix, i), fmt.Sprintf("%d is not a figure qualifier", f.GetQualifier())}
		}
		if f.Value == nil {
			return nil, &FieldError{fmt.Sprintf("%s.figures[%d].value", prefix, i), "is required"}
		}
		x.Figures = append(x.Figures, extract.Figure{
			ID: f.GetId(), Value: f.GetValue(), Approximate: f.GetApproximate(), Qualifier: q,
			Unit: f.GetUnit(), Subject: f.GetSubject(), Measure: f.GetMeasure(), SourceID: f.GetSourceId(),
			SourceText: f.GetSourceText(), StatementID: f.GetStatementId(), AsOf: f.GetAsOf(),
			Span: spanFromProto(f.GetSpan()), Text: f.GetText(), Key: f.GetMeasureKey(), Since: f.GetSince(),
		})
	}
	for _, e := range p.GetEvents() {
		x.Events = append(x.Events, extract.Event{
			ID: e.GetId(), Kind: e.GetKind(), Trigger: e.GetTrigger(), Span: spanFromProto(e.GetSpan()),
			Date: e.GetDate(), DateText: e.GetDateText(), ParticipantIDs: e.GetParticipantIds(), PlaceIDs: e.GetPlaceIds(),
		})
	}
	for i, t := range p.GetTimes() {
		g, ok := grains.fromProto(t.GetGrain())
		if !ok {
			return nil, &FieldError{fmt.Sprintf("%s.times[%d].grain", prefix, i), fmt.Sprintf("%d is not a time grain", t.GetGrain())}
		}
		x.Times = append(x.Times, extract.TimeMention{Text: t.GetText(), Value: t.GetValue(), Grain: g, Span: spanFromProto(t.GetSpan())})
	}
	return x, nil
}

func spanFromProto(s *claimgraphv1.Span) extract.Span {
	return extract.Span{Start: int(s.GetStart()), End: int(s.GetEnd())}
}

// qualifierFromProto converts a qualifier; unspecified is no qualifier.
func qualifierFromProto(q claimgraphv1.FigureQualifier) (extract.Qualifier, bool) {
	return qualifiers.fromProto(q)
}

// enumPairs pairs the values of a domain enum with those of its protobuf
// enum. The zero values (unknown, unspecified) pair with each other without
// being listed.
type enumPairs[D, P comparable] []struct {
	d D
	p P
}

// toProto returns the protobuf value paired with d, or unspecified.
func (m enumPairs[D, P]) toProto(d D) P {
	for _, e := range m {
		if e.d == d {
			return e.p
		}
	}
	var unspecified P
	return unspecified
}

// fromProto returns the domain value paired with p; ok is false for a value
// with no pair.
func (m enumPairs[D, P]) fromProto(p P) (d D, ok bool) {
	var unspecified P
	if p == unspecified {
		return d, true
	}
	for _, e := range m {
		if e.p == p {
			return e.d, true
		}
	}
	return d, false
}

var actorKinds = enumPairs[extract.ActorKind, claimgraphv1.ActorKind]{
	{extract.KindPerson, claimgraphv1.ActorKind_ACTOR_KIND_PERSON},
	{extract.KindOrganization, claimgraphv1.ActorKind_ACTOR_KIND_ORGANIZATION},
	{extract.KindPlace, claimgraphv1.ActorKind_ACTOR_KIND_PLACE},
	{extract.KindGroup, claimgraphv1.ActorKind_ACTOR_KIND_GROUP},
	{extract.KindAnonymous, claimgraphv1.ActorKind_ACTOR_KIND_ANONYMOUS},
}

var qualifiers = enumPairs[extract.Qualifier, claimgraphv1.FigureQualifier]{
	{extract.Exact, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_EXACT},
	{extract.About, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_ABOUT},
	{extract.MoreThan, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_MORE_THAN},
	{extract.AtLeast, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_AT_LEAST},
	{extract.LessThan, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_LESS_THAN},
	{extract.UpTo, claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_UP_TO},
}

var grains = enumPairs[extract.Grain, claimgraphv1.TimeGrain]{
	{extract.Day, claimgraphv1.TimeGrain_TIME_GRAIN_DAY},
	{extract.Month, claimgraphv1.TimeGrain_TIME_GRAIN_MONTH},
	{extract.Year, claimgraphv1.TimeGrain_TIME_GRAIN_YEAR},
}

var linkKinds = enumPairs[graph.LinkKind, claimgraphv1.LinkKind]{
	{graph.SameClaim, claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM},
	{graph.FigureAgrees, claimgraphv1.LinkKind_LINK_KIND_FIGURE_AGREES},
	{graph.FigureConflicts, claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS},
	{graph.FigureUpdates, claimgraphv1.LinkKind_LINK_KIND_FIGURE_UPDATES},
	{graph.SameEvent, claimgraphv1.LinkKind_LINK_KIND_SAME_EVENT},
}
