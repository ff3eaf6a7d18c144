/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sdc: statistical disclosure control of the published figures, by cell-key
 * perturbation (the method of the UK 2021 Census outputs; docs/privacy.md).
 * Every response gets a record key, 0..255, from a keyed hash of its id
 * under the installation's secret key, so it is fixed for life and nobody
 * without the key can compute it. A published count ("cell") gets a cell
 * key, the sum of the record keys of the responses in it modulo 256, and
 * the published value is the count moved by a fixed table of small changes
 * looked up with (count, cell key). The same responses give the same value
 * wherever the cell appears (page, JSON, CSV, another table); differences
 * between cells carry the noise of each; a count of 1 or 2 is never
 * published as such (0 or 3), 0 stays 0.
 *
 * The key is process state, set once before figures are published
 * (sdc_set_key); without one no record key can be computed and
 * sdc_record_key() returns 0 (every cell key 0: the figures are then
 * perturbed by a key anyone could know; the web and the command set it).
 */
#ifndef YV_RESULTS_SDC_H
#define YV_RESULTS_SDC_H

#include <stddef.h>

#define SDC_KEY_BYTES 32

/* Use key (SDC_KEY_BYTES bytes, the installation's secret) from now on. */
void sdc_set_key(const unsigned char *key);
/* Whether a key was set. */
int sdc_has_key(void);
/* The record key of the response with database id `id` (its decimal form). */
unsigned sdc_record_key(const char *id);
/*
 * The published value of a count c whose cell key is ckey (any integer, used
 * modulo 256). The table (docs/privacy.md):
 *   0 -> 0;
 *   1 -> 0 (cell keys 0..170) or 3 (171..255);
 *   2 -> 0 (0..84) or 3 (85..255);
 *   3 and more -> c-2 (0..15), c-1 (16..63), c (64..191), c+1 (192..239),
 *   c+2 (240..255), never below 3.
 */
long long sdc_perturb(long long c, unsigned ckey);
/* The ptable's largest change of a count of 3 or more. */
#define SDC_MAX_CHANGE 2

#endif
