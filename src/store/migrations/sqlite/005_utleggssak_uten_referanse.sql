-- SPEC §6.7 DUPLIKAT_INNSENDING: only a petition that has an innsenderReferanse can duplicate an
-- earlier one; a missing reference is stored as NULL, which the UNIQUE constraint never pairs.
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt. With foreign keys on, renaming
-- utleggssak rewrites the REFERENCES of utleggsbegjaering_versjon, so that table is rebuilt
-- too, pointing at the new utleggssak, before the old one is dropped.
ALTER TABLE utleggssak RENAME TO utleggssak_005;
CREATE TABLE utleggssak (
    ekstern_saksreferanse TEXT PRIMARY KEY,
    innsender TEXT NOT NULL,
    innsender_referanse TEXT,         -- NULL when the petition has none
    begjaeringsdato TEXT NOT NULL,
    status TEXT NOT NULL,
    opprettet_us BIGINT NOT NULL,
    endret_us BIGINT NOT NULL,
    UNIQUE (innsender, innsender_referanse, begjaeringsdato)
);
INSERT INTO utleggssak (ekstern_saksreferanse, innsender, innsender_referanse, begjaeringsdato,
                        status, opprettet_us, endret_us)
SELECT ekstern_saksreferanse, innsender, NULLIF(innsender_referanse, ''), begjaeringsdato, status,
       opprettet_us, endret_us
FROM utleggssak_005;
ALTER TABLE utleggsbegjaering_versjon RENAME TO utleggsbegjaering_versjon_005;
CREATE TABLE utleggsbegjaering_versjon (
    ekstern_saksreferanse TEXT NOT NULL REFERENCES utleggssak(ekstern_saksreferanse),
    versjon INTEGER NOT NULL,
    innsender TEXT NOT NULL,
    mottatt_us BIGINT NOT NULL,
    meldingsid TEXT,
    modell TEXT NOT NULL,
    innhold TEXT NOT NULL,
    PRIMARY KEY (ekstern_saksreferanse, versjon),
    UNIQUE (innsender, meldingsid)
);
INSERT INTO utleggsbegjaering_versjon (ekstern_saksreferanse, versjon, innsender, mottatt_us,
                                       meldingsid, modell, innhold)
SELECT ekstern_saksreferanse, versjon, innsender, mottatt_us, meldingsid, modell, innhold
FROM utleggsbegjaering_versjon_005;
DROP TABLE utleggsbegjaering_versjon_005;
DROP TABLE utleggssak_005;
