package extract

import (
	"testing"
	"time"
)

func TestHijriToTime(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1, 1, 1, "0622-07-19"},      // the epoch, 16 July 622 Julian
		{1436, 9, 1, "2015-06-18"},   // Ramadan 1436 (Umm al-Qura agrees)
		{1436, 9, 19, "2015-07-06"},  // «19 / 9 / 1436هـ»
		{1436, 10, 1, "2015-07-18"},  // tabular; Umm al-Qura began Shawwal a day earlier
		{1445, 1, 1, "2023-07-19"},   // Muharram 1445
		{1446, 9, 1, "2025-03-01"},   // Ramadan 1446
		{1400, 1, 1, "1979-11-21"},   // Muharram 1400
		{1442, 12, 30, "2021-08-09"}, // 1442 is a leap year
	}
	for _, tt := range tests {
		got, ok := hijriToTime(tt.y, tt.m, tt.d)
		if !ok || got.Format("2006-01-02") != tt.want {
			t.Errorf("hijriToTime(%d, %d, %d) = %v, %v; want %s", tt.y, tt.m, tt.d, got.Format("2006-01-02"), ok, tt.want)
		}
	}
}

func TestHijriToTimeInvalid(t *testing.T) {
	// 1437 is year 27 of its cycle, not a leap year: Dhu al-Hijja has 29 days.
	for _, c := range [][3]int{{1437, 12, 30}, {1436, 2, 30}, {1436, 13, 1}, {1436, 1, 0}, {0, 1, 1}} {
		if got, ok := hijriToTime(c[0], c[1], c[2]); ok {
			t.Errorf("hijriToTime(%d, %d, %d) = %v; want no date", c[0], c[1], c[2], got)
		}
	}
}

func TestHijriRoundTrip(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for day := 0; day < 365*200; day += 7 {
		g := start.AddDate(0, 0, day)
		y, m, d := timeToHijri(g)
		back, ok := hijriToTime(y, m, d)
		if !ok || !back.Equal(g) {
			t.Fatalf("timeToHijri(%s) = %d-%d-%d, which converts back to %s, %v", g.Format("2006-01-02"), y, m, d, back.Format("2006-01-02"), ok)
		}
	}
}

func TestHijriMonthLen(t *testing.T) {
	for y := 1400; y < 1430; y++ {
		total := 0
		for m := 1; m <= 12; m++ {
			n := hijriMonthLen(y, m)
			if n != 29 && n != 30 {
				t.Errorf("hijriMonthLen(%d, %d) = %d; want 29 or 30", y, m, n)
			}
			total += n
		}
		if total != 354 && total != 355 {
			t.Errorf("year %d has %d days; want 354 or 355", y, total)
		}
	}
}
