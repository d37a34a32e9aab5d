import json
import subprocess
import sys

from conftest import ROOT, SAMPLES

MINHBACH = [sys.executable, "-m", "minhbach.cli"]


def run(*args, cwd=ROOT):
    return subprocess.run([*MINHBACH, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_inspect_prints_one_json_object():
    res = run("inspect", SAMPLES / "000_87248a225afa83c7.txt")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["type"] == "Báo cáo"
    assert data["symbol"] == "BC-SNgV"


def test_inspect_empty_file_fails_with_one_line(tmp_path):
    bad = tmp_path / "rong.txt"
    bad.write_bytes(b"")
    res = run("inspect", bad)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]


def test_inspect_binary_file_fails(tmp_path):
    bad = tmp_path / "anh.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    res = run("inspect", bad)
    assert res.returncode != 0
    assert str(bad) in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_convert_carries_on_after_a_bad_file(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes((SAMPLES / "000_87248a225afa83c7.txt").read_bytes())
    (src / "b.txt").write_bytes(b"\xff\xfe\xfa" * 50 + b"\x00")
    out = tmp_path / "out"
    res = run("convert", src, "--out", out)
    assert res.returncode != 0
    assert "b.txt" in res.stderr
    assert len(list(out.rglob("*.md"))) == 1
