-- Big pages at the speed of the wire (the shared step explains visning). On SQLite a page is
-- one range of a covering index that holds the stored objects themselves, so no table row is
-- fetched; entries too large for an index page spill to overflow pages, which SQLite allows
-- at any size. Existing rows get their visning from the store right after this step
-- (store/database.cpp runs beregn_trekkvisninger), which updates the index with them.
ALTER TABLE trekkpaalegg ADD COLUMN visning TEXT NOT NULL DEFAULT '';
CREATE INDEX trekkpaalegg_side_idx ON trekkpaalegg (trekkpliktig, sekvensnummer, siste, visning);
DROP INDEX trekkpaalegg_pliktig_idx;

