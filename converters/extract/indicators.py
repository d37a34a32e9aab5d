"""Which indicator of the closed list (vocabulary.yaml ``indicators``) a figure is a value of.

A figure found in a sentence has a shape (count with a unit, share, score, rank, change) and
a clause around it. An indicator fits when its kind fits the shape (a count also in its unit)
and one of its phrases occurs in the clause: every part of the phrase, in order, as whole
words, tone placement and case folded. Among fitting indicators the best is the one with the
highest ``priority``, then the longest phrase (more words name it more precisely), then the
phrase nearest the value. No fit: the figure is kept as "khac", never forced into one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from converters import vocab
from converters.vocab import Indicator


@lru_cache(maxsize=None)
def _word_re(alt: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(alt)}(?!\w)")


def _phrase_span(key: str, phrase: tuple[tuple[str, ...], ...]) -> tuple[int, int, int] | None:
    """(start, end, words) of the first in-order occurrence of the phrase's parts, or None."""
    pos, start, words = 0, None, 0
    for part in phrase:
        best = None
        for alt in part:
            m = _word_re(alt).search(key, pos)
            if m and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return None
        if start is None:
            start = best.start()
        pos = best.end()
        words += len(best.group(0).split())
    return start, pos, words


def _words_between(key: str, a: int, b: int) -> int:
    return len(key[min(a, b):max(a, b)].split())


def candidates(kind: str, unit: str | None) -> tuple[Indicator, ...]:
    """Indicators a figure of this shape can be a value of."""
    return _candidates(kind, unit)


@lru_cache(maxsize=None)
def _candidates(kind: str, unit: str | None) -> tuple[Indicator, ...]:
    out = []
    for ind in vocab.indicators():
        if kind == "change":  # a change in a count, in its unit or in per cent of it
            ok = ind.kind == "count" and (unit in (None, "%") or ind.unit == unit)
        elif kind == "count":
            ok = ind.kind == "count" and ind.unit == unit
        else:
            ok = ind.kind == kind
        if ok:
            out.append(ind)
    return tuple(out)


def match(key: str, at: int, kind: str, unit: str | None) -> tuple[Indicator | None, str | None]:
    """(indicator, the phrase as found) for a figure at folded position ``at`` of the folded
    clause ``key``; (None, None) when no indicator of the list is named."""
    best = None
    for ind in candidates(kind, unit):
        for phrase in ind.phrases:
            span = _phrase_span(key, phrase)
            if span is None:
                continue
            start, end, words = span
            dist = 0 if start <= at <= end else (_words_between(key, end, at) if end <= at
                                                   else _words_between(key, at, start))
            score = (ind.priority, words, -dist)
            if best is None or score > best[0]:
                best = (score, ind, key[start:end])
    if best is None:
        return None, None
    return best[1], best[2]

