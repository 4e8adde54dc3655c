## Дайджест и ответы бота на русском. Аргументы в { $... } уже экранированы кодом;
## разметка здесь — только <b>, <i> (Telegram HTML).

## Числа: десятичная запятая, группы разрядов через неразрывный пробел (3 000).
number-decimal = ,
number-group = {"\u00A0"}
scale-million = млн
scale-billion = млрд
scale-trillion = трлн

## Деньги: 750 млн $, 1,18 млрд ₸.
money = { $amount }{"\u00A0"}{ $currency }
currency-KZT = ₸
currency-USD = $
currency-EUR = €
currency-RUB = ₽
currency-CNY = ¥

## Проценты и кратность: 88,5%, +17%, −5%, в 3 раза.
percent = { $amount }%
percent-change = { $sign }{ $amount }%
times = в { $amount } { $count ->
    [one] раз
    [few] раза
    [many] раз
   *[other] раза
}

## Меры: 14,3 га, 300 000 м².
measure = { $amount }{"\u00A0"}{ $unit }
unit-ha = га
unit-km2 = км²
unit-m2 = м²
unit-m3 = м³
unit-m = м
unit-km = км
unit-t = т
unit-kg = кг
unit-l = л
unit-MW = МВт
unit-kWh = кВт·ч

## Счёт: число согласуется с существительным (1 рабочее место, 3 рабочих места, 5 рабочих мест).
unit-jobs = { $amount } { $count ->
    [one] рабочее место
    [few] рабочих места
   *[many] рабочих мест
}
unit-places = { $amount } { $count ->
    [one] место
    [few] места
   *[many] мест
}
unit-people = { $amount } { $count ->
    [one] человек
    [few] человека
   *[many] человек
}
unit-units = { $amount } { $count ->
    [one] единица
    [few] единицы
   *[many] единиц
}

## Оговорки из статьи: около 3 000 рабочих мест.
qualifier-approx = около { $figure }
qualifier-more-than = более { $figure }
qualifier-less-than = менее { $figure }
qualifier-up-to = до { $figure }

## Что это за цифра.
category-investment = инвестиции
category-cost = стоимость
category-budget = финансирование
category-output = экономика
category-jobs = рабочие места
category-area = площадь
category-capacity = вместимость
category-count = количество
category-growth = рост
category-decline = снижение
category-share = доля
category-quantity = объём

## Даты: 24 ноября 2025, 23–24 ноября 2025, 01.12.2025.
date-long = { $day } { $month } { $year }
date-short = { $day }.{ $month }.{ $year }
period-same-month = { $day1 }–{ $day2 } { $month } { $year }
period-same-year = { $day1 } { $month1 } — { $day2 } { $month2 } { $year }
period = { $first } — { $last }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Дайджест.
digest-title = <b>{ $region }</b> · ключевые цифры · { $period }
digest-title-place = <b>{ $place }</b> ({ $region }) · ключевые цифры · { $period }
digest-nothing = <b>{ $region }</b>: новых цифр за { $period } нет.
digest-nothing-recent = За { $period } новых цифр нет — последние известные:
digest-place-nothing = По запросу «{ $place }» отдельных цифр нет — вот главное по региону.
digest-related = См. также: { $region } — /region { $command }
source-unknown = источник не указан

## Запросы о регионе.
region-unknown = Не нашёл регион или населённый пункт «{ $query }». Например: Алматинская область, ВКО, Жетісу, Қонаев.
region-choose = «{ $query }» — уточните, что вы имели в виду:
region-empty = Напишите регион или город, например: /region Алматинская область

## Запросы о должностном лице.
official-unknown = Не нашёл должностное лицо «{ $query }». Напишите фамилию, например: /official Султангазиев
official-choose = «{ $query }» — уточните, кого вы имели в виду:
official-empty = Напишите фамилию, например: /official Султангазиев
official-recent = Последние публикации:
official-no-articles = Публикаций с упоминанием пока нет.
