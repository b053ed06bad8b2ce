package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Arabic attribution. News Arabic puts the verb first: «وأوضح الرئيس
// الأمريكي أنه …» (cue, speaker, complementizer, content), «وقال: "…"»
// (cue with an implied subject, colon, quotation), «مشيرا إلى أن …»
// (participle continuing the speaker), «وبحسب X، فإن …» and «…، بحسب X»
// (source phrases). Words are compared in normalised form.

// arComplementizers open reported content: أن، إن، بأن with or without an
// attached pronoun.
var arComplementizers = setOf("ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انهن", "بان", "بانه", "بانها", "بانهم", "بانهما", "باننا", "بانني", "بانهن", "لان")

// arSpeakerStops end a speaker noun phrase: prepositions and adverbs of time
// and place that start the verb's adjuncts, particles, relatives.
var arSpeakerStops = setOf(
	"في", "خلال", "علي", "الي", "عن", "من", "مع", "امام", "بعد", "قبل", "عبر", "لدي", "عند", "منذ", "حول", "ضمن", "اثناء", "عقب", "ازاء", "بشان", "تجاه", "نحو",
	"اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم", "صباح", "مساء", "ليله", "فجر", "ظهر", "حاليا", "موخرا", "ايضا", "كذلك", "سابقا", "لاحقا", "مجددا", "صراحه", "اليه", "اليها", "اليهم", "له", "لها", "لهم", "غير",
	"قد", "لقد", "لم", "لن", "لا", "ما", "كان", "كانت", "الذي", "التي", "الذين", "اللذين", "ل", "ب", "الضوء", "حتي", "عنه", "عنها", "عنهم", "فانه", "فانها", "وان", "انه", "انها", "ان", "بان",
	"وهو", "وهي", "وهم", // «X وهو مدير …»: an apposition after the name
	"ولا", "ولم", "ولن", // «مواقع جهادية ولا يمكن التحقق منه»
	"وقتها", "حينها", "انذاك", "حينذاك", "وقتذاك",
)

// arMediaAfterLam are nouns that, written with a joined ل («لوكالة»,
// «لصحيفة»), name the hearer of a statement and so end the speaker.
var arMediaAfterLam = setOf("وكاله", "صحيفه", "قناه", "شبكه", "موقع", "مجله", "اذاعه", "تلفزيون", "جريده", "الصحفيين", "الصحافيين", "الصحافه")

// arClauseStarts are the words that, after a comma, start a new clause that
// is no longer the attributed content.
var arClauseStarts = setOf("ذلك", "مما", "ما", "بما", "حيث", "بينما", "فيما", "وسط", "الامر", "هو", "كان", "كانت", "اذ", "غير", "الا", "ليتم", "الي")

// arNonSources are nouns that a source phrase may govern without naming a
// speaker («وفقا لتقديرات», «حسب قولهم»).
var arNonSources = setOf("تقديرات", "قول", "قوله", "قولها", "قولهم", "التفاصيل", "تفاصيل", "ما", "معلومات", "المعلومات", "الخطه", "خطه", "القانون", "قانون", "نتايج", "النتايج", "اتفاق", "الاتفاق")

// arIdiomObjects are the objects of cue idioms that stand between the
// speaker and the content («يسلط المراقبون الضوء على …»).
// arHearers are nouns that, written with a joined ل, name who a statement
// was made to («لأنصاره», «للصحفيين»).
var arHearers = setOf("انصاره", "انصارها", "انصارهم", "مويديه", "مويديها", "مويديهم", "الصحفيين", "الصحافيين", "الصحافه", "الصحفيون", "وسايل", "الاعلام", "نظيره", "نظيرها", "نظرايه")

// arHearer reports whether token k is ل joined to a hearer: a medium
// («لرويترز», «لصحيفة»), a hearer noun («لأنصاره») or a named actor.
func (a *attributor) arHearer(k int) bool {
	t := a.d.tokens[k]
	n := t.norm
	if !strings.HasPrefix(n, "ل") {
		return false
	}
	rest := n[len("ل"):]
	if arMediaAfterLam[rest] || arHearers[rest] {
		return true
	}
	// A name that starts after the ل: «لرويترز», «لسكاي نيوز».
	ms := a.actors.mentions
	j := sort.Search(len(ms), func(j int) bool { return ms[j].span.Start >= t.start+1 })
	for ; j < len(ms) && ms[j].span.Start == t.start+1; j++ {
		if ms[j].first == k && !ms[j].role {
			return true
		}
	}
	return false
}

// arGoOnObjectVerbs are the verbs of going on that take an object: «وواصل
// حديثه», «وتابع هجومه».
var arGoOnObjectVerbs = setOf("تابع", "تابعت", "واصل", "واصلت", "استانف", "استانفت")

// arGoesOnWithObject reports whether the cue at i is a verb of going on
// whose next word, at k, is a noun with a joined pronoun and no actor's
// name: its object («وواصل تخبطاته», «وتابع كلمته»), so the subject is
// the one carried.
func (a *attributor) arGoesOnWithObject(i, k int) bool {
	if !arGoOnObjectVerbs[arBare(a.norm(i))] || k >= len(a.d.tokens) || a.d.tokens[k].kind != tokWord || a.actors.covered[k] {
		return false
	}
	w := a.norm(k)
	if utf8.RuneCountInString(w) < 4 || strings.HasPrefix(w, "ال") {
		return false
	}
	for _, suf := range []string{"ه", "ها", "هم", "هما"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// arLamPronouns are ل with a joined pronoun (normalised), which may stand
// for the object of a participle: «متهما لها بأنها …».
var arLamPronouns = setOf("له", "لها", "لهم", "لهما", "لهن")

// arPrepPronouns are prepositions with a joined pronoun (normalised).
var arPrepPronouns = setOf("فيه", "فيها", "فيهم", "عليه", "عليها", "عليهم", "منه", "منها", "منهم", "عنه", "عنها", "عنهم", "اليه", "اليها", "اليهم", "معه", "معها", "معهم", "لديه", "لديها", "خلاله", "خلالها")

// arDocumentSources are documents and bodies that a source phrase may name
// although no actor rule knows them: «وفقا لتقرير …», «بحسب منظمات …».
var arDocumentSources = setOf("تقرير", "تقارير", "دراسه", "دراسات", "بيان", "احصاءات", "احصاييات", "منظمات", "منظمه", "استطلاع", "مسح", "وثيقه", "وثايق", "رساله", "مذكره")

// arRelatives introduce relative clauses, whose verbs do not report.
var arRelatives = setOf("الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "والتي", "والذي")

var arIdiomObjects = setOf("الضوء")

// arObjectCues are verbs whose object, after a comma that closes the
// speaker, is the content («أعلن قائد العمليات، مقتل …»).
var arObjectCues = setOf("اعلن", "اعلنت", "اعلنوا", "كشف", "كشفت", "نفي", "نفت", "اكد", "اكدت",
	"قال", "قالت", "اضاف", "اضافت", "اوضح", "اوضحت", "صرح", "صرحت") // «وقال المتحدث …، تلقت الغرفة …»

// arDirectObjectCues take what is said as a direct object, with no
// complementizer: «ووصف شهود عيان المشاهد المرعبة …», «ونفت الوزارة
// الاتهامات».
var arDirectObjectCues = setOf("وصف", "وصفت", "وصفوا", "نفي", "نفت", "نفوا", "اكد", "اكدت", "اكدوا",
	"اتهم", "اتهمت", "اتهموا", "طالب", "طالبت", "طالبوا", "اعلن", "اعلنت", "اعلنوا", "انتقد", "انتقدت", "استنكر", "استنكرت", "ادان", "ادانت", "ناشد", "ناشدت")

// arAdjectives are common adjectives without the nisba ending that follow a
// title in a speaker phrase: «المدير العام», «الوزير السابق».
var arAdjectives = setOf("العام", "العامه", "الاول", "الاولي", "السابق", "السابقه", "الجديد", "الجديده", "الاعلي", "الاسبق", "الحالي", "المساعد", "المساعده", "المكلف", "المنتهيه", "الاكبر", "الاصغر", "المختص", "المختصه", "المطلع", "المطلعه", "الرفيع", "البارز", "الكبير", "المقرب", "المقربه")

// arObjectSplit returns the last token of the speaker inside the noun phrase
// [first, np] after a direct-object cue, when the phrase runs on into the
// object: «الوزير القرار» (two definite nouns, the second no adjective), «شهود
// عيان المشاهد» (a source phrase, then a definite noun). It returns np when
// the phrase is the speaker alone.
func (a *attributor) arObjectSplit(first, np int) int {
	toks := a.d.tokens
	words := a.actors.g.words
	definite := func(k int) bool {
		return strings.HasPrefix(arBare(toks[k].norm), "ال") || strings.HasPrefix(toks[k].norm, "ال")
	}
	adjective := func(k int) bool {
		n := toks[k].norm
		if arAdjectives[n] || words[matchKey(n)]&(lexModifier|lexTitle|lexPersonDesc) != 0 {
			return true
		}
		for _, e := range []string{"ي", "يه", "يين", "يون"} {
			if strings.HasSuffix(n, e) {
				return true
			}
		}
		return false
	}
	// A name or source phrase at the start ends where its mention ends.
	end := first - 1
	for _, m := range a.actors.mentions {
		if m.first == first && m.last > end && m.last <= np {
			end = m.last
		}
	}
	if end < first {
		end = first
	}
	for k := end + 1; k <= np; k++ {
		if toks[k].kind != tokWord {
			return np
		}
		if a.actors.covered[k] {
			end = k
			continue
		}
		if n := toks[k].norm; n == "الله" || n != arBare(n) {
			return np // «الجار الله» is a name, «والشرطة» a conjunct
		}
		if toks[k].norm == "باسم" && k == end+1 {
			end = k // «المتحدث باسم الجيش»
			continue
		}
		if !definite(k) {
			// An indefinite word after the name of a body or place can be
			// neither its adjective nor its complement: the object starts
			// there («أعلنت محافظة الأنبار قرب تنفيذ …»).
			if k == end+1 && a.actors.covered[end] && !adjective(k) && a.arBodyEndsAt(end) {
				return end
			}
			if definite(k-1) || k > end+1 {
				return np // a name or construct phrase goes on: keep it whole
			}
			end = k // «وزير الخارجية»: the head of a construct
			continue
		}
		if adjective(k) {
			end = k
			continue
		}
		if !definite(end) && end == k-1 && !a.actors.covered[end] {
			end = k // construct complement: «وزير الخارجية», «شهود عيان»
			continue
		}
		return k - 1
	}
	return np
}

// arTitleAbbrevs are the one-letter abbreviations of titles written with a
// period: «د.» (doctor), «م.» (engineer), «أ.» (professor).
var arTitleAbbrevs = setOf("د", "م", "ا")

// arSubjectKan are the forms of كان that open «وكان X قد أشار».
// Its sisters of lasting and becoming take the same order: «ما زال فلان
// يتطلع», «لا يزال الوزير يرى», «وظل المسؤولون يؤكدون».
var arSubjectKan = setOf("كان", "كانت", "وكان", "وكانت", "فكان", "كانوا", "وكانوا",
	"زال", "تزال", "يزال", "مازال", "مازالت", "لايزال", "لاتزال", "ظل", "ظلت", "وظل", "وظلت", "بات", "باتت", "وبات", "وباتت")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// arBare strips a joined و or ف from a normalised word.
func arBare(n string) string {
	if len(n) > 4 && (strings.HasPrefix(n, "و") || strings.HasPrefix(n, "ف")) {
		return n[len("و"):]
	}
	return n
}

// arCue returns the cue that token i is, if any; none past either end of
// the text, so that callers may look ahead without checking.
func (a *attributor) arCue(i int) (cue, bool) {
	if i < 0 || i >= len(a.d.tokens) {
		return cue{}, false
	}
	t := a.d.tokens[i]
	if t.kind != tokWord {
		return cue{}, false
	}
	if arBare(t.norm) == "راي" && strings.HasSuffix(t.text, "ي") {
		return cue{}, false // «رأي» is an opinion, «رأى» the verb
	}
	if n := arBare(t.norm); (n == "تدعي" || n == "يدعي") && strings.HasSuffix(t.text, "ى") {
		return cue{}, false // «تدعى» is called, «تدعي» claims
	}
	if c, ok := cuesAr[t.norm]; ok {
		return c, true
	}
	if (t.norm == "وبين" || t.norm == "فبين") && a.compWithin(i+1, 10) && !a.arBetweenBefore(i) {
		// «وبين الدكتور … أن …»: «بين» explained, not "between".
		return cue{class: cueVerb}, true
	}
	if (t.norm == "عبر" || t.norm == "وعبر") && a.arPrepWithin(i+2, 8, "عن") && a.arActorAt(i+1) {
		// «وعبر الوزير فلان عن …»: «عبر» expressed, not "through"; the
		// subject, an actor, comes between the verb and its preposition.
		return cue{class: cueVerb, prep: "عن"}, true
	}
	n := arBare(t.norm)
	if n != t.norm {
		if c, ok := cuesAr[n]; ok {
			return c, true
		}
		// «وكما», «وفقا» after و: one more proclitic.
		if c, ok := cuesAr[arBare(n)]; ok && arBare(n) != n {
			return c, true
		}
	}
	// A verbal noun with its agent joined, or after ب («اتهامه»,
	// «بقوله»); a verb with its object joined («اتهمها بـ», «وصفه بأنه»).
	if c, ok := cuesArSuffixed[n]; ok {
		return c, true
	}
	// A directive after ل: «تنفيذا لتوجيهات الوزير بـ …» (other verbal
	// nouns after ل may take their object next: «لاتهام تركيا بـ»).
	if rest, ok := strings.CutPrefix(n, "ل"); ok && arLamDirectives[rest] {
		return cuesAr[rest], true
	}
	return cue{}, false
}

// cuesArSuffixed holds the cues of cuesAr with a pronoun joined, built
// once: verbal nouns with their agent («اتهامه», «مطالبته», «بقوله») and
// verbs whose object comes before the content («اتهمها», «وصفه»).
var cuesArSuffixed = arSuffixedCues()

func arSuffixedCues() map[string]cue {
	m := map[string]cue{}
	add := func(w string, c cue) {
		if _, taken := cuesAr[w]; !taken {
			if _, dup := m[w]; !dup {
				m[w] = c
			}
		}
	}
	forms := make([]string, 0, len(cuesAr))
	for v := range cuesAr {
		forms = append(forms, v)
	}
	sort.Strings(forms) // the same reading wins on every run
	for _, v := range forms {
		c := cuesAr[v]
		switch {
		case c.class == cueNoun:
			stem := v
			if t, ok := strings.CutSuffix(v, "ه"); ok {
				stem = t + "ت" // «مطالبه» + ه = «مطالبته»
			}
			for _, suf := range arObjectSuffixes {
				add(stem+suf, c)
				add("ب"+stem+suf, c)
			}
		case c.class == cueVerb && (c.prep == "ب" || arDirectObjectCues[v]):
			for _, suf := range arObjectSuffixes {
				add(v+suf, c)
			}
		}
		if c.class == cueVerb && strings.HasSuffix(v, "ت") {
			add(v+"ا", c) // the feminine dual: «أكدتا», «أبلغتا»
		}
	}
	return m
}

// arLamDirectives are the verbal nouns of directing that name their agent
// after a joined ل: «تنفيذا لتوجيهات الملك».
var arLamDirectives = setOf("توجيهات", "توجيه")

// arVerbalNoun handles a verbal noun cue at token i: its agent is the
// noun phrase after it («قول الحكومة إنها …», «تهديد القراصنة بنشر …»),
// which must name an actor, or the antecedent of its joined pronoun
// («اتهامه لهم بالتقصير», «بقوله: …»); what is said follows the agent as
// for a verb, or in the cue's preposition within a few words.
func (a *attributor) arVerbalNoun(i int, s sentence, c cue) {
	d := a.d
	var sp speaker
	after := i + 1
	n := a.norm(i)
	lamNoun := strings.HasPrefix(n, "ل") && arLamDirectives[strings.TrimPrefix(n, "ل")]
	if _, whole := cuesAr[n]; whole || lamNoun || (arBare(n) != n && cuesAr[arBare(n)].class == cueNoun) {
		np := a.arNP(i+1, s.last)
		if np < i+1 {
			return
		}
		for k := i + 2; k <= np; k++ {
			if isDash(d.tokens[k].text) {
				np = k - 1 // «الملك فلان - حفظه الله -»: a blessing
				break
			}
		}
		if c.prep == "ب" {
			// «توجيهات الوزير فلان بتسخير …»: the preposition ends the
			// agent.
			for k := i + 2; k <= np; k++ {
				if t := d.tokens[k].norm; strings.HasPrefix(t, "ب") && utf8.RuneCountInString(t) > 3 && !a.actors.covered[k] {
					np = k - 1
					break
				}
			}
		}
		si, sj := a.trimSpeaker(i+1, np)
		if si > sj {
			return
		}
		sp = speaker{span: a.tokSpan(si, sj)}
		sp.text = d.slice(sp.span)
		sp.id = a.actors.resolve(sp.span, KindUnknown)
		if sp.id == "" {
			return // «قول مأثور»: no actor speaks
		}
		after = np + 1
	} else if h := a.arMentionBefore(i, s); h >= 0 {
		// «واختتم "الرشيد" بقوله»: the subject just before is the agent.
		m := a.actors.mentions[h]
		sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
	} else if named := a.arEarlierSpeakerBefore(i, s); named.ok() {
		// The same with a family name that only an earlier statement's
		// speaker phrase holds.
		sp = named
	} else {
		// A plural agent («قولهم») may be anyone's: only a singular one
		// is carried over from the last speaker.
		if strings.HasSuffix(n, "هم") || strings.HasSuffix(n, "هما") || strings.HasSuffix(n, "هن") {
			return
		}
		sp = a.carriedAgreeing(pronounGender(n), i)
		if sp.ok() && !sp.one && a.actors.kind(a.actors.resolve(sp.ante, KindUnknown)) != KindPerson {
			// «كتبت الصحف أن ما صدر عن الرئيس السابق …، وهو ما عكسه
			// قوله»: a person named after a speaker that is no person is
			// whom «ه» refers to.
			if h := a.arSentencePersonOf(i, s, pronounGender(n)); h >= 0 && a.actors.mentions[h].span.Start > sp.ante.Start {
				sp = speaker{}
			}
		}
		if !sp.ok() || a.d.sentenceOf(d.tokens[i].start)-a.lastSent > 2 {
			// «ووصفت الحكومة تصريحات الوزير فلان …، واعتبرت اتهامه
			// لها …»: a person of the pronoun's gender named in the
			// sentence.
			h := a.arSentencePersonOf(i, s, pronounGender(n))
			if h < 0 {
				return
			}
			m := a.actors.mentions[h]
			sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
		}
	}
	start, viaPrep := a.arIntro(after, s, c, true)
	if start < 0 && c.prep == "ب" {
		// «لتوجيهات الملك فلان - حفظه الله - بتسخير …»: a blessing in
		// dashes between the agent and the preposition.
		for k := after; k <= s.last && k < after+6; k++ {
			if t := d.tokens[k]; t.kind == tokWord && strings.HasPrefix(t.norm, "ب") && utf8.RuneCountInString(t.norm) > 3 && !a.actors.covered[k] {
				if a.hasWord(after, k-1) && !isDash(d.tokens[after].text) {
					break
				}
				start, viaPrep = k, true
				break
			}
		}
	}
	if start < 0 && c.prep != "" {
		// «اتهامه لصحابة رسول الله … ممن …، بإشاعة …»: the object,
		// then the preposition that opens the charge.
		for k := after; k <= s.last && k-after < 16; k++ {
			t := d.tokens[k]
			if t.kind == tokPunct && t.text != "،" && t.text != "," {
				break
			}
			if _, ok := a.arCue(k); ok && k > after {
				break
			}
			if k > after && strings.HasPrefix(t.norm, c.prep) && utf8.RuneCountInString(t.norm) > 3 {
				start, viaPrep = k, true
				// Who is charged belongs to the charge, a pronoun aside.
				if k-after > 1 && strings.HasPrefix(a.norm(after), "ل") && !arLamPronouns[a.norm(after)] {
					start = after
				}
				break
			}
		}
	}
	if start < 0 {
		return
	}
	conf := 0.6
	if viaPrep {
		conf -= 0.1
	}
	a.arContent(sp, i, i, start, s, conf)
}

// arOnlyAnaphor reports whether tokens [c, e] hold nothing but a
// demonstrative standing for what was said and adverbs («ذلك مؤخرا»,
// «إلى ذلك أيضا»).
func (a *attributor) arOnlyAnaphor(c, e int) bool {
	seen := false
	for k := c; k <= e; k++ {
		if a.d.tokens[k].kind == tokPunct {
			continue
		}
		switch n := a.norm(k); {
		case n == "ذلك" || n == "هذا" || n == "الي" || n == "بذلك" || n == "لذلك":
			seen = seen || strings.HasSuffix(n, "ذلك") || n == "هذا"
		case arPostVerbAdverbs[n]:
		default:
			return false
		}
	}
	return seen
}

// arDemonstratives are the demonstratives, which ل may carry («لذلك»).
var arDemonstratives = setOf("ذلك", "هذا", "هذه", "تلك", "هولاء", "اولايك", "ذاك")

// arLamNoun reports whether token k is ل joined to an indefinite noun of
// three letters or more («لتوثيق», «لجلب»), as a verb of striving takes
// its aim, and no name.
func (a *attributor) arLamNoun(k int) bool {
	n := a.d.tokens[k].norm
	rest, ok := strings.CutPrefix(n, "ل")
	if !ok || strings.HasPrefix(rest, "ل") || a.actors.covered[k] || arComplementizers[n] || n == "لاسيما" {
		return false
	}
	// «لتوثيق», «لجلب», and «لاستمرار» with the alef of a derived verbal
	// noun; not «لذلك», «لهذا».
	if strings.HasPrefix(rest, "ا") {
		return utf8.RuneCountInString(rest) >= 6
	}
	return utf8.RuneCountInString(rest) >= 3 && !arDemonstratives[rest]
}

// insideContent reports whether token i lies inside the content of a
// statement already found.
func (a *attributor) insideContent(i int) bool {
	p := a.d.tokens[i].start
	for k := len(a.out) - 1; k >= 0 && k >= len(a.out)-4; k-- {
		if cs := a.out[k].ContentSpan; cs.Start <= p && p < cs.End {
			return true
		}
	}
	return false
}

// arSourceBefore returns the index of the mention of an anonymous or
// collective source, indefinite («تقارير غربية», «مصادر مطلعة»), that
// ends right before the verb at token i, or -1.
func (a *attributor) arSourceBefore(i int, s sentence) int {
	h := a.arMentionBefore(i, s)
	if h < 0 {
		return -1
	}
	m := a.actors.mentions[h]
	if k := a.actors.actors[m.actor].kind; k != KindAnonymous && k != KindGroup {
		return -1
	}
	if strings.HasPrefix(arBare(a.norm(m.first)), "ال") || a.d.tokens[m.last].end != a.d.tokens[i-1].end {
		return -1
	}
	return h
}

// arSubjectBefore returns the index of the mention of a person or
// organization that stands right before the verb at token i as its subject
// («أمل صقر أشادت»), at the head of the sentence or after a comma, or -1.
func (a *attributor) arSubjectBefore(i int, s sentence) int {
	h := a.arMentionBefore(i, s)
	if h < 0 {
		return -1
	}
	m := a.actors.mentions[h]
	if k := a.actors.actors[m.actor].kind; k != KindPerson && k != KindOrganization {
		return -1
	}
	b := m.first - 1
	if b >= s.first && speakerWordClass(a.d.tokens[b].norm) == wordTitle {
		b-- // «الدكتورة سارة الأحمد أشادت»
	}
	if b >= s.first && a.d.tokens[b].text != "،" && a.d.tokens[b].text != "," {
		return -1
	}
	return h
}

// arSentenceSubject returns the index of the mention of the subject that a
// present verb joined by و after a comma continues, or -1: the last person
// named in sentence s before token i, when the word before i is a comma and
// no cue, quotation, colon or dash stands between them.
func (a *attributor) arSentenceSubject(i int, s sentence) int {
	toks := a.d.tokens
	if i-1 < s.first || toks[i-1].text != "،" && toks[i-1].text != "," || !strings.HasPrefix(toks[i].norm, "و") {
		return -1
	}
	ms := a.actors.mentions
	for j := len(ms) - 1; j >= 0; j-- {
		m := ms[j]
		if m.first < s.first || m.last >= i || a.actors.actors[m.actor].kind != KindPerson {
			continue
		}
		for k := m.last + 1; k < i-1; k++ {
			if _, ok := a.arCue(k); ok || a.q.inside(k) || toks[k].text == ":" || isDash(toks[k].text) {
				return -1
			}
		}
		return j
	}
	return -1
}

// arPrepositions are the prepositions that, right before an actor's name,
// make it an adjunct rather than the subject of its clause.
var arPrepositions = setOf("في", "من", "عن", "مع", "الي", "علي", "لدي", "عند", "حول", "بين", "عبر", "امام", "خلال", "بعد", "قبل", "منذ", "ضد", "تجاه", "نحو", "بشان", "وفي", "ومن", "ومع", "مما", "بما", "عما", "فيما", "كما", "لما")

// arClauseSubject returns the index of the mention that is the subject
// of the clause holding the cue at token i, when the cue's own subject is
// implied: the first person, organization, group or anonymous source
// named at the head of the clause (the sentence, or what follows its last
// semicolon before i), before or right after its first verb («المجلس
// البلدي حقق … بعد أن أعلن عن …», «وقد مثل اللاعب فلان أمام اللجنة حيث
// أكد أنه …»), agreeing with the cue in gender. No cue, quotation or
// colon may stand between the subject and i: a statement made there has
// already named its speaker. It returns -1 when no such subject is named.
func (a *attributor) arClauseSubject(i int, s sentence) int {
	toks := a.d.tokens
	start := s.first
	for k := i - 1; k > s.first; k-- {
		if t := toks[k].text; t == "؛" || t == ";" {
			start = k + 1
			break
		}
	}
	start = a.arSkipLead(start, i)
	ms := a.actors.mentions
	from := sort.Search(len(ms), func(j int) bool { return ms[j].span.Start >= toks[start].start })
	for j := from; j < len(ms); j++ {
		m := ms[j]
		if m.first < start {
			continue
		}
		if m.first > start+3 || m.last >= i {
			return -1
		}
		switch a.actors.actors[m.actor].kind {
		case KindPerson, KindOrganization, KindGroup, KindAnonymous:
		default:
			continue
		}
		if m.first > start && arPrepositions[a.norm(m.first-1)] {
			continue
		}
		for k := start; k < i; k++ {
			if c, ok := a.arCue(k); ok && c.class != cueNoun || toks[k].text == ":" {
				return -1
			}
			// A quotation longer than a name may hold a statement.
			if a.q.inside(k) {
				if r := a.q.regions[a.q.in[k]]; r.close-r.open > 4 {
					return -1
				}
			}
		}
		sp := speaker{span: m.span, text: a.d.slice(m.span), id: a.actors.actors[m.actor].id}
		a.arMarkGender(&sp, genderUnknown)
		if !agrees(sp, a.arVerbGender(i)) || !agreesInNumber(sp, a.verbNumber(i)) {
			return -1
		}
		return j
	}
	return -1
}

// arCompSubject returns the first token of the subject that stands
// between a complementizer and the cue verb at token i («إن الوزارة
// والمنظمة أبلغتا …», «أن الدراسات الأخيرة أشارت إلى …»): one to five
// words, no punctuation, cue or stop word among them, the first a definite
// noun or a name. It returns -1 when no such subject stands there.
func (a *attributor) arCompSubject(i int, s sentence) int {
	for k := i - 1; k >= s.first && k >= i-6; k-- {
		t := a.d.tokens[k]
		if t.kind != tokWord {
			return -1
		}
		if n := t.norm; n == "ان" || n == "بان" {
			f := k + 1
			if f == i || !(strings.HasPrefix(a.norm(f), "ال") || a.actors.covered[f]) {
				return -1
			}
			return f
		}
		if _, ok := a.arCue(k); ok || arSpeakerStops[t.norm] || a.isComp(k) {
			return -1
		}
	}
	return -1
}

// arSentencePerson returns the index of the last person named in sentence
// s before the cue at token i whose gender is known to agree with the
// cue's, or -1.
func (a *attributor) arSentencePerson(i int, s sentence) int {
	return a.arSentencePersonOf(i, s, a.arVerbGender(i))
}

// arSentencePersonOf is arSentencePerson for a cue of gender g.
func (a *attributor) arSentencePersonOf(i int, s sentence, g gender) int {
	if g == genderUnknown {
		return -1
	}
	ms := a.actors.mentions
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= i }) - 1; j >= 0; j-- {
		m := ms[j]
		if m.last >= i {
			continue
		}
		if m.first < s.first {
			return -1
		}
		if a.actors.actors[m.actor].kind != KindPerson {
			continue
		}
		sp := speaker{span: m.span}
		if b := m.first - 1; b >= s.first && speakerWordClass(a.d.tokens[b].norm) == wordTitle {
			sp.span.Start = a.d.tokens[b].start // «الإعلامية فلانة»: the title says the gender
		}
		a.arMarkGender(&sp, genderUnknown)
		if g == genderFem && sp.fem || g == genderMasc && !sp.fem {
			return j
		}
	}
	return -1
}

// arBodyEndsAt reports whether the mention of an organization or place
// ends at token k.
func (a *attributor) arBodyEndsAt(k int) bool {
	ms := a.actors.mentions
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= k-12 }); j < len(ms) && ms[j].first <= k; j++ {
		if kind := a.actors.actors[ms[j].actor].kind; ms[j].last == k && (kind == KindOrganization || kind == KindPlace) {
			return true
		}
	}
	return false
}

// arNameEndsAt reports whether a person's name (no role title) ends at
// token k.
func (a *attributor) arNameEndsAt(k int) bool {
	ms := a.actors.mentions
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= k-12 }); j < len(ms) && ms[j].first <= k; j++ {
		if ms[j].last == k && !ms[j].role && a.actors.actors[ms[j].actor].kind == KindPerson {
			return true
		}
	}
	return false
}

// arPersonEndsAt reports whether the mention of a person ends at token k.
func (a *attributor) arPersonEndsAt(k int) bool {
	ms := a.actors.mentions
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= k-12 }); j < len(ms) && ms[j].first <= k; j++ {
		if ms[j].last == k && a.actors.actors[ms[j].actor].kind == KindPerson {
			return true
		}
	}
	return false
}

// arPartFollows reports whether a participle cue follows token i after
// no more than names, brackets and commas: «كتب المحلل، فلان، قائلا:»
// gives the participle the verb's subject.
func (a *attributor) arPartFollows(i int, s sentence) bool {
	for k := i; k <= s.last && k < i+8; k++ {
		if c, ok := a.arCue(k); ok {
			return c.class == cuePart
		}
		if t := a.d.tokens[k]; t.text != "،" && t.text != "," && !a.actors.covered[k] {
			return false
		}
	}
	return false
}

// arAppositiveName returns the comma that closes a person's name set off
// by commas, the first at token i («…، فلان الفلاني، …»), or -1.
func (a *attributor) arAppositiveName(i int, s sentence) int {
	if i > s.last || a.d.tokens[i].text != "،" && a.d.tokens[i].text != "," {
		return -1
	}
	// A person the finder knows, or two to four words that start with a
	// given name (no article, no title, no pronoun) and hold no particle,
	// cue or other actor.
	if n := a.norm(i + 1); speakerWordClass(n) != wordName || a.actors.g.words[matchKey(n)]&lexTitle != 0 || arBare(n) != n || arDirections[n] {
		return -1 // a title, a pronoun, a second speaker joined by و, a place
	}
	named := false
	for k := i + 1; k <= s.last && k <= i+5; k++ {
		t := a.d.tokens[k]
		if t.text == "،" || t.text == "," {
			if named || k-i >= 3 && !strings.HasPrefix(a.norm(i+1), "ال") {
				return k
			}
			return -1
		}
		if t.kind != tokWord || arSpeakerStops[t.norm] || arPrepositions[t.norm] || arRelatives[t.norm] {
			return -1
		}
		if _, ok := a.arCue(k); ok || a.isComp(k) {
			return -1
		}
		if a.actors.covered[k] && !a.arPersonEndsAt(k) && !a.arPersonCovers(k) {
			return -1
		}
		named = named || a.arPersonEndsAt(k)
	}
	return -1
}

// arDirections head the place phrases set off by commas: «بمحافظة عدن،
// جنوب البلاد،».
var arDirections = setOf("جنوب", "شمال", "شرق", "غرب", "وسط", "جنوبي", "شمالي", "شرقي", "غربي")

// arPersonCovers reports whether a person's mention holds token k.
func (a *attributor) arPersonCovers(k int) bool {
	ms := a.actors.mentions
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= k-12 }); j < len(ms) && ms[j].first <= k; j++ {
		if ms[j].last >= k && a.actors.actors[ms[j].actor].kind == KindPerson {
			return true
		}
	}
	return false
}

// arDualOrPlural reports whether the verb cue at token i agrees with a
// dual or plural subject («أبلغتا», «أكدوا», «قالا»): in Arabic such a verb
// follows its subject or implies it, so a noun after it is its object.
func (a *attributor) arDualOrPlural(i int) bool {
	n := arBare(a.norm(i))
	if strings.HasSuffix(n, "وا") || strings.HasSuffix(n, "تا") {
		return true
	}
	if t, ok := strings.CutSuffix(n, "ا"); ok {
		_, cue := cuesAr[t]
		return cue
	}
	return false
}

// arObjectThenPrep returns token i when the cue c takes its content with
// the preposition ب and a short object stands before it, from token i on
// («السلطات المحلية باحتجاز …»); else -1.
func (a *attributor) arObjectThenPrep(i int, s sentence, c cue, long bool) int {
	if c.prep != "ب" {
		return -1
	}
	lim := 4
	if long {
		lim = 12 // «الحزب الحاكم في تونس الذي يستضيف …، بإصدار …»
	}
	for k := i + 1; k <= s.last && k <= i+lim; k++ {
		t := a.d.tokens[k]
		if long && (t.text == "،" || t.text == ",") {
			continue
		}
		if _, ok := a.arCue(k); ok {
			return -1
		}
		if t.kind != tokWord || a.isComp(k) {
			return -1
		}
		if strings.HasPrefix(t.norm, "ب") && utf8.RuneCountInString(t.norm) > 3 && !a.actors.covered[k] {
			return i
		}
	}
	return -1
}

// arLeadSides are the nouns of «من جهة أخرى», «من ناحيته»: a lead that
// turns to another side of the story.
var arLeadSides = setOf("جهه", "ناحيه", "جانب", "جهته", "جهتها", "ناحيته", "جانبه", "جانبها")

// arSkipLead returns the first token after a discourse lead that opens a
// clause at token k («من جهة أخرى», «من ناحية ثانية», «في المقابل»,
// «إلى ذلك»), or k when none opens it; never i or beyond.
func (a *attributor) arSkipLead(k, i int) int {
	n := arBare(a.norm(k))
	switch {
	case (n == "من" || n == "علي") && arLeadSides[a.norm(k+1)]:
		k += 2
		if w := a.norm(k); w == "اخري" || w == "ثانيه" || w == "اخر" {
			k++
		}
	case n == "في" && (a.norm(k+1) == "المقابل" || a.norm(k+1) == "السياق"):
		k += 2
	case n == "الي" && a.norm(k+1) == "ذلك":
		k += 2
	}
	if k < len(a.d.tokens) && (a.d.tokens[k].text == "،" || a.d.tokens[k].text == ",") {
		k++
	}
	return min(k, i)
}

// arEarlierSpeakerBefore returns the speaker of an earlier statement whose
// speaker phrase ends with the word right before token i in sentence s,
// quotation marks aside («واختتم "الرشيد" بقوله» after «مدير … فلان
// الرشيد»), or no speaker.
func (a *attributor) arEarlierSpeakerBefore(i int, s sentence) speaker {
	k := i - 1
	for k >= s.first && (isCloseQuote(a.d.tokens[k].text) || isOpenQuote(a.d.tokens[k].text)) {
		k--
	}
	if k < s.first || a.d.tokens[k].kind != tokWord || utf8.RuneCountInString(a.norm(k)) < 4 {
		return speaker{}
	}
	if _, ok := a.arCue(k); ok {
		return speaker{}
	}
	for n := len(a.out) - 1; n >= 0; n-- {
		st := a.out[n]
		if st.SpeakerSpan.Len() == 0 || st.SpeakerID == "" {
			continue
		}
		if e := a.d.tokenAt(st.SpeakerSpan.End - 1); e >= 0 && e != k && a.norm(e) == a.norm(k) {
			sp := speaker{span: a.tokSpan(k, k), id: st.SpeakerID}
			sp.text = a.d.slice(sp.span)
			return sp
		}
	}
	return speaker{}
}

// arMentionBefore returns the index of the actor mention that ends at most
// one word before token i in sentence s, quotation marks aside, or -1.
func (a *attributor) arMentionBefore(i int, s sentence) int {
	k := i - 1
	for k >= s.first && (isCloseQuote(a.d.tokens[k].text) || isOpenQuote(a.d.tokens[k].text)) {
		k--
	}
	for j, m := range a.actors.mentions {
		if m.last == k && m.first >= s.first && a.actors.actors[m.actor].kind != KindUnknown {
			return j
		}
	}
	return -1
}

// arObjectSuffixes are the object pronouns a verb may carry, longest first.
var arObjectSuffixes = []string{"هما", "هم", "هن", "ها", "ه", "كم", "نا", "ني"}

// compWithin reports whether a complementizer stands within n tokens from
// token i, before any full stop.
func (a *attributor) compWithin(i, n int) bool {
	for k := i; k < len(a.d.tokens) && k < i+n; k++ {
		if t := a.d.tokens[k].text; t == "." || t == "؟" {
			return false
		}
		if a.isComp(k) {
			return true
		}
	}
	return false
}

// arActorAt reports whether a person, organization, group or anonymous
// source is named from token k on, after at most one title word.
func (a *attributor) arActorAt(k int) bool {
	ms := a.actors.mentions
	if k >= len(a.d.tokens) {
		return false
	}
	for j := sort.Search(len(ms), func(j int) bool { return ms[j].first >= k }); j < len(ms) && ms[j].first <= k+1; j++ {
		switch a.actors.actors[ms[j].actor].kind {
		case KindPerson, KindOrganization, KindGroup, KindAnonymous:
			return true
		}
	}
	return false
}

// arBetweenBefore reports whether «بين» with or without a joined pronoun
// stands in the six tokens before token i: «بينها وبين …» is "between
// it and …", not "and he explained".
func (a *attributor) arBetweenBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if n := arBare(a.norm(k)); n == "بين" || strings.HasPrefix(n, "بينه") || n == "بيننا" || n == "بينكم" {
			return true
		}
	}
	return false
}

// arPrepWithin reports whether the preposition prep stands within n
// tokens from token i, before any punctuation or cue, and opens no
// phrase of means («عن طريق»).
func (a *attributor) arPrepWithin(i, n int, prep string) bool {
	for k := i; k < len(a.d.tokens) && k < i+n; k++ {
		if a.d.tokens[k].kind != tokWord {
			return false
		}
		if a.norm(k) == prep {
			return a.norm(k+1) != "طريق"
		}
		if _, ok := cuesAr[a.norm(k)]; ok {
			return false
		}
	}
	return false
}

func (a *attributor) norm(i int) string {
	if i < 0 || i >= len(a.d.tokens) {
		return ""
	}
	return a.d.tokens[i].norm
}

func (a *attributor) isComp(i int) bool { return arComplementizers[a.norm(i)] }

// arNP returns the end (inclusive) of the speaker noun phrase that starts at
// token i and may not pass token lim, or i-1 when none starts there.
func (a *attributor) arNP(i, lim int) int {
	toks := a.d.tokens
	j := i - 1
	if i <= lim && toks[i].kind == tokWord {
		// «يدعو للفخر»: ل with the article opens a prepositional phrase,
		// and «خطرا متزايدا», an indefinite noun and adjective in the
		// accusative, an object: no subject starts there.
		if n := toks[i].norm; strings.HasPrefix(n, "لل") && !a.actors.covered[i] {
			return j
		}
		if i+1 <= lim && toks[i+1].kind == tokWord && arAccusative(toks[i].norm) && arAccusative(toks[i+1].norm) {
			return j
		}
	}
	for k := i; k <= lim && k-i < 12; k++ {
		t := toks[k]
		if t.kind == tokPunct {
			// A short quotation inside a name: «سكاي سبورتس», "الشقيق".
			if r, ok := a.q.opensAt(k); ok && r.close-r.open <= 5 && r.close <= lim && r.close > k {
				j = r.close
				k = r.close
				continue
			}
			if t.text == "-" || t.text == "(" || t.text == ")" {
				continue
			}
			// «د. الفلاح», «م. سعد»: the period of an abbreviated title.
			if t.text == "." && k > i && arTitleAbbrevs[toks[k-1].norm] && k+1 <= lim && toks[k+1].kind == tokWord {
				continue
			}
			break
		}
		n := t.norm
		if arSpeakerStops[n] || arComplementizers[n] {
			break
		}
		// «بحسب التقرير فإن …»: فإن after a definite noun opens the
		// content («لويس فان خال» is a name).
		if k > i && strings.HasPrefix(n, "فان") && arComplementizers[strings.TrimPrefix(n, "ف")] && (strings.HasPrefix(toks[k-1].norm, "ال") || n != "فان") {
			break
		}
		if k > i && (strings.HasPrefix(n, "لل") || a.arHearer(k)) {
			break
		}
		if _, ok := a.arCue(k); ok {
			break
		}
		j = k
	}
	return j
}

// arSayingVerbs are the verbs of plain saying that may take a clause
// after the comma closing a long speaker phrase.
var arSayingVerbs = setOf("قال", "قالت", "اضاف", "اضافت", "اوضح", "اوضحت", "صرح", "صرحت")

// arSpeakerComma returns the comma that closes a speaker phrase whose
// adjuncts start at token i («في منطقة الحدود الشمالية مساعد العنزي،»):
// within a few words, with no complementizer, cue or other punctuation
// before it, and a name or at least two words among them; or -1.
func (a *attributor) arSpeakerComma(i int, s sentence) int {
	named := false
	for k := i; k <= s.last && k-i < 14; k++ {
		t := a.d.tokens[k]
		if t.text == "،" {
			if named || k-i >= 2 {
				return k
			}
			return -1
		}
		if t.kind == tokPunct || a.isComp(k) {
			return -1
		}
		if _, ok := a.arCue(k); ok {
			return -1
		}
		if a.actors.covered[k] {
			named = true
		}
	}
	return -1
}

// arGoOnVerbs are the verbs of going on that take a present cue: «ومضى
// يقول», «وأردف يقول», «وعاد ليؤكد».
var arGoOnVerbs = setOf("مضي", "تابع", "عاد", "راح", "اخذ", "اردف", "استطرد", "مضت", "تابعت", "عادت")

// arAccusative reports whether the normalised word w reads as an
// indefinite noun or adjective with the accusative ending ا: «خطرا»,
// «متزايدا» (not «روسيا» alone: the caller wants two such words).
func arAccusative(w string) bool {
	return isArabicWord(w) && !strings.HasPrefix(w, "ال") && strings.HasSuffix(w, "ا") && utf8.RuneCountInString(w) >= 4
}

// arCueParticles stand before a cue verb that opens a new statement after
// a comma: «…، فقد كتبت …», «…، كما أشار …».
var arCueParticles = setOf("فقد", "وقد", "قد", "كما", "وكما", "لقد", "ولقد", "ثم")

// arCueConjunctions join a clause whose cue verb opens a new statement.
var arCueConjunctions = setOf("بعدما", "عندما", "حيث", "بينما", "فيما")

// arClauseEnd returns the last token of the clause that starts at token i,
// within sentence s: at the sentence end, before a comma that starts a new
// clause, before a participle cue or a new verb cue joined by و.
func (a *attributor) arClauseEnd(i int, s sentence) int {
	toks := a.d.tokens
	for k := i; k <= s.last; k++ {
		if r, ok := a.q.opensAt(k); ok && r.close > k {
			if r.close > s.last && r.closed && r.close-s.last < 120 {
				// «إن اسمه فلان «رأيت …. أعتقد …»»: a quotation that
				// runs over full stops ends with its closing mark.
				return r.close
			}
			if r.close >= s.last {
				return s.last
			}
			k = r.close
			continue
		}
		t := toks[k]
		if t.kind == tokPunct {
			if (t.text == "،" || t.text == "؛" || t.text == "," || t.text == ";") && k+1 <= s.last {
				n := a.norm(k + 1)
				// «…، مما يعكس …» is the writer's comment; after a
				// semicolon «مما» goes on with what was said.
				if (arClauseStarts[n] || arClauseStarts[arBare(n)]) && !(n == "مما" && (t.text == "؛" || t.text == ";")) {
					return k - 1
				}
				// «…، وأن …»: a second complement, a statement of its own.
				if strings.HasPrefix(n, "و") && arComplementizers[strings.TrimPrefix(n, "و")] {
					return k - 1
				}
				// «…، ويأتي ذلك تنفيذا …», «…، وجاء ذلك …»: the writer
				// refers back to what was said.
				if arBare(n) != n && k+2 <= s.last && a.norm(k+2) == "ذلك" {
					return k - 1
				}
				if c, ok := a.arCue(k + 1); ok && (c.class == cuePart || ((c.class == cueVerb || c.class == cuePresent || c.class == cueNominal) && arBare(n) != n)) {
					return k - 1
				}
				// «…، فقد كتبت الصحيفة …», «…، كما أشارت الدراسات …»: a
				// particle, then a cue verb, starts the next statement.
				if arCueParticles[n] && k+2 <= s.last {
					if c, ok := a.arCue(k + 2); ok && (c.class == cueVerb || c.class == cuePresent) {
						return k - 1
					}
				}
				if n == "في" && a.norm(k+2) == "حين" {
					return k - 1
				}
				// «…، وكرر اتهامه …»: a verb joined by و whose object is a
				// cue starts the next attribution.
				if arBare(n) != n && k+2 <= s.last {
					if c, ok := a.arCue(k + 2); ok && (c.class == cueNoun || c.class == cuePart) {
						return k - 1
					}
				}
			}
			continue
		}
		if k > i {
			if c, ok := a.arCue(k); ok && c.class == cuePart {
				return k - 1
			}
			// «… بعدما أكد أن …», «… حيث قال إن …»: a conjunction and
			// a cue verb start a statement of their own.
			if arCueConjunctions[t.norm] && k+1 <= s.last {
				if c, ok := a.arCue(k + 1); ok && (c.class == cueVerb || c.class == cuePresent) && a.compWithin(k+2, 4) {
					return k - 1
				}
			}
			// «أشاد جيرارد بسواريز … وقال "…"»: a second cue verb joined
			// by و starts its own statement.
			if c, ok := a.arCue(k); ok && c.class == cueVerb && arBare(t.norm) != t.norm && strings.HasPrefix(t.norm, "و") && k > i+2 {
				return k - 1
			}
		}
	}
	return s.last
}

// arContent emits the statement whose content starts at token c.
func (a *attributor) arContent(sp speaker, cueI, cueJ, c int, s sentence, conf float64) bool {
	if c > s.last && !(c < len(a.d.tokens) && a.q.in[c] >= 0) {
		return false
	}
	if c >= len(a.d.tokens) {
		return false
	}
	// A quotation right at the start of the content is the content.
	start := c
	if a.isComp(start) {
		start++
	}
	if r, ok := a.q.opensAt(start); ok && r.close-r.open > 2 {
		end := r.close
		// Unless the clause goes on after it.
		if e := a.arClauseEnd(start, s); e > end && start == c && a.hasWord(end+1, e) {
			return a.emit(sp, cueI, cueJ, c, e, Indirect, conf)
		}
		ok := a.emit(sp, cueI, cueJ, start, end, Direct, conf)
		// «كتبت الصحيفة: «…»، وأن …»: the cue's second complement.
		if n := a.norm(end + 2); end+2 <= s.last && a.d.tokens[end+1].text == "،" && strings.HasPrefix(n, "و") && arComplementizers[strings.TrimPrefix(n, "و")] {
			a.arContent(sp, cueI, cueJ, end+2, s, conf)
		}
		return ok
	}
	e := a.arClauseEnd(c, s)
	if c > 0 && a.d.tokens[c-1].text == ":" {
		e = s.last // speech after a colon is not cut at its commas
	}
	if a.arOnlyAnaphor(c, e) {
		// «…، كما أشارت بعض الدراسات إلى ذلك»: what «ذلك» stands for is
		// the clause before the cue.
		b := cueI - 1
		for b > s.first && (a.d.tokens[b].kind == tokPunct || arBare(a.norm(b)) == "كما" || a.norm(b) == "كما") {
			b--
		}
		if b-s.first < 2 {
			return false
		}
		// «مشيرا إلى أن …، كما أشارت الدراسات إلى ذلك»: what was just
		// said, when a statement ends there, is said by both.
		if n := len(a.out); n > 0 && a.out[n-1].ContentSpan.End == a.d.tokens[b].end && a.out[n-1].ContentSpan.Start > a.d.tokens[s.first].start {
			if sp.id == "" {
				sp.id = a.actors.resolve(sp.span, KindUnknown)
			}
			if sp.id == "" {
				sp.id = a.actors.unclassified(sp.span)
			}
			if sp.id == "" {
				return false
			}
			st := a.out[n-1]
			cue := a.cueSpan(cueI, cueJ)
			st.SpeakerID, st.SpeakerText, st.SpeakerSpan = sp.id, sp.text, sp.span
			st.Cue, st.CueSpan = a.d.slice(cue), cue
			st.MentionIDs = append([]string(nil), st.MentionIDs...)
			a.out = append(a.out, st)
			return true
		}
		return a.emit(sp, cueI, cueJ, s.first, b, Indirect, conf)
	}
	if e > s.last {
		// «إن اسمه فلان «رأيت …. أعتقد …»»: the quotation that runs on
		// over full stops is a direct statement of its own, after the
		// indirect words before it.
		if r := a.q.regions[a.q.in[e]]; r.open > c {
			if a.d.tokens[r.open-1].text != ":" && a.hasWord(c, r.open-1) && !(a.isComp(c) && !a.hasWord(c+1, r.open-1)) {
				a.emit(sp, cueI, cueJ, c, r.open-1, Indirect, conf)
			}
			return a.emit(sp, cueI, cueJ, r.open, e, Direct, conf)
		}
	}
	ok := a.emit(sp, cueI, cueJ, c, e, Indirect, conf)
	// «قال إن …، وأن …»: the cue's second complement.
	if n := a.norm(e + 2); e+2 <= s.last && a.d.tokens[e+1].text == "،" && strings.HasPrefix(n, "و") && arComplementizers[strings.TrimPrefix(n, "و")] {
		a.arContent(sp, cueI, cueJ, e+2, s, conf)
	}
	return ok
}

// arIntro finds where the content of a verb cue starts, searching from token
// i up to the end of sentence s: after a complementizer (kept), a colon, or
// the cue's preposition. It returns -1 when nothing introduces content.
func (a *attributor) arIntro(i int, s sentence, c cue, direct bool) (start int, viaPrep bool) {
	toks := a.d.tokens
	// A relative clause on the speaker («شركة X التي تمتلك …») may stand
	// long before the complementizer.
	span := 20
	if arRelatives[a.norm(i)] {
		span = 32
	}
	for k := i; k <= s.last && k-i < span; k++ {
		t := toks[k]
		if a.isComp(k) {
			return k, false
		}
		if t.kind == tokPunct {
			if t.text == ":" {
				return k + 1, false
			}
			if r, ok := a.q.opensAt(k); ok && r.close-r.open > 5 && (k == i || direct) {
				return k, false
			}
			if t.text == "." || t.text == "؟" {
				return -1, false
			}
			continue
		}
		if _, ok := a.arCue(k); ok && k > i {
			return -1, false
		}
		n := t.norm
		if arIdiomObjects[n] && k == i {
			i++ // «يسلط … الضوء على»
			continue
		}
		if c.prep != "" && k == i {
			if n == c.prep && !a.isComp(k+1) && k+1 <= s.last {
				return k + 1, true
			}
			// «اعتذرت الشركة للمستخدمين عن …»: a hearer, then the
			// preposition.
			if (strings.HasPrefix(n, "لل") || arLamPronouns[n] || a.arHearer(k)) && a.norm(k+1) == c.prep && k+2 <= s.last && !a.isComp(k+2) {
				return k + 2, true
			}
			if c.prep == "ب" && strings.HasPrefix(n, "ب") && len([]rune(n)) > 3 {
				return k, true
			}
			if (n == "الي" || n == "علي" || n == "عن") && a.isComp(k+1) {
				return k + 1, false
			}
		}
	}
	return -1, false
}

// arCounted reports whether a number stands right before token i, which
// is then a counted noun, not a participle cue: «ثلاثة متهمين».
func (a *attributor) arCounted(i int) bool {
	if i == 0 {
		return false
	}
	p := a.d.tokens[i-1]
	if p.kind == tokNumber {
		return true
	}
	_, num := wordNum(p.norm, true)
	return p.kind == tokWord && num
}

// arabic finds the attributions of an Arabic document.
func (a *attributor) arabic() {
	d := a.d
	for _, s := range d.sentences {
		for i := s.first; i <= s.last; i++ {
			c, ok := a.arCue(i)
			if !ok {
				if arBare(d.tokens[i].norm) == "جاء" && !a.q.inside(i) {
					a.arCameIn(i, s)
				}
				continue
			}
			quoted := a.q.inside(i)
			switch c.class {
			case cueNominal:
				i = a.arNominal(i, s)
			case cuePart:
				if quoted || a.arCounted(i) {
					continue
				}
				sp := a.carriedAgreeing(a.arVerbGender(i), i)
				if h := a.arMentionBefore(i, s); h >= 0 && a.actors.actors[a.actors.mentions[h].actor].kind == KindPerson {
					// «واتفق معه الاقتصادي فلان مشيرا إلى أن»: the
					// subject named just before the participle.
					m := a.actors.mentions[h]
					sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
					a.setLast(sp)
				} else if h := a.arClauseSubject(i, s); h >= 0 {
					// «حيث رد مصدر مسؤول على تصريحاته، واصفا …»: the
					// subject of the participle's own clause.
					m := a.actors.mentions[h]
					sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
					a.arMarkGender(&sp, a.arVerbGender(i))
					a.setLast(sp)
				}
				k := i + 1
				if k < s.last && arLamPronouns[a.norm(k)] {
					k++ // «متهما لها بأنها …»: the object pronoun
				}
				if k <= s.last && (a.norm(k) == c.prep || a.norm(k) == "الي" || a.norm(k) == "علي") && a.isComp(k+1) {
					k++
				}
				if k <= s.last && d.tokens[k].text == ":" && k+1 <= s.last && isOpenQuote(d.tokens[k+1].text) {
					k++ // «قائلا: «…»»
				}
				if r, ok := a.q.opensAt(k); ok && r.close-r.open > 2 && c.prep == "" {
					// «وختم قائلا «…»»: the quotation itself.
					a.arContent(sp, i, i, k, s, 0.6)
				} else if a.isComp(k) || a.norm(k) == c.prep || (k <= s.last && d.tokens[k].text == ":") {
					if a.norm(k) == c.prep || d.tokens[k].text == ":" {
						k++
					}
					a.arContent(sp, i, i, k, s, 0.6)
				} else if p := a.arPrepAfterAdjunct(c, k, s); p > 0 {
					// «داعيا في مقابلة مع قناة محلية إلى …»: an adjunct,
					// then the participle's preposition.
					a.arContent(sp, i, i, p, s, 0.55)
				} else if a.arPartObject(c, k, s) {
					// «مؤكدا الحاجة إلى …», «واصفا الانفجار بأنه …»: what
					// is said is the participle's object.
					a.arObjectContent(sp, i, i, k, s, 0.55)
				}
			case cueVerb, cuePresent:
				a.arVerb(i, s, c, quoted)
			case cueNoun:
				if !quoted {
					a.arVerbalNoun(i, s, c)
				}
			}
		}
	}
}

// arPartObject reports whether token k, right after a participle cue c,
// opens the participle's direct object as its content: a participle that
// takes no preposition, or takes على or ب after an object («مؤكدا الحاجة»,
// «متهما الحكومة بالتقصير»), followed by a word that starts no adjunct
// and is no cue.
func (a *attributor) arPartObject(c cue, k int, s sentence) bool {
	if k > s.last || a.d.tokens[k].kind != tokWord || (c.prep != "" && c.prep != "علي" && c.prep != "ب") {
		return false
	}
	n := a.norm(k)
	if arSpeakerStops[n] || arClauseStarts[n] || a.q.inside(k) {
		return false
	}
	if _, ok := a.arCue(k); ok {
		return false
	}
	return a.hasWord(k+1, min(k+2, s.last))
}

// arVerb handles a finite verb cue at token i.
func (a *attributor) arVerb(i int, s sentence, c cue, quoted bool) {
	d := a.d
	var sp speaker
	// A hearer may stand between the verb and its subject: «وقال لرويترز
	// مسؤول …», «وقال لأنصاره إن …».
	first := i + 1
	if first <= s.last && a.arHearer(first) {
		first++
	}
	// «وقد أكد فيه على …», «وقال عنه إن …»: a preposition with a joined
	// pronoun is an adjunct, never the subject.
	if first <= s.last && arPrepPronouns[a.norm(first)] {
		first++
	}
	np := a.arNP(first, s.last)
	if np >= first && a.arGoesOnWithObject(i, first) {
		np = first - 1 // «وواصل هجومه على …»: the object, no subject
	}
	if c.prep == "ب" && first <= s.last && strings.HasPrefix(d.tokens[first].norm, "ب") && utf8.RuneCountInString(d.tokens[first].norm) > 3 && !a.actors.covered[first] {
		np = first - 1 // «أشادت بدور …»: the verb's preposition, no subject
	}
	// «يسعى لتوثيق …», «ويسعى المهاجم لتجنب …»: ل stands for the verb's
	// إلى before a verbal noun.
	lamAt := -1
	if c.prep == "الي" {
		for k := first; k <= np; k++ {
			if a.arLamNoun(k) {
				lamAt, np = k, k-1
				break
			}
		}
	}
	if np < first {
		// «وقال أمس وزير …», «وأكد مساء الثلاثاء الأمير …»: a time or
		// manner adverb between the verb and its subject.
		if k := a.arSkipAdverbs(first, s); k > first {
			if e := a.arNP(k, s.last); e >= k {
				first, np = k, e
			}
		}
	}
	objectAt := -1
	if c.prep == "ب" {
		// «وأهاب آل صالح بجميع المواطنين …», «وتطالب السلطات
		// بتسليمها …»: the phrase the preposition opens is no subject;
		// before it may stand the object («اتهم فلان الشركة بـ …»).
		for k := first + 1; k <= np; k++ {
			if n := d.tokens[k].norm; strings.HasPrefix(n, "ب") && utf8.RuneCountInString(n) > 3 && !a.actors.covered[k] {
				np = k - 1
				if arDirectObjectCues[arBare(d.tokens[i].norm)] && np > first && !quoted {
					if e := a.arObjectSplit(first, np); e < np {
						np, objectAt = e, e+1
					}
				}
				break
			}
		}
	}
	// Without a complementizer or preposition after the phrase, a
	// direct-object cue's phrase may run on into its object.
	if objectAt < 0 && np > first && arDirectObjectCues[arBare(d.tokens[i].norm)] && !quoted {
		if st, _ := a.arIntro(np+1, s, c, true); st < 0 {
			// A lone word before a comma is an epithet: «الشاعر المجيد، الأخ …».
			if e := a.arObjectSplit(first, np); e < np && !(e+1 == np && np+1 <= s.last && d.tokens[np+1].text == "،") {
				np, objectAt = e, e+1
			}
		}
	}
	after := max(np+1, first)
	// «طالب نائب رئيس التحرير، فلان، الحزب بـ …»: a name set off by
	// commas after the speaker's title belongs to the speaker.
	appositive := false
	var name Span // the appositive name
	if np >= first && !quoted && objectAt < 0 {
		if j := a.arAppositiveName(after, s); j > after && !a.arNameEndsAt(np) {
			name = a.tokSpan(after+1, j-1)
			np, after, appositive = j-1, j+1, true
		}
	}
	conf := 0.9
	ks, ke := a.arKanSubject(i, s)
	rs, re := a.arRelativeHead(i, s)
	switch {
	case rs >= 0 && !quoted:
		// «تقرير المجلس، الذي توقع نمو …»: the relative's head speaks,
		// and what follows the verb is its object or content.
		sp = speaker{span: a.tokSpan(rs, re)}
		sp.text = d.slice(sp.span)
		sp.id = a.actors.resolve(sp.span, KindUnknown)
		after, objectAt = i+1, -1
		if st, _ := a.arIntro(i+1, s, c, true); st < 0 && a.arPartObject(cue{}, i+1, s) {
			objectAt = i + 1
		}
	case i-1 >= s.first && arRelatives[a.norm(i-1)] && c.class == cuePresent:
		// «القضية التي تعتبر …»: a relative clause, not a report.
		return
	case ks >= 0 && !quoted:
		// «وكان X (قد) اتهمها بـ …»: the subject stands before the verb,
		// and what follows the verb is its object or content.
		sp = speaker{span: a.tokSpan(ks, ke)}
		sp.text = d.slice(sp.span)
		sp.id = a.actors.resolve(sp.span, KindUnknown)
		after, objectAt = i+1, -1
	case (np < first || a.arDualOrPlural(i)) && !quoted && a.arCompSubject(i, s) >= 0:
		// «… أن الدراسات الأخيرة أشارت إلى أن …»: inside what another
		// said, a subject between the complementizer and the verb.
		si := a.arCompSubject(i, s)
		sp = speaker{span: a.tokSpan(si, i-1)}
		sp.text = d.slice(sp.span)
		sp.id = a.actors.resolve(sp.span, KindUnknown)
		after, objectAt, conf, np = i+1, -1, 0.8, first-1
	case np < first && !quoted && a.arSourceBefore(i, s) >= 0:
		// «بعد تقارير غربية أشارت إلى …»: an indefinite source and the
		// verb that describes it, a relative clause without a pronoun.
		m := a.actors.mentions[a.arSourceBefore(i, s)]
		sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
	case np < first && !quoted && a.arSubjectBefore(i, s) >= 0:
		// «أمل صقر أشادت بـ …»: the subject named before the verb.
		m := a.actors.mentions[a.arSubjectBefore(i, s)]
		sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
	case np >= first:
		si, sj := a.trimSpeaker(first, np)
		if si > sj {
			return
		}
		sp = speaker{span: a.tokSpan(si, sj)}
		sp.text = d.slice(sp.span)
		if !quoted {
			sp.id = a.actors.resolve(sp.span, KindUnknown)
			// The name says who holds the title: «رئيس الوزراء الأسبق،
			// فلان» is not the title's holder today.
			if appositive {
				if id := a.actors.resolve(name, KindPerson); id != "" {
					sp.id = id
				} else if id := a.actors.unclassified(name); id != "" {
					sp.id = id
				}
			}
		}
	}
	if sp.span.Len() > 0 {
		a.arMarkGender(&sp, a.arVerbGender(i))
	}
	if !sp.ok() {
		// A present-tense verb carries only the subject of its own
		// sentence («يكشف أوباما خطة … يصفها بأنها …»).
		// «ومضى يقول:», «وتابع يقول»: a verb of going on lends the
		// present its implied subject.
		goesOn := i-1 >= s.first && arGoOnVerbs[arBare(a.norm(i-1))]
		if !quoted && c.class == cuePresent && !goesOn {
			// «هاجم الوزير فلان الشركة، ويصفها بأنها …»: a present verb
			// joined by و after a comma continues the sentence's subject,
			// the first person it names.
			if h := a.arSentenceSubject(i, s); h >= 0 {
				m := a.actors.mentions[h]
				sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
				conf = 0.6
			}
		}
		if !sp.ok() && (quoted || (c.class == cuePresent && !goesOn && a.lastSent != a.d.sentenceOf(d.tokens[i].start))) {
			return
		}
		// «كتبت الصحيفة أن المعارضة تطالب بـ …»: a verb inside what was
		// said has its own subject there, not the last speaker.
		if a.insideContent(i) {
			return
		}
		if !sp.ok() && !quoted {
			if h := a.arClauseSubject(i, s); h >= 0 {
				m := a.actors.mentions[h]
				sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
				conf = 0.6
			}
		}
		if !sp.ok() {
			sp = a.carriedAgreeing(a.arVerbGender(i), i)
			conf = 0.6
		}
		if !sp.ok() && !quoted {
			// «وفي ختام لقائنا مع الإعلامية فلانة سألتها …، قالت:»: no
			// earlier speaker agrees, but a person named in the sentence
			// does.
			if h := a.arSentencePerson(i, s); h >= 0 {
				m := a.actors.mentions[h]
				sp = speaker{span: m.span, text: d.slice(m.span), id: a.actors.actors[m.actor].id}
				a.arMarkGender(&sp, a.arVerbGender(i))
			}
		}
	}
	start, viaPrep := a.arIntro(after, s, c, true)
	if start < 0 && (after == i+1 && np < first || appositive) {
		// A subject before the verb leaves its object after it, then the
		// preposition: «… أبلغتا السلطات باحتجاز …».
		start = a.arObjectThenPrep(after, s, c, appositive)
	}
	if start < 0 && lamAt >= 0 && lamAt >= after {
		start, viaPrep = lamAt, true
	}
	object := false // the content is the verb's object: a noun phrase
	if objectAt >= 0 {
		start, viaPrep, conf, object = objectAt, false, conf-0.1, true
	}
	if start < 0 && np >= first && !quoted && arDirectObjectCues[arBare(d.tokens[i].norm)] {
		// «أعلنت الوزارة الثلاثاء ضبط 13 …»: the object after a time
		// adverb.
		if k := a.arSkipAdverbs(after, s); k > after && a.arPartObject(cue{}, k, s) {
			start, conf, object = k, conf-0.1, true
		}
	}
	if start < 0 {
		// «أعلن X، مقتل …»: a comma after a named speaker opens the object.
		if np >= first && after <= s.last && d.tokens[after].text == "،" && !quoted && arObjectCues[arBare(d.tokens[i].norm)] {
			if _, isCue := a.arCue(after + 1); !isCue && after+1 <= s.last {
				start, conf = after+1, conf-0.1
			}
		} else if np >= first && !quoted && (arSayingVerbs[arBare(d.tokens[i].norm)] || arObjectCues[arBare(d.tokens[i].norm)]) {
			// «وقال المتحدث باسم الهيئة في المنطقة فلان، تلقت …»: the
			// speaker's adjuncts and name run to the comma.
			// A verb that takes an object («أكد سفير المملكة لدى فرنسا
			// فلان، سلامة …») needs an envoy's «لدى»
			// or a person's name before the comma: else the phrase may be
			// the object itself.
			saying := arSayingVerbs[arBare(d.tokens[i].norm)]
			titled := a.norm(after) == "لدي"
			if j := a.arSpeakerComma(after, s); j > after && j+1 <= s.last && (saying || titled || a.arPersonEndsAt(j-1)) {
				if _, isCue := a.arCue(j + 1); !isCue {
					sp = speaker{span: a.tokSpan(first, j-1)}
					sp.text = d.slice(sp.span)
					sp.id = a.actors.resolve(sp.span, KindUnknown)
					a.arMarkGender(&sp, a.arVerbGender(i))
					start, conf = j+1, conf-0.1
					object = !saying
				}
			}
		}
	}
	if start < 0 {
		// A named subject at the head of the sentence stays the topic
		// («يكشف أوباما خطة … يصفها بأنها …»).
		if sp.span.Len() > 0 && !quoted && (i <= s.first+2 || a.arPartFollows(after, s)) {
			a.setLast(sp)
		}
		return
	}
	if sp.span.Len() > 0 && !quoted {
		a.setLast(sp)
	}
	if viaPrep {
		conf -= 0.1
	}
	if quoted && !a.isComp(start) {
		return
	}
	if viaPrep && arRelayVerbs[arBare(d.tokens[i].norm)] && a.arRelay(sp, i, start, s, conf) {
		return
	}
	// «أبلغت الوزارة والمنظمة …», a dual verb after two conjoined
	// subjects: each says it.
	var second speaker
	if k := a.arDualConjunct(i, sp.span); k >= 0 {
		si, sj := a.d.tokenAt(sp.span.Start), a.d.tokenAt(sp.span.End)-1
		second = speaker{span: a.tokSpan(k, sj)}
		second.span.Start += len([]rune("و"))
		second.text = d.slice(second.span)
		second.id = a.actors.resolve(second.span, KindUnknown)
		if second.id == "" {
			second.id = a.actors.unclassified(second.span)
		}
		sp.span = a.tokSpan(si, k-1)
		sp.text = d.slice(sp.span)
		sp.id = a.actors.resolve(sp.span, KindUnknown)
	}
	before := len(a.out)
	if object {
		a.arObjectContent(sp, i, i, start, s, conf)
	} else {
		a.arContent(sp, i, i, start, s, conf)
	}
	if second.ok() && second.id != "" && len(a.out) > before {
		st := a.out[before]
		st.SpeakerID, st.SpeakerText, st.SpeakerSpan = second.id, second.text, second.span
		st.MentionIDs = append([]string(nil), st.MentionIDs...)
		a.out = append(a.out, st)
	}
	// «وأوضح مصدر في بيان نقلته وكالة الأنباء أن …»: the agency that
	// carried the statement reports it too.
	if len(a.out) > before && start > after {
		if ri, rj := a.arRelayedBy(after, start-1); ri >= 0 {
			st := a.out[before]
			span := a.tokSpan(ri, rj)
			id := a.actors.resolve(span, KindUnknown)
			if id == "" {
				id = a.actors.unclassified(span)
			}
			if id != "" {
				cue := a.tokSpan(ri-1, ri-1)
				st.SpeakerID, st.SpeakerText, st.SpeakerSpan = id, d.slice(span), span
				st.Cue, st.CueSpan = d.slice(cue), cue
				st.MentionIDs = append([]string(nil), st.MentionIDs...)
				a.out = append(a.out, st)
			}
		}
	}
}

// arCameIn handles «وجاء في بيان الوزارة أن …», «وجاء على صفحة الفيفا
// «…»» at token i: the document or page speaks for the actor it names or
// for its issuer. Nothing is emitted when neither is known.
func (a *attributor) arCameIn(i int, s sentence) {
	d := a.d
	p := i + 1
	if p > s.last || (a.norm(p) != "في" && a.norm(p) != "علي") {
		return
	}
	np := a.arNP(p+1, s.last)
	if np < p+1 {
		return
	}
	si, sj := a.trimSpeaker(p+1, np)
	if si > sj {
		return
	}
	sp := speaker{span: a.tokSpan(si, sj)}
	sp.text = d.slice(sp.span)
	sp.id = a.documentSpeaker(sp)
	if sp.id == "" {
		// The page or document of a body or person the finder knows.
		switch id := a.actors.resolve(sp.span, KindUnknown); a.actors.kind(id) {
		case KindPerson, KindOrganization, KindGroup, KindAnonymous:
			sp.id = id
		}
	}
	if sp.id == "" {
		return
	}
	start, _ := a.arIntro(np+1, s, cue{class: cueVerb}, true)
	if start < 0 {
		return
	}
	a.arContent(sp, i, p, start, s, 0.7)
}

// arRelayPronounVerbs carry a statement named just before them: «في بيان
// نقلته وكالة …», «في تصريح أوردته صحيفة …».
var arRelayPronounVerbs = setOf("نقلته", "نقلتها", "نشرته", "نشرتها", "اوردته", "اوردتها", "بثته", "بثتها", "اوردها", "نقلها", "نشرها")

// arRelayedBy returns the tokens of the source that carried a statement
// named between a cue's subject and its content, tokens [from, to]
// («في بيان نقلته وكالة الأنباء "واس"،»), or -1, -1.
func (a *attributor) arRelayedBy(from, to int) (int, int) {
	for k := from; k < to && k <= from+4; k++ {
		if !arRelayPronounVerbs[a.norm(k)] || a.documentKey(k-1) == "" && !arStatementNouns[strings.TrimPrefix(a.norm(k-1), "ال")] {
			continue
		}
		np := a.arNP(k+1, to)
		if np < k+1 {
			return -1, -1
		}
		i, j := a.trimSpeaker(k+1, np)
		if i > j {
			return -1, -1
		}
		return i, j
	}
	return -1, -1
}

// arStatementNouns name an utterance that a medium may carry.
var arStatementNouns = setOf("تصريح", "تصريحات", "حديث", "مقابله", "كلمه", "لقاء")

// arDualConjunct returns the token that opens the second of two subjects
// joined by و in the speaker span sp of the dual verb at token i («وزارة
// الداخلية ومنظمة محلية أبلغتا»), or -1: the verb must be dual and each
// conjunct a name or noun phrase of its own.
func (a *attributor) arDualConjunct(i int, sp Span) int {
	if sp.Len() == 0 {
		return -1
	}
	n := arBare(a.norm(i))
	dual := strings.HasSuffix(n, "تا")
	if t, ok := strings.CutSuffix(n, "ا"); ok && !dual {
		_, dual = cuesAr[t]
	}
	if !dual {
		return -1
	}
	si, sj := a.d.tokenAt(sp.Start), a.d.tokenAt(sp.End)-1
	if si < 0 || sj < si {
		return -1
	}
	for k := si + 1; k <= sj; k++ {
		t := a.d.tokens[k]
		if t.kind != tokWord {
			return -1
		}
		if strings.HasPrefix(t.norm, "و") && utf8.RuneCountInString(t.norm) > 3 {
			return k
		}
	}
	return -1
}

// arObjectContent emits a statement whose content is a cue's object, the
// noun phrase at token c: it ends with its clause or at the first comma
// outside quotations («يزعم الدفاع عن السنة، مع …», «مبديا إعجابه
// بالنتائج، وتطلع …»).
func (a *attributor) arObjectContent(sp speaker, cueI, cueJ, c int, s sentence, conf float64) bool {
	e := a.arClauseEnd(c, s)
	from := c
	// «ووصفت السعودية تصريحات الوزير، فلان، التي …، بالعدوانية»: a cue
	// that takes its object then ب runs to the ب phrase.
	if cu, ok := a.arCue(cueI); ok && cu.prep == "ب" {
		for k := c + 1; k <= e && k <= c+20; k++ {
			if r, ok := a.q.opensAt(k); ok && r.close > k {
				k = r.close
				continue
			}
			if n := a.norm(k); strings.HasPrefix(n, "ب") && utf8.RuneCountInString(n) > 3 && !a.actors.covered[k] && a.d.tokens[k].kind == tokWord {
				from = k
				break
			}
		}
	}
	for k := from; k <= e; k++ {
		if r, ok := a.q.opensAt(k); ok && r.close > k {
			k = r.close
			continue
		}
		if t := a.d.tokens[k].text; t == "،" || t == "," || t == "؛" {
			e = k - 1
			break
		}
	}
	return a.emit(sp, cueI, cueJ, c, e, Indirect, conf)
}

// arPrepAfterAdjunct returns the token that opens the content when an
// adjunct opened by «في», «خلال» or «عبر» at token k stands between a cue
// c and its preposition («داعيا في مقابلة تلفزيونية مع قناة محلية إلى …»),
// within a dozen words and no punctuation, cue or complementizer; else -1.
func (a *attributor) arPrepAfterAdjunct(c cue, k int, s sentence) int {
	if c.prep == "" || c.prep == "ب" {
		return -1
	}
	if n := a.norm(k); n != "في" && n != "خلال" && n != "عبر" {
		return -1
	}
	for j := k + 2; j <= s.last && j <= k+14; j++ {
		if a.d.tokens[j].kind != tokWord || a.isComp(j) {
			return -1
		}
		if _, ok := a.arCue(j); ok {
			return -1
		}
		if a.norm(j) == c.prep && j+1 <= s.last && a.d.tokens[j+1].kind == tokWord {
			return j
		}
	}
	return -1
}

// arPostVerbAdverbs are the time and manner words that may stand between
// a verb and its subject.
var arPostVerbAdverbs = setOf("اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
	"يوم", "صباح", "مساء", "ليله", "فجر", "ظهر", "الاول", "ايضا", "كذلك", "مجددا", "بدوره", "بدورها", "بدورهم",
	"اخيرا", "موخرا", "حاليا", "سابقا", "لاحقا", "الماضي", "الفايت", "هذا", "الاسبوع", "الشهر",
	"وقتها", "حينها", "انذاك", "حينذاك", "وقتذاك")

// arSkipAdverbs returns the first token at or after i that is no adverb
// of arPostVerbAdverbs nor «من جانبه»/«من جهته», within sentence s.
func (a *attributor) arSkipAdverbs(i int, s sentence) int {
	k := i
	for k <= s.last && k-i < 5 {
		n := a.norm(k)
		if arPostVerbAdverbs[n] {
			k++
			continue
		}
		if n == "من" && k+1 <= s.last && (strings.HasPrefix(a.norm(k+1), "جانب") || strings.HasPrefix(a.norm(k+1), "جهت")) {
			k += 2
			continue
		}
		break
	}
	return k
}

// arRelativeHead returns the tokens of the actor that a relative pronoun
// right before the verb at token i refers to: a name the actor finder
// knows, or a document or source phrase, ending just before the pronoun or
// its comma («داعش الذي يزعم», «تقرير المجلس العالمي، الذي توقع»). It
// returns -1, -1 when no relative stands there or its head is no actor.
func (a *attributor) arRelativeHead(i int, s sentence) (int, int) {
	r := i - 1
	if r <= s.first || !arRelatives[a.norm(r)] {
		return -1, -1
	}
	// The verb agrees with the pronoun («التي قال القراصنة» is no report
	// of what the head said), and no subject of its own follows it
	// («الذي أشارت تقارير إلى …»).
	switch g := a.arVerbGender(i); strings.TrimPrefix(a.norm(r), "و") {
	case "الذي":
		if g == genderFem {
			return -1, -1
		}
	case "التي":
		if g == genderMasc {
			return -1, -1
		}
	}
	for _, m := range a.actors.mentions {
		if m.first == i+1 {
			return -1, -1
		}
	}
	end := r - 1
	if end >= s.first && (a.d.tokens[end].text == "،" || a.d.tokens[end].text == ",") {
		end--
	}
	phraseEnd := end
	for end >= s.first && (isCloseQuote(a.d.tokens[end].text) || arAdjectives[a.norm(end)] || strings.HasSuffix(a.norm(end), "ي") && strings.HasPrefix(a.norm(end), "ال")) {
		end-- // «داعش” الإرهابي الذي»: adjectives and marks after the name
	}
	if end < s.first {
		return -1, -1
	}
	ms := a.actors.mentions
	best := -1
	for j, m := range ms {
		if m.last == end && m.first >= s.first && (best < 0 || m.first < ms[best].first) {
			best = j
		}
	}
	if best < 0 {
		// A document that speaks: «تقرير المجلس العالمي …».
		for k := end; k >= s.first && k >= end-5; k-- {
			if a.d.tokens[k].kind == tokPunct && !isOpenQuote(a.d.tokens[k].text) && !isCloseQuote(a.d.tokens[k].text) {
				break
			}
			if n := arBare(a.norm(k)); arDocumentSources[n] || arDocumentSources[strings.TrimPrefix(n, "ال")] {
				return k, phraseEnd
			}
		}
		return -1, -1
	}
	return ms[best].first, end
}

// arKanSubject returns the tokens of the subject in «كان + subject (+ قد)
// + verb» and «أما + subject + فـverb» for the verb at token i («وكان
// الوزير قد أشار», «وكان ساركوزي شكك», «وأما طلال فقال»), or -1, -1. The subject is a short noun phrase with no cue and no
// clause break in it.
func (a *attributor) arKanSubject(i int, s sentence) (int, int) {
	end := i - 1
	if end >= s.first && a.norm(end) == "قد" {
		end--
	}
	// «وأما X فقال»: the topic of أما is the subject of the verb joined
	// to it by ف.
	amma := strings.HasPrefix(a.norm(i), "ف") && arBare(a.norm(i)) != a.norm(i)
	for k := end; k >= s.first && k >= end-16; k-- {
		t := a.d.tokens[k]
		if arSubjectKan[t.norm] || amma && (t.norm == "اما" || t.norm == "واما") {
			si, sj := a.trimSpeaker(k+1, end)
			if si > sj || a.actors.nonNameOnly(si, sj) {
				return -1, -1
			}
			return si, sj
		}
		// «وكانت مدونة تدعى «…» أو (…) قد أعلنت»: names in quotation
		// marks and brackets belong to the subject.
		if t.kind == tokPunct && !isOpenQuote(t.text) && !isCloseQuote(t.text) && t.text != "(" && t.text != ")" {
			return -1, -1
		}
		if _, ok := a.arCue(k); ok || arSpeakerStops[t.norm] || a.isComp(k) {
			return -1, -1
		}
	}
	return -1, -1
}

// arVerbGender returns the gender that the cue at token i agrees with: a
// past verb with ت («أضافت»), a present verb with ت («تقول») or a
// participle with ة («مشيرة») is feminine; the bare forms («أضاف»,
// «يقول», «مشيرا») are masculine; duals and plurals say nothing here.
func (a *attributor) arVerbGender(i int) gender {
	n := arBare(a.norm(i))
	if _, ok := cuesAr[n]; !ok {
		n = a.norm(i)
		if _, ok := cuesAr[n]; !ok {
			return genderUnknown
		}
	}
	isCue := func(w string) bool { _, ok := cuesAr[w]; return ok && w != "" }
	switch {
	case strings.HasSuffix(n, "ت") && isCue(strings.TrimSuffix(n, "ت")):
		return genderFem
	case strings.HasPrefix(n, "ت") && isCue("ي"+strings.TrimPrefix(n, "ت")):
		return genderFem
	case strings.HasSuffix(n, "ه") && isCue(strings.TrimSuffix(n, "ه")+"ا"):
		return genderFem
	case strings.HasSuffix(n, "وا") || strings.HasSuffix(n, "ون") || strings.HasSuffix(n, "ين"):
		return genderUnknown
	case strings.HasSuffix(n, "ا") && isCue(strings.TrimSuffix(n, "ا")):
		return genderUnknown // dual «أضافا»
	}
	return genderMasc
}

// arMascNames end in ة but name men.
var arMascNames = setOf("اسامه", "حمزه", "طلحه", "معاويه", "عبيده", "عكرمه", "قتاده")

// arMarkGender records what sp takes: the gender of the verb that named it,
// else a feminine head noun («الوزارة», «الحكومة», «وكالة», «المتحدثة»).
func (a *attributor) arMarkGender(sp *speaker, g gender) {
	a.arMarkNumber(sp)
	switch g {
	case genderFem:
		sp.fem = true
		return
	case genderMasc:
		sp.masc = true
		return
	}
	i := a.d.tokenAt(sp.span.Start)
	if i < 0 {
		return
	}
	head := strings.TrimPrefix(a.norm(i), "ال")
	if strings.HasSuffix(head, "ه") && len([]rune(head)) > 2 && !arMascNames[head] {
		sp.fem = true
	}
}

// arMarkNumber records whether sp is one or many: a person is one, a
// group many, and so is a definite or anonymous head noun in a sound
// plural («المسؤولون», «الناشطين»).
func (a *attributor) arMarkNumber(sp *speaker) {
	switch a.actors.kind(sp.id) {
	case KindPerson:
		sp.one = true
		return
	case KindGroup:
		sp.many = true
		return
	}
	i := a.d.tokenAt(sp.span.Start)
	if i < 0 {
		return
	}
	// A name may end the same way («بروين»): only a definite noun or an
	// anonymous source's head is read as a plural.
	head := arBare(a.norm(i))
	if !strings.HasPrefix(head, "ال") && a.actors.kind(sp.id) != KindAnonymous {
		return
	}
	if utf8.RuneCountInString(head) > 5 && (strings.HasSuffix(head, "ون") || strings.HasSuffix(head, "ين")) {
		sp.many = true
	}
}

// arRelayVerbs relay what another source said: «نقلت X عن Y قوله …».
var arRelayVerbs = setOf("نقل", "نقلت", "نقلوا", "ينقل", "تنقل")

// arRelayWords end the relayed source and introduce its words.
var arRelayWords = setOf("قوله", "قولها", "قولهم", "قولهما", "تاكيده", "تاكيدها", "تصريحه", "تصريحها")

// arRelay handles «نقلت X عن Y قوله …» and «نقلت X عن Y أن …» for the relay
// verb at token i whose source Y starts at token start: the content is
// attributed to both the relaying X and the relayed Y. It returns false when
// no relayed source with words of its own follows.
func (a *attributor) arRelay(sp speaker, i, start int, s sentence, conf float64) bool {
	d := a.d
	k := start
	for ; k <= s.last && k-start <= 10; k++ {
		if arRelayWords[a.norm(k)] || a.isComp(k) || d.tokens[k].text == ":" {
			break
		}
	}
	if k == start || k > s.last || k-start > 10 {
		return false
	}
	si, sj := a.trimSpeaker(start, k-1)
	if si > sj {
		return false
	}
	for m := si; m <= sj; m++ {
		// The relayed source is a noun phrase, adjuncts and all («طبيب في
		// مستشفى جازان»), but holds no cue and no clause break.
		if _, ok := a.arCue(m); ok || d.tokens[m].kind == tokPunct && !isOpenQuote(d.tokens[m].text) && !isCloseQuote(d.tokens[m].text) {
			return false
		}
	}
	cueI, c := start-1, k // the cue of the relayed source: عن, or قوله
	if arRelayWords[a.norm(k)] {
		cueI, c = k, k+1
		if c <= s.last && d.tokens[c].text == ":" {
			c++
		}
	} else if d.tokens[k].text == ":" {
		c = k + 1
	}
	before := len(a.out)
	a.arContent(sp, i, i, c, s, conf)
	if len(a.out) == before {
		return true
	}
	inner := speaker{span: a.tokSpan(si, sj)}
	inner.text = d.slice(inner.span)
	// The source is named by the head of its phrase: «طبيب في مستشفى
	// جازان» is a doctor, not the hospital.
	head := a.tokSpan(si, max(a.arNP(si, sj), si))
	inner.id = a.actors.resolve(head, KindAnonymous)
	if inner.id == "" {
		inner.id = a.actors.unclassified(inner.span)
	}
	st := a.out[before]
	cue := a.tokSpan(cueI, cueI)
	st.SpeakerID, st.SpeakerText, st.SpeakerSpan = inner.id, inner.text, inner.span
	st.Cue, st.CueSpan = d.slice(cue), cue
	st.MentionIDs = append([]string(nil), st.MentionIDs...)
	a.out = append(a.out, st)
	a.setLast(inner)
	return true
}

// arNominal handles a source phrase at token i («بحسب», «وفقا لـ», «نقلا
// عن») and returns the last token it used.
func (a *attributor) arNominal(i int, s sentence) int {
	d := a.d
	k := i + 1
	// «وفقا لـ»: the preposition may stand alone.
	if k <= s.last && (d.tokens[k].norm == "ل" || d.tokens[k].norm == "عن" || d.tokens[k].norm == "الي") {
		k++
	}
	if k > s.last {
		return i
	}
	cueEnd := k - 1
	var sp speaker
	npStart := k
	conf := 0.7
	// «حسبما ذكرت X»: ما joined to the source word.
	if strings.HasSuffix(arBare(d.tokens[i].norm), "بما") || strings.HasSuffix(arBare(d.tokens[i].norm), "قما") {
		if c, ok := a.arCue(k); ok && (c.class == cueVerb || c.class == cuePresent) {
			cueEnd = k
			npStart = k + 1
		} else {
			return i
		}
	} else if a.norm(k) == "ما" {
		// «بحسب ما قال X»: the speaker follows the verb.
		if c, ok := a.arCue(k + 1); ok && (c.class == cueVerb || c.class == cuePresent) {
			cueEnd = k + 1
			npStart = k + 2
		} else {
			return i
		}
	}
	np := a.arNP(npStart, s.last)
	if np < npStart || a.q.inside(i) {
		return i
	}
	head := d.tokens[npStart].norm
	span := a.tokSpan(npStart, np)
	// A joined ل or ب belongs to the phrase, not the speaker: «لشبكة».
	if (strings.HasPrefix(head, "ل") || strings.HasPrefix(head, "ب")) && npStart == k && cueEnd == i && len([]rune(head)) > 3 {
		span.Start++
		head = head[len("ل"):]
	}
	if arNonSources[head] || arNonSources[strings.TrimPrefix(head, "ال")] {
		return np
	}
	sp = speaker{span: span, text: d.slice(span)}
	a.arMarkGender(&sp, genderUnknown)
	if a.documentKey(npStart) != "" {
		sp.id = a.documentSpeaker(sp) // «وبحسب البيان»: its issuer, when known
	}
	if sp.id == "" {
		sp.id = a.actors.resolve(span, KindUnknown)
	}
	if sp.id == "" {
		// «حسب احتياجات الفريق»: «حسب» also means "depending on"; only a
		// phrase that names an actor or a document is a source.
		if !arDocumentSources[head] && !arDocumentSources[strings.TrimPrefix(head, "ال")] {
			return np
		}
		// «وبحسب البيان»: the body that issued it, when known.
		if sp.id = a.documentSpeaker(sp); sp.id == "" {
			sp.id = a.actors.unclassified(span)
		}
	}
	a.setLast(sp)
	// Content before the phrase: «…، بحسب X».
	before := 0
	from := s.first
	for j := s.first; j < i; j++ {
		if d.tokens[j].kind != tokPunct {
			before++
		}
	}
	// «وذكرت الصحيفة استنادا إلى X أن …»: a complementizer after the
	// source opens the content, and what precedes is the reporter.
	// «…، وبحسب البيان، أغرى …»: a source phrase joined by و after a
	// comma opens a clause of its own, and its content follows.
	opens := i > s.first && arBare(d.tokens[i].norm) != d.tokens[i].norm && (d.tokens[i-1].text == "،" || d.tokens[i-1].text == ",") &&
		np+1 <= s.last && (d.tokens[np+1].text == "،" || d.tokens[np+1].text == ",")
	if before >= 3 && !opens && !(np+1 <= s.last && a.isComp(np+1)) {
		return a.emitBefore(sp, i, cueEnd, from, i-1, conf, np)
	}
	// Content after: «وبحسب X، فإن …».
	c := np + 1
	for c <= s.last && d.tokens[c].kind == tokPunct && !isOpenQuote(d.tokens[c].text) {
		c++
	}
	if c > s.last {
		return np
	}
	a.arContent(sp, i, cueEnd, c, s, conf)
	return np
}

// emitBefore emits content that precedes its cue, tokens [from, to], and
// returns ret.
func (a *attributor) emitBefore(sp speaker, cueI, cueJ, from, to int, conf float64, ret int) int {
	kind := Indirect
	i, j := a.trimContent(from, to)
	if i <= j {
		if r, ok := a.q.opensAt(i); ok && r.close == j {
			kind = Direct
		}
	}
	a.emit(sp, cueI, cueJ, from, to, kind, conf)
	return ret
}
