## Тексты бота на русском. Сообщения уходят как Telegram HTML: разметка здесь — только
## <b> и <i>; аргументы { $... } экранирует код (bot/texts.py).

## Меню команд (setMyCommands): до 256 символов.
command-start = Начать: выбрать регионы
command-help = Что умеет бот
command-regions = Выбрать регион из списка
command-region = Цифры по региону: /region Алматинская
command-official = Должностное лицо: /official Султангазиев
command-subscribe = Подписаться на ежедневный дайджест
command-unsubscribe = Отписаться от региона
command-settings = Язык, время дайджеста, пауза

## /start и /help.
start-welcome =
    Здравствуйте! Я собираю <b>ключевые цифры</b> из региональных новостей Казахстана — инвестиции, рабочие места, школы и места в них, бюджеты, рост — на русском и казахском.

    Выберите регионы ниже: каждый день в { $time } (по времени Астаны) пришлю по ним дайджест. Команды — /help
help =
    Я собираю <b>ключевые цифры</b> из региональных новостей Казахстана — инвестиции, рабочие места, школы и места в них, бюджеты, рост — на русском и казахском.

    /region Алматинская — цифры по региону, городу или району
    /regions — выбрать регион из списка
    /official Султангазиев — должностное лицо: должность, регион, публикации
    /subscribe Жетісу — ежедневный дайджест по региону
    /unsubscribe — отписаться
    /settings — язык (русский, казахский или оба), время дайджеста, пауза

    Можно просто написать название региона или города.

## Регионы.
regions-choose = Выберите регион — покажу ключевые цифры:
query-too-long = Слишком длинный запрос ({ $length } знаков). Напишите коротко: название региона, города или фамилию.

## Подписка.
subscribe-choose = Отметьте регионы для ежедневного дайджеста (✅ — вы подписаны):
subscribe-choose-query = «{ $query }» — уточните, на какой регион подписаться:
subscribed = Готово: вы подписаны на <b>{ $region }</b>. Дайджест — каждый день в { $time } (по времени Астаны).
subscribed-already = Вы уже подписаны на <b>{ $region }</b>.
subscribed-place = Отдельной подписки на «{ $place }» нет — подписываю на регион.
unsubscribed = Подписка на <b>{ $region }</b> отменена.
unsubscribed-not = Вы не подписаны на <b>{ $region }</b>.
unsubscribed-all = Все подписки отменены. Подписаться снова: /subscribe
unsubscribe-choose = Нажмите на регион, чтобы отписаться:
unsubscribe-none = У вас нет подписок. Подписаться: /subscribe
subscriptions-summary = Ваши регионы: { $regions }. Дайджест — каждый день в { $time }. Настройки: /settings
subscriptions-empty = Вы пока ни на что не подписаны. Подписаться: /subscribe
button-done = Готово
button-unsubscribe-all = Отписаться от всех
callback-subscribed = Подписка: { $region }
callback-unsubscribed = Отписка: { $region }

## Настройки.
settings-title = <b>Настройки</b>
settings-language = Язык дайджеста: { $language }
settings-time = Время: { $time } (по времени Астаны)
settings-state = Рассылка: { $state }
settings-regions = Регионы: { $regions }
settings-regions-none = нет — /subscribe
settings-hint = Другое время: /settings 07:30. Пауза: /settings pause, продолжить: /settings resume.
language-ru = русский
language-kk = казахский
language-both = русский и казахский
state-on = включена
state-paused = на паузе
settings-saved = Сохранено.
settings-language-set = Язык дайджеста: { $language }.
settings-time-set = Дайджест будет приходить в { $time } (по времени Астаны).
settings-paused = Рассылка на паузе. Продолжить: /settings resume
settings-resumed = Рассылка возобновлена.
settings-bad-value = Не понял «{ $value }». Например: /settings 07:30, /settings kk, /settings both, /settings pause
button-language-ru = Русский
button-language-kk = Қазақша
button-language-both = Оба языка
button-pause = ⏸ Пауза
button-resume = ▶️ Продолжить

## Администратор.
stats =
    <b>Статистика</b>
    Статей: { $articles } (за сегодня { $articles_today })
    Подписчиков: { $subscribed } получают, { $paused } на паузе, { $inactive } заблокировали бота
    Подписок на регионы: { $subscriptions }
    Рассылка сегодня: отправлено { $sent }, в очереди { $pending }, не доставлено { $failed }
stats-sources = <b>Источники</b>
stats-source = { $outlet } ({ $language }): { $status }, статей: { $articles }
stats-source-error = ↳ { $error }
source-status-ok = работает
source-status-failing = ошибки
source-status-down = не отвечает
source-status-new = ещё не опрашивался
source-status-disabled = выключен
source-usage = Пришлите адрес ленты или сайта: /source https://…
source-added = Источник добавлен: { $outlet } ({ $language }), { $url }
source-failed = Не удалось добавить источник: { $reason }
ingest-usage = Пришлите ссылку (/ingest https://…), перешлите пост или отправьте файл статьи.
ingest-bad-url = Это не похоже на ссылку http(s): «{ $url }».
ingest-working = Загружаю…
ingest-result = Новых статей: { $new }, уже было: { $duplicates }, ошибок: { $failed }.
ingest-error = «{ $doc }»: { $reason }
ingest-no-text = В этом посте нет текста.
ingest-too-big = Файл слишком большой ({ $size } МБ), предел — { $limit } МБ.

## Всё остальное.
unknown-command = Не знаю такой команды. Что я умею — /help
not-text = Я понимаю только текст. Напишите название региона или города, например «Алматинская область», или посмотрите /help
text-not-understood = Не понял «{ $text }». Напишите название региона или города, например «Жетісу», или посмотрите /help
button-outdated = Эта кнопка устарела — откройте меню заново.
throttled = Слишком много сообщений подряд — подождите пару секунд.
error = Что-то пошло не так. Попробуйте ещё раз чуть позже.
