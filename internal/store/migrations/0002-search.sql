-- 0002: full-text search over image references, descriptions and release note titles.
-- One FTS5 row per image (rowid = images.id). Triggers add and remove it with the image; its
-- description and release_titles are rewritten once per saved check by internal/store/enrichment.ts
-- (the only writer of those tables): a trigger per note row rewrote the whole FTS row once per
-- note, which made saving a check with 5 notes ~10× slower (bench/store.bench.ts).
-- unicode61 splits `docker.io/library/nginx:1.25` into docker, io, library, nginx, 1, 25; the
-- prefix indexes make the type-ahead queries ("ngi*") cheap.

CREATE VIRTUAL TABLE image_search USING fts5 (
  reference, description, release_titles,
  tokenize = 'unicode61', prefix = '2 3'
);

CREATE TRIGGER image_search_on_image_insert AFTER INSERT ON images BEGIN
  INSERT INTO image_search (rowid, reference, description, release_titles) VALUES (new.id, new.reference, '', '');
END;
CREATE TRIGGER image_search_on_image_delete AFTER DELETE ON images BEGIN
  DELETE FROM image_search WHERE rowid = old.id;
END;

-- Images stored before this migration.
INSERT INTO image_search (rowid, reference, description, release_titles)
SELECT images.id,
       images.reference,
       coalesce((SELECT body FROM descriptions WHERE image_id = images.id), ''),
       coalesce((SELECT group_concat(title, ' ') FROM release_notes WHERE image_id = images.id), '')
  FROM images;
