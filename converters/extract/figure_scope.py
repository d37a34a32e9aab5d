"""Who a figure is about: the province, the reporting body, a named agency, a commune.

The subject is the nearest mention before the figure: in its sentence, else earlier in its
paragraph, else the subject a paragraph before it named in the same section (a list under
"Năm 2022: Ban tiếp công dân …" keeps it), else the reporting body itself — or the province
when the report is the province's (a provincial People's Committee, Party committee or its
boards). Mentions:

* "toàn tỉnh", "trên địa bàn tỉnh", "UBND tỉnh", "các sở, ngành", "các ngành" … → province;
* "xã X", "phường X", "thị trấn X" → commune (agency = "xã X");
* "Sở X", "Ban Tiếp công dân tỉnh", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "UBND huyện X" …
  → that agency, or the reporting body when it is one of the report's units;
* a bare "Sở", "Văn phòng", "cơ quan", "đơn vị" → the reporting body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from converters.vocab import fold_key

UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_UP = rf"[{UPPER}][^\s,;:.()]*"
_NAME = rf"{_UP}(?:\s+(?:và\s+)?{_UP})*"
# "Sở Nông nghiệp và Môi trường", "Sở Ngoại vụ": capitalised words each with at most one
# lower-case word after it (a third would be the verb: "Sở Ngoại vụ đã …")
_LOW = rf"[^\W\d{UPPER}][^\s,;:.()]*"
_DEPT = rf"{_UP}(?:\s+{_LOW})?(?:\s+và\s+{_UP}(?:\s+{_LOW})?)?"
_MENTION = re.compile(
    r"(?P<province>(?i:toàn tỉnh|trên địa bàn tỉnh)|(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh"
    r"|các sở,? ngành|[Cc]ác ngành|các cấp|[Tt]ỉnh đã)"
    rf"|(?P<commune>\b(?:xã|phường|thị trấn)\s+{_NAME})"
    rf"|(?P<agency>\b(?:Sở\s+{_DEPT}|Ban\s+[Tt]iếp công dân(?:\s+tỉnh|\s+huyện)?|Thanh tra\s+(?:tỉnh|huyện|Sở)"
    rf"|Văn phòng\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh|Trung tâm Phục vụ hành chính công(?:\s+tỉnh)?"
    rf"|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:huyện|thị xã|thành phố|quận)\s+{_NAME}))"
    rf"|(?P<self>\b(?:Sở|Văn phòng)\b(?!\s+[{UPPER}]))"
)
_PROVINCIAL = re.compile(
    r"^(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|ban cán sự đảng (?:ủy ban nhân dân|ubnd)) tỉnh"
    r"|^tỉnh ủy|^ban (?:dân vận|tuyên giáo|tổ chức) tỉnh ủy|^ban thường vụ tỉnh ủy")


@lru_cache(maxsize=4096)
def _tone(text: str) -> str:
    return fold_key(text).replace("uỷ", "ủy")


@dataclass
class Context:
    """The reporting bodies, and the sentences a figure's subject may be carried from: those
    of its paragraph so far, and the paragraphs before it in its section (read lazily: most
    sentences hold no figure)."""

    units: tuple[str, ...]
    sentences: list = field(default_factory=list)  # of the current paragraph
    section: list = field(default_factory=list)  # earlier paragraphs of the section, as sentence lists
    _default: tuple[str, str | None] | None = field(default=None, init=False)
    _memo: dict = field(default_factory=dict, init=False)

    def default(self) -> tuple[str, str | None]:
        if self._default is None:
            if not self.units or any(_PROVINCIAL.search(_tone(u)) for u in self.units):
                self._default = ("province", None)
            else:
                self._default = ("reporter", self.units[0])
        return self._default

    def paragraph(self, text: str, heading: bool, note: bool) -> None:
        """A new paragraph: a heading or a footnote ends the section's subject."""
        if heading or note:
            self.section = []
        elif self.sentences:
            self.section.append(self.sentences)
        self.sentences = []

    def sentence_done(self, sentence: str) -> None:
        self.sentences.append(sentence)

    def _last_in(self, sentences: list) -> tuple[str, str | None] | None:
        for sentence in reversed(sentences):
            if sentence not in self._memo:
                self._memo[sentence] = _last_mention(sentence, len(sentence), self)
            if self._memo[sentence] is not None:
                return self._memo[sentence]
        return None

    def carried(self) -> tuple[str, str | None] | None:
        """The subject of the paragraph so far, else of the nearest paragraph before in the section."""
        found = self._last_in(self.sentences)
        for sentences in reversed(self.section):
            if found is not None:
                break
            found = self._last_in(sentences)
        return found

    def resolve(self, kind: str, name: str) -> tuple[str, str | None] | None:
        if kind == "province":
            return "province", None
        if kind == "self":  # "Sở", "Văn phòng" alone: the reporting body when it is one
            for u in self.units:
                if _tone(u).startswith(_tone(name)):
                    return "reporter", u
            return None
        if kind == "commune":
            return "commune", name
        key = _tone(name)
        for u in self.units:
            if key in _tone(u) or _tone(u) in key:
                return "reporter", u
        return "agency", name


def _resolved(m: re.Match, ctx: Context) -> tuple[str, str | None] | None:
    kind = m.lastgroup
    return ctx.resolve(kind, re.sub(r"\s+", " ", m.group(kind)).strip())


def _last_mention(sentence: str, pos: int, ctx: Context) -> tuple[str, str | None] | None:
    last = None
    for m in _MENTION.finditer(sentence, 0, pos):
        got = _resolved(m, ctx)
        last = got or last
    return last


_OF = re.compile(r"\b(?:của|tại)\s+")


def scope_at(sentence: str, pos: int, ctx: Context, end: int | None = None, right: int | None = None,
             ) -> tuple[str, str | None]:
    """(scope, agency) of a figure at ``pos`` of ``sentence``; with no mention before it, an
    agency the clause after it names with "của"/"tại" ("100% TTHC … của Sở X")."""
    found = _last_mention(sentence, pos, ctx)
    if found is None and end is not None:
        of = _OF.search(sentence, end, right if right is not None else len(sentence))
        if of and len(sentence[end:of.start()].split()) <= 12:
            m = _MENTION.match(sentence, of.end())
            found = _resolved(m, ctx) if m else None
    return found or ctx.carried() or ctx.default()
