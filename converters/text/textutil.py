"""Small text predicates shared by the body modules (joining wrapped lines, sentence ends)."""
from __future__ import annotations

import re

from converters.text.vietnamese import is_vietnamese_word, strip_tones  # noqa: F401

_SUP_END = re.compile(r"(<sup>\s*\d{1,3}\s*</sup>\s*)+$", re.IGNORECASE)
_CLOSERS = "*_”\"’')]»"
_STRONG_END = ".!?…"
_WEAK_END = ";:"
_SPLIT_END = re.compile(r"\w[-/]$")
_WHOLE_BOLD = re.compile(r"^\*\*\*?(?!\s)(.+?)(?<!\s)\*?\*\*$", re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")

# a body unit that is a pipe table starts with this (a character no cleaned input line holds)
TABLE = "\x00"

def is_table(text: str) -> bool:
    """Is this body unit a pipe table (``converters.tables``)?"""
    return text.startswith(TABLE)


def core(text: str) -> str:
    """Text without leading heading hashes and emphasis markers."""
    return text.lstrip("#").strip().lstrip("*_").strip()


def first_letter(text: str) -> str:
    m = _LETTER.search(text[:12])
    return m.group(0) if m else ""


def starts_upper(text: str) -> bool:
    s = text.lstrip().lstrip("*_“\"'(«[")
    return bool(s) and (s[0].isupper() or s[0].isdigit())


def starts_lower(text: str) -> bool:
    s = text.lstrip().lstrip("*_“\"'(«[")
    return bool(s) and s[0].islower()


def _tail(text: str) -> str:
    s = text.rstrip()
    if s.endswith(">"):
        s = _SUP_END.sub("", s[-200:])
    return s.rstrip(_CLOSERS + " ")


SENTENCE_ENDS = frozenset(_STRONG_END)  # end_mark values of ends_sentence
CLAUSE_ENDS = frozenset(_WEAK_END)  # end_mark values of ends_clause
ENDS = SENTENCE_ENDS | CLAUSE_ENDS


def end_mark(text: str) -> str:
    """The last character that decides ends_sentence / ends_clause ("" for none)."""
    return _tail(text)[-1:]


def ends_sentence(text: str) -> bool:
    """Ends with . ! ? … (closing quotes, emphasis and footnote marks ignored)."""
    t = _tail(text)
    return bool(t) and t[-1] in _STRONG_END


def ends_clause(text: str) -> bool:
    """Ends with ; or :."""
    t = _tail(text)
    return bool(t) and t[-1] in _WEAK_END


def join(a: str, b: str) -> str:
    """Rejoin two pieces of one paragraph; "19-" + "CT/TU" → "19-CT/TU"."""
    a = a.rstrip()
    b = b.lstrip()
    if _SPLIT_END.search(a[-2:]) and b[:1].isalnum():  # the last two characters decide
        return a + b
    return f"{a} {b}" if a else b


def whole_bold(text: str) -> str | None:
    """Inner text when the whole of ``text`` is one bold (or bold italic) run."""
    s = text.strip()
    if not (s.startswith("**") and s.endswith("**")):  # the pattern's anchors, without the regex
        return None
    m = _WHOLE_BOLD.match(s)
    if not m or "**" in m.group(1):
        return None
    return m.group(1).strip("*").strip()


def is_caps(text: str) -> bool:
    """All letters capital (a heading line in capitals), at least two words."""
    s = core(text)
    if len(s) > 300:
        return False
    letters = 0
    for c in s:
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 4 and " " in s.strip()


def page_broken(a: str, b: str, across_notes: bool = False) -> bool:
    """Is ``b`` the rest of paragraph ``a``, cut by a page break?

    ``a`` must not end a sentence or clause and ``b`` must not open a heading or
    item. Without footnotes in between, ``b`` must also start in lower case;
    footnote definitions between them are evidence of the page break by
    themselves ("… và Nghị quyết" / notes / "Đại hội X …").
    """
    from converters.layout import outline

    # the cheap tests that settle most pairs first (every test is a pure predicate,
    # so the order does not change the answer)
    if end_mark(a) in ENDS:  # ends_sentence(a) or ends_clause(a)
        return False
    lower = starts_lower(b)
    if not lower and not across_notes:
        return False
    if not a.strip() or not b.strip() or is_table(a) or is_table(b):
        return False
    if a.lstrip().startswith("#") or whole_bold(a) or is_caps(a):
        return False
    if b.lstrip().startswith("#") or whole_bold(b) or outline.starts_block(core(b)):
        return False
    if lower:
        return True
    return across_notes and not is_caps(b)


def is_gibberish(token: str) -> bool:
    """A short token that is no Vietnamese word, acronym or number ("rgul")."""
    t = token.strip()
    if not t or len(t) > 15 or any(c.isdigit() for c in t):
        return False
    if not all(c.isalpha() or c in " -" for c in t):
        return False
    if t.isupper():  # an acronym (UBND, CCVC)
        return False
    return not is_vietnamese_word(t)
