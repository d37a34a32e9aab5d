"""The about page's values that depend on the deployment (content/gioi-thieu.md, front
matter ``about_page: true``; replaced by minhbach/mkdocs_hooks.py on_page_markdown)."""
from __future__ import annotations


def about_values(markdown: str, config) -> str:
    """The about page's ``[[van-hanh]]``, ``[[lien-he]]``, ``[[dung-lai]]``: who runs the
    site, where to report an error, how often it is rebuilt, from mkdocs.yml ``extra``
    (MINHBACH_OPERATOR, MINHBACH_CONTACT, MINHBACH_REBUILD; README, Deployment)."""
    from .crosspages.base import esc

    extra = config.extra or {}
    operator, contact = str(extra.get("operator") or "").strip(), str(extra.get("contact") or "").strip()
    rebuild = str(extra.get("rebuild") or "").strip() or "mỗi đêm"
    if "://" in contact:
        where = f"<{contact}>"
    elif "@" in contact:
        where = f"[{esc(contact)}](mailto:{contact})"
    else:
        where = esc(contact)
    if operator:
        who = f"Trang do **{esc(operator)}** vận hành" + (f"; liên hệ: {where}." if contact else ".")
    else:
        who = ("Trang được dựng bằng phần mềm mã nguồn mở *minhbach* từ các báo cáo mà đơn vị vận hành "
               "nhận được; đơn vị vận hành chưa ghi tên mình ở đây" + (f"; liên hệ: {where}." if contact else "."))
    report = f"gửi tới {where}" if contact else "báo cho đơn vị vận hành"
    return (markdown.replace("[[van-hanh]]", who).replace("[[lien-he]]", report)
            .replace("[[dung-lai]]", esc(rebuild)))
