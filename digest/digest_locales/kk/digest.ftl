## Дайджест пен боттың жауаптары қазақ тілінде. { $... } аргументтерін код алдын ала
## экрандайды; мұндағы белгілеу тек <b>, <i> (Telegram HTML).

## Сандар: ондық бөлгіш — үтір, разрядтар бөлінбейтін бос орынмен (3 000).
number-decimal = ,
number-group = {"\u00A0"}
scale-million = млн
scale-billion = млрд
scale-trillion = трлн

## Ақша: 750 млн $, 1,18 млрд ₸.
money = { $amount }{"\u00A0"}{ $currency }
currency-KZT = ₸
currency-USD = $
currency-EUR = €
currency-RUB = ₽
currency-CNY = ¥

## Пайыз бен еселік: 88,5%, +17%, −5%, 3 есе.
percent = { $amount }%
percent-change = { $sign }{ $amount }%
times = { $amount } есе

## Өлшемдер: 14,3 га, 300 000 м².
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
unit-kWh = кВт·сағ

## Сан есімнен кейін зат есім көпше түрге түспейді: 3 000 жұмыс орны.
unit-jobs = { $amount } жұмыс орны
unit-places = { $amount } орын
unit-people = { $amount } адам
unit-units = { $amount } бірлік

## Мақаладағы шамалау сөздері: шамамен 3 000 жұмыс орны.
qualifier-approx = шамамен { $figure }
qualifier-more-than = кемінде { $figure }
qualifier-less-than = ең көбі { $figure }
qualifier-up-to = ең көбі { $figure }

## Бұл қандай сан.
category-investment = инвестиция
category-cost = құны
category-budget = қаржыландыру
category-output = экономика
category-jobs = жұмыс орындары
category-area = аумақ
category-capacity = сыйымдылығы
category-count = саны
category-growth = өсім
category-decline = төмендеу
category-share = үлесі
category-quantity = көлемі

## Күндер: 2025 жылғы 24 қараша, 2025 жылғы 23–24 қараша, 01.12.2025.
date-long = { $year } жылғы { $day } { $month }
date-short = { $day }.{ $month }.{ $year }
period-same-month = { $year } жылғы { $day1 }–{ $day2 } { $month }
period-same-year = { $year } жылғы { $day1 } { $month1 } — { $day2 } { $month2 }
period = { $first } — { $last }
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан

## Дайджест.
digest-title = <b>{ $region }</b> · негізгі көрсеткіштер · { $period }
digest-title-place = <b>{ $place }</b> ({ $region }) · негізгі көрсеткіштер · { $period }
digest-nothing = <b>{ $region }</b>: { $period } бойынша жаңа көрсеткіштер жоқ.
digest-nothing-recent = { $period } бойынша жаңа көрсеткіштер жоқ — соңғы белгілілері:
digest-place-nothing = «{ $place }» бойынша жеке көрсеткіштер жоқ — өңір бойынша негізгісі төменде.
digest-related = Сондай-ақ қараңыз: { $region } — /region { $command }
source-unknown = дереккөзі көрсетілмеген

## Өңір туралы сұрау.
region-unknown = «{ $query }» деген өңір не елді мекен табылмады. Мысалы: Алматы облысы, ШҚО, Жетісу, Қонаев.
region-choose = «{ $query }» — қайсысын меңзегеніңізді нақтылаңыз:
region-empty = Өңірді не қаланы жазыңыз, мысалы: /region Алматы облысы

## Лауазымды тұлға туралы сұрау.
official-unknown = «{ $query }» деген лауазымды тұлға табылмады. Тегін жазып көріңіз, мысалы: /official Сұлтанғазиев
official-choose = «{ $query }» — кімді меңзегеніңізді нақтылаңыз:
official-empty = Лауазымды тұлғаның тегін жазыңыз, мысалы: /official Сұлтанғазиев
official-recent = Соңғы жарияланымдар:
official-no-articles = Әзірге ол туралы жарияланым жоқ.
