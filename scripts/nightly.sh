#!/usr/bin/env bash
# Unattended nightly rebuild, for cron or a systemd timer (see README "Nightly rebuild").
#   scripts/nightly.sh [minhbach build options, e.g. --max-mb 40]
# The full output goes to build/logs/nightly-<date>.log (the last 30 are kept,
# build/logs/latest.log points to the newest); one summary line is always printed,
# so cron mails stay short and a crash is never silent.
# Exit code is minhbach build's: 0 published, 1 published with problems (both are
# success), 2 nothing published (the previous site is still served: another build
# running, refused or failed), 3 internal error or the build was killed.
# One build at a time is minhbach build's own lock (.minhbach/build.lock): it says
# when a previous build died and when one is still running after
# MINHBACH_MAX_BUILD_MINUTES.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/logs
bin=.venv/bin/minhbach
[ -x "$bin" ] || bin=minhbach
log="build/logs/nightly-$(date +%Y%m%d-%H%M%S).log"
{
  echo "== $(date -Is) minhbach build $*"
  # its own session: whatever it starts (Pagefind, OCR) is stopped with it below,
  # even if the build itself was killed
  setsid --wait "$bin" build "$@" &
  pid=$!
  wait "$pid"
  rc=$?
  kill -KILL -- "-$pid" 2>/dev/null
  echo "== $(date -Is) mã thoát $rc"
} >"$log" 2>&1
ln -sfn "$(basename "$log")" build/logs/latest.log
ls -1t build/logs/nightly-*.log 2>/dev/null | tail -n +31 | xargs -r rm -f --
summary=$(grep -E '^(Đã xuất bản|Không có gì thay đổi|Không xuất bản|Lỗi nội bộ)' "$log" | tail -n 1)
if [ -z "$summary" ]; then
  summary="Lỗi nội bộ: minhbach build dừng mà không có dòng tổng kết (mã thoát $rc); trang cũ vẫn được giữ nguyên — xem $log"
  [ "$rc" -eq 2 ] || rc=3  # 2 without a summary: the options were refused (see the log)
fi
echo "$summary"
if [ "$rc" -gt 3 ]; then rc=3; fi  # killed by a signal (128 + n)
exit "$rc"
