package extract

import (
	"strings"
	"testing"
	"time"
)

func TestGazetteerParses(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatalf("loadGazetteer() error: %v", err)
	}
	if n := len(g.entries); n < 500 {
		t.Errorf("gazetteer has %d entries; want at least 500", n)
	}
	for _, id := range []string{"donald-trump", "united-states", "hamas", "afp", "unrwa", "gcc", "saudi-arabia"} {
		if _, ok := g.byID[id]; !ok {
			t.Errorf("gazetteer has no entry %q", id)
		}
	}
}

// sharedNames are names that intentionally belong to more than one entry;
// the first entry in file order wins in the text.
var sharedNames = map[string]bool{}

// TestGazetteerNoConflicts fails when one spelling names two entries, which
// would make the match depend on file order. Intended sharing goes in
// sharedNames.
func TestGazetteerNoConflicts(t *testing.T) {
	g := mustGazetteer()
	owner := map[string]string{}
	for _, e := range g.entries {
		for _, n := range e.names {
			k := strings.Join(phraseKeys(n), " ")
			if o, ok := owner[k]; ok && o != e.id && !sharedNames[k] {
				t.Errorf("name %q is both %s and %s", n, o, e.id)
			}
			owner[k] = e.id
		}
	}
}

func TestGazetteerRolesDated(t *testing.T) {
	g := mustGazetteer()
	for _, e := range g.entries {
		for _, r := range e.roles {
			if r.Title == "" || !validDate(r.Start) || r.End != "" && r.End < r.Start {
				t.Errorf("%s: bad role %+v", e.id, r)
			}
		}
	}
	// No office has two holders on the same day.
	for key, hs := range g.holders {
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				a, b := hs[i], hs[j]
				if a.entry == b.entry {
					continue
				}
				if (a.end == "" || b.start < a.end) && (b.end == "" || a.start < b.end) {
					t.Errorf("role %s: %s and %s overlap", key, g.entries[a.entry].id, g.entries[b.entry].id)
				}
			}
		}
	}
}

func TestHolder(t *testing.T) {
	g := mustGazetteer()
	tests := []struct {
		role, day, want string
	}{
		{"president|united-states", "2025-10-07", "donald-trump"},
		{"president|united-states", "2015-08-03", "barack-obama"},
		{"president|united-states", "2017-01-20", "donald-trump"},
		{"president|united-states", "2017-01-19", "barack-obama"},
		{"president|united-states", "2022-06-01", "joe-biden"},
		{"prime-minister|canada", "2025-10-07", "mark-carney"},
		{"prime-minister|canada", "2016-01-01", "justin-trudeau"},
		{"prime-minister|united-kingdom", "2015-08-03", "david-cameron"},
		{"foreign-minister|saudi-arabia", "2016-05-01", "adel-al-jubeir"},
		{"-|united-nations|الأمين العام للأمم المتحدة", "2015-01-01", "ban-ki-moon"},
		{"-|united-nations|الأمين العام للأمم المتحدة", "2020-01-01", "antonio-guterres"},
	}
	for _, tt := range tests {
		day, _ := time.Parse("2006-01-02", tt.day)
		got := ""
		if e := g.holder(tt.role, day); e >= 0 {
			got = g.entries[e].id
		}
		if got != tt.want {
			t.Errorf("holder(%q, %s) = %q; want %q", tt.role, tt.day, got, tt.want)
		}
	}
}

func TestCliticForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"والولايات", "الولايات"},
		{"للولايات", "الولايات"},
		{"لوكالة", "وكاله"},
		{"بالأرجنتين", "الارجنتين"},
		{"ومصر", "مصر"},
	}
	for _, tt := range tests {
		found := false
		for _, f := range cliticForms(nil, NormalizeArabic(tt.in)) {
			if f.key == matchKey(NormalizeArabic(tt.want)) {
				found = true
			}
		}
		if !found {
			t.Errorf("cliticForms(%q) lacks %q", tt.in, tt.want)
		}
	}
}

func TestGazetteerGSpelledJim(t *testing.T) {
	x := Extract(Article{ID: "g", Text: "سافرت المرأة من نيكاراجوا إلى الولايات المتحدة.", Language: "ar"})
	for _, a := range x.Actors {
		if a.ID == "nicaragua" {
			return
		}
	}
	t.Errorf("«نيكاراجوا» (غ written ج) is not Nicaragua: %+v", x.Actors)
}
