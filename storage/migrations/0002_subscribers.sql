-- Subscribers, their regions, and the delivery outbox of daily digests.

-- One row a chat that has talked to the bot and chosen something (a region, a setting).
CREATE TABLE subscribers (
    chat_id          INTEGER PRIMARY KEY,
    ui_language      TEXT CHECK (ui_language IN ('ru', 'kk')),      -- NULL: follow Telegram's language_code
    reader_language  TEXT NOT NULL DEFAULT 'both' CHECK (reader_language IN ('ru', 'kk', 'both')),
    digest_time      TEXT NOT NULL DEFAULT '08:00',                 -- HH:MM in the bot's time zone
    paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),   -- 0: blocked the bot
    created_at       TEXT NOT NULL,                                 -- ISO 8601 UTC
    last_digest_at   TEXT                                           -- UTC end of the last digest's window
);

CREATE TABLE subscriptions (
    chat_id    INTEGER NOT NULL REFERENCES subscribers (chat_id) ON DELETE CASCADE,
    region     TEXT NOT NULL,                                       -- KZ-xx
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, region)
);
CREATE INDEX subscriptions_region ON subscriptions (region);

-- The outbox: one row a subscriber and day, so a day's digest is sent once whatever
-- restarts happen. A sender claims rows ('sending', owner, lease) before calling
-- Telegram; a row claimed by a process that died is claimed again.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    chat_id          INTEGER NOT NULL REFERENCES subscribers (chat_id) ON DELETE CASCADE,
    day              TEXT NOT NULL,                                 -- YYYY-MM-DD in the bot's time zone
    region           TEXT,                                          -- NULL: all the subscriber's regions
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,                                 -- ISO 8601 UTC
    covered_since    TEXT NOT NULL,                                 -- the articles stored in
    covered_until    TEXT NOT NULL,                                 --   [since, until) make the digest
    parts_sent       INTEGER NOT NULL DEFAULT 0,                    -- messages Telegram accepted so far
    owner            TEXT,                                          -- host:pid of the claiming sender
    lease_until      TEXT,
    error            TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    UNIQUE (chat_id, day)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_day ON deliveries (day, status);
