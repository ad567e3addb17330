-- Read models, kept by the ledger's one write path (store/ledger_skriv.cpp) in the same
-- transaction as the postings they derive from, so an answer is one or two indexed range reads.
-- kravforfall_saldo (001) stays the definition of a remaining amount; a property test checks
-- that every kept figure equals a recomputation from the postings.

-- Bumped by every write that touches the party's ledger: figures kept per party are valid
-- while it is unchanged (with the global `ledger` epoch in `sekvens`, bumped by bulk loads,
-- restores and reference-data changes).
ALTER TABLE part ADD COLUMN versjon BIGINT NOT NULL DEFAULT 0;
-- The remaining amount of the claim: the sum over its instalments.
ALTER TABLE krav ADD COLUMN gjenstaaende_oere BIGINT NOT NULL DEFAULT 0;
-- The ledger's owner (krav.part), the restanser category (its name in kravtype_kategori: the
-- claim's own, or its principal's for an interest claim; NULL = not in the table) and the
-- remaining amount of the instalment.
ALTER TABLE kravforfall ADD COLUMN part TEXT;
ALTER TABLE kravforfall ADD COLUMN restanse_kategori TEXT;
ALTER TABLE kravforfall ADD COLUMN er_rente INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kravforfall ADD COLUMN gjenstaaende_oere BIGINT NOT NULL DEFAULT 0;
-- What of a payment is not placed on any instalment.
ALTER TABLE innbetaling ADD COLUMN uplassert_oere BIGINT NOT NULL DEFAULT 0;

-- Existing rows get their figures from the store right after this step
-- (store/database.cpp runs beregn_lesemodeller, the same computation a bulk load uses).

-- Restanser: the overdue, unpaid instalments of one party, in one range of one index that
-- holds every column the sum needs.
CREATE INDEX kravforfall_restanse_idx
    ON kravforfall (part, forfallsdato, restanse_kategori, er_rente, gjenstaaende_oere)
    WHERE gjenstaaende_oere > 0;
-- Åpne krav: the open claims and unplaced payments of one party, and nothing else.
CREATE INDEX krav_aapen_idx ON krav (part, opprettelsesdato) WHERE gjenstaaende_oere <> 0;
CREATE INDEX innbetaling_uplassert_idx ON innbetaling (part, innbetalingsdato)
    WHERE uplassert_oere > 0;
-- Interest claims by their principal, so a principal written after its interest claim (or a
-- changed category) finds the claims that count in its category.
CREATE INDEX krav_hovedstol_idx ON krav (part, hovedstol_kravidentifikator)
    WHERE hovedstol_kravidentifikator IS NOT NULL;
