"""Folding text into comparison keys shared by search, officials and regions."""

from __future__ import annotations

import re

# The contract's key: case folded, ё→е, Kazakh letters to their Russian look-alikes.
_FOLD = str.maketrans({
    "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и",
})
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower-case and fold Kazakh-specific letters and ё: `Сұлтанғазиев` → `султангазиев`."""
    return text.lower().translate(_FOLD)


def fold_words(text: str) -> str:
    """Fold and collapse everything that is not a letter or digit into single spaces."""
    return _NON_WORD.sub(" ", fold(text)).strip()
