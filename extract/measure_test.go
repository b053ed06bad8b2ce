package extract

import (
	"testing"
	"time"
)

// Measure keys come from the real extractor on invented sentences of each
// kind of phrasing.
func TestKeyFigures(t *testing.T) {
	pub := time.Date(2025, 10, 7, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		value      float64
		key        string
		since      string
		asOf       string
	}{
		{"a running total, a demonym gives the place", "Hamas said the death toll rose to 4,500 Palestinians.", 4500, "killed@gaza", "", "2025-10-07"},
		{"passive with a place and a total", "Officials said a total of 1,250 people were killed in Israel.", 1250, "killed@israel", "", "2025-10-07"},
		{"perfect passive, since", "The ministry said 52,300 Palestinians have been killed since October 7, 2023.", 52300, "killed@gaza", "2023-10-07", "2025-10-07"},
		{"the place inside the source's name", "The Gaza health ministry said the toll of wounded reached 800 people.", 800, "injured@gaza", "", "2025-10-07"},
		{"Arabic nominal: the count rose to", "قالت وزارة الصحة في غزة إن عدد القتلى ارتفع إلى 41,200 منذ السابع من أكتوبر 2023.", 41200, "killed@gaza", "2023-10-07", "2025-10-07"},
		{"an organisation in the sentence names the place", "أعلنت وزارة الصحة في غزة ارتفاع عدد القتلى إلى 1,450.", 1450, "killed@gaza", "", "2025-10-07"},
		{"Arabic verb after the count, so far", "وأعلنت السلطات أن 35 شخصا قتلوا في قطاع غزة حتى الآن.", 35, "killed@gaza", "", "2025-10-07"},
		{"a war's toll runs", "The war has killed 3,200 Palestinians, officials said.", 3200, "killed@gaza", "", "2025-10-07"},
		{"an incident in a war is its own series", "As the war went on, an airstrike killed 14 people in Gaza on October 6, 2025.", 14, "killed@gaza/2025-10-06", "", "2025-10-07"},
		{"an incident's toll, by its day", "Officials said 1,139 people were killed in Israel in the October 7, 2023 attack.", 1139, "killed@israel/2023-10-07", "", "2025-10-07"},
		{"an undated incident is no series", "A strike killed 13 people in Taiz.", 13, "", "", "2025-10-07"},
		{"an undated incident, Arabic", "أسفر انفجار عن مقتل 6 أشخاص في عدن.", 6, "", "", "2025-10-07"},
		{"a toll with no place is no series", "The toll rose to 300 people killed.", 300, "", "", "2025-10-07"},
		{"an explicit as-of date", "The toll rose to 9,100 killed in Gaza as of October 5, 2025.", 9100, "killed@gaza", "", "2025-10-05"},
		{"hostages held", "About 20 hostages remain in Gaza, officials said.", 20, "hostages:remaining", "", "2025-10-07"},
		{"children are a count of their own", "The agency said 9,000 children have been killed in Gaza since the war began.", 9000, "killed:children@gaza", "", "2025-10-07"},
		{"displaced people are a stock", "Some 40,000 people have been displaced in Sudan.", 40000, "displaced@sudan", "", "2025-10-07"},
		{"a price is no series", "Brent crude rose to $91 a barrel on Monday.", 91, "", "", ""},
		{"another number's noun is no cue", "وأسفرت الأزمة حتى الآن عن 80 قتيلا وحملت أكثر من 160 ألف بوروندي على اللجوء.", 160000, "", "", "2025-10-07"},
		{"money without a commodity has no key", "The hospital spent 3 million riyals on new beds.", 3e6, "", "", "2025-10-07"},
		{"a bare count has no key", "The plan has 14 points.", 14, "", "", "2025-10-07"},
		{"a percentage has no key", "Turnout reached 61 percent.", 61, "", "", "2025-10-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract(Article{ID: "t", Text: tt.text, Published: pub})
			for _, f := range x.Figures {
				if f.Value != tt.value {
					continue
				}
				if f.Key != tt.key || f.Since != tt.since || (tt.asOf != "" && f.AsOf != tt.asOf) {
					t.Errorf("%q: figure %v: key %q, since %q, as of %q; want %q, %q, %q", tt.text, f.Value, f.Key, f.Since, f.AsOf, tt.key, tt.since, tt.asOf)
				}
				return
			}
			t.Fatalf("%q: no figure of %v in %+v", tt.text, tt.value, x.Figures)
		})
	}
}

// A key already given (a figure from another extractor) is kept.
func TestKeyFiguresKeepsKeys(t *testing.T) {
	x := &Extraction{Figures: []Figure{{ID: "f", Value: 3, Measure: "killed", Key: "killed@somewhere"}, {ID: "g", Value: 5, Measure: "dead", Subject: "Palestinians", Since: "2023-10-07"}}}
	KeyFigures("", time.Time{}, x)
	if x.Figures[0].Key != "killed@somewhere" {
		t.Errorf("given key became %q", x.Figures[0].Key)
	}
	if x.Figures[1].Key != "killed@gaza" {
		t.Errorf("key without text = %q; want killed@gaza from the subject's demonym", x.Figures[1].Key)
	}
}
