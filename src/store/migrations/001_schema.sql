-- Parties: organisations and persons. Skjerming per SPEC §1.6.
CREATE TABLE part (
    identifikator TEXT PRIMARY KEY,
    navn TEXT,
    er_person INTEGER NOT NULL DEFAULT 0,
    skjerming TEXT,                       -- NULL, 'fortrolig' or 'strengtFortrolig'
    er_enk INTEGER NOT NULL DEFAULT 0,
    eier TEXT,                            -- an ENK's owner (fødselsnummer)
    er_hovedenhet INTEGER NOT NULL DEFAULT 1,
    er_inkassobyraa INTEGER NOT NULL DEFAULT 0,
    gammelt_regelverk INTEGER NOT NULL DEFAULT 0
);

-- Which restanser category a kravtype counts in (data, not code).
CREATE TABLE kravtype_kategori (
    kravtype TEXT PRIMARY KEY,
    kategori TEXT NOT NULL,
    er_rente INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE krav (
    id @ID@,
    kravidentifikator TEXT NOT NULL,
    part TEXT NOT NULL REFERENCES part(identifikator),   -- whose ledger
    krav_part TEXT NOT NULL,                             -- partIdentifikator shown (ENK owner)
    kravtype TEXT NOT NULL,
    kravgruppe TEXT NOT NULL,
    kravbeskrivelse TEXT NOT NULL,
    kravbeskrivelse_en TEXT,
    periode_beskrivelse TEXT,
    periode_aar TEXT,
    periode_fra TEXT,
    periode_til TEXT,
    termin TEXT,
    fastsettingsmaate TEXT,
    opprettelsesdato TEXT NOT NULL,
    hovedstol_kravidentifikator TEXT,
    UNIQUE (part, kravidentifikator, krav_part)
);
CREATE INDEX krav_part_idx ON krav (part, opprettelsesdato);

CREATE TABLE kravforfall (
    id @ID@,
    kravforfallsidentifikator TEXT NOT NULL UNIQUE,
    krav_id BIGINT NOT NULL REFERENCES krav(id),
    forfallsdato TEXT NOT NULL,
    opprinnelig_oere BIGINT NOT NULL,
    kidnummer TEXT,
    kontoeiers_navn TEXT,
    bankinformasjon TEXT,
    kontonummer TEXT,
    iban TEXT,
    swift_bic TEXT
);
CREATE INDEX kravforfall_krav_idx ON kravforfall (krav_id);

CREATE TABLE innbetaling (
    id @ID@,
    innbetalingsidentifikator TEXT NOT NULL,
    part TEXT NOT NULL REFERENCES part(identifikator),
    betaler_part TEXT NOT NULL,
    innbetalingsdato TEXT NOT NULL,
    beloep_oere BIGINT NOT NULL,
    innbetalingstype TEXT,
    fra_kidnummer TEXT,
    fra_melding TEXT,
    fra_kontoeiers_navn TEXT,
    fra_kontonummer TEXT,
    valutakode TEXT,
    mottakers_kontonummer TEXT,
    UNIQUE (part, innbetalingsidentifikator, betaler_part)
);
CREATE INDEX innbetaling_part_idx ON innbetaling (part, innbetalingsdato);

-- A placement of a payment (innbetaling_id) or a counter-claim (motkrav_kravforfall_id) on an
-- instalment. Remaining amounts are derived from these, never stored.
CREATE TABLE plassering (
    id @ID@,
    kravforfall_id BIGINT NOT NULL REFERENCES kravforfall(id),
    innbetaling_id BIGINT REFERENCES innbetaling(id),
    motkrav_kravforfall_id BIGINT REFERENCES kravforfall(id),
    beloep_oere BIGINT NOT NULL,
    plassert_dato TEXT NOT NULL,
    CHECK ((innbetaling_id IS NULL) <> (motkrav_kravforfall_id IS NULL))
);
CREATE INDEX plassering_forfall_idx ON plassering (kravforfall_id);
CREATE INDEX plassering_innbetaling_idx ON plassering (innbetaling_id);
CREATE INDEX plassering_motkrav_idx ON plassering (motkrav_kravforfall_id);

CREATE TABLE utbetaling (
    id @ID@,
    utbetalingsidentifikator TEXT NOT NULL,
    part TEXT NOT NULL REFERENCES part(identifikator),
    utbetalt_til_part TEXT NOT NULL,
    utbetaltdato TEXT NOT NULL,
    melding TEXT,
    kontoeiers_navn TEXT,
    kontonummer TEXT,
    valutakode TEXT,
    utbetalingstatus TEXT NOT NULL,
    UNIQUE (part, utbetalingsidentifikator)
);
CREATE INDEX utbetaling_part_idx ON utbetaling (part, utbetaltdato);

-- The credit claims an utbetaling pays out; utbetaltBeloep is their sum.
CREATE TABLE utbetaling_grunnlag (
    utbetaling_id BIGINT NOT NULL REFERENCES utbetaling(id),
    kravforfall_id BIGINT NOT NULL REFERENCES kravforfall(id),
    utbetalt_oere BIGINT NOT NULL,
    PRIMARY KEY (utbetaling_id, kravforfall_id)
);
-- Remaining amounts look payouts up per instalment (kravforfall_saldo and the ledger store).
CREATE INDEX utbetaling_grunnlag_forfall_idx ON utbetaling_grunnlag (kravforfall_id);

-- The one definition of an instalment's remaining amount in SQL; domain/ledger computes the
-- same from the same parts (Kravforfall::gjenstaaende) and a property test compares the two.
CREATE VIEW kravforfall_saldo AS
SELECT f.id,
       f.opprinnelig_oere
       - COALESCE((SELECT SUM(q.beloep_oere) FROM plassering q WHERE q.kravforfall_id = f.id), 0)
       + COALESCE((SELECT SUM(g.utbetalt_oere) FROM utbetaling_grunnlag g WHERE g.kravforfall_id = f.id), 0)
       + COALESCE((SELECT SUM(m.beloep_oere) FROM plassering m WHERE m.motkrav_kravforfall_id = f.id), 0)
         AS gjenstaaende_oere
FROM kravforfall f;

-- Forsinkelsesrente (late-payment interest) in basis points per year, valid from fra_dato.
CREATE TABLE forsinkelsesrente_sats (
    fra_dato TEXT PRIMARY KEY,
    sats_basispunkter INTEGER NOT NULL
);

-- Onboarding: which organisation may use which rettighetspakke of which API.
CREATE TABLE tilgang (
    api TEXT NOT NULL,
    pakke TEXT NOT NULL,
    org TEXT NOT NULL,
    PRIMARY KEY (api, pakke, org)
);

-- Global counters for sekvensnummer. The row lock taken by UPDATE ... RETURNING serialises
-- writers until commit, so numbers appear in commit order and a rollback leaves no gap.
CREATE TABLE sekvens (
    navn TEXT PRIMARY KEY,
    verdi BIGINT NOT NULL
);
INSERT INTO sekvens (navn, verdi) VALUES ('trekkpaalegg', 0), ('hendelse', 0);

CREATE TABLE trekkpaalegg (
    trekkid TEXT NOT NULL,
    trekkversjon INTEGER NOT NULL,
    sekvensnummer BIGINT NOT NULL UNIQUE,
    opprettet_us BIGINT NOT NULL,
    saksnummer TEXT NOT NULL,
    trekkpliktig TEXT NOT NULL,
    skyldner TEXT NOT NULL,
    trekkstatus TEXT NOT NULL,
    perioder TEXT NOT NULL,           -- JSON array, immutable per version
    betalingsmottaker TEXT NOT NULL,
    kidnummer TEXT NOT NULL,
    kontonummer TEXT NOT NULL,
    siste INTEGER NOT NULL DEFAULT 1, -- 1 on the newest version of a trekkid
    PRIMARY KEY (trekkid, trekkversjon)
);
CREATE INDEX trekkpaalegg_pliktig_idx ON trekkpaalegg (trekkpliktig, sekvensnummer);
-- At most one newest version per trekkid, whatever the writers do.
CREATE UNIQUE INDEX trekkpaalegg_siste_idx ON trekkpaalegg (trekkid) WHERE siste = 1;

-- Tax settlements per person and income year; the parts are rows of skatteoppgjoer_del.
CREATE TABLE skatteoppgjoer (
    personidentifikator TEXT NOT NULL,
    inntektsaar INTEGER NOT NULL,
    skatteoppgjoersdato TEXT NOT NULL,
    ajourhold_us BIGINT,              -- NULL before 2024: ajourholdstidspunkt is optional
    slettet INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (personidentifikator, inntektsaar)
);

CREATE TABLE skatteoppgjoer_del (
    personidentifikator TEXT NOT NULL,
    inntektsaar INTEGER NOT NULL,
    omraade TEXT NOT NULL,            -- 'fastland' or 'svalbard'
    restskatt BIGINT,
    beloep_tilgode BIGINT,
    avregnet_forskuddstrekk BIGINT,
    avregnet_forskuddsskatt BIGINT,
    overskytende BIGINT,
    rentegodtgjoerelse BIGINT,
    beregnet_skatt BIGINT,
    aa_betale BIGINT,
    forhaandsfastsatt INTEGER,
    skatteregnskapskommune TEXT,
    PRIMARY KEY (personidentifikator, inntektsaar, omraade)
);

CREATE TABLE hendelse (
    sekvensnummer BIGINT PRIMARY KEY,
    identifikator TEXT NOT NULL,
    gjelder_periode TEXT NOT NULL,
    registrering_us BIGINT NOT NULL,
    hendelsetype TEXT NOT NULL,
    ajourhold_us BIGINT
);
CREATE INDEX hendelse_tid_idx ON hendelse (registrering_us);

-- Identity changes of persons with settlements: a lookup by the old identifikator is answered
-- with the current one (SPEC §5.1 personidentifikator "current identifier").
CREATE TABLE skatteoppgjoer_identitet (
    gammel TEXT PRIMARY KEY,
    ny TEXT NOT NULL,
    endret_us BIGINT NOT NULL
);

-- Utleggsbegjæring cases. SPEC §6.7 DUPLIKAT_INNSENDING: one case per innsender,
-- innsenderReferanse and begjæringsdato, held by the database, not by the process.
CREATE TABLE utleggssak (
    ekstern_saksreferanse TEXT PRIMARY KEY,
    innsender TEXT NOT NULL,
    innsender_referanse TEXT NOT NULL,
    begjaeringsdato TEXT NOT NULL,
    status TEXT NOT NULL,             -- 'mottatt', 'uavklart', 'avsluttet', ... (import sets it)
    opprettet_us BIGINT NOT NULL,
    endret_us BIGINT NOT NULL,
    UNIQUE (innsender, innsender_referanse, begjaeringsdato)
);
-- Case numbers (ELAN-<år>-<nr>) come from this counter, so they are unique across instances.
INSERT INTO sekvens (navn, verdi) VALUES ('utleggssak', 0);

CREATE TABLE utleggsbegjaering_versjon (
    ekstern_saksreferanse TEXT NOT NULL REFERENCES utleggssak(ekstern_saksreferanse),
    versjon INTEGER NOT NULL,
    innsender TEXT NOT NULL,
    mottatt_us BIGINT NOT NULL,
    meldingsid TEXT,                  -- the client's Meldingsid header: a retry key per innsender
    modell TEXT NOT NULL,             -- 'v1' (model 0.9) or 'v2' (model 1.0-2.0)
    innhold TEXT NOT NULL,            -- the exact JSON received
    PRIMARY KEY (ekstern_saksreferanse, versjon),
    UNIQUE (innsender, meldingsid)
);

CREATE TABLE vedlegg (
    uuid TEXT PRIMARY KEY,
    innsender TEXT NOT NULL,
    filnavn TEXT NOT NULL,
    vedleggstype TEXT,                -- type given at upload (tvangsgrunnlag, fullmakt, ...), if any
    innholdstype TEXT NOT NULL,
    stoerrelse BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    innhold TEXT,                     -- base64 of the bytes (TEXT on both backends); NULL if imported
    status TEXT NOT NULL,             -- 'klar', 'behandles', 'feilet', 'slettet', ...
    ekstern_saksreferanse TEXT,       -- the case it was bound to on submission
    opprettet_us BIGINT NOT NULL
);
