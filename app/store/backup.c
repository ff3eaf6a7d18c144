/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * backup: the steps of a backup and of a restore (backup.h says what a
 * backup directory holds). Restore checks every checksum first, refuses a
 * database that already holds tables, loads the dump with the mariadb
 * client and puts the survey files back; app/cmd/backup.c runs the steps in
 * that order and reports them.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/buf.h"
#include "core/log.h"
#include "store/backup.h"
#include "store/instkey.h"
#include "store/migrate.h"
#include "store/store.h"

#define BACKUP_FORMAT "yourvoice-backup 1"
#define BACKUP_MAX_FILES 1000
#define OPTIONS_MAX 4096

/* Append `key="value"\n` to an option file, escaping as MariaDB reads it. */
static int opt_line(struct buf *b, const char *key, const char *val)
{
	if (strpbrk(val, "\n\r") != NULL)
		return -1;
	buf_append(b, key, strlen(key));
	buf_append(b, "=\"", 2);
	for (const char *p = val; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			buf_append(b, "\\", 1);
		buf_append(b, p, 1);
	}
	buf_append(b, "\"\n", 2);
	return b->overflow ? -1 : 0;
}

/* The [client] option file for the configured connection. */
static int client_options(const struct settings *c, struct buf *b)
{
	char port[16];
	int rc = 0;

	buf_append(b, "[client]\n", 9);
	rc |= opt_line(b, "user", c->db_user);
	if (c->db_password[0] != '\0')
		rc |= opt_line(b, "password", c->db_password);
	if (c->db_host[0] != '\0') {
		rc |= opt_line(b, "host", c->db_host);
		snprintf(port, sizeof(port), "%d", c->db_port > 0 ? c->db_port : 3306);
		rc |= opt_line(b, "port", port);
		rc |= opt_line(b, "protocol", "tcp");
	} else if (c->db_socket[0] != '\0') {
		rc |= opt_line(b, "socket", c->db_socket);
	}
	rc |= opt_line(b, "default-character-set", "utf8mb4");
	return rc;
}

/*
 * Run tool (found on PATH) with --defaults-file on a pipe carrying the
 * connection options, then args; stdin from in_fd and stdout to out_fd when
 * they are not -1. Returns the tool's exit status, or -1 if it could not be
 * run or was killed (reported on stderr).
 */
static int run_tool(const struct settings *c, const char *tool, const char *const *args,
		    size_t nargs, int in_fd, int out_fd)
{
	const char *argv[32];
	char defaults[64];
	struct buf opts;
	int p[2], status;
	pid_t pid;

	if (nargs + 3 > sizeof(argv) / sizeof(argv[0]))
		return -1;
	buf_init(&opts, OPTIONS_MAX);
	if (client_options(c, &opts) != 0) {
		fprintf(stderr, "yourvoice: the database settings cannot be passed to %s\n", tool);
		buf_release(&opts);
		return -1;
	}
	/* The options fit in the pipe's buffer: written before the tool starts. */
	if (pipe(p) != 0 || write(p[1], opts.data, opts.len) != (ssize_t)opts.len) {
		fprintf(stderr, "yourvoice: pipe: %s\n", strerror(errno));
		buf_release(&opts);
		return -1;
	}
	sodium_memzero(opts.data, opts.len);
	buf_release(&opts);
	close(p[1]);
	snprintf(defaults, sizeof(defaults), "--defaults-file=/dev/fd/%d", p[0]);
	argv[0] = tool;
	argv[1] = defaults;
	for (size_t i = 0; i < nargs; i++)
		argv[2 + i] = args[i];
	argv[2 + nargs] = NULL;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "yourvoice: fork: %s\n", strerror(errno));
		close(p[0]);
		return -1;
	}
	if (pid == 0) {
		if ((in_fd >= 0 && dup2(in_fd, STDIN_FILENO) < 0) ||
		    (out_fd >= 0 && dup2(out_fd, STDOUT_FILENO) < 0))
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		execvp(tool, (char *const *)argv);
		fprintf(stderr, "yourvoice: cannot run %s: %s\n", tool, strerror(errno));
		_exit(127);
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "yourvoice: %s killed by signal %d\n", tool, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

/* SHA-256 of a file as 64 hex digits in hex[65]. 0 or -1. */
static int file_sha256(const char *path, char hex[65])
{
	unsigned char chunk[65536], digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	crypto_hash_sha256_init(&h);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		crypto_hash_sha256_update(&h, chunk, (unsigned long long)n);
	close(fd);
	if (n < 0)
		return -1;
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
	return 0;
}

/* Copy a regular file; the copy gets mode. 0 or -1 with errno's reason printed. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	char chunk[65536];
	int in, out, rc = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "yourvoice: %s: %s\n", from, strerror(errno));
		return -1;
	}
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		fprintf(stderr, "yourvoice: %s: %s\n", to, strerror(errno));
		close(in);
		return -1;
	}
	while (rc == 0 && (n = read(in, chunk, sizeof(chunk))) != 0) {
		if (n < 0 || write(out, chunk, (size_t)n) != n)
			rc = -1;
	}
	if (fsync(out) != 0)
		rc = -1;
	if (close(out) != 0)
		rc = -1;
	close(in);
	if (rc != 0)
		fprintf(stderr, "yourvoice: copying %s to %s: %s\n", from, to, strerror(errno));
	return rc;
}

/*
 * A survey file name the manifest can carry: *.xml, not hidden, and only
 * letters, digits, '.', '-' and '_' (survey ids are narrower still).
 */
static int is_survey_name(const char *name)
{
	size_t n = strlen(name);

	if (n < 5 || n >= 200 || name[0] == '.' || strcmp(name + n - 4, ".xml") != 0 ||
	    strstr(name, "..") != NULL)
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
	       n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The survey file names of dir, sorted, in *names (free each and the array). */
static int list_surveys(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cnt = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL) {
		fprintf(stderr, "yourvoice: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		char **nv;

		if (!is_survey_name(e->d_name)) {
			size_t len = strlen(e->d_name);

			if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0)
				fprintf(
				    stderr,
				    "yourvoice backup: skipping %s/%s: not a survey file name\n",
				    dir, e->d_name);
			continue;
		}
		if (cnt >= BACKUP_MAX_FILES) {
			fprintf(stderr, "yourvoice: %s: more than %d survey files\n", dir,
				BACKUP_MAX_FILES);
			break;
		}
		nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL)
			log_fatal("out of memory");
		v = nv;
		v[cnt] = strdup(e->d_name);
		if (v[cnt] == NULL)
			log_fatal("out of memory");
		cnt++;
	}
	closedir(d);
	if (cnt > 0)
		qsort(v, cnt, sizeof(*v), cmp_str);
	*names = v;
	*n = cnt;
	return 0;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void backup_names_free(struct backup_names *names)
{
	free_names(names->v, names->n);
	names->v = NULL;
	names->n = 0;
}

/* A directory to write a backup into: created (0700), or existing and empty. */
static int prepare_dir(const char *dir)
{
	DIR *d;
	struct dirent *e;
	int empty = 1;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST) {
		fprintf(stderr, "yourvoice backup: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "yourvoice backup: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (!empty) {
		fprintf(stderr, "yourvoice backup: %s is not empty: give a new directory\n", dir);
		return -1;
	}
	return 0;
}

static int path_join(char *out, size_t cap, const char *a, const char *b)
{
	int n = snprintf(out, cap, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= cap) {
		fprintf(stderr, "yourvoice: path too long: %s/%s\n", a, b);
		return -1;
	}
	return 0;
}

/* Append "sha256  name" for one file of the backup to the manifest. */
static int manifest_file(FILE *m, const char *dir, const char *rel)
{
	char path[1024], hex[65];

	if (path_join(path, sizeof(path), dir, rel) != 0 || file_sha256(path, hex) != 0) {
		fprintf(stderr, "yourvoice backup: cannot read %s back\n", rel);
		return -1;
	}
	fprintf(m, "sha256 %s %s\n", hex, rel);
	return 0;
}

int backup_schema(const struct settings *cfg, struct migration_status *ms, char *err, size_t errlen)
{
	struct store st;
	int rc;

	store_init(&st, cfg);
	rc = migrate_status(&st, cfg->migrations_dir, ms, err, errlen);
	store_release(&st);
	return rc;
}

int backup_write(const struct settings *cfg, const char *dir, int schema, size_t *nsurveys)
{
	static const char *const dump_args_tail[] = {
	    "--single-transaction",
	    "--routines",
	    "--triggers",
	    "--hex-blob",
	    "--default-character-set=utf8mb4",
	    "--skip-dump-date",
	};
	const char *args[16];
	char path[1024], part[1024], sdir[1024], from[1024], to[1024], stamp[32];
	char **names = NULL;
	size_t nnames = 0, na = 0;
	FILE *m = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int fd, rc = -2;

	*nsurveys = 0;
	if (prepare_dir(dir) != 0)
		return -1;
	if (path_join(path, sizeof(path), dir, "database.sql") != 0 ||
	    path_join(part, sizeof(part), dir, "database.sql.partial") != 0 ||
	    path_join(sdir, sizeof(sdir), dir, "surveys") != 0)
		return -1;

	fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "yourvoice backup: %s: %s\n", part, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof(dump_args_tail) / sizeof(dump_args_tail[0]); i++)
		args[na++] = dump_args_tail[i];
	args[na++] = "--";
	args[na++] = cfg->db_name;
	if (run_tool(cfg, "mariadb-dump", args, na, -1, fd) != 0 || fsync(fd) != 0) {
		fprintf(stderr, "yourvoice backup: mariadb-dump failed: nothing was backed up\n");
		close(fd);
		unlink(part);
		return -1;
	}
	close(fd);
	if (rename(part, path) != 0) {
		fprintf(stderr, "yourvoice backup: %s: %s\n", path, strerror(errno));
		return -1;
	}

	if (mkdir(sdir, 0700) != 0 || list_surveys(cfg->surveys_dir, &names, &nnames) != 0) {
		fprintf(stderr, "yourvoice backup: cannot copy the surveys of %s\n",
			cfg->surveys_dir);
		goto out;
	}
	for (size_t i = 0; i < nnames; i++) {
		if (path_join(from, sizeof(from), cfg->surveys_dir, names[i]) != 0 ||
		    path_join(to, sizeof(to), sdir, names[i]) != 0 ||
		    copy_file(from, to, 0600) != 0)
			goto out;
	}

	if (path_join(path, sizeof(path), dir, "MANIFEST") != 0)
		goto out;
	m = fopen(path, "w");
	if (m == NULL) {
		fprintf(stderr, "yourvoice backup: %s: %s\n", path, strerror(errno));
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(m, "%s\nprogram %s\ncreated %s\ndatabase %s\nschema %d\nsurveys_dir %s\n",
		BACKUP_FORMAT, PACKAGE_STRING, stamp, cfg->db_name, schema, cfg->surveys_dir);
	if (manifest_file(m, dir, "database.sql") != 0)
		goto out;
	for (size_t i = 0; i < nnames; i++) {
		char rel[256];

		if (path_join(rel, sizeof(rel), "surveys", names[i]) != 0 ||
		    manifest_file(m, dir, rel) != 0)
			goto out;
	}
	if (fflush(m) != 0 || fsync(fileno(m)) != 0)
		goto out;
	*nsurveys = nnames;
	rc = 0;
out:
	if (m != NULL && fclose(m) != 0)
		rc = -2;
	free_names(names, nnames);
	return rc;
}

int backup_verify(const char *dir, struct backup_names *names)
{
	char path[1024], line[1536], file[1024], want[65], got[65];
	FILE *m;
	int rc = 0, have_db = 0;
	char **v = NULL;
	size_t cnt = 0;

	names->v = NULL;
	names->n = 0;
	if (path_join(path, sizeof(path), dir, "MANIFEST") != 0)
		return -1;
	m = fopen(path, "r");
	if (m == NULL) {
		fprintf(stderr, "yourvoice restore: %s: %s (is this a backup directory?)\n", path,
			strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), m) == NULL ||
	    strncmp(line, BACKUP_FORMAT "\n", sizeof(BACKUP_FORMAT)) != 0) {
		fprintf(stderr, "yourvoice restore: %s: not a backup this program can read\n",
			path);
		fclose(m);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), m) != NULL) {
		char rel[1024];

		if (strncmp(line, "sha256 ", 7) != 0)
			continue;
		if (sscanf(line + 7, "%64s %1000s", want, rel) != 2 || strstr(rel, "..") != NULL) {
			fprintf(stderr, "yourvoice restore: %s: malformed line\n", path);
			rc = -1;
			break;
		}
		if (path_join(file, sizeof(file), dir, rel) != 0 || file_sha256(file, got) != 0 ||
		    strcmp(want, got) != 0) {
			fprintf(stderr,
				"yourvoice restore: %s is missing or damaged (checksum differs)\n",
				file);
			rc = -1;
			break;
		}
		if (strcmp(rel, "database.sql") == 0) {
			have_db = 1;
		} else if (strncmp(rel, "surveys/", 8) == 0 && is_survey_name(rel + 8) &&
			   strchr(rel + 8, '/') == NULL && cnt < BACKUP_MAX_FILES) {
			char **nv = realloc(v, (cnt + 1) * sizeof(*v));

			if (nv == NULL)
				log_fatal("out of memory");
			v = nv;
			v[cnt] = strdup(rel + 8);
			if (v[cnt] == NULL)
				log_fatal("out of memory");
			cnt++;
		}
	}
	fclose(m);
	if (rc == 0 && !have_db) {
		fprintf(stderr, "yourvoice restore: %s lists no database.sql\n", path);
		rc = -1;
	}
	if (rc != 0) {
		free_names(v, cnt);
		return -1;
	}
	names->v = v;
	names->n = cnt;
	return 0;
}

enum backup_key backup_adopt_key(const struct settings *cfg, struct store *st,
				 char id[INSTKEY_ID_LEN + 1], char *err, size_t errlen)
{
	unsigned char key[TOKEN_KEY_BYTES];
	struct store_arg t[] = {STORE_STR("installation_key")};
	struct store_rows rows;
	struct arena a;
	int has_table, changed;

	arena_init(&a, 0);
	has_table = store_query(st, ST_TABLE_EXISTS, t, 1, &a, 1, &rows) == STORE_OK &&
		    rows.nrows == 1 && strcmp(STORE_CELL(&rows, 0, 0), "0") != 0;
	arena_release(&a);
	if (!has_table)
		return BACKUP_KEY_NO_TABLE;
	/* The key is made here if missing, as `serve` on this host would;
	 * a host that cannot hold one (no state directory: not an app host)
	 * leaves the backup's record to 'yourvoice key adopt' on an app host. */
	err[0] = '\0';
	if (token_init() != 0 || token_key_load(cfg->secret_file, key, err, errlen) != 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "libsodium failed");
		return BACKUP_KEY_NO_SECRET;
	}
	changed = instkey_adopt(st, key, "(restore)");
	if (changed < 0)
		return BACKUP_KEY_FAILED;
	instkey_id(key, id);
	return changed ? BACKUP_KEY_ADOPTED : BACKUP_KEY_SAME;
}

long long backup_table_count(const struct settings *cfg)
{
	struct store st;
	struct store_rows rows;
	struct arena a;
	long long tables = -1;

	store_init(&st, cfg);
	arena_init(&a, 64 * 1024);
	if (store_connect(&st) == STORE_OK &&
	    store_query(&st, ST_TABLE_COUNT, NULL, 0, &a, 1, &rows) == STORE_OK && rows.nrows == 1)
		tables = strtoll(STORE_CELL(&rows, 0, 0), NULL, 10);
	arena_release(&a);
	store_release(&st);
	return tables;
}

int backup_load_dump(const struct settings *cfg, const char *dir)
{
	const char *args[4];
	char path[1024];
	int fd;

	if (path_join(path, sizeof(path), dir, "database.sql") != 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "yourvoice restore: %s: %s\n", path, strerror(errno));
		return -1;
	}
	args[0] = "--batch";
	args[1] = "--binary-mode";
	args[2] = "--";
	args[3] = cfg->db_name;
	if (run_tool(cfg, "mariadb", args, 4, fd, -1) != 0) {
		fprintf(stderr,
			"yourvoice restore: loading %s failed: the database may hold part of "
			"the backup; drop it, create it again and retry\n",
			path);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int backup_put_surveys(const struct settings *cfg, const char *dir,
		       const struct backup_names *names)
{
	char sdir[1024], from[1024], to[1024];

	for (size_t i = 0; i < names->n; i++) {
		char tmp[1100];

		if (path_join(sdir, sizeof(sdir), dir, "surveys") != 0 ||
		    path_join(from, sizeof(from), sdir, names->v[i]) != 0 ||
		    path_join(to, sizeof(to), cfg->surveys_dir, names->v[i]) != 0)
			return -1;
		/* Replace each file in one step, so a running service never
		 * reloads half a survey. */
		snprintf(tmp, sizeof(tmp), "%s.restoring", to);
		if (copy_file(from, tmp, 0644) != 0 || rename(tmp, to) != 0) {
			fprintf(stderr, "yourvoice restore: cannot write %s\n", to);
			unlink(tmp);
			return -1;
		}
	}
	return 0;
}
