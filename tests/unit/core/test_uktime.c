/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include "core/uktime.h"
#include "tap.h"

/* The UTC instant of a UTC date-time, without the local zone. */
static time_t utc(int y, int mo, int d, int h, int mi)
{
	return (time_t)(date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
			mi * 60);
}

int main(void)
{
	struct tm tm;
	time_t t = 0;
	long long y;
	unsigned m, d;

	/* day counts */
	is_int(date_days_from_civil(1970, 1, 1), 0, "the epoch is day 0");
	is_int(date_days_from_civil(2000, 3, 1), 11017, "2000-03-01 (after a 400-year leap day)");
	is_int(date_days_from_civil(1969, 12, 31), -1, "the day before the epoch is -1");
	date_civil_from_days(date_days_from_civil(2024, 2, 29), &y, &m, &d);
	ok(y == 2024 && m == 2 && d == 29, "a leap day round-trips");
	date_civil_from_days(-1, &y, &m, &d);
	ok(y == 1969 && m == 12 && d == 31, "day -1 is 1969-12-31");
	is_int(date_days_in_month(2100, 2), 28, "2100 is not a leap year");
	is_int(date_days_in_month(2000, 2), 29, "2000 is a leap year");
	is_int(date_days_in_month(2026, 13), 0, "no thirteenth month");

	/* UK wall clock from an instant */
	uktime_local(utc(2026, 1, 15, 12, 0), &tm);
	ok(tm.tm_hour == 12 && !tm.tm_isdst, "January is GMT");
	uktime_local(utc(2026, 7, 1, 12, 0), &tm);
	ok(tm.tm_hour == 13 && tm.tm_isdst, "July is BST (UTC+1)");
	/* 2026: clocks go forward on 29 March, back on 25 October, at 01:00 UTC */
	uktime_local(utc(2026, 3, 29, 0, 59), &tm);
	ok(tm.tm_hour == 0 && tm.tm_min == 59, "a minute before the change is still GMT");
	uktime_local(utc(2026, 3, 29, 1, 0), &tm);
	ok(tm.tm_hour == 2 && tm.tm_min == 0, "at 01:00 UTC the clocks show 02:00 BST");
	uktime_local(utc(2026, 10, 25, 0, 59), &tm);
	ok(tm.tm_hour == 1 && tm.tm_min == 59 && tm.tm_isdst,
	   "00:59 UTC on 25 October is 01:59 BST");
	uktime_local(utc(2026, 10, 25, 1, 0), &tm);
	ok(tm.tm_hour == 1 && tm.tm_min == 0 && !tm.tm_isdst, "01:00 UTC is 01:00 GMT");
	uktime_local(utc(2026, 12, 31, 23, 30), &tm);
	ok(tm.tm_year == 126 && tm.tm_mon == 11 && tm.tm_mday == 31,
	   "New Year's Eve stays in its year");

	/* an instant from the UK wall clock */
	is_int(uktime_from_local(2026, 1, 15, 9, 0, 0, &t), 0, "a winter time exists");
	is_int(t, utc(2026, 1, 15, 9, 0), "winter: local equals UTC");
	is_int(uktime_from_local(2026, 7, 1, 9, 0, 0, &t), 0, "a summer time exists");
	is_int(t, utc(2026, 7, 1, 8, 0), "summer: local is UTC+1");
	is_int(uktime_from_local(2026, 3, 29, 1, 30, 0, &t), -1,
	       "01:30 on 29 March 2026 is skipped");
	is_int(uktime_from_local(2026, 3, 29, 2, 0, 0, &t), 0, "02:00 that day exists");
	is_int(t, utc(2026, 3, 29, 1, 0), "02:00 BST is 01:00 UTC");
	is_int(uktime_from_local(2026, 10, 25, 1, 30, 0, &t), 0,
	       "01:30 on 25 October happens twice");
	is_int(t, utc(2026, 10, 25, 0, 30), "the repeated hour is read as BST");
	is_int(uktime_from_local(2026, 10, 25, 2, 0, 0, &t), 0, "02:00 after the change");
	is_int(t, utc(2026, 10, 25, 2, 0), "is GMT again");
	is_int(uktime_from_local(2026, 2, 30, 9, 0, 0, &t), -1, "30 February does not exist");
	is_int(uktime_from_local(2026, 1, 1, 24, 0, 0, &t), -1, "hour 24 is refused");
	return tap_done();
}
