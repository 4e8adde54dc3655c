"""Who said it: a figure is attributed to the official named in its sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from test_answers import figure, store, text_of

from bot.answers import region_answer
from digest.attribution import Speaker, sentence_bounds, speaker_of
from digest.model import Document, Extraction, Official
from storage.database import Database

SULTANGAZIEV = Speaker("султангазиев", "Марат Султангазиев", "Марат Сұлтанғазиев",
                       roles=("аким Алматинской области", "Алматы облысының әкімі"))
TOKAYEV = Speaker("токаев", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев", roles=("Президент",))
BALAEVA = Speaker("балаева", "Аида Балаева", "Аида Балаева", roles=("министр культуры и информации",))
BEKTENOV = Speaker("бектенов", "Олжас Бектенов", "Олжас Бектенов", roles=("Премьер-министр",))


def who(text: str, figure_text: str, officials=(SULTANGAZIEV, TOKAYEV, BALAEVA)) -> str | None:
    start = text.index(figure_text)
    speaker = speaker_of(text, start, start + len(figure_text), officials)
    return speaker.key if speaker else None


@pytest.mark.parametrize(("text", "figure_text", "expected"), [
    ("По словам акима области Марата Султангазиева, будет создано 300 рабочих мест.", "300 рабочих мест",
     "султангазиев"),
    ("«Биыл 5 мектеп саламыз», – деді Марат Сұлтанғазиев.", "5 мектеп", "султангазиев"),
    ("Облыс әкімі Сұлтанғазиевтің айтуынша, 2 мың жұмыс орны ашылады.", "2 мың жұмыс орны", "султангазиев"),
    ("Министр Аиде Балаевой доложили, что выделено 2 млрд тенге.", "2 млрд тенге", "балаева"),
    # Two officials: the one nearer the figure gave it.
    ("Президент Касым-Жомарт Токаев заслушал акима, и Марат Султангазиев сообщил о 12 школах.", "12 школах",
     "султангазиев"),
    # Who was told or met is not who gave the figure.
    ("Касым-Жомарту Токаеву сообщили о формировании 7 индустриальных зон.", "7 индустриальных зон", None),
    # …the akim who reported it is (named by office: see below).
    ("Облыс әкімі Мемлекет басшысы Тоқаевқа 5 мектеп салынғанын баяндады.", "5 мектеп", "султангазиев"),
    ("Премьер-министр встретился с Маратом Султангазиевым и обсудил 3 проекта.", "3 проекта", None),
    # The name is in another sentence: nobody is credited.
    ("Марат Султангазиев посетил завод. Проект стоит 5 млрд тенге.", "5 млрд тенге", None),
])
def test_the_official_in_the_figure_s_sentence(text: str, figure_text: str, expected: str | None) -> None:
    assert who(text, figure_text) == expected


@pytest.mark.parametrize(("text", "figure_text", "expected"), [
    # No name, but the office of the one official of the article who holds it.
    ("Как сообщил аким области, в этом году построят 12 школ.", "12 школ", "султангазиев"),
    ("Облыс әкімінің айтуынша, биыл 12 мектеп салынады.", "12 мектеп", "султангазиев"),
    ("Глава региона отметил: «Аким области лично контролирует 5 объектов».", "5 объектов", "султангазиев"),
    ("Министр сообщила, что на реставрацию выделено 800 млн тенге.", "800 млн тенге", "балаева"),
    # Another level's akim, an office nobody in the article holds, several who could be meant.
    ("Аким района сообщил о 12 новых школах.", "12 новых школах", None),
    ("Вице-министр сообщил о 3 проектах.", "3 проектах", None),
    ("Акиму области поручили построить 12 школ.", "12 школ", None),
    ("Аким области посетил завод стоимостью 5 млрд тенге.", "5 млрд тенге", "султангазиев"),
])
def test_an_office_without_a_name_is_its_holder_in_the_article(
    text: str, figure_text: str, expected: str | None
) -> None:
    assert who(text, figure_text, (SULTANGAZIEV, TOKAYEV, BALAEVA, BEKTENOV)) == expected


def test_an_office_two_officials_hold_is_nobody() -> None:
    other = Speaker("бозумбаев", "Канат Бозумбаев", None, roles=("аким Алматинской области",))
    text = "Аким области сообщил о 12 школах."
    start = text.index("12 школах")
    assert speaker_of(text, start, start + 9, (SULTANGAZIEV, other)) is None


def test_sentence_bounds() -> None:
    text = "Первое предложение. Во втором 5 млрд тенге. Третье."
    start = text.index("5 млрд")
    begin, end = sentence_bounds(text, start, start + 6)
    assert text[begin:end].strip() == "Во втором 5 млрд тенге."


def test_a_speaker_is_named_in_the_reader_s_language() -> None:
    assert SULTANGAZIEV.name("kk") == "Марат Сұлтанғазиев" and SULTANGAZIEV.name("ru") == "Марат Султангазиев"
    assert Speaker("x", None, None, ("Ерлан Карин",)).name("kk") == "Ерлан Карин"


NOW = datetime(2025, 11, 24, 12, 0, tzinfo=UTC)
BODY = ("В Алматинской области откроют новый завод. По словам акима области Марата Султангазиева, "
        "на предприятии будет создано 450 рабочих мест. Стоимость проекта — 12 млрд тенге.")


async def test_the_digest_line_names_who_gave_the_figure(db: Database) -> None:
    official = Official("Марат Султангазиев", "султангазиев", "аким области", "KZ-19",
                        ((BODY.index("Марата"), BODY.index("Марата") + 20),))
    await store(db, Document("a.txt", BODY, "ru", "Завод", NOW.date(), "Zakon.kz", "https://zakon.kz/a"),
                Extraction(regions=("KZ-19",), officials=(official,), figures=(
                    figure(BODY, "450 рабочих мест", 450, "jobs", "jobs"),
                    figure(BODY, "12 млрд тенге", 12e9, "KZT", "cost"),
                )), ingested=NOW - timedelta(hours=1))
    ru = text_of(await region_answer(db, "Алматинская", "ru", now=NOW))
    kk = text_of(await region_answer(db, "Алматы облысы", "kk", now=NOW))
    [jobs] = [line for line in ru.splitlines() if "450" in line]
    [cost] = [line for line in ru.splitlines() if "12 млрд" in line]
    assert jobs.startswith("• <b>450 рабочих мест</b> · Марат Султангазиев · <a href=")
    assert "Султангазиев" not in cost
    kk_jobs = next(line for line in kk.splitlines() if "450" in line)
    assert "· Марат Сұлтанғазиев · <a href=" in kk_jobs
