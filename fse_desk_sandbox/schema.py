"""The tables of the sandbox's region database (see :mod:`fse_desk_sandbox.storage`).

The search indexes are kept apart so a bulk load into an empty store can drop
them and build them once at the end, which is much faster than maintaining them
row by row.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    rid INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    last_updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    json TEXT,
    UNIQUE (type, id)
);
CREATE INDEX IF NOT EXISTS resources_by_update ON resources (type, deleted, last_updated);
CREATE TABLE IF NOT EXISTS history (
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    last_updated TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    json TEXT,
    PRIMARY KEY (type, id, version_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS binary_content (
    id TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (id, version_id)
);
CREATE TABLE IF NOT EXISTS search_index (
    rid INTEGER NOT NULL,
    type TEXT NOT NULL,
    param TEXT NOT NULL,
    sys TEXT,
    val TEXT,
    low TEXT,
    high TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
SEARCH_INDEXES = """
CREATE INDEX IF NOT EXISTS search_by_value ON search_index (type, param, val);
CREATE INDEX IF NOT EXISTS search_by_date ON search_index (type, param, low);
CREATE INDEX IF NOT EXISTS search_by_resource ON search_index (rid);
"""
DROP_SEARCH_INDEXES = """
DROP INDEX IF EXISTS search_by_value;
DROP INDEX IF EXISTS search_by_date;
DROP INDEX IF EXISTS search_by_resource;
"""
