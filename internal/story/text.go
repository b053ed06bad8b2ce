package story

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// language is the wording of a story in one language. In toll sentences
// {n} stands for the toll; in event sentences {date} for the event's date.
// Filler sentences hold no number, no date and no reported speech, so that
// the toll, the quote and the event are all an article has to link.
type language struct {
	toll        []string
	quote       []string
	eventBefore []string // the talks are to come
	eventAfter  []string // the talks took place
	filler      []string
	title       []string
	publisher   []string
	date        func(time.Time) string
	number      func(*rand.Rand, int) string
}

// bank holds the wording of each language by its code.
var bank = map[string]language{"en": english, "ar": arabic}

var english = language{
	toll: []string{
		"The Gaza health ministry said {n} Palestinians have been killed since October 7, 2023.",
		"The death toll in Gaza rose to {n}, the territory's health ministry said.",
		"The health ministry in Gaza said the death toll had risen to {n}.",
		"According to the Gaza health ministry, {n} people have been killed in the territory since the war began.",
		"Israel's offensive has killed {n} Palestinians in Gaza, according to the health ministry in the territory.",
		"The number of Palestinians killed in the Gaza Strip has reached {n}, the health ministry said.",
		"{n} people have been killed in Gaza since October 7, 2023, the Gaza health ministry said.",
	},
	quote: []string{
		`UN Secretary-General António Guterres said: "Humanitarian aid must reach Gaza without delay."`,
		`"Humanitarian aid must reach Gaza without any delay," UN Secretary-General António Guterres said.`,
		"António Guterres, the UN secretary-general, said humanitarian aid must reach Gaza without delay.",
		"UN chief António Guterres said that aid must reach the people of Gaza without delay.",
	},
	eventBefore: []string{
		"Mediators are due to meet in Cairo on {date} for talks on a ceasefire.",
		"Talks on a ceasefire are scheduled to take place in Cairo on {date}.",
		"Egypt will host ceasefire talks in Cairo on {date}.",
	},
	eventAfter: []string{
		"Mediators met in Cairo on {date} for talks on a ceasefire.",
		"Talks on a ceasefire were held in Cairo on {date}.",
		"The talks held in Cairo on {date} ended without an agreement.",
	},
	filler: []string{
		"Residents of the south of the territory queue for hours for bread and water.",
		"The risk of disease is growing in crowded shelters.",
		"Fuel shortages have forced several hospitals to reduce their services.",
		"Families sheltering in tents face cold nights and little food.",
		"Power cuts leave much of the territory in darkness at night.",
		"Crossings into the territory open only for short periods.",
		"Many roads in the north of the strip are no longer passable.",
		"Doctors work in hospitals short of medicines and equipment.",
		"Diplomats continue their efforts to agree on a ceasefire.",
		"Water supplies remain far below what the population needs.",
		"Schools run by the United Nations now serve as shelters.",
		"Prices of basic goods have risen sharply in local markets.",
	},
	title: []string{
		"Gaza death toll keeps rising",
		"UN chief urges aid for Gaza",
		"Ceasefire talks in Cairo",
		"Hospitals in Gaza under strain",
		"Mediators push for a ceasefire",
	},
	publisher: []string{"Levant Wire", "Harbour Post", "Daily Meridian", "Crescent News"},
	date:      func(t time.Time) string { return t.Format("January 2, 2006") },
	number:    func(_ *rand.Rand, n int) string { return groupThousands(n) },
}

var arabic = language{
	toll: []string{
		"أعلنت وزارة الصحة في غزة ارتفاع عدد القتلى إلى {n}.",
		"قالت وزارة الصحة في غزة إن {n} شخصا قتلوا في قطاع غزة منذ السابع من أكتوبر 2023.",
		"ارتفعت حصيلة القتلى في قطاع غزة إلى {n} قتيلا، بحسب وزارة الصحة.",
		"وأفادت وزارة الصحة في غزة بأن عدد القتلى ارتفع إلى {n} منذ بدء الحرب.",
		"وبلغ عدد الفلسطينيين الذين قتلوا في غزة {n}، وفقا لوزارة الصحة في القطاع.",
		"أسفرت الحرب على غزة عن مقتل {n} فلسطينيا، وفق وزارة الصحة.",
	},
	quote: []string{
		"وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن المساعدات الإنسانية يجب أن تصل إلى غزة دون تأخير.",
		"وأكد الأمين العام للأمم المتحدة أنطونيو غوتيريش أن المساعدات الإنسانية يجب أن تدخل غزة دون أي تأخير.",
		"وقال أنطونيو غوتيريش، الأمين العام للأمم المتحدة: \"يجب أن تصل المساعدات الإنسانية إلى غزة دون تأخير\".",
		"وشدد غوتيريش على أن المساعدات يجب أن تصل إلى سكان غزة دون تأخير.",
	},
	eventBefore: []string{
		"ومن المقرر أن تعقد في القاهرة في {date} محادثات بشأن وقف إطلاق النار.",
		"ويجتمع الوسطاء في القاهرة في {date} لبحث وقف إطلاق النار.",
		"وتستضيف مصر محادثات لوقف إطلاق النار في القاهرة في {date}.",
	},
	eventAfter: []string{
		"وعقدت في القاهرة في {date} محادثات بشأن وقف إطلاق النار.",
		"واجتمع الوسطاء في القاهرة في {date} لبحث وقف إطلاق النار.",
		"وانتهت المحادثات التي عقدت في القاهرة في {date} دون التوصل إلى اتفاق.",
	},
	filler: []string{
		"ويصطف السكان في جنوب القطاع ساعات طويلة للحصول على الخبز والماء.",
		"ويتزايد خطر انتشار الأمراض في مراكز الإيواء المكتظة.",
		"وأجبر نقص الوقود عددا من المستشفيات على تقليص خدماتها.",
		"وتواجه العائلات المقيمة في الخيام ليالي باردة وقلة في الغذاء.",
		"ويغرق جزء كبير من القطاع في الظلام ليلا بسبب انقطاع الكهرباء.",
		"ولا تفتح المعابر إلا لفترات قصيرة.",
		"وباتت طرق كثيرة في شمال القطاع غير صالحة للسير.",
		"ويعمل الأطباء في مستشفيات تعاني نقصا في الأدوية والمعدات.",
		"وتتواصل الجهود الدبلوماسية للتوصل إلى وقف لإطلاق النار.",
		"وتبقى إمدادات المياه أقل بكثير من حاجة السكان.",
		"وتحولت مدارس تديرها الأمم المتحدة إلى مراكز إيواء.",
		"وارتفعت أسعار السلع الأساسية بشكل حاد في الأسواق المحلية.",
	},
	title: []string{
		"ارتفاع حصيلة القتلى في غزة",
		"غوتيريش يدعو إلى إيصال المساعدات إلى غزة",
		"محادثات وقف إطلاق النار في القاهرة",
		"مستشفيات غزة تحت الضغط",
		"الوسطاء يسعون إلى وقف إطلاق النار",
	},
	publisher: []string{"وكالة المشرق", "الخبر اليومي", "صحيفة النيل", "شبكة الساحل"},
	date: func(t time.Time) string {
		return fmt.Sprintf("%d %s %d", t.Day(), arabicMonths[t.Month()-1], t.Year())
	},
	// Arabic wire copy writes a toll with or without a thousands
	// separator, or from 11,000 to 99,999 with the thousands in words
	// («67 ألفا و900»: the accusative ألفا is right only after 11 to 99).
	number: func(r *rand.Rand, n int) string {
		switch r.IntN(3) {
		case 0:
			return groupThousands(n)
		case 1:
			if k := n / 1000; k >= 11 && k <= 99 && n%1000 != 0 {
				return fmt.Sprintf("%d ألفا و%d", n/1000, n%1000)
			}
		}
		return strconv.Itoa(n)
	},
}

// arabicMonths are the Gregorian months as Egyptian and Gulf papers name them.
var arabicMonths = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
