import pytest

from digest.cleaning import clean_body, normalize_text, repair_lookalikes

DROPPED_LINES = [
    "Фото: акимат Алматинской области",
    "Фото: пресс-служба акима Костанайской области",
    "Фото - Kazinform",
    "Сурет: Түркістан облысы әкімдігінің баспасөз қызметі",
    "Фото из открытых источников",
    "#АЭС в Казахстане",
    "Вернуться назад Вернуться назад Twitter Facebook Печать",
    "Поделиться",
    "Twitter Facebook Telegram WhatsApp",
    "Официальный сайт",
    "Президента Республики Казахстан",
    "National Emblem of Kazakhstan",
    "Читайте также: В Атырау построят новый мост",
    "Подписывайтесь на наш Telegram-канал",
    "Сондай-ақ оқыңыз: Ақтөбеде жаңа мектеп ашылды",
]

KEPT_LINES = [
    "Фотовыставка открылась в Павлодаре, ее посетили 1200 человек.",
    "Аким области Марат Султангазиев принял участие в церемонии.",
    "Президент Республики Казахстан подписал закон о бюджете на 2026 год.",
    "Облыс әкімі 600 орындық мектепті аралады.",
    "Новости экономики: ВРП Карагандинской области вырос на 5,2%.",
]


@pytest.mark.parametrize("line", DROPPED_LINES)
def test_boilerplate_line_is_dropped(line: str) -> None:
    text = f"Первый абзац статьи о регионе.\n\n{line}\n\nВторой абзац статьи."
    assert clean_body(text) == "Первый абзац статьи о регионе.\n\nВторой абзац статьи."


@pytest.mark.parametrize("line", KEPT_LINES)
def test_article_line_is_kept(line: str) -> None:
    assert line in clean_body(f"Заголовок\n\n{line}")


def test_tag_cloud_and_everything_after_it_is_removed() -> None:
    text = (
        "Президент посетил область.\n"
        "Читайте новости по меткам:\n"
        "горячие новости 402 Барыс 358 Город Астана 218 Президент Казахстана 200"
    )
    assert clean_body(text) == "Президент посетил область."


def test_kazakh_tags_footer_is_removed() -> None:
    text = "Облыста 5 мектеп салынды.\nТегтер: білім, мектеп\nҰқсас жаңалықтар"
    assert clean_body(text) == "Облыста 5 мектеп салынды."


def test_credit_glued_to_a_line_is_removed() -> None:
    assert clean_body("Аким открыл школу. Фото: акимат района") == "Аким открыл школу."


def test_paragraph_breaks_are_kept() -> None:
    assert clean_body("Абзац один.\n\n\n\nАбзац два.\nСтрока три.") == "Абзац один.\n\nАбзац два.\nСтрока три."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alatau Сity Аuthority", "Alatau City Authority"),   # Cyrillic С, А inside Latin words
        ("Аlatau АЭА", "Alatau АЭА"),
        ("Kaзахстан", "Казахстан"),                              # Latin K, a inside a Cyrillic word
        ("PepsiCo и КазМунайГаз", "PepsiCo и КазМунайГаз"),     # clean words stay as they are
    ],
)
def test_lookalike_letters_are_repaired(text: str, expected: str) -> None:
    assert repair_lookalikes(text) == expected


def test_normalize_text_folds_spaces_and_invisible_characters() -> None:
    assert normalize_text("19\u00a0506 тонн\u200b\r\nмусора\u00ad") == "19 506 тонн\nмусора"
