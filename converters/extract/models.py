"""Named "Dân vận khéo" models and the model counts a report gives.

A model is a quoted name the text presents as a model or a typical example:

* the words just before the quotes say so ("mô hình “…”", "điển hình “…”"),
  and a list of quotes right after such a cue shares it
  ("các mô hình “A”, “B”, “C” của Công an tỉnh");
* or the quote has no cue of its own, is followed by "của <Unit>" (the unit that
  runs it), and its paragraph speaks of "mô hình" / "điển hình"
  ("“Nhà Đồng đội”, của Đảng uỷ-Bộ CHQS tỉnh").

Quotes whose cue names something else are not models: movements ("phong trào"),
campaigns ("cuộc vận động"), slogans and working styles ("phong cách", "phương
châm", "tinh thần", "lời dạy"), activities ("hoạt động"), the subject of a
document ("về “…”", "việc “…”"). The movement's own name ("Dân vận khéo") and
the well-known slogans are never models, whatever the cue.

Unquoted models are taken only in the narrow form "mô hình <name> của <Unit>"
(a single model named with its unit), to keep false positives low.
"""
from __future__ import annotations

import re

from converters.document import Model
from converters.extract.passage import Passage, passages, squash
from converters.vocab import fold_key

OPEN_QUOTES = "“\"«"
CLOSE_QUOTES = "”\"»"
_QUOTE = re.compile(r"[“\"«]\s*([^“”\"«»]{2,200}?)\s*[”\"»]")

# Cue words right before a quote (folded, lower case). Order does not matter:
# the longest cue ending the lead wins.
POSITIVE_CUES = ("mô hình", "điển hình", "mô hình, điển hình", "các mô hình", "gương điển hình")
NEGATIVE_CUES = (
    "phong trào", "phong trào thi đua", "cuộc vận động", "vận động", "phương châm", "phong cách",
    "phong cách làm việc", "tinh thần", "lời dạy", "khẩu hiệu", "hoạt động", "chủ đề", "chuyên mục",
    "bài báo", "cơ chế", "cuộc thi", "hội thi", "vấn đề", "về", "việc", "với việc", "gắn với việc",
    "ngày hội", "chương trình", "đề án", "kế hoạch", "chỉ thị", "nghị quyết", "kết luận",
    "quy chế", "năm", "chủ trương", "tư tưởng",
)
_CUES = [(fold_key(c), "pos") for c in POSITIVE_CUES] + [(fold_key(c), "neg") for c in NEGATIVE_CUES]
# Never models: the movement itself and the slogans every report repeats.
STOP_NAMES = {
    fold_key(x) for x in (
        "Dân vận khéo", "dân vận", "Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân",
        "nghe dân nói", "nói dân hiểu", "hướng dẫn dân làm", "làm dân tin",
        "nghe dân nói, nói dân hiểu, làm dân tin",
        "Dân biết, dân bàn, dân làm, dân kiểm tra", "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng",
        "Thi đua là yêu nước, yêu nước thì phải thi đua", "một cửa", "một cửa liên thông",
    )
}
# Names that read as document or campaign titles rather than model names.
_TITLE_LIKE = re.compile(fold_key(
    r"^(học tập và làm theo|đẩy mạnh học tập|tăng cường|đổi mới|nâng cao|tiếp tục|xây dựng và thực hiện|"
    r"toàn dân|cả nước|tích cực|đẩy mạnh|thực hiện)\b|tư tưởng, đạo đức, phong cách hồ chí minh"))
_MODEL_WORDS = re.compile(r"\b(mô hình|điển hình)\b", re.IGNORECASE)
# Both model words and every _COUNT end in "hình": a text whose lower case lacks it
# matches neither (no other character matches h, ì or n ignoring case), so the
# regex scans are skipped on most paragraphs.
_MODEL_WORD_TAIL = "hình"
# "của <Unit>": the unit starts with a capital letter and ends before a clause break
# or a word that starts a new phrase.
_UNIT = re.compile(
    r"^\s*,?\s*của\s+((?:[A-ZĐÀ-Ỹ][^\s,;:.()“”\"]*)(?:[ \-/](?!(?:trong|với|tại|đã|được|nhằm|để|góp|đến|từ|là)\b)"
    r"[^\s,;:.()“”\"]+){0,11})")
_UNQUOTED = re.compile(
    r"(?<![\w])mô hình\s+(?![“\"«]|và\b|điển hình|dân vận|này|đó|trên|tại|ở|của|được|có|như)"
    r"([^;:.“”\"()]{6,120}?)\s+của\s+(?=[A-ZĐ])")
_LIST_JOIN = re.compile(r"[\s,;*_]*(và|hoặc)?[\s*_]*")
_PLURAL_BEFORE = re.compile(r"(các|những|nhiều|\d[\d.]*)\s*$", re.IGNORECASE)


_CUE_KIND = {cue: kind for cue, kind in reversed(_CUES)}  # a cue listed twice: the first wins


def _cue(lead: str) -> str | None:
    """'pos', 'neg' or None (no cue) for the text just before a quote: the longest
    cue among the last four words (after the last , ; : ( or ))."""
    seg = lead[max(lead.rfind(c) for c in ",;:()") + 1:]
    words = fold_key(seg).replace("*", "").split()[-4:]
    for k in range(len(words)):  # longest ending first
        kind = _CUE_KIND.get(" ".join(words[k:]))
        if kind is not None:
            return kind
    return None


def _is_name(name: str) -> bool:
    key = fold_key(name.strip("* _"))
    if not key or key in STOP_NAMES or _TITLE_LIKE.search(key):
        return False
    if re.fullmatch(r"[\d\W]+", key):
        return False
    return len(key.split()) <= 16


def _unit_after(text: str) -> str | None:
    m = _UNIT.match(text)
    if not m:
        return None
    return m.group(1).strip(" -/")


def _has_quote(text: str) -> bool:
    """Any opening quote _QUOTE needs ("in" tests are much cheaper than its scan)."""
    return "“" in text or '"' in text or "«" in text


def models_in_sentence(sentence: str, paragraph_has_model_word: bool, anchor: str | None) -> list[Model]:
    found: list[Model] = []
    chain: list[int] = []  # indexes in `found` of the current list of quotes sharing a cue
    chain_cue: str | None = None
    prev_end = 0
    quotes = list(_QUOTE.finditer(sentence)) if _has_quote(sentence) else []
    for i, m in enumerate(quotes):
        lead = sentence[prev_end:m.start()]
        after = sentence[m.end():quotes[i + 1].start() if i + 1 < len(quotes) else len(sentence)]
        continues = i > 0 and _LIST_JOIN.fullmatch(lead) is not None and "và" not in lead[:0]
        cue = chain_cue if continues else _cue(lead)
        if not continues:
            chain = []
            chain_cue = cue
        name = squash(m.group(1).strip("*_ "))
        unit = _unit_after(after)
        take = cue == "pos" or (cue is None and unit is not None and paragraph_has_model_word)
        if take and _is_name(name):
            found.append(Model(name=name, unit=unit, anchor=anchor, sentence=sentence))
            chain.append(len(found) - 1)
            if unit:  # "các mô hình “A”, “B” của X": X runs every model of the list
                for j in chain:
                    if found[j].unit is None:
                        found[j] = Model(found[j].name, unit, anchor, sentence)
        prev_end = m.end()
    # Unquoted "mô hình <name> của <Unit>" (one model, named with its unit).
    for m in _UNQUOTED.finditer(sentence) if "mô hình" in sentence else ():
        if _PLURAL_BEFORE.search(sentence[max(0, m.start() - 40):m.start()]):
            continue
        name = squash(m.group(1))
        unit = _unit_after(sentence[m.end(1):])
        if unit and _is_name(name) and not _MODEL_WORDS.search(name):
            found.append(Model(name=name, unit=unit, anchor=anchor, sentence=sentence))
    return found


# "1.580 mô hình trong khối chính quyền/6.735 mô hình, điển hình toàn tỉnh"
_COUNT = re.compile(
    r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:\.\d{3})+|\d*))\s+(?:mô hình|điển hình)(?:\s*,\s*điển hình)?"
    r"(?:\s+[“\"]?\*?Dân vận khéo\*?[”\"]?)?\s*(?P<scope>[^;:/.()]{0,40})", re.IGNORECASE)
COUNT_SCOPES = (  # (key, phrases) — first match wins; key order is the output order
    ("government", ("khối chính quyền", "cơ quan hành chính", "khối nhà nước")),
    ("province_total", ("toàn tỉnh", "trên địa bàn tỉnh", "toàn thành phố")),
)


def model_counts_in(text: str) -> dict[str, str]:
    counts: dict[str, str] = {}
    for m in _COUNT.finditer(text):
        scope = fold_key(m.group("scope"))
        for key, phrases in COUNT_SCOPES:
            if any(scope.startswith(fold_key(p)) or scope.startswith(fold_key("trong " + p))
                   or scope.startswith(fold_key("ở " + p)) for p in phrases):
                counts.setdefault(key, m.group(1))
                break
    return counts


def extract(paragraphs, footnotes=(), note_anchors=()) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """paragraphs: ((anchor, plain text), …); footnotes: plain texts, anchored by
    ``note_anchors`` (their ids on the page) when given, else None."""
    return extract_passages(passages(paragraphs, footnotes, note_anchors))


def extract_passages(items: list[Passage]) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """``extract`` on the cleaned passages of a body (``plaintext.passages``)."""
    found: list[Model] = []
    counts: dict[str, str] = {}
    seen: set[str] = set()
    for item in items:
        text = item.text
        # (only "ì" and "Ì" lower-case to "ì": without them the lower case is not needed)
        has_tail = ("ì" in text or "Ì" in text) and _MODEL_WORD_TAIL in text.lower()
        has_word = has_tail and _MODEL_WORDS.search(text) is not None
        if not has_word and "“" not in text and '"' not in text:
            continue
        for key, value in (model_counts_in(text) if has_tail else {}).items():
            counts.setdefault(key, value)
        for sentence in item.sentences:
            for model in models_in_sentence(sentence, has_word, item.anchor):
                key = fold_key(model.name)
                if key not in seen:
                    seen.add(key)
                    found.append(model)
    ordered = tuple((k, counts[k]) for k, _ in COUNT_SCOPES if k in counts)
    return tuple(found), ordered
