"""Report text stays text: on report pages raw HTML and attribute lists (other than the
paragraph anchors ``{: #p-N }``) are turned off (a Markdown extension and a pre-pass).
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor




# ------------------------------------------------------- report text stays text

class _Guard:
    """True while the page being rendered is a report page."""

    active = False


class _GuardedHtmlBlock(Preprocessor):
    def __init__(self, md, inner):
        super().__init__(md)
        self.inner = inner

    def run(self, lines):
        return lines if _Guard.active else self.inner.run(lines)


class _GuardedInlineHtml(InlineProcessor):
    def __init__(self, inner):
        super().__init__(inner.pattern)
        self.inner = inner
        self.md = inner.md

    def handleMatch(self, m, data):  # noqa: N802 (Markdown API)
        if _Guard.active:
            return None, None, None
        return self.inner.handleMatch(m, data)


class ReportTextExtension(Extension):
    """Raw HTML is not HTML on report pages (it is escaped like any text)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown API)
        block = md.preprocessors["html_block"]
        md.preprocessors.register(_GuardedHtmlBlock(md, block), "html_block", 20)
        inline = md.inlinePatterns["html"]
        md.inlinePatterns.register(_GuardedInlineHtml(inline), "html", 90)


# attr_list syntax anywhere: "{: ...}" or "{#...}" / "{.x}" / "{k=v}"
_ATTR_RE = re.compile(r"(?<!\\)\{(:?[ ]*[^}\n]*)\}")
_PARA_ANCHOR_RE = re.compile(r"^:[ ]*#p-\d+[ ]*$")


def _neutralise_attr_lists(markdown: str) -> str:
    """Keep ``{: #p-N }``; any other attribute list in report text becomes text."""

    def repl(m: re.Match) -> str:
        inner = m.group(1)
        if _PARA_ANCHOR_RE.match(inner):
            return m.group(0)
        return "\\{" + inner + "\\}"

    return _ATTR_RE.sub(repl, markdown)
