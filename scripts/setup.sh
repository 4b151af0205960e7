#!/usr/bin/env bash
# Create .venv and install briefing into it. Safe to run again.
#   scripts/setup.sh          the tool and its runtime dependencies
#   scripts/setup.sh --test   the same plus what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip() { .venv/bin/python -m pip --disable-pip-version-check -q "$@"; }

# torch first and pinned: an unpinned torch requirement resolves to the
# newest build, which on Linux brings several GB of CUDA libraries.
# Override with TORCH_SPEC, e.g. TORCH_SPEC="torch==2.13.0" or a local wheel.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  pip install "${TORCH_SPEC:-torch==2.13.0}"
fi

if [ "${1:-}" = "--test" ]; then
  pip install -e ".[test]"
else
  pip install -e .
fi
