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
