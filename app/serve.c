/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * serve: `yourvoice serve`, the FastCGI service. The master loads the
 * configuration and the surveys, opens the listening socket (unix or TCP),
 * forks N single-threaded workers and restarts any that dies. SIGHUP
 * reloads the surveys: a set that fails the check is refused and logged
 * and the old one keeps serving; a good set replaces the workers one
 * generation at a time (each old worker finishes its request first).
 * SIGTERM or SIGINT stops the workers and the master cleanly.
 *
 * With themes_interval > 0 one more child, the themes summariser
 * (results/summariser.h), runs beside the workers at a lower priority: it
 * takes the last slot of the workers' table, so it is restarted, replaced
 * on reload and stopped exactly like them, and never serves a request.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "cli.h"
#include "core/i18n.h"
#include "core/log.h"
#include "geo/geo.h"
#include "results/sdc.h"
#include "results/summariser.h"
#include "store/instkey.h"
#include "web/testreq.h"
#include "store/codes.h"
#include "store/migrate.h"
#include "store/surveyxml.h"
#include "web/fcgi.h"
#include "web/web.h"

#define MAX_WORKERS 256
/* How often the master asks whether the stored surveys changed. */
#define SURVEY_POLL_SECONDS 3
#define SUMMARISER_NICE 10
#define REQUEST_ARENA_LIMIT (64u * 1024 * 1024)

struct worker {
	pid_t pid;
	time_t started;
	int generation;
};

static volatile sig_atomic_t got_hup, got_term, got_chld, got_alarm;
/* Worker side: stop after the current request. */
static volatile sig_atomic_t worker_stop;

static void on_master_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGALRM)
		got_alarm = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
	else
		got_term = 1;
}

/*
 * SIGTERM and SIGINT are blocked while a request is served and let through
 * only while the worker waits in accept(), which they interrupt (no
 * SA_RESTART, FCGI_FAIL_ACCEPT_ON_INTR): a request that was accepted is
 * always finished before the worker leaves.
 */
static void on_worker_term(int sig)
{
	(void)sig;
	worker_stop = 1;
	FCGX_ShutdownPending();
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Load every survey of the configured directory; NULL after logging each problem. */
/* The generation of the stored surveys the served set was built from (-1:
 * not read); the master compares it every SURVEY_POLL_SECONDS. */
static long long surveys_gen = -1;

/* What a file version records as its source: host:directory. */
static void file_source(const struct settings *cfg, char *out, size_t n)
{
	char host[256] = "", real[PATH_MAX];
	const char *dir = realpath(cfg->surveys_dir, real) != NULL ? real : cfg->surveys_dir;

	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	snprintf(out, n, "%.100s:%.400s", host, dir);
}

/* The bytes of survey file s as loaded (its hash must still match), or NULL. */
static char *file_bytes(struct arena *a, const struct survey *s, size_t *len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	FILE *f = fopen(s->path, "rb");
	char *p = f ? arena_alloc(a, SURVEYXML_MAX + 1) : NULL;

	if (p == NULL) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	*len = fread(p, 1, SURVEYXML_MAX + 1, f);
	fclose(f);
	crypto_hash_sha256(h, (unsigned char *)p, *len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (*len > SURVEYXML_MAX || strcmp(hex, s->version_hash) != 0)
		return NULL;
	return p;
}

/* Store file survey s as a new published version unless the last version
 * imported from this folder (source) has the same bytes and was not
 * withdrawn since, or, when this folder never imported it, some version
 * already has these bytes. */
static enum store_err import_file(struct store *st, struct arena *a, const struct survey *s,
				  const char *source)
{
	static const struct audit_actor file_actor = {0, "file"};
	struct surveyxml_version last;
	struct surveyxml_new nv = {0};
	enum store_err e = STORE_OK;
	long long version;

	for (int attempt = 0; attempt < 3; attempt++) {
		int known = 0;

		e = surveyxml_last_file(st, a, s->id, source, &last);
		if (e == STORE_OK && strcmp(last.state, "withdrawn") != 0 &&
		    strcmp(last.sha256, s->version_hash) == 0)
			return STORE_OK;
		/* a folder that never imported this survey (another host's copy
		 * of the same files): bytes already stored are not stored again */
		if (e == STORE_NOT_FOUND)
			e = surveyxml_has_sha(st, s->id, s->version_hash, &known);
		if (e == STORE_OK && known)
			return STORE_OK;
		if (e != STORE_OK && e != STORE_NOT_FOUND)
			return e;
		nv.survey_id = s->id;
		nv.xml = file_bytes(a, s, &nv.size);
		if (nv.xml == NULL) {
			log_error("%s: changed while it was loaded: not imported", s->path);
			return STORE_ERROR;
		}
		nv.origin = SURVEYXML_FILE;
		nv.source = source;
		nv.author = "file";
		nv.reason = s->path;
		nv.state = SURVEYXML_PUBLISHED;
		e = surveyxml_add(st, &file_actor, "survey-import", &nv, &version);
		if (e == STORE_OK) {
			log_info("stored %s as version %lld (from %s)", s->id, version, s->path);
			return e;
		}
		/* another instance stored a version at the same moment: look again */
		if (e != STORE_DUPLICATE && e != STORE_RETRY)
			return e;
	}
	return e;
}

/* A survey whose served version came from a file of this very directory,
 * and whose file is gone, is withdrawn (a new version, not served). */
static enum store_err withdraw_removed(struct store *st, const struct surveyxml_version *v,
				       const struct survey_set *files, const char *source)
{
	static const struct audit_actor file_actor = {0, "file"};
	struct surveyxml_new nv = {0};
	long long version;
	enum store_err e;

	if (strcmp(v->state, "published") != 0 || strcmp(v->origin, "file") != 0 ||
	    strcmp(v->source, source) != 0 || survey_set_find(files, v->survey_id) != NULL)
		return STORE_OK;
	nv.survey_id = v->survey_id;
	nv.xml = v->xml;
	nv.size = v->size;
	nv.origin = SURVEYXML_FILE;
	nv.source = source;
	nv.author = "file";
	nv.reason = "file removed from the surveys directory";
	nv.state = SURVEYXML_WITHDRAWN;
	e = surveyxml_add(st, &file_actor, "survey-withdraw", &nv, &version);
	if (e == STORE_OK)
		log_info("%s: its file was removed: withdrawn (version %lld)", v->survey_id,
			 version);
	return e;
}

/*
 * Bring the stored surveys up to date with the directory's (files, already
 * checked), then build the served set from the stored published versions,
 * so that every instance serves the same set. NULL when that set is refused
 * (logged); *down set (and NULL) when the database could not be used.
 */
static struct survey_set *sync_surveys(const struct settings *cfg, const struct survey_set *files,
				       int *down)
{
	char source[SURVEYXML_SOURCE_MAX + 1];
	struct surveyxml_version *v = NULL;
	struct survey_src *src;
	struct survey_set *set = NULL;
	struct survey_diags d;
	struct store st;
	struct arena a;
	enum store_err e;
	long long gen = -1;
	size_t n = 0, ns = 0;

	*down = 0;
	file_source(cfg, source, sizeof(source));
	arena_init(&a, 0);
	store_init(&st, cfg);
	e = store_connect(&st);
	for (size_t i = 0; e == STORE_OK && i < survey_set_count(files); i++)
		e = import_file(&st, &a, survey_set_at(files, i), source);
	if (e == STORE_OK)
		e = surveyxml_served(&st, &a, &v, &n);
	for (size_t i = 0; e == STORE_OK && i < n; i++)
		e = withdraw_removed(&st, &v[i], files, source);
	if (e == STORE_OK)
		e = surveyxml_generation(&st, &gen);
	if (e == STORE_OK)
		e = surveyxml_served(&st, &a, &v, &n);
	store_release(&st);
	if (e != STORE_OK) {
		*down = 1;
		arena_release(&a);
		return NULL;
	}
	src = arena_calloc(&a, n ? n : 1, sizeof(*src));
	for (size_t i = 0; src != NULL && i < n; i++) {
		if (strcmp(v[i].state, "published") != 0)
			continue;
		src[ns].name = arena_printf(&a, "%s.xml", v[i].survey_id);
		src[ns].bytes = v[i].xml;
		src[ns].len = v[i].size;
		ns++;
	}
	survey_diags_init(&d);
	if (src == NULL || survey_set_load_memory(src, ns, &set, &d) != 0) {
		for (size_t i = 0; i < d.n; i++)
			log_error("stored %s:%d:%d: %s", d.v[i].file, d.v[i].line, d.v[i].col,
				  d.v[i].message);
		log_error("stored surveys not loaded: %zu problem(s)", d.n);
		set = NULL;
	} else {
		log_info("serving %zu stored survey(s), generation %lld", survey_set_count(set),
			 gen);
	}
	/* a refused set is not tried again until the stored surveys change */
	surveys_gen = gen;
	survey_diags_release(&d);
	arena_release(&a);
	return set;
}

static struct survey_set *load_surveys(const struct settings *cfg)
{
	struct survey_diags d;
	struct survey_set *set = NULL, *stored;
	int down;

	survey_diags_init(&d);
	if (survey_set_load_dir(cfg->surveys_dir, &set, &d) != 0) {
		for (size_t i = 0; i < d.n; i++)
			log_error("%s:%d:%d: %s", d.v[i].file, d.v[i].line, d.v[i].col,
				  d.v[i].message);
		log_error("surveys in %s not loaded: %zu problem(s)", cfg->surveys_dir, d.n);
		set = NULL;
	} else {
		log_info("loaded %zu survey(s) from %s", survey_set_count(set), cfg->surveys_dir);
	}
	survey_diags_release(&d);
	if (set == NULL)
		return NULL;
	stored = sync_surveys(cfg, set, &down);
	if (down) {
		log_warn("stored surveys not read: serving the surveys directory alone until the "
			 "database answers");
		return set;
	}
	survey_set_free(set);
	return stored;
}

/* Whether the stored surveys changed since the served set was built (a
 * version published through another instance): one cheap query. */
static int surveys_changed(const struct settings *cfg)
{
	struct store st;
	long long gen = -1;
	int changed;

	store_init(&st, cfg);
	if (store_connect(&st) != STORE_OK || surveyxml_generation(&st, &gen) != STORE_OK)
		gen = -1;
	store_release(&st);
	changed = gen >= 0 && gen != surveys_gen;
	/* tried once per change: a refused set is not tried again every poll */
	if (changed)
		surveys_gen = gen;
	return changed;
}

/* Open the listening socket; unix sockets get mode 0660 and the configured group. */
static int open_listener(const struct settings *cfg)
{
	const char *l = cfg->listen;
	int fd;

	if (strncmp(l, "unix:", 5) == 0) {
		const char *path = l + 5;
		mode_t old;

		unlink(path);
		old = umask(0117);
		fd = FCGX_OpenSocket(path, 128);
		umask(old);
		if (fd < 0) {
			log_error("cannot listen on %s: %s", path, strerror(errno));
			return -1;
		}
		if (cfg->socket_group[0] != '\0') {
			struct group *g = getgrnam(cfg->socket_group);

			if (g == NULL || chown(path, (uid_t)-1, g->gr_gid) != 0) {
				log_error("cannot give %s to group %s", path, cfg->socket_group);
				close(fd);
				return -1;
			}
		}
		chmod(path, 0660);
	} else {
		fd = FCGX_OpenSocket(l, 128);
		if (fd < 0) {
			log_error("cannot listen on %s: %s", l, strerror(errno));
			return -1;
		}
	}
	log_info("listening on %s", l);
	return fd;
}

/*
 * Started as root (by hand or an init without User=): once the socket is
 * open and given to its group, become the configured `run_as` user for good,
 * before any request is read. 0, or -1 after logging why.
 */
static int drop_root(const struct settings *cfg)
{
	struct passwd *pw;

	if (geteuid() != 0)
		return 0;
	if (cfg->run_as[0] == '\0') {
		log_warn("running as root: set 'run_as' in the configuration, or start the service "
			 "through yourvoice.service");
		return 0;
	}
	pw = getpwnam(cfg->run_as);
	if (pw == NULL || pw->pw_uid == 0) {
		log_error("run_as %s: %s", cfg->run_as,
			  pw == NULL ? "no such user" : "must not be root");
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		log_error("cannot become user %s: %s", cfg->run_as, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) {
		log_error("could become root again after becoming %s", cfg->run_as);
		return -1;
	}
	log_info("running as user %s", cfg->run_as);
	return 0;
}

static void worker_main(struct app *app, int fd)
{
	FCGX_Request fr;
	struct arena a;
	struct resp rs;

	set_handler(SIGTERM, on_worker_term, 0);
	set_handler(SIGINT, on_worker_term, 0);
	set_handler(SIGHUP, SIG_IGN, 0);
	set_handler(SIGCHLD, SIG_DFL, 0);
	set_handler(SIGALRM, SIG_DFL, 0);
	set_handler(SIGPIPE, SIG_IGN, 0);
	sigset_t term, none;
	sigemptyset(&none);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigprocmask(SIG_SETMASK, &none, NULL);
	sigprocmask(SIG_BLOCK, &term, NULL);

	store_init(&app->store, &app->cfg);
	publish_attach_totals(app);
	/* Connect early so the first resident does not wait; failure is not fatal. */
	store_connect(&app->store);
	arena_init(&a, REQUEST_ARENA_LIMIT);
	resp_init(&rs);
	FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!worker_stop) {
		int rc;

		sigprocmask(SIG_UNBLOCK, &term, NULL);
		rc = FCGX_Accept_r(&fr);
		sigprocmask(SIG_BLOCK, &term, NULL);
		if (rc < 0)
			continue;
		fcgi_serve(app, &fr, &a, &rs);
		FCGX_Finish_r(&fr);
		arena_reset(&a);
	}
	resp_release(&rs);
	arena_release(&a);
	store_release(&app->store);
	_exit(0);
}

/* The themes summariser's process: no requests, no listening socket. */
static void summariser_main(struct app *app, int fd)
{
	set_handler(SIGTERM, on_worker_term, 0);
	set_handler(SIGINT, on_worker_term, 0);
	set_handler(SIGHUP, SIG_IGN, 0);
	set_handler(SIGCHLD, SIG_DFL, 0);
	set_handler(SIGALRM, SIG_DFL, 0);
	set_handler(SIGPIPE, SIG_IGN, 0);
	{
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
	}
	close(fd);
	/* Its own name in ps and pgrep, apart from the workers. */
	prctl(PR_SET_NAME, "yv-themes", 0, 0, 0);
	errno = 0;
	if (nice(SUMMARISER_NICE) == -1 && errno != 0)
		log_warn("themes: cannot lower the summariser's priority: %s", strerror(errno));
	sdc_set_key(app->key); /* record keys, for the stored results totals */
	summariser_run(&app->cfg, app->surveys, app->cfg.themes_interval, app->key, &worker_stop);
	_exit(0);
}

/* Slot `slot` of the table: a worker, or (the last, when on) the summariser. */
static pid_t spawn_slot(struct app *app, int fd, int slot, int nworkers)
{
	pid_t pid = fork();

	if (pid == 0 && slot >= nworkers)
		summariser_main(app, fd);
	if (pid == 0)
		worker_main(app, fd);
	if (pid < 0)
		log_error("fork: %s", strerror(errno));
	return pid;
}

/* Refuse to serve with a secret key other than the installation's (instkey.h). */
static int check_key(struct app *app, struct store *st)
{
	char id[INSTKEY_ID_LEN + 1];
	const char *theirs, *since;
	struct arena a;
	int rc = 0;

	arena_init(&a, 0);
	switch (instkey_check(st, app->key, 1, &a, &theirs, &since)) {
	case INSTKEY_SAME:
	case INSTKEY_NONE:
		break;
	case INSTKEY_OTHER:
		instkey_id(app->key, id);
		log_error(
		    "the secret key in %s (key id %.8s) is not the one this installation's other "
		    "instances use (key id %.8s, since %s): their forms and sign-ins would fail "
		    "here. "
		    "Copy secret_file from a running host; or, if you replaced the key on every "
		    "host, "
		    "run 'yourvoice key adopt' once",
		    app->cfg.secret_file, id, theirs, since);
		rc = -1;
		break;
	case INSTKEY_ERROR:
		/* as with a database out of reach: serve, and /healthz checks later */
		log_warn(
		    "cannot read or record the installation's key id: /healthz checks it later");
		break;
	}
	arena_release(&a);
	return rc;
}

/* Refuse to serve a database that is behind the binary's migrations, or
 * with another instance's key. */
static int check_schema(struct app *app)
{
	struct migration_status ms;
	char err[512];
	struct store st;
	int rc = 0;

	store_init(&st, &app->cfg);
	if (store_connect(&st) != STORE_OK) {
		log_warn("database not reachable at start-up: serving 503 until it is");
		store_release(&st);
		return 0;
	}
	if (migrate_status(&st, app->cfg.migrations_dir, &ms, err, sizeof(err)) != 0) {
		log_error("cannot read the schema version: %s", err);
		rc = -1;
	} else if (ms.pending > 0) {
		log_error("the database is at schema version %d but this binary needs %d: run "
			  "'yourvoice migrate' first",
			  ms.applied, ms.latest);
		rc = -1;
	} else {
		rc = check_key(app, &st);
		/* codes left as plain SHA-256 by migration 012 (store/codes.h) */
		if (rc == 0 && ms.applied >= 12) {
			long n = codes_rekey(&st, app->key);

			if (n > 0)
				log_info("stored %ld rows of codes as keyed hashes", n);
			else if (n < 0)
				log_warn("cannot convert stored codes to keyed hashes yet: the "
					 "next start tries again");
		}
	}
	store_release(&st);
	return rc;
}

/*
 * What serve and test-request start from: the configuration, the secret
 * key (random_key: a random one when it cannot be read, for test-request
 * only), the catalogues, the request limits, the geo databases and the
 * surveys. 0, or -1 after saying why on standard error.
 */
static int app_setup(struct app *app, const char *config, const char *cmd, int random_key)
{
	char err[1024] = "";

	if (settings_load_for_cli(&app->cfg, config, err, sizeof(err)) != 0 || token_init() != 0) {
		fprintf(stderr, "yourvoice %s: %s\n", cmd, err[0] ? err : "libsodium failed");
		return -1;
	}
	if (token_key_load(app->cfg.secret_file, app->key, err, sizeof(err)) != 0) {
		if (!random_key) {
			fprintf(stderr, "yourvoice %s: %s\n", cmd, err);
			return -1;
		}
		fprintf(stderr, "yourvoice %s: %s; a random key signs this run's forms\n", cmd,
			err);
		randombytes_buf(app->key, sizeof(app->key));
	}
	i18n_init(app->cfg.locale_dir);
	app->limits.max_fields = app->cfg.max_fields;
	app->limits.max_field = app->cfg.max_field;
	if (geo_open(&app->geo, &app->cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice %s: %s\n", cmd, err);
		return -1;
	}
	app->surveys = load_surveys(&app->cfg);
	return app->surveys != NULL ? 0 : -1;
}

/* SIGHUP: load the surveys again; 1 when the new set replaced the old
 * (its workers are told to finish), 0 when it was refused. */
static int reload_surveys(struct app *app, struct worker *workers, int n, const char *why)
{
	struct survey_set *fresh;

	log_info("%s: reloading surveys", why);
	fresh = load_surveys(&app->cfg);
	if (fresh == NULL) {
		log_error("reload refused: the surveys already loaded keep serving");
		return 0;
	}
	survey_set_free(app->surveys);
	app->surveys = fresh;
	/* Old workers finish their request and exit; the reaper starts new
	 * ones with the new set. */
	for (int i = 0; i < n; i++)
		if (workers[i].pid > 0)
			kill(workers[i].pid, SIGTERM);
	return 1;
}

/* SIGTERM every worker, wait up to 10 s, then SIGKILL those left. */
static void stop_workers(struct worker *workers, int n)
{
	for (int i = 0; i < n; i++)
		if (workers[i].pid > 0)
			kill(workers[i].pid, SIGTERM);
	for (int waited = 0; waited < 100; waited++) {
		int alive = 0;

		for (int i = 0; i < n; i++) {
			if (workers[i].pid > 0 &&
			    waitpid(workers[i].pid, NULL, WNOHANG) == workers[i].pid)
				workers[i].pid = 0;
			alive += workers[i].pid > 0;
		}
		if (alive == 0)
			break;
		usleep(100000);
	}
	for (int i = 0; i < n; i++)
		if (workers[i].pid > 0)
			kill(workers[i].pid, SIGKILL);
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	static struct app app;
	struct worker workers[MAX_WORKERS + 1];
	const char *config = NULL;
	int c, fd, n, nw, generation = 0;
	sigset_t block, old;

	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			printf("usage: yourvoice serve [--config FILE]\n"
			       "Run the FastCGI service: a master and its workers on the\n"
			       "configured socket. SIGHUP reloads the surveys; SIGTERM stops.\n");
			return 0;
		default:
			return 2;
		}
	}
	if (app_setup(&app, config, "serve", 0) != 0)
		return 1;
	if (check_schema(&app) != 0)
		return 1;
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	fd = open_listener(&app.cfg);
	if (fd < 0 || drop_root(&app.cfg) != 0)
		return 1;

	n = settings_worker_count(&app.cfg);
	if (n > MAX_WORKERS)
		n = MAX_WORKERS;
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	set_handler(SIGHUP, on_master_signal, 0);
	set_handler(SIGTERM, on_master_signal, 0);
	set_handler(SIGINT, on_master_signal, 0);
	set_handler(SIGCHLD, on_master_signal, SA_NOCLDSTOP);
	set_handler(SIGALRM, on_master_signal, 0);
	set_handler(SIGPIPE, SIG_IGN, 0);

	/* n counts every child from here on; nw only those serving requests. */
	nw = n;
	if (app.cfg.themes_interval > 0)
		n++;
	app.master_pid = (long)getpid();
	for (int i = 0; i < n; i++) {
		workers[i].pid = spawn_slot(&app, fd, i, nw);
		workers[i].started = time(NULL);
		workers[i].generation = generation;
	}
	log_info("serving with %d worker(s)%s", nw, n > nw ? " and the themes summariser" : "");

	alarm(SURVEY_POLL_SECONDS);
	while (!got_term) {
		sigsuspend(&old);
		if (got_alarm) {
			got_alarm = 0;
			/* a version stored through another instance: load as on SIGHUP */
			if (surveys_changed(&app.cfg))
				generation +=
				    reload_surveys(&app, workers, n, "the stored surveys changed");
			alarm(SURVEY_POLL_SECONDS);
		}
		if (got_hup) {
			got_hup = 0;
			generation += reload_surveys(&app, workers, n, "SIGHUP");
		}
		if (got_chld) {
			pid_t pid;
			int status;

			got_chld = 0;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				for (int i = 0; i < n; i++) {
					if (workers[i].pid != pid)
						continue;
					if (workers[i].generation == generation &&
					    !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
						log_warn("worker %ld died (%s %d): restarting",
							 (long)pid,
							 WIFSIGNALED(status) ? "signal" : "status",
							 WIFSIGNALED(status) ? WTERMSIG(status)
									     : WEXITSTATUS(status));
					if (got_term) {
						workers[i].pid = 0;
						break;
					}
					/* A worker that dies at once would spin: slow it down. */
					if (time(NULL) - workers[i].started < 1 &&
					    workers[i].generation == generation)
						sleep(1);
					workers[i].pid = spawn_slot(&app, fd, i, nw);
					workers[i].started = time(NULL);
					workers[i].generation = generation;
					break;
				}
			}
		}
	}

	log_info("stopping");
	stop_workers(workers, n);
	if (strncmp(app.cfg.listen, "unix:", 5) == 0)
		unlink(app.cfg.listen + 5);
	survey_set_free(app.surveys);
	geo_close(app.geo);
	return 0;
}

/* Read a whole file into the arena; NULL when it cannot be read or passes max. */
static char *read_file(struct arena *a, const char *path, size_t max, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *p = f ? arena_alloc(a, max + 1) : NULL;

	if (p == NULL) {
		if (f != NULL && f != stdin)
			fclose(f);
		return NULL;
	}
	*len = fread(p, 1, max + 1, f);
	if (f != stdin)
		fclose(f);
	if (*len > max)
		return NULL;
	p[*len] = '\0';
	return p;
}

/*
 * yourvoice test-request [--config FILE] REQUEST...: each file holds one
 * request as a browser sends it (web/testreq.c); its answer goes to
 * standard output as the service would send it, one after the other. The
 * surveys, limits, key and database are the configuration's; when the key
 * can be neither read nor created, a random one signs this run's forms.
 */
int cmd_test_request(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	static struct app app;
	const char *config = NULL;
	struct arena a;
	struct buf out;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			printf("usage: yourvoice test-request [--config FILE] REQUEST...\n"
			       "Answer each request file (method and path, headers, a blank line,\n"
			       "the body) as the service would, without nginx: the answer goes to\n"
			       "standard output (\"-\" reads a request from standard input).\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "yourvoice test-request: no request file (see --help)\n");
		return 2;
	}
	if (app_setup(&app, config, "test-request", 1) != 0)
		return 1;
	store_init(&app.store, &app.cfg);
	publish_attach_totals(&app);
	arena_init(&a, REQUEST_ARENA_LIMIT);
	buf_init(&out, RESP_MAX_HEAD + RESP_MAX_BODY + 256);
	for (int i = optind; i < argc; i++) {
		size_t len;
		const char *text = read_file(&a, argv[i], app.cfg.max_body + 64 * 1024, &len);

		buf_reset(&out);
		if (text == NULL || web_test_request(&app, &a, text, len, &out) < 0) {
			fprintf(stderr, "yourvoice test-request: %s: not a readable request\n",
				argv[i]);
			rc = 1;
		} else {
			fwrite(out.data ? out.data : "", 1, out.len, stdout);
		}
		arena_reset(&a);
	}
	buf_release(&out);
	arena_release(&a);
	store_release(&app.store);
	return rc;
}
