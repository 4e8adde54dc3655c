from datetime import date

import pytest

from digest.language import detect_language
from digest.metadata import find_published, find_source, parse_date

DATES = [
    (" date 2025-10-23 #АЭС в Казахстане", date(2025, 10, 23)),
    ("Новости Zakon.kz от 23.10.2025 18:43", date(2025, 10, 23)),
    ("14 июня 2024 года", date(2024, 6, 14)),
    ("1 марта 2025 г.", date(2025, 3, 1)),
    ("2024 жылғы 14 маусым", date(2024, 6, 14)),
    ("Жарияланды: 05.02.2026, 10:15", date(2026, 2, 5)),
    ("2026-01-31T08:00:00+05:00", date(2026, 1, 31)),
    ("31.02.2025", None),          # no such day
    ("за январь-май 2024 года", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_published_comes_from_the_head_not_the_body() -> None:
    text = "Завод запущен\n\nПредприятие было запущено 6 декабря 2024 года и дало 200 рабочих мест."
    assert find_published(text) is None


def test_published_from_a_date_line_under_the_headline() -> None:
    assert find_published("Акорда\nГлава государства принял акима\n14 июня 2024 года\nТекст.") == date(
        2024, 6, 14
    )


SOURCES = [
    ("В Алматинской области прошли мероприятия, сообщает Zakon.kz.", "Zakon.kz"),
    ("Проект запущен, передает kazlenta.kz.", "Kazlenta.kz"),
    ("Рабочая поездка началась, сообщает Bestnews.kz со ссылкой на Телеграм-канал Акорды.", "Bestnews.kz"),
    ("Акорда\nГлава государства принял акима", "Akorda"),
    ("Облыста жаңа зауыт ашылды, деп хабарлайды Kazinform тілшісі.", "Kazinform"),
    ("Аудан әкімі мектепті аралады.", None),
    ("В ВКО завершили ремонт дорог\nУСТЬ-КАМЕНОГОРСК. KAZINFORM – В области отремонтировали дороги.", "Kazinform"),
    ("АСТАНА, 3 марта. Kazinform - Глава государства подписал указ.", "Kazinform"),
    ("ПАВЛОДАР. Сегодня - день открытых дверей.", None),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES)
def test_find_source(text: str, expected: str | None) -> None:
    assert find_source(text) == expected


LANGUAGES = [
    ("В Алматинской области построили школу на 600 мест.", "ru"),
    ("Президенту представили итоги акции «Таза Қазақстан» в Қонаеве и области.", "ru"),
    ("Алатау қаласының бюджеті үш есеге өсіп, 8,8 млрд теңгеге жетті.", "kk"),
    ("Облыс әкімі жаңа мектепті аралады және ата-аналармен кездесті.", "kk"),
    ("The akimat announced a new industrial park in Almaty region.", "other"),
    ("", "other"),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Заголовок\n\nТекст статьи о заседании.\n\nprimeminister.kz", "PrimeMinister.kz"),
    ("Заголовок\n\nТекст статьи.\n\nИсточник: Kazinform", "Kazinform"),
    ("Тақырып\n\nМақала мәтіні.\n\nДереккөз: Егемен Қазақстан", "Egemen.kz"),
    # A long last line that happens to name an outlet is not a signature.
    ("Заголовок\n\nТекст.\n\nАким рассказал об итогах года на брифинге в Akorda", None),
])
def test_an_outlet_signed_at_the_end(text: str, expected: str | None) -> None:
    assert find_source(text) == expected
