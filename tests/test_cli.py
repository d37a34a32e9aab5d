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


def test_inspect_and_convert_honour_the_sidecar_as_build_does(tmp_path):
    """One entry point (converters.convert): a .meta.yaml beside the file fixes the
    metadata for `inspect` and `convert` too, not only for `build`; a bad key is said."""
    src = tmp_path / "src"
    src.mkdir()
    report = src / "bao-cao.txt"
    report.write_bytes((SAMPLES / "000_87248a225afa83c7.txt").read_bytes())
    (src / "bao-cao.meta.yaml").write_text('number: "999/BC-SNgV"\nissued: "2024-05-20"\nkhoa_la: 1\n',
                                           encoding="utf-8")
    res = run("inspect", report)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["number"] == "999/BC-SNgV" and data["issued"] == "2024-05-20"
    assert "khoa_la" in res.stderr and "bao-cao.meta.yaml" in res.stderr
    out = tmp_path / "out"
    res = run("convert", src, "--out", out)
    pages = list(out.rglob("*.md"))
    assert len(pages) == 1
    assert "number: 999/BC-SNgV" in pages[0].read_text(encoding="utf-8")
