"""Render the MkDocs site and its Pagefind index; serve a built site locally.

render_site runs ``mkdocs build`` with the project's mkdocs.yml into ``out_dir``;
the hooks (minhbach/mkdocs_hooks.py) lay out report pages, copy each report's
original file into ``out_dir/nguon/<source.path>`` and keep the output
byte-identical for the same sources. Then search_index.index_site adds Pagefind.
"""
from __future__ import annotations

import os
import re
from pathlib import Path


NO_SITE_URL = ("CẢNH BÁO chưa đặt MINHBACH_SITE_URL (địa chỉ công khai của trang): sitemap.xml sẽ trống và "
               "liên kết trong bản tin Atom là tương đối — đặt biến này khi dựng bản công khai (README, Triển khai)")


def render_site(project: Path, out_dir: Path) -> None:
    """Build HTML from ``project/content`` into ``out_dir`` and index it for search."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(Path(project) / "mkdocs.yml"), site_dir=str(out_dir))
    if not config.site_url:
        print(NO_SITE_URL, flush=True)
    build(config)
    from . import search as search_index

    # the live site this build replaces: unchanged parts of a partitioned index are copied
    search_index.index_site(Path(out_dir), previous=Path(project) / "site")


# Pagefind's own files are gzip inside (index chunks, fragments, filters, metadata, the
# WebAssembly). Sent with "Content-Encoding: gzip", the browser unpacks them natively
# and Pagefind skips its own JavaScript gunzip (it looks for its "pagefind_dcd"
# signature first): at 20,000 reports the first results of a common query came
# 50-150 ms sooner in median from a cold page (BENCHMARKS.md, Scale). A public server
# should send it too (README, "Serving Pagefind's files").
PAGEFIND_GZIPPED = re.compile(r"/pagefind/.*\.(pf_[a-z]+|pagefind)$")


ORIGINALS_PREFIX = "/nguon/"  # minhbach/mkdocs_hooks.py ORIGINALS_DIR
TEXT_TYPES = {
    ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".yaml": "text/yaml; charset=utf-8", ".yml": "text/yaml; charset=utf-8",
}
ERROR_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Lỗi %(code)d</title></head>
<body><h1>Lỗi %(code)d</h1><p>%(message)s.</p><p><a href="/">Về trang chủ</a></p></body></html>
"""
ERROR_REASONS = {
    400: "Yêu cầu không hợp lệ", 403: "Không được phép xem địa chỉ này",
    404: "Không tìm thấy trang", 405: "Máy chủ xem trước chỉ trả lời yêu cầu xem (GET, HEAD)",
    414: "Địa chỉ quá dài", 500: "Lỗi máy chủ", 501: "Máy chủ xem trước chỉ trả lời yêu cầu xem (GET, HEAD)",
}


def preview_handler_class():
    """SimpleHTTPRequestHandler that sends "Content-Encoding: gzip" with Pagefind's
    gzipped files (PAGEFIND_GZIPPED), and only with a 200 answer (an error page is not
    gzipped)."""
    import html
    import http.server
    from urllib.parse import quote, unquote, urlsplit

    class Handler(http.server.SimpleHTTPRequestHandler):
        status = 0
        gzip_header = True  # False: as a host that sends files as they are
        # Text with its charset (an original .txt opened as mojibake without it).
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TEXT_TYPES}

        def send_response(self, code, message=None):
            self.status = code
            super().send_response(code, message)

        def send_error(self, code, message=None, explain=None):
            """The site's own 404.html for a missing page; other errors in Vietnamese
            (the status line keeps its ASCII reason)."""
            page = Path(self.directory) / "404.html"
            if code == 404 and page.is_file():
                body = page.read_bytes()
            else:
                reason = ERROR_REASONS.get(code) or self.responses.get(code, ("Lỗi",))[0]
                body = (ERROR_PAGE % {"code": code, "message": html.escape(reason)}).encode("utf-8")
            self.log_error("code %d, message %s", code, message)
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)

        def end_headers(self):
            path = unquote(urlsplit(self.path).path)
            if self.gzip_header and self.status == 200 and PAGEFIND_GZIPPED.search(path):
                self.send_header("Content-Encoding", "gzip")
            if self.status == 200 and path.startswith(ORIGINALS_PREFIX):
                # an original keeps its own file name when saved
                self.send_header("Content-Disposition", "inline; filename*=UTF-8''" + quote(path.rsplit("/", 1)[-1]))
            super().end_headers()

    return Handler


def preview_server_class():
    """ThreadingHTTPServer with a listen queue of 128 instead of socketserver's 5: the
    search page opens ~10 connections at once (index chunks, then result texts), and a
    connection refused from a full queue is retried by the browser only after 1 s
    (measured: a 1 s stall on one search in ten)."""
    import http.server

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 128
        daemon_threads = True

    return Server


def serve(project: Path, site_dir: Path, port: int = 8000) -> None:
    """Serve ``site_dir`` on 127.0.0.1 only (a preview, not a public server)."""
    import functools

    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"Chưa có trang web trong {site_dir}: chạy 'minhbach build' trước.")
    handler = functools.partial(preview_handler_class(), directory=str(site_dir))
    with preview_server_class()(("127.0.0.1", port), handler) as httpd:
        print(f"Xem trước tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
        httpd.serve_forever()
