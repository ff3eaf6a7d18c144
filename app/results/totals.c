/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * totals: the accumulator as stored cells, and the stored totals of each
 * survey read, folded, rebuilt and verified (see totals.h). A cell line is
 *   <scope> <slot> <count> <keysum>
 * scope "*" for every respondent, "=<breakdown>/<group>" for one group of
 * a breakdown (question id, "area" or "in-area"; the group's index), "~"
 * for the respondents by day, channel and language; slot "R" the
 * respondents, "q<i><what>" question i's (A answered, C<j> option or
 * point j, O other, D don't know, P<j> Borda points, K<j> times ranked,
 * N<value> how many gave that number or day, L<line>.<step> and T<step>
 * budget lines and council tax, M met, X cuts only, Y tax only, B both,
 * Z neither), "d<day>", "c<channel>", "l<language>". Indexes are those of
 * the survey the fingerprint names. Store reads and writes go through
 * store/totals.h; no SQL here.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/buf.h"
#include "results/feed.h"
#include "results/results_int.h"
#include "results/sdc.h"
#include "results/totals.h"
#include "store/themeviews.h"
#include "survey/survey.h"

/* The version of this cell format, in every fingerprint. */
#define CELLS_FORMAT "t1"
#define CELLS_MAX ((size_t)1 << 30)
#define READ_QUEUE_MAX RESULTS_TOTALS_QUEUE_MAX

void results_totals_fingerprint(const struct survey *s, char out[TOTALS_FP_MAX + 1])
{
	/* Four record keys stand for the installation key: another key
	 * gives other cell keys, so other totals. */
	unsigned k[4];

	for (int i = 0; i < 4; i++) {
		char id[16];

		snprintf(id, sizeof(id), "fp-%d", i);
		k[i] = sdc_record_key(id);
	}
	snprintf(out, TOTALS_FP_MAX + 1, "%s-%.40s-%02x%02x%02x%02x", CELLS_FORMAT, s->version_hash,
		 k[0], k[1], k[2], k[3]);
}

/* ---- cells out ------------------------------------------------------------ */

static void put_key(struct buf *b, const char *key)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		if (*p <= ' ' || *p == '%' || *p >= 0x7f) {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		} else {
			buf_putc(b, (char)*p);
		}
	}
}

static void cell(struct buf *b, const char *scope, const char *slot, size_t n, unsigned k)
{
	if (n == 0 && k == 0)
		return;
	buf_printf(b, "%s %s %lld %u\n", scope, slot, (long long)n, k);
}

static void cell_q(struct buf *b, const char *scope, size_t qi, const char *what, size_t n,
		   unsigned k)
{
	char slot[96];

	if (n == 0 && k == 0)
		return;
	snprintf(slot, sizeof(slot), "q%zu%s", qi, what);
	cell(b, scope, slot, n, k);
}

static void cell_qi(struct buf *b, const char *scope, size_t qi, char what, size_t i, size_t n,
		    unsigned k)
{
	char w[32];

	if (n == 0 && k == 0)
		return;
	snprintf(w, sizeof(w), "%c%zu", what, i);
	cell_q(b, scope, qi, w, n, k);
}

static void set_cells(const struct results *r, const struct qset *set, const char *scope,
		      struct buf *b)
{
	cell(b, scope, "R", set->respondents, set->rk);
	for (size_t qi = 0; qi < r->nq; qi++) {
		const struct survey_question *q = r->qs[qi];
		const struct qacc *a = &set->q[qi];

		cell_q(b, scope, qi, "A", a->answered, a->ak);
		switch (q->type) {
		case SQ_CHOICE:
		case SQ_MULTI:
			for (size_t i = 0; i < q->nchoices; i++)
				cell_qi(b, scope, qi, 'C', i, a->counts[i], a->ck[i]);
			cell_q(b, scope, qi, "O", a->other, a->ok);
			break;
		case SQ_SCALE:
			for (size_t i = 0; i <= (size_t)(q->scale_max - q->scale_min); i++)
				cell_qi(b, scope, qi, 'C', i, a->counts[i], a->ck[i]);
			cell_q(b, scope, qi, "D", a->dont_know, a->dkk);
			break;
		case SQ_RANKING:
			for (size_t i = 0; i < q->nchoices; i++) {
				cell_qi(b, scope, qi, 'C', i, a->counts[i], a->ck[i]);
				cell_qi(b, scope, qi, 'P', i, (size_t)a->points[i], 0);
				cell_qi(b, scope, qi, 'K', i, a->ranked[i], 0);
			}
			break;
		case SQ_NUMBER:
		case SQ_DATE:
			/* r is the caller's: only the order of its histogram moves */
			results_num_sort((struct numvec *)&a->nums);
			for (size_t i = 0; i < a->nums.n; i++) {
				char w[48];

				snprintf(w, sizeof(w), "N%.17g", a->nums.v[i].v);
				cell_q(b, scope, qi, w, a->nums.v[i].c, 0);
			}
			break;
		case SQ_BUDGET: {
			const struct survey_budget *bu = q->budget;

			for (size_t l = 0; l < bu->nlines; l++) {
				size_t ns = results_steps(bu->lines[l].min_bp, bu->lines[l].max_bp,
							  bu->lines[l].step_bp);

				for (size_t st = 0; st < ns; st++) {
					char w[48];

					if (a->line_counts[l][st] == 0 && a->line_ck[l][st] == 0)
						continue;
					snprintf(w, sizeof(w), "L%zu.%zu", l, st);
					cell_q(b, scope, qi, w, a->line_counts[l][st],
					       a->line_ck[l][st]);
				}
			}
			if (bu->has_council_tax) {
				size_t ns =
				    results_steps(bu->ct_min_bp, bu->ct_max_bp, bu->ct_step_bp);

				for (size_t st = 0; st < ns; st++)
					cell_qi(b, scope, qi, 'T', st, a->ct_counts[st],
						a->ct_ck[st]);
			}
			cell_q(b, scope, qi, "M", a->met, a->metk);
			cell_q(b, scope, qi, "X", a->cuts_only, a->cuts_onlyk);
			cell_q(b, scope, qi, "Y", a->tax_only, a->taxk);
			cell_q(b, scope, qi, "B", a->both, a->bothk);
			cell_q(b, scope, qi, "Z", a->neither, a->neitherk);
			break;
		}
		default:
			break;
		}
	}
}

static const char *dim_name(const struct results *r, const struct dim *dm)
{
	switch (dm->kind) {
	case DIM_QUESTION:
		return r->qs[dm->qi]->id;
	case DIM_AREA:
		return "area";
	default:
		return "in-area";
	}
}

static void kv_cells(const struct kvvec *v, char what, struct buf *b)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->v[i].count == 0 && v->v[i].k == 0)
			continue;
		buf_printf(b, "~ %c", what);
		put_key(b, v->v[i].key);
		buf_printf(b, " %lld %u\n", (long long)v->v[i].count, v->v[i].k);
	}
}

void results_cells_text(const struct results *r, struct buf *b)
{
	set_cells(r, &r->all, "*", b);
	for (size_t d = 0; d < r->ndims; d++)
		for (size_t g = 0; g < r->dims[d].ngroups; g++) {
			char scope[300];

			snprintf(scope, sizeof(scope), "=%s/%zu", dim_name(r, &r->dims[d]), g);
			set_cells(r, &r->dims[d].groups[g], scope, b);
		}
	kv_cells(&r->days, 'd', b);
	kv_cells(&r->channels, 'c', b);
	kv_cells(&r->langs, 'l', b);
}

/* ---- cells in ------------------------------------------------------------- */

static int unhex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Key s[0..n) unescaped into out (NUL-terminated); -1 when malformed. */
static int get_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '%') {
			int h, l;

			if (i + 2 >= n)
				return -1;
			h = unhex((unsigned char)s[i + 1]);
			l = unhex((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = h * 16 + l;
			i += 2;
		}
		if (k + 1 >= cap)
			return -1;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return 0;
}

static void kv_add(struct kvvec *v, const char *key, size_t n, unsigned k)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].key, key) == 0) {
			v->v[i].count += n;
			v->v[i].k += k;
			return;
		}
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n].key = xstrdup(key);
	v->v[v->n].count = n;
	v->v[v->n].k = k;
	v->n++;
}

static void kv_done(struct kvvec *v)
{
	size_t k = 0;

	for (size_t i = 0; i < v->n; i++) {
		if (v->v[i].count == 0) {
			free(v->v[i].key);
			continue;
		}
		v->v[k++] = v->v[i];
	}
	v->n = k;
}

void results_cells_done(struct results *r)
{
	kv_done(&r->days);
	kv_done(&r->channels);
	kv_done(&r->langs);
}

/* Parse an unsigned decimal at *p (moved past it). */
static int get_index(const char **p, const char *end, size_t *out)
{
	size_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return -1;
	while (s < end && *s >= '0' && *s <= '9') {
		if (v > SIZE_MAX / 10 - 10)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

/* Add n, k (already signed) to slot [s, end) of set; nsign the sign of
 * the change, for the values of numbers. */
static int slot_add(struct results *r, struct qset *set, const char *s, const char *end, size_t n,
		    unsigned k, int nsign, long long count)
{
	const struct survey_question *q;
	struct qacc *a;
	size_t qi, i, j;
	char what;

	if (end - s == 1 && *s == 'R') {
		set->respondents += n;
		set->rk += k;
		return 0;
	}
	if (*s != 'q')
		return -1;
	s++;
	if (get_index(&s, end, &qi) != 0 || qi >= r->nq || s >= end)
		return -1;
	q = r->qs[qi];
	a = &set->q[qi];
	what = *s++;
	switch (what) {
	case 'A':
		a->answered += n;
		a->ak += k;
		return s == end ? 0 : -1;
	case 'C':
		if (get_index(&s, end, &i) != 0 || s != end)
			return -1;
		if (q->type == SQ_SCALE
			? i > (size_t)(q->scale_max - q->scale_min)
			: (q->type != SQ_CHOICE && q->type != SQ_MULTI && q->type != SQ_RANKING) ||
			      i >= q->nchoices)
			return -1;
		a->counts[i] += n;
		a->ck[i] += k;
		return 0;
	case 'O':
	case 'D':
		if (s != end || (what == 'O' && q->type != SQ_CHOICE && q->type != SQ_MULTI) ||
		    (what == 'D' && q->type != SQ_SCALE))
			return -1;
		if (what == 'O') {
			a->other += n;
			a->ok += k;
		} else {
			a->dont_know += n;
			a->dkk += k;
		}
		return 0;
	case 'P':
	case 'K':
		if (q->type != SQ_RANKING || get_index(&s, end, &i) != 0 || s != end ||
		    i >= q->nchoices)
			return -1;
		if (what == 'P')
			a->points[i] += (long long)n;
		else
			a->ranked[i] += n;
		return 0;
	case 'N': {
		char tmp[64], *e;
		double v;

		if ((q->type != SQ_NUMBER && q->type != SQ_DATE) || end - s <= 0 ||
		    (size_t)(end - s) >= sizeof(tmp) || count < 0)
			return -1;
		memcpy(tmp, s, (size_t)(end - s));
		tmp[end - s] = '\0';
		errno = 0;
		v = strtod(tmp, &e);
		if (*e != '\0' || errno != 0)
			return -1;
		if (nsign > 0)
			results_num_add(&a->nums, v, (size_t)count);
		else if (results_num_take(&a->nums, v, (size_t)count) != 0)
			return -1;
		return 0;
	}
	case 'L': {
		const struct survey_budget_line *ln;

		if (q->type != SQ_BUDGET || get_index(&s, end, &i) != 0 || i >= q->budget->nlines ||
		    s >= end || *s++ != '.' || get_index(&s, end, &j) != 0 || s != end)
			return -1;
		ln = &q->budget->lines[i];
		if (j >= results_steps(ln->min_bp, ln->max_bp, ln->step_bp))
			return -1;
		a->line_counts[i][j] += n;
		a->line_ck[i][j] += k;
		return 0;
	}
	case 'T': {
		const struct survey_budget *b = q->budget;

		if (q->type != SQ_BUDGET || !b->has_council_tax || get_index(&s, end, &i) != 0 ||
		    s != end || i >= results_steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp))
			return -1;
		a->ct_counts[i] += n;
		a->ct_ck[i] += k;
		return 0;
	}
	case 'M':
	case 'X':
	case 'Y':
	case 'B':
	case 'Z': {
		size_t *c = what == 'M'	  ? &a->met
			    : what == 'X' ? &a->cuts_only
			    : what == 'Y' ? &a->tax_only
			    : what == 'B' ? &a->both
					  : &a->neither;
		unsigned *kk = what == 'M'   ? &a->metk
			       : what == 'X' ? &a->cuts_onlyk
			       : what == 'Y' ? &a->taxk
			       : what == 'B' ? &a->bothk
					     : &a->neitherk;

		if (q->type != SQ_BUDGET || s != end)
			return -1;
		*c += n;
		*kk += k;
		return 0;
	}
	default:
		return -1;
	}
}

/* The set that scope [s, end) names: &r->all, a group, NULL to skip (a
 * breakdown r does not compute), or *bad set. */
static struct qset *scope_set(struct results *r, const char *s, const char *end, int *bad)
{
	const char *slash;
	size_t g;

	*bad = 0;
	if (end - s == 1 && *s == '*')
		return &r->all;
	if (*s != '=')
		goto bad;
	s++;
	slash = memchr(s, '/', (size_t)(end - s));
	if (slash == NULL)
		goto bad;
	{
		const char *p = slash + 1;

		if (get_index(&p, end, &g) != 0 || p != end)
			goto bad;
	}
	for (size_t d = 0; d < r->ndims; d++) {
		const char *name = dim_name(r, &r->dims[d]);

		if (strlen(name) == (size_t)(slash - s) &&
		    memcmp(name, s, (size_t)(slash - s)) == 0) {
			if (g >= r->dims[d].ngroups)
				goto bad;
			return &r->dims[d].groups[g];
		}
	}
	return NULL;
bad:
	*bad = 1;
	return NULL;
}

int results_cells_add(struct results *r, const char *text, int sign, int flagged)
{
	const char *p = text;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n'), *sp1, *sp2, *num;
		long long n;
		unsigned long long k;
		char *e;
		int bad = 0;

		if (eol == NULL)
			eol = p + strlen(p);
		sp1 = memchr(p, ' ', (size_t)(eol - p));
		sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1)) : NULL;
		if (sp1 == NULL || sp2 == NULL || sp1 == p || sp2 == sp1 + 1)
			return -1;
		num = sp2 + 1;
		errno = 0;
		n = strtoll(num, &e, 10);
		if (errno != 0 || *e != ' ')
			return -1;
		k = strtoull(e + 1, &e, 10);
		if (errno != 0 || e != eol)
			return -1;
		{
			size_t sn = (size_t)(sign * n);
			unsigned sk = (unsigned)((unsigned long long)(long long)sign * k);

			if (flagged && sp1 - p == 1 && *p == '*' && sp2 - sp1 == 2 && sp1[1] == 'R')
				r->flagged += sn;
			if (flagged && r->o.exclude_flagged) {
				/* counted in results_flagged() only */
			} else if (*p == '~') {
				char key[256];

				if (sp1 - p != 1 || sp2 - sp1 < 2 ||
				    get_key(sp1 + 2, (size_t)(sp2 - sp1 - 2), key, sizeof(key)) !=
					0)
					return -1;
				switch (sp1[1]) {
				case 'd':
					kv_add(&r->days, key, sn, sk);
					break;
				case 'c':
					kv_add(&r->channels, key, sn, sk);
					break;
				case 'l':
					kv_add(&r->langs, key, sn, sk);
					break;
				default:
					return -1;
				}
			} else {
				struct qset *set = scope_set(r, p, sp1, &bad);

				if (bad)
					return -1;
				if (set != NULL &&
				    slot_add(r, set, sp1 + 1, sp2, sn, sk, sign, n) != 0)
					return -1;
			}
		}
		p = *eol ? eol + 1 : eol;
	}
	return 0;
}

char *results_response_cells(const struct survey *s, const struct results_response *resp)
{
	struct results_opts o = {0};
	struct results *r = results_new(s, &o);
	struct results_response one = *resp;
	struct buf b;
	char *out;

	one.flagged = 0;
	results_add(r, &one);
	buf_init(&b, CELLS_MAX);
	results_cells_text(r, &b);
	out = xstrdup(buf_cstr(&b));
	buf_release(&b);
	results_free(r);
	return out;
}

int results_totals_cover(const struct results *r)
{
	struct results_opts o = {0};
	struct results *all = results_new(r->s, &o);
	int ok = 1;

	for (size_t d = 0; d < r->ndims && ok; d++) {
		int found = 0;

		for (size_t e = 0; e < all->ndims; e++)
			found |=
			    strcmp(dim_name(r, &r->dims[d]), dim_name(all, &all->dims[e])) == 0;
		ok = found;
	}
	results_free(all);
	return ok;
}

/* ---- stored totals -------------------------------------------------------- */

/* Whether t is usable for s (found, every part under fp). */
static int fresh(const struct totals_read *t, const char *fp)
{
	if (!t->found || strcmp(t->fingerprint, fp) != 0)
		return 0;
	for (size_t i = 0; i < t->nev; i++)
		if (strcmp(t->ev[i].fingerprint, fp) != 0)
			return 0;
	return 1;
}

/*
 * Add t into r, or, when fr is not NULL, the counted set into r and the
 * flagged one into fr as if counted (raw sums, for folding). Additions
 * first, so a value taken out is there whatever the queue's order.
 */
static int add_read(struct results *r, struct results *fr, const struct totals_read *t)
{
	if (results_cells_add(r, t->cells, 1, 0) != 0 ||
	    (fr ? results_cells_add(fr, t->fcells, 1, 0) : results_cells_add(r, t->fcells, 1, 1)) !=
		0)
		return -1;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < t->nev; i++) {
			const struct totals_event *v = &t->ev[i];

			if ((v->sign > 0) != (pass == 0))
				continue;
			if (fr != NULL && v->flagged
				? results_cells_add(fr, v->cells, v->sign, 0)
				: results_cells_add(r, v->cells, v->sign, v->flagged))
				return -1;
		}
	results_cells_done(r);
	if (fr != NULL)
		results_cells_done(fr);
	return 0;
}

enum store_err results_totals_load(struct store *st, const struct survey *s, struct results *r,
				   int *stale, size_t *queued)
{
	char fp[TOTALS_FP_MAX + 1];
	struct totals_read t;
	struct arena a;
	int own = !st->in_tx;
	enum store_err e = STORE_OK;

	*stale = 1;
	*queued = 0;
	results_totals_fingerprint(s, fp);
	arena_init(&a, 0);
	if (own)
		e = store_begin(st);
	if (e == STORE_OK)
		e = totals_read(st, s->id, 0, READ_QUEUE_MAX, &a, &t);
	if (own && e == STORE_OK)
		e = store_commit(st);
	else if (own)
		store_rollback(st);
	if (e == STORE_OK && fresh(&t, fp) && t.nev >= READ_QUEUE_MAX) {
		*queued = t.nev; /* to be folded first */
	} else if (e == STORE_OK && fresh(&t, fp)) {
		*queued = t.nev;
		if (add_read(r, NULL, &t) == 0)
			*stale = 0;
		else
			log_error("results: %s: stored totals do not fit the survey: recounting",
				  s->id);
	}
	arena_release(&a);
	return e;
}

/* Write r and fr (counted and flagged sets) as the totals of s. */
static enum store_err write_totals(struct store *st, const struct survey *s, const char *fp,
				   const struct results *r, const struct results *fr)
{
	struct buf c, f;
	enum store_err e;

	buf_init(&c, CELLS_MAX);
	buf_init(&f, CELLS_MAX);
	results_cells_text(r, &c);
	results_cells_text(fr, &f);
	if (c.overflow || f.overflow) {
		log_error("results: %s: totals too large to store", s->id);
		e = STORE_ERROR;
	} else {
		e = totals_write(st, s->id, fp, buf_cstr(&c), buf_cstr(&f));
	}
	buf_release(&c);
	buf_release(&f);
	return e;
}

static enum store_err delete_read(struct store *st, const struct totals_read *t)
{
	enum store_err e = STORE_OK;

	for (size_t i = 0; i < t->nev && e == STORE_OK; i++)
		e = totals_event_delete(st, t->ev[i].id);
	return e;
}

enum store_err results_totals_fold(struct store *st, const struct survey *s, size_t max, int *stale,
				   size_t *folded)
{
	struct results_opts o = {0};
	struct results *r = NULL, *fr = NULL;
	char fp[TOTALS_FP_MAX + 1];
	struct totals_read t;
	struct arena a;
	enum store_err e;

	*stale = 0;
	*folded = 0;
	results_totals_fingerprint(s, fp);
	arena_init(&a, 0);
	e = store_begin(st);
	if (e == STORE_OK)
		e = totals_read(st, s->id, 1, max, &a, &t);
	if (e == STORE_OK && !fresh(&t, fp))
		*stale = 1;
	if (e == STORE_OK && !*stale && t.nev > 0) {
		r = results_new(s, &o);
		fr = results_new(s, &o);
		if (add_read(r, fr, &t) != 0) {
			log_error("results: %s: stored totals do not fit the survey", s->id);
			*stale = 1;
		} else {
			e = write_totals(st, s, fp, r, fr);
			if (e == STORE_OK)
				e = delete_read(st, &t);
		}
	}
	if (e == STORE_OK && !*stale)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_OK && !*stale)
		*folded = t.nev;
	results_free(r);
	results_free(fr);
	arena_release(&a);
	return e;
}

enum store_err results_totals_rebuild(struct store *st, const struct survey *s)
{
	struct results_opts o = {0};
	struct results *r = results_new(s, &o), *fr = results_new(s, &o);
	char fp[TOTALS_FP_MAX + 1];
	struct totals_read t;
	struct arena a;
	enum store_err e;

	results_totals_fingerprint(s, fp);
	arena_init(&a, 0);
	/* The row locked first, so the queue and the answers are read in the
	 * one snapshot that begins after it: every queued change read is in
	 * the recount, every later one stays queued. */
	e = store_begin(st);
	if (e == STORE_OK)
		e = totals_read(st, s->id, 1, (size_t)1 << 24, &a, &t);
	if (e == STORE_OK)
		e = results_feed_split(st, s, r, fr);
	if (e == STORE_OK)
		e = write_totals(st, s, fp, r, fr);
	if (e == STORE_OK)
		e = delete_read(st, &t);
	/* A rebuild follows writes made around the application (responses or
	 * flags written with SQL, a restore): the stored themes views, which
	 * hold flagged and withdrawn responses' quotes back, are rebuilt too. */
	if (e == STORE_OK)
		e = themeviews_bump(st, s->id);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_OK)
		log_info("results: %s: totals rebuilt (%zu respondents, %zu flagged)", s->id,
			 results_respondents(r), results_respondents(fr));
	results_free(r);
	results_free(fr);
	arena_release(&a);
	return e;
}

/* The lines of text, sorted, in a malloc'd array (*n of them); text is
 * changed (newlines cut). */
static char **lines_of(char *text, size_t *n)
{
	size_t cap = 64, k = 0;
	char **v = xcalloc(cap, sizeof(*v));

	for (char *p = text; *p;) {
		char *eol = strchr(p, '\n');

		if (k == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[k++] = p;
		if (eol == NULL)
			break;
		*eol = '\0';
		p = eol + 1;
	}
	*n = k;
	return v;
}

/* The "scope slot" of line l: its length. */
static size_t cell_name_len(const char *l)
{
	const char *sp = strchr(l, ' ');

	sp = sp ? strchr(sp + 1, ' ') : NULL;
	return sp ? (size_t)(sp - l) : strlen(l);
}

static int cmp_line(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Compare the cells of two accumulators of one set; report and count. */
static long compare(const char *set, const struct results *stored, const struct results *count,
		    FILE *report)
{
	struct buf a, b;
	char **la, **lb, *ta, *tb;
	size_t na, nb, i = 0, j = 0;
	long diffs = 0;

	buf_init(&a, CELLS_MAX);
	buf_init(&b, CELLS_MAX);
	results_cells_text(stored, &a);
	results_cells_text(count, &b);
	ta = xstrdup(buf_cstr(&a));
	tb = xstrdup(buf_cstr(&b));
	la = lines_of(ta, &na);
	lb = lines_of(tb, &nb);
	qsort(la, na, sizeof(*la), cmp_line);
	qsort(lb, nb, sizeof(*lb), cmp_line);
	while (i < na || j < nb) {
		int c;

		if (i == na || j == nb) {
			c = i == na ? 1 : -1;
		} else {
			size_t ka = cell_name_len(la[i]), kb = cell_name_len(lb[j]);

			c = strncmp(la[i], lb[j], ka < kb ? ka : kb);
			if (c == 0)
				c = (ka > kb) - (ka < kb);
		}
		if (c == 0 && strcmp(la[i], lb[j]) == 0) {
			i++;
			j++;
			continue;
		}
		diffs++;
		if (c == 0) {
			fprintf(report, "%s cell %.*s: stored %s, recounted %s\n", set,
				(int)cell_name_len(la[i]), la[i], la[i] + cell_name_len(la[i]) + 1,
				lb[j] + cell_name_len(lb[j]) + 1);
			i++;
			j++;
		} else if (c < 0) {
			fprintf(report, "%s cell %.*s: stored %s, recounted 0 0\n", set,
				(int)cell_name_len(la[i]), la[i], la[i] + cell_name_len(la[i]) + 1);
			i++;
		} else {
			fprintf(report, "%s cell %.*s: stored 0 0, recounted %s\n", set,
				(int)cell_name_len(lb[j]), lb[j], lb[j] + cell_name_len(lb[j]) + 1);
			j++;
		}
	}
	free(la);
	free(lb);
	free(ta);
	free(tb);
	buf_release(&a);
	buf_release(&b);
	return diffs;
}

enum store_err results_totals_verify(struct store *st, const struct survey *s, FILE *report,
				     long *diffs)
{
	struct results_opts o = {0};
	struct results *r = results_new(s, &o), *fr = results_new(s, &o);
	struct results *cr = results_new(s, &o), *cfr = results_new(s, &o);
	char fp[TOTALS_FP_MAX + 1];
	struct totals_read t;
	struct arena a;
	enum store_err e;

	*diffs = -1;
	results_totals_fingerprint(s, fp);
	arena_init(&a, 0);
	e = store_begin(st);
	if (e == STORE_OK)
		e = totals_read(st, s->id, 0, (size_t)1 << 24, &a, &t);
	if (e == STORE_OK)
		e = results_feed_split(st, s, cr, cfr);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_OK) {
		if (!t.found)
			fprintf(report, "%s: no stored totals\n", s->id);
		else if (!fresh(&t, fp))
			fprintf(report,
				"%s: stored totals counted under another survey file or key\n",
				s->id);
		else if (add_read(r, fr, &t) != 0)
			fprintf(report, "%s: stored totals do not fit the survey\n", s->id);
		else
			*diffs =
			    compare("counted", r, cr, report) + compare("flagged", fr, cfr, report);
	}
	results_free(r);
	results_free(fr);
	results_free(cr);
	results_free(cfr);
	arena_release(&a);
	return e;
}

void results_totals_upkeep(struct store *st, const struct survey_set *set)
{
	for (size_t i = 0; i < survey_set_count(set); i++) {
		const struct survey *s = survey_set_at(set, i);
		size_t folded = 0;
		int stale = 0;

		if (results_totals_fold(st, s, READ_QUEUE_MAX, &stale, &folded) != STORE_OK)
			continue;
		if (stale && results_totals_rebuild(st, s) != STORE_OK)
			log_warn("results: %s: could not rebuild the stored totals", s->id);
	}
}

/* ---- the store hook -------------------------------------------------------- */

static char *hook_cells(void *ctx, const char *survey_id, const struct answers_response *resp,
			const struct answers_row *rows, size_t nrows, char fp[TOTALS_FP_MAX + 1])
{
	const struct survey *s = survey_set_find(ctx, survey_id);
	struct results_response rr;
	struct results_row *v;
	char *out;

	if (s == NULL)
		return NULL;
	v = xcalloc(nrows + 1, sizeof(*v));
	for (size_t i = 0; i < nrows; i++) {
		v[i].qid = rows[i].qid;
		v[i].value = rows[i].value;
	}
	memset(&rr, 0, sizeof(rr));
	rr.lang = resp->lang;
	rr.channel = resp->channel;
	rr.day = resp->day;
	rr.in_area = resp->in_area;
	rr.rows = v;
	rr.nrows = nrows;
	rr.rkey = sdc_record_key(resp->id_text);
	out = results_response_cells(s, &rr);
	free(v);
	results_totals_fingerprint(s, fp);
	return out;
}

void results_totals_hook(struct totals_hook *h, const struct survey_set *set)
{
	h->cells = hook_cells;
	h->ctx = (void *)set;
	h->off = 0;
}
