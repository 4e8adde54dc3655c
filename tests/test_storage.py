import asyncio
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.model import Document, Extraction, Figure, Official
from storage.articles import ArticlesRepo, content_hash
from storage.database import Database
from storage.migrate import load_migrations, schema_version, split_statements

ARTICLE = Document(
    doc="a.txt",
    body="В Жамбылской области построят завод за 120 млрд тенге. Будет создано 800 рабочих мест.",
    language="ru",
    title="Завод в Жамбылской области",
    published=date(2025, 3, 4),
    source="Zakon.kz",
)
FACTS = Extraction(
    regions=("KZ-31",),
    places=("Тараз",),
    officials=(Official(name="Ербол Карашукеев", key="карашукеев", role="аким Жамбылской области",
                        region="KZ-31", mentions=((0, 5),)),),
    figures=(
        Figure(start=40, stop=54, text="120 млрд тенге", value=120e9, unit="KZT", category="investment",
               region="KZ-31"),
        Figure(start=70, stop=86, text="800 рабочих мест", value=800, unit="jobs", category="jobs",
               region="KZ-31"),
    ),
)


async def test_pragmas_and_schema(db: Database) -> None:
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
    assert (await db.fetchone("PRAGMA busy_timeout"))[0] >= 1000
    assert await schema_version(db.conn) == len(load_migrations())


async def test_add_article_with_facts_and_read_back(db: Database) -> None:
    repo = ArticlesRepo(db)
    result = await repo.add(ARTICLE, FACTS, extractor_version=1)
    assert result.created
    stored = await repo.get(result.article_id)
    assert stored.title == ARTICLE.title and stored.published == date(2025, 3, 4)
    assert stored.day == date(2025, 3, 4)
    figures = await db.fetchall("SELECT value, unit, region FROM figures ORDER BY position")
    assert [tuple(row) for row in figures] == [(120e9, "KZT", "KZ-31"), (800.0, "jobs", "KZ-31")]
    official = await db.fetchone("SELECT key, name_ru, name_kk, region FROM officials")
    assert tuple(official) == ("карашукеев", "Ербол Карашукеев", None, "KZ-31")


async def test_same_text_or_same_url_is_stored_once(db: Database) -> None:
    repo = ArticlesRepo(db)
    first = await repo.add(ARTICLE, FACTS)
    respaced = Document(**{**ARTICLE.__dict__, "doc": "b.txt", "body": ARTICLE.body.upper().replace(" ", "  ")})
    again = await repo.add(respaced, FACTS)
    assert not again.created and again.article_id == first.article_id
    with_url = Document(**{**ARTICLE.__dict__, "body": "Другой текст о заводе в Таразе.", "url": "https://x.kz/1"})
    assert (await repo.add(with_url)).created
    same_url = Document(**{**with_url.__dict__, "body": "Обновлённый текст о заводе в Таразе."})
    assert not (await repo.add(same_url)).created
    assert await repo.count() == 2


async def test_ingestion_moment_is_stored_in_utc(db: Database) -> None:
    almaty_morning = datetime(2025, 3, 4, 7, 30, tzinfo=timezone(timedelta(hours=5)))
    result = await ArticlesRepo(db).add(ARTICLE, FACTS, 1, now=almaty_morning)
    row = await db.fetchone("SELECT ingested_at FROM articles WHERE id = ?", (result.article_id,))
    assert row[0] == "2025-03-04T02:30:00+00:00"


async def test_an_undated_article_is_of_the_day_in_kazakhstan(db: Database) -> None:
    late_utc_evening = datetime(2025, 3, 4, 21, 0, tzinfo=UTC)      # 02:00 on 5 March in Astana
    undated = replace(ARTICLE, published=None)
    result = await ArticlesRepo(db).add(undated, FACTS, 1, now=late_utc_evening)
    row = await db.fetchone("SELECT day, published FROM articles WHERE id = ?", (result.article_id,))
    assert tuple(row) == ("2025-03-05", None)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Аким  открыл школу!") == content_hash("аким открыл школу")
    assert content_hash("Аким открыл школу") != content_hash("Аким открыл больницу")


async def test_replace_facts_swaps_old_facts(db: Database) -> None:
    repo = ArticlesRepo(db)
    article_id = (await repo.add(ARTICLE, FACTS, extractor_version=1)).article_id
    assert await repo.ids_to_reextract(2) == [article_id]
    await repo.replace_facts(article_id, "ru", Extraction(regions=("KZ-31",), figures=FACTS.figures[:1]), 2)
    assert (await db.fetchone("SELECT count(*) FROM figures"))[0] == 1
    assert (await db.fetchone("SELECT count(*) FROM official_mentions"))[0] == 0
    assert await repo.ids_to_reextract(2) == []


@pytest.mark.parametrize("query", ['Жамбыл', 'ЖАМБЫЛСКОЙ', 'завод "', "'; DROP TABLE articles; --", "NEAR(", "*", ""])
async def test_search_takes_any_input(db: Database, query: str) -> None:
    await ArticlesRepo(db).add(ARTICLE, FACTS)
    found = await ArticlesRepo(db).search(query)
    assert (await ArticlesRepo(db).count()) == 1
    if query.lower().startswith("жамбыл"):
        assert [a.doc for a in found] == ["a.txt"]


async def test_search_folds_kazakh_letters(db: Database) -> None:
    kk = Document(doc="k.txt", body="Қонаев қаласында жаңа мектеп ашылды, онда 600 оқушы оқиды.", language="kk")
    await ArticlesRepo(db).add(kk)
    assert [a.doc for a in await ArticlesRepo(db).search("Конаев")] == ["k.txt"]


async def test_database_from_the_first_migration_upgrades_to_the_latest(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = await Database.open(path, migrate_to=1)
    await ArticlesRepo(old).add(ARTICLE, FACTS)
    assert await schema_version(old.conn) == 1
    await old.close()
    new = await Database.open(path)
    try:
        assert await schema_version(new.conn) == len(load_migrations())
        assert await ArticlesRepo(new).count() == 1
        assert (await new.fetchone("SELECT count(*) FROM figures"))[0] == 2
    finally:
        await new.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    from storage import migrate as migrate_module

    good = migrate_module.load_migrations()
    broken = [*good, migrate_module.Migration(len(good) + 1, "broken.sql",
                                              "CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);")]
    monkeypatch.setattr(migrate_module, "load_migrations", lambda: broken)
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(tmp_path / "x.db")
    monkeypatch.setattr(migrate_module, "load_migrations", lambda: good)
    db = await Database.open(tmp_path / "x.db")
    try:
        assert await schema_version(db.conn) == len(good)
        assert await db.fetchone("SELECT name FROM sqlite_master WHERE name = 'half'") is None
    finally:
        await db.close()


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = "CREATE TABLE t (x);\n-- note\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    assert len(split_statements(sql)) == 2


async def test_concurrent_ingests_from_two_connections_store_each_article_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first, second = await Database.open(path), await Database.open(path)
    documents = [
        Document(doc=f"{i}.txt", body=f"В Атырауской области открыт объект номер {i} на 50 мест.", language="ru")
        for i in range(40)
    ]
    try:
        results = await asyncio.gather(
            *(ArticlesRepo(db).add(doc) for doc in documents for db in (first, second))
        )
        assert sum(r.created for r in results) == 40
        assert await ArticlesRepo(first).count() == 40
        assert (await first.fetchone("PRAGMA integrity_check"))[0] == "ok"
    finally:
        await first.close()
        await second.close()
