"""Choosing, merging and describing digest lines; the words data they use."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from digest.about import about_phrase, counted_phrase, is_decrease, is_social
from digest.compose import (
    MAX_LINES,
    PER_ARTICLE,
    FigureContext,
    Source,
    StoredFigure,
    compose_digest,
    pick_article_figures,
    shortlist,
)
from digest.vocabulary import read_table

DAY = date(2025, 11, 24)

# [[language, sentence, figure span], expected phrase] — many regions, outlets, both languages.
ABOUT = [
    [["ru", "Проект реализуется на территории 177 гектаров, объем инвестиций составляет 750 млн долларов США.", "750 млн долларов США"], "объем инвестиций"],
    [["ru", "Общая стоимость проекта – 1,176 млрд тенге. В 2025 году", "1,176 млрд тенге"], "общая стоимость проекта"],
    [["ru", "В 2025 году предусмотрено финансирование в размере 492 млн тенге.", "492 млн тенге"], "финансирование"],
    [["ru", "Валовый региональный продукт области достиг 5 трлн тенге, по этому показателю", "5 трлн тенге"], "валовый региональный продукт"],
    [["ru", "Краткосрочный экономический индикатор за январь-апрель составил 107,9%.", "107,9%"], "краткосрочный экономический индикатор"],
    [["ru", "Инвестиционный портфель региона до 2030 года включает в себя 207 проектов на 3,7 трлн тенге.", "3,7 трлн тенге"], "207 проектов"],
    [["ru", "В этом году будет реализовано 58 проектов на 446,7 млрд тенге с созданием 5,3 тыс. рабочих мест.", "446,7 млрд тенге"], "58 проектов"],
    [["ru", "В этом году будет реализовано 58 проектов на 446,7 млрд тенге с созданием 5,3 тыс. рабочих мест.", "5,3 тыс. рабочих мест"], None],
    [["ru", "Затем Президенту показали жилой дом площадью 3866,5 кв. метров, который построил инвестор.", "3866,5 кв. метров"], "жилой дом"],
    [["ru", "На ремонт дорог выделено 2 млрд тенге.", "2 млрд тенге"], "на ремонт дорог"],
    [["ru", "В селе Тонкерис открылось новое здание школы на 600 мест.", "школы на 600 мест"], "школа"],
    [["ru", "Трехэтажное здание включает столовую на 176 мест и актовый зал.", "столовую на 176 мест"], "столовая"],
    [["ru", "В Костанае завершено строительство детского сада на 320 мест.", "детского сада на 320 мест"], "детский сад"],
    [["ru", "По итогам года объем промышленного производства снизился на 5,2%.", "5,2%"], "объем промышленного производства"],
    [["ru", "К 2028 году планируется создать около 3 тысяч рабочих мест, годовой товарооборот достигнет 1,3 млрд долларов, из которых 900 млн будет обеспечено за счет экспорта.", "1,3 млрд долларов"], "годовой товарооборот"],
    [["ru", "В Павлодарской области на строительство новой школы выделено 3,2 млрд тенге.", "3,2 млрд тенге"], "на строительство новой школы"],
    [["ru", "Бюджет Шымкента на 2026 год утвержден в объеме 512 млрд тенге.", "512 млрд тенге"], "бюджет Шымкента"],
    [["ru", "Объем инвестиций в основной капитал Атырауской области за девять месяцев составил 1,9 трлн тенге.", "1,9 трлн тенге"], "объем инвестиций в основной капитал"],
    [["ru", "Стоимость строительства моста через Иртыш составит 45 млрд тенге.", "45 млрд тенге"], "стоимость строительства моста через Иртыш"],
    [["ru", "Производство молока в Северо-Казахстанской области выросло на 4,1%.", "4,1%"], "производство молока"],
    [["ru", "Уровень безработицы в Мангистауской области снизился до 4,6%.", "4,6%"], "уровень безработицы"],
    [["ru", "На капитальный ремонт дорог Туркестанской области направят 28 млрд тенге из республиканского бюджета.", "28 млрд тенге"], "на капитальный ремонт дорог"],
    [["ru", "Китайская компания вложит 1,1 млрд долларов в строительство завода в Жамбылской области.", "1,1 млрд долларов"], "в строительство завода"],
    [["ru", "В ВКО по программе «Дорожная карта занятости» создано 2 400 рабочих мест.", "2 400 рабочих мест"], "по программе «Дорожная карта занятости»"],
    [["ru", "Экспорт продукции предприятий Актюбинской области увеличился на 12,5% и превысил 2 млрд долларов.", "12,5%"], "экспорт продукции предприятий"],
    [["ru", "Новая поликлиника в Кызылорде рассчитана на 500 посещений в смену, ее стоимость – 6,8 млрд тенге.", "6,8 млрд тенге"], "новая поликлиника"],
    [["ru", "Для модернизации теплосетей Экибастуза выделено 9,4 млрд тенге.", "9,4 млрд тенге"], "для модернизации теплосетей Экибастуза"],
    [["ru", "Проект стоимостью 8,5 млрд тенге был отремонтирован в прошлом году.", "8,5 млрд тенге"], None],
    [["kk", "10 айда өнеркәсіптік өндіріс көлемі 17%-ға артып, 115,6 млрд теңгені құрады.", "17%-ға"], "өнеркәсіптік өндіріс көлемі"],
    [["kk", "10 айда өнеркәсіптік өндіріс көлемі 17%-ға артып, 115,6 млрд теңгені құрады.", "115,6 млрд теңгені"], "өнеркәсіптік өндіріс көлемі"],
    [["kk", "Бұл ретте инвестиция көлемі 13%-ға өсіп, бүгінде шамамен 46,4 млрд теңгеге жетті.", "46,4 млрд теңгеге"], "инвестиция көлемі"],
    [["kk", "Алатау қаласының бюджеті үш есеге өсіп, 8,8 млрд теңгеге жетті.", "8,8 млрд теңгеге"], "Алатау қаласының бюджеті"],
    [["kk", "Пул 21 мыңнан астам жұмыс орнын ашуды көздейтін 41 инвестициялық жобаны қамтиды.", "41 инвестициялық жобаны"], None],
    [["kk", "Қазіргі уақытта құны 1 трлн теңге болатын 18 жоба жүзеге асырылуда.", "1 трлн теңге"], None],
    [["kk", "Биыл 103 мың шаршы метрден астам тұрғын үй пайдалануға берілді.", "103 мың шаршы метрден астам"], "тұрғын үй"],
    [["kk", "Павлодар облысында жаңа мектеп салуға 3,2 млрд теңге бөлінді.", "3,2 млрд теңге"], "жаңа мектеп салуға"],
    [["kk", "Атырау облысында тоғыз айда негізгі капиталға салынған инвестиция көлемі 1,9 трлн теңгеге жетті.", "1,9 трлн теңгеге"], "инвестиция көлемі"],
    [["kk", "Қостанайда 320 орындық балабақша пайдалануға берілді.", "320 орындық"], "балабақша"],
    [["kk", "Ертіс өзені арқылы өтетін көпір құрылысының құны 45 млрд теңгені құрайды.", "45 млрд теңгені"], "көпір құрылысының құны"],
    [["kk", "Солтүстік Қазақстан облысында сүт өндірісі 4,1%-ға артты.", "4,1%-ға"], "сүт өндірісі"],
    [["kk", "Маңғыстау облысында жұмыссыздық деңгейі 4,6%-ға дейін төмендеді.", "4,6%-ға"], "жұмыссыздық деңгейі"],
    [["kk", "Түркістан облысындағы жолдарды күрделі жөндеуге республикалық бюджеттен 28 млрд теңге бөлінеді.", "28 млрд теңге"], "жолдарды күрделі жөндеуге"],
    [["kk", "Қарағанды облысының жалпы өңірлік өнімі жарты жылда 4,3 трлн теңгеге жетті.", "4,3 трлн теңгеге"], "жалпы өңірлік өнімі"],
    [["kk", "Ақтөбе облысы кәсіпорындарының экспорты 12,5%-ға өсті.", "12,5%-ға"], "кәсіпорындарының экспорты"],
    [["kk", "Екібастұздың жылу желілерін жаңғыртуға 9,4 млрд теңге бөлінді.", "9,4 млрд теңге"], "Екібастұздың жылу желілерін жаңғыртуға"],
    [["kk", "Алматы облысында «Қайрат» индустриялық аймағында инвестиция көлемі 750 млн долларды құрайды.", "750 млн долларды"], "инвестиция көлемі"],
]


@pytest.mark.parametrize(("case", "expected"), ABOUT)
def test_about_phrase(case: list[str], expected: str | None) -> None:
    language, text, span = case
    start = text.index(span)
    assert about_phrase(text, start, start + len(span), language) == expected


@pytest.mark.parametrize(("case", "expected"), [
    [("более 60 социально значимых проектов", "проект", 60, "ru"), "социально значимых проектов"],
    [("136,7 тыс. субъектов МСБ", "субъект МСБ", 136700, "ru"), "субъектов МСБ"],
    [("18 детей", "ребёнок", 18, "ru"), "детей"],
    [("шесть граждан", "гражданин", 6, "ru"), "граждан"],
    [("двадцать два гражданина", "гражданин", 22, "ru"), "гражданина"],
    [("41 инвестициялық жобаны", "инвестициялық жоба", 41, "kk"), "инвестициялық жоба"],
    [("30 нысан", "нысан", 30, "kk"), "нысан"],
    [("1075 камер видеонаблюдения", "камера видеонаблюдения", 1075, "ru"), "камер видеонаблюдения"],
])
def test_counted_phrase_agrees_with_the_number(case: tuple, expected: str) -> None:
    assert counted_phrase(*case) == expected


@pytest.mark.parametrize(("text", "span", "language", "expected"), [
    ("Объем производства снизился на 5,2% за год.", "5,2%", "ru", True),
    ("Объем производства вырос на 5,2% за год.", "5,2%", "ru", False),
    ("Число безработных сократилось на 12%.", "12%", "ru", True),
    ("Өнеркәсіп өндірісі 5,2%-ға төмендеді.", "5,2%-ға", "kk", True),
    ("Өнеркәсіп өндірісі 5,2%-ға артты.", "5,2%-ға", "kk", False),
])
def test_decrease(text: str, span: str, language: str, expected: bool) -> None:
    start = text.index(span)
    assert is_decrease(text, start, start + len(span), language) is expected


@pytest.mark.parametrize(("counted", "language", "expected"), [
    ("школа", "ru", True), ("детский сад", "ru", True), ("квартира", "ru", True),
    ("мектеп", "kk", True), ("балабақша", "kk", True), ("тұрғын үй", "kk", True),
    ("камера видеонаблюдения", "ru", False), ("субъект МСБ", "ru", False), ("инвестициялық жоба", "kk", False),
])
def test_social_objects(counted: str, language: str, expected: bool) -> None:
    assert is_social(counted, language) is expected


def test_about_words_are_sorted_unique_and_lower_case() -> None:
    rows = read_table(resources.files("digest.data") / "about_words.tsv")
    keys = [tuple(row) for row in rows]
    assert all(len(row) == 3 for row in rows)
    assert keys == sorted(set(keys)), "keep about_words.tsv sorted and without repeats"
    assert all(entry == entry.lower().strip() for _, _, entry in keys)
    assert {language for _, language, _ in keys} == {"ru", "kk"}


# --- composing --------------------------------------------------------------------------

_ids = iter(range(1, 10_000))


def source(article: int, outlet: str = "Zakon.kz", day: date = DAY, language: str = "ru") -> Source:
    return Source(article, outlet, f"Статья {article}", f"https://x.kz/{article}", day, language)


def figure(src: Source, text: str, value: float, unit: str, category: str, body: str,
           region: str = "KZ-19", counted: str | None = None) -> tuple[StoredFigure, FigureContext]:
    start = body.index(text)
    fid = next(_ids)
    stored = StoredFigure(fid, src, value, unit, category, None, region, counted, text, start, start + len(text))
    return stored, FigureContext(fid, body, 0)


def compose(items: list[tuple[StoredFigure, FigureContext]], **kwargs) -> list:
    figures = [f for f, _ in items]
    contexts = {c.figure_id: c for _, c in items}
    first = kwargs.pop("first_day", date(2025, 11, 20))
    return compose_digest("KZ-19", first, DAY, shortlist(figures, first, DAY), contexts, **kwargs).facts


def test_same_fact_from_two_outlets_in_two_languages_is_one_line() -> None:
    ru = "Объем инвестиций в проект составляет 750 млн долларов США."
    kk = "Жобаға салынатын инвестиция көлемі 750 млн долларды құрайды."
    facts = compose([
        figure(source(1, "Zakon.kz", date(2025, 11, 23)), "750 млн долларов США", 750e6, "USD", "investment", ru),
        figure(source(2, "Kazinform", DAY, "kk"), "750 млн долларды", 750e6, "USD", "investment", kk),
        figure(source(3, "Tengrinews"), "5 млрд тенге", 5e9, "KZT", "budget", "На ремонт школ выделено 5 млрд тенге."),
    ])
    assert len(facts) == 2
    merged = next(f for f in facts if f.unit == "USD")
    assert [s.outlet for s in merged.sources] == ["Zakon.kz", "Kazinform"]   # the earliest first
    assert merged.about_for("kk").text == "инвестиция көлемі"
    assert merged.about_for("ru").text == "объем инвестиций в проект"


def test_small_numbers_merge_only_when_the_words_around_agree() -> None:
    a = "Производство молока в регионе выросло на 5% по сравнению с прошлым годом."
    b = "По итогам года производство молока в регионе выросло на 5%, сообщили в управлении."
    c = "Грузооборот железнодорожного транспорта увеличился на 5%."
    facts = compose([
        figure(source(1, "A"), "5%", 5, "percent", "growth", a),
        figure(source(2, "B"), "5%", 5, "percent", "growth", b),
        figure(source(3, "C"), "5%", 5, "percent", "growth", c),
    ])
    assert sorted(len(f.sources) for f in facts) == [1, 2]


def test_figures_of_one_article_never_merge() -> None:
    body = "На школу выделено 1 млрд тенге, на больницу — еще 1 млрд тенге."
    second = body.rindex("1 млрд тенге")
    src = source(1)
    one, ctx = figure(src, "1 млрд тенге", 1e9, "KZT", "budget", body)
    two = StoredFigure(next(_ids), src, 1e9, "KZT", "budget", None, "KZ-19", None, "1 млрд тенге", second, second + 12)
    facts = compose([(one, ctx), (two, FigureContext(two.id, body, 0))])
    assert len(facts) == 2


def test_key_figures_larger_and_newer_first() -> None:
    older = date(2025, 11, 21)
    facts = compose([
        figure(source(1), "300 гектаров", 300, "ha", "area", "Площадь парка — 300 гектаров."),
        figure(source(2), "2 млрд тенге", 2e9, "KZT", "investment", "Инвестиции составят 2 млрд тенге."),
        figure(source(3), "40 млрд тенге", 40e9, "KZT", "investment", "Инвестиции составят 40 млрд тенге."),
        figure(source(4, day=older), "40 млрд тенге", 40.1e9 * 1.1, "KZT", "investment", "Инвестиции составят 40 млрд тенге."),
        figure(source(5), "800 рабочих мест", 800, "jobs", "jobs", "Будет создано 800 рабочих мест."),
    ])
    values = [f.value for f in facts]
    assert values[0] == 40e9                          # largest money, newest of the two large ones
    assert values.index(40.1e9 * 1.1) > 0
    assert 300 not in values                         # an area is not a key figure when there are enough


def test_filler_lines_only_for_a_nearly_empty_digest() -> None:
    facts = compose([
        figure(source(1), "300 гектаров", 300, "ha", "area", "Площадь парка — 300 гектаров."),
        figure(source(2), "19 506 тонн", 19506, "t", "quantity", "Собрано 19 506 тонн мусора."),
    ])
    assert [f.unit for f in facts] == ["ha", "t"] or [f.unit for f in facts] == ["t", "ha"]


def test_a_handful_of_lines_and_at_most_a_few_from_one_article() -> None:
    items = [
        figure(source(1), f"{n} млрд тенге", n * 1e9, "KZT", "investment", f"Вложено {n} млрд тенге.")
        for n in range(10, 30)
    ]
    items += [figure(source(2), "5 млрд тенге", 5e9, "KZT", "budget", "Выделено 5 млрд тенге."),
              figure(source(3), "700 рабочих мест", 700, "jobs", "jobs", "Создано 700 рабочих мест.")]
    facts = compose(items)
    assert len(facts) <= MAX_LINES
    from_first = [f for f in facts if f.sources[0].article_id == 1]
    assert len(from_first) == PER_ARTICLE
    assert {2, 3} <= {f.sources[0].article_id for f in facts}


def test_nothing_in_the_period_is_an_empty_digest() -> None:
    assert compose([]) == ()


def test_figures_of_another_region_are_left_out() -> None:
    facts = compose([figure(source(1), "5 млрд тенге", 5e9, "KZT", "budget", "Выделено 5 млрд тенге.", region="KZ-31")])
    assert facts == ()


def test_pick_article_figures_takes_the_key_ones_of_each_article() -> None:
    items = [
        figure(source(1), "5 млрд тенге", 5e9, "KZT", "budget", "Выделено 5 млрд тенге."),
        figure(source(1), "24 воспитанника", 24, "people", "count", "В центре живут 24 воспитанника.", counted="воспитанник"),
        figure(source(1), "100 рабочих мест", 100, "jobs", "jobs", "Создано 100 рабочих мест."),
        figure(source(2), "2 школы", 2, "units", "count", "Построены 2 школы.", counted="школа"),
    ]
    picked = pick_article_figures([f for f, _ in items])
    assert [f.value for f in picked] == [5e9, 100, 2]


@pytest.mark.parametrize(("body", "span", "value", "language", "change"), [
    ("Число субъектов МСБ на 6,3% больше, чем в прошлом году.", "на 6,3% больше", 6.3, "ru", "up"),
    ("Краткосрочный экономический индикатор составил 107,9%.", "107,9%", 107.9, "ru", None),
    ("Индекс физического объема составил 98,5%.", "98,5%", 98.5, "ru", None),
    ("Объем производства снизился на 5,2%.", "на 5,2%", 5.2, "ru", "down"),
    ("Өнеркәсіп өндірісі 17%-ға артты.", "17%-ға", 17, "kk", "up"),
    ("Өнеркәсіп өндірісі 4%-ға төмендеді.", "4%-ға", 4, "kk", "down"),
])
def test_growth_shows_its_direction(body: str, span: str, value: float, language: str, change: str | None) -> None:
    item = figure(source(1, language=language), span, value, "percent", "growth", body)
    (fact,) = compose([item])
    assert fact.change == change


@pytest.mark.parametrize(("case", "expected"), [
    # A phrase from the start of a sentence reads in lower case inside a line...
    [["ru", "Строительство школы обойдется в 5 млрд тенге.", "5 млрд тенге"], "строительство школы"],
    [["kk", "Зауыттың құны 5 млрд теңге. Бұл зауыттың қуаты жоғары.", "5 млрд теңге"], "зауыттың құны"],
    # ...but names and bodies keep their capitals, and a Kazakh word never seen in lower case too.
    [["ru", "Министерство финансов выделило 5 млрд тенге.", "5 млрд тенге"], "Министерство финансов"],
    [["ru", "Алатау получит 5 млрд тенге.", "5 млрд тенге"], "Алатау"],
    [["kk", "Алатау 5 млрд теңге алады.", "5 млрд теңге"], "Алатау"],
    [["kk", "Құрылыс жұмыстарына 5 млрд теңге бөлінді.", "5 млрд теңге"], "Құрылыс жұмыстарына"],
])
def test_about_phrase_reads_mid_sentence(case: list[str], expected: str | None) -> None:
    language, text, span = case
    start = text.index(span)
    assert about_phrase(text, start, start + len(span), language) == expected


def test_an_official_s_own_figures_come_first_in_their_profile() -> None:
    src = source(900)
    body = ("Проект стоит 90 млрд тенге, инвестиции составят 80 млрд тенге. По словам акима, "
            "на строительство выделен 1 млрд тенге. Будет создано 3000 рабочих мест.")
    cost, _ = figure(src, "90 млрд тенге", 90e9, "KZT", "cost", body)
    investment, _ = figure(src, "80 млрд тенге", 80e9, "KZT", "investment", body)
    budget, _ = figure(src, "1 млрд тенге", 1e9, "KZT", "budget", body)
    jobs, _ = figure(src, "3000 рабочих мест", 3000, "jobs", "jobs", body)
    everything = [cost, investment, budget, jobs]
    assert {f.id for f in pick_article_figures(everything)} == {cost.id, investment.id, jobs.id}
    picked = pick_article_figures(everything, preferred=frozenset({budget.id}))
    assert [f.id for f in picked] == [budget.id, investment.id, cost.id]
