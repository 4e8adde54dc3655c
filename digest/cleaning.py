"""Removing site boilerplate and repairing text before anything else reads it.

Every downstream step (metadata, extraction, search) sees the article, not the
site around it: photo credits, share buttons, tag clouds with counts, navigation.
The patterns are data (`data/boilerplate*.txt`); this module only applies them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from digest.vocabulary import read_lines

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{3,}")
# A credit glued to the end of a real line: "... текст. Фото: акимат Алматы".
_TRAILING_CREDIT = re.compile(r"\s+(?:Фото|Сурет|Видео)\s*:\s*[^.!?\n]{0,80}$", re.IGNORECASE)

_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")
_MIXED_WORD = re.compile(r"\b\w*(?:[A-Za-z]\w*[А-Яа-яЁёІі]|[А-Яа-яЁёІі]\w*[A-Za-z])\w*\b")
_LATIN_TO_CYRILLIC = str.maketrans("AaBEeKMHOoPpCcTyXxIi", "АаВЕеКМНОоРрСсТуХхІі")
_CYRILLIC_TO_LATIN = str.maketrans("АаВЕеКМНОоРрСсТуХхІі", "AaBEeKMHOoPpCcTyXxIi")


@lru_cache(maxsize=1)
def _line_patterns() -> re.Pattern[str]:
    lines = read_lines(resources.files("digest.data") / "boilerplate.txt")
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


@lru_cache(maxsize=1)
def _tail_patterns() -> re.Pattern[str]:
    lines = read_lines(resources.files("digest.data") / "boilerplate_tail.txt")
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Unicode NFC, one kind of space, no zero-width characters, `\\n` line ends."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def repair_lookalikes(text: str) -> str:
    """Fix words that mix Latin and Cyrillic look-alike letters (`Сity`, `Аlatau`).

    The word goes to the script most of its letters are in; a real mixed token
    (a model number like `КамАЗ-X5`) keeps letters that have no look-alike.
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        cyrillic = len(_CYRILLIC.findall(word))
        latin = len(_LATIN.findall(word))
        table = _LATIN_TO_CYRILLIC if cyrillic >= latin else _CYRILLIC_TO_LATIN
        return word.translate(table)

    return _MIXED_WORD.sub(fix, text)


def is_boilerplate_line(line: str) -> bool:
    return bool(_line_patterns().fullmatch(line.strip()))


def opens_footer(line: str) -> bool:
    return bool(_tail_patterns().match(line.strip()))


def clean_body(text: str) -> str:
    """The article's own text: boilerplate lines and the footer removed, paragraphs kept."""
    kept: list[str] = []
    for line in repair_lookalikes(normalize_text(text)).split("\n"):
        if opens_footer(line):
            break
        if line and is_boilerplate_line(line):
            continue
        kept.append(_TRAILING_CREDIT.sub("", line))
    return _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()
