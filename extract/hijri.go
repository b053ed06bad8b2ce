package extract

import "time"

// Hijri dates are converted with the arithmetical (tabular) Islamic calendar
// of Reingold and Dershowitz, Calendrical Calculations, ch. 6: months
// alternate 30 and 29 days (the twelfth has 30 in a leap year), the leap
// years are 2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle,
// and the epoch is Friday 16 July 622 (Julian), rata die 227015.
//
// The calendars in use (Umm al-Qura in Saudi Arabia, sighting elsewhere)
// differ from the tabular one by a day or two at most. When the text names
// the weekday as well («الخميس 28 شوال»), findTimes snaps the tabular date to
// the nearest day with that weekday, which recovers the civil date.

// islamicEpoch is the rata die (days since 0001-01-01 proleptic Gregorian,
// counting that day as 1) of 1 Muharram 1 AH.
const islamicEpoch = 227015

// rdUnixEpoch is the rata die of 1970-01-01.
const rdUnixEpoch = 719163

// hijriToRD returns the rata die of day d of month m (1–12) of Hijri year y.
func hijriToRD(y, m, d int) int {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + floorDiv(3+11*y, 30) + islamicEpoch - 1
}

// rdToHijri returns the Hijri year, month and day of rata die rd.
func rdToHijri(rd int) (y, m, d int) {
	y = floorDiv(30*(rd-islamicEpoch)+10646, 10631)
	prior := rd - hijriToRD(y, 1, 1)
	m = floorDiv(11*prior+330, 325)
	if m > 12 {
		m = 12
	}
	d = rd - hijriToRD(y, m, 1) + 1
	return y, m, d
}

// hijriMonthLen returns the number of days of month m of Hijri year y.
func hijriMonthLen(y, m int) int {
	if m == 12 {
		return hijriToRD(y+1, 1, 1) - hijriToRD(y, 12, 1)
	}
	return hijriToRD(y, m+1, 1) - hijriToRD(y, m, 1)
}

// hijriToTime returns the Gregorian day (UTC midnight) of a Hijri date. ok
// is false when the date does not exist.
func hijriToTime(y, m, d int) (_ time.Time, ok bool) {
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 30 || d > hijriMonthLen(y, m) {
		return time.Time{}, false
	}
	return rdToTime(hijriToRD(y, m, d)), true
}

// timeToHijri returns the Hijri date of the day of t.
func timeToHijri(t time.Time) (y, m, d int) {
	return rdToHijri(timeToRD(t))
}

func timeToRD(t time.Time) int {
	u := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix()
	return int(floorDiv64(u, 86400)) + rdUnixEpoch
}

func rdToTime(rd int) time.Time {
	return time.Unix(int64(rd-rdUnixEpoch)*86400, 0).UTC()
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
