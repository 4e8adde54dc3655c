## Боттың қазақша мәтіндері. Хабарлар Telegram HTML түрінде кетеді: мұнда тек <b> мен
## <i> белгілері; { $... } аргументтерін код экрандайды (bot/texts.py).

## Командалар мәзірі (setMyCommands): 256 таңбаға дейін.
command-start = Бастау: өңірлерді таңдау
command-help = Бот не істей алады
command-regions = Тізімнен өңір таңдау
command-region = Өңір бойынша сандар: /region Алматы облысы
command-official = Лауазымды тұлға: /official Сұлтанғазиев
command-subscribe = Күнделікті дайджестке жазылу
command-unsubscribe = Өңірден жазылымды тоқтату
command-settings = Тіл, дайджест уақыты, үзіліс

## /start және /help.
start-welcome =
    Сәлеметсіз бе! Мен Қазақстанның өңірлік жаңалықтарынан <b>негізгі сандарды</b> жинаймын: инвестиция, жұмыс орындары, мектептер мен ондағы орындар, бюджет, өсім — орыс және қазақ тілдерінде.

    Төменнен өңірлерді таңдаңыз — солар бойынша күн сайын дайджест жіберемін. Дайджест уақыты: { $time } (Астана уақыты). Командалар — /help
help =
    Мен Қазақстанның өңірлік жаңалықтарынан <b>негізгі сандарды</b> жинаймын: инвестиция, жұмыс орындары, мектептер мен ондағы орындар, бюджет, өсім — орыс және қазақ тілдерінде.

    /region Алматы облысы — өңір, қала не аудан бойынша сандар
    /regions — тізімнен өңір таңдау
    /official Сұлтанғазиев — лауазымды тұлға: қызметі, өңірі, жарияланымдар
    /subscribe Жетісу — өңір бойынша күнделікті дайджест
    /unsubscribe — жазылымнан бас тарту
    /settings — тіл (орысша, қазақша не екеуі), дайджест уақыты, үзіліс

    Өңірдің не қаланың атын жаза салсаңыз да болады.

## Өңірлер.
regions-choose = Өңірді таңдаңыз — негізгі сандарын көрсетемін:
query-too-long = Сұрау тым ұзын ({ $length } таңба). Қысқаша жазыңыз: өңірдің не қаланың атауын, не адамның тегін.

## Жазылым.
subscribe-choose = Күнделікті дайджест үшін өңірлерді белгілеңіз (✅ — жазылғансыз):
subscribe-choose-query = «{ $query }» — қай өңірге жазылатыныңызды нақтылаңыз:
subscribed = Дайын: <b>{ $region }</b> бойынша жазылдыңыз. Дайджест күн сайын келеді, уақыты — { $time } (Астана уақыты).
subscribed-already = Сіз <b>{ $region }</b> бойынша жазылып қойғансыз.
subscribed-place = «{ $place }» бойынша бөлек жазылым жоқ — өңірге жазамын.
unsubscribed = <b>{ $region }</b> бойынша жазылым тоқтатылды.
unsubscribed-not = Сіз <b>{ $region }</b> бойынша жазылмағансыз.
unsubscribed-all = Барлық жазылым тоқтатылды. Қайта жазылу: /subscribe
unsubscribe-choose = Жазылымды тоқтату үшін өңірді басыңыз:
unsubscribe-none = Сізде жазылым жоқ. Жазылу: /subscribe
subscriptions-summary = Сіздің өңірлеріңіз: { $regions }. Дайджест уақыты — күн сайын { $time }. Баптаулар: /settings
subscriptions-empty = Сіз әлі ешнәрсеге жазылмағансыз. Жазылу: /subscribe
button-done = Дайын
button-unsubscribe-all = Барлығынан бас тарту
callback-subscribed = Жазылдыңыз: { $region }
callback-unsubscribed = Жазылым тоқтатылды: { $region }

## Баптаулар.
settings-title = <b>Баптаулар</b>
settings-language = Дайджест тілі: { $language }
settings-time = Уақыты: { $time } (Астана уақыты)
settings-state = Тарату: { $state }
settings-regions = Өңірлер: { $regions }
settings-regions-none = жоқ — /subscribe
settings-hint = Басқа уақыт: /settings 07:30. Үзіліс: /settings pause, жалғастыру: /settings resume.
language-ru = орыс тілі
language-kk = қазақ тілі
language-both = орыс және қазақ тілдері
state-on = қосулы
state-paused = үзілісте
settings-saved = Сақталды.
settings-language-set = Дайджест тілі: { $language }.
settings-time-set = Дайджест уақыты: { $time } (Астана уақыты).
settings-paused = Тарату үзіліске қойылды. Жалғастыру: /settings resume
settings-resumed = Тарату қайта басталды.
settings-bad-value = «{ $value }» түсініксіз. Мысалы: /settings 07:30, /settings kk, /settings both, /settings pause
button-language-ru = Русский
button-language-kk = Қазақша
button-language-both = Екі тілде
button-pause = ⏸ Үзіліс
button-resume = ▶️ Жалғастыру

## Әкімші.
stats =
    <b>Статистика</b>
    Мақалалар: { $articles } (бүгін { $articles_today })
    Жазылушылар: { $subscribed } алады, { $paused } үзілісте, { $inactive } ботты бұғаттаған
    Өңірлерге жазылым: { $subscriptions }
    Бүгінгі тарату: жіберілді { $sent }, кезекте { $pending }, жеткізілмеді { $failed }
stats-sources = <b>Дереккөздер</b>
stats-source = { $outlet } ({ $language }): { $status }, мақалалар: { $articles }
stats-source-error = ↳ { $error }
source-status-ok = жұмыс істеп тұр
source-status-failing = қателер бар
source-status-down = жауап бермейді
source-status-new = әлі сұралмаған
source-status-disabled = өшірулі
source-usage = Арнаның не сайттың мекенжайын жіберіңіз: /source https://…
source-added = Дереккөз қосылды: { $outlet } ({ $language }), { $url }
source-failed = Дереккөзді қосу мүмкін болмады: { $reason }
ingest-usage = Сілтеме жіберіңіз (/ingest https://…), жазбаны қайта жіберіңіз не мақала файлын жүктеңіз.
ingest-bad-url = Бұл http(s) сілтемесіне ұқсамайды: «{ $url }».
ingest-working = Жүктеп жатырмын…
ingest-result = Жаңа мақалалар: { $new }, бұрыннан бар: { $duplicates }, қателер: { $failed }.
ingest-error = «{ $doc }»: { $reason }
ingest-no-text = Бұл жазбада мәтін жоқ.
ingest-too-big = Файл тым үлкен ({ $size } МБ), шегі — { $limit } МБ.

## Қалғаны.
unknown-command = Мұндай команда жоқ. Не істей алатынымды көру — /help
not-text = Мен тек мәтінді түсінемін. Өңірдің не қаланың атын жазыңыз, мысалы «Алматы облысы», не /help қараңыз.
text-not-understood = «{ $text }» түсініксіз. Өңірдің не қаланың атын жазыңыз, мысалы «Жетісу», не /help қараңыз.
button-outdated = Бұл батырманың мерзімі өтті — мәзірді қайта ашыңыз.
throttled = Хабар тым жиі келіп жатыр — бірнеше секунд күте тұрыңыз.
error = Бірдеңе дұрыс болмады. Сәл кейінірек қайталап көріңіз.
