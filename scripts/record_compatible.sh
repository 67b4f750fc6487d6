#!/usr/bin/env bash
# Re-record tests/cassettes/test_compatible_backend/ from a real run: llama-cpp-python's
# OpenAI-compatible server with Qwen2.5-Coder-0.5B on loopback, and the test in rewrite mode.
# The port is fixed because the recorded URL is part of the match (the test replays against
# http://127.0.0.1:8765/v1); the script stops if that port is taken. The server is always stopped.
# Needs: the server extra's pure-Python packages (fastapi, uvicorn, sse-starlette,
# starlette-context, pydantic-settings), vcrpy, pytest-recording, and the model:
#   .venv/bin/summarizer models install qwen2.5-coder-0.5b
# Environment: SUMMARIZER_RECORD_MODEL (a .gguf path), SUMMARIZER_CACHE_DIR (where models live).
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1
PORT=8765
URL="http://$HOST:$PORT/v1"
ALIAS=qwen2.5-coder-0.5b
CACHE="${SUMMARIZER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/summarizer}"
MODEL="${SUMMARIZER_RECORD_MODEL:-$CACHE/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf}"
PY=.venv/bin/python
START_TIMEOUT=180 # seconds for the server to load the model and answer /v1/models
TEST_TIMEOUT=1800 # seconds for the recorded run

[ -f "$MODEL" ] || {
  echo "record_compatible.sh: no model at $MODEL; run: .venv/bin/summarizer models install $ALIAS" >&2
  exit 2
}
"$PY" -c 'import fastapi, uvicorn, sse_starlette, starlette_context, pydantic_settings, vcr' \
  2>/dev/null || {
  echo "record_compatible.sh: install the server and recording packages (see this script's header)" >&2
  exit 2
}
"$PY" - "$HOST" "$PORT" <<'EOF' || { echo "record_compatible.sh: port $PORT is in use" >&2; exit 2; }
import socket, sys
with socket.socket() as s:
    s.bind((sys.argv[1], int(sys.argv[2])))
EOF

log="$(mktemp)"
server=""
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

"$PY" -m llama_cpp.server --model "$MODEL" --host "$HOST" --port "$PORT" --n_ctx 8192 \
  --model_alias "$ALIAS" >"$log" 2>&1 &
server=$!

ready=0
for _ in $(seq 1 "$START_TIMEOUT"); do
  if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$URL/models" 2>/dev/null; then
    ready=1
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
if [ "$ready" != 1 ]; then
  echo "record_compatible.sh: the server did not answer $URL/models; its log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi

start=$(date +%s)
SUMMARIZER_TEST_SERVER="$URL" timeout "$TEST_TIMEOUT" "$PY" -m pytest \
  tests/test_compatible_backend.py -q -p no:cacheprovider \
  --record-mode=rewrite --allow-hosts="$HOST" || {
  status=$?
  echo "record_compatible.sh: the recording run failed ($status); the server's log:" >&2
  tail -n 30 "$log" >&2
  exit "$status"
}
echo "record_compatible.sh: recorded in $(($(date +%s) - start)) s:" \
  tests/cassettes/test_compatible_backend/*.yaml
