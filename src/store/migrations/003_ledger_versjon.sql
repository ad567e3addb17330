-- The ledger's version: every import and generator run bumps it in its own transaction. Readers
-- keep figures derived from the ledger per version (apis/restanser), so a kept figure is never
-- older than the last committed change.
INSERT INTO sekvens (navn, verdi) VALUES ('ledger', 0);
