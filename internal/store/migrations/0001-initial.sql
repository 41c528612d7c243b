-- 0001: the initial schema. Shipped migrations are frozen: change the schema by adding the next
-- numbered file (docs/store.md). Times are epoch milliseconds; JSON columns are checked with json_valid.

-- One row per normalized image reference: the unit the pipeline processes. Rows are kept when the
-- image stops running anywhere (disappeared_at is set) so its results and history survive.
CREATE TABLE images (
  id             INTEGER PRIMARY KEY,
  reference      TEXT    NOT NULL UNIQUE,
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  disappeared_at INTEGER,
  last_processed INTEGER,
  status         TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  error          TEXT,
  CHECK ((status = 'failed') = (error IS NOT NULL))
);
CREATE INDEX images_by_last_processed ON images (last_processed) WHERE disappeared_at IS NULL;

-- The graph each platform reported, replaced per platform in one transaction. Image nodes point at
-- their image row, so "where does this image run?" walks the edges up from them.
CREATE TABLE graph_nodes (
  id       TEXT    PRIMARY KEY,
  platform TEXT    NOT NULL,
  kind     TEXT    NOT NULL,
  image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
  node     TEXT    NOT NULL CHECK (json_valid(node))
);
CREATE INDEX graph_nodes_by_platform ON graph_nodes (platform);
CREATE INDEX graph_nodes_by_image ON graph_nodes (image_id) WHERE image_id IS NOT NULL;

-- child → parent, as in internal/graph/types.ts.
CREATE TABLE graph_edges (
  from_id TEXT NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
  to_id   TEXT NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (from_id, to_id)
) WITHOUT ROWID;
CREATE INDEX graph_edges_by_to ON graph_edges (to_id);

-- The latest check of an image. update_rank orders by update size: major > minor > patch > digest > none.
CREATE TABLE results (
  image_id         INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
  current_tag      TEXT,
  current_digest   TEXT,
  latest_reference TEXT,
  latest_digest    TEXT,
  update_kind      TEXT    NOT NULL CHECK (update_kind IN ('major', 'minor', 'patch', 'digest', 'none')),
  update_rank      INTEGER NOT NULL GENERATED ALWAYS AS (
                     CASE update_kind WHEN 'major' THEN 4 WHEN 'minor' THEN 3 WHEN 'patch' THEN 2
                                      WHEN 'digest' THEN 1 ELSE 0 END) VIRTUAL,
  patch_candidate  TEXT,
  minor_candidate  TEXT,
  major_candidate  TEXT,
  explanation      TEXT    NOT NULL CHECK (json_valid(explanation)),
  checked_at       INTEGER NOT NULL
);
CREATE INDEX results_by_update_rank ON results (update_rank);

-- outdated, up-to-date, bump:major, failed, namespace:x, github, …
CREATE TABLE tags (
  image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  name     TEXT    NOT NULL,
  PRIMARY KEY (image_id, name)
) WITHOUT ROWID;
CREATE INDEX tags_by_name ON tags (name, image_id);

CREATE TABLE descriptions (
  image_id INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
  format   TEXT    NOT NULL CHECK (format IN ('text', 'markdown', 'html')),
  body     TEXT    NOT NULL,
  source   TEXT    NOT NULL
);

CREATE TABLE links (
  image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  type     TEXT    NOT NULL,
  url      TEXT    NOT NULL,
  PRIMARY KEY (image_id, url)
) WITHOUT ROWID;

-- body is the markdown as the source sent it: sanitized when drawn, never here.
CREATE TABLE release_notes (
  image_id     INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  version      TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  published_at INTEGER,
  url          TEXT,
  PRIMARY KEY (image_id, version)
);

CREATE TABLE vulnerabilities (
  image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  id       TEXT    NOT NULL,
  severity TEXT    NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'unknown')),
  summary  TEXT    NOT NULL,
  fixed_in TEXT,
  source   TEXT    NOT NULL,
  PRIMARY KEY (image_id, id)
) WITHOUT ROWID;

CREATE TABLE workflow_runs (
  id          INTEGER PRIMARY KEY,
  image_id    INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  status      TEXT    NOT NULL CHECK (status IN ('succeeded', 'failed', 'cancelled')),
  started_at  INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  record      TEXT    NOT NULL CHECK (json_valid(record))
);
CREATE INDEX workflow_runs_by_image ON workflow_runs (image_id, started_at);

CREATE TABLE history (
  id       INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL
           CHECK (kind IN ('appeared', 'disappeared', 'update-found', 'update-applied', 'digest-changed')),
  at       INTEGER NOT NULL,
  details  TEXT    CHECK (details IS NULL OR json_valid(details))
);
CREATE INDEX history_by_at ON history (at);
CREATE INDEX history_by_image ON history (image_id, at);

-- CacheStore of internal/http/types.ts. Never holds a credential (the store strips them on write).
CREATE TABLE http_cache (
  key           TEXT    PRIMARY KEY,
  status        INTEGER NOT NULL,
  headers       TEXT    NOT NULL CHECK (json_valid(headers)),
  body          BLOB    NOT NULL,
  stored_at     INTEGER NOT NULL,
  expires_at    INTEGER,
  etag          TEXT,
  last_modified TEXT
);

CREATE TABLE settings (
  key        TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL
);

-- Per image reference pattern: pin / ignore / stay-on-major / stay-below / include / exclude, as
-- the versioning module reads them (JSON).
CREATE TABLE rules (
  pattern    TEXT    PRIMARY KEY,
  rule       TEXT    NOT NULL CHECK (json_valid(rule)),
  updated_at INTEGER NOT NULL
);
