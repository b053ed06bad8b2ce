package graph

import "github.com/claimgraph/claimgraph/extract"

// Hand-built extractions: the extractor is written in parallel, and the
// store must not depend on what it finds today.

var (
	actorTrumpAR = extract.Actor{
		ID: "donald-trump", Name: "دونالد ترامب", Kind: extract.KindPerson,
		Aliases:  []string{"Donald Trump", "ترامب", "الرئيس الأمريكي"},
		Roles:    []extract.Role{{Title: "الرئيس الأمريكي", Start: "2025-01-20"}},
		Mentions: []extract.Span{{Start: 0, End: 15}},
	}
	actorTrumpEN = extract.Actor{
		ID: "donald-trump", Name: "Donald Trump", Kind: extract.KindPerson,
		Aliases: []string{"Trump"},
		Roles:   []extract.Role{{Title: "US president", Start: "2025-01-20"}},
	}
	actorWitkoff = extract.Actor{ID: "steve-witkoff", Name: "ستيف ويتكوف", Kind: extract.KindPerson, Aliases: []string{"Steve Witkoff", "ويتكوف"}}
	actorEgypt   = extract.Actor{ID: "egypt", Name: "مصر", Kind: extract.KindPlace, Aliases: []string{"Egypt"}}
	actorHamasAR = extract.Actor{ID: "hamas", Name: "حماس", Kind: extract.KindOrganization, Aliases: []string{"Hamas", "حركة حماس"}}
	actorHamasEN = extract.Actor{ID: "hamas", Name: "Hamas", Kind: extract.KindOrganization}
	actorIsrael  = extract.Actor{ID: "israel", Name: "Israel", Kind: extract.KindPlace, Aliases: []string{"إسرائيل"}}
)

// docAR is modelled on the seed article.
func docAR() Document {
	text := "وأوضح الرئيس الأمريكي أنه سيناقش الخطة. أشار مسؤول أمريكي إلى أن ويتكوف سافر إلى مصر يوم الثلاثاء. مقتل نحو 12 ألف فلسطيني وفقًا لتقديرات أولية منذ السابع من أكتوبر 2023 حين اندلعت الحرب بين حماس وإسرائيل."
	return Document{
		Meta: ArticleMeta{ID: "ar-1", URL: "https://example.com/ar/1", Title: "ترامب وغزة", Publisher: "وكالة", Language: "ar", Published: "2025-10-07"},
		Text: text,
		Extraction: &extract.Extraction{
			ArticleID: "ar-1", Language: "ar",
			Actors: []extract.Actor{actorTrumpAR, actorWitkoff, actorEgypt, actorHamasAR, actorIsrael,
				{ID: "ar-1#us-official", Name: "مسؤول أمريكي", Kind: extract.KindAnonymous}},
			Statements: []extract.Statement{
				{ID: "s6-40", SpeakerID: "donald-trump", SpeakerText: "الرئيس الأمريكي", SpeakerSpan: extract.Span{Start: 6, End: 21},
					Cue: "أوضح", CueSpan: extract.Span{Start: 1, End: 5}, Content: "أنه سيناقش الخطة", ContentSpan: extract.Span{Start: 22, End: 38},
					Kind: extract.Indirect, Sentence: 0, Confidence: 0.9, MentionIDs: []string{"hamas"}, SaidOn: "2025-10-07"},
				{ID: "s41-99", SpeakerID: "ar-1#us-official", SpeakerText: "مسؤول أمريكي", Cue: "أشار",
					Content: "ويتكوف سافر إلى مصر", ContentSpan: extract.Span{Start: 60, End: 80}, Kind: extract.Indirect,
					Sentence: 1, Confidence: 0.7, MentionIDs: []string{"steve-witkoff", "e-travel"}},
			},
			Figures: []extract.Figure{{ID: "f101-113", Value: 12000, Approximate: true, Qualifier: extract.About, Unit: "person",
				Subject: "فلسطيني", Measure: "killed", SourceText: "تقديرات أولية", AsOf: "2025-10-07",
				Span: extract.Span{Start: 101, End: 113}, Text: "نحو 12 ألف"}},
			Events: []extract.Event{
				{ID: "e-travel", Kind: "travel", Trigger: "سافر", Span: extract.Span{Start: 67, End: 71}, Date: "2025-10-07", DateText: "يوم الثلاثاء",
					ParticipantIDs: []string{"steve-witkoff"}, PlaceIDs: []string{"egypt"}},
				{ID: "e-war", Kind: "war", Trigger: "اندلعت", Span: extract.Span{Start: 160, End: 166}, Date: "2023-10-07", DateText: "السابع من أكتوبر 2023",
					ParticipantIDs: []string{"hamas", "israel"}},
			},
		},
	}
}

// docEN shares Trump and Hamas with docAR.
func docEN() Document {
	return Document{
		Meta: ArticleMeta{ID: "en-1", URL: "https://example.com/en/1", Title: "Trump on Gaza", Publisher: "Wire", Language: "en", Published: "2025-10-08"},
		Text: "Donald Trump said the plan would hold. Hamas said in October 2023 that war began.",
		Extraction: &extract.Extraction{
			ArticleID: "en-1", Language: "en",
			Actors: []extract.Actor{actorTrumpEN, actorHamasEN},
			Statements: []extract.Statement{
				{ID: "s13-37", SpeakerID: "donald-trump", SpeakerText: "Donald Trump", SpeakerSpan: extract.Span{Start: 0, End: 12},
					Cue: "said", Content: "the plan would hold", ContentSpan: extract.Span{Start: 18, End: 37}, Kind: extract.Indirect, Confidence: 0.95},
				{ID: "s45-80", SpeakerID: "hamas", Cue: "said", Content: "that war began", Kind: extract.Direct, Sentence: 1, Confidence: 0.8,
					MentionIDs: []string{"e-war"}},
			},
			Figures: []extract.Figure{{ID: "f1", Value: 3, Qualifier: extract.Exact, Measure: "killed", SourceID: "hamas", StatementID: "s45-80"}},
			Events:  []extract.Event{{ID: "e-war", Kind: "war", Trigger: "war", Date: "2023-10", DateText: "October 2023", ParticipantIDs: []string{"hamas"}}},
		},
	}
}

// plainDoc is a small article with one statement by speaker.
func plainDoc(id, lang, speaker string) Document {
	return Document{
		Meta: ArticleMeta{ID: id, Language: lang, Title: "t " + id},
		Text: "text of " + id,
		Extraction: &extract.Extraction{
			Actors:     []extract.Actor{{ID: speaker, Name: speaker, Kind: extract.KindPerson}},
			Statements: []extract.Statement{{ID: "s1", SpeakerID: speaker, Content: "c " + id, Kind: extract.Indirect}},
			Events:     []extract.Event{{ID: "e1", Kind: "meeting", Date: "2024-0" + string(rune('1'+len(id)%9)), ParticipantIDs: []string{speaker}}},
		},
	}
}
