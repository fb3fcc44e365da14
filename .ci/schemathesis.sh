#!/usr/bin/env bash
# Fuzz the API with schemathesis (issue 15): every operation of /api/openapi.json, anonymously and with a focal
# point's token, against a live server of the test settings with the demo archive loaded. Fails on any 5xx or
# any response that does not match its documented schema, status code or content type.
# Run locally: bash .ci/schemathesis.sh (measured here: 10 min 54 s for both runs, 1,902 + 5,365 cases).
#
#   SCHEMATHESIS_MAX_EXAMPLES   examples per operation (default 25)
#   SCHEMATHESIS_MAX_SECONDS    wall-clock bound of each of the two runs (default 300)
#   PYTHON                      the interpreter with colloquy installed (default .venv/bin/python)
#   SCHEMATHESIS                the schemathesis command (default: next to PYTHON)
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
SCHEMATHESIS=${SCHEMATHESIS:-$(dirname "$PYTHON")/schemathesis}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}
MAX_SECONDS=${SCHEMATHESIS_MAX_SECONDS:-300}
PORT=${SCHEMATHESIS_PORT:-8765}

work=$(mktemp -d)
export COLLOQUY_VAR="$work" DJANGO_SETTINGS_MODULE=colloquy.settings_test PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}"
unset DATABASE_URL  # a throwaway SQLite database under $work, never a shared one
# The server runs with DEBUG off, which needs a secret key of its own (core/production.py): a throwaway one.
export COLLOQUY_SECRET_KEY="fuzz-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
# Lockouts and per-minute limits would turn most generated requests into 429s; the fuzz run is about the rest.
export COLLOQUY_LOGIN_FAILURE_LIMIT=1000000 COLLOQUY_CASTS_PER_MINUTE=1000000 COLLOQUY_UPLOADS_PER_MINUTE=1000000
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "loading the demo archive into $work"
"$PYTHON" -m colloquy demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
token=$("$PYTHON" - <<'PY'
import django
django.setup()
from colloquy.accounts.models import ApiToken, User
print(ApiToken.issue(user=User.objects.get(username="focal-ghana"), name="schemathesis")[1])
PY
) || exit 1

"$PYTHON" -m colloquy runserver --noreload --nothreading "127.0.0.1:$PORT" >"$work/server.log" 2>&1 &
server=$!
up=0
for _ in $(seq 1 90); do
  curl -fsS "http://127.0.0.1:$PORT/api/openapi.json" -o /dev/null 2>/dev/null && { up=1; break; }
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
[ "$up" -eq 1 ] || { echo "the server did not start:"; tail -40 "$work/server.log"; exit 1; }

failed=0
run() {
  local label=$1; shift
  echo "=== schemathesis ($label): $MAX_EXAMPLES examples per operation, at most ${MAX_SECONDS}s"
  local started=$SECONDS
  timeout --signal=INT "$MAX_SECONDS" "$SCHEMATHESIS" run "http://127.0.0.1:$PORT/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$MAX_EXAMPLES" --phases examples,coverage,fuzzing --seed 15 \
    --max-time "$((MAX_SECONDS - 30))" --request-timeout 60 --suppress-health-check all --no-color "$@"
  local status=$?
  echo "=== schemathesis ($label): exit $status after $((SECONDS - started))s"
  # 124: the wall-clock bound ended the run; what it tested so far passed, so that is not a failure
  [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$status" -eq 130 ] || failed=1
}
run anonymous
run "focal point" --header "Authorization: Bearer $token"

# Any 5xx the server logged, whichever run sent it (Django also logs a traceback for a 400 on an unparseable
# multipart body, which is not a failure, so the status is what counts).
if grep -qE '" 5[0-9]{2} [0-9-]+$' "$work/server.log"; then
  echo "the server answered 5xx:"; grep -E -A25 '" 5[0-9]{2} [0-9-]+$' "$work/server.log" | head -200; failed=1
fi
exit $failed
