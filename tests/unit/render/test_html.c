/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of HTML escaping: nothing a resident types becomes markup. */
#include "config.h"

#define YV_HTML_BRIDGE 1 /* pages written into plain buffers to check them */

#include "core/buf.h"
#include "render/html.h"
#include "tap.h"

int main(void)
{
	struct buf b;

	buf_init(&b, 4096);
	html_text(&b, "<script>alert('x')</script> & \"q\"");
	is_str(buf_cstr(&b), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
	       "all five special characters escaped");
	buf_reset(&b);
	html_text(&b, "Caerdydd – Gŵyl ‘Dewi’");
	is_str(buf_cstr(&b), "Caerdydd – Gŵyl ‘Dewi’", "UTF-8 text passes unchanged");
	buf_reset(&b);
	html_text(&b, NULL);
	is_str(buf_cstr(&b), "", "NULL writes nothing");
	buf_reset(&b);
	html_textn(&b, "a<b>c", 2);
	is_str(buf_cstr(&b), "a&lt;", "textn escapes only n bytes");
	buf_reset(&b);
	html_urlpart(&b, "a b/c?d=é&\"");
	is_str(buf_cstr(&b), "a%20b%2Fc%3Fd%3D%C3%A9%26%22", "URL component percent-encoded");
	buf_reset(&b);
	html_urlpath(&b, "/s/what-matters/check");
	is_str(buf_cstr(&b), "/s/what-matters/check", "a site path keeps its slashes");
	buf_reset(&b);
	html_urlpath(&b, "/r/a b\"<x>?#");
	is_str(buf_cstr(&b), "/r/a%20b%22%3Cx%3E%3F%23", "each segment is percent-encoded");
	buf_reset(&b);
	html_urlpath(&b, "//evil.example");
	is_str(buf_cstr(&b), "/", "a scheme-relative path becomes the home page");
	buf_reset(&b);
	html_urlpath(&b, "/\\\\evil.example");
	is_str(buf_cstr(&b), "/", "a path with backslashes becomes the home page");
	buf_reset(&b);
	html_urlpath(&b, "/\t/evil.example");
	is_str(buf_cstr(&b), "/", "a path with a tab becomes the home page");
	buf_reset(&b);
	html_urlpath(&b, NULL);
	is_str(buf_cstr(&b), "/", "no path is the home page");
	buf_reset(&b);
	html_lit(&b, "<p>");
	html_int(&b, -42);
	html_lit(&b, "</p>");
	is_str(buf_cstr(&b), "<p>-42</p>", "literal markup and numbers");
	buf_reset(&b);
	{
		struct html *h = html_over(&b);

		html_int_pad(h, 7, 2);
		html_lit(h, ":");
		html_int_pad(h, 30, 2);
		html_lit(h, " ");
		html_int_pad(h, -5, 3);
		html_lit(h, " ");
		html_int_pad(h, 123, 2);
		is_str(buf_cstr(&b), "07:30 -005 123", "numbers padded with zeros, never cut");
		buf_reset(&b);
		html_text(h, "<i>");
		html_lit(h, "<br>");
		is_str(buf_cstr(&b), "&lt;i&gt;<br>",
		       "the writer type escapes text and takes literals");
		buf_reset(&b);
	}
	{
		struct html *h = html_over(&b);

		html_paragraphs(h, "  First <line>\nsame   paragraph.\n \t\r\nSecond & last.\n\n\n",
				NULL);
		is_str(buf_cstr(&b),
		       "<p>First &lt;line&gt; same paragraph.</p><p>Second &amp; last.</p>",
		       "a blank line starts a paragraph; other line breaks are one space");
		buf_reset(&b);
		html_paragraphs(h, "One\r\n\r\nTwo", "lede");
		is_str(buf_cstr(&b), "<p class=\"lede\">One</p><p class=\"lede\">Two</p>",
		       "Windows line ends separate paragraphs too, each with the class");
		buf_reset(&b);
		html_paragraphs(h, " \n\n \t", NULL);
		html_paragraphs(h, NULL, NULL);
		is_str(buf_cstr(&b), "", "blank or missing text writes no empty paragraph");
		buf_reset(&b);
	}
	html_text(&b, "&amp;");
	is_str(buf_cstr(&b), "&amp;amp;",
	       "already-escaped text is escaped again (no double meaning)");
	buf_release(&b);

	buf_init(&b, 8);
	html_text(&b, "<<<<");
	ok(b.overflow, "escaping past the buffer maximum is noticed");
	buf_release(&b);
	return tap_done();
}
