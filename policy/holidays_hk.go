package policy

import "time"

// Hong Kong general holidays ("hk_general"), as an explicit table.
//
// Why a table: the lunar-calendar holidays and the substitution rules (a
// holiday on a Sunday moves to the next day that is not already a holiday; a
// Sunday among the three Lunar New Year days adds the fourth day) are set by
// the Government in an annual gazette notice, and rickar/cal has no Hong Kong
// package. Saturdays count as weekdays in Hong Kong, so a holiday on a
// Saturday has no substitute (and is listed, because it matters to a calendar
// whose working_days include "sat").
//
// Coverage is hkFirstYear..hkLastYear. For any other year "hk_general" knows
// no holidays: Build still succeeds (a calendar cannot know future gazettes),
// Calendar.HolidaysKnown reports false, and this table must be extended when
// the next gazette notice is published (normally mid-year for the following
// year).
//
// Sources and checks:
//   - 2025 and 2026: the gazetted lists, as recalled; every date re-checked below.
//   - 2027 and 2028: derived from the rules of the General Holidays Ordinance
//     (Cap. 149), not yet gazetted when this was written: re-check against
//     the gazette when it appears.
//   - Easter (Good Friday, the day following it, Easter Monday): Gregorian
//     Computus (Meeus/Jones/Butcher), checked by TestHKTableEaster:
//     Easter 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16.
//   - Ching Ming (solar term Qingming, sun at 15 degrees): 2025-04-04,
//     2026-04-05, 2027-04-05, 2028-04-04 (the usual 4 Apr in leap years,
//     5 Apr otherwise, for this decade).
//   - Lunar dates: new moons computed with Meeus (Astronomical Algorithms,
//     ch. 49) in UTC+8, months counted from Lunar New Year (29 Jan 2025,
//     17 Feb 2026, 6 Feb 2027, 26 Jan 2028), with the leap months of 2025
//     (leap 6th) and 2028 (leap 5th); they agree with published calendars.
//     Closest call: the new moon of 6 Feb 2027 falls at about 23:56 UTC+8,
//     so Lunar New Year 2027 rests on a few minutes; published calendars
//     agree on 6 Feb 2027.
//   - 2026 is the unusual year: Ching Ming and Easter Sunday both fall on
//     5 April; Easter Monday (6 April) then becomes "the day following Ching
//     Ming Festival" and 7 April "the day following Easter Monday", as the
//     gazette did in 2015, the last time the two coincided.
const (
	hkFirstYear = 2025
	hkLastYear  = 2028
)

// hkGeneral maps each general holiday (other than ordinary Sundays) to its
// gazetted name. Immutable: never written after package initialisation.
var hkGeneral = map[civilDate]string{
	// 2025
	{2025, time.January, 1}:   "The first day of January",
	{2025, time.January, 29}:  "Lunar New Year's Day",
	{2025, time.January, 30}:  "The second day of Lunar New Year",
	{2025, time.January, 31}:  "The third day of Lunar New Year",
	{2025, time.April, 4}:     "Ching Ming Festival",
	{2025, time.April, 18}:    "Good Friday",
	{2025, time.April, 19}:    "The day following Good Friday",
	{2025, time.April, 21}:    "Easter Monday",
	{2025, time.May, 1}:       "Labour Day",
	{2025, time.May, 5}:       "The Birthday of the Buddha",
	{2025, time.May, 31}:      "Tuen Ng Festival", // Saturday: no substitute
	{2025, time.July, 1}:      "Hong Kong Special Administrative Region Establishment Day",
	{2025, time.October, 1}:   "National Day",
	{2025, time.October, 7}:   "The day following the Chinese Mid-Autumn Festival", // Mid-Autumn 6 Oct
	{2025, time.October, 29}:  "Chung Yeung Festival",
	{2025, time.December, 25}: "Christmas Day",
	{2025, time.December, 26}: "The first weekday after Christmas Day",

	// 2026
	{2026, time.January, 1}:    "The first day of January",
	{2026, time.February, 17}:  "Lunar New Year's Day",
	{2026, time.February, 18}:  "The second day of Lunar New Year",
	{2026, time.February, 19}:  "The third day of Lunar New Year",
	{2026, time.April, 3}:      "Good Friday",
	{2026, time.April, 4}:      "The day following Good Friday",
	{2026, time.April, 6}:      "The day following Ching Ming Festival", // Ching Ming = Easter Sunday 5 Apr
	{2026, time.April, 7}:      "The day following Easter Monday",       // Easter Monday's day taken by Ching Ming's substitute
	{2026, time.May, 1}:        "Labour Day",
	{2026, time.May, 25}:       "The day following the Birthday of the Buddha", // Buddha's Birthday Sunday 24 May
	{2026, time.June, 19}:      "Tuen Ng Festival",
	{2026, time.July, 1}:       "Hong Kong Special Administrative Region Establishment Day",
	{2026, time.September, 26}: "The day following the Chinese Mid-Autumn Festival", // Mid-Autumn 25 Sep; a Saturday
	{2026, time.October, 1}:    "National Day",
	{2026, time.October, 19}:   "The day following Chung Yeung Festival", // Chung Yeung Sunday 18 Oct
	{2026, time.December, 25}:  "Christmas Day",
	{2026, time.December, 26}:  "The first weekday after Christmas Day", // a Saturday, still a "weekday" in Hong Kong

	// 2027 (not yet gazetted when written: derived from the rules)
	{2027, time.January, 1}:    "The first day of January",
	{2027, time.February, 6}:   "Lunar New Year's Day", // Saturday; the second day is a Sunday, hence the fourth day
	{2027, time.February, 8}:   "The third day of Lunar New Year",
	{2027, time.February, 9}:   "The fourth day of Lunar New Year",
	{2027, time.March, 26}:     "Good Friday",
	{2027, time.March, 27}:     "The day following Good Friday",
	{2027, time.March, 29}:     "Easter Monday",
	{2027, time.April, 5}:      "Ching Ming Festival",
	{2027, time.May, 1}:        "Labour Day", // Saturday: no substitute
	{2027, time.May, 13}:       "The Birthday of the Buddha",
	{2027, time.June, 9}:       "Tuen Ng Festival",
	{2027, time.July, 1}:       "Hong Kong Special Administrative Region Establishment Day",
	{2027, time.September, 16}: "The day following the Chinese Mid-Autumn Festival", // Mid-Autumn 15 Sep
	{2027, time.October, 1}:    "National Day",
	{2027, time.October, 8}:    "Chung Yeung Festival",
	{2027, time.December, 25}:  "Christmas Day",                         // Saturday
	{2027, time.December, 27}:  "The first weekday after Christmas Day", // 26 Dec is a Sunday

	// 2028 (not yet gazetted when written: derived from the rules)
	{2028, time.January, 1}:   "The first day of January", // Saturday: no substitute
	{2028, time.January, 26}:  "Lunar New Year's Day",
	{2028, time.January, 27}:  "The second day of Lunar New Year",
	{2028, time.January, 28}:  "The third day of Lunar New Year",
	{2028, time.April, 4}:     "Ching Ming Festival",
	{2028, time.April, 14}:    "Good Friday",
	{2028, time.April, 15}:    "The day following Good Friday",
	{2028, time.April, 17}:    "Easter Monday",
	{2028, time.May, 1}:       "Labour Day",
	{2028, time.May, 2}:       "The Birthday of the Buddha",
	{2028, time.May, 29}:      "The day following Tuen Ng Festival",                        // Tuen Ng Sunday 28 May (before the leap 5th month)
	{2028, time.July, 1}:      "Hong Kong Special Administrative Region Establishment Day", // Saturday
	{2028, time.October, 2}:   "The day following National Day",                            // 1 Oct is a Sunday
	{2028, time.October, 4}:   "The day following the Chinese Mid-Autumn Festival",         // Mid-Autumn 3 Oct (after the leap 5th month)
	{2028, time.October, 26}:  "Chung Yeung Festival",
	{2028, time.December, 25}: "Christmas Day",
	{2028, time.December, 26}: "The first weekday after Christmas Day",
}
