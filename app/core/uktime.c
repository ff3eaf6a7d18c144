/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * uktime: Europe/London through the C library's zoneinfo, and day counts
 * (see uktime.h). Owns the process's TZ setting; uses the C library only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/uktime.h"

/* The UK rule since 1996 as a POSIX TZ string: GMT, and BST from 01:00 GMT
 * on the last Sunday of March to 01:00 GMT (02:00 BST) on the last Sunday
 * of October. Used only when the zoneinfo file is not installed. */
#define UK_POSIX_TZ "GMT0BST,M3.5.0/1,M10.5.0/2"

static void uktime_init(void)
{
	static int ready;
	const char *dir;
	char path[512];

	if (ready)
		return;
	dir = getenv("TZDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof(path), "%s/Europe/London", dir) < sizeof(path) &&
	    access(path, R_OK) == 0)
		setenv("TZ", ":Europe/London", 1);
	else
		setenv("TZ", UK_POSIX_TZ, 1);
	tzset();
	ready = 1;
}

void uktime_local(time_t t, struct tm *out)
{
	uktime_init();
	if (localtime_r(&t, out) == NULL)
		memset(out, 0, sizeof(*out));
}

/* mktime with the given DST flag, kept only if it gives back the same
 * wall-clock fields (otherwise that reading of the time does not exist). */
static int try_local(const struct tm *want, int isdst, time_t *out)
{
	struct tm tm = *want, back;
	time_t t;

	tm.tm_isdst = isdst;
	t = mktime(&tm);
	if (t == (time_t)-1 || localtime_r(&t, &back) == NULL)
		return -1;
	if (back.tm_year != want->tm_year || back.tm_mon != want->tm_mon ||
	    back.tm_mday != want->tm_mday || back.tm_hour != want->tm_hour ||
	    back.tm_min != want->tm_min || back.tm_sec != want->tm_sec || back.tm_isdst != isdst)
		return -1;
	*out = t;
	return 0;
}

int uktime_from_local(int y, int mo, int d, int h, int mi, int s, time_t *out)
{
	struct tm tm;

	if (mo < 1 || mo > 12 || d < 1 || d > date_days_in_month(y, mo) || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s < 0 || s > 59)
		return -1;
	uktime_init();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	/* BST first: in the repeated October hour both readings exist. */
	if (try_local(&tm, 1, out) == 0 || try_local(&tm, 0, out) == 0)
		return 0;
	return -1;
}

long long date_days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void date_civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

int date_days_in_month(long long y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}
