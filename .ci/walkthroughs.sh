#!/usr/bin/env bash
# Runs the README walk-throughs as a user pasting them would, after the build (`mvn verify` or
# `mvn package`): every ```bash block preceded by `<!-- ci: run -->` in README.md and
# client-sdk/README.md, with `set -euo pipefail`, against a gateway started here on a fresh data
# directory and a free port, then checks the results each walk-through promises. Fails loudly.
# The blocks are run as written except that 127.0.0.1:8080 becomes the gateway's port and /tmp/
# becomes this run's scratch directory; $HOME is a scratch directory too. WALKTHROUGHS_KEEP=1 keeps
# the scratch directory (scripts, outputs, gateway log) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

gateway_jar=gateway-api/target/custodia-gateway.jar
cli_jar=client-sdk/target/custodia-cli.jar
for jar in "$gateway_jar" "$cli_jar"; do
    [ -f "$jar" ] || { echo "walkthroughs: $jar missing; build first (mvn -B package -DskipTests)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/custodia-walkthroughs.XXXXXX")
gateway_pid=
cleanup() {
    if [ -n "$gateway_pid" ]; then kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi
    if [ -n "${WALKTHROUGHS_KEEP:-}" ]; then echo "walkthroughs: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() {
    echo "walkthroughs: FAILED: $*" >&2
    # (without the banner's development tokens: they are of no use, but need not be in a CI log)
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "---- $f (last 40 lines)" >&2; grep -v 'export ' "$f" | tail -n 40 >&2; }; done
    exit 1
}

# The gateway picks a free port itself (CUSTODIA_PORT=0) and prints it in its banner: no race.
mkdir -p "$work/home"
CUSTODIA_DATA_DIR="$work/data" CUSTODIA_PORT=0 java -jar "$gateway_jar" >"$work/gateway.log" 2>"$work/gateway-stderr.log" &
gateway_pid=$!
port=
for _ in $(seq 1 240); do
    port=$(sed -n 's#^  API: *http://127\.0\.0\.1:\([0-9]*\)/api/v1$#\1#p' "$work/gateway.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$gateway_pid" 2>/dev/null || fail "the gateway exited during start"
    sleep 0.25
done
[ -n "$port" ] || fail "the gateway printed no API URL within 60 s"
url=http://127.0.0.1:$port
until curl -sf "$url/ready" >/dev/null; do
    kill -0 "$gateway_pid" 2>/dev/null || fail "the gateway exited before it was ready"
    sleep 0.25
done
echo "walkthroughs: gateway ready on $url (${SECONDS} s)"

# Prints the marked ```bash blocks of a Markdown file, adapted to this run.
extract() {
    awk '/<!-- ci: run -->/ { armed = 1; next }
         armed && /^```bash[[:space:]]*$/ { inside = 1; armed = 0; next }
         inside && /^```/ { inside = 0; next }
         inside { print }' "$1" |
        sed -e "s#127\.0\.0\.1:8080#127.0.0.1:$port#g" -e "s#/tmp/#$work/#g"
}

# Runs the marked blocks of $1 as one script; the output goes to $work/$2.log.
run() {
    local readme=$1 name=$2
    local script="$work/$name.sh"
    { echo 'set -euo pipefail'; extract "$readme"; } >"$script"
    [ "$(wc -l <"$script")" -gt 1 ] || fail "$readme has no block marked <!-- ci: run -->"
    echo "walkthroughs: running the marked blocks of $readme (${SECONDS} s)"
    # The development tokens the banner printed (ORG1_TOKEN, ...), as a user pastes them.
    ( eval "$(sed -n 's/^  export /export /p' "$work/gateway.log")"
      export CUSTODIA_URL="$url" HOME="$work/home" CUSTODIA_NO_PROGRESS=1
      cd "$root" && bash "$script" ) >"$work/$name.log" 2>&1 || fail "$readme: the walk-through exited with $?"
}

# Checks that $work/$1.log matches the extended regular expression $2.
expect() {
    grep -Eq -- "$2" "$work/$1.log" || fail "$1: expected output matching /$2/"
}

# client-sdk first: on a fresh ledger its block counts are the README's expected output.
run client-sdk/README.md client-sdk
expect client-sdk 'local copy matches'
expect client-sdk '^PERMIT req-demo-1: 1 of 3 subjects released'
expect client-sdk '^DENY req-demo-2: 0 of 3 subjects released; reasons \[NO_CONSENTING_SUBJECTS\]'
expect client-sdk 'access trail of 2 events is consistent'
expect client-sdk '^ledger valid: .*every signature checked'

run README.md readme
expect readme '"decision":"PERMIT"'
expect readme '"decision":"DENY"'
expect readme '"valid":true'

# The same root under an ASCII locale as under C.UTF-8 for non-ASCII names (docs/hashing.md §1.2).
mkdir -p "$work/locale/$(printf 'caf\303\251')"
printf 'menu' >"$work/locale/$(printf 'caf\303\251')/$(printf 'cafe\314\201 menu.txt')"
ascii=$(LC_ALL=C bin/custodia hash "$work/locale" --json) || fail "hash under LC_ALL=C exited with $?"
utf8=$(LC_ALL=C.UTF-8 bin/custodia hash "$work/locale" --json) || fail "hash under LC_ALL=C.UTF-8 exited with $?"
[ "$ascii" = "$utf8" ] || fail "hash differs between LC_ALL=C and C.UTF-8: $ascii vs $utf8"

echo "walkthroughs: OK (README.md, client-sdk/README.md, locale) in ${SECONDS} s"
