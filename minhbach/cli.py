"""The ``minhbach`` command line (contract in DESIGN.md). Messages are Vietnamese."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import converters
from converters import errors
from converters.frontmatter import front_matter, to_markdown

from . import pages
from .cli_sources import iter_sources


def cmd_inspect(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        result = converters.convert(path, path.parent)
    except errors.ConversionError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"{note.path or path}: {note.reason}", file=sys.stderr)
    doc = result.document
    print(json.dumps(front_matter(doc), ensure_ascii=False, indent=2))
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    sources = [Path(s) for s in (args.sources or ["sources"])]
    out = Path(args.out)
    failures: list[str] = []
    written = 0
    for path, root in iter_sources(sources):
        try:
            result = converters.convert(path, root)
        except errors.ConversionError as exc:
            failures.append(str(exc))
            print(f"LỖI {exc}", file=sys.stderr)
            continue
        for note in result.notes:
            print(f"CẢNH BÁO {note.path or path}: {note.reason}", file=sys.stderr)
        doc = result.document
        target = out / pages.page_path(doc)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(doc), encoding="utf-8")
        written += 1
    print(f"Đã chuyển đổi {written} văn bản vào {out}/, {len(failures)} lỗi.")
    for line in failures:
        print(f"  - {line}", file=sys.stderr)
    return 1 if failures else 0


def _pipeline_options(args: argparse.Namespace):
    from . import pipeline

    return pipeline.Options(project=Path.cwd(), max_bytes=pipeline.max_bytes_from(args.max_mb),
                            force=getattr(args, "force", False), quiet=args.quiet,
                            allow_shrink=getattr(args, "allow_shrink", False))


def cmd_build(args: argparse.Namespace) -> int:
    from . import pipeline

    return pipeline.build(Path.cwd(), _pipeline_options(args))


def cmd_check(args: argparse.Namespace) -> int:
    from . import pipeline

    return pipeline.check(Path.cwd(), _pipeline_options(args), as_json=args.json)


def cmd_serve(args: argparse.Namespace) -> int:
    from . import site

    site.serve(Path.cwd(), Path.cwd() / "site", args.port)
    return 0


def _pipeline_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true", help="chỉ in vấn đề và dòng tổng kết")
    p.add_argument("--max-mb", type=float, default=None,
                   help="kích thước tối đa của một tệp nguồn, MB (mặc định 20, hoặc biến MINHBACH_MAX_MB)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minhbach", description="Báo cáo của tỉnh → trang web tra cứu công khai")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("inspect", help="in siêu dữ liệu của một văn bản dưới dạng JSON")
    p.add_argument("file")
    p.set_defaults(func=cmd_inspect)
    p = sub.add_parser("convert", help="chuyển đổi tệp nguồn thành Markdown")
    p.add_argument("sources", nargs="*", help="tệp hoặc thư mục (mặc định: sources/)")
    p.add_argument("--out", default="content", help="thư mục đích (mặc định: content/)")
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("build", help="dựng toàn bộ trang web vào site/ (mã thoát: 0 xong, 1 xong nhưng có lỗi,"
                                     " 2 không xuất bản)")
    p.add_argument("--force", action="store_true", help="dựng lại kể cả khi không có gì thay đổi")
    p.add_argument("--allow-shrink", action="store_true",
                   help="cho phép xuất bản dù số báo cáo giảm quá một nửa")
    _pipeline_arguments(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("check", help="kiểm tra sources/ và in mọi vấn đề, không dựng trang (mã thoát 0/1)")
    p.add_argument("--json", action="store_true", help="in danh sách vấn đề dưới dạng JSON")
    _pipeline_arguments(p)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("serve", help="xem trước site/ tại http://127.0.0.1:8000/")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
