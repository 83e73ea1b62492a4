package policy

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickar/cal/v2/us"
)

// CalendarSpec is the [calendar] table of a policy file: the business calendar
// every deadline of the policy is computed with.
type CalendarSpec struct {
	// TimeZone is an IANA zone name ("America/Los_Angeles"). Required.
	TimeZone string `toml:"time_zone"`
	// WorkingDays are "mon".."sun" (full names accepted too); empty means Mon-Fri.
	WorkingDays []string `toml:"working_days"`
	// OfficeHours is "HH:MM-HH:MM" local wall-clock time, start before end
	// ("24:00" allowed as the end); empty means the whole business day.
	OfficeHours string `toml:"office_hours"`
	// Holidays names computed holiday sets: "us_federal", "hk_general".
	Holidays []string `toml:"holidays"`
	// ExtraHolidays are vendor-specific closures, "YYYY-MM-DD".
	ExtraHolidays []string `toml:"extra_holidays"`
	// Cutoff is the ship cut-off "HH:MM" local; empty means none.
	Cutoff string `toml:"cutoff"`
}

// Calendar answers business-day questions in one time zone. It is immutable
// after Build, so one value may be shared by any number of goroutines.
//
// Every answer depends only on the local calendar date (and, for office hours
// and the cut-off, the local wall clock) of the instant passed in, never on
// elapsed hours, so DST changes cannot shift a deadline by an hour.
type Calendar struct {
	loc       *time.Location
	working   [7]bool // indexed by time.Weekday
	openAt    time.Duration
	closeAt   time.Duration
	hasOffice bool // false: no office hours given, the whole business day counts
	cutoff    time.Duration
	hasCutoff bool
	usFederal bool
	hkGeneral bool
	extra     map[civilDate]bool
}

// civilDate is a date without a zone; it is what holidays are made of.
type civilDate struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civilDate {
	y, m, d := t.Date()
	return civilDate{y, m, d}
}

// noon is the date as a UTC instant at noon: the one place date arithmetic is
// done, where no zone rule can move it to another day.
func (d civilDate) noon() time.Time { return time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC) }

func (d civilDate) addDays(n int) civilDate {
	return dateOf(time.Date(d.y, d.m, d.d+n, 12, 0, 0, 0, time.UTC))
}

func (d civilDate) weekday() time.Weekday { return d.noon().Weekday() }

func (d civilDate) before(e civilDate) bool { return d.noon().Before(e.noon()) }

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Build validates the spec and returns the calendar. Errors are *Error naming
// the offending key ("calendar.time_zone", "calendar.holidays[1]", ...).
func (s CalendarSpec) Build() (*Calendar, error) {
	c := &Calendar{extra: map[civilDate]bool{}}

	switch s.TimeZone {
	case "":
		return nil, &Error{"calendar.time_zone", "missing"}
	case "Local":
		// time.LoadLocation accepts it, but it would make deadlines depend on
		// the server's TZ setting.
		return nil, &Error{"calendar.time_zone", `"Local" is not allowed: name an IANA zone`}
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return nil, &Error{"calendar.time_zone", fmt.Sprintf("unknown time zone %q", s.TimeZone)}
	}
	c.loc = loc

	if len(s.WorkingDays) == 0 {
		for d := time.Monday; d <= time.Friday; d++ {
			c.working[d] = true
		}
	}
	for i, name := range s.WorkingDays {
		key := fmt.Sprintf("calendar.working_days[%d]", i)
		wd, ok := weekdayNames[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			return nil, &Error{key, fmt.Sprintf("unknown weekday %q (use mon, tue, wed, thu, fri, sat, sun)", name)}
		}
		if c.working[wd] {
			return nil, &Error{key, fmt.Sprintf("%q listed twice", name)}
		}
		c.working[wd] = true
	}

	if s.OfficeHours != "" {
		from, to, ok := strings.Cut(s.OfficeHours, "-")
		open, err1 := parseClock(strings.TrimSpace(from), false)
		closing, err2 := parseClock(strings.TrimSpace(to), true)
		switch {
		case !ok:
			return nil, &Error{"calendar.office_hours", fmt.Sprintf("%q: want HH:MM-HH:MM", s.OfficeHours)}
		case err1 != nil:
			return nil, &Error{"calendar.office_hours", fmt.Sprintf("%q: start: %v", s.OfficeHours, err1)}
		case err2 != nil:
			return nil, &Error{"calendar.office_hours", fmt.Sprintf("%q: end: %v", s.OfficeHours, err2)}
		case open >= closing:
			// Overnight shifts would make "the business day" of an instant
			// ambiguous; no vendor has one.
			return nil, &Error{"calendar.office_hours", fmt.Sprintf("%q: start must be before end", s.OfficeHours)}
		}
		c.openAt, c.closeAt, c.hasOffice = open, closing, true
	}

	for i, set := range s.Holidays {
		key := fmt.Sprintf("calendar.holidays[%d]", i)
		var seen bool
		switch set {
		case "us_federal":
			seen, c.usFederal = c.usFederal, true
		case "hk_general":
			seen, c.hkGeneral = c.hkGeneral, true
		default:
			return nil, &Error{key, fmt.Sprintf("unknown holiday set %q (have us_federal, hk_general)", set)}
		}
		if seen {
			return nil, &Error{key, fmt.Sprintf("%q listed twice", set)}
		}
	}

	for i, v := range s.ExtraHolidays {
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
		if err != nil {
			return nil, &Error{fmt.Sprintf("calendar.extra_holidays[%d]", i), fmt.Sprintf("%q: want a date YYYY-MM-DD", v)}
		}
		c.extra[dateOf(d)] = true
	}

	if s.Cutoff != "" {
		cut, err := parseClock(strings.TrimSpace(s.Cutoff), false)
		if err != nil {
			return nil, &Error{"calendar.cutoff", fmt.Sprintf("%q: %v", s.Cutoff, err)}
		}
		c.cutoff, c.hasCutoff = cut, true
	}
	return c, nil
}

// parseClock reads "HH:MM" (or "H:MM") as an offset from local midnight on
// the wall clock. "24:00" is accepted only where it means "end of the day".
func parseClock(s string, allow24 bool) (time.Duration, error) {
	hs, ms, ok := strings.Cut(s, ":")
	if !ok || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, fmt.Errorf("want HH:MM")
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || strings.ContainsAny(s, "+-") {
		return 0, fmt.Errorf("want HH:MM")
	}
	if h > 23 && !(allow24 && h == 24 && m == 0) {
		return 0, fmt.Errorf("hour out of range")
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// local is the local date of t in the calendar's zone.
func (c *Calendar) local(t time.Time) civilDate { return dateOf(t.In(c.loc)) }

// clock is the local wall-clock time of t as an offset from midnight. It is
// the wall clock, not time elapsed since midnight, so "12:00" means noon on
// DST change days too.
func (c *Calendar) clock(t time.Time) time.Duration {
	l := t.In(c.loc)
	return time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute +
		time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond())
}

// StartOfDay is local midnight of t's date in the calendar's zone.
func (c *Calendar) StartOfDay(t time.Time) time.Time { return c.start(c.local(t)) }

// EndOfDay is the last instant of t's local date: one nanosecond before the
// next local midnight, so the local clock reads 23:59:59.999999999 (whatever
// the length of the day) and a comparison "now > deadline" is true from the
// next day's midnight on.
func (c *Calendar) EndOfDay(t time.Time) time.Time { return c.end(c.local(t)) }

// start and end are built with time.Date from the civil date, never with
// +24h arithmetic, which would be an hour off across a DST change.
func (c *Calendar) start(d civilDate) time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, c.loc) }

// end is the last microsecond of the day: PostgreSQL keeps microseconds, so
// a deadline stored and read back is the same instant.
func (c *Calendar) end(d civilDate) time.Time {
	return time.Date(d.y, d.m, d.d+1, 0, 0, 0, 0, c.loc).Add(-time.Microsecond)
}

// IsBusinessDay reports whether t's local date is a working day that is no holiday.
func (c *Calendar) IsBusinessDay(t time.Time) bool { return c.isBusiness(c.local(t)) }

func (c *Calendar) isBusiness(d civilDate) bool {
	if !c.working[d.weekday()] {
		return false
	}
	_, hol := c.holiday(d)
	return !hol
}

// HolidayName names the holiday on t's local date, or "" if there is none.
// A weekend date can be a holiday too (a US holiday's actual Saturday, a Hong
// Kong holiday on a Saturday).
func (c *Calendar) HolidayName(t time.Time) string {
	name, _ := c.holiday(c.local(t))
	return name
}

// HolidaysKnown reports whether every holiday set of the calendar covers t's
// local year. It is false for "hk_general" outside the years of its table,
// where the calendar silently knows no Hong Kong holidays: callers may warn.
func (c *Calendar) HolidaysKnown(t time.Time) bool {
	y := c.local(t).y
	return !c.hkGeneral || (y >= hkFirstYear && y <= hkLastYear)
}

func (c *Calendar) holiday(d civilDate) (string, bool) {
	if c.extra[d] {
		return "Extra holiday", true
	}
	if c.hkGeneral {
		if name, ok := hkGeneral[d]; ok {
			return name, true
		}
	}
	if c.usFederal {
		if name, ok := usFederalHoliday(d); ok {
			return name, true
		}
	}
	return "", false
}

// usFederalHoliday checks d against rickar/cal's US federal holidays. Both
// the actual day and the observed day (Saturday -> Friday, Sunday -> Monday)
// are holidays: offices close on the observed day, and a calendar that works
// Saturdays still would not work on the 4th of July. Holidays are computed
// for the neighbouring years too, because an observed day can cross the year
// boundary (New Year's Day 2028, a Saturday, is observed on 2027-12-31).
func usFederalHoliday(d civilDate) (string, bool) {
	for _, h := range us.Holidays {
		for y := d.y - 1; y <= d.y+1; y++ {
			// Calc returns times in cal.DefaultLoc; only their Y/M/D is used.
			actual, observed := h.Calc(y)
			if !actual.IsZero() && dateOf(actual) == d {
				return h.Name, true
			}
			if !observed.IsZero() && dateOf(observed) == d {
				return h.Name + " (observed)", true
			}
		}
	}
	return "", false
}

// nextBusiness is the first business day after d.
func (c *Calendar) nextBusiness(d civilDate) civilDate {
	// This ends: Build guarantees at least one working weekday (an empty
	// list means Mon-Fri) and every holiday source is finite per year.
	for {
		d = d.addDays(1)
		if c.isBusiness(d) {
			return d
		}
	}
}

// BusinessDaysAfter is the end (see EndOfDay) of the nth business day after
// t's local date. The day of t never counts, whatever the hour: an approval
// on Friday at 08:00 + 1 bd ends on Monday night. n <= 0 means t's own day.
func (c *Calendar) BusinessDaysAfter(t time.Time, n int) time.Time {
	d := c.local(t)
	for ; n > 0; n-- {
		d = c.nextBusiness(d)
	}
	return c.end(d)
}

// BusinessDaysBefore is t moved back n business days: the same local
// wall-clock time on the nth business day before t's local date (t's own
// date need not be a business day). One business day before the end of
// Monday is the end of Friday, or of Thursday when Friday is a holiday:
// what is due then has one business day left. n <= 0 returns t.
func (c *Calendar) BusinessDaysBefore(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	d := c.local(t)
	for ; n > 0; n-- {
		d = c.prevBusiness(d)
	}
	l := t.In(c.loc)
	return time.Date(d.y, d.m, d.d, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), c.loc)
}

// prevBusiness is the last business day before d.
func (c *Calendar) prevBusiness(d civilDate) civilDate {
	// This ends for the reason nextBusiness does.
	for {
		d = d.addDays(-1)
		if c.isBusiness(d) {
			return d
		}
	}
}

// CalendarDaysAfter is the end (see EndOfDay) of the local date n days after
// t's local date.
func (c *Calendar) CalendarDaysAfter(t time.Time, n int) time.Time {
	return c.end(c.local(t).addDays(n))
}

// ShipDate is local midnight of the day something processed at t ships: t's
// own date if that is a business day and t is strictly before the cut-off
// (or there is none), else the next business day. Exactly 12:00:00 with a
// 12:00 cut-off is too late.
func (c *Calendar) ShipDate(t time.Time) time.Time {
	d := c.local(t)
	if c.isBusiness(d) && (!c.hasCutoff || c.clock(t) < c.cutoff) {
		return c.start(d)
	}
	return c.start(c.nextBusiness(d))
}

// BusinessDaysBetween counts the business days after a's local date up to
// and including b's local date: how many business days late b is for a
// deadline on a's date. It is 0 when b's date is not after a's.
// For n >= 0, BusinessDaysBetween(t, BusinessDaysAfter(t, n)) == n.
func (c *Calendar) BusinessDaysBetween(a, b time.Time) int {
	da, db := c.local(a), c.local(b)
	n := 0
	for d := da.addDays(1); !db.before(d); d = d.addDays(1) {
		if c.isBusiness(d) {
			n++
		}
	}
	return n
}

// InOfficeHours reports whether t falls on a business day and within office
// hours on the local wall clock (start inclusive, end exclusive). With no
// office hours configured the whole business day counts.
func (c *Calendar) InOfficeHours(t time.Time) bool {
	if !c.IsBusinessDay(t) {
		return false
	}
	if !c.hasOffice {
		return true
	}
	clk := c.clock(t)
	return clk >= c.openAt && clk < c.closeAt
}
