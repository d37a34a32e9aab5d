#!/usr/bin/env bash
# Unattended nightly rebuild, for cron or a systemd timer (see README "Nightly rebuild").
#   scripts/nightly.sh [minhbach build options, e.g. --max-mb 40]
# One run at a time (a second one exits 2 at once); the full output goes to
# build/logs/nightly-<date>.log (the last 30 are kept, build/logs/latest.log points
# to the newest); only the closing summary line is printed, so cron mails stay short.
# Exit code is minhbach build's: 0 published, 1 published with problems, 2 nothing
# published (the previous site is still being served).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/logs .minhbach
exec 9>.minhbach/nightly.lock
if ! flock -n 9; then
  echo "Không chạy: một lần dựng đêm khác vẫn đang chạy (.minhbach/nightly.lock)"
  exit 2
fi
bin=.venv/bin/minhbach
[ -x "$bin" ] || bin=minhbach
log="build/logs/nightly-$(date +%Y%m%d-%H%M%S).log"
{
  echo "== $(date -Is) minhbach build $*"
  "$bin" build "$@" 9>&-
  rc=$?
  echo "== $(date -Is) mã thoát $rc"
} >"$log" 2>&1
ln -sfn "$(basename "$log")" build/logs/latest.log
ls -1t build/logs/nightly-*.log 2>/dev/null | tail -n +31 | xargs -r rm -f --
grep -E '^(Đã xuất bản|Không có gì thay đổi|Không xuất bản)' "$log" | tail -n 1
exit "$rc"
