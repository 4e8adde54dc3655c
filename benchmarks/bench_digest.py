"""Digest speed on a large database: `/region` answers and the 20 regional digests.

    .venv/bin/python benchmarks/bench_digest.py [--articles 100000] [--runs 300] [--db PATH]

Generates (once, then reuses) a database of N articles over a year across all 20
regions, with realistic bodies (3-6 thousand characters of Russian or Kazakh news
text around the figures), 5-12 figures an article, places and officials, written
straight into the real schema with the real full-text index. Then it times, after a
warm-up, `region_answer` (what `/region` runs: resolve, query, compose, render) over
queries typed as people type them, `regional_digest` for every region (what the
morning delivery runs), and `official_answer`, and prints p50/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers import official_answer, region_answer, regional_digest  # noqa: E402
from digest.folding import fold, fold_words  # noqa: E402
from storage.articles import content_hash  # noqa: E402
from storage.database import Database  # noqa: E402

END_DAY = date(2025, 11, 24)
SPAN_DAYS = 365
GENERATOR_VERSION = 1
REGION_BAR_MS = 100.0

# code: (ru name, kk name, ru genitive, kk genitive, towns (ru, kk), share of the news)
REGIONS: dict[str, tuple[str, str, str, str, tuple[tuple[str, str], ...], float]] = {
    "KZ-10": ("Абайская область", "Абай облысы", "Абайской области", "Абай облысының",
              (("Семей", "Семей"), ("Аягоз", "Аягөз"), ("Курчатов", "Курчатов")), 0.04),
    "KZ-11": ("Акмолинская область", "Ақмола облысы", "Акмолинской области", "Ақмола облысының",
              (("Кокшетау", "Көкшетау"), ("Степногорск", "Степногорск"), ("Щучинск", "Щучинск")), 0.04),
    "KZ-15": ("Актюбинская область", "Ақтөбе облысы", "Актюбинской области", "Ақтөбе облысының",
              (("Актобе", "Ақтөбе"), ("Хромтау", "Хромтау"), ("Кандыагаш", "Қандыағаш")), 0.04),
    "KZ-19": ("Алматинская область", "Алматы облысы", "Алматинской области", "Алматы облысының",
              (("Конаев", "Қонаев"), ("Каскелен", "Қаскелең"), ("Талгар", "Талғар"), ("Алатау", "Алатау")), 0.07),
    "KZ-23": ("Атырауская область", "Атырау облысы", "Атырауской области", "Атырау облысының",
              (("Атырау", "Атырау"), ("Кульсары", "Құлсары")), 0.04),
    "KZ-27": ("Западно-Казахстанская область", "Батыс Қазақстан облысы", "Западно-Казахстанской области",
              "Батыс Қазақстан облысының", (("Уральск", "Орал"), ("Аксай", "Ақсай")), 0.04),
    "KZ-31": ("Жамбылская область", "Жамбыл облысы", "Жамбылской области", "Жамбыл облысының",
              (("Тараз", "Тараз"), ("Жанатас", "Жаңатас"), ("Шу", "Шу")), 0.04),
    "KZ-33": ("область Жетісу", "Жетісу облысы", "области Жетісу", "Жетісу облысының",
              (("Талдыкорган", "Талдықорған"), ("Текели", "Текелі"), ("Жаркент", "Жаркент")), 0.04),
    "KZ-35": ("Карагандинская область", "Қарағанды облысы", "Карагандинской области", "Қарағанды облысының",
              (("Караганда", "Қарағанды"), ("Темиртау", "Теміртау"), ("Балхаш", "Балқаш")), 0.05),
    "KZ-39": ("Костанайская область", "Қостанай облысы", "Костанайской области", "Қостанай облысының",
              (("Костанай", "Қостанай"), ("Рудный", "Рудный"), ("Лисаковск", "Лисаков")), 0.04),
    "KZ-43": ("Кызылординская область", "Қызылорда облысы", "Кызылординской области", "Қызылорда облысының",
              (("Кызылорда", "Қызылорда"), ("Байконыр", "Байқоңыр"), ("Аральск", "Арал")), 0.04),
    "KZ-47": ("Мангистауская область", "Маңғыстау облысы", "Мангистауской области", "Маңғыстау облысының",
              (("Актау", "Ақтау"), ("Жанаозен", "Жаңаөзен")), 0.04),
    "KZ-55": ("Павлодарская область", "Павлодар облысы", "Павлодарской области", "Павлодар облысының",
              (("Павлодар", "Павлодар"), ("Экибастуз", "Екібастұз"), ("Аксу", "Ақсу")), 0.04),
    "KZ-59": ("Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "Северо-Казахстанской области",
              "Солтүстік Қазақстан облысының", (("Петропавловск", "Петропавл"), ("Булаево", "Булаев")), 0.04),
    "KZ-61": ("Туркестанская область", "Түркістан облысы", "Туркестанской области", "Түркістан облысының",
              (("Туркестан", "Түркістан"), ("Кентау", "Кентау"), ("Арысь", "Арыс")), 0.06),
    "KZ-62": ("Улытауская область", "Ұлытау облысы", "Улытауской области", "Ұлытау облысының",
              (("Жезказган", "Жезқазған"), ("Сатпаев", "Сәтбаев")), 0.03),
    "KZ-63": ("Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "Восточно-Казахстанской области",
              "Шығыс Қазақстан облысының", (("Усть-Каменогорск", "Өскемен"), ("Риддер", "Риддер")), 0.05),
    "KZ-71": ("Астана", "Астана", "Астаны", "Астананың", (("Астана", "Астана"),), 0.10),
    "KZ-75": ("Алматы", "Алматы", "Алматы", "Алматының", (("Алматы", "Алматы"),), 0.11),
    "KZ-79": ("Шымкент", "Шымкент", "Шымкента", "Шымкенттің", (("Шымкент", "Шымкент"),), 0.06),
}

# What people type into /region (the examples and one or two per region).
QUERIES = [
    "Алматинская", "Алматинской области", "Алматы облысы", "алматинская обл", "ВКО", "Жетісу", "Жетысу",
    "Қонаев", "Алмтинская", "Алматы", "Астана", "Шымкент", "Карагандинская область", "Қарағанды облысы",
    "Туркестанская", "Түркістан облысы", "Мангистауская область", "Атырау облысы", "Павлодарская",
    "СКО", "ЗКО", "Костанайская область", "Кызылорда облысы", "Жамбылская", "Абай облысы", "Ұлытау",
    "Актюбинская", "Акмолинская", "Экибастуз", "Талдыкорган", "Тараз", "Семей",
]
OUTLETS = ["Zakon.kz", "Kazinform", "Tengrinews", "Inbusiness.kz", "Kapital.kz", "Egemen.kz", "Aikyn.kz",
           "Bestnews.kz", "Informburo.kz", "Astana TV", "Akorda", "El.kz"]
SURNAMES = ["Султангазиев", "Токаев", "Бектенов", "Бозымбаев", "Карашукеев", "Исекешев", "Шукеев", "Акимов",
            "Жумангарин", "Кульгинов", "Сагинтаев", "Мамин", "Ескендиров", "Уразалин", "Байбек", "Досаев"]
FIRST_NAMES = ["Марат", "Ерлан", "Нурлан", "Асет", "Бауыржан", "Канат", "Серик", "Даурен", "Айдос", "Ермек"]

RU_FIGURES = [
    # (template with {x} where the figure span goes, span template, unit, category, value range, scale)
    ("В {town} реализуется проект, объем инвестиций составляет {x}.", "{n} млрд тенге", "KZT", "investment", (1, 900), 1e9),
    ("Общая стоимость строительства новой школы в {town} – {x}.", "{n} млрд тенге", "KZT", "cost", (1, 40), 1e9),
    ("На ремонт дорог в {town} выделено {x}.", "{n} млн тенге", "KZT", "budget", (50, 990), 1e6),
    ("Иностранный инвестор вложит {x} в строительство завода.", "{n} млн долларов", "USD", "investment", (5, 900), 1e6),
    ("В результате будет создано {x}.", "{n} рабочих мест", "jobs", "jobs", (20, 3000), 1),
    ("В {town} открылась школа на {x}.", "{n} мест", "places", "capacity", (300, 1500), 1),
    ("Объем промышленного производства вырос на {x}.", "{n}%", "percent", "growth", (1, 25), 1),
    ("Валовой региональный продукт достиг {x}.", "{n} трлн тенге", "KZT", "output", (1, 9), 1e12),
    ("Площадь нового парка составит {x}.", "{n} гектаров", "ha", "area", (5, 300), 1),
    ("За год собрано {x} мусора.", "{n} тонн", "t", "quantity", (100, 20000), 1),
    ("В регионе построено {x}.", "{n} школ", "units", "count", (2, 60), 1),
]
KK_FIGURES = [
    ("{town} қаласында инвестиция көлемі {x} жетті.", "{n} млрд теңгеге", "KZT", "investment", (1, 900), 1e9),
    ("Жаңа мектеп салуға {x} бөлінді.", "{n} млрд теңге", "KZT", "budget", (1, 40), 1e9),
    ("Жобаның құны {x} құрайды.", "{n} млн теңгені", "KZT", "cost", (50, 990), 1e6),
    ("Нәтижесінде {x} ашылады.", "{n} жұмыс орны", "jobs", "jobs", (20, 3000), 1),
    ("{town} қаласында {x} мектеп пайдалануға берілді.", "{n} орындық", "places", "capacity", (300, 1500), 1),
    ("Өнеркәсіп өндірісі {x} артты.", "{n}%-ға", "percent", "growth", (1, 25), 1),
    ("Жаңа саябақтың ауданы {x} құрайды.", "{n} гектарды", "ha", "area", (5, 300), 1),
]


@dataclass
class Corpus:
    """Filler sentences from the seeds, by language."""

    ru: list[str] = field(default_factory=list)
    kk: list[str] = field(default_factory=list)


def load_corpus() -> Corpus:
    corpus = Corpus()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if 40 < len(s.strip()) < 400]
        (corpus.kk if "облысының" in text or "жүзеге" in text else corpus.ru).extend(s + "." for s in sentences)
    return corpus


@dataclass
class Article:
    body: str
    title: str
    language: str
    region: str
    figures: list[tuple]            # (position, value, unit, category, text, start, stop, region)
    places: list[str]
    officials: list[int]


def make_article(rng: random.Random, corpus: Corpus, region: str, serial: int) -> Article:
    ru_name, kk_name, ru_gen, kk_gen, towns, _ = REGIONS[region]
    language = "kk" if rng.random() < 0.3 else "ru"
    templates = KK_FIGURES if language == "kk" else RU_FIGURES
    filler = corpus.kk if language == "kk" else corpus.ru
    target = rng.randint(3000, 6000)
    parts: list[str] = []
    figures: list[tuple] = []
    places: list[str] = []
    length = 0
    lead = (f"{kk_gen} әкімдігі жаңа жобалар туралы хабарлады (№{serial})." if language == "kk"
            else f"В {ru_gen} подвели итоги реализации проектов (материал №{serial}).")
    parts.append(lead)
    length += len(lead) + 1
    for _ in range(rng.randint(5, 12)):
        for _ in range(rng.randint(1, 3)):
            sentence = rng.choice(filler)
            parts.append(sentence)
            length += len(sentence) + 1
        template, span, unit, category, (low, high), scale = rng.choice(templates)
        town_ru, town_kk = rng.choice(towns)
        town = town_kk if language == "kk" else town_ru
        number = rng.randint(low, high)
        shown = str(number)
        if scale >= 1e9 and rng.random() < 0.5:
            shown = f"{number},{rng.randint(1, 9)}"
        span_text = span.format(n=shown)
        value = float(shown.replace(",", ".")) * scale
        sentence = template.format(town=town, x=span_text)
        start = length + sentence.index(span_text)
        figures.append((len(figures), value, unit, category, span_text, start, start + len(span_text), region))
        parts.append(sentence)
        length += len(sentence) + 1
        if town not in places and town not in (ru_name, kk_name):
            places.append(town)
    while length < target:
        sentence = rng.choice(filler)
        parts.append(sentence)
        length += len(sentence) + 1
    body = " ".join(parts)
    title = (f"{kk_name}: {figures[0][4]} — жаңа жоба" if language == "kk"
             else f"{ru_name}: {figures[0][4]} на новый проект")
    officials = [rng.randrange(len(SURNAMES) * len(FIRST_NAMES)) for _ in range(rng.choice((0, 1, 1, 2)))]
    return Article(body, title, language, region, figures, places, officials)


def official_name(index: int) -> tuple[str, str]:
    surname = SURNAMES[index % len(SURNAMES)]
    first = FIRST_NAMES[index // len(SURNAMES) % len(FIRST_NAMES)]
    variant = index // (len(SURNAMES) * len(FIRST_NAMES))
    surname = surname if variant == 0 else f"{surname}{'аев' * variant}"
    return f"{first} {surname}", fold(surname)


async def create_schema(path: Path) -> None:
    db = await Database.open(path)
    await db.close()


def generate(path: Path, articles: int, seed: int = 7, span_days: int = SPAN_DAYS) -> None:
    """Write `articles` articles with their facts, spread over the `span_days` days
    up to `END_DAY`, into a new database at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    asyncio.run(create_schema(path))
    rng = random.Random(seed)
    corpus = load_corpus()
    codes = list(REGIONS)
    weights = [REGIONS[c][5] for c in codes]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    officials: dict[str, int] = {}
    with conn:
        for serial in range(articles):
            region = rng.choices(codes, weights)[0]
            article = make_article(rng, corpus, region, serial)
            day = END_DAY - timedelta(days=int(span_days * serial / articles))
            ingested = datetime.combine(day, datetime.min.time(), UTC) + timedelta(minutes=rng.randint(0, 36 * 60))
            outlet = rng.choice(OUTLETS)
            cursor = conn.execute(
                "INSERT INTO articles (doc, url, source, title, body, language, published, day, ingested_at,"
                " content_hash, search_text, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,1)",
                (f"bench-{serial}", f"https://{outlet.lower().replace(' ', '')}/news/{serial}", outlet,
                 article.title, article.body, article.language, day.isoformat(), day.isoformat(),
                 ingested.isoformat(timespec="seconds"), content_hash(article.body),
                 fold_words(f"{article.title} {article.body}")),
            )
            article_id = cursor.lastrowid
            conn.execute("INSERT INTO article_regions (article_id, region, rank) VALUES (?, ?, 0)",
                         (article_id, region))
            conn.executemany("INSERT INTO article_places (article_id, position, name, region) VALUES (?,?,?,?)",
                             [(article_id, i, name, region) for i, name in enumerate(article.places)])
            conn.executemany(
                "INSERT INTO figures (article_id, position, value, unit, category, qualifier, region, counted,"
                " text, start, stop) VALUES (?,?,?,?,?,NULL,?,?,?,?,?)",
                [(article_id, pos, value, unit, category, fregion, "школа" if unit == "units" else None, text,
                  start, stop) for pos, value, unit, category, text, start, stop, fregion in article.figures],
            )
            named = {key: name for name, key in map(official_name, article.officials)}
            for key, name in named.items():
                if key not in officials:
                    column = "name_kk" if article.language == "kk" else "name_ru"
                    officials[key] = conn.execute(
                        f"INSERT INTO officials (key, {column}, role, region) VALUES (?, ?, ?, ?)",
                        (key, name, "аким", region),
                    ).lastrowid
                conn.execute("INSERT INTO official_mentions (official_id, article_id, name) VALUES (?, ?, ?)",
                             (officials[key], article_id, name))
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (articles INTEGER, version INTEGER)")
        conn.execute("INSERT INTO bench_meta VALUES (?, ?)", (articles, GENERATOR_VERSION))
    conn.close()


def is_generated(path: Path, articles: int) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT articles, version FROM bench_meta").fetchone()
    except sqlite3.Error:
        return False
    return row == (articles, GENERATOR_VERSION)


# --- measuring --------------------------------------------------------------------------

@dataclass
class Timing:
    name: str
    samples: list[float]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        return self.percentile(0.99)


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await call()
    return (time.perf_counter() - start) * 1000


async def measure(path: Path, runs: int) -> list[Timing]:
    db = await Database.open(path)
    now = datetime.combine(END_DAY, datetime.min.time(), UTC) + timedelta(hours=12)
    until = datetime.combine(END_DAY, datetime.min.time(), UTC) + timedelta(hours=3)
    since = until - timedelta(days=1)
    rng = random.Random(11)
    try:
        for query in QUERIES:                                # warm-up: caches, morphology, pages
            await region_answer(db, query, "both", now=now)
        region = Timing("/region (1 day, both languages)", [])
        for query in (rng.choice(QUERIES) for _ in range(runs)):
            region.samples.append(await timed(lambda q=query: region_answer(db, q, "both", now=now)))
        week = Timing("/region --days 7", [])
        for query in (rng.choice(QUERIES) for _ in range(max(runs // 3, 20))):
            week.samples.append(await timed(lambda q=query: region_answer(db, q, "both", days=7, now=now)))
        one_digest: list[float] = []
        all_digests: list[float] = []
        for _ in range(max(runs // 20, 5)):
            start = time.perf_counter()
            for code in REGIONS:
                one_digest.append(await timed(lambda c=code: regional_digest(db, c, "both", since, until)))
            all_digests.append((time.perf_counter() - start) * 1000)
        names = [official_name(i)[0] for i in range(40)]
        official = Timing("/official", [])
        for name in (rng.choice(names) for _ in range(max(runs // 3, 20))):
            official.samples.append(await timed(lambda n=name: official_answer(db, n.split()[-1], "both")))
    finally:
        await db.close()
    return [region, week, Timing("one regional digest", one_digest),
            Timing("all 20 regional digests", all_digests), official]


def print_table(timings: list[Timing], articles: int, path: Path) -> None:
    size_mb = path.stat().st_size / 1e6
    print(f"database: {articles} articles, {size_mb:.0f} MB ({path})")
    print(f"{'operation':<36}{'runs':>6}{'p50 ms':>10}{'p99 ms':>10}")
    for timing in timings:
        print(f"{timing.name:<36}{len(timing.samples):>6}{timing.p50:>10.1f}{timing.p99:>10.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--db", type=Path, default=None, help="default: var/bench/digest_<N>.db")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    path = args.db or ROOT / "var" / "bench" / f"digest_{args.articles}.db"
    if args.regenerate or not is_generated(path, args.articles):
        start = time.perf_counter()
        generate(path, args.articles)
        print(f"generated {args.articles} articles in {time.perf_counter() - start:.0f} s")
    timings = asyncio.run(measure(path, args.runs))
    print_table(timings, args.articles, path)
    region_p99 = timings[0].p99
    verdict = "ok" if region_p99 < REGION_BAR_MS else "TOO SLOW"
    print(f"/region p99 {region_p99:.1f} ms (bar {REGION_BAR_MS:.0f} ms): {verdict}")
    return 0 if region_p99 < REGION_BAR_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
