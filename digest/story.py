"""One story told by several outlets: telling reprints and rewrites apart from news.

An akimat's press release reaches the digest through Kazinform, a regional paper and
two portals, each with its own headline, lead and tail, some in Kazakh. Two signals
say two articles are one story:

- their text: word 4-shingles of the folded text, summarised by a bottom-k sketch
  (the `SKETCH_SIZE` smallest shingle hashes), which estimates how much of the
  shorter text the longer one contains. A reprint with a new lead and tail still
  contains most of the original; two stories on one topic share a few phrases.
- their figures: the large exact amounts (`12,5 млрд теңге`, `1 200 рабочих мест`)
  that a rewrite or a translation keeps. Two or more in common, in the same region
  and the same few days, is one story in any language.

A fingerprint is plain data so storage can keep it and look up candidates by a few
keys (`story_keys`), then compare the candidates here (`find_story`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from digest.folding import fold_words
from digest.model import Document, Extraction

SHINGLE_WORDS = 4
SKETCH_SIZE = 64
# The smallest hashes are the lookup keys: two texts that share much share some of these.
LOOKUP_HASHES = 8
# Articles of one story appear within this many days of each other.
STORY_DAYS = 3
# Texts too short to compare by their words (a headline and a line) need their figures.
MIN_SHINGLES = 12
SAME_TEXT_JACCARD = 0.3
SAME_TEXT_CONTAINED = 0.6
# Some words in common make one shared figure enough.
RELATED_TEXT_JACCARD = 0.08
SHARED_FIGURES = 2
MONEY_UNITS = frozenset({"KZT", "USD", "EUR", "RUB", "CNY"})


@dataclass(frozen=True)
class StoryFingerprint:
    sketch: tuple[int, ...]            # the smallest shingle hashes, ascending
    shingles: int                      # how many distinct shingles the text has
    figures: frozenset[str]            # distinctive figures, `unit:value`
    regions: frozenset[str]            # the regions the article reports on

    def sketch_bytes(self) -> bytes:
        return struct.pack(f"<{len(self.sketch)}I", *self.sketch)

    @staticmethod
    def sketch_from_bytes(data: bytes) -> tuple[int, ...]:
        return struct.unpack(f"<{len(data) // 4}I", data)


# --- computing ---------------------------------------------------------------------------

def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")


def text_sketch(text: str) -> tuple[tuple[int, ...], int]:
    """The bottom-k sketch of the text's word shingles and how many distinct shingles it has."""
    words = fold_words(text).split()
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = sorted({_hash(s) for s in shingles})
    return tuple(hashes[:SKETCH_SIZE]), len(shingles)


def figure_key(value: float, unit: str) -> str | None:
    """The key of a figure precise enough to identify a story, or None.

    Percentages, multiples and small counts coincide across unrelated stories.
    """
    size = abs(value)
    if unit in MONEY_UNITS:
        distinctive = size >= 1e6
    elif unit in ("percent", "times"):
        distinctive = False
    else:
        distinctive = size >= 100
    return f"{unit}:{value:.6g}" if distinctive else None


def fingerprint(
    body: str, figures: Iterable[tuple[float, str]] = (), regions: Iterable[str] = ()
) -> StoryFingerprint:
    """The story fingerprint of an article's text, its figures (value, unit) and regions."""
    sketch, count = text_sketch(body)
    keys = {key for value, unit in figures if (key := figure_key(value, unit))}
    return StoryFingerprint(sketch, count, frozenset(keys), frozenset(regions))


def fingerprint_document(document: Document, extraction: Extraction) -> StoryFingerprint:
    return fingerprint(
        document.body, ((f.value, f.unit) for f in extraction.figures), extraction.regions
    )


def story_keys(fp: StoryFingerprint) -> list[str]:
    """Keys under which an article is filed, to find its story's other articles cheaply."""
    keys = [f"t:{value:08x}" for value in fp.sketch[:LOOKUP_HASHES]] if fp.shingles >= MIN_SHINGLES else []
    return keys + sorted(f"f:{key}" for key in fp.figures)


# --- comparing ---------------------------------------------------------------------------

def text_similarity(a: StoryFingerprint, b: StoryFingerprint) -> tuple[float, float]:
    """Estimated Jaccard similarity of the two texts' shingles, and how much of the
    shorter text the longer one contains."""
    if not a.sketch or not b.sketch:
        return 0.0, 0.0
    in_a, in_b = set(a.sketch), set(b.sketch)
    union = sorted(in_a | in_b)[:SKETCH_SIZE]
    # A hash among the union's smallest that is in a set is also among that set's smallest,
    # so membership in each sketch is exact here.
    shared = sum(1 for value in union if value in in_a and value in in_b)
    jaccard = shared / len(union)
    smaller = min(a.shingles, b.shingles)
    contained = jaccard * (a.shingles + b.shingles) / ((1 + jaccard) * smaller) if smaller else 0.0
    return jaccard, min(contained, 1.0)


def _regions_agree(a: StoryFingerprint, b: StoryFingerprint) -> bool:
    return not a.regions or not b.regions or bool(a.regions & b.regions)


def story_match(a: StoryFingerprint, b: StoryFingerprint) -> float:
    """How surely two articles are one story: 0 when they are not, else a score above 0."""
    # Template news (this week's cases, the same works in another region) reads alike;
    # its figures or its region tell one week or one region from another.
    if not _regions_agree(a, b):
        return 0.0
    shared = len(a.figures & b.figures)
    figures_disagree = bool(a.figures) and bool(b.figures) and shared == 0
    jaccard, contained = 0.0, 0.0
    if min(a.shingles, b.shingles) >= MIN_SHINGLES:
        jaccard, contained = text_similarity(a, b)
    if not figures_disagree and (jaccard >= SAME_TEXT_JACCARD or contained >= SAME_TEXT_CONTAINED):
        return 1.0 + max(jaccard, contained)
    fewer = min(len(a.figures), len(b.figures))
    if shared >= SHARED_FIGURES and shared * 2 >= fewer:
        return 0.5 + 0.1 * shared + jaccard
    if shared >= 1 and jaccard >= RELATED_TEXT_JACCARD:
        return 0.3 + jaccard
    return 0.0


def find_story(
    fp: StoryFingerprint, candidates: Iterable[tuple[int, StoryFingerprint]]
) -> int | None:
    """The story (of `(story_id, fingerprint)` candidates) the article belongs to, or None."""
    best: tuple[float, int] | None = None
    for story_id, other in candidates:
        score = story_match(fp, other)
        if score > 0 and (best is None or (score, -story_id) > (best[0], -best[1])):
            best = (score, story_id)
    return best[1] if best else None
