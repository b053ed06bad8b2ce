package story

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// collect generates c and returns its articles and truths.
func collect(t testing.TB, c Config) ([]Article, []Truth) {
	t.Helper()
	var as []Article
	var ts []Truth
	if err := Generate(c, func(a Article, tr Truth) error {
		as = append(as, a)
		ts = append(ts, tr)
		return nil
	}); err != nil {
		t.Fatalf("Generate(%+v): %v", c, err)
	}
	return as, ts
}

// jsonl is the story c as the JSONL lines storygen writes.
func jsonl(t testing.TB, c Config) []byte {
	t.Helper()
	var buf bytes.Buffer
	as, ts := collect(t, c)
	for i := range as {
		for _, v := range []any{as[i], ts[i]} {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			buf.Write(append(b, '\n'))
		}
	}
	return buf.Bytes()
}

func TestGenerateIsDeterministic(t *testing.T) {
	c := Config{Articles: 300, Seed: 7, Planted: 2}
	a, b := jsonl(t, c), jsonl(t, c)
	if !bytes.Equal(a, b) {
		t.Errorf("Generate(%+v) twice gave different bytes", c)
	}
	c.Seed = 8
	if other := jsonl(t, c); bytes.Equal(a, other) {
		t.Errorf("Generate with seeds 7 and 8 gave the same bytes; want the seed to change the story")
	}
}

func TestGeneratePlanted(t *testing.T) {
	for _, c := range []Config{
		{Articles: 3000, Seed: 1, Planted: 2},
		{Articles: 100, Seed: 2, PerDay: 4, Planted: 5},
		{Articles: 20, Seed: 3, PerDay: 1, Planted: 19},
		{Articles: 50, Seed: 4},
	} {
		t.Run(fmt.Sprintf("n=%d,per-day=%d,planted=%d", c.Articles, c.PerDay, c.Planted), func(t *testing.T) {
			_, ts := collect(t, c)
			days := map[string]bool{}
			for _, tr := range ts {
				if !tr.Planted {
					if tr.Toll != tr.DayToll {
						t.Errorf("%s: toll %d, day's %d; want them equal in an article not planted", tr.ID, tr.Toll, tr.DayToll)
					}
					continue
				}
				if want := int(math.Round(float64(tr.DayToll) * PlantedFactor)); tr.Toll != want {
					t.Errorf("%s: planted toll %d; want %d (%.0f%% of %d)", tr.ID, tr.Toll, want, PlantedFactor*100, tr.DayToll)
				}
				if tr.Published == ts[0].Published {
					t.Errorf("%s: planted on the first day", tr.ID)
				}
				if days[tr.Published] {
					t.Errorf("%s: a second planted article on %s", tr.ID, tr.Published)
				}
				days[tr.Published] = true
			}
			if len(days) != c.Planted {
				t.Errorf("%d planted articles; want %d", len(days), c.Planted)
			}
		})
	}
}

func TestGenerateStory(t *testing.T) {
	c := Config{Articles: 601, Seed: 5, PerDay: 6, Start: time.Date(2024, 1, 30, 15, 4, 0, 0, time.UTC), Planted: 2}
	as, ts := collect(t, c)
	if len(as) != c.Articles {
		t.Fatalf("%d articles; want %d", len(as), c.Articles)
	}
	ids := map[string]bool{}
	langs := map[string]int{}
	for i, a := range as {
		tr := ts[i]
		day := c.Start.AddDate(0, 0, i/c.PerDay).Format(time.DateOnly)
		if a.Published != day || tr.Published != day {
			t.Errorf("%s: published %s (truth %s); want %s", a.ID, a.Published, tr.Published, day)
		}
		if ids[a.ID] || a.ID != tr.ID {
			t.Errorf("article %d: id %q, truth's %q; want a new id, the same in both", i, a.ID, tr.ID)
		}
		ids[a.ID] = true
		langs[a.Language]++
		if a.Language != tr.Language || (a.Language != "ar" && a.Language != "en") {
			t.Errorf("%s: language %q, truth's %q; want ar or en in both", a.ID, a.Language, tr.Language)
		}
		if a.Title == "" || a.Publisher == "" || !strings.HasPrefix(a.URL, "https://") {
			t.Errorf("%s: title %q, publisher %q, url %q; want all set", a.ID, a.Title, a.Publisher, a.URL)
		}
		if i > 0 {
			prev := ts[i-1]
			switch {
			case prev.Published == tr.Published && prev.DayToll != tr.DayToll:
				t.Errorf("%s: day's toll %d, the previous article's %d on the same day", tr.ID, tr.DayToll, prev.DayToll)
			case prev.Published != tr.Published && tr.DayToll <= prev.DayToll:
				t.Errorf("%s: day's toll %d; want it above the previous day's %d", tr.ID, tr.DayToll, prev.DayToll)
			}
		}
		if tr.EventDate != "2024-02-13" {
			t.Errorf("%s: event date %s; want 2024-02-13, %d days after the start", tr.ID, tr.EventDate, EventDelay)
		}
		checkText(t, a, tr)
	}
	if d := langs["ar"] - langs["en"]; d < -1 || d > 1 {
		t.Errorf("languages %v; want half Arabic, half English", langs)
	}
	if ts[0].DayToll != DefaultStartToll {
		t.Errorf("first toll %d; want %d", ts[0].DayToll, DefaultStartToll)
	}
}

// checkText checks that a's text gives its toll, the quote and the event.
func checkText(t *testing.T, a Article, tr Truth) {
	t.Helper()
	lines := strings.Split(a.Text, "\n")
	lead, rest := lines[0], strings.Join(lines[1:], "\n")
	toll := []string{groupThousands(tr.Toll), fmt.Sprint(tr.Toll), fmt.Sprintf("%d ألفا و%d", tr.Toll/1000, tr.Toll%1000)}
	if !containsAny(lead, toll...) {
		t.Errorf("%s: lead %q; want the toll %d", a.ID, lead, tr.Toll)
	}
	speaker, place, date := "Guterres", "Cairo", "February 13, 2024"
	if a.Language == "ar" {
		speaker, place, date = "غوتيريش", "القاهرة", "13 فبراير 2024"
	}
	if strings.Count(a.Text, speaker) != 1 || strings.Count(a.Text, place) != 1 || strings.Count(a.Text, date) != 1 {
		t.Errorf("%s: text %q; want %q, %q and %q once each", a.ID, a.Text, speaker, place, date)
	}
	if rest = strings.Replace(rest, date, "", 1); strings.ContainsAny(rest, "0123456789") {
		t.Errorf("%s: a number outside the lead and the event's date: %q", a.ID, rest)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestGenerateErrors(t *testing.T) {
	for _, c := range []Config{
		{},
		{Articles: -1},
		{Articles: 10, PerDay: -2},
		{Articles: 10, StartToll: -5},
		{Articles: 10, Planted: -1},
		{Articles: 12, Planted: 2}, // one full day after the first
		{Articles: 5, Planted: 1},  // no full day at all
	} {
		if err := Generate(c, func(Article, Truth) error { return nil }); err == nil {
			t.Errorf("Generate(%+v) = nil; want an error", c)
		}
	}
	// Less than a day of articles is a story, when none is planted.
	n := 0
	if err := Generate(Config{Articles: 3}, func(Article, Truth) error { n++; return nil }); err != nil || n != 3 {
		t.Errorf("Generate of 3 articles, none planted = %v after %d articles; want 3", err, n)
	}
	stop := errors.New("stop")
	n = 0
	err := Generate(Config{Articles: 10}, func(Article, Truth) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("Generate with emit failing on the third article = %v after %d; want %v after 3", err, n, stop)
	}
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 67900: "67,900", 1234567: "1,234,567"} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%d) = %q; want %q", in, got, want)
		}
	}
}

func ExampleGenerate() {
	c := Config{Articles: 12, Seed: 1, PerDay: 3, Planted: 1}
	Generate(c, func(a Article, t Truth) error {
		if t.Planted {
			fmt.Println(t.ID, t.Language, t.Published, t.Toll, "instead of", t.DayToll)
			fmt.Println(strings.Split(a.Text, "\n")[0])
		}
		return nil
	})
	// Output:
	// story-00009 ar 2023-10-10 960 instead of 1371
	// أسفرت الحرب على غزة عن مقتل 960 فلسطينيا، وفق وزارة الصحة.
}
