# store: MariaDB connection, statement table, migrations.
app_libyourvoice_a_SOURCES += \
	app/store/store.c app/store/store.h \
	app/store/stmt.c app/store/stmt.h \
	app/store/migrate.c app/store/migrate.h \
	app/store/users.c app/store/users.h

nobase_dist_pkgdata_DATA += app/store/migrations/001-initial.sql \
	app/store/migrations/002-journey.sql \
	app/store/migrations/003-trust.sql \
	app/store/migrations/004-officers.sql
