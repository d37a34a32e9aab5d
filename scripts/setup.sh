#!/usr/bin/env bash
# Installs everything minhbach needs on a fresh Debian machine, idempotently:
#   Debian packages (only with --test: chromium for the browser tests,
#   tesseract-ocr + Vietnamese model for OCR, fonts for rendering PDF fixtures)
#   and the Python package with its pinned dependencies in .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Cài gói Debian: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

if [ "$want_test" = 1 ]; then
  apt_install chromium tesseract-ocr tesseract-ocr-vie fonts-dejavu-core poppler-utils
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$want_test" = 1 ] && extras="[test]"
.venv/bin/pip install -q --disable-pip-version-check -e ".${extras}"
