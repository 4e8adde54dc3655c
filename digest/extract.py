"""The public extractor: regions, officials and figures of one document."""

from __future__ import annotations

from dataclasses import replace

from digest.figures import find_figures
from digest.model import Document, Extraction, Figure
from digest.officials import find_officials
from digest.regions import assign_figure_regions, find_places, list_places, rank_regions

# Bump when the extractor's output changes, so `kzdigest reextract` knows what is stale.
EXTRACTOR_VERSION = 5


def extract(document: Document) -> Extraction:
    text, language = document.body, document.language
    places = find_places(text, language)
    regions = rank_regions(text, places, title=document.title)
    officials = find_officials(text, language, places, regions)
    figures = assign_figure_regions(text, find_figures(text, language), places, regions, document.title)
    return Extraction(
        regions=tuple(regions),
        places=tuple(list_places(places)),
        officials=tuple(officials),
        figures=tuple(merge_repeated_figures(figures)),
    )


def merge_repeated_figures(figures: list[Figure]) -> list[Figure]:
    """One fact stated twice (headline and lead, lead and summary) is one figure.

    Same value, unit, thing counted and category: the first statement is kept, with
    the qualifier of whichever statement gives one. Percentages and multiples are small
    numbers that recur by chance (`6%` growth of industry, `at least 6%` growth targeted),
    so they are one fact only with the same qualifier too.
    """
    kept: dict[tuple, Figure] = {}
    for figure in figures:
        key: tuple = (round(figure.value, 6), figure.unit, figure.counted, figure.category)
        if figure.unit in {"percent", "times"}:
            key += (figure.qualifier,)
        first = kept.get(key)
        if first is None:
            kept[key] = figure
        elif first.qualifier is None and figure.qualifier is not None:
            kept[key] = replace(first, qualifier=figure.qualifier)
    return list(kept.values())
