# locale: gettext catalogues of the interface (en, cy). The .mo files are
# built next to their .po in the build tree, so an in-tree build serves
# them from locale/, and installed under $(localedir).
YV_LINGUAS = en cy
YV_MO = $(YV_LINGUAS:%=locale/%/LC_MESSAGES/yourvoice.mo)
EXTRA_DIST += locale/yourvoice.pot $(YV_LINGUAS:%=locale/%.po)
noinst_DATA = $(YV_MO)
CLEANFILES = $(YV_MO)

locale/%/LC_MESSAGES/yourvoice.mo: locale/%.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) --check -o $@ $<

install-data-local: $(YV_MO)
	for l in $(YV_LINGUAS); do \
	  $(MKDIR_P) "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES" && \
	  $(INSTALL_DATA) locale/$$l/LC_MESSAGES/yourvoice.mo "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/yourvoice.mo"; \
	done
uninstall-local:
	for l in $(YV_LINGUAS); do rm -f "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/yourvoice.mo"; done

# Refresh the template and merge it into the catalogues after changing strings.
update-po:
	cd $(srcdir)/app && xgettext --keyword=_ --keyword=N_ --keyword=ngettext_:1,2 \
	  --from-code=UTF-8 --add-comments=TRANSLATORS --package-name=yourvoice \
	  -o ../locale/yourvoice.pot $$(grep -rl '_("' --include='*.c' .)
	for l in $(YV_LINGUAS); do msgmerge --quiet --update $(srcdir)/locale/$$l.po $(srcdir)/locale/yourvoice.pot; done
