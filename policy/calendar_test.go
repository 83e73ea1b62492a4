package policy

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustBuild(t *testing.T, s CalendarSpec) *Calendar {
	t.Helper()
	c, err := s.Build()
	if err != nil {
		t.Fatalf("Build(%+v): %v", s, err)
	}
	return c
}

// at parses "2006-01-02 15:04" (or with seconds) in loc.
func at(t *testing.T, loc *time.Location, s string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if v, err := time.ParseInLocation(layout, s, loc); err == nil {
			return v
		}
	}
	t.Fatalf("bad test time %q", s)
	return time.Time{}
}

// endOf is the documented end instant of a local date: 23:59:59.999999.
func endOf(loc *time.Location, y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 23, 59, 59, 999999000, loc)
}

func qctSpec() CalendarSpec {
	return CalendarSpec{TimeZone: "America/Los_Angeles", OfficeHours: "09:00-18:00",
		Holidays: []string{"us_federal"}, Cutoff: "12:00"}
}

func qnapSpec() CalendarSpec {
	return CalendarSpec{TimeZone: "America/Los_Angeles", OfficeHours: "08:30-17:30",
		Holidays: []string{"us_federal"}, Cutoff: "14:00"}
}

func altaiSpec() CalendarSpec {
	return CalendarSpec{TimeZone: "Asia/Hong_Kong", OfficeHours: "09:00-18:00", Holidays: []string{"hk_general"}}
}

func TestBusinessDaysAfter(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	hk := mustLoc(t, "Asia/Hong_Kong")
	qct, qnap, altai := mustBuild(t, qctSpec()), mustBuild(t, qnapSpec()), mustBuild(t, altaiSpec())
	tests := []struct {
		name string
		c    *Calendar
		from time.Time
		n    int
		want time.Time
	}{
		{"QCT ARS return: Friday approval + 10 bd skips Thanksgiving, not the Friday after",
			qct, at(t, la, "2026-11-20 13:00"), 10, endOf(la, 2026, 12, 7)},
		{"the approval day never counts, even at 00:00",
			qct, at(t, la, "2026-11-20 00:00"), 10, endOf(la, 2026, 12, 7)},
		{"the approval day never counts, even at 23:59",
			qct, at(t, la, "2026-11-20 23:59"), 10, endOf(la, 2026, 12, 7)},
		{"from a Saturday: Monday is day 1", qct, at(t, la, "2026-11-21 10:00"), 1, endOf(la, 2026, 11, 23)},
		{"n=0 is the day itself", qct, at(t, la, "2026-11-21 10:00"), 0, endOf(la, 2026, 11, 21)},
		{"QNAP: delivered Tuesday + 5 bd", qnap, at(t, la, "2026-12-01 10:00"), 5, endOf(la, 2026, 12, 8)},
		{"New Year across the year boundary: 2027-01-01 skipped",
			qct, at(t, la, "2026-12-28 09:00"), 5, endOf(la, 2027, 1, 5)},
		{"New Year 2028 (Saturday) observed Friday 2027-12-31",
			qct, at(t, la, "2027-12-27 09:00"), 5, endOf(la, 2028, 1, 4)},
		{"Independence Day 2026 (Saturday) observed Friday 07-03",
			qct, at(t, la, "2026-07-01 09:00"), 2, endOf(la, 2026, 7, 6)},
		{"Christmas 2027 (Saturday) observed Friday 12-24",
			qct, at(t, la, "2027-12-22 09:00"), 2, endOf(la, 2027, 12, 27)},
		{"Christmas 2028 on Monday", qct, at(t, la, "2028-12-22 09:00"), 1, endOf(la, 2028, 12, 26)},
		{"Altai: Lunar New Year 2026 (17-19 Feb) skipped",
			altai, at(t, hk, "2026-02-13 15:00"), 5, endOf(hk, 2026, 2, 25)},
		{"Altai: Easter 2026 (3, 4, 6 and 7 Apr) skipped",
			altai, at(t, hk, "2026-04-02 15:00"), 3, endOf(hk, 2026, 4, 10)},
		{"Altai: 5 working days to ship over Christmas 2027 (27 Dec substitute)",
			altai, at(t, hk, "2027-12-23 10:00"), 5, endOf(hk, 2027, 12, 31)},
		{"an instant given in UTC counts from its local date",
			qct, time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC), 1, endOf(la, 2026, 11, 23)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.BusinessDaysAfter(tt.from, tt.n)
			if !got.Equal(tt.want) {
				t.Errorf("BusinessDaysAfter(%s, %d) = %s, want %s", tt.from, tt.n, got.In(tt.c.Location()), tt.want)
			}
			if got.Location() != tt.c.Location() {
				t.Errorf("result in %s, want the calendar's zone", got.Location())
			}
		})
	}
}

func TestCalendarDaysAfter(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	c := mustBuild(t, qnapSpec())
	tests := []struct {
		from time.Time
		n    int
		want time.Time
	}{
		{at(t, la, "2026-12-01 10:00"), 30, endOf(la, 2026, 12, 31)},
		{at(t, la, "2026-12-01 00:00"), 30, endOf(la, 2026, 12, 31)},
		{at(t, la, "2026-12-15 23:59"), 30, endOf(la, 2027, 1, 14)}, // holidays and weekends do not matter
		{at(t, la, "2028-02-10 12:00"), 30, endOf(la, 2028, 3, 11)}, // leap year
		{at(t, la, "2026-12-01 10:00"), 0, endOf(la, 2026, 12, 1)},
	}
	for _, tt := range tests {
		if got := c.CalendarDaysAfter(tt.from, tt.n); !got.Equal(tt.want) {
			t.Errorf("CalendarDaysAfter(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

// BusinessDaysBefore moves an instant back over business days, keeping its
// wall clock: what a promise's warning one business day ahead is built on.
func TestBusinessDaysBefore(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	c := mustBuild(t, qnapSpec())
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"over a weekend", endOf(la, 2026, 11, 30), 1, endOf(la, 2026, 11, 27)},
		{"over Thanksgiving", endOf(la, 2026, 11, 27), 1, endOf(la, 2026, 11, 25)},
		{"over a weekend and a Monday holiday (MLK 2027)", endOf(la, 2027, 1, 19), 1, endOf(la, 2027, 1, 15)},
		{"wall clock kept", at(t, la, "2026-12-01 10:00"), 2, at(t, la, "2026-11-27 10:00")},
		{"from a Saturday", at(t, la, "2026-11-28 12:00"), 1, at(t, la, "2026-11-27 12:00")},
		{"across the end of DST", endOf(la, 2026, 11, 2), 1, endOf(la, 2026, 10, 30)},
		{"n = 0", at(t, la, "2026-11-28 12:00"), 0, at(t, la, "2026-11-28 12:00")},
	}
	for _, tt := range tests {
		if got := c.BusinessDaysBefore(tt.from, tt.n); !got.Equal(tt.want) {
			t.Errorf("%s: BusinessDaysBefore(%s, %d) = %s, want %s", tt.name, tt.from, tt.n, got.In(la), tt.want)
		}
	}
	// Inverse of BusinessDaysAfter from the end of a business day, every
	// day of a year with its holidays.
	for d := endOf(la, 2026, 1, 2); d.Year() == 2026; d = endOf(la, d.Year(), d.Month(), d.Day()+1) {
		if !c.IsBusinessDay(d) {
			continue
		}
		for _, n := range []int{1, 2, 7} {
			if got := c.BusinessDaysBefore(c.BusinessDaysAfter(d, n), n); !got.Equal(d) {
				t.Fatalf("BusinessDaysBefore(BusinessDaysAfter(%s, %d), %d) = %s", d, n, n, got)
			}
		}
	}
}

func TestShipDate(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	qct, qnap := mustBuild(t, qctSpec()), mustBuild(t, qnapSpec())
	noCutoff := qctSpec()
	noCutoff.Cutoff = ""
	none := mustBuild(t, noCutoff)
	midnight := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, la) }
	tests := []struct {
		name string
		c    *Calendar
		at   time.Time
		want time.Time
	}{
		{"QCT Friday after the cut-off", qct, at(t, la, "2026-11-20 13:00"), midnight(2026, 11, 23)},
		{"QCT Friday before the cut-off", qct, at(t, la, "2026-11-20 11:59"), midnight(2026, 11, 20)},
		{"QCT exactly at the cut-off is too late", qct, at(t, la, "2026-11-20 12:00:00"), midnight(2026, 11, 23)},
		{"QCT Thanksgiving morning", qct, at(t, la, "2026-11-26 08:00"), midnight(2026, 11, 27)},
		{"QCT Saturday morning", qct, at(t, la, "2026-11-21 09:00"), midnight(2026, 11, 23)},
		{"QCT Sunday", qct, at(t, la, "2026-11-22 09:00"), midnight(2026, 11, 23)},
		{"QCT Thursday after the cut-off, Friday is a holiday (observed July 4)",
			qct, at(t, la, "2026-07-02 15:00"), midnight(2026, 7, 6)},
		{"QNAP 13:59", qnap, at(t, la, "2026-12-01 13:59"), midnight(2026, 12, 1)},
		{"QNAP 14:00", qnap, at(t, la, "2026-12-01 14:00"), midnight(2026, 12, 2)},
		{"no cut-off: late evening ships the same day", none, at(t, la, "2026-11-20 23:30"), midnight(2026, 11, 20)},
		{"no cut-off: Saturday still waits for Monday", none, at(t, la, "2026-11-21 09:00"), midnight(2026, 11, 23)},
		{"instant in UTC: Saturday 01:00 UTC is Friday 17:00 PST, after the cut-off",
			qct, time.Date(2026, 11, 21, 1, 0, 0, 0, time.UTC), midnight(2026, 11, 23)},
		{"instant in UTC: Friday 19:30 UTC is Friday 11:30 PST, before the cut-off (the LA clock decides)",
			qct, time.Date(2026, 11, 20, 19, 30, 0, 0, time.UTC), midnight(2026, 11, 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.ShipDate(tt.at); !got.Equal(tt.want) {
				t.Errorf("ShipDate(%s) = %s, want %s", tt.at, got.In(la), tt.want)
			}
		})
	}
}

// TestDST: deadlines end at the local end of day whatever the DST change in
// between, so their distance from the start differs by exactly the hour
// gained or lost.
func TestDST(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	c := mustBuild(t, qctSpec())
	tests := []struct {
		name    string
		from    time.Time
		due     time.Time
		want    time.Time
		elapsed time.Duration // from EndOfDay(from) to due
	}{
		{"7 d over the 2026-11-01 fall back", at(t, la, "2026-10-28 12:00"),
			c.CalendarDaysAfter(at(t, la, "2026-10-28 12:00"), 7), endOf(la, 2026, 11, 4), 7*24*time.Hour + time.Hour},
		{"7 d over the 2026-03-08 spring forward", at(t, la, "2026-03-05 12:00"),
			c.CalendarDaysAfter(at(t, la, "2026-03-05 12:00"), 7), endOf(la, 2026, 3, 12), 7*24*time.Hour - time.Hour},
		{"7 d without a DST change", at(t, la, "2026-06-03 12:00"),
			c.CalendarDaysAfter(at(t, la, "2026-06-03 12:00"), 7), endOf(la, 2026, 6, 10), 7 * 24 * time.Hour},
		{"1 bd from Friday over the fall back", at(t, la, "2026-10-30 17:00"),
			c.BusinessDaysAfter(at(t, la, "2026-10-30 17:00"), 1), endOf(la, 2026, 11, 2), 3*24*time.Hour + time.Hour},
		{"1 bd from Friday over the spring forward", at(t, la, "2026-03-06 17:00"),
			c.BusinessDaysAfter(at(t, la, "2026-03-06 17:00"), 1), endOf(la, 2026, 3, 9), 3*24*time.Hour - time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.due.Equal(tt.want) {
				t.Fatalf("due %s, want %s", tt.due, tt.want)
			}
			l := tt.due.In(la)
			if h, m, s := l.Clock(); h != 23 || m != 59 || s != 59 || l.Nanosecond() != 999999000 {
				t.Errorf("local clock at the deadline reads %s, want 23:59:59.999999", l.Format("15:04:05.999999999"))
			}
			if next := tt.due.Add(time.Microsecond).In(la); next.Hour() != 0 || next.Minute() != 0 || next.Day() == l.Day() {
				t.Errorf("the instant after the deadline is %s, want the next local midnight", next)
			}
			if got := tt.due.Sub(c.EndOfDay(tt.from)); got != tt.elapsed {
				t.Errorf("elapsed %s, want %s", got, tt.elapsed)
			}
		})
	}

	// The length of the DST days themselves.
	for _, tt := range []struct {
		day  string
		want time.Duration
	}{
		{"2026-11-01 12:00", 25 * time.Hour}, {"2026-03-08 12:00", 23 * time.Hour}, {"2026-03-09 12:00", 24 * time.Hour},
	} {
		d := at(t, la, tt.day)
		if got := c.EndOfDay(d).Sub(c.StartOfDay(d)) + time.Microsecond; got != tt.want {
			t.Errorf("length of %s = %s, want %s", tt.day, got, tt.want)
		}
	}
}

func TestHolidays(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	hk := mustLoc(t, "Asia/Hong_Kong")
	us, altai := mustBuild(t, qctSpec()), mustBuild(t, altaiSpec())
	tests := []struct {
		c        *Calendar
		day      time.Time
		name     string
		business bool
	}{
		{us, at(t, la, "2026-07-03 10:00"), "Independence Day (observed)", false},
		{us, at(t, la, "2026-07-04 10:00"), "Independence Day", false},
		{us, at(t, la, "2027-07-05 10:00"), "Independence Day (observed)", false}, // 4th on a Sunday
		{us, at(t, la, "2027-12-24 10:00"), "Christmas Day (observed)", false},
		{us, at(t, la, "2027-12-31 10:00"), "New Year's Day (observed)", false}, // for Saturday 2028-01-01
		{us, at(t, la, "2028-12-25 10:00"), "Christmas Day", false},
		{us, at(t, la, "2027-01-01 10:00"), "New Year's Day", false},
		{us, at(t, la, "2026-01-19 10:00"), "Martin Luther King Jr. Day", false},
		{us, at(t, la, "2026-06-19 10:00"), "Juneteenth", false},
		{us, at(t, la, "2026-11-11 10:00"), "Veterans Day", false},
		{us, at(t, la, "2026-11-26 10:00"), "Thanksgiving Day", false},
		{us, at(t, la, "2026-11-27 10:00"), "", true}, // not a federal holiday
		{us, at(t, la, "2026-12-24 10:00"), "", true},
		{us, at(t, la, "2026-12-25 10:00"), "Christmas Day", false},
		{altai, at(t, hk, "2026-02-17 10:00"), "Lunar New Year's Day", false},
		{altai, at(t, hk, "2026-04-06 10:00"), "The day following Ching Ming Festival", false},
		{altai, at(t, hk, "2026-04-07 10:00"), "The day following Easter Monday", false},
		{altai, at(t, hk, "2026-04-08 10:00"), "", true},
		{altai, at(t, hk, "2026-07-01 10:00"), "Hong Kong Special Administrative Region Establishment Day", false},
		{altai, at(t, hk, "2026-12-26 10:00"), "The first weekday after Christmas Day", false}, // Saturday
		{altai, at(t, hk, "2026-07-03 10:00"), "", true},                                       // a US holiday only
		{altai, at(t, hk, "2028-10-02 10:00"), "The day following National Day", false},
		{altai, at(t, hk, "2029-02-13 10:00"), "", true}, // beyond the table: unknown, not an error
	}
	for _, tt := range tests {
		if got := tt.c.HolidayName(tt.day); got != tt.name {
			t.Errorf("HolidayName(%s) = %q, want %q", tt.day, got, tt.name)
		}
		if got := tt.c.IsBusinessDay(tt.day); got != tt.business {
			t.Errorf("IsBusinessDay(%s) = %v, want %v", tt.day, got, tt.business)
		}
	}
	if !altai.HolidaysKnown(at(t, hk, "2028-12-31 23:59")) || altai.HolidaysKnown(at(t, hk, "2029-01-01 00:00")) {
		t.Error("HolidaysKnown: want true through 2028, false from 2029")
	}
	if !us.HolidaysKnown(at(t, la, "2099-01-01 00:00")) {
		t.Error("HolidaysKnown: us_federal is computed for any year")
	}
}

// easter is the Gregorian Easter Sunday (anonymous Gregorian algorithm,
// Meeus/Jones/Butcher), independent of the table it checks.
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 12, 0, 0, 0, time.UTC)
}

// TestHKTable checks the table's shape against rules it must obey: 17 general
// holidays a year besides Sundays, none on a Sunday (a Sunday holiday moves to
// a substitute), the fixed dates present when not on a Sunday, and the
// Easter days where the Computus puts them.
func TestHKTable(t *testing.T) {
	perYear := map[int]int{}
	for d, name := range hkGeneral {
		perYear[d.y]++
		if d.weekday() == time.Sunday {
			t.Errorf("%v %q is a Sunday: the table lists substitutes, not Sundays", d, name)
		}
		if d.y < hkFirstYear || d.y > hkLastYear {
			t.Errorf("%v outside %d-%d", d, hkFirstYear, hkLastYear)
		}
	}
	for y := hkFirstYear; y <= hkLastYear; y++ {
		if perYear[y] != 17 {
			t.Errorf("%d: %d general holidays, want 17", y, perYear[y])
		}
		for _, fixed := range []civilDate{{y, time.January, 1}, {y, time.May, 1}, {y, time.July, 1}, {y, time.October, 1}, {y, time.December, 25}} {
			_, ok := hkGeneral[fixed]
			if sunday := fixed.weekday() == time.Sunday; ok == sunday {
				t.Errorf("%v: in table %v, Sunday %v", fixed, ok, sunday)
			}
			if fixed.weekday() == time.Sunday {
				if _, ok := hkGeneral[fixed.addDays(1)]; !ok {
					t.Errorf("%v is a Sunday but %v is no substitute", fixed, fixed.addDays(1))
				}
			}
		}
		e := dateOf(easter(y))
		for _, off := range []int{-2, -1, 1} {
			if _, ok := hkGeneral[e.addDays(off)]; !ok {
				t.Errorf("%d: Easter %v%+d missing", y, e, off)
			}
		}
		if name := hkGeneral[e.addDays(-2)]; name != "Good Friday" {
			t.Errorf("%d: Good Friday %v is %q", y, e.addDays(-2), name)
		}
	}
}

func TestWorkingDaysAndExtraHolidays(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	sixDays := mustBuild(t, CalendarSpec{TimeZone: "America/Los_Angeles",
		WorkingDays:   []string{"mon", "tue", "wed", "thu", "fri", "sat"},
		ExtraHolidays: []string{"2026-12-24", " 2026-12-31 "}})
	twoDays := mustBuild(t, CalendarSpec{TimeZone: "America/Los_Angeles",
		WorkingDays: []string{"Tue", "thursday"}, Holidays: []string{"us_federal"}})
	tests := []struct {
		name string
		c    *Calendar
		from string
		n    int
		want time.Time
	}{
		{"Saturday counts, the extra closure does not, no federal set: Christmas counts",
			sixDays, "2026-12-23 10:00", 2, endOf(la, 2026, 12, 26)},
		{"second extra date honoured", sixDays, "2026-12-30 10:00", 1, endOf(la, 2027, 1, 1)},
		{"Tue/Thu only, Thanksgiving skipped", twoDays, "2026-11-23 10:00", 2, endOf(la, 2026, 12, 1)},
	}
	for _, tt := range tests {
		if got := tt.c.BusinessDaysAfter(at(t, la, tt.from), tt.n); !got.Equal(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	if !sixDays.IsBusinessDay(at(t, la, "2026-12-19 10:00")) || sixDays.IsBusinessDay(at(t, la, "2026-12-20 10:00")) {
		t.Error("six-day week: want Saturday open, Sunday closed")
	}
	if got := sixDays.HolidayName(at(t, la, "2026-12-24 10:00")); got != "Extra holiday" {
		t.Errorf("HolidayName(extra) = %q", got)
	}
	if twoDays.IsBusinessDay(at(t, la, "2026-11-24 10:00")) != true || twoDays.IsBusinessDay(at(t, la, "2026-11-25 10:00")) {
		t.Error("Tue/Thu week: want Tuesday open, Wednesday closed")
	}
}

func TestBuildErrorsNameTheKey(t *testing.T) {
	base := qctSpec
	with := func(f func(*CalendarSpec)) CalendarSpec { s := base(); f(&s); return s }
	tests := []struct {
		name string
		spec CalendarSpec
		key  string
	}{
		{"missing zone", with(func(s *CalendarSpec) { s.TimeZone = "" }), "calendar.time_zone"},
		{"bad zone", with(func(s *CalendarSpec) { s.TimeZone = "Mars/Olympus_Mons" }), "calendar.time_zone"},
		{"server-local zone", with(func(s *CalendarSpec) { s.TimeZone = "Local" }), "calendar.time_zone"},
		{"bad weekday", with(func(s *CalendarSpec) { s.WorkingDays = []string{"mon", "fun"} }), "calendar.working_days[1]"},
		{"weekday twice", with(func(s *CalendarSpec) { s.WorkingDays = []string{"mon", "tue", "Mon"} }), "calendar.working_days[2]"},
		{"office hours without dash", with(func(s *CalendarSpec) { s.OfficeHours = "09:00" }), "calendar.office_hours"},
		{"office hours not HH:MM", with(func(s *CalendarSpec) { s.OfficeHours = "9-18" }), "calendar.office_hours"},
		{"office hours reversed", with(func(s *CalendarSpec) { s.OfficeHours = "18:00-09:00" }), "calendar.office_hours"},
		{"office hours minute 60", with(func(s *CalendarSpec) { s.OfficeHours = "09:60-18:00" }), "calendar.office_hours"},
		{"office hours hour 25", with(func(s *CalendarSpec) { s.OfficeHours = "09:00-25:00" }), "calendar.office_hours"},
		{"office hours start 24:00", with(func(s *CalendarSpec) { s.OfficeHours = "24:00-24:00" }), "calendar.office_hours"},
		{"unknown holiday set", with(func(s *CalendarSpec) { s.Holidays = []string{"us_federal", "uk_bank"} }), "calendar.holidays[1]"},
		{"holiday set twice", with(func(s *CalendarSpec) { s.Holidays = []string{"us_federal", "us_federal"} }), "calendar.holidays[1]"},
		{"impossible extra date", with(func(s *CalendarSpec) { s.ExtraHolidays = []string{"2026-12-24", "2026-12-31", "2026-02-30"} }), "calendar.extra_holidays[2]"},
		{"extra date not ISO", with(func(s *CalendarSpec) { s.ExtraHolidays = []string{"12/24/2026"} }), "calendar.extra_holidays[0]"},
		{"cutoff word", with(func(s *CalendarSpec) { s.Cutoff = "noon" }), "calendar.cutoff"},
		{"cutoff one-digit minutes", with(func(s *CalendarSpec) { s.Cutoff = "12:5" }), "calendar.cutoff"},
		{"cutoff 24:00", with(func(s *CalendarSpec) { s.Cutoff = "24:00" }), "calendar.cutoff"},
		{"cutoff signed", with(func(s *CalendarSpec) { s.Cutoff = "+1:00" }), "calendar.cutoff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.spec.Build()
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Build() = %v, %v; want *Error", c, err)
			}
			if c != nil {
				t.Errorf("Build returned a calendar with an error")
			}
			if pe.Key != tt.key {
				t.Errorf("key %q (%v), want %q", pe.Key, err, tt.key)
			}
		})
	}

	// Valid edge cases must build.
	for _, s := range []CalendarSpec{
		with(func(s *CalendarSpec) { s.OfficeHours = "00:00-24:00" }),
		with(func(s *CalendarSpec) { s.OfficeHours = "9:00 - 17:30"; s.Cutoff = "" }),
		with(func(s *CalendarSpec) { s.Holidays = nil; s.ExtraHolidays = []string{"2031-01-02"} }),
		altaiSpec(),
	} {
		mustBuild(t, s)
	}
}

func TestMidnightBoundaries(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	hk := mustLoc(t, "Asia/Hong_Kong")
	qct, altai := mustBuild(t, qctSpec()), mustBuild(t, altaiSpec())
	utc := func(s string) time.Time { return at(t, time.UTC, s) }
	business := []struct {
		c    *Calendar
		at   time.Time
		want bool
	}{
		{qct, utc("2026-11-21 03:00"), true},     // Saturday in UTC, Friday 19:00 PST
		{qct, utc("2026-11-21 07:59:59"), true},  // Friday 23:59:59 PST
		{qct, utc("2026-11-21 08:00"), false},    // Saturday 00:00 PST
		{qct, utc("2026-11-23 07:59:59"), false}, // Monday in UTC, Sunday 23:59:59 PST
		{qct, utc("2026-11-23 08:00"), true},     // Monday 00:00 PST
		{qct, at(t, la, "2026-11-20 00:00"), true},
		{qct, at(t, la, "2026-11-20 23:59"), true},
		{altai, utc("2026-02-16 15:59:59"), true}, // Monday 23:59:59 HKT
		{altai, utc("2026-02-16 16:00"), false},   // Tuesday 00:00 HKT: Lunar New Year
		{altai, at(t, hk, "2026-02-20 00:00"), true},
		{altai, utc("2026-02-19 23:00"), true}, // Thursday in UTC (a holiday), Friday 07:00 HKT
	}
	for _, tt := range business {
		if got := tt.c.IsBusinessDay(tt.at); got != tt.want {
			t.Errorf("IsBusinessDay(%s = %s local) = %v, want %v", tt.at, tt.at.In(tt.c.Location()), got, tt.want)
		}
	}

	deadline := qct.BusinessDaysAfter(at(t, la, "2026-11-13 10:00"), 5) // end of Friday 2026-11-20
	between := []struct {
		name string
		b    time.Time
		want int
	}{
		{"on the deadline", deadline, 0},
		{"Saturday in UTC, still Friday in LA", utc("2026-11-21 07:59:59"), 0},
		{"Saturday local", utc("2026-11-21 08:00"), 0},
		{"Monday 00:00 local", at(t, la, "2026-11-23 00:00"), 1},
		{"Monday 23:59 local", at(t, la, "2026-11-23 23:59"), 1},
		{"after Thanksgiving", at(t, la, "2026-12-01 09:00"), 6},
		{"before the deadline", at(t, la, "2026-11-18 09:00"), 0},
	}
	for _, tt := range between {
		if got := qct.BusinessDaysBetween(deadline, tt.b); got != tt.want {
			t.Errorf("BusinessDaysBetween(deadline, %s): %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestBetweenInvertsAfter: counting back the days of a deadline gives n, for
// every start day over a span with US and HK holidays, DST and a year end.
func TestBetweenInvertsAfter(t *testing.T) {
	for _, spec := range []CalendarSpec{qctSpec(), altaiSpec()} {
		c := mustBuild(t, spec)
		start := time.Date(2026, 10, 20, 7, 30, 0, 0, c.Location())
		for day := 0; day < 120; day++ {
			from := time.Date(start.Year(), start.Month(), start.Day()+day, 7, 30, 0, 0, c.Location())
			for _, n := range []int{0, 1, 2, 5, 10, 30} {
				due := c.BusinessDaysAfter(from, n)
				if got := c.BusinessDaysBetween(from, due); got != n {
					t.Fatalf("%s: Between(%s, After(+%d) = %s) = %d", spec.TimeZone, from, n, due, got)
				}
				if n > 0 && !c.IsBusinessDay(due) {
					t.Fatalf("%s: deadline %s is not a business day", spec.TimeZone, due)
				}
			}
		}
	}
}

func TestInOfficeHours(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	qct := mustBuild(t, qctSpec())
	allDay := qctSpec()
	allDay.OfficeHours = ""
	open := mustBuild(t, allDay)
	tests := []struct {
		c    *Calendar
		at   string
		want bool
	}{
		{qct, "2026-11-20 08:59:59", false},
		{qct, "2026-11-20 09:00", true},
		{qct, "2026-11-20 17:59:59", true},
		{qct, "2026-11-20 18:00", false},
		{qct, "2026-11-21 10:00", false}, // Saturday
		{qct, "2026-11-26 10:00", false}, // Thanksgiving
		{qct, "2026-03-09 09:30", true},  // Monday after the DST change: wall clock
		{open, "2026-11-20 02:00", true},
		{open, "2026-11-21 12:00", false},
	}
	for _, tt := range tests {
		if got := tt.c.InOfficeHours(at(t, la, tt.at)); got != tt.want {
			t.Errorf("InOfficeHours(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
}

// TestConcurrentUse runs the calendar from many goroutines; with -race it
// proves Build's result is safe to share.
func TestConcurrentUse(t *testing.T) {
	c := mustBuild(t, qctSpec())
	la := c.Location()
	want := c.BusinessDaysAfter(time.Date(2026, 11, 20, 13, 0, 0, 0, la), 10)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := c.BusinessDaysAfter(time.Date(2026, 11, 20, 13, 0, 0, 0, la), 10); !got.Equal(want) {
					t.Errorf("concurrent BusinessDaysAfter = %s, want %s", got, want)
					return
				}
				c.ShipDate(time.Date(2026, 11, 26, 9, 0, 0, 0, la))
			}
		}()
	}
	wg.Wait()
}
