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
