"""Kazakh figures against KazNERD (validation split): its MONEY, PERCENTAGE and QUANTITY spans
are figures the extractor should find; its DATE, TIME and ORDINAL spans are numbers it should not.

Sentences are rebuilt by joining tokens with spaces (`18 , 8 проценті`, `80 %-ына`: the corpus's
tokenisation), and most come in two versions, with digits and with number words. Measured on
the whole split (1291 spans): recall 0.943; 0.987 on the spans whose unit is in the contract
(KazNERD also tags degrees, points, barrels, tiyn and МРП as quantities: not contract units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from digest.figures import find_figures

CORPUS = Path(__file__).resolve().parent / "data" / "kaznerd" / "IOB2_valid2.txt"
FIGURE_TYPES = {"MONEY", "PERCENTAGE", "QUANTITY"}
NOT_FIGURE_TYPES = {"DATE", "TIME", "ORDINAL"}
# Spans whose unit the contract has no code for, and transcription noise (`( іі )`) inside a span.
OUTSIDE_CONTRACT = re.compile(
    r"градус|баррель|тиын|ұпай|балл|балды|көрсеткіш|сантиметр|миллиметр|мегабайт|сағат|минут|мыңдаған|\( [іы]+ \)"
)


@dataclass(frozen=True)
class Sentence:
    text: str
    spans: tuple[tuple[int, int, str], ...]   # (start, stop, type) in characters


def _read_sentences(path: Path) -> list[Sentence]:
    sentences, tokens = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            tokens.append(line.rsplit(" ", 1))
        elif tokens:
            sentences.append(_sentence(tokens[1:]))  # the first line is the sentence id
            tokens = []
    return sentences


def _sentence(tokens: list[list[str]]) -> Sentence:
    offsets, position = [], 0
    for word, _tag in tokens:
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    spans, start, kind = [], None, ""
    for index, (_word, tag) in enumerate([*tokens, ["", "O"]]):
        if start is not None and not tag.startswith("I-"):
            spans.append((offsets[start][0], offsets[index - 1][1], kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = index, tag[2:]
    return Sentence(" ".join(word for word, _ in tokens), tuple(spans))


@dataclass
class Measure:
    found: int = 0
    total: int = 0
    found_in_contract: int = 0
    total_in_contract: int = 0
    on_dates: int = 0
    figures: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.total

    @property
    def contract_recall(self) -> float:
        return self.found_in_contract / self.total_in_contract


@pytest.fixture(scope="module")
def measure() -> Measure:
    result = Measure()
    for sentence in _read_sentences(CORPUS):
        if not any(kind in FIGURE_TYPES | NOT_FIGURE_TYPES for *_, kind in sentence.spans):
            continue
        figures = find_figures(sentence.text, "kk")
        result.figures += len(figures)
        for start, stop, kind in sentence.spans:
            hit = any(f.start < stop and start < f.stop for f in figures)
            if kind in FIGURE_TYPES:
                inside = not OUTSIDE_CONTRACT.search(sentence.text[start:stop])
                result.total += 1
                result.found += hit
                result.total_in_contract += inside
                result.found_in_contract += hit and inside
        for figure in figures:
            overlaps = [kind for start, stop, kind in sentence.spans if figure.start < stop and start < figure.stop]
            if overlaps and all(kind in NOT_FIGURE_TYPES for kind in overlaps):
                result.on_dates += 1
    return result


def test_recall_of_money_percent_quantity(measure: Measure) -> None:
    assert measure.total > 1000
    assert measure.recall >= 0.92


def test_recall_on_contract_units(measure: Measure) -> None:
    assert measure.contract_recall >= 0.97


def test_dates_times_and_ordinals_are_not_figures(measure: Measure) -> None:
    assert measure.on_dates <= 0.01 * measure.figures
