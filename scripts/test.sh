#!/usr/bin/env bash
# The test command (README and .ci/run): install everything, run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
