/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/settings.h"
#include "tap.h"

static const char *write_tmp(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/yv-settings-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		abort();
	close(fd);
	return path;
}

int main(void)
{
	struct settings s;
	char err[512];
	const char *p;

	settings_defaults(&s);
	p = write_tmp("# comment\nlisten = 127.0.0.1:9000\nworkers = 3  # inline\n"
		      "max_body=70000\nlog_level = debug\n");
	is_int(settings_load(&s, p, err, sizeof(err)), 0, "a valid file loads");
	is_str(s.listen, "127.0.0.1:9000", "string value read, spaces trimmed");
	is_int(s.workers, 3, "integer value read, inline comment dropped");
	is_int(s.max_body, 70000, "size value read");
	is_int(settings_worker_count(&s), 3, "worker count as configured");
	unlink(p);

	settings_defaults(&s);
	p = write_tmp("listen = x\n\nlisen = y\n");
	is_int(settings_load(&s, p, err, sizeof(err)), -1, "an unknown key is an error");
	ok(strstr(err, ":3: unknown setting 'lisen'") != NULL, "error names line and key: %s", err);
	unlink(p);

	settings_defaults(&s);
	p = write_tmp("workers = many\n");
	is_int(settings_load(&s, p, err, sizeof(err)), -1, "a bad number is an error");
	ok(strstr(err, ":1: workers must be a whole number") != NULL,
	   "error says what is wanted: %s", err);
	unlink(p);

	settings_defaults(&s);
	is_int(s.cost_face_to_face, 862, "a face-to-face contact costs £8.62 by default");
	is_int(s.cost_paper, -1, "paper has no cost until one is set");
	p = write_tmp("cost_paper = 1.2\ncost_email = 0.05\ncost_phone = 3\n");
	is_int(settings_load(&s, p, err, sizeof(err)), 0, "costs in pounds load");
	is_int(s.cost_paper, 120, "1.2 is 120 pence");
	is_int(s.cost_email, 5, "0.05 is 5 pence");
	is_int(s.cost_phone, 300, "3 is 300 pence");
	unlink(p);
	for (int i = 0; i < 5; i++) {
		static const char *const bad[] = {"1.205", "£2", "-1", "2.", ".5"};
		char line[64];

		settings_defaults(&s);
		snprintf(line, sizeof(line), "cost_online = %s\n", bad[i]);
		p = write_tmp(line);
		is_int(settings_load(&s, p, err, sizeof(err)), -1, "cost '%s' is refused", bad[i]);
		ok(strstr(err, ":1: cost_online must be an amount in pounds such as 2.83") != NULL,
		   "and the error says what to write: %s", err);
		unlink(p);
	}

	settings_defaults(&s);
	s.workers = 0;
	ok(settings_worker_count(&s) >= 1, "workers = 0 means one per core");
	return tap_done();
}
