/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * settings: the configuration file (conf/yourvoice.conf.example documents
 * every key). Lines are `key = value`; `#` starts a comment. Unknown keys
 * and bad values are errors reported as FILE:LINE: message, so a typo is
 * never silently ignored.
 */
#ifndef YV_CORE_SETTINGS_H
#define YV_CORE_SETTINGS_H

#include <stddef.h>

struct settings {
	char listen[256];      /* unix:/path or host:port */
	char socket_group[64]; /* group given the unix socket (mode 0660) */
	char run_as[64];       /* started as root: serve as this user once the socket is open */
	int workers;	       /* 0: one per core */
	char db_host[256];     /* empty: use db_socket */
	int db_port;
	char db_socket[256];
	char db_user[64];
	char db_password[128];
	char db_name[64];
	/* A read-only replica for results reads (docs/scaling.md); empty host and socket: none.
	 * An empty user or password means the primary's. */
	char db_replica_host[256];
	int db_replica_port;
	char db_replica_socket[256];
	char db_replica_user[64];
	char db_replica_password[128];
	int replica_max_lag; /* seconds behind the primary beyond which the replica is not read */
	int replica_wait_ms; /* how long a results read waits for the replica to catch up */
	char
	    instance_name[64]; /* names this instance in /healthz and X-Served-By; empty: neither */
	char surveys_dir[256];
	char locale_dir[256];
	char migrations_dir[256];
	char geo_country_db[256];
	char geo_asn_db[256];
	char geo_country_path[256]; /* lookup paths in the databases (geo.h): dotted, */
	char geo_region_path[256];  /* alternatives separated by commas, first found wins */
	char geo_asn_path[256];
	char trusted_proxies[1000]; /* addresses/CIDRs whose X-Forwarded-For is believed */
	char secret_file[256];	    /* 32+ random bytes keying tokens and hashes */
	char sendmail[256];   /* sendmail-compatible command reading a message on stdin; empty: no
				 email */
	char mail_from[256];  /* From: of the emails sent to residents */
	char public_url[256]; /* the site's address, for links in emails */
	int partial_days;     /* days an unfinished response is kept after its last save */
	int rate_limit_per_minute; /* requests a client network may make each minute */
	int submit_per_hour;	 /* responses from one network in an hour before they are flagged */
	int resume_per_hour;	 /* resume codes one network may try in an hour */
	int resume_per_hour_all; /* resume codes all networks together may try in an hour */
	int resume_mail_per_hour; /* resume emails per network, and per address, in an hour */
	int submit_per_hour_asn;  /* responses from one ASN (provider) in an hour before they are
				     flagged */
	int min_fill_seconds;	  /* anonymous surveys: responses sent faster are flagged */
	int results_time_budget;  /* seconds a results request may spend counting (0: one batch) */
	int themes_interval; /* seconds between the summariser's polls; 0: no background themes */
	/* Cost of one contact by each channel, in pence (-1: not set), for the
	 * channel-shift figures of /admin/channels. Written in pounds in the
	 * file ("8.62"). */
	int cost_face_to_face, cost_phone, cost_online, cost_paper, cost_email;
	int notify_batch;      /* residents' emails per batch (one audit row each) */
	int notify_per_minute; /* most residents' emails a minute; 0: no limit */
	size_t max_body;       /* bytes of a request body */
	size_t max_fields;     /* fields in one body or query */
	size_t max_field;      /* bytes of one field value */
	size_t max_url;	       /* bytes of the request URI */
	int log_level;
};

/* Fill in the built-in defaults. */
void settings_defaults(struct settings *s);

/*
 * Read `path` over the defaults already in s. Returns 0, or -1 after
 * writing "PATH:LINE: message" into err (errlen bytes).
 */
int settings_load(struct settings *s, const char *path, char *err, size_t errlen);

/*
 * Load the configuration a command was given: `path` if not NULL, else
 * $YOURVOICE_CONF, else SYSCONFDIR/yourvoice/yourvoice.conf (which may be
 * absent: the defaults apply). 0, or -1 with the reason in err.
 */
int settings_load_for_cli(struct settings *s, const char *path, char *err, size_t errlen);

/* The number of workers to start: s->workers, or one per online core. */
int settings_worker_count(const struct settings *s);

#endif
