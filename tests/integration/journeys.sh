# SPDX-License-Identifier: AGPL-3.0-or-later
# Residents' journeys under load, for the scale-out tests (90-topology.sh,
# 92-galera.sh); sourced after lib.sh, with S the survey (a copy of
# what-matters) and MARK a prefix for the answers' markers. client C runs
# journeys until DEADLINE under $ROOT/cC/: sent (markers), acked ("marker
# receipt time" once the receipt is shown) and statuses (every answer,
# 000 for none). A step that gets 5xx or no answer is retried, as a
# resident would. walk TEXT takes one resident ($JAR) through S's pages to
# the check page, noting in $TMP/who which instance answered each request.
# live_copy: S as a copy of what-matters with live results and no per-survey
# abuse rules; total: its published respondents, as the instance that answered counts them.
live_copy() {
  sed -e "0,/id=\"what-matters\"/s//id=\"$S\"/" -e '/<abuse /d' \
    -e 's/<publication results="after-close"/<publication results="live"/' \
    "$YV_SURVEYS/what-matters.xml" > "$YV_SURVEYS/$S.xml"
}
total() { http GET "/r/$S.json" > /dev/null && jq -r .respondents.total "$TMP/body"; }
served_by() { header X-Served-By; }
step() { served_by >> "$TMP/who"; }
walk() {
  : > "$TMP/who"
  jget "/s/$S" > /dev/null; step
  jpost "$(form_action)" "priority=housing" "what-matters=$1" action=continue > /dev/null; step
  for _ in 1 2 3 4; do
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null; step
    case $(form_action) in
      */one-thing) jpost "$(form_action)" "one-change=Alternating" satisfaction=4 action=continue > /dev/null ;;
      */about-you) jpost "$(form_action)" age-band=25-44 action=continue > /dev/null ;;
      *) jpost "$(form_action)" action=continue > /dev/null ;;
    esac
    step
  done
  jget "/s/$S/check" > /dev/null; step
}
post() {
  local p=$1 csrf=$2; shift 2
  local args=(--data-urlencode "csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  http POST "$p" -b "$JAR" -c "$JAR" "${args[@]}"
}
get() { http GET "$1" -b "$JAR" -c "$JAR"; }
try() { # retry a step while it gets 5xx or no answer, as a resident would
  local kind=$1 st; shift
  for _ in $(seq 60); do
    st=$("$kind" "$@" 2>/dev/null) || st=000
    echo "$st" >> "$TMP/statuses"
    case $st in 5?? | 000) sleep 0.3 ;; *) echo "$st"; return 0 ;; esac
  done
  echo "$st"; return 1
}
journey() { # journey CLIENT N: appends "marker receipt time" on success
  local m="$MARK-$1-$2-$RANDOM$RANDOM" st csrf loc sid
  JAR=$TMP/jar-$1-$2
  echo "$m" >> "$TMP/sent"
  st=$(try get "/s/$S") && [ "$st" = 200 ] || return 1
  st=$(try post "$(form_action)" "$(form_csrf)" priority=care "what-matters=Marker $m" action=continue) &&
    [ "$st" = 303 ] || return 1
  for _ in 1 2 3 4; do
    loc=$(header Location); [[ $loc == */check ]] && break
    st=$(try get "$loc") && [ "$st" = 200 ] || return 1
    csrf=$(form_csrf); loc=$(form_action)
    st=$(try post "$loc" "$csrf" action=continue) && [ "$st" = 303 ] || return 1
  done
  st=$(try get "/s/$S/check") && [ "$st" = 200 ] || return 1
  csrf=$(form_csrf); sid=$(form_sid)
  st=$(try post "/s/$S/check" "$csrf" "sid=$sid") && [ "$st" = 303 ] || return 1
  echo "$m $(head -1 "$TMP/body") $(date +%s.%N)" >> "$TMP/acked"
}
client() {
  local c=$1 k=0
  TMP=$ROOT/c$c; mkdir -p "$TMP"; : > "$TMP/sent"; : > "$TMP/acked"; : > "$TMP/statuses"
  while [ "$(date +%s)" -lt "$DEADLINE" ]; do k=$((k + 1)); journey "$c" "$k"; done
}
