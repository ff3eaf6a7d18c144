/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sdc: record keys and the perturbation table (see sdc.h). The record key
 * is the first byte of a keyed BLAKE2b hash (libsodium crypto_generichash)
 * of "yv-sdc-record:" and the response id, under the installation key.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "results/sdc.h"

static unsigned char sdc_key[SDC_KEY_BYTES];
static int sdc_keyed;

void sdc_set_key(const unsigned char *key)
{
	memcpy(sdc_key, key, SDC_KEY_BYTES);
	sdc_keyed = 1;
}

int sdc_has_key(void)
{
	return sdc_keyed;
}

unsigned sdc_record_key(const char *id)
{
	static const char prefix[] = "yv-sdc-record:";
	unsigned char out[16];
	crypto_generichash_state st;

	if (!sdc_keyed || id == NULL)
		return 0;
	crypto_generichash_init(&st, sdc_key, sizeof(sdc_key), sizeof(out));
	crypto_generichash_update(&st, (const unsigned char *)prefix, sizeof(prefix) - 1);
	crypto_generichash_update(&st, (const unsigned char *)id, strlen(id));
	crypto_generichash_final(&st, out, sizeof(out));
	return out[0];
}

long long sdc_perturb(long long c, unsigned ckey)
{
	unsigned k = ckey % 256;
	long long v;

	if (c <= 0)
		return 0;
	if (c == 1)
		return k < 171 ? 0 : 3;
	if (c == 2)
		return k < 85 ? 0 : 3;
	v = c + (k < 16 ? -2 : k < 64 ? -1 : k < 192 ? 0 : k < 240 ? 1 : 2);
	return v < 3 ? 3 : v;
}
