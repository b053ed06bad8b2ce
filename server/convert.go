package server

import (
	"fmt"
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
// extract.KindUnknown, which matches every kind.
func ActorKindFromProto(k claimgraphv1.ActorKind) (extract.ActorKind, bool) {
	switch k {
	case claimgraphv1.ActorKind_ACTOR_KIND_UNSPECIFIED:
		return extract.KindUnknown, true
	case claimgraphv1.ActorKind_ACTOR_KIND_PERSON:
		return extract.KindPerson, true
	case claimgraphv1.ActorKind_ACTOR_KIND_ORGANIZATION:
		return extract.KindOrganization, true
	case claimgraphv1.ActorKind_ACTOR_KIND_PLACE:
		return extract.KindPlace, true
	case claimgraphv1.ActorKind_ACTOR_KIND_GROUP:
		return extract.KindGroup, true
	case claimgraphv1.ActorKind_ACTOR_KIND_ANONYMOUS:
		return extract.KindAnonymous, true
	}
	return extract.KindUnknown, false
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

func actorKindToProto(k extract.ActorKind) claimgraphv1.ActorKind {
	switch k {
	case extract.KindPerson:
		return claimgraphv1.ActorKind_ACTOR_KIND_PERSON
	case extract.KindOrganization:
		return claimgraphv1.ActorKind_ACTOR_KIND_ORGANIZATION
	case extract.KindPlace:
		return claimgraphv1.ActorKind_ACTOR_KIND_PLACE
	case extract.KindGroup:
		return claimgraphv1.ActorKind_ACTOR_KIND_GROUP
	case extract.KindAnonymous:
		return claimgraphv1.ActorKind_ACTOR_KIND_ANONYMOUS
	}
	return claimgraphv1.ActorKind_ACTOR_KIND_UNSPECIFIED
}

func qualifierToProto(q extract.Qualifier) claimgraphv1.FigureQualifier {
	switch q {
	case extract.Exact:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_EXACT
	case extract.About:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_ABOUT
	case extract.MoreThan:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_MORE_THAN
	case extract.AtLeast:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_AT_LEAST
	case extract.LessThan:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_LESS_THAN
	case extract.UpTo:
		return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_UP_TO
	}
	return claimgraphv1.FigureQualifier_FIGURE_QUALIFIER_UNSPECIFIED
}

func grainToProto(g extract.Grain) claimgraphv1.TimeGrain {
	switch g {
	case extract.Day:
		return claimgraphv1.TimeGrain_TIME_GRAIN_DAY
	case extract.Month:
		return claimgraphv1.TimeGrain_TIME_GRAIN_MONTH
	case extract.Year:
		return claimgraphv1.TimeGrain_TIME_GRAIN_YEAR
	}
	return claimgraphv1.TimeGrain_TIME_GRAIN_UNSPECIFIED
}

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
