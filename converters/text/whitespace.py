"""Whitespace normalisation shared by every stage."""
from __future__ import annotations


def squash(text: str) -> str:
    """Words separated by single spaces, none at the ends: ``" ".join(text.split())``.

    A printable text holds no whitespace but " " (every other whitespace character
    is a control or separator character), so one without "  " and without a space
    at either end is returned as it is, without splitting it into words."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
