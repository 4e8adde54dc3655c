"""Reading numbers: digits, separators, scale words, number words in Russian and Kazakh."""

from __future__ import annotations

import pytest

from digest.numbers import parse_number, read_number, split_kk_suffix

VALUES = [
    ("19 506", "ru", 19506),
    ("19\u00a0506", "ru", 19506),
    ("1\u202f234\u202f567", "ru", 1234567),
    ("1 234 567,5", "ru", 1234567.5),
    ("3866,5", "ru", 3866.5),
    ("3.5", "ru", 3.5),
    ("1,176 млрд", "ru", 1.176e9),
    ("5,3 тыс.", "ru", 5300),
    ("5,3 тыс", "ru", 5300),
    ("300 тысяч", "ru", 300000),
    ("750 млн", "ru", 7.5e8),
    ("5 трлн", "ru", 5e12),
    ("3 млрд 200 млн", "ru", 3.2e9),
    ("1 трлн 200 млрд", "ru", 1.2e12),
    ("5млн", "ru", 5e6),
    ("шесть", "ru", 6),
    ("девять", "ru", 9),
    ("двадцать пять", "ru", 25),
    ("двести тридцать семь", "ru", 237),
    ("трёхсот", "ru", 300),
    ("полтора", "ru", 1.5),
    ("полтора миллиона", "ru", 1.5e6),
    ("полмиллиона", "ru", 5e5),
    ("три триллиона 100 миллиардов", "ru", 3.1e12),
    ("две тысячи", "ru", 2000),
    ("миллион", "ru", 1e6),
    ("тысячу", "ru", 1000),
    ("две целых пять десятых", "ru", 2.5),
    ("четверо", "ru", 4),
    ("двое", "ru", 2),
    ("вдвое", "ru", 2),
    ("21 мыңнан", "kk", 21000),
    ("97,9 мың", "kk", 97900),
    ("8,8 млрд", "kk", 8.8e9),
    ("8 , 2 миллиард", "kk", 8.2e9),
    ("үш", "kk", 3),
    ("екі", "kk", 2),
    ("он бес", "kk", 15),
    ("он төрт-ақ", "kk", 14),
    ("жиырма бес", "kk", 25),
    ("екі жүз", "kk", 200),
    ("жүз", "kk", 100),
    ("үш жүз жиырма миллион", "kk", 3.2e8),
    ("тоқсан үш миллиард", "kk", 9.3e10),
    ("бір жарым", "kk", 1.5),
    ("жарты миллион", "kk", 5e5),
    ("мың", "kk", 1000),
    ("мыңнан", "kk", 1000),
    ("қырық үш бүтін оннан тоғыз", "kk", 43.9),
    ("екеуі", "kk", 2),
    ("онға", "kk", 10),
    ("он бірінде", "kk", 11),
]


@pytest.mark.parametrize(("text", "language", "value"), VALUES)
def test_value(text: str, language: str, value: float) -> None:
    assert parse_number(text, language) == pytest.approx(value, rel=1e-9)


NOT_NUMBERS = [
    ("млрд", "ru"),
    ("үшін", "kk"),        # "for"
    ("бірақ", "kk"),       # "but"
    ("алтын", "kk"),       # "gold"
    ("жүзеге", "kk"),      # жүзеге асыру, "to carry out"
    ("бірінде", "kk"),     # "in one of them"
    ("мыңдаған", "kk"),    # "thousands of"
    ("оның", "kk"),        # "his"
    ("пятое", "ru"),
]


@pytest.mark.parametrize(("text", "language"), NOT_NUMBERS)
def test_not_a_number(text: str, language: str) -> None:
    assert parse_number(text, language) is None


def test_bare_genitive_scale_needs_a_qualifier() -> None:
    assert read_number("тысячи людей", 0, "ru").needs_qualifier   # "thousands of people"
    assert not read_number("тысячу человек", 0, "ru").needs_qualifier
    assert not read_number("мың адам", 0, "kk").needs_qualifier


def test_spaced_decimal_comma_only_before_a_unit() -> None:
    assert read_number("88, 5%", 0, "ru").value == 88.5
    assert read_number("в 2023, 5 школ", 2, "ru").value == 2023


def test_thousands_groups_need_three_digits() -> None:
    assert read_number("в 2023 году 150 школ", 2, "ru").value == 2023
    assert read_number("1 23 школы", 0, "ru").value == 1


def test_digits_after_a_scale_join_only_with_a_smaller_scale() -> None:
    number = read_number("5 млн 2024 года", 0, "ru")
    assert number.value == 5e6 and number.stop == len("5 млн")


@pytest.mark.parametrize(
    ("text", "language"),
    [("1-ші орын", "kk"), ("30-летию", "ru"), ("5-летний", "ru"), ("2-комнатная", "ru"),
     ("бесінші", "kk"), ("екі мың он жетінші жылы", "kk")],
)
def test_ordinals_and_compounds_are_marked(text: str, language: str) -> None:
    assert read_number(text, 0, language).ordinal


def test_kazakh_endings() -> None:
    assert read_number("300-ге жетті", 0, "kk").suffix == "ге"
    assert read_number("мыңдай адам", 0, "kk").approx
    assert not read_number("5-ти школ", 0, "ru").ordinal
    assert read_number("14-ақ процент", 0, "kk").suffix == ""


def test_kazakh_stems() -> None:
    stems = frozenset({"жоба", "жылдық", "орын", "мектеп", "жас"})
    assert split_kk_suffix("жобаны", stems) == ("жоба", "ны")
    assert split_kk_suffix("жылдығын", stems) == ("жылдық", "ын")
    assert split_kk_suffix("орны", stems) == ("орын", "ы")
    assert split_kk_suffix("мектебі", stems) == ("мектеп", "і")
    assert split_kk_suffix("жастамыз", stems) == ("жас", "тамыз")
    assert split_kk_suffix("жобалық", stems) is None
    assert split_kk_suffix("жобалық", stems, adjectival=True) == ("жоба", "лық")
