"""Extraction speed and memory: articles per second and peak RSS on one core.

    .venv/bin/python benchmarks/bench_extract.py [PATH ...] [--articles N]

Without PATH the corpus is the seeds, varied (paragraphs shuffled, numbers changed,
regions swapped) into N distinct articles so no cache sees the same text twice.
Parsing (cleaning, metadata) and extraction are both timed, as `kzdigest ingest` runs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.documents import DocumentError, parse_text, read_documents  # noqa: E402
from digest.extract import extract  # noqa: E402

REGION_SWAPS = [
    ("Алматинской области", "Карагандинской области"), ("Алматы облысы", "Қарағанды облысы"),
    ("Алматинской области", "Туркестанской области"), ("Алматы облысы", "Түркістан облысы"),
    ("Жетісу", "Абай"), ("Каскелен", "Темиртау"), ("Алатау", "Кентау"),
]


def vary(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n")
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    varied = "\n".join(head + rest)
    for old, new in rng.sample(REGION_SWAPS, 2):
        varied = varied.replace(old, new)
    return "".join(str(rng.randint(1, 9)) if ch.isdigit() and rng.random() < 0.3 else ch for ch in varied)


def corpus_from_seeds(count: int) -> list[tuple[str, str]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    rng = random.Random(7)
    return [(f"{i}.txt", vary(texts[i % len(texts)], rng)) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):   # one core, as the bar says
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    extract(parse_text("warm.txt", corpus_from_seeds(1)[0][1]))   # load vocabularies once
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    articles = figures = 0
    if args.paths:
        for item in read_documents(args.paths):
            if isinstance(item, DocumentError):
                continue
            figures += len(extract(item).figures)
            articles += 1
    else:
        for name, text in corpus_from_seeds(args.articles):
            figures += len(extract(parse_text(name, text)).figures)
            articles += 1
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles            {articles}")
    print(f"figures             {figures}")
    print(f"seconds             {elapsed:.2f}")
    print(f"articles/s          {articles / elapsed:.0f}")
    print(f"peak RSS, MB        {peak:.0f} (after loading vocabularies: {rss_before:.0f})")


if __name__ == "__main__":
    main()
