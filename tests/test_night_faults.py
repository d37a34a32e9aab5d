"""Issue 17: a night that cannot go wrong silently. Each fault of the issue's table
(the file-shaped ones are in the bad-input corpus, tests/badcorpus.py), each in a
fresh copy of a built project of the 5 samples: every failure is a problem entry
with its reason, the exit code is honest, the previous site serves throughout, and
the next run recovers to a byte-identical site. Kill tests stop a build at each
stage (conversion, MkDocs, Pagefind, swap).

Cases that need an unprivileged user (unreadable folder, read-only site/) run the
build as root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH (``setpriv
--bounding-set``): the kernel then checks file permissions as for any user. (The
nobody user cannot run this interpreter: it lives under /root, mode 0700.)"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import sitebuild
from conftest import ROOT, SAMPLES
from test_nightly import tree

from minhbach.nightly import children, lock, plan

DROP_CAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def make_project(base: Path) -> Path:
    return sitebuild.samples_project(base)


def minhbach(proj: Path, *args: str, env: dict | None = None, caps: bool = True, timeout: int = 300):
    cmd = [sys.executable, "-m", "minhbach.cli", *args]
    if not caps:
        cmd = DROP_CAPS + cmd
    return subprocess.run(cmd, cwd=proj, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def report(proj: Path) -> dict:
    return json.loads((proj / "build" / "problems.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("faults"))
    res = minhbach(proj, "build")
    assert res.returncode == 0, res.stdout + res.stderr
    return proj


@pytest.fixture
def proj(built, tmp_path):
    """A fresh copy of the built project (its site serving, its caches warm)."""
    copy = tmp_path / "du-an"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def summary(res) -> str:
    return res.stdout.strip().splitlines()[-1]


def arithmetic_holds(proj: Path) -> dict:
    c = report(proj)["counts"]
    assert c["inputs"] == c["published"] + c["not_published"]
    return c


# ---------------------------------------------------------------- scan
def test_path_too_long_is_listed_and_the_build_goes_on(proj):
    fd = os.open(proj / "sources", os.O_RDONLY)
    try:
        for i in range(40):  # 40 × 121 bytes > PATH_MAX (4096)
            name = f"{i:02d}" + "x" * 119
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = new
        leaf = os.open("bao-cao.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, (SAMPLES / sorted(os.listdir(SAMPLES))[0]).read_bytes())
        os.close(leaf)
    finally:
        os.close(fd)
    res = minhbach(proj, "build")
    assert res.returncode == 1, res.stdout + res.stderr
    probs = [p for p in report(proj)["problems"] if not p["published"]]
    assert len(probs) == 1 and "quá dài" in probs[0]["reason"], probs
    assert arithmetic_holds(proj)["published"] == 5


def test_unreadable_folder_is_listed_not_lost(proj):
    folder = proj / "sources" / "khoa"
    folder.mkdir()
    shutil.copy2(next(SAMPLES.glob("*.txt")), folder / "bao-cao.txt")
    folder.chmod(0)
    try:
        res = minhbach(proj, "build", caps=False)
    finally:
        folder.chmod(0o755)
    assert res.returncode == 1, res.stdout + res.stderr
    probs = [p for p in report(proj)["problems"] if p["source"] == "khoa"]
    assert [p["code"] for p in probs] == ["unreadable-folder"], report(proj)["problems"]
    assert "sources/khoa" in res.stderr and "0 lỗi" not in summary(res)
    arithmetic_holds(proj)


def test_fifo_source_and_sidecar_never_hang_the_scan(proj):
    os.mkfifo(proj / "sources" / "ong.txt")
    first = next(SAMPLES.glob("*.txt"))
    os.mkfifo(proj / "sources" / "samples" / (first.stem + ".meta.yaml"))
    res = minhbach(proj, "build", timeout=120)  # used to hang at "Quét sources/" holding the lock
    assert res.returncode == 1, res.stdout + res.stderr
    probs = {p["path"]: p for p in report(proj)["problems"]}
    assert probs["sources/ong.txt"]["code"] == "not-a-file" and "FIFO" in probs["sources/ong.txt"]["reason"]
    side = probs[f"sources/samples/{first.stem}.meta.yaml"]
    assert side["code"] == "sidecar" and side["published"]  # the report is still published
    assert arithmetic_holds(proj)["published"] == 5


# ---------------------------------------------------------------- cache and report
def test_malformed_cache_entry_is_discarded_and_rebuilt(proj):
    entries = sorted((proj / ".minhbach" / "cache" / "pages").rglob("*.json"))
    assert entries
    entries[0].write_text("{}", encoding="utf-8")  # valid JSON, wrong shape
    entries[1].write_text('{"problems": [{"path": 1}]}', encoding="utf-8")
    before = tree(proj / "site")
    res = minhbach(proj, "build", "--force")
    assert res.returncode == 0, res.stdout + res.stderr
    assert tree(proj / "site") == before
    assert json.loads(entries[0].read_text(encoding="utf-8")).get("page")


def test_report_describes_a_run_that_changed_nothing_after_a_refused_one(proj, tmp_path):
    away = tmp_path / "cat-di"
    (proj / "sources").rename(away)
    (proj / "sources").mkdir()
    refused = minhbach(proj, "build")
    assert refused.returncode == 2 and report(proj)["status"].startswith("thất bại")
    (proj / "sources").rmdir()
    away.rename(proj / "sources")
    res = minhbach(proj, "build")
    assert res.returncode == 0 and summary(res).startswith("Không có gì thay đổi"), res.stdout + res.stderr
    data = report(proj)
    assert data["status"].startswith("không có gì thay đổi") and data["counts"]["published"] == 5
    assert "giảm" not in (proj / "build" / "problems.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- exit codes, lock
def test_internal_error_exits_3_with_its_log_and_keeps_the_site(proj, monkeypatch, capsys):
    from minhbach import crosspages, nightly

    before = tree(proj / "site")

    def bug(*a, **k):
        raise KeyError("problems")

    monkeypatch.setattr(crosspages, "generate", bug)
    rc = nightly.build(proj, nightly.Options(project=proj, force=True, quiet=True, tty=False))
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert rc == 3, out
    assert out.startswith("Lỗi nội bộ") and "KeyError" in out and "build/last-error.log" in out
    assert "Traceback" in (proj / "build" / "last-error.log").read_text(encoding="utf-8")
    data = report(proj)
    assert data["status"].startswith("lỗi nội bộ") and any(p["code"] == "internal-error" for p in data["problems"])
    assert tree(proj / "site") == before and not (proj / "site.new").exists()


def test_lock_records_its_owner_and_a_dead_owner_is_taken_over(proj):
    path = proj / ".minhbach" / "build.lock"
    with lock.BuildLock(path, tag="t"):
        record = json.loads(path.read_text())
        assert record["pid"] == os.getpid() and abs(record["started"] - time.time()) < 60
    assert path.read_text() == ""  # a clean end leaves no record
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path.write_text(json.dumps({"pid": int(dead.stdout), "started": time.time() - 3600}))
    res = minhbach(proj, "build")
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"Tiếp quản khóa của lần dựng trước (pid {int(dead.stdout)}" in res.stderr


def test_a_build_running_too_long_is_reported(proj):
    path = proj / ".minhbach" / "build.lock"
    with lock.BuildLock(path):
        path.write_text(json.dumps({"pid": os.getpid(), "started": time.time() - 600}))
        res = minhbach(proj, "build", env={"MINHBACH_MAX_BUILD_MINUTES": "5"})
        calm = minhbach(proj, "build", env={"MINHBACH_MAX_BUILD_MINUTES": "60"})
    assert res.returncode == 2 and "quá 5 phút" in summary(res) and f"kill {os.getpid()}" in summary(res)
    assert [p["code"] for p in report(proj)["problems"]] == ["busy"]  # the later run, not overdue
    assert calm.returncode == 2 and "đang chạy" in summary(calm) and "quá" not in summary(calm)


def _fake_bin(proj: Path, body: str) -> None:
    (proj / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "nightly.sh", proj / "scripts" / "nightly.sh")
    fake = proj / ".venv" / "bin" / "minhbach"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("#!/bin/sh\n" + body + "\n")
    fake.chmod(0o755)


def test_nightly_script_always_prints_a_summary_line(proj):
    _fake_bin(proj, f'exec "{sys.executable}" -m minhbach.cli "$@"')
    res = subprocess.run(["bash", "scripts/nightly.sh"], cwd=proj, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and res.stdout.startswith("Không có gì thay đổi"), res.stdout + res.stderr
    _fake_bin(proj, "kill -9 $$")  # a build that dies without a word
    res = subprocess.run(["bash", "scripts/nightly.sh"], cwd=proj, capture_output=True, text=True, timeout=60)
    assert res.returncode == 3
    assert res.stdout.startswith("Lỗi nội bộ") and "137" in res.stdout and len(res.stdout.splitlines()) == 1


# ---------------------------------------------------------------- publishing
def test_read_only_site_gives_a_clear_error_and_publishes_nothing(proj):
    before = tree(proj / "site")
    dirs = [proj / "site", *[p for p in (proj / "site").rglob("*") if p.is_dir()]]
    for d in dirs:
        d.chmod(0o555)
    try:
        res = minhbach(proj, "build", "--force", caps=False)
    finally:
        for d in dirs:
            d.chmod(0o755)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "chỉ đọc" in summary(res) and "giữ nguyên" in summary(res)
    assert tree(proj / "site") == before
    assert not (proj / "site.new").exists() and not (proj / "site.old").exists()
    again = minhbach(proj, "build")  # writable again: the next night publishes
    assert again.returncode == 0, again.stdout + again.stderr
    assert tree(proj / "site") == before


class Watch:
    """Reads site/index.html every few milliseconds while a build runs: the site must never be missing."""

    def __init__(self, site: Path):
        self.site, self.misses, self.reads = site, 0, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                (self.site / "index.html").read_bytes()
                self.reads += 1
            except OSError:
                self.misses += 1
            time.sleep(0.002)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def procs_in(proj: Path) -> list[int]:
    """Processes working in the project folder (a build, its workers, Pagefind)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.readlink(f"/proc/{name}/cwd") == str(proj):
                    found.append(int(name))
            except OSError:
                pass
    return found


def no_process_left(proj: Path) -> bool:
    deadline = time.monotonic() + 5
    while procs_in(proj) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not procs_in(proj)


def _recovers(proj: Path, before: dict, watch: Watch) -> None:
    res = minhbach(proj, "build", "--force")
    assert res.returncode == 0, res.stdout + res.stderr
    assert tree(proj / "site") == before  # byte-identical to the site before the kill
    assert not (proj / "site.new").exists() and not (proj / "site.old").exists()
    assert no_process_left(proj)
    assert watch.misses == 0 and watch.reads > 10


def test_kill_during_conversion(proj):
    shutil.rmtree(proj / ".minhbach" / "cache" / "pages")  # every conversion runs again
    before = tree(proj / "site")
    with Watch(proj / "site") as watch:
        res = minhbach(proj, "build", "--force", env={children.FAULT_ENV: "convert"})
        assert res.returncode == -signal.SIGKILL
        assert no_process_left(proj)  # the workers died with the build (parent-death signal)
        assert tree(proj / "site") == before
        _recovers(proj, before, watch)


def test_kill_during_mkdocs(proj):
    before = tree(proj / "site")
    with Watch(proj / "site") as watch:
        p = subprocess.Popen([sys.executable, "-m", "minhbach.cli", "build", "--force"], cwd=proj,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and p.poll() is None:
            new = proj / "site.new"
            if new.is_dir() and any(new.iterdir()) and not (new / "pagefind").exists():
                break
            time.sleep(0.01)
        assert p.poll() is None, "the build ended before MkDocs wrote site.new"
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        assert tree(proj / "site") == before
        _recovers(proj, before, watch)


def test_kill_during_pagefind_stops_it_and_cleans_the_staged_copy(proj, tmp_path, request):
    """kill -9 of the build (not its group) while Pagefind runs: Pagefind used to keep running
    and the next build crashed on site.new; the staged copy was never removed."""
    started = tmp_path / "pagefind-started"
    fake = tmp_path / "pagefind-lent"
    fake.write_text(f"#!/bin/sh\ntouch {started}\nexec sleep 300\n")
    fake.chmod(0o755)
    # on the same kind of file system as the default staging (/dev/shm): Pagefind's output
    # depends on the order the file system lists the staged pages in
    shm = Path("/dev/shm")
    staging = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else tmp_path))
    request.addfinalizer(lambda: shutil.rmtree(staging, ignore_errors=True))
    before = tree(proj / "site")
    env = {**os.environ, "PAGEFIND_BINARY_PATH": str(fake), "MINHBACH_STAGING_DIR": str(staging)}
    with Watch(proj / "site") as watch:
        p = subprocess.Popen([sys.executable, "-m", "minhbach.cli", "build", "--force"], cwd=proj, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not started.exists() and p.poll() is None:
            time.sleep(0.01)
        assert started.exists(), "Pagefind never started"
        p.kill()  # the build only: Pagefind is orphaned
        p.wait()
        assert children.leftovers(proj), "Pagefind should still be running now"
        assert [d for d in staging.iterdir() if d.name.startswith("minhbach-")], "no staged copy left to clean"
        assert tree(proj / "site") == before
        res = minhbach(proj, "build", "--force", env={"MINHBACH_STAGING_DIR": str(staging)})
        assert res.returncode == 0, res.stdout + res.stderr
        assert "đã dừng" in res.stderr and "bản sao tạm" in res.stderr
        assert not list(staging.iterdir())
        assert not children.leftovers(proj)
        assert tree(proj / "site") == before
        assert watch.misses == 0


def test_kill_during_swap(proj):
    before = tree(proj / "site")
    with Watch(proj / "site") as watch:
        res = minhbach(proj, "build", "--force", env={children.FAULT_ENV: "swap"})
        assert res.returncode == -signal.SIGKILL
        assert (proj / "site" / "index.html").is_file()
        _recovers(proj, before, watch)


def test_convert_command_skips_fifos_and_loops_and_names_unreadable_folders(tmp_path):
    src = tmp_path / "sources"
    src.mkdir()
    shutil.copy2(next(SAMPLES.glob("*.txt")), src / "a.txt")
    os.mkfifo(src / "ong.txt")
    os.symlink("vong2.txt", src / "vong1.txt")
    os.symlink("vong1.txt", src / "vong2.txt")
    locked = src / "khoa"
    locked.mkdir()
    locked.chmod(0)
    try:
        res = subprocess.run(DROP_CAPS + [sys.executable, "-m", "minhbach.cli", "convert", "sources"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    finally:
        locked.chmod(0o755)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Đã chuyển đổi 1 văn bản" in res.stdout and "không đọc được thư mục" in res.stderr
