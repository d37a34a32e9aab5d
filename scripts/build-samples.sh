#!/usr/bin/env bash
# The main job: install (Python packages, and Tesseract OCR with its Vietnamese model for
# scanned PDFs: see scripts/setup.sh), then build the public site from the bundled samples.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 2
.venv/bin/minhbach build "$@"
rc=$?
if [ -f site/index.html ]; then
  echo "Trang web: $(pwd)/site/ — xem trước: .venv/bin/minhbach serve rồi mở http://127.0.0.1:8000/"
  echo "Site: $(pwd)/site/ — preview: .venv/bin/minhbach serve, then open http://127.0.0.1:8000/"
fi
exit $rc
