"""Golden digests of the seeds: ingested through the real pipeline, rendered, compared.

The golden files under `tests/golden/` were read by eye before they were written.
When the extractor or the digest changes on purpose, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_digest_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from test_render import assert_telegram_html

from bot.answers import Answer, official_answer, region_answer
from bot.ingestion import ingest_paths
from digest.render import MESSAGE_LIMIT, utf16_length
from storage.database import Database

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# The seeds without a date are pinned to this ingest day; answers are asked the day after.
INGEST_DAY = "2025-11-30"
NOW = datetime(2025, 12, 1, 12, 0)
DAYS = 600                                         # back to the oldest seed (2024-06-14)
MESSAGE_SEPARATOR = "\n\n----- next message -----\n\n"

REGION_CASES = [
    ("Алматинская", "ru"), ("Алматинская", "kk"), ("Алматинская", "both"),
    ("Алматы", "both"), ("Жетісу", "both"), ("Қонаев", "ru"),
]
OFFICIAL_CASES = [("Султангазиев", "both"), ("Токаева", "ru")]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "seeds.db"

    async def build() -> None:
        db = await Database.open(path)
        try:
            summary = await ingest_paths(db, [SEEDS])
            assert len(summary.new) == 5 and not summary.failed
            async with db.transaction() as conn:
                await conn.execute("UPDATE articles SET day = ? WHERE published IS NULL", (INGEST_DAY,))
        finally:
            await db.close()

    asyncio.run(build())
    return path


async def answer_for(path: Path, kind: str, query: str, language: str) -> Answer:
    db = await Database.open(path)
    try:
        if kind == "region":
            return await region_answer(db, query, language, days=DAYS, now=NOW)
        return await official_answer(db, query, language)
    finally:
        await db.close()


def golden_name(kind: str, query: str, language: str) -> str:
    slug = re.sub(r"\W+", "_", query.lower()).strip("_")
    return f"{kind}_{slug}_{language}.html"


def compare_with_golden(name: str, answer: Answer) -> None:
    for message in answer.messages:
        assert utf16_length(message) <= MESSAGE_LIMIT
        assert_telegram_html(message)
    text = MESSAGE_SEPARATOR.join(answer.messages) + "\n"
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"{name} did not exist; written now, read it and run again")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("query", "language"), REGION_CASES)
async def test_region_digest_matches_golden(seeded: Path, query: str, language: str) -> None:
    answer = await answer_for(seeded, "region", query, language)
    assert answer.kind == "digest"
    compare_with_golden(golden_name("region", query, language), answer)


@pytest.mark.parametrize(("query", "language"), OFFICIAL_CASES)
async def test_official_matches_golden(seeded: Path, query: str, language: str) -> None:
    answer = await answer_for(seeded, "official", query, language)
    assert answer.kind == "official"
    compare_with_golden(golden_name("official", query, language), answer)


# --- every number shown comes from a stored figure of a stored article ------------------

_SCALES = {"тыс.": 1e3, "мың": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
_BOLD = re.compile(r"<b>(.*?)</b>")
_FIGURE_NUMBER = re.compile(r"[−+]?(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?(?:[ \u00a0](тыс\.|мың|млн|млрд|трлн))?")
_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b|\b\d{4} жылғы \d{1,2}(?:–\d{1,2})?\b|\b\d{1,2}(?:–\d{1,2})? [а-яәқңөұүһі]+ \d{4}\b")


async def stored_facts(path: Path) -> tuple[list[float], str]:
    db = await Database.open(path)
    try:
        values = [row[0] for row in await db.fetchall("SELECT value FROM figures")]
        texts = [f"{row[0] or ''}\n{row[1]}" for row in await db.fetchall("SELECT title, body FROM articles")]
    finally:
        await db.close()
    return values, "\n".join(texts)


@pytest.mark.parametrize(("kind", "query", "language"), [
    *[("region", q, lang) for q, lang in REGION_CASES], *[("official", q, lang) for q, lang in OFFICIAL_CASES],
])
async def test_every_number_shown_is_traceable(seeded: Path, kind: str, query: str, language: str) -> None:
    values, articles = await stored_facts(seeded)
    answer = await answer_for(seeded, kind, query, language)
    text = "\n".join(answer.messages)
    for bold in _BOLD.findall(text):
        match = _FIGURE_NUMBER.search(bold)
        if match is None:
            continue                                 # a name in bold, not a figure
        shown = float(re.sub(r"\D", "", match.group(1)) + "." + (match.group(2) or "0"))
        shown *= _SCALES.get(match.group(3) or "", 1)
        assert any(abs(abs(shown) - abs(v)) <= 0.006 * abs(v) for v in values), f"{bold} is not a stored figure"
    # Any other number is part of a date or of words quoted from a stored article.
    rest = _DATE.sub(" ", re.sub(r'<a href="[^"]*">', " ", _BOLD.sub(" ", text)))
    for number in re.findall(r"\d+(?:,\d+)?", rest):
        assert number in articles, f"{number} in the answer is in no stored article"


# --- the CLI prints the same rendering --------------------------------------------------

def kzdigest(*args: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env,
                          cwd=root, timeout=120)


def test_cli_digest_prints_what_the_bot_sends(seeded: Path) -> None:
    result = kzdigest("digest", "--region", "Алматинская", "--lang", "ru", "--days", str(DAYS),
                      "--today", NOW.date().isoformat(), "--db", str(seeded))
    assert result.returncode == 0, result.stderr
    golden = (GOLDEN / golden_name("region", "Алматинская", "ru")).read_text(encoding="utf-8")
    assert result.stdout.replace("-" * 40, "----- next message -----") == golden.replace(
        MESSAGE_SEPARATOR, "\n----- next message -----\n")


def test_cli_official_and_unknown_names(seeded: Path) -> None:
    found = kzdigest("official", "Сұлтанғазиев", "--plain", "--db", str(seeded))
    assert found.returncode == 0, found.stderr
    assert "Марат Султангазиев" in found.stdout and "<b>" not in found.stdout
    missing = kzdigest("official", "Несуществующий", "--db", str(seeded))
    assert missing.returncode == 1 and "Несуществующий" in missing.stdout


def test_cli_on_a_new_database_loads_the_seeds_first(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "kzdigest.db"
    found = kzdigest("official", "Султангазиев", "--plain", "--db", str(fresh))
    assert found.returncode == 0, found.stderr
    assert "Марат Султангазиев" in found.stdout and "Последние публикации" in found.stdout
    assert "seeded" not in found.stdout
