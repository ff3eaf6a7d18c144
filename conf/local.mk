# conf: what a server needs besides the binary and its data: the example
# configuration, the yourvoice(8) man page, the systemd unit and sysusers.d
# file, the production nginx site (an example to copy, with the security
# headers it includes) and the logrotate file for its logs.
# Files with paths in them are made from *.in by make (not configure), so
# that `make prefix=...` and DESTDIR installs get the right ones.

yvconfdir = $(sysconfdir)/yourvoice
dist_yvconf_DATA = conf/yourvoice.conf.example conf/nginx-security-headers.conf
logrotatedir = $(sysconfdir)/logrotate.d
dist_logrotate_DATA = conf/logrotate/yourvoice

man8_MANS = docs/yourvoice.8

systemdsystemunit_DATA = conf/systemd/yourvoice.service
dist_sysusers_DATA = conf/systemd/sysusers.d/yourvoice.conf

examplesdir = $(docdir)/examples
examples_DATA = conf/nginx-production.conf

YV_SUBST = docs/yourvoice.8 conf/systemd/yourvoice.service conf/nginx-production.conf
EXTRA_DIST += $(YV_SUBST:=.in)
CLEANFILES += $(YV_SUBST)

$(YV_SUBST): %: %.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && sed -e 's|@bindir[@]|$(bindir)|g' \
	  -e 's|@sysconfdir[@]|$(sysconfdir)|g' -e 's|@localstatedir[@]|$(localstatedir)|g' \
	  -e 's|@pkgdatadir[@]|$(pkgdatadir)|g' -e 's|@localedir[@]|$(localedir)|g' \
	  -e 's|@docdir[@]|$(docdir)|g' -e 's|@systemdsystemunitdir[@]|$(systemdsystemunitdir)|g' \
	  $< > $@.tmp && mv $@.tmp $@

# Fingerprinted static names: the page frame links
# /static/yourvoice.<hash>.css and .js, the hash being the first 12 hex
# digits of the file's SHA-256, and nginx maps such a name to the file. A
# changed file gets a new address, so browsers may keep each one for a year.
# assets.h is made next to config.h and included by app/render/page.c.
BUILT_SOURCES = assets.h
CLEANFILES += assets.h
assets.h: public/yourvoice.css public/yourvoice.js public/css/paper.css
	$(AM_V_GEN){ echo '/* Made by make (conf/local.mk) from the SHA-256 of the public/ files. */'; \
	  printf '#define YV_CSS_HREF "/static/yourvoice.%s.css"\n' "$$(sha256sum < $(srcdir)/public/yourvoice.css | cut -c1-12)"; \
	  printf '#define YV_JS_HREF "/static/yourvoice.%s.js"\n' "$$(sha256sum < $(srcdir)/public/yourvoice.js | cut -c1-12)"; \
	  printf '#define YV_PAPER_CSS_HREF "/static/css/paper.%s.css"\n' "$$(sha256sum < $(srcdir)/public/css/paper.css | cut -c1-12)"; \
	} > $@.tmp && mv $@.tmp $@
