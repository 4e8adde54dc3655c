"""Scoring extraction output against a gold file, as the contract's scoring section says.

- A figure matches a gold figure of the same unit whose value differs by at most 0.5%;
  each gold figure matches at most one output figure. Gold figures marked optional
  count neither way. Category, qualifier and region: accuracy over matched figures.
- Regions: the first must equal the gold's first; the set by precision and recall.
- Officials: matched by the folded surname key; role and region over matched ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from digest.folding import fold

VALUE_TOLERANCE = 0.005


@dataclass
class Counts:
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Report:
    documents: int = 0
    figures: Counts = field(default_factory=Counts)
    category: Accuracy = field(default_factory=Accuracy)
    qualifier: Accuracy = field(default_factory=Accuracy)
    figure_region: Accuracy = field(default_factory=Accuracy)
    first_region: Accuracy = field(default_factory=Accuracy)
    regions: Counts = field(default_factory=Counts)
    officials: Counts = field(default_factory=Counts)
    official_role: Accuracy = field(default_factory=Accuracy)
    official_region: Accuracy = field(default_factory=Accuracy)
    language: Accuracy = field(default_factory=Accuracy)
    published: Accuracy = field(default_factory=Accuracy)
    source: Accuracy = field(default_factory=Accuracy)
    missed: list[str] = field(default_factory=list)     # what went wrong, for people

    def metrics(self) -> dict[str, float | int]:
        return {
            "documents": self.documents,
            "figure_precision": round(self.figures.precision, 4),
            "figure_recall": round(self.figures.recall, 4),
            "figure_f1": round(self.figures.f1, 4),
            "figure_category_accuracy": round(self.category.value, 4),
            "figure_qualifier_accuracy": round(self.qualifier.value, 4),
            "figure_region_accuracy": round(self.figure_region.value, 4),
            "first_region_accuracy": round(self.first_region.value, 4),
            "region_precision": round(self.regions.precision, 4),
            "region_recall": round(self.regions.recall, 4),
            "official_precision": round(self.officials.precision, 4),
            "official_recall": round(self.officials.recall, 4),
            "official_f1": round(self.officials.f1, 4),
            "official_role_accuracy": round(self.official_role.value, 4),
            "official_region_accuracy": round(self.official_region.value, 4),
            "language_accuracy": round(self.language.value, 4),
            "published_accuracy": round(self.published.value, 4),
            "source_accuracy": round(self.source.value, 4),
        }


def surname_key(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def _values_match(output: dict[str, Any], gold: dict[str, Any]) -> bool:
    if output.get("unit") != gold.get("unit"):
        return False
    expected, got = float(gold["value"]), float(output["value"])
    return abs(got - expected) <= VALUE_TOLERANCE * abs(expected)


def match_figures(
    output: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict], int]:
    """Pairs (output, gold) for required gold figures, the unmatched of each side, and how
    many outputs were absorbed by optional gold figures (they count neither way)."""
    free = list(range(len(output)))
    pairs: list[tuple[dict, dict]] = []
    missed: list[dict] = []
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    for g in required:
        candidates = [i for i in free if _values_match(output[i], g)]
        if not candidates:
            missed.append(g)
            continue
        # Prefer the output that is the same span; else the first in the text.
        best = next((i for i in candidates if output[i].get("text") == g.get("text")), candidates[0])
        free.remove(best)
        pairs.append((output[best], g))
    absorbed = 0
    for g in optional:
        candidates = [i for i in free if _values_match(output[i], g)]
        if candidates:
            free.remove(candidates[0])
            absorbed += 1
    return pairs, [output[i] for i in free], missed, absorbed


def score_document(report: Report, output: dict[str, Any], gold: dict[str, Any]) -> None:
    doc = gold["doc"]
    report.documents += 1
    for name in ("language", "published", "source"):
        if name in gold:
            getattr(report, name).add(output.get(name) == gold[name])

    pairs, extra, missed, absorbed = match_figures(output.get("figures", []), gold.get("figures", []))
    report.figures.true_positive += len(pairs)
    report.figures.predicted += len(output.get("figures", [])) - absorbed
    report.figures.expected += sum(1 for g in gold.get("figures", []) if not g.get("optional"))
    for got, expected in pairs:
        report.category.add(got.get("category") == expected.get("category"))
        report.qualifier.add(got.get("qualifier") == expected.get("qualifier"))
        report.figure_region.add(got.get("region") == expected.get("region"))
        for name in ("category", "qualifier", "region"):
            if got.get(name) != expected.get(name):
                report.missed.append(
                    f"{doc}: {name} of {expected['text']!r}: got {got.get(name)!r},"
                    f" want {expected.get(name)!r}"
                )
    report.missed += [f"{doc}: figure missed: {g['text']!r} ({g['value']} {g['unit']})" for g in missed]
    report.missed += [f"{doc}: figure extra: {o['text']!r} ({o['value']} {o['unit']})" for o in extra]

    got_regions, want_regions = output.get("regions", []), gold.get("regions", [])
    if want_regions:
        first_ok = bool(got_regions) and got_regions[0] == want_regions[0]
        report.first_region.add(first_ok)
        if not first_ok:
            report.missed.append(f"{doc}: first region {got_regions[:1]} want {want_regions[:1]}")
    report.regions.true_positive += len(set(got_regions) & set(want_regions))
    report.regions.predicted += len(set(got_regions))
    report.regions.expected += len(set(want_regions))

    got_officials = {surname_key(o["name"]): o for o in output.get("officials", [])}
    want_officials = {surname_key(o["name"]): o for o in gold.get("officials", [])}
    report.officials.predicted += len(got_officials)
    report.officials.expected += len(want_officials)
    for key, expected in want_officials.items():
        got = got_officials.get(key)
        if got is None:
            report.missed.append(f"{doc}: official missed: {expected['name']}")
            continue
        report.officials.true_positive += 1
        report.official_role.add(got.get("role") == expected.get("role"))
        report.official_region.add(got.get("region") == expected.get("region"))
        if got.get("role") != expected.get("role") or got.get("region") != expected.get("region"):
            report.missed.append(
                f"{doc}: official {expected['name']}: role/region {got.get('role')!r}/"
                f"{got.get('region')!r}, want {expected.get('role')!r}/{expected.get('region')!r}"
            )
    for key, got in got_officials.items():
        if key not in want_officials:
            report.missed.append(f"{doc}: official extra: {got['name']}")


def evaluate(outputs: Iterable[dict[str, Any]], gold: Iterable[dict[str, Any]]) -> Report:
    """Score outputs against gold records, paired by `doc`; a gold doc with no output
    counts as an empty output."""
    by_doc = {o["doc"]: o for o in outputs}
    report = Report()
    for expected in gold:
        score_document(report, by_doc.get(expected["doc"], {"doc": expected["doc"]}), expected)
    return report
