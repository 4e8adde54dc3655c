"""One story reprinted by several outlets is one story; its figures are counted once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from digest.compose import PER_ARTICLE, FigureContext, Source, StoredFigure, compose_digest, shortlist
from digest.documents import parse_html, parse_text
from digest.extract import extract
from digest.story import (
    StoryFingerprint,
    figure_key,
    find_story,
    fingerprint,
    fingerprint_document,
    story_keys,
    story_match,
    text_sketch,
)
from storage.database import Database
from storage.facts import FactsRepo
from storage.stories import StoriesRepo

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"

# [first article, second article, one story?] — reprints, rewrites and translations of one
# story, and different stories that look alike (one region, one topic, one template).
PAIRS = [
    # A reprint with its own headline, lead and tail (ru, Жамбылская).
    ("""В Жамбылской области построят завод по производству стекла за 120 млрд тенге
ТАРАЗ. KAZINFORM – В Жамбылской области началось строительство завода по производству листового стекла. Стоимость проекта составляет 120 млрд тенге, сообщает пресс-служба акимата региона.
Предприятие разместится в индустриальной зоне Тараза на площади 45 гектаров. Проектная мощность завода – 200 тысяч тонн стекла в год. После запуска будет создано 800 постоянных рабочих мест, в период строительства будут заняты еще 1 500 человек.
По словам акима Жамбылской области Ербола Карашукеева, завод станет одним из крупнейших в Центральной Азии. Запуск первой очереди запланирован на 2026 год.""",
     """Завод стекла за 120 млрд тенге строят в Таразе
Строительство стекольного завода стартовало в Жамбылской области, передает корреспондент Orda.kz со ссылкой на акимат.
Предприятие разместится в индустриальной зоне Тараза на площади 45 гектаров. Проектная мощность завода – 200 тысяч тонн стекла в год. После запуска будет создано 800 постоянных рабочих мест, в период строительства будут заняты еще 1 500 человек.
По словам акима области Ербола Карашукеева, завод станет одним из крупнейших в Центральной Азии. Запуск первой очереди запланирован на 2026 год.
Ранее мы писали о том, что в Таразе откроют новый индустриальный парк.""", True),
    # The same story in Kazakh: no words in common, the figures agree.
    ("""В Жамбылской области построят завод по производству стекла за 120 млрд тенге
В Жамбылской области началось строительство завода по производству листового стекла. Стоимость проекта составляет 120 млрд тенге. Проектная мощность завода – 200 тысяч тонн стекла в год. После запуска будет создано 800 постоянных рабочих мест, в период строительства будут заняты еще 1 500 человек.""",
     """Жамбыл облысында 120 млрд теңгеге шыны зауыты салынады
Жамбыл облысында табақ шыны өндіретін зауыттың құрылысы басталды. Жобаның құны 120 млрд теңгені құрайды. Зауыттың жобалық қуаты жылына 200 мың тонна шыны. Іске қосылғаннан кейін 800 тұрақты жұмыс орны ашылады, құрылыс кезеңінде тағы 1 500 адам жұмыспен қамтылады.""", True),
    # One region, one day, another story.
    ("""В Жамбылской области построят завод по производству стекла за 120 млрд тенге
В Жамбылской области началось строительство завода по производству листового стекла. Стоимость проекта составляет 120 млрд тенге. После запуска будет создано 800 постоянных рабочих мест.""",
     """В Таразе отремонтируют 35 улиц
В этом году в Таразе планируют отремонтировать 35 улиц общей протяженностью 62 километра. На эти цели из местного бюджета выделено 8,2 млрд тенге, сообщили в городском отделе пассажирского транспорта и автомобильных дорог. Кроме того, в микрорайонах Жайлау и Карасу установят 1 300 новых светильников.""", False),
    # A press release rewritten by another outlet: other words, the same figures (ru, Караганда).
    ("""В Караганде построят ТЭЦ-4 мощностью 630 МВт
КАРАГАНДА. KAZINFORM – В Караганде началось строительство новой теплоэлектроцентрали. Мощность ТЭЦ-4 составит 630 МВт электрической энергии, стоимость проекта – 520 млрд тенге, сообщили в акимате Карагандинской области. Станция обеспечит теплом новые микрорайоны Юго-Востока, где проживут около 120 тысяч человек.""",
     """Стоимость ТЭЦ-4 в Караганде оценили в 520 млрд тенге
Новая станция, строить которую начали на этой неделе, будет вырабатывать 630 МВт, пишет Zakon.kz. Как отметил аким области, к станции подключат жилые массивы Юго-Востока, рассчитанные на 120 тысяч жителей. Завершить строительство планируют в 2028 году.""", True),
    # Two articles of one region that share one large figure but tell different stories.
    ("""Бюджет Актюбинской области на 2025 год составит 612 млрд тенге
Депутаты областного маслихата утвердили бюджет Актюбинской области на 2025 год в объеме 612 млрд тенге. На образование направят 198 млрд тенге, на здравоохранение – 41 млрд тенге, на строительство дорог – 56 млрд тенге.""",
     """В Актобе построят 12 школ
В 2025 году в Актобе и районах Актюбинской области построят 12 школ на 9 600 мест. Всего на образование из бюджета области, который составит 612 млрд тенге, выделено больше, чем годом ранее. Новые школы откроются в микрорайонах Нур Актобе и Кызылжар.""", False),
    # A template story of another week: it reads alike, its figures disagree.
    ("""В Актюбинской области за неделю зарегистрировано 1 240 случаев ОРВИ
По данным департамента санитарно-эпидемиологического контроля Актюбинской области, за прошедшую неделю зарегистрировано 1 240 случаев острых респираторных вирусных инфекций, из них 318 – у детей до 14 лет. Госпитализированы 96 человек. Специалисты напоминают о необходимости вакцинации и соблюдения мер профилактики.""",
     """В Актюбинской области за неделю зарегистрировано 1 580 случаев ОРВИ
По данным департамента санитарно-эпидемиологического контроля Актюбинской области, за прошедшую неделю зарегистрировано 1 580 случаев острых респираторных вирусных инфекций, из них 402 – у детей до 14 лет. Госпитализированы 131 человек. Специалисты напоминают о необходимости вакцинации и соблюдения мер профилактики.""", False),
    # A Kazakh reprint by another outlet (Шымкент).
    ("""Шымкентте үш жаңа мектеп ашылды
Шымкент қаласында 2 700 оқушыға арналған үш жаңа мектеп пайдалануға берілді. Құрылысқа 14,2 млрд теңге жұмсалды, деп хабарлайды қала әкімдігінің баспасөз қызметі. Жаңа мектептер Тұран және Қаратау аудандарында салынды. Әр мектепте 900 оқушы орны, спорт залы мен асхана бар. Мектептерде 210 мұғалім жұмыс істейді.""",
     """Шымкентте 2 700 орындық үш мектеп пайдалануға берілді
Шымкент қаласында 2 700 оқушыға арналған үш жаңа мектеп пайдалануға берілді. Жаңа мектептер Тұран және Қаратау аудандарында салынды. Әр мектепте 900 оқушы орны, спорт залы мен асхана бар. Мектептерде 210 мұғалім жұмыс істейді. Egemen.kz бұған дейін қалада мектеп тапшылығы туралы жазған болатын.""", True),
    # Kazakh, one city, two stories.
    ("""Шымкентте үш жаңа мектеп ашылды
Шымкент қаласында 2 700 оқушыға арналған үш жаңа мектеп пайдалануға берілді. Құрылысқа 14,2 млрд теңге жұмсалды. Әр мектепте 900 оқушы орны бар.""",
     """Шымкентте 40 көше жөнделеді
Биыл Шымкент қаласында жалпы ұзындығы 85 шақырым болатын 40 көше жөнделеді. Бұл мақсатқа қалалық бюджеттен 11,6 млрд теңге бөлінді, деп хабарлады қала әкімдігі. Жұмыстар сәуірде басталады.""", False),
    # A one-paragraph brief of a longer article (ru, ВКО).
    ("""В Усть-Каменогорске открыли завод аккумуляторов за 12 млрд тенге, на нем работают 250 человек.""",
     """В Усть-Каменогорске запустили завод по производству аккумуляторов
УСТЬ-КАМЕНОГОРСК. KAZINFORM – В индустриальной зоне Усть-Каменогорска открылся завод по производству свинцово-кислотных аккумуляторов. Инвестиции в проект составили 12 млрд тенге. На предприятии работают 250 человек, средняя зарплата – 380 тысяч тенге. Продукция будет поставляться на рынки России и Узбекистана, сообщили в акимате Восточно-Казахстанской области.""", True),
    # The same kind of news in two regions.
    ("""В Павлодарской области отремонтируют 150 км дорог
В Павлодарской области в этом году отремонтируют 150 километров автомобильных дорог областного и районного значения. На эти цели предусмотрено 23,4 млрд тенге.""",
     """В Костанайской области отремонтируют 150 км дорог
В Костанайской области в этом году отремонтируют 150 километров автомобильных дорог областного и районного значения. На эти цели предусмотрено 18,9 млрд тенге.""", False),
    # The same story in Russian and Kazakh (Атырау).
    ("""В Атырау построят многопрофильную больницу на 300 коек
В Атырау началось строительство многопрофильной больницы на 300 коек. На проект из республиканского бюджета выделено 65 млрд тенге, сообщает акимат Атырауской области. Больница будет сдана в эксплуатацию в 2027 году, в ней будут работать 1 100 медицинских работников.""",
     """Атырауда 300 төсектік көпсалалы аурухана салынады
Атырау қаласында 300 төсектік көпсалалы аурухананың құрылысы басталды. Жобаға республикалық бюджеттен 65 млрд теңге бөлінді, деп хабарлайды Атырау облысы әкімдігі. Аурухана 2027 жылы пайдалануға беріледі. Онда 1 100 медицина қызметкері жұмыс істейді.""", True),
    # Kazakh and Russian, one region, different stories.
    ("""Атырауда 300 төсектік көпсалалы аурухана салынады
Атырау қаласында 300 төсектік көпсалалы аурухананың құрылысы басталды. Жобаға республикалық бюджеттен 65 млрд теңге бөлінді.""",
     """В Атырау завершили ремонт набережной
В Атырау завершили реконструкцию набережной реки Урал протяженностью 4,5 километра. На работы потратили 7,3 млрд тенге, сообщили в акимате.""", False),
    # A reprint in Russian from a Kazakh-language outlet's Russian site (Туркестанская, агро).
    ("""В Туркестанской области засеют 120 тысяч гектаров хлопчатника
ТУРКЕСТАН. В Туркестанской области в этом году хлопчатником засеют 120 тысяч гектаров. Аграриям выделят 38 млрд тенге льготных кредитов на проведение весенне-полевых работ, сообщили в управлении сельского хозяйства области. Урожайность планируется довести до 30 центнеров с гектара.""",
     """Хлопчатником засеют 120 тысяч гектаров в Туркестанской области
В Туркестанской области в этом году хлопчатником засеют 120 тысяч гектаров. Аграриям выделят 38 млрд тенге льготных кредитов на проведение весенне-полевых работ, сообщили в управлении сельского хозяйства области. Урожайность планируется довести до 30 центнеров с гектара. Подписывайтесь на наш канал в Telegram.""", True),
]


def _fingerprint(text: str, doc: str) -> StoryFingerprint:
    document = parse_text(doc, text)
    return fingerprint_document(document, extract(document))


@pytest.mark.parametrize(("first", "second", "same"), PAIRS)
def test_one_story_or_two(first: str, second: str, same: bool) -> None:
    a, b = _fingerprint(first, "a"), _fingerprint(second, "b")
    assert (story_match(a, b) > 0) is same
    assert (story_match(b, a) > 0) is same


def test_text_sketch_is_stable_and_small() -> None:
    sketch, count = text_sketch("В Жамбылской области построят завод " * 40)
    assert sketch == text_sketch("в жамбылской  области, построят завод! " * 40)[0]
    assert count == 5 and len(sketch) == 5
    long_sketch, long_count = text_sketch(" ".join(f"слово{i}" for i in range(1000)))
    assert len(long_sketch) == 64 and long_count == 997 and list(long_sketch) == sorted(long_sketch)


@pytest.mark.parametrize(("value", "unit", "key"), [
    (120e9, "KZT", "KZT:1.2e+11"), (5e5, "KZT", None), (800, "jobs", "jobs:800"), (45, "ha", None),
    (12.5, "percent", None), (3, "times", None), (630, "MW", "MW:630"),
])
def test_figure_keys(value: float, unit: str, key: str | None) -> None:
    assert figure_key(value, unit) == key


def test_find_story_picks_the_best_candidate() -> None:
    text = "Предприятие разместится в индустриальной зоне Тараза на площади 45 гектаров и даст работу людям " * 3
    fp = fingerprint(text, [(120e9, "KZT"), (800, "jobs")], ["KZ-31"])
    related = fingerprint("Другие слова совсем о другом " * 5, [(120e9, "KZT"), (800, "jobs")], ["KZ-31"])
    elsewhere = fingerprint("Другие слова совсем о другом " * 5, [(120e9, "KZT"), (800, "jobs")], ["KZ-55"])
    assert find_story(fp, [(7, related), (3, fp)]) == 3
    assert find_story(fp, [(7, related)]) == 7
    assert find_story(fp, [(9, elsewhere)]) is None
    assert find_story(fp, []) is None
    keys = story_keys(fp)
    assert "f:KZT:1.2e+11" in keys and sum(k.startswith("t:") for k in keys) == 8


# --- in the database, and in a digest -----------------------------------------------------

PAGES = {
    "news/ru/zavod-taraz.html": date(2025, 3, 4),
    "other/zavod-stekla-taraz.html": date(2025, 3, 4),
    "news/kk/zauyt-taraz.html": date(2025, 3, 5),
    "other/ulicy-taraz.html": date(2025, 3, 4),
    "news/ru/dorogi-pavlodar.html": date(2025, 3, 4),
}


async def _store_pages(db: Database, pages: dict[str, date]) -> dict[str, int]:
    from bot.ingestion import ingest_document

    ids = {}
    for name, day in pages.items():
        document = parse_html(name, (FIXTURES / name).read_text(encoding="utf-8"), url=f"http://x.kz/{name}")
        summary = await ingest_document(db, replace(document, published=day))
        assert summary.new
        row = await db.fetchone("SELECT id FROM articles WHERE url = ?", (f"http://x.kz/{name}",))
        ids[name] = row[0]
    return ids


async def test_reprints_and_translations_share_a_story(db: Database) -> None:
    ids = await _store_pages(db, PAGES)
    stories = StoriesRepo(db)
    assert await stories.assign_pending() == len(PAGES)
    assert await stories.assign_pending() == 0
    story = await stories.story_of(ids["news/ru/zavod-taraz.html"])
    assert story == ids["news/ru/zavod-taraz.html"]               # the first article names the story
    assert await stories.articles_of(story) == sorted(
        ids[n] for n in ("news/ru/zavod-taraz.html", "other/zavod-stekla-taraz.html", "news/kk/zauyt-taraz.html")
    )
    assert await stories.story_of(ids["other/ulicy-taraz.html"]) == ids["other/ulicy-taraz.html"]
    assert await stories.story_of(ids["news/ru/dorogi-pavlodar.html"]) == ids["news/ru/dorogi-pavlodar.html"]


async def test_a_retelling_weeks_later_is_another_story(db: Database) -> None:
    ids = await _store_pages(db, {"news/ru/zavod-taraz.html": date(2025, 3, 4),
                                  "other/zavod-stekla-taraz.html": date(2025, 3, 20)})
    await StoriesRepo(db).assign_pending()
    assert await StoriesRepo(db).story_of(ids["other/zavod-stekla-taraz.html"]) == ids["other/zavod-stekla-taraz.html"]


async def test_a_story_s_figures_are_counted_once_in_a_digest(db: Database) -> None:
    await _store_pages(db, PAGES)
    await StoriesRepo(db).assign_pending()
    first, last = date(2025, 3, 3), date(2025, 3, 5)
    figures = await FactsRepo(db).region_figures("KZ-31", first, last)
    picked = shortlist(figures, first, last)
    contexts = await FactsRepo(db).figure_contexts(f.id for f in picked)
    digest = compose_digest("KZ-31", first, last, picked, contexts, max_lines=20)
    by_value = {}
    for fact in digest.facts:
        by_value.setdefault((fact.unit, fact.value), []).append(fact)
    assert len(by_value[("jobs", 800)]) == 1
    jobs = by_value[("jobs", 800)][0]
    assert {s.outlet for s in jobs.sources} == {"Kazinform", "Orda.kz"}
    assert len(jobs.figure_ids) == 3                            # ru, its reprint, the Kazakh version


def _figure(figure_id: int, article_id: int, language: str, story_id: int | None, value: float, unit: str,
            category: str, text: str) -> StoredFigure:
    source = Source(article_id=article_id, outlet=f"Outlet {article_id}", title=None, url=None,
                    day=date(2025, 3, 4), language=language, story_id=story_id)
    return StoredFigure(id=figure_id, source=source, value=value, unit=unit, category=category, qualifier=None,
                        region="KZ-31", counted=None, text=text, start=0, stop=len(text))


@pytest.mark.parametrize(("stories", "facts"), [((1, 1), 1), ((None, None), 2), ((1, 2), 2)])
def test_a_small_figure_of_one_story_is_one_fact(stories: tuple, facts: int) -> None:
    # Two small numbers in two languages with no words in common: only the story joins them.
    figures = [
        _figure(1, 1, "ru", stories[0], 45, "ha", "area", "45 гектаров"),
        _figure(2, 2, "kk", stories[1], 45, "ha", "area", "45 гектар"),
    ]
    contexts = {
        1: FigureContext(1, "45 гектаров займет предприятие", 0),
        2: FigureContext(2, "45 гектар аумақта орналасады", 0),
    }
    digest = compose_digest("KZ-31", date(2025, 3, 4), date(2025, 3, 4), figures, contexts, max_lines=10)
    assert len(digest.facts) == facts


def test_one_story_gives_at_most_a_few_lines() -> None:
    figures = [
        _figure(i, 1 + i % 2, "ru", 1, 10_000 * (i + 1), "jobs", "jobs", f"{10_000 * (i + 1)} рабочих мест")
        for i in range(8)
    ]
    digest = compose_digest("KZ-31", date(2025, 3, 4), date(2025, 3, 4), figures, {}, max_lines=10)
    assert len(digest.facts) == PER_ARTICLE
    apart = [replace(f, source=replace(f.source, story_id=None)) for f in figures]
    assert len(compose_digest("KZ-31", date(2025, 3, 4), date(2025, 3, 4), apart, {}, max_lines=10).facts) == 2 * PER_ARTICLE


def test_story_days_window_is_small() -> None:
    from digest.story import STORY_DAYS

    assert timedelta(days=STORY_DAYS) <= timedelta(days=7)


async def test_files_ingested_from_disk_get_their_stories(db: Database, tmp_path: Path) -> None:
    from bot.ingestion import ingest_paths

    first, reprint, _ = PAIRS[0]
    (tmp_path / "a.txt").write_text(first, encoding="utf-8")
    (tmp_path / "b.txt").write_text(reprint, encoding="utf-8")
    summary = await ingest_paths(db, [tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(summary.new) == 2
    rows = await db.fetchall("SELECT id, story_id FROM articles ORDER BY id")
    assert [row["story_id"] for row in rows] == [rows[0]["id"], rows[0]["id"]]


async def test_reextraction_groups_the_stories_again(db: Database) -> None:
    from bot.ingestion import reextract_all

    ids = await _store_pages(db, PAGES)
    stories = StoriesRepo(db)
    await stories.assign_pending()
    before = {name: await stories.story_of(article) for name, article in ids.items()}
    # Forgetting one article of a three-article story regroups the whole story.
    assert await stories.forget([ids["news/kk/zauyt-taraz.html"]]) == 3
    assert await stories.story_of(ids["news/ru/zavod-taraz.html"]) is None
    assert await stories.story_of(ids["other/ulicy-taraz.html"]) is not None
    assert await reextract_all(db, only_stale=False) == len(PAGES)
    assert {name: await stories.story_of(article) for name, article in ids.items()} == before
    signatures = await db.fetchone("SELECT count(*) FROM story_signatures")
    assert signatures[0] == len(PAGES)
