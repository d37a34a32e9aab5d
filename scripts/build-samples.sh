#!/usr/bin/env bash
# The main job: install, then build the public site from the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/minhbach build "$@"
