-- Big pages at the speed of the wire. A trekkpålegg version is immutable, so it holds its
-- complete JSON object as the API shows it (column visning, rendered once when the version is
-- written: store/trekk_visning.hpp), and a page is the stored objects spliced in sekvensnummer
-- order. Existing rows get theirs from the store right after this step (store/database.cpp runs
-- beregn_trekkvisninger). (SQLite: migrations/sqlite/007_sider_fra_indeks.sql.)
ALTER TABLE trekkpaalegg ADD COLUMN visning TEXT NOT NULL DEFAULT '';
-- A page is one range of this index. It does not hold visning itself: a B-tree index entry is
-- at most a third of a page, and a version may have up to 500 periods (about 45 kB of JSON,
-- over 8 kB compressed), so the text is fetched from the table, which TOASTs what is large.
-- siste is kept so the unpaged list (siste = 1) skips older versions in the index.
CREATE INDEX trekkpaalegg_side_idx ON trekkpaalegg (trekkpliktig, sekvensnummer) INCLUDE (siste);
DROP INDEX trekkpaalegg_pliktig_idx;
-- hendelse needs nothing: its primary key is a B-tree on sekvensnummer and rows are appended
-- in that order, so a page is an index range over consecutive heap pages.
