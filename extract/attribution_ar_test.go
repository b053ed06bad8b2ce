package extract

import "testing"

// TestArabicStatementKinds holds one invented case for each kind of error
// found on Arabic news the rules were not built on: a subject named at the
// head of the clause, cues missing from the lexicon, clauses that run into
// the next statement.
func TestArabicStatementKinds(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantStatement
	}{
		{
			name: "clause-subject-after-haythu",
			text: "وقد مثل اللاعب سامر الخطيب أمام لجنة الانضباط في جدة حيث أكد أنه لم يقصد الإساءة.",
			want: []wantStatement{{"سامر الخطيب", "أكد", "أنه لم يقصد الإساءة", Indirect}},
		},
		{
			name: "clause-subject-after-comma",
			text: "وقدم المدرب سامر الخطيب استقالته من النادي بعد خسارة الفريق، ودعا إلى انتخاب مجلس جديد للنادي.",
			want: []wantStatement{{"سامر الخطيب", "دعا", "انتخاب مجلس جديد للنادي", Indirect}},
		},
		{
			name: "abbara-an-is-a-cue",
			text: "وعبر الوزير سامي الخطيب عن أسفه لما حدث في الملعب.",
			want: []wantStatement{{"الوزير سامي الخطيب", "عبر", "أسفه لما حدث في الملعب", Indirect}},
		},
		{
			name: "abra-through-is-no-cue",
			text: "ووصلت المساعدات عبر الحدود عن طريق معبر رفح. وعبر أجهزة الكشف الجديدة عن المعادن تمر الحقائب.",
		},
		{
			name: "wa-bayna-between-is-no-cue",
			text: "وأضاف الوزير سامي الأحمد أن العمل مستمر بينها وبين الولايات المتحدة ووزارة الدفاع، مشددا على أنه يجب التعاون.",
			want: []wantStatement{
				{"الوزير سامي الأحمد", "أضاف", "أن العمل مستمر بينها وبين الولايات المتحدة ووزارة الدفاع", Indirect},
				{"الوزير سامي الأحمد", "مشددا", "أنه يجب التعاون", Indirect},
			},
		},
		{
			name: "kan-subject-present-bet",
			text: "وكان بعض المستثمرين يراهن على أن البنك سيخفض الفائدة.",
			want: []wantStatement{{"بعض المستثمرين", "يراهن", "أن البنك سيخفض الفائدة", Indirect}},
		},
		{
			name: "particle-and-cue-end-the-clause",
			text: "وعبرت الصحف المحلية عن استيائها من القرار، فقد كتبت صحيفة الأنباء أن القرار متسرع.",
			want: []wantStatement{
				{"الصحف المحلية", "عبرت", "استيائها من القرار", Indirect},
				{"صحيفة الأنباء", "كتبت", "أن القرار متسرع", Indirect},
			},
		},
		{
			name: "complementizer-bi-annani",
			text: "وادعت الصحيفة الأسبوعية بأنني أتهرب من دفع الضرائب.",
			want: []wantStatement{{"الصحيفة الأسبوعية", "ادعت", "بأنني أتهرب من دفع الضرائب", Indirect}},
		},
		{
			name: "economist-title-heads-a-person",
			text: "وقال الخبير سامي الكبير إن السوق جيد. واتفق مع الرأي السابق الاقتصادي عادل العتيبي مشيرا إلى أن الأسعار سترتفع.",
			want: []wantStatement{
				{"الخبير سامي الكبير", "قال", "إن السوق جيد", Indirect},
				{"عادل العتيبي", "مشيرا", "أن الأسعار سترتفع", Indirect},
			},
		},
		{
			name: "nested-subject-before-verb",
			text: "وأكد الخبراء أن الدراسات الحديثة أشارت إلى أن عدد الزوار ارتفع.",
			want: []wantStatement{
				{"الخبراء", "أكد", "أن الدراسات الحديثة أشارت إلى أن عدد الزوار ارتفع", Indirect},
				{"الدراسات الحديثة", "أشارت", "أن عدد الزوار ارتفع", Indirect},
			},
		},
		{
			name: "dual-verb-two-subjects",
			text: "وقال المتحدث باسم الشرطة إن وزارة الداخلية ومنظمة محلية أبلغتا السلطات باحتجاز العمال.",
			want: []wantStatement{
				{"المتحدث باسم الشرطة", "قال", "إن وزارة الداخلية ومنظمة محلية أبلغتا السلطات باحتجاز العمال", Indirect},
				{"وزارة الداخلية", "أبلغتا", "السلطات باحتجاز العمال", Indirect},
				{"منظمة محلية", "أبلغتا", "السلطات باحتجاز العمال", Indirect},
			},
		},
		{
			name: "quote-over-full-stops-after-indirect-words",
			text: "وقال أحد الشهود لوكالة الأنباء إن اسمه سامر «رأيت أكثر من عشر سيارات محترقة. أعتقد أن عدد الجرحى كبير». وفي خبر آخر افتتح المعرض.",
			want: []wantStatement{
				{"أحد الشهود", "قال", "إن اسمه سامر", Indirect},
				{"أحد الشهود", "قال", "رأيت أكثر من عشر سيارات محترقة. أعتقد أن عدد الجرحى كبير", Direct},
			},
		},
		{
			name: "kan-subject-with-quoted-and-bracketed-names",
			text: "وكانت شركة أمنية تدعى «درع الشبكة» أو (حارس الشبكة) قد أعلنت عن اكتشاف الثغرة أمس.",
			want: []wantStatement{{"شركة أمنية تدعى «درع الشبكة» أو (حارس الشبكة", "أعلنت", "اكتشاف الثغرة أمس", Indirect}},
		},
		{
			name: "participle-takes-the-verbs-subject",
			text: "وقال المدير إن العمل مستمر. وتعليقا على ذلك، كتب المحلل السياسي، قائلا: «لم يعد بإمكاني الدفاع عن القرار».",
			want: []wantStatement{
				{"المدير", "قال", "إن العمل مستمر", Indirect},
				{"المحلل السياسي", "قائلا", "لم يعد بإمكاني الدفاع عن القرار", Direct},
			},
		},
		{
			name: "second-complement-after-quotation",
			text: "وكتبت صحيفة الأنباء: «الحكومة تتراجع»، وأن ما صدر عن الوزير يعد تراجعا واضحا.",
			want: []wantStatement{
				{"صحيفة الأنباء", "كتبت", "الحكومة تتراجع", Direct},
				{"صحيفة الأنباء", "كتبت", "وأن ما صدر عن الوزير يعد تراجعا واضحا", Indirect},
			},
		},
		{
			name: "verb-subject-with-appositive-name-before-participle",
			text: "وقال المدير إن العمل مستمر. وتعليقا على ذلك، كتب المحلل السياسي، سامر الخطيب، قائلا: «لم يعد بإمكاني الدفاع عن القرار».",
			want: []wantStatement{
				{"المدير", "قال", "إن العمل مستمر", Indirect},
				{"المحلل السياسي، سامر الخطيب", "كتب", "لم يعد بإمكاني الدفاع عن القرار", Direct},
			},
		},
		{
			name: "object-after-titled-speaker-and-comma",
			text: "أكد سفير المملكة لدى فرنسا سامر الخطيب، سلامة جميع المواطنين في باريس، وأن السفارة تتابع أوضاعهم.",
			want: []wantStatement{{"سفير المملكة لدى فرنسا سامر الخطيب", "أكد", "سلامة جميع المواطنين في باريس", Indirect}},
		},
		{
			name: "object-cue-phrase-before-comma-is-no-speaker",
			text: "أعلنت المحافظة قرب تنفيذ المرحلة الثانية من الخطة لتطوير مدنها، واعتقلت الشرطة عشرات المطلوبين.",
		},
		{
			name: "hearer-before-preposition",
			text: "واعتذرت الشركة للمستخدمين عن تأخر الرحلات.",
			want: []wantStatement{{"الشركة", "اعتذرت", "تأخر الرحلات", Indirect}},
		},
		{
			name: "sentence-person-when-no-speaker-agrees",
			text: "وفي ختام لقائنا مع الإعلامية سارة الأحمد سألتها عن رأيها، قالت: «كان الحكم عادلا».",
			want: []wantStatement{{"سارة الأحمد", "قالت", "كان الحكم عادلا", Direct}},
		},
		{
			name: "participle-takes-its-clause-subject",
			text: "وهاجم الوزير سامي الأحمد الحكومة؛ حيث رد مصدر مسؤول على تصريحاته، واصفا ممارساته بالعدوانية.",
			want: []wantStatement{{"مصدر مسؤول", "واصفا", "ممارساته بالعدوانية", Indirect}},
		},
		{
			name: "lam-before-derived-verbal-noun",
			text: "وأعرب الأمين العام لجمعية الخير سامر الخطيب عن شكره للشركة، وتطلع لاستمرار التعاون في المبادرات المقبلة.",
			want: []wantStatement{
				{"الأمين العام لجمعية الخير سامر الخطيب", "أعرب", "شكره للشركة", Indirect},
				{"الأمين العام لجمعية الخير سامر الخطيب", "تطلع", "لاستمرار التعاون في المبادرات المقبلة", Indirect},
			},
		},
		{
			name: "anaphor-repeats-what-was-just-said",
			text: "ودعا الخبير سامي الأحمد إلى تنويع الاستثمار، مشيرا الى أن السندات تخفف الضغوط على الاحتياطي، كما اشارت بعض الدراسات الى ذلك مؤخرا.",
			want: []wantStatement{
				{"الخبير سامي الأحمد", "دعا", "تنويع الاستثمار", Indirect},
				{"الخبير سامي الأحمد", "مشيرا", "أن السندات تخفف الضغوط على الاحتياطي", Indirect},
				{"بعض الدراسات", "اشارت", "أن السندات تخفف الضغوط على الاحتياطي", Indirect},
			},
		},
		{
			name: "participle-subject-past-a-quoted-source",
			text: "وهاجم الوزير سامي الأحمد الحكومة؛ حيث رد مصدر مسؤول على تصريحاته -وفق \"سبأ\"- واصفا ممارساته بالعدوانية.",
			want: []wantStatement{{"مصدر مسؤول", "واصفا", "ممارساته بالعدوانية", Indirect}},
		},
		{
			name: "family-name-of-an-earlier-speaker",
			text: "قال مدير التسويق بالشركة يزيد بن فهد الراشد إن الرحلات زادت. وقال المدير العام للجمعية سعد الحربي إن التعاون مثمر. واختتم \"الراشد\" بقوله: \"نفخر بما حققناه هذا العام مع شركائنا\".",
			want: []wantStatement{
				{"مدير التسويق بالشركة يزيد بن فهد الراشد", "قال", "إن الرحلات زادت", Indirect},
				{"المدير العام", "قال", "إن التعاون مثمر", Indirect},
				{"الراشد", "بقوله", "نفخر بما حققناه هذا العام مع شركائنا", Direct},
			},
		},
		{
			name: "discourse-lead-before-clause-subject",
			text: "من جهة أخرى تتجه الحكومة البريطانية لكبح تكاليف دعم الكهرباء الذي قالت إنه قد يرفع الفواتير.",
			want: []wantStatement{{"الحكومة البريطانية", "قالت", "إنه قد يرفع الفواتير", Indirect}},
		},
		{
			name: "time-adverb-then-object-up-to-bi",
			text: "ووصفت الحكومة وقتها تصريحات الوزير السابق، سامي الأحمد، التي أدلى بها لقناة محلية بالعدوانية وغير المسؤولة.",
			want: []wantStatement{{"الحكومة", "وصفت", "تصريحات الوزير السابق، سامي الأحمد، التي أدلى بها لقناة محلية بالعدوانية وغير المسؤولة", Indirect}},
		},
		{
			name: "participle-preposition-after-adjunct",
			text: "وهاجم الوزير سامي الأحمد الشركة متهما لها بالتقصير، داعيا في مقابلة تلفزيونية مع قناة محلية إلى محاسبة المسؤولين.",
			want: []wantStatement{
				{"سامي الأحمد", "متهما", "بالتقصير", Indirect},
				{"سامي الأحمد", "داعيا", "إلى محاسبة المسؤولين", Indirect},
			},
		},
		{
			name: "relay-in-a-statement-carried-by-an-agency",
			text: "وأوضح مصدر مسؤول في بيان نقلته وكالة الأنباء اليمنية \"سبأ\"، أن الحكومة ملتزمة بالاتفاق.",
			want: []wantStatement{
				{"مصدر مسؤول", "أوضح", "أن الحكومة ملتزمة بالاتفاق", Indirect},
				{"وكالة الأنباء اليمنية \"سبأ\"", "نقلته", "أن الحكومة ملتزمة بالاتفاق", Indirect},
			},
		},
		{
			name: "came-in-a-page-or-statement",
			text: "وجاء على صفحة الاتحاد الدولي لكرة القدم على موقع تويتر «حددت الجمعية العمومية موعد الانتخابات في زيوريخ». وقالت وزارة الصحة في بيان إن الإصابات تراجعت. وجاء في البيان أن الوزارة ستواصل حملات التطعيم. وجاء في المركز الثاني فريق الهلال.",
			want: []wantStatement{
				{"صفحة الاتحاد الدولي لكرة القدم", "جاء على", "حددت الجمعية العمومية موعد الانتخابات في زيوريخ", Direct},
				{"وزارة الصحة", "قالت", "إن الإصابات تراجعت", Indirect},
				{"البيان", "جاء في", "أن الوزارة ستواصل حملات التطعيم", Indirect},
			},
		},
		{
			name: "verbal-noun-charge-after-a-long-object",
			text: "قام الوزير سامي الأحمد بمهاجمة الشركة، ويصفها بأنها فاشلة؛ وذلك بعد أيام من اتهامه لمديري الشركة ممن أداروها سنوات، بإهدار المال العام.",
			want: []wantStatement{
				{"سامي الأحمد", "يصفها", "بأنها فاشلة", Indirect},
				{"سامي الأحمد", "اتهامه", "لمديري الشركة ممن أداروها سنوات، بإهدار المال العام", Indirect},
			},
		},
		{
			name: "verbal-noun-agent-named-in-the-sentence",
			text: "ووصفت الحكومة وقتها تصريحات الوزير سامي الأحمد بالعدوانية، واعتبرت اتهامه لها بدعم الفساد افتراء.",
			want: []wantStatement{
				{"الحكومة", "وصفت", "تصريحات الوزير سامي الأحمد بالعدوانية", Indirect},
				{"سامي الأحمد", "اتهامه", "بدعم الفساد افتراء", Indirect},
			},
		},
		{
			name: "object-starts-after-a-body-name",
			text: "أعلنت محافظة الأنبار قرب تنفيذ المرحلة الثانية من العملية، واعتقلت القوات العشرات.",
			want: []wantStatement{{"محافظة الأنبار", "أعلنت", "قرب تنفيذ المرحلة الثانية من العملية", Indirect}},
		},
		{
			name: "directive-after-lam-with-a-blessing",
			text: "وأكد السفير أن السفارة تتابع أحوال المواطنين، ويأتي ذلك تنفيذا لتوجيهات الملك سلمان بن عبدالعزيز - حفظه الله - بتسخير جميع الإمكانيات لخدمتهم.",
			want: []wantStatement{
				{"السفير", "أكد", "أن السفارة تتابع أحوال المواطنين", Indirect},
				{"الملك سلمان بن عبدالعزيز", "لتوجيهات", "بتسخير جميع الإمكانيات لخدمتهم", Indirect},
			},
		},
		{
			name: "indefinite-source-before-its-verb",
			text: "وقال الوزير إن الوضع مستقر. ويأتي استخدام “داعش” للدجاج بعد تقارير غربية أشارت إلى ربط التنظيم عبوات ناسفة.",
			want: []wantStatement{
				{"الوزير", "قال", "إن الوضع مستقر", Indirect},
				{"تقارير غربية", "أشارت", "ربط التنظيم عبوات ناسفة", Indirect},
			},
		},
		{
			name: "ma-zala-subject-short-lam-noun-conjunction-cue",
			text: "وقال الناقد إن الصفقة كبيرة. على جانب آخر ما زال المدرب سامي الأحمد يتطلع لجلب مزيد من اللاعبين، حيث يتطلع لحسم التعاقد مع المهاجم بعدما أكد أن ناديه بحاجة لنجوم.",
			want: []wantStatement{
				{"الناقد", "قال", "إن الصفقة كبيرة", Indirect},
				{"المدرب سامي الأحمد", "يتطلع", "لجلب مزيد من اللاعبين", Indirect},
				{"المدرب سامي الأحمد", "يتطلع", "لحسم التعاقد مع المهاجم", Indirect},
				{"المدرب سامي الأحمد", "أكد", "أن ناديه بحاجة لنجوم", Indirect},
			},
		},
		{
			name: "appositive-name-then-object-and-bi",
			text: "كما طالب نائب رئيس تحرير جريدة \"الشروق\" اليومية، سامي الأحمد، الحزب الحاكم في البلاد الذي يستضيف الرئيس السابق، بالاعتذار عن التصريحات.",
			want: []wantStatement{{"نائب رئيس تحرير جريدة \"الشروق\" اليومية، سامي الأحمد", "طالب", "الحزب الحاكم في البلاد الذي يستضيف الرئيس السابق، بالاعتذار عن التصريحات", Indirect}},
		},
		{
			name: "mimma-after-semicolon-goes-on",
			text: "وأوضح مصدر مطلع أن الوزارة وزعت الكتب على المدارس؛ مما ينعكس على جودة التعليم، مما يعكس اهتمام الدولة.",
			want: []wantStatement{{"مصدر مطلع", "أوضح", "أن الوزارة وزعت الكتب على المدارس؛ مما ينعكس على جودة التعليم", Indirect}},
		},
		{
			name: "pronoun-agent-is-the-person-after-a-body",
			text: "وكتبت الصحف المحلية أن ما صدر عن الوزير سامي الأحمد يعد تدخلا واضحا، وهو ما عكسه قوله: «لا أحد يعرف ما سيحدث».",
			want: []wantStatement{
				{"الصحف المحلية", "كتبت", "أن ما صدر عن الوزير سامي الأحمد يعد تدخلا واضحا", Indirect},
				{"سامي الأحمد", "قوله", "لا أحد يعرف ما سيحدث", Direct},
			},
		},
		{
			name: "appositive-name-names-the-speaker",
			text: "وقال رئيس الوزراء الأسبق، سامي الأحمد، إن الاتفاق صعب. وأوضح مسؤول بمحافظة عدن، جنوب البلاد، أن القتال توقف.",
			want: []wantStatement{
				{"رئيس الوزراء الأسبق، سامي الأحمد", "قال", "إن الاتفاق صعب", Indirect},
				{"مسؤول بمحافظة عدن", "أوضح", "أن القتال توقف", Indirect},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statementsOf(t, "ar", tt.text)
			if len(got) != len(tt.want) {
				for _, s := range got {
					t.Logf("got %q %q %q %v", s.SpeakerText, s.Cue, s.Content, s.Kind)
				}
				t.Fatalf("findStatements(%q) = %d statements; want %d", tt.text, len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.SpeakerText != w.speaker || g.Cue != w.cue || g.Content != w.content || g.Kind != w.kind {
					t.Errorf("statement %d = (%q, %q, %q, %v); want (%q, %q, %q, %v)",
						i, g.SpeakerText, g.Cue, g.Content, g.Kind, w.speaker, w.cue, w.content, w.kind)
				}
			}
		})
	}
}

// TestArabicDocumentSpeaksForBody checks that a document named with a body
// joined by ل a few words after it («وقائع أحدث اجتماع لوزارة الصحة»)
// speaks for that body.
func TestArabicDocumentSpeaksForBody(t *testing.T) {
	text := "وأشارت وقائع أحدث اجتماع لوزارة الصحة إلى أن الإصابات تراجعت."
	d := newDocument(Article{ID: "t", Text: text, Language: "ar"})
	actors := newActorTable(d)
	got := findStatements(d, actors)
	if len(got) != 1 {
		t.Fatalf("findStatements(%q) = %d statements; want 1", text, len(got))
	}
	var want string
	for _, a := range actors.list() {
		if a.Name == "وزارة الصحة" {
			want = a.ID
		}
	}
	if want == "" || got[0].SpeakerID != want {
		t.Errorf("findStatements(%q) speaker = %q; want the ministry %q", text, got[0].SpeakerID, want)
	}
}

// TestArabicDefiniteDocumentIsLastSpeakers checks that «وبحسب التقرير»
// right after a body spoke is that body's report.
func TestArabicDefiniteDocumentIsLastSpeakers(t *testing.T) {
	text := "كانت مدونة أمنية تدعى «عين الشبكة» قد أعلنت عن اختراق الموقع أمس. وبحسب التقرير فإن مجموعة قراصنة نشرت بيانات المستخدمين."
	got := statementsOf(t, "ar", text)
	if len(got) != 2 {
		t.Fatalf("findStatements(%q) = %d statements; want 2", text, len(got))
	}
	if got[1].SpeakerText != "التقرير" || got[1].SpeakerID != got[0].SpeakerID {
		t.Errorf("findStatements(%q) second speaker = (%q, %q); want «التقرير» as %q", text, got[1].SpeakerText, got[1].SpeakerID, got[0].SpeakerID)
	}
}
