package server

import (
	"context"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/extract"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// PutExtraction stores an article with an extraction made elsewhere,
// checked as the extractor's own output would be, and links it.
func (s *Service) PutExtraction(ctx context.Context, req *claimgraphv1.PutExtractionRequest) (*claimgraphv1.PutExtractionResponse, error) {
	const method = "PutExtraction"
	a, err := s.checkArticle("article", req.GetArticle(), true)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	x, err := ExtractionFromProto("extraction", req.GetExtraction())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	if err := CheckExtraction("extraction", x, a); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	if err := s.checkExtraction("extraction", "holds", x); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	x.ArticleID = a.ID
	switch {
	case a.Language != "" && x.Language != "" && a.Language != x.Language:
		return nil, s.toStatus(ctx, method, &FieldError{"extraction.language",
			fmt.Sprintf("is %q but the article's is %q", x.Language, a.Language)})
	case x.Language == "" && a.Language != "":
		x.Language = a.Language
	case x.Language == "":
		x.Language = extract.DetectLanguage(a.Text) // as IngestArticle does
	}
	info, err := s.store.PutArticle(ctx, DocumentFromInput(req.GetArticle(), a, x))
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	s.wrote(1)
	return &claimgraphv1.PutExtractionResponse{Article: ArticleToProto(&info)}, nil
}

// CheckExtraction checks an extraction of article a that a client sent, as
// PutExtraction documents, and returns a *FieldError for the first fault,
// its field path under prefix (e.g. "extraction.statements[3].content_span").
func CheckExtraction(prefix string, x *extract.Extraction, a extract.Article) error {
	c := &extractionChecker{prefix: prefix, textLen: utf8.RuneCountInString(a.Text)}
	switch {
	case x.ArticleID != "" && x.ArticleID != a.ID:
		return c.fault("article_id", fmt.Sprintf("is %q; it must be empty or the article's id %q", x.ArticleID, a.ID))
	case x.Language != "" && !Languages[x.Language]:
		return c.fault("language", fmt.Sprintf("%q is not a supported language (ar, en)", x.Language))
	}
	actors := map[string]bool{}
	for i := range x.Actors {
		ac := &x.Actors[i]
		at := fmt.Sprintf("actors[%d]", i)
		if err := c.id(at, ac.ID, actors); err != nil {
			return err
		}
		if err := c.texts(at, "name", ac.Name); err != nil {
			return err
		}
		for j, al := range ac.Aliases {
			if err := c.texts(at, fmt.Sprintf("aliases[%d]", j), al); err != nil {
				return err
			}
		}
		for j, r := range ac.Roles {
			rt := fmt.Sprintf("%s.roles[%d]", at, j)
			if err := c.texts(rt, "title", r.Title); err != nil {
				return err
			}
			if err := c.date(rt+".start", r.Start); err != nil {
				return err
			}
			if err := c.date(rt+".end", r.End); err != nil {
				return err
			}
		}
		for j, m := range ac.Mentions {
			if err := c.span(fmt.Sprintf("%s.mentions[%d]", at, j), m); err != nil {
				return err
			}
		}
	}
	eventIDs := map[string]bool{} // statements may mention events
	for _, e := range x.Events {
		eventIDs[e.ID] = true
	}
	statements := map[string]bool{}
	for i := range x.Statements {
		st := &x.Statements[i]
		at := fmt.Sprintf("statements[%d]", i)
		if err := c.id(at, st.ID, statements); err != nil {
			return err
		}
		if st.SpeakerID == "" {
			return c.fault(at+".speaker_id", "is required")
		}
		if err := c.refs(at+".speaker_id", actors, st.SpeakerID); err != nil {
			return err
		}
		for _, id := range st.MentionIDs {
			if !actors[id] && !eventIDs[id] {
				return c.fault(at+".mention_ids", fmt.Sprintf("%q is not an actor or event of the extraction", id))
			}
		}
		if err := c.texts(at, "speaker_text", st.SpeakerText, "cue", st.Cue, "content", st.Content); err != nil {
			return err
		}
		if st.Content == "" {
			return c.fault(at+".content", "is required")
		}
		for _, sp := range []struct {
			name string
			s    extract.Span
		}{{"content_span", st.ContentSpan}, {"speaker_span", st.SpeakerSpan}, {"cue_span", st.CueSpan}} {
			if err := c.span(at+"."+sp.name, sp.s); err != nil {
				return err
			}
		}
		if st.Sentence < 0 {
			return c.fault(at+".sentence", fmt.Sprintf("is %d; it must not be negative", st.Sentence))
		}
		if !(st.Confidence >= 0 && st.Confidence <= 1) {
			return c.fault(at+".confidence", fmt.Sprintf("is %v; it must be between 0 and 1", st.Confidence))
		}
		if err := c.date(at+".said_on", st.SaidOn); err != nil {
			return err
		}
	}
	figures := map[string]bool{}
	for i := range x.Figures {
		f := &x.Figures[i]
		at := fmt.Sprintf("figures[%d]", i)
		if err := c.id(at, f.ID, figures); err != nil {
			return err
		}
		if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) {
			return c.fault(at+".value", fmt.Sprintf("is %v; it must be a finite number", f.Value))
		}
		if f.SourceID != "" {
			if err := c.refs(at+".source_id", actors, f.SourceID); err != nil {
				return err
			}
		}
		if f.StatementID != "" && !statements[f.StatementID] {
			return c.fault(at+".statement_id", fmt.Sprintf("%q is not a statement of the extraction", f.StatementID))
		}
		if err := c.texts(at, "unit", f.Unit, "subject", f.Subject, "measure", f.Measure, "measure_key", f.Key, "source_text", f.SourceText, "text", f.Text); err != nil {
			return err
		}
		if err := c.date(at+".as_of", f.AsOf); err != nil {
			return err
		}
		if err := c.date(at+".since", f.Since); err != nil {
			return err
		}
		if err := c.span(at+".span", f.Span); err != nil {
			return err
		}
	}
	events := map[string]bool{}
	for i := range x.Events {
		e := &x.Events[i]
		at := fmt.Sprintf("events[%d]", i)
		if err := c.id(at, e.ID, events); err != nil {
			return err
		}
		if err := c.refs(at+".participant_ids", actors, e.ParticipantIDs...); err != nil {
			return err
		}
		if err := c.refs(at+".place_ids", actors, e.PlaceIDs...); err != nil {
			return err
		}
		if err := c.texts(at, "kind", e.Kind, "trigger", e.Trigger, "date_text", e.DateText); err != nil {
			return err
		}
		if err := c.date(at+".date", e.Date); err != nil {
			return err
		}
		if err := c.span(at+".span", e.Span); err != nil {
			return err
		}
	}
	for i, t := range x.Times {
		at := fmt.Sprintf("times[%d]", i)
		if err := c.texts(at, "text", t.Text); err != nil {
			return err
		}
		if err := c.date(at+".value", t.Value); err != nil {
			return err
		}
		if err := c.span(at+".span", t.Span); err != nil {
			return err
		}
	}
	return nil
}

// extractionChecker builds the faults of CheckExtraction.
type extractionChecker struct {
	prefix  string
	textLen int // code points
}

func (c *extractionChecker) fault(field, reason string) error {
	return &FieldError{c.prefix + "." + field, reason}
}

// id checks the id of element at: required, valid, unique among seen.
func (c *extractionChecker) id(at, id string, seen map[string]bool) error {
	switch {
	case id == "":
		return c.fault(at+".id", "is required")
	case !utf8.ValidString(id):
		return c.fault(at+".id", "is not valid UTF-8")
	case seen[id]:
		return c.fault(at+".id", fmt.Sprintf("%q is not unique", id))
	}
	seen[id] = true
	return nil
}

// refs checks that every id names an actor of the extraction.
func (c *extractionChecker) refs(field string, actors map[string]bool, ids ...string) error {
	for _, id := range ids {
		if !actors[id] {
			return c.fault(field, fmt.Sprintf("%q is not an actor of the extraction", id))
		}
	}
	return nil
}

// texts checks name/value pairs of element at for valid UTF-8.
func (c *extractionChecker) texts(at string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !utf8.ValidString(pairs[i+1]) {
			return c.fault(at+"."+pairs[i], "is not valid UTF-8")
		}
	}
	return nil
}

// span checks that a span lies inside the text; the zero span means none.
func (c *extractionChecker) span(field string, s extract.Span) error {
	if s == (extract.Span{}) {
		return nil
	}
	if s.Start < 0 || s.End < s.Start || s.End > c.textLen {
		return c.fault(field, fmt.Sprintf("[%d, %d) is not inside the text (%d code points)", s.Start, s.End, c.textLen))
	}
	return nil
}

// date checks an optional ISO date that may be partial.
func (c *extractionChecker) date(field, v string) error {
	return checkPartialDate(c.prefix+"."+field, v)
}
