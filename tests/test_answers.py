"""`/region` and `/official` answers over a real database, as the bot and the CLI call them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from test_render import assert_telegram_html

from bot.answers import Answer, official_answer, region_answer, regional_digest
from digest.model import Document, Extraction, Figure, Official
from digest.render import MESSAGE_LIMIT, utf16_length
from storage.articles import ArticlesRepo
from storage.database import Database

NOW = datetime(2025, 11, 24, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
SULTANGAZIEV = Official("Марат Султангазиев", "султангазиев", "аким Алматинской области", "KZ-19", ((0, 18),))
SULTANGAZIEV_KK = Official("Марат Сұлтанғазиев", "султангазиев", "Алматы облысының әкімі", "KZ-19", ((0, 18),))
TOKAYEV = Official("Касым-Жомарт Токаев", "токаев", "Президент", None, ((0, 5),))


def figure(body: str, text: str, value: float, unit: str, category: str, region: str = "KZ-19",
           qualifier: str | None = None, counted: str | None = None) -> Figure:
    start = body.index(text)
    return Figure(start, start + len(text), text, value, unit, category, qualifier, region, counted)


RU_BODY = (
    "Аким области Марат Султангазиев посетил индустриальную зону «Кайрат» под Конаевом. "
    "Проект реализуется на территории 177 гектаров, объем инвестиций составляет 750 млн долларов США. "
    "К 2028 году планируется создать около 3 тысяч рабочих мест.\n"
    "В Каскелене общая стоимость благоустройства улицы – 1,176 млрд тенге."
)
KK_BODY = (
    "Алматы облысының әкімі Марат Сұлтанғазиев «Қайрат» аймағында болды. "
    "Аймақта инвестиция көлемі 750 млн долларды құрайды. Өнеркәсіп өндірісі 17%-ға артты."
)
TAS_BODY = "Касым-Жомарт Токаев посетил Тараз. В Жамбылской области построят завод за 120 млрд тенге."


async def store(db: Database, document: Document, extraction: Extraction,
                ingested: datetime = NOW - timedelta(hours=2)) -> int:
    return (await ArticlesRepo(db).add(document, extraction, extractor_version=1, now=ingested)).article_id


@pytest.fixture
async def filled(db: Database) -> Database:
    await store(db, Document(
        "ru.txt", RU_BODY, "ru", "Аким <script>alert(1)</script> & «Кайрат»", TODAY, "Zakon.kz",
        "https://www.zakon.kz/1?a=1&b=2",
    ), Extraction(
        regions=("KZ-19",), places=("Конаев", "Каскелен"), officials=(SULTANGAZIEV,),
        figures=(
            figure(RU_BODY, "177 гектаров", 177, "ha", "area"),
            figure(RU_BODY, "750 млн долларов США", 750e6, "USD", "investment"),
            figure(RU_BODY, "около 3 тысяч рабочих мест", 3000, "jobs", "jobs", qualifier="approx"),
            figure(RU_BODY, "1,176 млрд тенге", 1.176e9, "KZT", "cost"),
        ),
    ))
    await store(db, Document("kk.txt", KK_BODY, "kk", "Қайрат аймағы", TODAY - timedelta(days=1), "Kazinform",
                             "https://kazinform.kz/2"),
                Extraction(regions=("KZ-19",), officials=(SULTANGAZIEV_KK,), figures=(
                    figure(KK_BODY, "750 млн долларды", 750e6, "USD", "investment"),
                    figure(KK_BODY, "17%-ға", 17, "percent", "growth"),
                )))
    await store(db, Document("taraz.txt", TAS_BODY, "ru", "Завод в Таразе", TODAY, None, None),
                Extraction(regions=("KZ-31",), places=("Тараз",), officials=(TOKAYEV,), figures=(
                    figure(TAS_BODY, "120 млрд тенге", 120e9, "KZT", "investment", region="KZ-31"),
                )))
    return db


def text_of(answer: Answer) -> str:
    for message in answer.messages:
        assert utf16_length(message) <= MESSAGE_LIMIT
        assert_telegram_html(message)
    return "\n".join(answer.messages).replace("\u00a0", " ")


# --- /region ----------------------------------------------------------------------------

async def test_region_digest_in_both_languages(filled: Database) -> None:
    answer = await region_answer(filled, "Алматинская", "both", now=NOW)
    text = text_of(answer)
    assert answer.has_news and answer.kind == "digest" and answer.region == "KZ-19"
    assert "Алматинская область" in text and "Алматы облысы" in text
    assert "ключевые цифры" in text and "негізгі көрсеткіштер" in text
    assert text.index("ключевые цифры") < text.index("негізгі көрсеткіштер")
    assert "750 млн $" in text and "1,18 млрд ₸" in text and "+17%" in text
    assert "около 3 000 рабочих мест" in text and "шамамен 3 000 жұмыс орны" in text


async def test_one_fact_from_two_outlets_is_one_line_with_both_sources(filled: Database) -> None:
    text = text_of(await region_answer(filled, "Алматинская область", "ru", now=NOW))
    lines = [line for line in text.split("\n") if "750 млн $" in line]
    assert len(lines) == 1
    assert "Kazinform" in lines[0] and "Zakon.kz" in lines[0]
    assert 'href="https://www.zakon.kz/1?a=1&amp;b=2"' in lines[0]


async def test_kazakh_reader_of_a_russian_article_gets_kazakh_labels(filled: Database) -> None:
    text = text_of(await region_answer(filled, "Алматы облысы", "kk", now=NOW))
    cost = next(line for line in text.split("\n") if "1,18 млрд ₸" in line)
    assert "құны:" in cost                                   # the label in Kazakh
    assert "стоимость" in cost.lower()                      # the article's words stay Russian
    assert "ключевые" not in text and "рабочих" not in text
    assert "2025 жылғы 23–24 қараша" in text


async def test_place_inside_the_region_is_named(filled: Database) -> None:
    text = text_of(await region_answer(filled, "Алматинская", "ru", now=NOW))
    cost = next(line for line in text.split("\n") if "1,18 млрд ₸" in line)
    assert "(Каскелен)" in cost


async def test_nothing_new_shows_the_latest_figures_of_the_month(filled: Database) -> None:
    later = NOW + timedelta(days=10)
    answer = await region_answer(filled, "Алматинская", "both", now=later)
    assert answer.has_news
    text = text_of(answer)
    assert text.startswith("За 3–4 декабря 2025 новых цифр нет — последние известные:\n<b>Алматинская область</b>")
    assert "750 млн $" in text and "1,18 млрд ₸" in text
    assert "\n2025 жылғы 3–4 желтоқсан бойынша жаңа көрсеткіштер жоқ — соңғы белгілілері:\n" in text


async def test_nothing_new_is_one_line_per_language(filled: Database) -> None:
    later = NOW + timedelta(days=60)
    answer = await region_answer(filled, "Алматинская", "both", now=later)
    assert not answer.has_news
    text = text_of(answer)
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(lines) == 2
    assert "новых цифр" in lines[0] and "жаңа көрсеткіштер жоқ" in lines[1]


async def test_every_number_shown_is_a_stored_figure(filled: Database) -> None:
    for language in ("ru", "kk"):
        answer = await region_answer(filled, "Алматинская", language, now=NOW)
        stored = [row[0] for row in await filled.fetchall("SELECT value FROM figures")]
        for shown in shown_figures(text_of(answer)):
            assert any(abs(shown - value) <= 0.006 * value for value in stored), shown


async def test_town_figures_come_first(filled: Database) -> None:
    text = text_of(await region_answer(filled, "Каскелен", "ru", now=NOW))
    lines = [line for line in text.split("\n") if line.startswith("•")]
    assert "Каскелен" in text.split("\n")[0] and "Алматинская область" in text.split("\n")[0]
    assert "(Каскелен)" in lines[0]


async def test_almaty_is_the_city_and_the_answer_names_the_region_too(filled: Database) -> None:
    answer = await region_answer(filled, "Алматы", "ru", now=NOW)
    assert answer.region == "KZ-75"
    assert "Алматинская область" in text_of(answer)


@pytest.mark.parametrize("query", ["Марс", "qwertyuiop", "<b>&"])
async def test_unknown_region_is_a_short_helpful_answer(filled: Database, query: str) -> None:
    answer = await region_answer(filled, query, "both", now=NOW)
    assert answer.kind in ("unknown", "choices")
    assert not answer.has_news
    text = text_of(answer)
    assert len(text) < 1500 and "Traceback" not in text


async def test_empty_query_asks_for_a_region(filled: Database) -> None:
    answer = await region_answer(filled, "   ", "ru", now=NOW)
    assert answer.kind == "unknown" and "/region" in text_of(answer)


# --- the subscriber's digest ------------------------------------------------------------

async def test_regional_digest_takes_what_was_stored_since_the_last_one(db: Database) -> None:
    last_digest = datetime(2025, 11, 24, 3, 0, tzinfo=UTC)
    for doc, text, day, ingested in [
        ("before.txt", "5 млрд тенге", date(2025, 11, 23), last_digest - timedelta(hours=1)),
        ("late.txt", "7 млрд тенге", date(2025, 11, 23), last_digest + timedelta(hours=5)),
        ("archive.txt", "9 млрд тенге", date(2024, 1, 10), last_digest + timedelta(hours=6)),
    ]:
        body = f"На ремонт школ ({doc}) выделено {text}."
        await store(db, Document(doc, body, "ru", doc, day, "Zakon.kz", f"https://x.kz/{doc}"),
                    Extraction(regions=("KZ-19",), figures=(figure(body, text, float(text.split()[0]) * 1e9,
                                                                   "KZT", "budget"),)), ingested)
    answer = await regional_digest(db, "KZ-19", "ru", last_digest, last_digest + timedelta(days=1))
    text = text_of(answer)
    assert "7 млрд ₸" in text
    assert "5 млрд ₸" not in text and "9 млрд ₸" not in text
    nothing = await regional_digest(db, "KZ-19", "ru", last_digest + timedelta(days=1),
                                    last_digest + timedelta(days=2))
    assert not nothing.has_news


async def test_regional_digest_counts_days_in_kazakhstan_not_in_utc(db: Database) -> None:
    # A digest at 01:00 in Astana (20:00 UTC the day before) covers an article of that day.
    until = datetime(2025, 11, 24, 20, 0, tzinfo=UTC)
    body = "На ремонт школ выделено 4 млрд тенге."
    await store(db, Document("night.txt", body, "ru", "Ночью", date(2025, 11, 25), "Zakon.kz", "https://x.kz/n"),
                Extraction(regions=("KZ-19",), figures=(figure(body, "4 млрд тенге", 4e9, "KZT", "budget"),)),
                until - timedelta(minutes=30))
    answer = await regional_digest(db, "KZ-19", "ru", until - timedelta(days=1), until)
    text = text_of(answer)
    assert "4 млрд ₸" in text and "24–25 ноября 2025" in text


async def test_region_answer_s_today_is_the_day_in_kazakhstan(filled: Database) -> None:
    # 20:00 UTC on 24 November is 01:00 on the 25th in Astana.
    answer = await region_answer(filled, "Алматинская", "ru", now=datetime(2025, 11, 24, 20, 0, tzinfo=UTC))
    assert "24–25 ноября 2025" in text_of(answer)


# --- /official --------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "Султангазиев", "султангазиев", "СУЛТАНГАЗИЕВ", "Сұлтанғазиев", "Марат Султангазиев",
    "Султангазиева", "Сұлтанғазиевтің", "Султангазиеву", "Султангазев",
])
async def test_official_by_surname_in_any_form(filled: Database, query: str) -> None:
    answer = await official_answer(filled, query, "both")
    assert answer.kind == "official", text_of(answer)
    text = text_of(answer)
    assert "Марат Султангазиев" in text and "Марат Сұлтанғазиев" in text
    assert "Последние публикации" in text and "Соңғы жарияланымдар" in text
    assert "750 млн $" in text


async def test_official_profile_escapes_headlines(filled: Database) -> None:
    text = text_of(await official_answer(filled, "Султангазиев", "ru"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Кайрат»" in text
    assert "<script>" not in text


async def test_a_case_form_finds_the_man_unless_a_woman_has_that_surname(filled: Database) -> None:
    answer = await official_answer(filled, "Токаева", "ru")
    assert answer.kind == "official" and "Касым-Жомарт Токаев" in text_of(answer)
    body = "Министр Айгуль Токаева открыла школу в Таразе."
    await store(filled, Document("w.txt", body, "ru", "Школа", TODAY, "Zakon.kz", "https://x.kz/w"),
                Extraction(regions=("KZ-31",), officials=(Official("Айгуль Токаева", "токаева", "министр", None),)))
    assert "Айгуль Токаева" in text_of(await official_answer(filled, "Токаева", "ru"))


async def test_unknown_official(filled: Database) -> None:
    answer = await official_answer(filled, "Иванов", "both")
    assert answer.kind == "unknown" and not answer.has_news
    assert "Иванов" in text_of(answer)


# --- helpers ----------------------------------------------------------------------------

_SCALE = {"тыс.": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "мың": 1e3}


def shown_figures(text: str) -> list[float]:
    """The values of the figures in bold, as a reader reads them."""
    values = []
    for bold in re.findall(r"<b>(.*?)</b>", text):
        match = re.search(r"[−+]?(\d[\d ]*(?:,\d+)?)\s*(тыс\.|млн|млрд|трлн|мың)?", bold)
        if not match or not re.search(r"[$₸€₽¥%]|мест|орны|орын|человек|адам|га|м²|т\b|раз|есе", bold):
            continue
        number = float(match.group(1).replace(" ", "").replace(",", "."))
        values.append(number * _SCALE.get(match.group(2) or "", 1))
    return values


# --- the benchmark's generated database, small ------------------------------------------

def load_benchmark():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_digest.py"
    spec = importlib.util.spec_from_file_location("bench_digest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_digest"] = module              # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    bench = load_benchmark()
    path = tmp_path_factory.mktemp("bench") / "small.db"
    bench.generate(path, 1000, span_days=30)
    return bench, path


async def test_generated_database_is_consistent(generated) -> None:
    bench, path = generated
    db = await Database.open(path)
    try:
        rows = await db.fetchall(
            "SELECT f.text, substr(a.body, f.start + 1, f.stop - f.start) AS span, f.region, r.region AS article_region"
            " FROM figures f JOIN articles a ON a.id = f.article_id JOIN article_regions r ON r.article_id = a.id"
        )
        assert len(rows) > 5000
        assert all(row["text"] == row["span"] for row in rows)            # offsets point at the figure
        assert {row["region"] for row in rows} == set(bench.REGIONS)
        lengths = [row[0] for row in await db.fetchall("SELECT length(body) FROM articles")]
        assert min(lengths) >= 3000 and max(lengths) < 8000
    finally:
        await db.close()


async def test_region_figures_are_exactly_those_of_the_region_and_period(generated) -> None:
    from storage.facts import FactsRepo

    bench, path = generated
    db = await Database.open(path)
    try:
        first, last = bench.END_DAY - timedelta(days=3), bench.END_DAY
        for region in ("KZ-19", "KZ-75", "KZ-62"):
            found = await FactsRepo(db).region_figures(region, first, last)
            expected = await db.fetchall(
                "SELECT f.id FROM figures f, articles a WHERE a.id = f.article_id AND f.region = ?"
                " AND a.day >= ? AND a.day <= ?", (region, first.isoformat(), last.isoformat()),
            )
            assert sorted(f.id for f in found) == sorted(row[0] for row in expected)
            long = await FactsRepo(db).region_figures(region, last - timedelta(days=200), last)
            assert len(long) > len(found)
    finally:
        await db.close()


async def test_every_region_gets_a_digest_and_every_query_an_answer(generated) -> None:
    bench, path = generated
    db = await Database.open(path)
    until = datetime.combine(bench.END_DAY, datetime.min.time(), UTC) + timedelta(hours=12)
    try:
        with_news = 0
        for region in bench.REGIONS:
            answer = await regional_digest(db, region, "both", until - timedelta(days=3), until)
            text_of(answer)
            with_news += answer.has_news
        assert with_news >= 15
        for query in bench.QUERIES:
            answer = await region_answer(db, query, "both", days=3, now=until)
            text_of(answer)
            assert answer.kind in ("digest", "choices"), query
    finally:
        await db.close()
