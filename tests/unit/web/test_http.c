/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of the request decoder: what a form body or query can hold. */
#include "config.h"

#include <string.h>

#include "core/arena.h"
#include "tap.h"
#include "web/http.h"

static struct arena a;
static const struct http_limits lim = {.max_fields = 8, .max_field = 32};

/* A route declaring field "xml" with 64 bytes (the survey editor's text). */
static size_t wide_xml(const void *ctx, const char *name)
{
	(void)ctx;
	return strcmp(name, "xml") == 0 ? 64 : 0;
}

static enum http_err decode(const char *s, struct http_params *p)
{
	memset(p, 0, sizeof(*p));
	return http_decode_urlencoded(&a, s, strlen(s), &lim, p);
}

int main(void)
{
	struct http_params p;
	enum http_err e;
	char big[200];

	arena_init(&a, 1 << 20);

	e = decode("a=1&b=x%20y+z&c=", &p);
	is_int(e, HTTP_OK, "plain body decodes");
	is_int(p.n, 3, "three fields");
	is_str(http_param_get(&p, "b"), "x y z", "percent-encoding and '+' become spaces");
	is_str(http_param_get(&p, "c"), "", "empty value kept as empty");
	ok(http_param_get(&p, "zz") == NULL, "absent field is NULL");

	e = decode("q=1&q=2&q=3", &p);
	is_int(http_param_count(&p, "q"), 3, "repeated names are all kept");
	ok(p.n == 3 && strcmp(p.v[1].value, "2") == 0 && strcmp(p.v[2].value, "3") == 0,
	   "repeated names keep their order");

	e = decode("&&a=1&&", &p);
	ok(e == HTTP_OK && p.n == 1, "empty pairs are skipped");

	e = decode("flag", &p);
	ok(e == HTTP_OK && p.n == 1 && strcmp(p.v[0].value, "") == 0,
	   "a name without '=' has an empty value");

	e = decode("n=%C3%A9t%C3%A9%E2%80%99", &p);
	is_str(http_param_get(&p, "n"), "\xc3\xa9t\xc3\xa9\xe2\x80\x99", "UTF-8 text decodes");
	e = decode("name=Gw%C5%B7r+%E2%80%98Dd%C3%BB%E2%80%99", &p);
	is_int(e, HTTP_OK, "Welsh letters (w circumflex) accepted");

	is_int(decode("a=%zz", &p), HTTP_ERR_ENCODING, "bad hex digit refused");
	is_int(decode("a=%4", &p), HTTP_ERR_ENCODING, "truncated escape refused");
	is_int(decode("a=%", &p), HTTP_ERR_ENCODING, "lone percent refused");
	is_int(decode("a=%FF", &p), HTTP_ERR_UTF8, "invalid UTF-8 byte refused");
	is_int(decode("a=%C0%AF", &p), HTTP_ERR_UTF8, "overlong encoding refused");
	is_int(decode("a=%ED%A0%80", &p), HTTP_ERR_UTF8, "UTF-16 surrogate refused");
	is_int(decode("a=%F4%90%80%80", &p), HTTP_ERR_UTF8, "code point past U+10FFFF refused");
	is_int(decode("a=%E2%82", &p), HTTP_ERR_UTF8, "truncated sequence refused");
	is_int(decode("a=x%00y", &p), HTTP_ERR_UTF8, "NUL byte refused");
	is_int(decode("a=x%1By", &p), HTTP_ERR_UTF8, "escape control character refused");
	is_int(decode("a=%C2%85", &p), HTTP_ERR_UTF8, "C1 control character refused");
	is_int(decode("a=line1%0D%0Aline2%09tab", &p), HTTP_OK, "newlines and tabs allowed");
	is_int(decode("%FF=1", &p), HTTP_ERR_UTF8, "invalid UTF-8 in a name refused");

	is_int(decode("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8", &p), HTTP_OK,
	       "exactly max fields accepted");
	is_int(decode("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9", &p), HTTP_ERR_TOO_MANY,
	       "one field past the limit refused");
	memset(big, 'x', sizeof(big));
	memcpy(big, "a=", 2);
	big[2 + 32] = '\0';
	is_int(decode(big, &p), HTTP_OK, "value of exactly max_field bytes accepted");
	big[2 + 32] = 'x';
	big[2 + 33] = '\0';
	is_int(decode(big, &p), HTTP_ERR_FIELD_TOO_LONG, "value one byte too long refused");
	is_int(decode("a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%"
		      "41%41%41%41%41%41%41%41",
		      &p),
	       HTTP_OK, "limit counts decoded bytes, not encoded ones");

	memset(&p, 0, sizeof(p));
	e = http_decode_cookies(&a, "yv_s=abc123; lang=cy;theme=; =bad", &lim, &p);
	is_int(e, HTTP_OK, "cookie header parses");
	is_str(http_param_get(&p, "yv_s"), "abc123", "first cookie");
	is_str(http_param_get(&p, "lang"), "cy", "cookie after '; '");
	is_str(http_param_get(&p, "theme"), "", "empty cookie value");

	ok(http_text_valid("plain", 5), "ASCII is valid text");
	ok(!http_text_valid("\x7f", 1), "DEL is not valid text");

	/* Paths: decoded and checked once (issue 16). */
	const char *path;
	is_int(http_path_normalise(&a, "/s/what-matters/check", 0, &path), HTTP_OK,
	       "a plain path is accepted");
	is_str(path, "/s/what-matters/check", "and kept as it is");
	is_int(http_path_normalise(&a, "/\\\\evil.example", 0, &path), HTTP_ERR_PATH,
	       "backslashes (/%%5C%%5Cevil.example decoded by nginx) are refused");
	is_str(path, "/", "a refused path leaves \"/\" for the error page's links");
	is_int(http_path_normalise(&a, "/\t/evil.example", 0, &path), HTTP_ERR_PATH,
	       "a tab (/%%09/evil.example decoded by nginx) is refused");
	is_int(http_path_normalise(&a, "/a\nb", 0, &path), HTTP_ERR_PATH,
	       "a line break is refused");
	is_int(http_path_normalise(&a, "/a\x7f", 0, &path), HTTP_ERR_PATH, "DEL is refused");
	is_int(http_path_normalise(&a, "/%5C%5Cevil.example", 1, &path), HTTP_ERR_PATH,
	       "an encoded backslash in a raw REQUEST_URI path is refused");
	is_int(http_path_normalise(&a, "/%09/evil.example", 1, &path), HTTP_ERR_PATH,
	       "an encoded tab in a raw REQUEST_URI path is refused");
	is_int(http_path_normalise(&a, "/a%00b", 1, &path), HTTP_ERR_PATH,
	       "an encoded NUL is refused");
	is_int(http_path_normalise(&a, "/a%4", 1, &path), HTTP_ERR_ENCODING,
	       "bad percent-encoding is refused");
	is_int(http_path_normalise(&a, "/caf%C3%A9", 1, &path), HTTP_OK,
	       "encoded UTF-8 is decoded");
	is_str(path, "/caf\xc3\xa9", "to its bytes");
	is_int(http_path_normalise(&a, "/caf\xe9", 0, &path), HTTP_ERR_UTF8,
	       "Latin-1 bytes are refused");
	is_int(http_path_normalise(&a, "//evil.example/", 0, &path), HTTP_OK,
	       "a doubled slash is folded");
	is_str(path, "/evil.example/", "to one, so no link built from it leaves the site");
	is_int(http_path_normalise(&a, "/s/x/%2e%2e/y", 1, &path), HTTP_ERR_PATH,
	       "a dot-dot segment is refused");
	is_int(http_path_normalise(&a, "/s/./y", 0, &path), HTTP_ERR_PATH,
	       "a dot segment is refused");
	is_int(http_path_normalise(&a, "/s/.well-known", 0, &path), HTTP_OK,
	       "a name starting with a dot is fine");
	is_int(http_path_normalise(&a, "evil.example", 0, &path), HTTP_ERR_PATH,
	       "a relative path is refused");
	is_int(http_path_normalise(&a, "", 0, &path), HTTP_ERR_PATH, "an empty path is refused");

	struct arena small;
	arena_init(&small, 64);
	memset(&p, 0, sizeof(p));
	e = http_decode_urlencoded(&small, "a=1&b=2&c=3&d=4", 15, &lim, &p);
	is_int(e, HTTP_ERR_NOMEM, "a full request arena is reported, not overrun");
	arena_release(&small);

	/* multipart/form-data: an ordinary field and a file */
	{
		static const char ct[] = "multipart/form-data; boundary=XyZ";
		static const char body[] =
		    "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
		    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"t.csv\"\r\n"
		    "Content-Type: text/csv\r\n\r\nkey,English,Welsh\r\nlong line over the "
		    "field limit of 32 bytes\r\n\r\n--XyZ--\r\n";
		static const char bin[] =
		    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
		    "\xff\xfe\r\n--XyZ--\r\n";

		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, body, sizeof(body) - 1, &lim, 4096, &p),
		       HTTP_OK, "a multipart body decodes");
		is_str(http_param_get(&p, "csrf"), "abc", "its ordinary field");
		is_str(http_param_get(&p, "f"),
		       "key,English,Welsh\r\nlong line over the field limit of 32 bytes\r\n",
		       "its file, whole (file parts have their own limit)");
		is_str(http_param_get(&p, "f:filename"), "t.csv", "and the file's name");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, body, sizeof(body) - 1, &lim, 16, &p),
		       HTTP_ERR_FIELD_TOO_LONG, "a file over its limit is refused");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, bin, sizeof(bin) - 1, &lim, 4096, &p), HTTP_OK,
		       "a file that is not text decodes");
		ok(http_param_get(&p, "f")[0] == '\0' && http_param_get(&p, "f:binary") != NULL,
		   "empty, marked as not text");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, "multipart/form-data", body, sizeof(body) - 1,
					     &lim, 4096, &p),
		       HTTP_ERR_ENCODING, "no boundary: refused");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, body, 40, &lim, 4096, &p), HTTP_ERR_ENCODING,
		       "a body cut short is refused");
	}

	/* a field declared larger than max_field, and only that field */
	{
		struct http_limits wl = lim;
		static const char ct[] = "multipart/form-data; boundary=XyZ";
		static const char mp[] =
		    "--XyZ\r\nContent-Disposition: form-data; name=\"xml\"\r\n\r\n"
		    "<survey>forty bytes and more of text</survey>\r\n--XyZ--\r\n";

		wl.field_max = wide_xml;
		memset(&p, 0, sizeof(p));
		is_int(http_decode_urlencoded(&a, "xml=0123456789012345678901234567890123456789",
					      44, &wl, &p),
		       HTTP_OK, "a declared larger field over max_field decodes");
		is_int((long long)strlen(http_param_get(&p, "xml")), 40, "whole");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_urlencoded(&a, "txt=0123456789012345678901234567890123456789",
					      44, &wl, &p),
		       HTTP_ERR_FIELD_TOO_LONG, "another field keeps max_field");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_urlencoded(
			   &a,
			   "xml=01234567890123456789012345678901234567890123456789012345678901234",
			   69, &wl, &p),
		       HTTP_ERR_FIELD_TOO_LONG, "the declared field over its own limit is refused");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, mp, sizeof(mp) - 1, &wl, 4096, &p), HTTP_OK,
		       "in a multipart body too");
		is_str(http_param_get(&p, "xml"), "<survey>forty bytes and more of text</survey>",
		       "its value whole");
		memset(&p, 0, sizeof(p));
		is_int(http_decode_multipart(&a, ct, mp, sizeof(mp) - 1, &lim, 4096, &p),
		       HTTP_ERR_FIELD_TOO_LONG, "without the declaration it is refused");
	}

	arena_release(&a);
	return tap_done();
}
