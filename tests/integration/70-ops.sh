#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# 70-ops: running it for real. `make install DESTDIR=…` gives the expected
# tree and `make uninstall` takes it away; the man page covers every
# subcommand; the systemd unit and sysusers file verify; the production
# nginx site passes `nginx -t` and, started on loopback with a throwaway
# certificate, redirects to HTTPS, sends HSTS and the security headers,
# limits requests, caches and compresses static files only; the request log
# holds no client address; backup → wipe → restore gives back every table;
# a database at the first schema version is upgraded with its rows kept,
# and `yourvoice serve` refuses it until then.
. "$(dirname "$0")/lib.sh"
YV=$SRC/app/yourvoice
CONF=$YV_STATE/yourvoice.conf
sqlroot() { mariadb --defaults-file="$YV_STATE/my.cnf" --default-character-set=utf8mb4 -uroot -N -B "$@"; }
# A Makefile variable, fully expanded (prefix and all).
mkvar() { make -s -C "$SRC" --no-print-directory --eval 'yv-print-%: ; @echo $($*)' "yv-print-$1"; }
skip() { _n=$((_n + 1)); echo "ok $_n # SKIP $*"; }
has() { grep -q -- "$1" <<< "$2"; }
# that DESCRIPTION 'shell condition': checked in this shell (no quoting games).
that() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# ---- make install / uninstall ------------------------------------------
bindir=$(mkvar bindir) sysconfdir=$(mkvar sysconfdir) pkgdatadir=$(mkvar pkgdatadir)
localedir=$(mkvar localedir) mandir=$(mkvar mandir) docdir=$(mkvar docdir)
unitdir=$(mkvar systemdsystemunitdir) sysusersdir=$(mkvar sysusersdir)
stage=$TMP/stage
check "make install DESTDIR=… succeeds" make -s -C "$SRC" install DESTDIR="$stage" > "$TMP/install.log" 2>&1
S=$stage
missing=()
want() { [ -f "$S$1" ] || missing+=("$1"); }
[ -x "$S$bindir/yourvoice" ] || missing+=("$bindir/yourvoice (executable)")
want "$pkgdatadir/schema/survey.rng"
for f in "$SRC"/app/store/migrations/*.sql; do want "$pkgdatadir/migrations/${f##*/}"; done
for f in "$SRC"/surveys/*.xml; do want "$pkgdatadir/surveys/${f##*/}"; done
while read -r f; do want "$pkgdatadir/$f"; done < <(cd "$SRC" && git ls-files public)
want "$localedir/cy/LC_MESSAGES/yourvoice.mo"
want "$localedir/en/LC_MESSAGES/yourvoice.mo"
want "$sysconfdir/yourvoice/yourvoice.conf.example"
want "$sysconfdir/yourvoice/nginx-security-headers.conf"
want "$sysconfdir/logrotate.d/yourvoice"
want "$mandir/man8/yourvoice.8"
want "$unitdir/yourvoice.service"
want "$sysusersdir/yourvoice.conf"
want "$docdir/examples/nginx-production.conf"
is "${missing[*]:-}" "" "the installed tree has the binary, schema, every migration, samples, public/, catalogues, configuration, man page, units"
check "nothing is installed outside the prefix and sysconfdir" bash -c \
  "cd '$S' && ! find . -type f | grep -v -e '^.$(mkvar prefix)/' -e '^.$sysconfdir/'"
is "$("$S$bindir/yourvoice" version)" "$(grep -o "PACKAGE_STRING \"[^\"]*\"" "$SRC/config.h" | cut -d'"' -f2)" \
  "the installed binary runs"
# The binary's compiled-in defaults are the paths make install used.
strs=$(strings "$S$bindir/yourvoice")
lost=()
for p in "$pkgdatadir/migrations" "$pkgdatadir/schema/" "$pkgdatadir/surveys" "$localedir" \
         "$sysconfdir/yourvoice/yourvoice.conf"; do
  grep -qF -- "$p" <<< "$strs" || lost+=("$p")
done
is "${lost[*]:-}" "" "the binary's default paths for migrations, schema, surveys, catalogues and configuration are the installed ones"
check "the installed samples pass 'yourvoice check' with the installed schema" \
  "$S$bindir/yourvoice" check --quiet --schema "$S$pkgdatadir/schema/survey.rng" "$S$pkgdatadir"/surveys/*.xml
# The installed migrations, read by the installed binary, describe the test database.
cp "$CONF" "$TMP/inst.conf"
echo "migrations_dir = $S$pkgdatadir/migrations" >> "$TMP/inst.conf"
out=$("$S$bindir/yourvoice" migrate --status --config "$TMP/inst.conf" 2>&1)
n=$(ls "$SRC"/app/store/migrations/*.sql | wc -l)
is "$(grep -c '^applied ' <<< "$out")" "$n" "migrate --status lists every installed migration as applied"
that "migrate --status ends with the version and 0 pending" 'grep -qE "^database yourvoice at version [0-9]+, latest [0-9]+, 0 pending$" <<< "$out"'
out=$("$S$bindir/yourvoice" migrate --status --config "$S$sysconfdir/yourvoice/yourvoice.conf.example" 2>&1)
that "the installed example configuration parses (every key known)" '! has "yourvoice.conf.example:[0-9]" "$out"'
unit=$S$unitdir/yourvoice.service
is "$(grep '^ExecStart=' "$unit")" "ExecStart=$bindir/yourvoice serve --config $sysconfdir/yourvoice/yourvoice.conf" \
  "the installed unit starts the installed binary with the installed configuration"

# ---- man page --------------------------------------------------------
man8=$S$mandir/man8/yourvoice.8
warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$man8" 2>&1 > "$TMP/man.txt")
is "$warn" "" "yourvoice(8) formats without warnings"
undocumented=()
for c in $("$YV" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
  grep -q "^\.SS $c\$" "$man8" || undocumented+=("$c")
done
is "${undocumented[*]:-}" "" "yourvoice(8) has a section for every subcommand of 'yourvoice --help'"
check "yourvoice(8) documents the configuration file" grep -q '^CONFIGURATION' "$TMP/man.txt"

# ---- systemd -----------------------------------------------------------
if command -v systemd-analyze > /dev/null; then
  # verify checks that ExecStart exists and runs man for Documentation=: point
  # both at the staged tree.
  mkdir -p "$TMP/unit"
  sed "s|^ExecStart=$bindir/|ExecStart=$S$bindir/|; s|^ExecReload=$bindir/|ExecReload=$S$bindir/|" "$unit" > "$TMP/unit/yourvoice.service"
  # Other packages' units on the machine are loaded too: their warnings
  # (galera-arbitrator-4's garb.service runs as nobody) are not ours.
  out=$(MANPATH=$S$mandir systemd-analyze verify "$TMP/unit/yourvoice.service" 2>&1); rc=$?
  out=$(grep -v '^/lib/systemd/system/\|^/usr/lib/systemd/system/' <<< "$out")
  is "$rc:$out" "0:" "systemd-analyze verify passes on yourvoice.service with no warning"
else
  skip "systemd-analyze is not installed"
fi
lacking=()
for d in 'Type=simple' 'User=yourvoice' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' \
         'PrivateTmp=yes' 'RuntimeDirectory=yourvoice' 'StateDirectory=yourvoice' 'CapabilityBoundingSet=' \
         "ExecReload=$bindir/yourvoice reload --config $sysconfdir/yourvoice/yourvoice.conf --pid \$MAINPID" 'Restart=on-failure' 'SupplementaryGroups=www-data'; do
  grep -qxF -- "$d" "$unit" || lacking+=("$d")
done
is "${lacking[*]:-}" "" "the unit runs unprivileged, read-only, private /tmp, reloads through yourvoice reload, restarts on failure"
# Every system call the unit's deny lists take away, groups expanded.
denied() {
  local g
  for g in "$@"; do
    if [[ $g == @* ]]; then
      denied $(systemd-analyze syscall-filter "$g" 2> /dev/null | grep -v -e "^$g" -e '^ *#' -e '^ *$')
    else
      echo "$g"
    fi
  done
}
if command -v systemd-analyze > /dev/null; then
  deny=$(denied $(sed -n 's/^SystemCallFilter=~//p' "$unit" | tr ' ' '\n') | sort -u)
  that "the system call filter still lets the service give nginx's group its socket (chown)" \
    '[ -n "$(sed -n "s/^SystemCallFilter=~//p" "$unit")" ] && ! grep -qxE "(f|l)?chown(at)?(32)?" <<< "$deny"'
else
  skip "systemd-analyze is not installed"
fi
check "the unit makes nothing writable beyond its state and runtime directories" bash -c "! grep -qE '^(ReadWritePaths|ProtectSystem=(no|yes|full)$)' '$unit'"
if command -v systemd-sysusers > /dev/null; then
  root=$TMP/sysroot
  mkdir -p "$root/etc" "$root$sysusersdir"
  cp "$S$sysusersdir/yourvoice.conf" "$root$sysusersdir/"
  systemd-sysusers --root="$root" > /dev/null 2>&1
  check "systemd-sysusers creates the unprivileged yourvoice user (no login shell)" \
    grep -qE '^yourvoice:x:[0-9]+:[0-9]+:[^:]*:/var/lib/yourvoice:/usr/sbin/nologin$' "$root/etc/passwd"
else
  skip "systemd-sysusers is not installed"
fi
if command -v logrotate > /dev/null; then
  out=$(logrotate -d -s "$TMP/logrotate.state" "$S$sysconfdir/logrotate.d/yourvoice" 2>&1); rc=$?
  that "logrotate accepts the rotation of the site's nginx logs" '[ $rc -eq 0 ] && ! grep -qi error <<< "$out"'
else
  skip "logrotate is not installed"
fi

# ---- nginx for production, on loopback with a throwaway certificate -----
P80=$((YV_HTTP_PORT + 1)) P443=$((YV_HTTP_PORT + 363)) NAME=haveyoursay.council.example
mkdir -p "$TMP/tls" "$TMP/ngx/log" "$TMP/ngx/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" \
  -keyout "$TMP/tls/privkey.pem" -out "$TMP/tls/fullchain.pem" > /dev/null 2>&1
sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$P80;|" -e "s|^\( *\)listen 443 ssl;|\1listen 127.0.0.1:$P443 ssl;|" \
    -e '/listen \[::\]/d' -e "s|/etc/letsencrypt/live/$NAME/|$TMP/tls/|" \
    -e "s|/var/log/nginx/yourvoice/|$TMP/ngx/log/|" -e "s|unix:/run/yourvoice/app.sock|unix:$YV_STATE/run/app.sock|" \
    -e "s|$sysconfdir/yourvoice/|$S$sysconfdir/yourvoice/|" -e "s|$pkgdatadir/public/|$S$pkgdatadir/public/|g" \
    "$S$docdir/examples/nginx-production.conf" > "$TMP/site.conf"
check "the test copy of the site only moved ports, certificate, logs, socket and files" bash -c \
  "! grep -qE 'listen (80|443)|letsencrypt|/var/log|/run/yourvoice' '$TMP/site.conf' && [ \$(diff '$S$docdir/examples/nginx-production.conf' '$TMP/site.conf' | grep -c '^>') -le 14 ]"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat > "$TMP/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/ngx/nginx.pid;
error_log $TMP/ngx/log/main-error.log warn;
$user_line
events { worker_connections 128; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $TMP/ngx/tmp/body;
    fastcgi_temp_path $TMP/ngx/tmp/fastcgi;
    proxy_temp_path $TMP/ngx/tmp/proxy;
    uwsgi_temp_path $TMP/ngx/tmp/uwsgi;
    scgi_temp_path $TMP/ngx/tmp/scgi;
    include $TMP/site.conf;
}
EOF
out=$(nginx -t -c "$TMP/nginx.conf" -p "$TMP/ngx" 2>&1); rc=$?
is "$rc" 0 "nginx -t accepts the production site"
that "nginx -t has no warning about it" '! grep -qE "\[(warn|emerg|alert)\]" <<< "$out"'
if [ $rc -eq 0 ] && nginx -c "$TMP/nginx.conf" -p "$TMP/ngx" 2> "$TMP/ngx/start.err"; then
  for _ in $(seq 50); do [ -s "$TMP/ngx/nginx.pid" ] && break; sleep 0.1; done
  H=(--resolve "$NAME:$P443:127.0.0.1" -k)
  U=https://$NAME:$P443
  st=$(curl -sS -o /dev/null -D "$TMP/head" -w '%{http_code}' -H "Host: $NAME" "http://127.0.0.1:$P80/s/what-matters?lang=cy")
  is "$st $(header Location)" "301 https://$NAME/s/what-matters?lang=cy" "plain HTTP is redirected to HTTPS, path and query kept"
  st=$(curl -sS "${H[@]}" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' -H 'Accept-Encoding: gzip' "$U/")
  is "$st" 200 "the home page is served over TLS through the production site"
  check "HSTS for two years" bash -c "grep -qi '^strict-transport-security: max-age=63072000' '$TMP/head'"
  check "the security headers are there (CSP with frame-ancestors 'none', nosniff)" bash -c \
    "grep -qi \"^content-security-policy:.*frame-ancestors 'none'\" '$TMP/head' && grep -qi '^x-content-type-options: nosniff' '$TMP/head'"
  check "pages are not compressed (anti-forgery tokens next to typed text: BREACH)" bash -c "! grep -qi '^content-encoding' '$TMP/head'"
  cp "$TMP/body" "$TMP/page"
  st=$(curl -sS "${H[@]}" -o "$TMP/css.gz" -D "$TMP/head" -w '%{http_code}' -H 'Accept-Encoding: gzip' "$U/static/yourvoice.css")
  check "the stylesheet is served gzip-compressed" bash -c "[ $st = 200 ] && grep -qi '^content-encoding: gzip' '$TMP/head' && gzip -dc '$TMP/css.gz' | cmp -s - '$SRC/public/yourvoice.css'"
  check "a plain static name is cached for an hour, and keeps HSTS" bash -c \
    "grep -qi '^cache-control: public, max-age=3600' '$TMP/head' && grep -qi '^strict-transport-security' '$TMP/head'"
  css=$(grep -o '<link rel="stylesheet" href="[^"]*"' "$TMP/page" | sed 's/.*href="//; s/"$//')
  is "$css" "/static/yourvoice.$(sha256sum < "$SRC/public/yourvoice.css" | cut -c1-12).css" \
    "pages link the stylesheet by a fingerprinted name (its SHA-256)"
  st=$(curl -sS "${H[@]}" -o "$TMP/css" -D "$TMP/head" -w '%{http_code}' "$U$css")
  check "the fingerprinted name serves the file, cached a year as immutable" bash -c \
    "[ $st = 200 ] && cmp -s '$TMP/css' '$SRC/public/yourvoice.css' && grep -qi '^cache-control: public, max-age=31536000, immutable' '$TMP/head'"
  is "$(curl -sS "${H[@]}" -o /dev/null -w '%{http_code}' "$U/healthz")" 200 "/healthz answers through the production site"
  head -c 300000 /dev/zero | tr "\0" a > "$TMP/big"
  st=$(curl -sS "${H[@]}" -o "$TMP/body" -D "$TMP/head" -w "%{http_code}" --data-binary @"$TMP/big" "$U/s/what-matters")
  check "a body over client_max_body_size gets 413 with the bilingual page and HSTS" bash -c \
    "[ $st = 413 ] && grep -q 'lang=\"cy\"\|Cymraeg' '$TMP/body' && grep -qi '^strict-transport-security' '$TMP/head'"
  urls=(); for _ in $(seq 150); do urls+=("$U/healthz"); done
  codes=$(curl -sS "${H[@]}" -o /dev/null -w '%{http_code}\n' "${urls[@]}")
  check "a burst from one address is limited with 429" grep -q '^429$' <<< "$codes"
  check "the access log has lines and no client address" bash -c \
    "[ -s '$TMP/ngx/log/access.log' ] && ! grep -qE '127\.0\.0\.1|::1' '$TMP/ngx/log/access.log'"
  check "the error log holds no client address either (after 413s and 429s)" bash -c \
    "! grep -qE '127\.0\.0\.1|::1' '$TMP/ngx/log/error.log' 2> /dev/null"
  kill -QUIT "$(cat "$TMP/ngx/nginx.pid")" 2> /dev/null
  for _ in $(seq 50); do [ -e "$TMP/ngx/nginx.pid" ] || break; sleep 0.1; done
else
  not_ok "nginx starts with the production site"; cat "$TMP/ngx/start.err" 2> /dev/null | sed 's/^/# /'
fi

js=$(grep -o '<script src="[^"]*"' "$TMP/page" 2> /dev/null | sed 's/.*src="//; s/"$//')
is "$js" "/static/yourvoice.$(sha256sum < "$SRC/public/yourvoice.js" | cut -c1-12).js" "pages link the script by a fingerprinted name"
check "the development stack's nginx serves the fingerprinted names too" \
  bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$BASE$js') = 200 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' '$BASE${css:-/none}') = 200 ]"

# ---- logs of the running stack ---------------------------------------------
applog=$YV_STATE/log/app.log
check "the app logs one line per request: time, method, route, status, duration" \
  grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z info \[[0-9]+\] GET [^ ]+ 200 [0-9.]+ms$' "$applog"
check "no app log line holds a client address" bash -c "! grep -qE '127\.0\.0\.1|::1' '$applog'"
check "the running stack's FastCGI socket is mode 0660" test "$(stat -c %a "$YV_STATE/run/app.sock")" = 660

# ---- uninstall -------------------------------------------------------------
make -s -C "$SRC" uninstall DESTDIR="$stage" > "$TMP/uninstall.log" 2>&1
is "$(cd "$stage" && find . -type f -o -type l | sort | tr '\n' ' ')" "" "make uninstall DESTDIR=… leaves no file"

# ---- backup → wipe → restore ---------------------------------------------
# Rows in every table the journey fills, with text that tests the charset.
sqlroot yourvoice <<'SQL'
INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('ops-fixture', REPEAT('a', 64));
INSERT INTO invitation (survey_id, code_hash) VALUES ('ops-fixture', SHA2('ops-invitation', 256));
INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at, geo_country, invitation_id)
  VALUES ('ops-fixture', REPEAT('a', 64), 'OPS-TEST-00001', REPEAT('9', 32), 'cy', UTC_TIMESTAMP(3), NULL, LAST_INSERT_ID());
INSERT INTO answer (response_id, survey_id, question_id, ord, value)
  VALUES (LAST_INSERT_ID(), 'ops-fixture', 'priority', 0, 'Ŵyn, "dyfyniad", back\\slash, tab	and 🙂\nnew line');
INSERT INTO partial (survey_id, session_hash, resume_hash, lang, answers, created_at, updated_at, expires_at)
  VALUES ('ops-fixture', SHA2('ops-session', 256), SHA2('ops-resume', 256), 'en', '{"a":"ŵ"}',
          UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY);
SQL
# Every table: its definition and the checksum of all rows in order.
snapshot() {
  local t cols
  for t in $(sqlroot -e "SELECT table_name FROM information_schema.tables WHERE table_schema = 'yourvoice' ORDER BY 1"); do
    cols=$(sqlroot -e "SELECT GROUP_CONCAT(ordinal_position ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'yourvoice' AND table_name = '$t'")
    printf '%s %s rows %s\n' "$t" "$(sqlroot yourvoice -e "SELECT * FROM \`$t\` ORDER BY $cols" | md5sum | cut -d' ' -f1)" \
      "$(sqlroot yourvoice -e "SELECT COUNT(*) FROM \`$t\`")"
    sqlroot yourvoice -e "SHOW CREATE TABLE \`$t\`" | md5sum
  done
}
snapshot > "$TMP/before"
empty=()
for t in response answer survey_version partial invitation schema_migrations; do
  [ "$(sqlroot yourvoice -e "SELECT COUNT(*) FROM $t")" -gt 0 ] || empty+=("$t")
done
is "${empty[*]:-}" "" "every table the backup must keep holds rows before it"
printf '<survey/>\n' > "$YV_SURVEYS/not a survey.xml"
out=$("$YV" backup --config "$CONF" "$TMP/backup" 2>&1); rc=$?
rm -f "$YV_SURVEYS/not a survey.xml"
is "$rc" 0 "yourvoice backup DIR succeeds"
that "a file that cannot be a survey is left out, with a warning" \
  'has "skipping .*not a survey.xml" "$out" && ! grep -q "not a survey" "$TMP/backup/MANIFEST"'
check "the backup has the dump, the live surveys and a manifest with checksums" bash -c \
  "[ -s '$TMP/backup/database.sql' ] && grep -q '^sha256 [0-9a-f]\{64\} database.sql$' '$TMP/backup/MANIFEST' && diff -q <(cd '$YV_SURVEYS' && ls -- *.xml) <(cd '$TMP/backup/surveys' && ls)"
check "the dump is a consistent snapshot (one transaction)" grep -q 'Dump completed' "$TMP/backup/database.sql"
is "$(stat -c %a "$TMP/backup"):$(stat -c %a "$TMP/backup/database.sql")" "700:600" "the backup is readable by its owner only"
# A stand-in mariadb-dump shows what the real one is given: the password
# only in the option file on a pipe, never on the command line; and its
# failure leaves no half backup.
mkdir -p "$TMP/fakebin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/fake.argv"\ncat "${1#--defaults-file=}" > "%s/fake.cnf"\nexit 2\n' "$TMP" "$TMP" > "$TMP/fakebin/mariadb-dump"
chmod +x "$TMP/fakebin/mariadb-dump"
out=$(PATH=$TMP/fakebin:$PATH "$YV" backup --config "$CONF" "$TMP/fakebackup" 2>&1); rc=$?
pw=$(cat "$YV_STATE/db.password")
that "the dump gets the password in an option file, not on its command line" \
  'grep -q "^--defaults-file=/dev/fd/[0-9]*$" "$TMP/fake.argv" && ! grep -qF "$pw" "$TMP/fake.argv" && grep -qxF "password=\"$pw\"" "$TMP/fake.cnf"'
that "a failed dump fails the backup and leaves no dump behind" '[ $rc -eq 1 ] && [ -z "$(ls "$TMP/fakebackup")" ]'
out=$("$YV" backup --config "$CONF" "$TMP/backup" 2>&1); rc=$?
that "a backup refuses a directory that is not empty" '[ $rc -eq 1 ] && has "not empty" "$out"'
out=$("$YV" restore --config "$CONF" "$TMP/backup" 2>&1); rc=$?
that "restore refuses a database that holds tables" '[ $rc -eq 1 ] && has "already holds" "$out"'
wipe() { sqlroot -e "DROP DATABASE yourvoice; CREATE DATABASE yourvoice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"; }
wipe
is "$(sqlroot -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'yourvoice'")" 0 "the database is wiped"
cp -r "$TMP/backup" "$TMP/damaged"
sed -i 's/OPS-TEST-00001/OPS-TEST-00002/' "$TMP/damaged/database.sql"
out=$("$YV" restore --config "$CONF" "$TMP/damaged" 2>&1); rc=$?
that "a damaged backup is refused before anything is loaded" \
  '[ $rc -eq 1 ] && has damaged "$out" && [ "$(sqlroot -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = \"yourvoice\"")" = 0 ]'
out=$("$YV" restore --config "$CONF" "$TMP/backup" 2>&1); rc=$?
is "$rc" 0 "yourvoice restore DIR into the empty database succeeds"
[ $rc -eq 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
snapshot > "$TMP/after"
check "every table comes back: same definitions, same rows (responses, answers, receipts, partial saves, invitations)" \
  diff "$TMP/before" "$TMP/after"
is "$(sqlroot yourvoice -e "SELECT value FROM answer WHERE value LIKE 'Ŵyn%'" | head -1)" \
  'Ŵyn, "dyfyniad", back\\slash, tab\tand 🙂\nnew line' "Welsh, emoji, quotes and control characters survive the round trip"
is "$(http GET /healthz)" 200 "the running service serves the restored database"
# The stored results totals (issue 23) come back with the answers they sum.
check "the restored results totals equal a recount (yourvoice results --verify)" \
  "$YV" results --config "$CONF" what-matters --verify
sqlroot yourvoice -e "DELETE FROM answer WHERE survey_id = 'ops-fixture'; DELETE FROM response WHERE survey_id = 'ops-fixture';
  DELETE FROM partial WHERE survey_id = 'ops-fixture'; DELETE FROM invitation WHERE survey_id = 'ops-fixture';
  DELETE FROM survey_version WHERE survey_id = 'ops-fixture'"

# ---- upgrade from the first schema version; serve refuses a database behind --
DB=yv_ops_upgrade
sqlroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  GRANT ALL PRIVILEGES ON $DB.* TO 'yourvoice'@'localhost'"
mkdir -p "$TMP/m1"
cp "$SRC/app/store/migrations/001-"*.sql "$TMP/m1/"
{ cat "$CONF"; echo "db_name = $DB"; echo "listen = unix:$TMP/up.sock"; echo "socket_group = www-data"
  echo "secret_file = $TMP/secret.key"; echo "workers = 1"; } > "$TMP/up.conf"
cp "$TMP/up.conf" "$TMP/up1.conf"; echo "migrations_dir = $TMP/m1" >> "$TMP/up1.conf"
out=$("$YV" migrate --config "$TMP/up1.conf" 2>&1)
is "$out" "applied $(basename "$TMP"/m1/*.sql)" "a scratch database gets the first schema version"
sqlroot "$DB" <<'SQL'
INSERT INTO survey_version (survey_id, version_hash) VALUES ('what-matters', REPEAT('b', 64));
INSERT INTO response (survey_id, version_hash, receipt, submission_id, lang, submitted_at)
  VALUES ('what-matters', REPEAT('b', 64), 'UPG-0000-00001', REPEAT('1', 32), 'en', '2025-06-01 10:00:00'),
         ('what-matters', REPEAT('b', 64), 'UPG-0000-00002', REPEAT('2', 32), 'cy', '2025-06-02 11:00:00');
INSERT INTO answer (response_id, survey_id, question_id, ord, value)
  SELECT id, survey_id, 'priority', 0, CONCAT('ateb ', receipt) FROM response;
SQL
# (receipts are compared apart: migration 012 keeps only their keyed hashes)
rows() { sqlroot "$DB" -e "SELECT r.id, r.lang, r.submitted_at, a.question_id, a.value FROM response r JOIN answer a ON a.response_id = r.id ORDER BY r.id"; }
rows > "$TMP/v1"
out=$("$YV" migrate --status --config "$TMP/up.conf" 2>&1)
that "migrate --status lists the first file applied and the later ones pending" \
  'has "^applied  001-" "$out" && has "^pending  002-" "$out" && grep -qE "^database $DB at version 1, latest [0-9]+, [1-9][0-9]* pending: run" <<< "$out"'
out=$(timeout 30 "$YV" serve --config "$TMP/up.conf" 2>&1); rc=$?
is "$rc" 1 "yourvoice serve refuses a database that is behind (exit status 1)"
that "and says so, naming 'yourvoice migrate'" 'has "database is at schema version 1 but this binary needs .*run .yourvoice migrate. first" "$out"'
check "and never opened its socket" test ! -e "$TMP/up.sock"
out=$("$YV" migrate --config "$TMP/up.conf" 2>&1); rc=$?
that "yourvoice migrate brings it to the current version" '[ $rc -eq 0 ] && has "^applied 002-" "$out"'
is "$(rows | md5sum)" "$(md5sum < "$TMP/v1")" "every response and answer survives the upgrade"
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM response WHERE invitation_id IS NULL")" 2 "old rows get the new columns empty"
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '$DB' AND table_name = 'response' AND column_name = 'receipt'")" 0 \
  "migration 012: no receipt is kept in plain text"
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM response WHERE codes_keyed = 1 AND receipt_hash = '$(code_hash UPG-0000-00001 "$TMP/secret.key")'
  AND submission_id = '$(code_hash "$(printf '1%.0s' $(seq 32))" "$TMP/secret.key")'")" 1 \
  "migrate stores old receipts and submission ids as keyed hashes, under this host's key"
that "and says so" 'has "^stored [0-9]* rows of codes as keyed hashes" "$out"'
out=$("$YV" migrate --status --config "$TMP/up.conf" 2>&1)
that "migrate --status then shows nothing pending" '! has "^pending" "$out" && has ", 0 pending$" "$out"'
is "$("$YV" migrate --config "$TMP/up.conf" 2>&1)" "" "migrating again does nothing"
# Started as root, it becomes `run_as` once its socket is open (without
# systemd's User=); the socket stays nginx's group's.
[ "$(id -u)" -eq 0 ] && echo "run_as = nobody" >> "$TMP/up.conf"
# A row left unkeyed (as by a migrate on a host without the key) is keyed by serve at start-up.
sqlroot "$DB" -e "UPDATE response SET receipt_hash = SHA2('UPG-0000-00002', 256), codes_keyed = 0 WHERE lang = 'cy'"
"$YV" serve --config "$TMP/up.conf" > "$TMP/up.log" 2>&1 &
upid=$!
for _ in $(seq 100); do [ -S "$TMP/up.sock" ] && [ -n "$(pgrep -P "$upid")" ] && break; sleep 0.1; done
check "yourvoice serve starts on the upgraded database" test -S "$TMP/up.sock"
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM response WHERE codes_keyed = 1 AND receipt_hash = '$(code_hash UPG-0000-00002 "$TMP/secret.key")'")" 1 \
  "serve stores a code left unkeyed as a keyed hash at start-up"
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM response WHERE codes_keyed = 0")" 0 "no row is left unkeyed"
is "$(stat -c '%a %G' "$TMP/up.sock" 2> /dev/null)" "660 www-data" "its socket is mode 0660, group socket_group (nginx's)"
if [ "$(id -u)" -eq 0 ]; then
  users=$( (ps -o user= -p "$upid"; ps -o user= --ppid "$upid") | sort -u | tr -d ' ' | tr '\n' ' ')
  is "$users" "nobody " "started as root with 'run_as = nobody', master and workers run as nobody"
  check "and it says so in its log" grep -q 'running as user nobody' "$TMP/up.log"
else
  skip "not root: dropping root is not tested"
  skip "not root: dropping root is not tested"
fi
kill -TERM "$upid" 2> /dev/null
for _ in $(seq 100); do kill -0 "$upid" 2> /dev/null || break; sleep 0.1; done
wait "$upid"; rc=$?
is "$rc" 0 "SIGTERM stops it cleanly"

# ---- one secret key per installation -------------------------------------
# The instance above recorded its key's id in $DB. A host started with a
# key of its own would refuse every form its neighbours served: it refuses
# to start instead, and says what to do.
sed -e "s|^secret_file = .*|secret_file = $TMP/other.key|" -e "s|^listen = .*|listen = unix:$TMP/other.sock|" \
  "$TMP/up.conf" > "$TMP/other.conf"
out=$(timeout 30 "$YV" serve --config "$TMP/other.conf" 2>&1); rc=$?
is "$rc" 1 "an instance with another secret key than the installation's refuses to start (exit status 1)"
that "and names both key ids and the two ways out" \
  'has "key id [0-9a-f]\{8\}) is not the one this installation.s other instances use (key id [0-9a-f]\{8\}, since 20" "$out" && has "Copy secret_file from a running host" "$out" && has "yourvoice key adopt" "$out"'
check "and never opened its socket" test ! -e "$TMP/other.sock"
out=$("$YV" key --config "$TMP/other.conf" 2>&1); rc=$?
that "'yourvoice key' on that host says its key differs (exit status 1)" '[ $rc -eq 1 ] && has "this host.s key differs" "$out"'
out=$("$YV" key --config "$TMP/up.conf" 2>&1); rc=$?
that "and on the host with the recorded key, that it is the same" '[ $rc -eq 0 ] && has "^installation:  the same$" "$out"'
out=$("$YV" key --config "$TMP/other.conf" adopt 2>&1); rc=$?
that "'yourvoice key adopt' records the new key" '[ $rc -eq 0 ] && has "key is now this host.s" "$out"'
is "$(sqlroot "$DB" -e "SELECT COUNT(*) FROM audit_log WHERE action = 'key-adopt'")" 1 "and the audit log says so"
out=$("$YV" key --config "$TMP/up.conf" 2>&1); rc=$?
that "then the old key is the one that differs" '[ $rc -eq 1 ] && has "this host.s key differs" "$out"'
sqlroot -e "DROP DATABASE $DB; REVOKE ALL PRIVILEGES ON $DB.* FROM 'yourvoice'@'localhost'"

# A running instance whose key is no longer the installation's (another
# was adopted) tells monitoring: /healthz answers 503.
sed -e "s|^secret_file = .*|secret_file = $TMP/other.key|" "$CONF" > "$TMP/main-other.conf"
"$YV" key --config "$TMP/main-other.conf" adopt > /dev/null 2>&1
st=$(http GET /healthz)
that "after another key is adopted, /healthz of the running instance answers 503 'wrong secret key'" \
  '[ "$st" = 503 ] && grep -q "^wrong secret key: the installation uses key id [0-9a-f]\{8\}" "$TMP/body"'
# Its pages step aside too, within a worker's check period (5 s), so that
# nginx sends residents to the instances with the right key.
for _ in $(seq 40); do [ "$(http GET /privacy)" = 503 ] && [ "$(http GET /privacy)" = 503 ] && break; sleep 0.25; done
is "$(http GET /privacy)" 503 "and so do its pages, with the service's 503 page"
check "which says when to try again" test -n "$(header Retry-After)"
"$YV" key --config "$CONF" adopt > /dev/null 2>&1
is "$(http GET /healthz)" 200 "and 200 again once its own key is adopted back"
for _ in $(seq 40); do [ "$(http GET /privacy)" = 200 ] && [ "$(http GET /privacy)" = 200 ] && break; sleep 0.25; done
is "$(http GET /privacy) $(http GET /privacy)" "200 200" "and its pages are served again"

done_testing
