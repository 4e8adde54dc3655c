-- Live sources: the feeds polled on schedule, the items seen in them, and stories
-- (one story reprinted by several outlets).

CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,       -- the feed, normalised (digest.sources.normalise_url)
    outlet           TEXT NOT NULL,
    language         TEXT NOT NULL CHECK (language IN ('ru', 'kk')),
    region           TEXT,                       -- a regional outlet's region, else NULL
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes > 0),
    enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    origin           TEXT NOT NULL CHECK (origin IN ('file', 'admin')),
    added_at         TEXT NOT NULL,              -- ISO 8601 UTC, as every moment below
    etag             TEXT,                       -- for If-None-Match
    last_modified    TEXT,                       -- for If-Modified-Since
    last_polled_at   TEXT,
    last_ok_at       TEXT,
    last_error       TEXT,                       -- kept after a recovery: the last thing that went wrong
    last_error_at    TEXT,
    failures         INTEGER NOT NULL DEFAULT 0, -- consecutive failed polls; 0 = healthy
    total_failures   INTEGER NOT NULL DEFAULT 0,
    polls            INTEGER NOT NULL DEFAULT 0,
    items_seen       INTEGER NOT NULL DEFAULT 0, -- distinct feed items ever seen
    articles_stored  INTEGER NOT NULL DEFAULT 0, -- new articles stored from its items
    next_poll_at     TEXT                        -- NULL: due now
);
CREATE INDEX sources_due ON sources (enabled, next_poll_at);

-- Every feed item once: an item is fetched until it is stored (or found a duplicate),
-- and after a few failed attempts it is left alone.
CREATE TABLE feed_items (
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    url           TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'failed', 'skipped')),
    attempts      INTEGER NOT NULL DEFAULT 1,
    error         TEXT,
    PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
CREATE INDEX feed_items_url ON feed_items (url);

-- The story an article belongs to: the id of the story's first stored article
-- (an article alone is its own story). NULL until the story step has seen it.
ALTER TABLE articles ADD COLUMN story_id INTEGER;
CREATE INDEX articles_story ON articles (story_id);

-- What the story step compares (digest.story.StoryFingerprint).
CREATE TABLE story_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sketch     BLOB NOT NULL,                    -- the smallest shingle hashes, 4 bytes each
    shingles   INTEGER NOT NULL,
    figures    TEXT NOT NULL,                    -- distinctive figures `unit:value`, space-separated
    regions    TEXT NOT NULL                     -- region codes, space-separated
);

-- Lookup keys of each article (digest.story.story_keys), by its day.
CREATE TABLE story_keys (
    key        TEXT NOT NULL,
    day        TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, day, article_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_article ON story_keys (article_id);
