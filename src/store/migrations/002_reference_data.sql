-- Category of each kravtype for restanser (SPEC §2.3). Interest claims take the category of
-- their principal (hovedstol); er_rente marks them.
INSERT INTO kravtype_kategori (kravtype, kategori, er_rente) VALUES
 ('RESTSKATT', 'restskatt', 0), ('restskatt', 'restskatt', 0),
 ('FORSKTREKK', 'forskuddstrekk', 0), ('forskuddstrekk', 'forskuddstrekk', 0),
 ('Mva-melding', 'merverdiavgift', 0), ('MVA', 'merverdiavgift', 0), ('merverdiavgift', 'merverdiavgift', 0),
 ('ARBGAVG', 'arbeidsgiveravgift', 0), ('arbeidsgiveravgift', 'arbeidsgiveravgift', 0),
 ('AVVIK_ARBGAVG_KREDIT', 'arbeidsgiveravgift', 0),
 ('GEBYR', 'gebyr', 0), ('Tvangsmulkt', 'gebyr', 0), ('Overtredelsesgebyr', 'gebyr', 0),
 ('UTSKR_FORSKSKATT', 'forskuddsskatt', 0), ('forskuddsskatt', 'forskuddsskatt', 0),
 ('Forsinkelsesrente', 'rente', 1), ('Fors.rente kredit', 'rente', 1), ('RENTE', 'rente', 1);

-- Forsinkelsesrente as set half-yearly (forsinkelsesrenteloven § 3): percent × 100.
INSERT INTO forsinkelsesrente_sats (fra_dato, sats_basispunkter) VALUES
 ('2019-01-01', 875), ('2019-07-01', 925), ('2020-01-01', 950), ('2020-07-01', 800),
 ('2021-01-01', 800), ('2021-07-01', 800), ('2022-01-01', 850), ('2022-07-01', 925),
 ('2023-01-01', 1075), ('2023-07-01', 1175), ('2024-01-01', 1250), ('2024-07-01', 1250),
 ('2025-01-01', 1250), ('2025-07-01', 1225), ('2026-01-01', 1200), ('2026-07-01', 1200);
