#!/usr/bin/env bash
# What `npm test` needs from the system besides node_modules: Debian's Chromium (the browser tests drive it; no
# browser is ever downloaded) with a font to draw text, and Debian's clickhouse-server (the SQL-engine tests start a
# real two-shard cluster). Each is installed with apt-get when it is missing and this runs as root; otherwise this
# says what to install. Chromium is required; ClickHouse is not: without it those tests are skipped, saying why.
set -uo pipefail

log=$(mktemp)
trap 'rm -f "$log"' EXIT

can_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1
}

install_debian() { # packages...
  echo "installing Debian's $* for the tests (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1
}

chromium_path=${PXLC_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
  if ! can_install || ! install_debian chromium fonts-dejavu-core; then
    [ -s "$log" ] && tail -n 20 "$log"
    echo "the browser tests need Debian's Chromium at $chromium_path: run, as root, apt-get install chromium fonts-dejavu-core" >&2
    echo "(or point PXLC_CHROMIUM at a Chromium binary)" >&2
    exit 1
  fi
fi

if ! command -v clickhouse-server >/dev/null 2>&1; then
  if ! can_install || ! install_debian clickhouse-server; then
    [ -s "$log" ] && tail -n 20 "$log"
    echo "note: clickhouse-server is not installed; the ClickHouse tests will be skipped (apt-get install clickhouse-server)"
  fi
fi
exit 0
