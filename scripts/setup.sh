#!/usr/bin/env bash
# Create .venv and install briefing into it. Safe to run again.
#   scripts/setup.sh          the tool, its runtime dependencies and the neural voice
#   scripts/setup.sh --test   the same plus what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages, installed with apt only when missing: Pango and a font for
# PDF output; with --test also Chromium and npm for the accessibility checks.
need=()
libs=$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)
[[ $libs == *libpangoft2-1.0.so.0* ]] || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -n "$(fc-list 2>/dev/null || true)" ] || need+=(fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v npm >/dev/null || need+=(npm)
  # DejaVu Sans: the PDF reader's tests print ligatures with it
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null; then apt=(sudo apt-get)
  else echo "setup: please install these system packages: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || { "${apt[@]}" update -q >/dev/null && "${apt[@]}" install -y -q --no-install-recommends "${need[@]}" >/dev/null; }
fi

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
  # axe-core, pinned in package-lock.json; the tests run it in the system Chromium.
  [ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent
else
  pip install -e ".[neural,web]"  # the natural Piper voice is the default engine; the web app
fi
# The English spaCy pipeline, pinned by hash (spaCy itself came with briefing).
pip install --no-deps --require-hashes -r requirements/language.txt
