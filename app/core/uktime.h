/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * uktime: UK civil time and calendar arithmetic, written once.
 * Local time is Europe/London from the C library's zoneinfo: the first call
 * sets TZ for the process (":Europe/London", or the same rule as a POSIX TZ
 * string when the zoneinfo file is missing) and calls tzset(); a worker is
 * single-threaded and nothing else in the program reads local time.
 * Calendar arithmetic is Howard Hinnant's proleptic Gregorian day count.
 * Uses the C library only.
 */
#ifndef YV_CORE_UKTIME_H
#define YV_CORE_UKTIME_H

#include <time.h>

/* t as UK wall-clock time (GMT or BST); tm_isdst says which. */
void uktime_local(time_t t, struct tm *out);
/* The instant of a UK wall-clock time y-mo-d h:mi:s (fields as written,
 * mo 1–12). -1 when that time does not exist (the hour skipped in March)
 * or a field is out of range; the hour repeated in October is taken as BST,
 * its first occurrence. */
int uktime_from_local(int y, int mo, int d, int h, int mi, int s, time_t *out);

/* Days from 1970-01-01 to y-m-d (m 1–12; negative before 1970). */
long long date_days_from_civil(long long y, unsigned m, unsigned d);
/* The date of day z counted from 1970-01-01. */
void date_civil_from_days(long long z, long long *y, unsigned *m, unsigned *d);
/* Days in month m (1–12) of year y. */
int date_days_in_month(long long y, int m);

#endif
