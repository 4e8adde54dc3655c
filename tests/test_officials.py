"""Officials: names in the nominative, role and region, in Russian and Kazakh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digest.folding import fold
from digest.officials import (
    find_officials,
    listed_officials,
    official_key,
    positions,
    resolve_official,
)
from digest.regions import REGION_CODES, find_places, rank_regions


def officials_of(text: str, language: str) -> list[tuple[str, str | None, str | None]]:
    places = find_places(text, language)
    regions = rank_regions(text, places)
    return [(o.name, o.role, o.region) for o in find_officials(text, language, places, regions)]


# [text, language, expected (name, role, region) in order of first mention]
GOLDEN = [
    # Russian: role before the name, in any case
    ("Аким Карагандинской области Ермаганбет Булекпаев открыл новую школу на 600 мест.", "ru",
     [("Ермаганбет Булекпаев", "аким Карагандинской области", "KZ-35")]),
    ("Глава государства принял акима Павлодарской области Асаина Байханова.", "ru",
     [("Асаин Байханов", "аким Павлодарской области", "KZ-55")]),
    ("Премьер-министр Олжас Бектенов провел заседание Правительства.", "ru",
     [("Олжас Бектенов", "Премьер-министр", None)]),
    ("Министр энергетики Ерлан Аккенженов сообщил о планах по строительству ТЭЦ.", "ru",
     [("Ерлан Аккенженов", "министр энергетики", None)]),
    ("Об этом сообщил заместитель акима Костанайской области Даурен Абаев.", "ru",
     [("Даурен Абаев", "заместитель акима Костанайской области", "KZ-39")]),
    ("Аким Шымкента Габит Сыздыкбеков осмотрел строительство дорог.", "ru",
     [("Габит Сыздыкбеков", "аким Шымкента", "KZ-79")]),
    ("Депутат Мажилиса Айдос Сарым выступил с запросом.", "ru",
     [("Айдос Сарым", "депутат Мажилиса", None)]),
    ("Председатель Сената Маулен Ашимбаев встретился с делегацией.", "ru",
     [("Маулен Ашимбаев", "председатель Сената", None)]),
    ("Касым-Жомарту Токаеву доложили о ходе посевной. Президент поручил завершить работы в срок.", "ru",
     [("Касым-Жомарт Токаев", "Президент", None)]),
    ("В Атырау прибыл Серик Шапкенов, аким Атырауской области, чтобы проверить ход работ.", "ru",
     [("Серик Шапкенов", "аким Атырауской области", "KZ-23")]),
    ("Встреча прошла с участием Нурлана Нигматулина, председателя Мажилиса.", "ru",
     [("Нурлан Нигматулин", "председатель Мажилиса", None)]),
    ("В Кызылорде глава региона Нурлыбек Налибаев открыл завод.", "ru",
     [("Нурлыбек Налибаев", "аким Кызылординской области", "KZ-43")]),
    ("Генеральный прокурор Берик Асылов провел прием граждан в Усть-Каменогорске.", "ru",
     [("Берик Асылов", "Генеральный прокурор", None)]),
    ("Встречу провел первый заместитель Премьер-министра Роман Скляр.", "ru",
     [("Роман Скляр", "первый заместитель Премьер-министра", None)]),
    ("Жалобу направили Генеральному прокурору Берику Асылову.", "ru",
     [("Берик Асылов", "Генеральный прокурор", None)]),
    ("Министр по чрезвычайным ситуациям Чингис Аринов прибыл в Семей.", "ru",
     [("Чингис Аринов", "министр по чрезвычайным ситуациям", None)]),
    ("Аким области провел встречу с Ерланом Сапаровым, фермером из Жаркента.", "ru", []),
    ("Ерлан Сапаров, который руководит хозяйством, рассказал о сборе урожая.", "ru", []),
    ("Руководитель управления образования Туркестанской области Ахметов Нурлан рассказал о новых школах.", "ru",
     [("Нурлан Ахметов", "руководитель управления образования Туркестанской области", "KZ-61")]),
    ("Депутат маслихата Карагандинской области Ерлан Жакупов поддержал проект.", "ru",
     [("Ерлан Жакупов", "депутат маслихата Карагандинской области", "KZ-35")]),
    ("Вице-министр сельского хозяйства Амангельды Тасжуреков посетил Костанай.", "ru",
     [("Амангельды Тасжуреков", "вице-министр сельского хозяйства", None)]),
    ("Сенатор Нурлан Бекназаров выступил на пленарном заседании.", "ru",
     [("Нурлан Бекназаров", "сенатор", None)]),
    ("Түркістан облысы білім басқармасының басшысы Нұрлан Ахметов жаңа мектептер туралы айтты.", "kk",
     [("Нұрлан Ахметов", "Түркістан облысы білім басқармасының басшысы", "KZ-61")]),
    ("Шымкентте жиын өтті. Қала әкімінің орынбасары Ерлан Оспанов 15 мың адам жұмыспен қамтылғанын айтты.", "kk",
     [("Ерлан Оспанов", "қала әкімінің орынбасары", "KZ-79")]),
    ("Как рассказал руководитель управления пассажирского транспорта и автомобильных дорог ВКО Даурен Сейтказин, выделено 18,7 млрд тенге.", "ru",
     [("Даурен Сейтказин", "руководитель управления пассажирского транспорта и автомобильных дорог ВКО", "KZ-63")]),
    # not officials: business people, athletes, journalists, a bare title
    ("Директор ТОО «Казсталь» Ерлан Жумабаев рассказал о новом цехе на 200 рабочих мест.", "ru", []),
    ("Председатель правления АО «Самрук-Энерго» Кайрат Максутов отметил рост выработки.", "ru", []),
    ("Боксер Геннадий Головкин провел мастер-класс для детей в Караганде.", "ru", []),
    ("Аким области ознакомился с ходом строительства школы в Талдыкоргане.", "ru", []),
    ("Президент федерации бокса Тимур Кулибаев вручил награды.", "ru", []),
    # Kazakh
    ("Алматы облысының әкімі Марат Сұлтанғазиев жаңа мектепті аралады.", "kk",
     [("Марат Сұлтанғазиев", "Алматы облысының әкімі", "KZ-19")]),
    ("Премьер-министр Олжас Бектенов Үкімет отырысын өткізді.", "kk",
     [("Олжас Бектенов", "Премьер-министр", None)]),
    ("Маңғыстау облысының әкімі Нұрдәулет Қилыбай Ақтауда жаңа ауруханамен танысты.", "kk",
     [("Нұрдәулет Қилыбай", "Маңғыстау облысының әкімі", "KZ-47")]),
    ("Бұл туралы Білім және ғылым министрі Асхат Аймағамбетов мәлімдеді.", "kk",
     [("Асхат Аймағамбетов", "Білім және ғылым министрі", None)]),
    ("Мемлекет басшысы Қасым-Жомарт Тоқаев Түркістан облысына жұмыс сапарымен барды.", "kk",
     [("Қасым-Жомарт Тоқаев", "Президент", None)]),
    ("Жиынға Ақтөбе облысының әкімі Асхат Шахаров қатысты. Шахаровтың айтуынша, өңірде 3 мың жұмыс орны ашылады.", "kk",
     [("Асхат Шахаров", "Ақтөбе облысының әкімі", "KZ-15")]),
    ("Премьер-министр Асқар Маминнің төрағалығымен мемлекеттік комиссияның отырысы өтті.", "kk",
     [("Асқар Мамин", "Премьер-министр", None)]),
    ("Ақтау қалалық мәслихатының депутаты Асқар Керелбаевтың атсалысуымен жағалау абаттандырылды.", "kk",
     [("Асқар Керелбаев", "Ақтау қалалық мәслихатының депутаты", "KZ-47")]),
    ("Кәсіпкер Ерлан Сапаров жаңа зауыт салды.", "kk", []),
    ("Облыс әкімі жаңа мектептің ашылуына қатысты.", "kk", []),
    ("«Caspian Group» АҚ директорлар кеңесінің төрағасы Юрий Цхай жобаны таныстырды.", "kk", []),
    ("Қызылорда облысы әкімінің орынбасары Бауыржан Ахметов жиынды өткізді.", "kk",
     [("Бауыржан Ахметов", "Қызылорда облысы әкімінің орынбасары", "KZ-43")]),
]


@pytest.mark.parametrize(("text", "language", "expected"), GOLDEN, ids=[g[0][:40] for g in GOLDEN])
def test_golden_officials(text: str, language: str, expected: list) -> None:
    assert officials_of(text, language) == expected


def test_one_person_across_cases_and_languages() -> None:
    keys = {official_key(name) for name in (
        "Марат Султангазиев", "Марата Султангазиева", "Сұлтанғазиев", "Сұлтанғазиевтің",
    )}
    assert keys == {"султангазиев"}
    assert official_key("Қанат Бозымбаев") == official_key("Канат Бозумбаев")


def test_bare_surname_of_a_listed_official_gets_the_full_name() -> None:
    text = "В Таразе аким Жамбылской области Карашукеев проверил ход ремонта."
    assert officials_of(text, "ru") == [("Ербол Карашукеев", "аким Жамбылской области", "KZ-31")]


def test_mentions_of_one_person_are_merged() -> None:
    text = ("Аким области Марат Султангазиев посетил Конаев. По словам Марата Султангазиева, "
            "в городе построят 3 школы.")
    places = find_places(text, "ru")
    found = find_officials(text, "ru", places, ["KZ-19"])
    assert len(found) == 1
    assert found[0].role == "аким Алматинской области"
    assert len(found[0].mentions) == 2


@pytest.mark.parametrize("query", ["Султангазиев", "Сұлтанғазиев", "султангазиева", "Сұлтанғазиевтің"])
def test_resolve_official_in_any_case_and_language(query: str) -> None:
    assert [row.key for row in resolve_official(query)] == ["султангазиев"]


def test_resolve_official_unknown_is_empty() -> None:
    assert resolve_official("Иванов") == []


def test_listed_officials_data_is_sane() -> None:
    rows = listed_officials()
    keys = [row.key for row in rows]
    assert len(keys) == len(set(keys))
    akim_regions = [row.region for row in rows if row.office == "akim"]
    assert sorted(akim_regions) == sorted(REGION_CODES), "one akim for each of the 20 regions"
    for row in rows:
        assert row.key == fold(row.name_ru.split()[-1])
        assert row.source
        assert (row.region is None) == (row.office != "akim")


def test_positions_data_is_sane() -> None:
    rows = positions()
    assert {p.language for p in rows} == {"ru", "kk"}
    assert {p.scope for p in rows} <= {"national", "regional", "body"}
    assert len({(p.language, p.stem) for p in rows}) == len(rows)
    assert all(p.stem == p.stem.lower() for p in rows)


def test_first_names_match_what_the_script_builds() -> None:
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_first_names.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, "run: .venv/bin/python scripts/build_first_names.py"


# general rules found on the dev set
DEV_RULES = [
    # `председательством` ("chaired by") is not the office `председатель`
    ("Под председательством Премьер-министра Олжаса Бектенова состоялось заседание Правительства.", "ru",
     [("Олжас Бектенов", "Премьер-министр", None)]),
    # a first name ending like a surname before a word that can only be one
    ("Министр промышленности и строительства Ерсайын Нагаспаев сообщил о вводе жилья.", "ru",
     [("Ерсайын Нагаспаев", "министр промышленности и строительства", None)]),
    # a listed official's first name in an oblique case takes the listed name
    ("В столице, по словам акима Астаны Жениса Касымбека, отремонтировано 68 км сетей.", "ru",
     [("Женис Касымбек", "аким Астаны", "KZ-71")]),
    # `аким города` in an article about a top-level city names that city's akim
    ("В Алматы построят больницу. Аким города Ерболат Досаев поручил ускорить работы.", "ru",
     [("Ерболат Досаев", "аким Алматы", "KZ-75")]),
    ("Астанада жол жөнделеді. Елорда әкімі Жеңіс Қасымбек кеңес өткізді.", "kk",
     [("Жеңіс Қасымбек", "Астана әкімі", "KZ-71")]),
    # a ministry's name keeps its capital at the start of a sentence; a territory word does not
    ("Қаржы министрі Мәди Тәкиев бюджет туралы хабарлады.", "kk",
     [("Мәди Тәкиев", "Қаржы министрі", None)]),
    # a body's long name reaches back to the town that owns it
    ("Астана қаласы жолаушылар көлігі және автомобиль жолдары басқармасының басшысы Асқар Әлімбеков "
     "жөндеу жоспарын таныстырды.", "kk",
     [("Асқар Әлімбеков",
       "Астана қаласы жолаушылар көлігі және автомобиль жолдары басқармасының басшысы", "KZ-71")]),
]


@pytest.mark.parametrize(("text", "language", "expected"), DEV_RULES, ids=[g[0][:40] for g in DEV_RULES])
def test_dev_rules(text: str, language: str, expected: list) -> None:
    assert officials_of(text, language) == expected


# Kazakh roles prompted by the second development set (tests/data/dev2).
DEV2_ROLES = [
    # a body's long name opened by `облыстық`, with an instrumental inside it
    ["Бұл туралы облыстық туризм басқармасының басшысы Нұрсұлтан Әбдіразақов айтты.", "kk",
     [("Нұрсұлтан Әбдіразақов", "облыстық туризм басқармасының басшысы")]],
    ["Облыстық жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасының басшысы Дәурен "
     "Қасенов мәлімет берді.", "kk",
     [("Дәурен Қасенов",
       "облыстық жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасының басшысы")]],
    # a ministry's name back to its capital, kept capitalised when it opens the sentence
    ["Төтенше жағдайлар министрі Шыңғыс Әрінов баяндады.", "kk",
     [("Шыңғыс Әрінов", "Төтенше жағдайлар министрі")]],
    ["Сапарда Еңбек және халықты әлеуметтік қорғау вице-министрі Асқар Бисембаев болды.", "kk",
     [("Асқар Бисембаев", "Еңбек және халықты әлеуметтік қорғау вице-министрі")]],
    ["Ауыл шаруашылығы вице-министрі Айдар Әбілдаев өңірге келді.", "kk",
     [("Айдар Әбілдаев", "Ауыл шаруашылығы вице-министрі")]],
    # a compass word opening the region's name at the start of the sentence
    ["Батыс Қазақстан облысының әкімі Нариман Төреғалиев бөгеттерді тексерді.", "kk",
     [("Нариман Төреғалиев", "Батыс Қазақстан облысының әкімі")]],
]


@pytest.mark.parametrize(("text", "language", "expected"), DEV2_ROLES, ids=[f"dev2-{i}" for i in range(len(DEV2_ROLES))])
def test_dev2_kazakh_roles(text: str, language: str, expected: list) -> None:
    assert [(name, role) for name, role, _ in officials_of(text, language)] == expected


def test_dev2_ministry_role_stops_at_the_sentence_around_it() -> None:
    text = "Кеше Ақтөбеге барған денсаулық сақтау вице-министрі Тимур Сұлтанов ауруханаларды аралады."
    [(name, role, region)] = officials_of(text, "kk")
    assert name == "Тимур Сұлтанов" and region is None
    assert role.endswith("вице-министрі") and "барған" not in role and "Ақтөбе" not in role
