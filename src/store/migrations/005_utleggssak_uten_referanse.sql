-- SPEC §6.7 DUPLIKAT_INNSENDING: only a petition that has an innsenderReferanse can duplicate an
-- earlier one. A missing reference is stored as NULL, which the UNIQUE (innsender,
-- innsender_referanse, begjaeringsdato) constraint never pairs, so two petitions without a
-- reference on the same date are both accepted. (SQLite rebuilds the tables instead:
-- migrations/sqlite/005_utleggssak_uten_referanse.sql.)
ALTER TABLE utleggssak ALTER COLUMN innsender_referanse DROP NOT NULL;
UPDATE utleggssak SET innsender_referanse = NULL WHERE innsender_referanse = '';
