#!/usr/bin/env bash
# Installs everything minhbach needs on a fresh Debian machine, idempotently:
#   Debian packages: tesseract-ocr + its Vietnamese model (scanned PDFs are read by OCR;
#   always), and with --test chromium for the browser tests, fonts for rendering PDF
#   fixtures, poppler-utils; then the Python package with its pinned dependencies in .venv/.
#   Without root, sudo or network the OCR packages are skipped with a message (scans are
#   then listed in the problem report as needing OCR; everything else still builds).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

missing_pkgs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]}"
}

apt_install() {
  local missing
  missing=$(missing_pkgs "$@")
  [ -z "$missing" ] && return 0
  echo "Cài gói Debian: $missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

# OCR for scanned PDFs: wanted in every install, but never fatal
ocr_pkgs=(tesseract-ocr tesseract-ocr-vie)
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  command -v tesseract >/dev/null 2>&1 || echo "Cảnh báo: máy không dùng apt (không phải Debian/Ubuntu); hãy tự cài tesseract-ocr và gói tiếng Việt (vie) để đọc được PDF bản quét" >&2
elif [ -n "$(missing_pkgs "${ocr_pkgs[@]}")" ]; then
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "Cảnh báo: không có quyền root/sudo để cài tesseract-ocr và tesseract-ocr-vie; PDF bản quét sẽ được liệt kê là cần OCR. Nhờ quản trị máy chạy: sudo apt-get install tesseract-ocr tesseract-ocr-vie" >&2
  elif ! apt_install "${ocr_pkgs[@]}"; then
    echo "Cảnh báo: không cài được tesseract-ocr và tesseract-ocr-vie (mạng hoặc kho gói không truy cập được); PDF bản quét sẽ được liệt kê là cần OCR. Chạy lại scripts/setup.sh khi có mạng" >&2
  fi
fi

if [ "$want_test" = 1 ]; then
  apt_install chromium fonts-dejavu-core poppler-utils
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$want_test" = 1 ] && extras="[test]"
.venv/bin/pip install -q --disable-pip-version-check -e ".${extras}"

# Pagefind 1.6.0: PyPI's pagefind[bin] stops at 1.5.2, whose query scoring loops over
# every result (a common query of 20,000 reports did not finish in 120 s; 1.6.0: 3.7 s,
# see BENCHMARKS.md "Scale"). Its binary ships in the npm registry package
# @pagefind/linux-x64; checked against the sha256 below, installed into the venv, and
# used by minhbach/search/pagefind.py. Elsewhere (other CPU, no npm) the 1.5.2 binary
# from PyPI stays in use, with a warning.
# npm_file PACKAGE@VERSION FILE SHA256 DEST MODE WARNING: one file of an npm registry
# package, checked against its sha256, installed at DEST with MODE; WARNING (Vietnamese)
# says what happens instead when it cannot be.
npm_file() {
  local spec=$1 file=$2 sha=$3 dest=$4 mode=$5 warning=$6 tmp
  if ! command -v npm >/dev/null 2>&1; then
    echo "Cảnh báo: không có npm; $warning" >&2
    return 0
  fi
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent "$spec" >/dev/null) \
      && tar -xzf "$tmp"/*.tgz -C "$tmp" "package/$file" \
      && echo "$sha  $tmp/package/$file" | sha256sum -c --quiet -; then
    install -D -m "$mode" "$tmp/package/$file" "$dest"
  else
    echo "Cảnh báo: không cài được $spec; $warning" >&2
  fi
  rm -rf "$tmp"
}

PF_VERSION=1.6.0
PF_SHA256=ac6240c0481cd82eaaed2dbac84037259de686c924d50954f6d0dfbf82f6cfcc
PF_DIR=.venv/lib/pagefind-$PF_VERSION
if [ ! -x "$PF_DIR/pagefind_extended" ]; then
  if [ "$(uname -m)" = x86_64 ]; then
    npm_file "@pagefind/linux-x64@$PF_VERSION" bin/pagefind_extended "$PF_SHA256" "$PF_DIR/pagefind_extended" 0755 \
      "dùng Pagefind của PyPI (tìm kiếm chậm hơn)"
  else
    echo "Cảnh báo: không phải x86_64; dùng Pagefind của PyPI (tìm kiếm chậm hơn)" >&2
  fi
fi

# axe-core (accessibility checks of the browser tests, tests/test_visit.py): the npm package,
# pinned, in .venv/lib/axe-core-<version>/ (inside the git-ignored venv). Test-only.
AXE_VERSION=4.11.0
AXE_SHA256=e9e5863c33a874f09bc01acd9234b7e3c871479f5eef8802fa582544465e6d01
AXE_DIR=.venv/lib/axe-core-$AXE_VERSION
if [ "$want_test" = 1 ] && [ ! -f "$AXE_DIR/axe.min.js" ]; then
  npm_file "axe-core@$AXE_VERSION" axe.min.js "$AXE_SHA256" "$AXE_DIR/axe.min.js" 0644 "bỏ qua kiểm tra trợ năng"
fi
