#!/usr/bin/env bash
# The benchmark's peer row: google/langextract on the same GGUF model, through llama-cpp-python's
# OpenAI-compatible server on 127.0.0.1. langextract is installed in its own environment
# (bench/.peer-venv, never a dependency of the tool); the server extras go into .venv.
#   usage: scripts/bench_peer.sh [--split test] [--limit N]     (writes bench/peer_results.json)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PEER_PORT:-8765}"
GGUF="$(.venv/bin/python -c 'from summarizer.llm.models import LOCAL_MODELS, installed_path; from summarizer.settings import Settings; print(installed_path(LOCAL_MODELS["qwen2.5-coder-1.5b"], Settings.resolve().cache_dir))')"
[ -f "$GGUF" ] || { echo "bench_peer.sh: model not installed: .venv/bin/summarizer models install qwen2.5-coder-1.5b" >&2; exit 2; }
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[server]"
[ -x bench/.peer-venv/bin/python ] || python3 -m venv bench/.peer-venv
bench/.peer-venv/bin/python -m pip install --quiet "langextract[openai]==1.7.1"
.venv/bin/python -m llama_cpp.server --model "$GGUF" --host 127.0.0.1 --port "$PORT" \
  --n_ctx 8192 --n_threads "${SUMMARIZER_THREADS:-$(nproc)}" >bench/.peer-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null && break
  sleep 1
done
bench/.peer-venv/bin/python bench/peer.py --base-url "http://127.0.0.1:$PORT/v1" \
  --articles evals/corpus/articles --gold evals/corpus/gold \
  --manifest evals/corpus/manifest.json "$@"
