-- Big pages at the speed of the wire (the shared step explains visning). On SQLite a page is
-- one range of a covering index that holds the stored objects themselves, so no table row is
-- fetched; entries too large for an index page spill to overflow pages, which SQLite allows
-- at any size. Existing rows get their visning from the store right after this step
-- (store/database.cpp runs beregn_trekkvisninger), which updates the index with them.
ALTER TABLE trekkpaalegg ADD COLUMN visning TEXT NOT NULL DEFAULT '';
CREATE INDEX trekkpaalegg_side_idx ON trekkpaalegg (trekkpliktig, sekvensnummer, siste, visning);
DROP INDEX trekkpaalegg_pliktig_idx;

-- The hendelse feed is read in sekvensnummer ranges. `sekvensnummer BIGINT PRIMARY KEY` made a
-- separate unique index and a row fetch by rowid per event; as INTEGER PRIMARY KEY it is the
-- rowid, so the table is clustered by it and a page is one contiguous range of the table.
-- SQLite cannot change a primary key in place, so the table is rebuilt.
ALTER TABLE hendelse RENAME TO hendelse_007;
CREATE TABLE hendelse (
    sekvensnummer INTEGER PRIMARY KEY,
    identifikator TEXT NOT NULL,
    gjelder_periode TEXT NOT NULL,
    registrering_us BIGINT NOT NULL,
    hendelsetype TEXT NOT NULL,
    ajourhold_us BIGINT
);
INSERT INTO hendelse (sekvensnummer, identifikator, gjelder_periode, registrering_us,
                      hendelsetype, ajourhold_us)
SELECT sekvensnummer, identifikator, gjelder_periode, registrering_us, hendelsetype, ajourhold_us
FROM hendelse_007 ORDER BY sekvensnummer;
DROP TABLE hendelse_007;
CREATE INDEX hendelse_tid_idx ON hendelse (registrering_us);
