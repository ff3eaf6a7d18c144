#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Geo configuration as the stacks write it: the test stack's configuration
# (fixture databases in the GeoIP2 layout, tests/fixtures/geo) and the one
# conf/local writes (a flat country_code database, no region), checked with
# `yourvoice geo`, which opens the databases as `serve` does.
. "$(dirname "$0")/lib.sh"

YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
GEO="$YV_STATE/geo"

out=$("$YV" geo --config "$CONF" 192.0.2.10 198.51.100.99 203.0.113.1 203.0.113.129 2001:db8:1::7 10.1.2.3 2>/dev/null)
is "$?" 0 "geo: the test stack's configuration opens"
is "$(echo "$out" | sed -n 1p)" "192.0.2.10 GB GB-WLS AS64500" "geo: in the Welsh test network (country, region, ASN)"
is "$(echo "$out" | sed -n 2p)" "198.51.100.99 FR - AS64501" "geo: abroad, no region"
is "$(echo "$out" | sed -n 3p)" "203.0.113.1 GB GB-ENG -" "geo: in England, no ASN"
is "$(echo "$out" | sed -n 4p)" "203.0.113.129 - - -" "geo: just outside a /25 is unknown"
is "$(echo "$out" | sed -n 5p)" "2001:db8:1::7 GB GB-WLS AS64502" "geo: IPv6"
is "$(echo "$out" | sed -n 6p)" "10.1.2.3 - - -" "geo: a private address is unknown"

# The configuration conf/local writes for its flat-layout database.
st=$TMP/local-like
YV_STATE=$st YV_HTTP_PORT=1 YV_GEO_COUNTRY_DB="$GEO/country-flat.mmdb" YV_GEO_ASN_DB= \
  YV_GEO_COUNTRY_PATH=country_code YV_GEO_REGION_PATH= YV_TRUSTED_PROXIES= \
  "$SRC/conf/stack" status > /dev/null 2>&1
check "geo: conf/stack writes the flat layout's paths" grep -qx "geo_country_path = country_code" "$st/yourvoice.conf"
out=$("$YV" geo --config "$st/yourvoice.conf" 192.0.2.10 2001:db8:1::7 2>/dev/null)
is "$(echo "$out" | sed -n 1p)" "192.0.2.10 GB - -" "geo: flat layout gives the country, no region"
is "$(echo "$out" | sed -n 2p)" "2001:db8:1::7 - - -" "geo: an IPv6 address in an IPv4-only flat database is unknown"

# A damaged database does not stop anything: it is logged and not used.
YV_STATE=$st YV_HTTP_PORT=1 YV_GEO_COUNTRY_DB="$GEO/truncated.mmdb" YV_GEO_ASN_DB= "$SRC/conf/stack" status > /dev/null 2>&1
out=$("$YV" geo --config "$st/yourvoice.conf" 192.0.2.10 2> "$TMP/err")
is "$?" 0 "geo: a truncated database is not fatal"
is "$out" "192.0.2.10 - - -" "geo: and finds nothing"
check "geo: the log names the file, not an address" bash -c "grep -q 'truncated.mmdb not used' '$TMP/err' && ! grep -q '192.0.2' '$TMP/err'"

# No log the app or nginx's access log wrote holds the address every test
# request came from (nginx's error log is another matter: it cannot be
# formatted and names the client of each error).
check "geo: the app log and nginx's access log hold no client address" \
  bash -c "! grep -qE '127\.0\.0\.1([^0-9:]|\$)' '$YV_STATE/log/app.log' '$YV_STATE/log/nginx-access.log'"
done_testing
