"""Documents cited in a report, as structured citations: what the sentence says about
each one — type, number, date, issuer and its level, the province it belongs to, the
subject as cited ("về tiếp tục tăng cường …") and how the report relates to it
("căn cứ", "thực hiện", or a plain "dẫn chiếu").

The identity of a cited document is issuer + number + year (minhbach/crosspages/
documents.py builds its pages from it). Nothing is guessed:
- the year comes from the date as cited ("ngày 18/01/2022") or from a normative
  symbol ("92/2017/NĐ-CP"), else it is null;
- the level comes from the issuer as cited ("của UBND tỉnh", "của Thủ tướng Chính
  phủ") or from the issuer code of the symbol (CT-TTg, -NQ/TW: central; KH-UBND,
  -CT/TU: provincial; vocabulary.yaml `central_codes`, `agencies`, `cited_codes`);
  when the two disagree, or neither is known, it is null;
- a local document belongs to the province its issuer names ("Tỉnh ủy Kiên Giang"),
  else to the citing report's province (a report issued after the 2025 merger that
  cites an older document of a merged province: null, the old province is not known).
A citation whose year or province stays null is "too bare to resolve": the site lists
it on the page of its number, never merged with a resolved document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from converters import vocab
from converters.document import Cited
from converters.extract import cites as cites_mod
from converters.extract import dates

CENTRAL, PROVINCE, DISTRICT = "trung-uong", "tinh", "huyen-xa"
BASED_ON, IMPLEMENTS, MENTIONS = "căn cứ", "thực hiện", "dẫn chiếu"
_STRENGTH = {BASED_ON: 2, IMPLEMENTS: 1, MENTIONS: 0}
MERGER = "2025-07-01"  # provinces hand over to their 2025 successor (NQ 202/2025/QH15)
SUBJECT_CHARS = 200

_I = re.IGNORECASE
# ", ngày 18/01/2022", "ngày 11-10-2016", "ngày 19 tháng 3 năm 2024" right after the symbol
_DATE = re.compile(
    r"[ \t]*,?[ \t]*(?:được\s+)?(?:ban hành\s+)?ngày\s+(\d{1,2})\s*(?:[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)"
    r"|\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d))(?!\d)", _I)
_OF = re.compile(r"[ \t]*,?[ \t]*của\s+", _I)
_ISSUER = re.compile(
    r"(.{2,100}?)(?=\s+(?:về|v/v|khóa|khoá|thông báo|báo cáo|phê duyệt|ban hành|quy định|hướng dẫn|"
    r"thực hiện|triển khai|gửi|đã|nhằm|để|tại|trong|đối với|cho|và\s+(?:[A-ZĐ][a-zà-ỹđ]+\s+){0,2}số)\b"
    r"|\s*[,;.:()“\"”]|\s*\n[ \t]*\n(?!\s*[a-zà-ỹđ])|\s*$)", re.S)
_SUBJECT = re.compile(r"[ \t]*,?[ \t]*(về|v/v)\s+", _I)
# a blank line ends it unless the text goes on in lower case (a PDF export's wrapped line)
_SUBJECT_END = re.compile(r"[;(]|\n[ \t]*\n(?!\s*[a-zà-ỹđ])|\.(?:\s|$)|<sup>")
_CLAUSE_START = re.compile(r"[.;:\n]")
_LEAD = re.compile(r"^[\s\-+*•–\d.)]*(?:\*\*)?\s*(căn cứ|(?:triển khai\s+)?thực hiện|triển khai)\b", _I)
_TOPIC_WORD = re.compile(r"\b(?:về|v/v)\b", _I)
_SUB_PROVINCIAL = re.compile(
    r"\b(?:huyện|quận|thị xã|thị trấn|xã|phường)\s+[A-ZĐÂĂÊÔƠƯ0-9]|\b(?:Huyện|Quận|Thị) (?:ủy|uỷ)\b"
    r"|\bcấp (?:huyện|xã)\b")
_NAMED_PROVINCE = re.compile(r"\b(?:tỉnh|Tỉnh (?:ủy|uỷ)|thành phố|Thành (?:ủy|uỷ)|TP\.?)\s+((?:[A-ZĐ][\wà-ỹđ]*[ -]?){1,4})")
_CENTRAL_WORDS = ("trung ương", "chính phủ", "thủ tướng", "quốc hội", "bộ chính trị", "ban bí thư", "bộ trưởng",
                  "văn phòng chính phủ", "chủ tịch nước")
_LOCAL_WORDS = ("tỉnh", "thành phố", "sở ", "ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân", "thanh tra",
                "ban dân vận", "ban cán sự", "đảng ủy khối", "công an", "bộ chỉ huy")


def extract(title: str | None, text: str, exclude: str | None = None, province: str | None = None,
            issued: str | None = None) -> tuple[Cited, ...]:
    """Structured citations of a report whose ``text`` is already rejoined
    (converters.extract.cites.rejoin); ``province`` and ``issued``: the citing report's
    province (as at issue) and date. One entry per document (symbol + year), in order of
    first appearance; the report's own number is left out."""
    own = cites_mod.normalise(exclude) if exclude else None
    found: list[Cited] = []
    for part, is_title in ((title or "", True), (text, False)):
        if not part:
            continue
        for start, end, symbol in sorted(cites_mod.occurrences(part)):
            if symbol != own:
                found.append(_citation(part, start, end, symbol, is_title, province, issued))
    return merge(found)


def merge(found: list[Cited]) -> tuple[Cited, ...]:
    """One entry per (symbol, year): fields from the first occurrence that has them, the
    strongest relation. An undated mention joins the one dated entry of its symbol (the
    report refers back to it), stays alone when there is none, and is dropped when there
    are several (which one it repeats is not known)."""
    by_key: dict[tuple[str, str | None], list[Cited]] = {}
    years: dict[str, list[str]] = {}
    for c in found:
        by_key.setdefault((c.symbol, c.year), []).append(c)
        if c.year and c.year not in years.setdefault(c.symbol, []):
            years[c.symbol].append(c.year)
    out: list[Cited] = []
    done: set[tuple[str, str | None]] = set()
    for c in found:
        key = (c.symbol, c.year)
        if c.year is None and years.get(c.symbol):
            if len(years[c.symbol]) > 1:
                continue
            key = (c.symbol, years[c.symbol][0])
        if key in done:
            continue
        done.add(key)
        group = by_key[key] + (by_key.get((c.symbol, None), []) if key[1] else [])
        out.append(_combine(group))
    return tuple(out)


def _combine(group: list[Cited]) -> Cited:
    first = group[0]
    dated = next((c for c in group if c.date), None)
    def pick(field):
        return next((getattr(c, field) for c in group if getattr(c, field)), None)
    lead = dated or first
    relation = max((c.relation for c in group), key=_STRENGTH.__getitem__)
    return Cited(symbol=first.symbol, number=first.number, type=pick("type"), date=lead.date,
                 year=lead.year, issuer=lead.issuer or pick("issuer"), level=lead.level or pick("level"),
                 province=lead.province or pick("province"), subject=pick("subject"), relation=relation)


def _citation(text: str, start: int, end: int, symbol: str, is_title: bool, province: str | None,
              issued: str | None) -> Cited:
    number = re.match(r"\d+", symbol).group(0)
    kind = _type_before(text, start) or _type_of_symbol(symbol)
    pos = end
    date = None
    m = _DATE.match(text, pos)
    if m:
        date = dates.iso(m.group(3) or m.group(5), m.group(2) or m.group(4), m.group(1))
        pos = m.end()
    issuer = None
    m = _OF.match(text, pos)
    if m:
        im = _ISSUER.match(text, m.end())
        if im and _is_body(im.group(1)):
            issuer = _body_words(im.group(1))
            pos = m.end() + len(im.group(1)) if issuer == " ".join(im.group(1).split()) else pos
    subject = None
    m = _SUBJECT.match(text, pos)
    if m:
        subject = _subject(text, m.start(1))
    year = _symbol_year(symbol) or (date[:4] if date else None)
    code_level = level_of_symbol(symbol)
    text_level = _level_of_issuer(issuer, province) if issuer else None
    if text_level and code_level and text_level != code_level and \
            {text_level, code_level} != {PROVINCE, DISTRICT}:
        issuer, level = None, code_level  # the "của …" belongs to another document
    elif text_level == DISTRICT or code_level == DISTRICT:
        level = DISTRICT
    else:
        level = text_level or code_level
    where = None
    if level in (PROVINCE, DISTRICT):
        where = _province_named(issuer) if issuer else None
        if where is None:
            where = _citing_province(province, issued, date or year)
    return Cited(symbol=symbol, number=number, type=kind, date=date, year=year, issuer=issuer, level=level,
                 province=where, subject=subject, relation=_relation(text, start, is_title))


# ------------------------------------------------------------------ parts of a citation

@lru_cache(maxsize=1)
def _type_pattern() -> re.Pattern:
    names = sorted(vocab.type_names(), key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(r"(" + alts + r")(?:\s+(?:phối hợp|liên tịch|hành động|liên ngành))?\s*(?:số\s*)?:?\s*$", _I)


@lru_cache(maxsize=1)
def _next_document() -> re.Pattern:
    alts = "|".join(re.escape(n) for n in sorted(vocab.type_names(), key=len, reverse=True))
    return re.compile(r"(?:,|;|\s(?:và|và các))\s+(?:" + alts + r")(?:\s+\w+){0,2}?(?:\s+số\b|\s+\d|\s*$)", _I)


def _type_before(text: str, start: int) -> str | None:
    m = _type_pattern().search(text, max(0, start - 40), start)
    if not m:
        return None
    return vocab.type_named(m.group(1).upper()) or m.group(1)


def _codes(symbol: str) -> tuple[str | None, list[str]]:
    """(type code or None, issuer codes) of a normalised symbol."""
    if re.match(r"\d+-", symbol):  # Party: N-TYPE/ISSUER
        kind, _, issuer = symbol.split("-", 1)[1].partition("/")
        return kind, issuer.split("-")
    rest = symbol.split("/")[-1]
    codes = rest.split("-")
    if vocab.type_for_code(codes[0]) and len(codes) > 1:
        return codes[0], codes[1:]
    return None, codes  # a công văn: "904/SNV-XDCQ&CTTN"


def _type_of_symbol(symbol: str) -> str | None:
    kind, _ = _codes(symbol)
    if kind is None:
        return "Công văn"
    return vocab.type_for_code(kind, party=bool(re.match(r"\d+-", symbol)))


def _symbol_year(symbol: str) -> str | None:
    m = re.match(r"\d+/((?:19|20)\d\d)/", symbol)
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def _code_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    spec = vocab.vocabulary().get("cited_codes") or {}
    fold = vocab.ascii_fold
    central = {fold(c).upper() for c in spec.get("central", ())}
    local = {fold(c).upper() for c in [*spec.get("province", ()), *vocab.vocabulary()["agencies"]]}
    district = {fold(c).upper() for c in spec.get("district", ())}
    return frozenset(central), frozenset(local), frozenset(district)


def level_of_code(code: str) -> str | None:
    central, local, district = _code_sets()
    folded = vocab.ascii_fold(code).upper()
    if vocab.is_central_code(code) or folded in central or re.fullmatch(r"(?:UBTV)?QH\d*", folded) \
            or (folded.endswith("TW") and len(folded) > 2):
        return CENTRAL
    if folded in district:
        return DISTRICT
    if folded in local or re.fullmatch(r"S[A-Z]{2,}", folded) or (folded.endswith("TU") and len(folded) > 2):
        return PROVINCE  # S…: a Sở ("SNV", "STTTT")
    return None


def level_of_symbol(symbol: str) -> str | None:
    """The level the symbol's (first) issuer code tells, or None."""
    _, codes = _codes(symbol)
    return level_of_code(codes[0]) if codes and codes[0] else None


@lru_cache(maxsize=1)
def _body_starts() -> tuple[str, ...]:
    extra = ("thường trực", "thủ tướng", "bộ trưởng", "chủ tịch", "giám đốc", "ubnd", "hđnd", "ủy ban",
             "ban thường vụ", "ban chấp hành", "ban bí thư", "bộ ", "sở ", "ban ", "cục ", "tổng cục")
    return tuple(sorted(set(vocab.body_keys()) | set(extra)))


def _is_body(phrase: str) -> bool:
    key = vocab.fold_key(phrase)
    return key.startswith(_body_starts())


_PLACE_WORDS = frozenset({"tỉnh", "thành phố", "huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "và", "các",
                          "khóa", "khoá", "ủy", "uỷ", "cơ quan", "quan", "doanh nghiệp", "nghiệp",
                          "nhân dân"})


@lru_cache(maxsize=1)
def _body_text() -> str:
    """Every body and title name, folded, between bars: a run of lower-case words
    belongs to a body's name when it occurs here."""
    return "|" + "|".join(" " + vocab.fold_key(n) for n in (*vocab.body_names(), *vocab.title_names())) + "|"


def _lower_run_ok(run: list[str]) -> int:
    """How many words of a run of lower-case words belong to a body's name: the longest
    prefix that ends a body name (or is a place word), then place words only
    ("nhân dân" + "tỉnh")."""
    done = 0
    while done < len(run):
        for n in range(len(run) - done, 0, -1):
            words = " ".join(vocab.fold_key(w) for w in run[done:done + n])
            if words in _PLACE_WORDS or (done == 0 and f" {words}|" in _body_text()):
                done += n
                break
        else:
            break
    return done


def _body_words(phrase: str) -> str:
    """The name of a body at the start of ``phrase``: capitalised words and the runs of
    lower-case words that occur in body names ("Sở Nội vụ", "Bộ Chính trị"); it stops at
    the first other word ("Sở Ngoại vụ kiện toàn …" → "Sở Ngoại vụ")."""
    words = phrase.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w[:1].isupper() or w[:1].isdigit() or w in ("–", "-"):
            out.append(w)
            i += 1
            continue
        j = i
        while j < len(words) and not (words[j][:1].isupper() or words[j][:1].isdigit() or words[j] in ("–", "-")):
            j += 1
        n = _lower_run_ok(words[i:j])
        out += words[i:i + n]
        if n < j - i:
            break
        i = j
    while out and vocab.fold_key(out[-1]) in ("thành", "thị", "và", "các", "–", "-", "khóa", "khoá"):
        out.pop()
    return " ".join(out)


def _level_of_issuer(issuer: str, province: str | None) -> str | None:
    key = vocab.fold_key(issuer)
    named = _NAMED_PROVINCE.search(issuer)
    if _SUB_PROVINCIAL.search(issuer):
        return DISTRICT
    if named and re.match(r"thành phố|tp", vocab.fold_key(named.group(0))) and _province_in(named.group(1)) is None:
        return DISTRICT  # "UBND thành phố Rạch Giá": a city of the province
    central = any(w in key for w in _CENTRAL_WORDS) or (key.startswith("bộ ") and not key.startswith("bộ chỉ huy"))
    if central and not re.search(r"\btỉnh\b|thành phố", key):
        return CENTRAL  # "Ban Dân vận Trung ương", "Thanh tra Chính phủ", "Bộ Nội vụ"
    if any(w in key for w in _LOCAL_WORDS):
        return PROVINCE
    return None


def _province_in(words: str):
    parts = words.split()
    for n in range(len(parts), 0, -1):
        found = vocab.province_named(" ".join(parts[:n]))
        if found is not None:
            return found
    return None


def _province_named(issuer: str) -> str | None:
    for m in _NAMED_PROVINCE.finditer(issuer):
        found = _province_in(m.group(1))
        if found is not None:
            return found.name
    return None


def _citing_province(province: str | None, issued: str | None, cited: str | None) -> str | None:
    """The citing report's province, as it was when the cited document was issued: a report
    of a merged 2025 province citing an older document has no single old province."""
    if not province or not issued or not cited or issued[:len(MERGER)] < MERGER[:len(issued)]:
        return province
    if cited[:len(MERGER)] >= MERGER[:len(cited)] and len(cited) >= 7 or cited[:4] > MERGER[:4]:
        return province  # the cited document is after the merger too
    olds = [p.name for p in vocab.provinces() if p.name_2025 == province]
    if not olds:  # not a successor's name: the report names its old province
        return province
    return olds[0] if len(olds) == 1 else None


def _subject(text: str, start: int) -> str:
    end = _SUBJECT_END.search(text, start, start + SUBJECT_CHARS + 40)
    stop = end.start() if end else min(len(text), start + SUBJECT_CHARS + 40)
    out = " ".join(text[start:stop].replace("**", "").split())
    m = _next_document().search(out)
    if m:  # a list goes on: "…, Quyết định số 106-QĐ/TU …" is another document
        out = out[:m.start()]
    out = out.rstrip(" ,")
    if len(out) > SUBJECT_CHARS:
        cut = out.rfind(" ", 0, SUBJECT_CHARS)
        out = out[:cut if cut > 0 else SUBJECT_CHARS].rstrip(" ,") + " …"
    return out


def _relation(text: str, start: int, is_title: bool) -> str:
    """"căn cứ"/"thực hiện" when the citation is the object of the clause's leading
    "Căn cứ"/"Thực hiện" (nothing "về …" in between, which would make it the subject
    of another document); in a title, "thực hiện <type> số …" right before it."""
    if is_title:
        before = text[max(0, start - 60):start]
        m = _type_pattern().search(before)
        if m and re.search(r"thực hiện\s*$", before[:m.start()], _I):
            return IMPLEMENTS
        return MENTIONS
    clause = max(text.rfind(c, 0, start) for c in ".;:\n") + 1
    if start - clause > 300:
        return MENTIONS
    head = text[clause:start]
    m = _LEAD.match(head)
    if not m or _TOPIC_WORD.search(head, m.end()) or re.search(r"thực hiện", head[m.end():], _I):
        return MENTIONS
    return BASED_ON if m.group(1).lower().startswith("căn") else IMPLEMENTS
