#!/usr/bin/env python3
"""Synthetic Vietnamese provincial reports for the scale benchmark.

Recombines the paragraphs and headings of the five real samples in
sources/samples into N new reports, varying province (63 pre-2025 provinces),
issuing agency, document type, date (2012–2025), title and "Dân vận khéo"
model names. Deterministic: the same --n and --seed give byte-identical files.

Two output shapes:
  --format txt  SOURCE text files shaped like the samples (header block, bold
                title, body, "Nơi nhận", signer), so the whole pipeline
                including the converter runs on them:  <out>/<province>/<year>/<id>.txt
  --format md   Markdown pages with DESIGN.md front matter, written straight
                into a docs dir (<out>/reports/<province>/<slug>.md), for
                measuring the site stages (cross-pages, MkDocs, Pagefind)
                without the converter.

Usage:  python scripts/synth_reports.py --n 2000 --seed 1 --out /tmp/synth [--format txt|md]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sources" / "samples"
PROVINCES_CSV = ROOT / "converters" / "data" / "provinces-2025.csv"

# (agency as printed in the header, ký hiệu code, signer role)
AGENCIES = (
    ("SỞ NỘI VỤ", "SNV", "GIÁM ĐỐC"),
    ("SỞ NGOẠI VỤ", "SNgV", "GIÁM ĐỐC"),
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "GIÁM ĐỐC"),
    ("SỞ TƯ PHÁP", "STP", "GIÁM ĐỐC"),
    ("SỞ TÀI CHÍNH", "STC", "GIÁM ĐỐC"),
    ("SỞ Y TẾ", "SYT", "GIÁM ĐỐC"),
    ("SỞ XÂY DỰNG", "SXD", "GIÁM ĐỐC"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", "GIÁM ĐỐC"),
    ("SỞ CÔNG THƯƠNG", "SCT", "GIÁM ĐỐC"),
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT", "GIÁM ĐỐC"),
    ("VĂN PHÒNG UBND TỈNH", "VP", "CHÁNH VĂN PHÒNG"),
    ("ỦY BAN NHÂN DÂN", "UBND", "CHỦ TỊCH"),
    ("THANH TRA TỈNH", "TTr", "CHÁNH THANH TRA"),
    ("BAN DÂN VẬN TỈNH ỦY", "BDVTU", "TRƯỞNG BAN"),
)
# (type heading, type name, code) — weighted towards reports like the archive.
TYPES = (
    ("BÁO CÁO", "Báo cáo", "BC"),
    ("BÁO CÁO", "Báo cáo", "BC"),
    ("BÁO CÁO", "Báo cáo", "BC"),
    ("BÁO CÁO", "Báo cáo", "BC"),
    ("KẾ HOẠCH", "Kế hoạch", "KH"),
    ("KẾ HOẠCH", "Kế hoạch", "KH"),
    ("CHƯƠNG TRÌNH", "Chương trình", "CTr"),
    ("THÔNG BÁO", "Thông báo", "TB"),
    ("HƯỚNG DẪN", "Hướng dẫn", "HD"),
)
SUBJECTS = (
    "Kết quả thực hiện công tác dân vận chính quyền {period}",
    "Sơ kết thực hiện phong trào thi đua “Dân vận khéo” {period}",
    "Kết quả công tác cải cách hành chính {period}",
    "Thực hiện Chỉ thị số 33/CT-TTg về tăng cường và đổi mới công tác dân vận {period}",
    "Tổng kết công tác dân vận của cơ quan hành chính nhà nước {period}",
    "Kết quả thực hiện Quy chế dân chủ ở cơ sở {period}",
    "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo {period}",
    "Kết quả kiểm soát thủ tục hành chính {period}",
)
PERIODS = ("6 tháng đầu năm {y}", "năm {y}", "quý I năm {y}", "quý III năm {y}",
           "9 tháng năm {y}", "giai đoạn {y0}-{y}")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hoàng")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hùng", "Khoa", "Lan",
         "Long", "Mai", "Nam", "Phong", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh")
MODEL_WORDS = ("Dân vận khéo", "Chung sức xây dựng nông thôn mới", "Phụ nữ giữ gìn an ninh trật tự",
               "Tuyến đường hoa", "Thắp sáng đường quê", "Chi hội không có hộ nghèo",
               "Bữa cơm nghĩa tình", "Cải cách hành chính thân thiện", "Một cửa liên thông hiện đại",
               "Ngày thứ bảy tình nguyện", "Xóa nhà tạm", "Camera an ninh")
SAMPLE_PLACES = ("Kiên Giang", "Hà Nam", "Quảng Trị", "Rạch Giá")
# Documents of central bodies cited everywhere: (type, symbol, date, issuer, subject).
NATIONAL = (
    ("Chỉ thị", "33/CT-TTg", (26, 11, 2021), "Thủ tướng Chính phủ",
     "về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước"),
    ("Nghị quyết", "25-NQ/TW", (3, 6, 2013), "Ban Chấp hành Trung ương Đảng",
     "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới"),
    ("Nghị định", "92/2017/NĐ-CP", (7, 8, 2017), "Chính phủ", "về sửa đổi, bổ sung một số điều của các nghị định"),
    ("Kết luận", "114-KL/TW", (14, 7, 2015), "Ban Bí thư Trung ương Đảng",
     "về nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp"),
)
# Local documents: every province's UBND and Sở Nội vụ number their plans and letters from
# 1 each year, so the same "08/KH-UBND" is a different document in each province and year.
LOCAL = (("Kế hoạch", "KH-UBND", "UBND tỉnh"), ("Công văn", "SNV-XDCQ", "Sở Nội vụ"),
         ("Kế hoạch", "KH-SNV", "Sở Nội vụ"))

_DIGITS = re.compile(r"\d+")
_SYMBOL_AFTER = re.compile(r"\s*[/-]\s*[A-ZĐ]")
_SUP = re.compile(r"<sup>\d+</sup>")


def _provinces() -> list[tuple[str, str]]:
    with PROVINCES_CSV.open(encoding="utf-8") as f:
        return [(r["old_province"], r["new_province"]) for r in csv.DictReader(f)]


def _pool() -> tuple[list[str], list[str]]:
    """Body paragraphs and section headings of the samples (footnotes, header and
    signature lines left out)."""
    paragraphs: list[str] = []
    headings: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(raw.replace("*", " ").split())
            line = line.lstrip("#").strip()
            if not line or line.startswith("<sup>") or line.startswith("-"):
                continue
            if "Nơi nhận" in line or line.startswith("Số") or "ngày" in line and len(line) < 40:
                continue
            line = _SUP.sub("", line)
            if len(line) >= 120:
                paragraphs.append(line)
            elif 12 <= len(line) <= 90 and re.match(r"^([IVX]+\.|\d+\.|[a-đ]\))\s", line):
                headings.append(re.sub(r"^([IVX]+\.|\d+\.|[a-đ]\))\s+", "", line))
    return sorted(set(paragraphs)), sorted(set(headings))


def _vary_digits(text: str, rng: random.Random) -> str:
    """Counts and dates vary; numbers of cited documents ("904/SNV-…", "114-KL/TW")
    mostly stay as the samples print them, so citations are shared across reports
    as in a real archive (about one new cited document per report)."""
    def repl(m: re.Match[str]) -> str:
        n = len(m.group(0))
        if _SYMBOL_AFTER.match(text, m.end()) and rng.random() >= 0.1:
            return m.group(0)
        if n == 4 and m.group(0)[:2] in ("19", "20"):  # a year: keep it plausible
            return str(rng.randint(2010, 2025))
        return str(rng.randrange(10 ** (n - 1) if n > 1 else 0, 10 ** n))
    return _DIGITS.sub(repl, text)


def _localise(text: str, province: str) -> str:
    for place in SAMPLE_PLACES:
        text = text.replace(place, province)
    return text


def _plain(c) -> dict:
    import dataclasses
    return dataclasses.asdict(c)


def _slug(text: str) -> str:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from minhbach.pages import slugify
    return slugify(text)


class Report:
    """One synthetic report: metadata and body, rendered as source text or Markdown."""

    def __init__(self, i: int, rng: random.Random, provinces, paragraphs, headings):
        self.i = i
        self.province, self.province_2025 = rng.choice(provinces)
        self.agency, self.code, self.role = rng.choice(AGENCIES)
        self.type_heading, self.type_name, self.type_code = rng.choice(TYPES)
        self.year = rng.randint(2012, 2025)
        self.month = rng.randint(1, 12)
        self.day = rng.choice([None, rng.randint(1, 28)])  # drafts often leave the day blank
        self.number = rng.choice([None, str(rng.randint(1, 999))])
        period = rng.choice(PERIODS).format(y=self.year, y0=self.year - rng.choice((1, 2, 5)))
        self.title = rng.choice(SUBJECTS).format(period=period)
        self.signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        self.citations, self.truth = self._citations(rng)
        n_sections = rng.randint(3, 6)
        self.sections: list[tuple[str, list[str]]] = []
        for s in range(n_sections):
            head = rng.choice(headings)
            paras = []
            for _ in range(rng.randint(2, 5)):
                p = _vary_digits(_localise(rng.choice(paragraphs), self.province), rng)
                if rng.random() < 0.15:
                    p += f" Mô hình “{rng.choice(MODEL_WORDS)}” tại {self.province} được nhân rộng."
                paras.append(p)
            self.sections.append((head, paras))

    def _citations(self, rng: random.Random) -> tuple[list[str], list[tuple[str, str | None, str | None]]]:
        """Sentences citing documents, and what each cited document is (symbol, province
        or None for a central body, year or None when the sentence gives no date)."""
        sentences, truth = [], []
        kind, code, issuer = rng.choice(LOCAL)
        number = f"{rng.randint(1, 12):02d}/{code}"
        year = self.year - rng.choice((0, 0, 1, 2))
        if rng.random() < 0.15:  # too bare to resolve: no date
            sentences.append(f"Thực hiện {kind} số {number} của {issuer} về công tác dân vận chính quyền.")
            truth.append((number, self.province, None))
        else:
            month = rng.randint(1, 12)
            if self.year == 2025 and self.month >= 7:  # after the provinces' merger: a document of
                year, month = 2025, rng.randint(7, self.month)  # the same province, after it too
            date = f"{rng.randint(1, 28):02d}/{month:02d}/{year}"
            sentences.append(f"Thực hiện {kind} số {number} ngày {date} của {issuer} về công tác dân vận "
                             f"chính quyền năm {year}.")
            truth.append((number, self.province, str(year)))
        kind, symbol, (d, m, y), issuer, subject = rng.choice(NATIONAL)
        sentences.append(f"Căn cứ {kind} số {symbol} ngày {d:02d}/{m:02d}/{y} của {issuer} {subject}.")
        truth.append((symbol, None, str(y)))
        return sentences, truth

    @property
    def symbol(self) -> str:
        return f"{self.type_code}-{self.code}"

    @property
    def issued(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}"

    def source_text(self) -> str:
        roman = ("I", "II", "III", "IV", "V", "VI")
        day = str(self.day) if self.day else "   "
        lines = [
            "",
            f"UBND TỈNH {self.province.upper()}  ",
            f"{self.agency}",
            "",
            f"Số: {self.number or ''}/{self.symbol}",
            "",
            f"{self.province}, ngày {day} tháng {self.month} năm {self.year}",
            "",
            f"**{self.type_heading}**  ",
            f"**{self.title}**",
            "",
        ]
        for sentence in self.citations:
            lines += [sentence, ""]
        for k, (head, paras) in enumerate(self.sections):
            lines += [f"**{roman[k]}. {head}**", ""]
            for p in paras:
                lines += [p, ""]
        lines += ["**Nơi nhận:**", "", "- Sở Nội vụ;", "- UBND tỉnh (b/c);", "- Lưu: VT.", "",
                  f"**{self.role}**", "", "", f"**{self.signer}**", ""]
        return "\n".join(lines)

    def front_matter(self, source_path: str) -> dict:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from converters.extract import citations, cites
        text = cites.rejoin("\n\n".join(self.citations + [p for _, ps in self.sections for p in ps]))
        number = f"{self.number}/{self.symbol}" if self.number else None
        cited = citations.extract(self.title, text, exclude=number, province=self.province, issued=self.issued)
        return {
            "title": self.title, "type": self.type_name,
            "number": f"{self.number}/{self.symbol}" if self.number else None,
            "symbol": self.symbol, "units": [f"{self.agency.title()} tỉnh {self.province}"],
            "province": self.province, "province_2025": self.province_2025,
            "place": self.province, "issued": self.issued, "period": None,
            "signers": [{"role": self.role.capitalize(), "name": self.signer}],
            "recipients": ["Sở Nội vụ", "UBND tỉnh (b/c)", "Lưu: VT"],
            "cites": list(cites.find([self.title, text], exclude=number, joined=True)), "topics": [],
            "source": {"path": source_path,
                       "sha256": hashlib.sha256(self.source_text().encode()).hexdigest(),
                       "format": "txt"},
            "footnotes": [],
            "cited": [_plain(c) for c in cited],
        }

    def markdown(self, source_path: str) -> str:
        import yaml
        body = []
        for sentence in self.citations:
            body += [sentence, ""]
        for k, (head, paras) in enumerate(self.sections):
            body += [f"## {k + 1}. {head}", ""]
            for p in paras:
                body += [p, ""]
        fm = yaml.safe_dump(self.front_matter(source_path), allow_unicode=True, sort_keys=False,
                            width=100000)
        return f"---\n{fm}---\n\n" + "\n".join(body)


def generate(n: int, seed: int, out: Path, fmt: str = "txt") -> list[Path]:
    provinces = _provinces()
    paragraphs, headings = _pool()
    written = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        r = Report(i, rng, provinces, paragraphs, headings)
        prov = _slug(r.province)
        src_rel = f"synth/{prov}/{r.year}/{i:06d}.txt"
        if fmt == "txt":
            path = out / prov / str(r.year) / f"{i:06d}.txt"
            text = r.source_text()
        else:
            digest = hashlib.sha1(src_rel.encode()).hexdigest()[:6]
            slug = _slug(f"{r.year} {r.type_name} {r.title}")[:70].rstrip("-")
            path = out / "reports" / prov / f"{slug}-{digest}.md"
            text = r.markdown(src_rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--format", choices=("txt", "md"), default="txt")
    a = ap.parse_args(argv)
    files = generate(a.n, a.seed, a.out, a.format)
    print(f"{len(files)} {a.format} files under {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
