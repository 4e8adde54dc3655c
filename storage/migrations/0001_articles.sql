-- Articles and the facts extracted from them (see shared spec EXTRACTION.md).

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    doc           TEXT NOT NULL,                 -- file name or record id it came from
    url           TEXT UNIQUE,                   -- NULL for files
    source        TEXT,                          -- outlet: Zakon.kz, Akorda, ...
    title         TEXT,
    body          TEXT NOT NULL,
    language      TEXT NOT NULL CHECK (language IN ('ru', 'kk', 'other')),
    published     TEXT,                          -- YYYY-MM-DD or NULL
    day           TEXT NOT NULL,                 -- published, else the ingest date: digests select by it
    ingested_at   TEXT NOT NULL,                 -- ISO 8601 UTC
    content_hash  TEXT NOT NULL UNIQUE,          -- of the normalised text: one article stored once
    search_text   TEXT NOT NULL,                 -- folded title and body, what full-text search indexes
    extractor_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_day ON articles (day);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    search_text,
    content = 'articles',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF search_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    INSERT INTO articles_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- The regions an article reports on, most salient first (rank 0).
CREATE TABLE article_regions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    region     TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    PRIMARY KEY (article_id, region)
);
CREATE INDEX article_regions_region ON article_regions (region, article_id);

-- Places below region level named in an article (towns, districts, villages).
CREATE TABLE article_places (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    region     TEXT,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE figures (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,                 -- order in the article
    value      REAL NOT NULL,
    unit       TEXT NOT NULL,
    category   TEXT NOT NULL,
    qualifier  TEXT,
    region     TEXT,                             -- NULL: a national figure
    counted    TEXT,
    text       TEXT NOT NULL,                    -- the span as written
    start      INTEGER NOT NULL,                 -- offsets into articles.body
    stop       INTEGER NOT NULL,
    UNIQUE (article_id, position)
);
CREATE INDEX figures_region ON figures (region, article_id);

-- One row a person, across articles, cases and languages: `key` is the folded surname.
CREATE TABLE officials (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    name_ru  TEXT,
    name_kk  TEXT,
    role     TEXT,
    region   TEXT
);

CREATE TABLE official_mentions (
    official_id INTEGER NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,                   -- as normalised in the article's language
    role        TEXT,
    region      TEXT,
    start       INTEGER,                         -- first mention in articles.body
    stop        INTEGER,
    PRIMARY KEY (official_id, article_id)
);
CREATE INDEX official_mentions_article ON official_mentions (article_id);
