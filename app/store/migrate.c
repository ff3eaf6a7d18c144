/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * migrate: apply the numbered SQL files of the migrations directory (the
 * `yourvoice migrate` command is app/cmd/migrate.c). The SQL run here is the literal text of
 * the migration files (no values), executed statement by statement through
 * the prepared-statement protocol.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/buf.h"
#include "core/log.h"
#include "store/codes.h"
#include "store/instkey.h"
#include "store/migrate.h"

#define MIGRATION_MAX_FILES 999
#define MIGRATION_MAX_BYTES (1024 * 1024)
#define CODES_MIGRATION 12 /* 012-codes-at-rest.sql: see store/codes.h */

struct mfile {
	int version;
	char name[256];
};

static int run_sql(struct store *st, const char *sql, size_t len, char *err, size_t errlen)
{
	MYSQL_STMT *s = mysql_stmt_init(st->db);
	int rc = 0;

	if (s == NULL)
		log_fatal("out of memory (mysql_stmt_init)");
	if (mysql_stmt_prepare(s, sql, (unsigned long)len) != 0 || mysql_stmt_execute(s) != 0) {
		snprintf(err, errlen, "%s", mysql_stmt_error(s));
		rc = -1;
	}
	mysql_stmt_close(s);
	return rc;
}

static int cmp_mfile(const void *a, const void *b)
{
	const struct mfile *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* The migration files of dir, sorted; -1 if unreadable or malformed. */
static int list_files(const char *dir, struct mfile **out, size_t *n, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct mfile *v = NULL;
	size_t cnt = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL) {
		snprintf(err, errlen, "%s: cannot open migrations directory: %s", dir,
			 strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *end;
		long ver;

		if (len < 9 || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		ver = strtol(e->d_name, &end, 10);
		if (end != e->d_name + 3 || *end != '-' || ver < 1 || len >= sizeof(v->name) ||
		    cnt >= MIGRATION_MAX_FILES) {
			snprintf(err, errlen, "%s/%s: migration files are named NNN-name.sql", dir,
				 e->d_name);
			free(v);
			closedir(d);
			return -1;
		}
		struct mfile *nv = realloc(v, (cnt + 1) * sizeof(*v));

		if (nv == NULL)
			log_fatal("out of memory");
		v = nv;
		v[cnt].version = (int)ver;
		memcpy(v[cnt].name, e->d_name, len + 1);
		cnt++;
	}
	closedir(d);
	qsort(v, cnt, sizeof(*v), cmp_mfile);
	for (size_t i = 1; i < cnt; i++) {
		if (v[i].version == v[i - 1].version) {
			snprintf(err, errlen, "%s: two migrations have version %03d", dir,
				 v[i].version);
			free(v);
			return -1;
		}
	}
	*out = v;
	*n = cnt;
	return 0;
}

static const char create_table[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
				   " version INT NOT NULL PRIMARY KEY,"
				   " name VARCHAR(255) NOT NULL,"
				   " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
				   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

/* Is version v recorded in schema_migrations? 1, 0, or -1 on error. */
static int is_applied(struct store *st, int v, char *err, size_t errlen)
{
	static const char q[] = "SELECT COUNT(*) FROM schema_migrations WHERE version = ?";
	MYSQL_STMT *s = mysql_stmt_init(st->db);
	MYSQL_BIND in, out;
	long long ver = v, n = -1;

	if (s == NULL)
		log_fatal("out of memory (mysql_stmt_init)");
	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	in.buffer_type = MYSQL_TYPE_LONGLONG;
	in.buffer = &ver;
	out.buffer_type = MYSQL_TYPE_LONGLONG;
	out.buffer = &n;
	if (mysql_stmt_prepare(s, q, sizeof(q) - 1) != 0 || mysql_stmt_bind_param(s, &in) != 0 ||
	    mysql_stmt_execute(s) != 0 || mysql_stmt_bind_result(s, &out) != 0 ||
	    mysql_stmt_fetch(s) != 0) {
		snprintf(err, errlen, "reading schema_migrations: %s", mysql_stmt_error(s));
		n = -1;
	}
	mysql_stmt_close(s);
	return n < 0 ? -1 : n > 0;
}

/*
 * Mark each file applied or not (applied[i]); the highest applied version
 * in *highest. Versions are checked one by one, not against a maximum, so
 * migrations merged from parallel branches with lower numbers still run.
 */
static int applied_set(struct store *st, const struct mfile *files, size_t n, int *applied,
		       int *highest, char *err, size_t errlen)
{
	*highest = 0;
	if (run_sql(st, create_table, sizeof(create_table) - 1, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		applied[i] = is_applied(st, files[i].version, err, errlen);
		if (applied[i] < 0)
			return -1;
		if (applied[i] && files[i].version > *highest)
			*highest = files[i].version;
	}
	return 0;
}

int migrate_status(struct store *st, const char *dir, struct migration_status *out, char *err,
		   size_t errlen)
{
	return migrate_report(st, dir, out, NULL, err, errlen);
}

int migrate_report(struct store *st, const char *dir, struct migration_status *out, FILE *list,
		   char *err, size_t errlen)
{
	struct mfile *files;
	size_t n;
	int applied, *done;

	memset(out, 0, sizeof(*out));
	if (store_connect(st) != STORE_OK) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	if (list_files(dir, &files, &n, err, errlen) != 0)
		return -1;
	done = calloc(n + 1, sizeof(*done));
	if (done == NULL)
		log_fatal("out of memory");
	if (applied_set(st, files, n, done, &applied, err, errlen) != 0) {
		free(done);
		free(files);
		return -1;
	}
	out->applied = applied;
	out->latest = n > 0 ? files[n - 1].version : 0;
	for (size_t i = 0; i < n; i++) {
		if (!done[i])
			out->pending++;
		if (list != NULL)
			fprintf(list, "%-8s %s\n", done[i] ? "applied" : "pending", files[i].name);
	}
	free(done);
	free(files);
	return 0;
}

/* Run every statement of one file. */
static int apply_file(struct store *st, const char *dir, const struct mfile *m, char *err,
		      size_t errlen)
{
	char path[1024], line[4096];
	struct buf sql;
	FILE *f;
	int rc = 0, lineno = 0, start = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, m->name);
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&sql, MIGRATION_MAX_BYTES);
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		size_t len = strlen(line);
		const char *p = line;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "--", 2) == 0 || *p == '\n' || *p == '\0')
			continue;
		if (sql.len == 0)
			start = lineno;
		if (buf_append(&sql, line, len) != 0) {
			snprintf(err, errlen, "%s: larger than %d bytes", path,
				 MIGRATION_MAX_BYTES);
			rc = -1;
			break;
		}
		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == ' ' || line[len - 1] == '\r'))
			len--;
		if (len > 0 && line[len - 1] == ';') {
			char why[512];

			if (run_sql(st, sql.data, sql.len - 1 - (strlen(line) - len), why,
				    sizeof(why)) != 0) {
				snprintf(err, errlen, "%s:%d: %s", path, start, why);
				rc = -1;
			}
			buf_reset(&sql);
		}
	}
	fclose(f);
	if (rc == 0 && sql.len > 0) {
		snprintf(err, errlen, "%s:%d: statement without a closing ';'", path, start);
		rc = -1;
	}
	buf_release(&sql);
	if (rc == 0) {
		static const char ins[] =
		    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";
		MYSQL_STMT *s = mysql_stmt_init(st->db);
		MYSQL_BIND b[2];
		long long ver = m->version;
		unsigned long nlen = (unsigned long)strlen(m->name);

		if (s == NULL)
			log_fatal("out of memory (mysql_stmt_init)");
		memset(b, 0, sizeof(b));
		b[0].buffer_type = MYSQL_TYPE_LONGLONG;
		b[0].buffer = &ver;
		b[1].buffer_type = MYSQL_TYPE_STRING;
		b[1].buffer = (void *)m->name;
		b[1].buffer_length = nlen;
		b[1].length = &nlen;
		if (mysql_stmt_prepare(s, ins, sizeof(ins) - 1) != 0 ||
		    mysql_stmt_bind_param(s, b) != 0 || mysql_stmt_execute(s) != 0) {
			snprintf(err, errlen, "recording %s: %s", m->name, mysql_stmt_error(s));
			rc = -1;
		}
		mysql_stmt_close(s);
	}
	return rc;
}

int migrate_apply(struct store *st, const char *dir, FILE *out, char *err, size_t errlen)
{
	struct mfile *files;
	size_t n;
	int applied, rc = 0, *done;

	if (store_connect(st) != STORE_OK) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	if (list_files(dir, &files, &n, err, errlen) != 0)
		return -1;
	done = calloc(n + 1, sizeof(*done));
	if (done == NULL)
		log_fatal("out of memory");
	if (applied_set(st, files, n, done, &applied, err, errlen) != 0) {
		free(done);
		free(files);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (done[i])
			continue;
		rc = apply_file(st, dir, &files[i], err, errlen);
		if (rc == 0 && out != NULL)
			fprintf(out, "applied %s\n", files[i].name);
	}
	free(done);
	free(files);
	return rc;
}

long migrate_rekey_codes(const struct settings *cfg, struct store *st, long *pending)
{
	unsigned char key[TOKEN_KEY_BYTES];
	const char *theirs, *since;
	char err[512];
	struct arena a;
	long n = -1;

	*pending = 0;
	/* a migrations_dir that stops before 012 leaves nothing to convert */
	if (is_applied(st, CODES_MIGRATION, err, sizeof(err)) != 1)
		return -2;
	*pending = codes_pending(st);
	if (*pending <= 0)
		return -2;
	if (access(cfg->secret_file, R_OK) == 0 && token_init() == 0 &&
	    token_key_load(cfg->secret_file, key, err, sizeof(err)) == 0) {
		enum instkey_state k;

		arena_init(&a, 0);
		k = instkey_check(st, key, 1, &a, &theirs, &since);
		if (k == INSTKEY_SAME)
			n = codes_rekey(st, key);
		arena_release(&a);
		sodium_memzero(key, sizeof(key));
	}
	return n < 0 ? -1 : n;
}

int migrate_check_statements(struct store *st, int *count, char *err, size_t errlen)
{
	*count = (int)ST__COUNT;
	return store_prepare_all(st, err, errlen) == STORE_OK ? 0 : -1;
}
