// Writes docs/openapi/<api>.json, one OpenAPI 3.1 document per API, from the definitions below.
// The JSON files are committed and served at /openapi/{api}.json; tests/openapi checks that they
// are up to date with this script, lints them and validates every e2e response against them.
// Run: node docs/openapi/generate.mjs [outdir]
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2] ?? here;
const demoBegjaering = JSON.parse(readFileSync(join(here, '../../data/demo/utleggsbegjaering-eksempel.json'), 'utf8'));

// ---- shared building blocks ----------------------------------------------------------------

const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
const int = (description, extra = {}) => ({ type: 'integer', description, ...extra });
const num = (description, extra = {}) => ({ type: 'number', description, ...extra });
const bool = (description) => ({ type: 'boolean', description });
const date = (description) => str(description, { format: 'date' });
const dateTime = (description) => str(description, { format: 'date-time' });
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const arr = (items, description) => ({ type: 'array', description, items });
// Every object is closed: a field the server adds without documenting it fails the build
// (tests/openapi validates each recorded e2e response). Clients are still told to be tolerant.
const obj = (description, properties, required = []) => ({
  type: 'object', description, properties, ...(required.length ? { required } : {}),
  additionalProperties: false,
});

const orgnr = str('Organisasjonsnummer, 9 siffer.', { pattern: '^[0-9]{9}$' });
const fnr = str('Fødselsnummer eller D-nummer, 11 siffer.', { pattern: '^[0-9]{11}$' });

const securitySchemes = {
  maskinporten: {
    type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
    description: 'Maskinporten-token (RS256) med API-ets scope i `scope`. Konsumenten er `consumer`, ' +
      'eller `authorization_details[urn:altinn:systemuser].systemuser_org` for systembruker. ' +
      'Lokalt (demo): `skattedeling token --scope <scope>`, eller skjemaet i portalen.',
  },
  AltinnSamtykke: {
    type: 'apiKey', in: 'header', name: 'AltinnSamtykke',
    description: 'Altinn 2-samtykketoken (JWT) for rettighetspakker som krever samtykke. Altinn 3-' +
      'samtykke sendes i stedet i Maskinporten-tokenet (`urn:altinn:consent`).',
  },
};

const korrelasjonsidHeader = {
  name: 'Korrelasjonsid', in: 'header', required: false,
  description: 'UUID for sporing; ekkoes i feilsvar og i svarets Korrelasjonsid-header, ellers lages en ny.',
  schema: { type: 'string', format: 'uuid' },
};
// CLIENTS.md: one client sends the id as a query parameter; read when the header is absent.
const korrelasjonsidQuery = {
  name: 'Korrelasjonsid', in: 'query', required: false,
  description: 'Som headeren Korrelasjonsid, for klienter som sender den i spørrestrengen; headeren vinner.',
  schema: { type: 'string', format: 'uuid' },
};

// SPEC §1.3: {kode, melding, korrelasjonsid}; XML <feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1">.
// SPEC §1.3: besides the API's own codes, every datadeling app may answer with the common
// DAS-00x codes (the pipeline does, e.g. for 413/431 before the request reaches the API).
const dasCodes = ['DAS-001', 'DAS-002', 'DAS-003', 'DAS-004', 'DAS-005', 'DAS-006', 'DAS-007', 'DAS-008'];

function feilSchema(codes) {
  return obj('Standard feilrespons for datadeling-API-ene (SPEC §1.3).', {
    kode: str('Feilkode, se tabellen i API-beskrivelsen, eller en felles DAS-00x-kode.',
      { enum: [...new Set([...codes.map((c) => c[0]), ...dasCodes])] }),
    melding: str('Presis norsk tekst; kan variere for samme kode.'),
    korrelasjonsid: str('Korrelasjonsid å oppgi til brukerstøtte.'),
  }, ['kode', 'melding']);
}

function codeTable(codes, das) {
  return '\n\n| Kode | HTTP | Betydning |\n|---|---|---|\n' +
    codes.map(([k, s, t]) => `| ${k} | ${s} | ${t} |`).join('\n') +
    (!das ? '' : '\n\nFelles koder for alle datadeling-API-er (DAS-001 til DAS-008, SPEC §1.3) kan også forekomme.');
}

// One error response per status, with the codes the server may give for it.
function errorResponses(codes, statuses, schema = 'Feil', media = ['application/json', 'application/xml']) {
  const out = {};
  for (const s of statuses) {
    const koder = codes.filter((c) => c[1] === s);
    const first = koder[0] ?? codes[0];
    const content = {};
    for (const m of media) {
      content[m] = { schema: ref(schema) };
      if (m.endsWith('json') && schema === 'Feil') {
        content[m].example = { kode: first[0], melding: first[2], korrelasjonsid: '5f0d8f5e-4a1e-4c2b-9d0a-3c1f2b7e8a90' };
      }
    }
    out[String(s)] = {
      description: koder.length ? koder.map((c) => `${c[0]}: ${c[2]}`).join('; ') : 'Feil',
      content,
    };
  }
  // Generic statuses the pipeline may give on any route (405, 413, 415, 431, ...).
  out.default = { description: 'Andre feil (405 med Allow, 413, 415, 429 med Retry-After, 431 og lignende) i samme format. ' +
    '429: flere samtidige kall per API per konsument enn `max_concurrent_per_consumer` tillater (bruk.md: høyst 5; av som standard), ' +
    'med API-ets autoriseringskode.', content: Object.fromEntries(media.map((m) => [m, { schema: ref(schema) }])) };
  return out;
}

// RFC 7807 error responses (ProblemDetail). Requests the pipeline rejects before they reach the
// API (a malformed or unknown path, too large headers) get the common datadeling body (SPEC
// §1.3, DAS-00x, schema Feil) as application/json.
function problemResponses(codes, statuses) {
  const out = errorResponses(codes, statuses, 'ProblemDetail', ['application/problem+json']);
  for (const key of ['404', 'default']) {
    out[key] ??= { description: 'Ukjent url (DAS-002).', content: {} };
    out[key].content['application/json'] = { schema: ref('Feil') };
  }
  return out;
}

function jsonAndXml(schema, example, xml = true) {
  const c = { 'application/json': { schema, ...(example ? { example } : {}) } };
  if (xml) c['application/xml'] = { schema };
  return c;
}

// The sandbox's scenario identifiers (README, Sandbox; GET /sandbox/v1/scenarier serves the same
// list and tests/e2e/sandbox checks that this table names every one of them).
const scenarier = [
  ['319999000, 01818010083', 'ingen_data', 'finnes ikke: hvert API svarer med sin «fant ikke»-kode'],
  ['02818010012', 'fortrolig', 'person med fortrolig adresse'],
  ['03818010051', 'strengt_fortrolig', 'person med strengt fortrolig adresse'],
  ['319999019', 'enk', 'enkeltpersonforetak med eier'],
  ['319999027', 'underenhet', 'underenhet (ikke hovedenhet)'],
  ['319999035', 'inkassobyraa', 'inkassobyrå med bevilling'],
  ['04818010090', 'endret_oppgjoer', 'endret skatteoppgjør (NY og ENDRET i hendelsesstrømmen)'],
  ['319999043', 'tusenvis_av_krav', 'organisasjon med 3 000 krav'],
  ['319999051, 05818010100', 'bakendfeil', '500 med API-ets kode for feil i bakenforliggende system'],
  ['319999078, 07818010189', 'uventet_feil', '500 med API-ets kode for uventet feil (-001)'],
  ['319999086, 06818010069', 'treg', 'svaret kommer etter 5 sekunder (tidsavbrudd hos klienten)'],
];
const scenarioTabell = '\n\n## Sandkasse\n\nI sandkassemodus er enhver gyldig identifikator en part (lages ved første kall). ' +
  'Disse identifikatorene gir alltid samme utfall (som testkortnumre hos betalingstjenester); ' +
  '`docs/error-codes.md` viser et kall for hver feilkode.\n\n| Identifikator | Scenario | Utfall |\n|---|---|---|\n' +
  scenarier.map(([id, navn, tekst]) => `| ${id} | \`${navn}\` | ${tekst} |`).join('\n');

function document({ name, title, version, description, servers, tags, paths, schemas, codes }) {
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) op.description ??= `${op.summary}.`;
  }
  return {
    openapi: '3.1.0',
    info: {
      title, version,
      // problem details have their own codes; the control plane lists the scenarios itself
      description: description + codeTable(codes, !name.startsWith('utleggsbegjaering') && name !== 'sandbox') +
        (name === 'sandbox' ? '' : scenarioTabell),
      contact: { name: 'skattedeling', url: 'https://github.com/skatteetaten' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers,
    tags,
    paths,
    components: { securitySchemes, schemas: { ...schemas } },
    'x-skattedeling-api': name,
  };
}

const stdCodes = (p, extra) => [
  [`${p}-001`, 500, 'Uventet feil på tjenesten.'],
  [`${p}-002`, 500, 'Uventet feil i et bakenforliggende system.'],
  [`${p}-003`, 404, 'Ukjent url benyttet.'],
  [`${p}-004`, 401, 'Feil i forbindelse med autentisering.'],
  [`${p}-005`, 403, 'Feil i forbindelse med autorisering.'],
  [`${p}-006`, 400, 'Feil i forbindelse med validering av inputdata.'],
  ...extra,
];

const serversFor = (local, host) => [
  { url: local, description: 'Denne serveren (sti-basert, som i testmiljøet)' },
  { url: `https://${host}.api.skatteetaten-test.no${local.match(/\/v\d+$/)?.[0] ?? ''}`, description: 'Skatteetaten test' },
  { url: `https://${host}.api.skatteetaten.no${local.match(/\/v\d+$/)?.[0] ?? ''}`, description: 'Skatteetaten produksjon' },
];

const docs = {};

// ---- restanser ------------------------------------------------------------------------------

{
  const codes = stdCodes('RESTANSE', [
    ['RESTANSE-007', 403, 'Feil i forbindelse med samtykke.'],
    ['RESTANSE-008', 404, 'Fant ingen restanser for oppgitt organisasjonsnummer.'],
    ['RESTANSE-009', 406, 'Feil tilknyttet dataformat. Kun json eller xml er støttet.'],
  ]);
  const kategori = obj('Forfalte og ubetalte beløp i én kategori (hele kroner).', {
    forfaltOgUbetaltRenter: int('Renter (kun dibk). For merverdiavgift bare når det er renter, som i dokumentasjonens eksempel; forfaltOgUbetalt = Krav + Renter gjelder alltid.'),
    forfaltOgUbetaltKrav: int('Hovedstol (kun dibk).'),
    forfaltOgUbetalt: int('Sum krav og renter.'),
  }, ['forfaltOgUbetalt']);
  const kategorier = ['restskatt', 'forskuddstrekk', 'merverdiavgift', 'arbeidsgiveravgift', 'gebyr', 'forskuddsskatt'];
  const example = {
    restanser: {
      restskatt: { forfaltOgUbetaltRenter: 0, forfaltOgUbetaltKrav: 0, forfaltOgUbetalt: 0 },
      forskuddstrekk: { forfaltOgUbetaltRenter: 58552, forfaltOgUbetaltKrav: 75155, forfaltOgUbetalt: 133707 },
      merverdiavgift: { forfaltOgUbetaltKrav: 1000, forfaltOgUbetalt: 1000 },
      arbeidsgiveravgift: { forfaltOgUbetaltRenter: 30071, forfaltOgUbetaltKrav: 39956, forfaltOgUbetalt: 70027 },
      gebyr: { forfaltOgUbetaltRenter: 3000, forfaltOgUbetaltKrav: 26579, forfaltOgUbetalt: 29579 },
      forskuddsskatt: { forfaltOgUbetaltRenter: 0, forfaltOgUbetaltKrav: 0, forfaltOgUbetalt: 0 },
    },
    levert: '2026-06-15T12:00:00.000000000',
    forespurteOrganisasjon: '310111643',
  };
  docs.restanser = document({
    name: 'restanser', title: 'Restanser API', version: '2.0.0', codes,
    description: 'Forfalte og ubetalte skatter og avgifter for en virksomhet (SPEC §2). ' +
      'Scope `skatteetaten:restanser`. Rettighetspakke `dibk` (hjemmel) eller `ebevis` (krever samtykke: ' +
      'Altinn 2 tjeneste 5616_5 i `AltinnSamtykke`, eller Altinn 3-ressurs `digdir-restanser-skatteetaten` i tokenet).',
    servers: serversFor('/api/innkreving/restanser/v2', 'restanser'),
    tags: [{ name: 'restanser', description: 'Restanser for en virksomhet' }],
    paths: {
      '/{rettighetspakke}/{organisasjonsnummer}': {
        get: {
          operationId: 'hentRestanser', tags: ['restanser'], summary: 'Hent restanser',
          description: 'Forfalte og ubetalte beløp per kategori på forespørselstidspunktet.',
          security: [{ maskinporten: [] }, { maskinporten: [], AltinnSamtykke: [] }],
          parameters: [
            { name: 'rettighetspakke', in: 'path', required: true, schema: { type: 'string', enum: ['dibk', 'ebevis'] }, description: 'Rettighetspakke.' },
            { name: 'organisasjonsnummer', in: 'path', required: true, schema: orgnr, description: 'Virksomheten det spørres om.', example: '310111643' },
            korrelasjonsidHeader,
          ],
          responses: {
            200: { description: 'Restansene', content: jsonAndXml(ref('Restanser'), example) },
            ...errorResponses(codes, [400, 401, 403, 404, 406, 500]),
          },
        },
      },
    },
    schemas: {
      Restanser: obj('Restanser for virksomheten (SPEC §2.3).', {
        restanser: obj('Seks kategorier, alltid med.', Object.fromEntries(kategorier.map((k) => [k, ref('Restansekategori')])), kategorier),
        levert: str('Leveringstidspunkt, lokal tid uten sone, nanosekunder.', { pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?$' }),
        forespurteOrganisasjon: orgnr,
      }, ['restanser', 'levert', 'forespurteOrganisasjon']),
      Restansekategori: kategori,
      Feil: feilSchema(codes),
    },
  });
}

// ---- kravogbetalinger -----------------------------------------------------------------------

{
  const codes = stdCodes('KB', [
    ['KB-007', 404, 'Fant ingen krav eller betalinger for identifikator og periode.'],
    ['KB-008', 406, 'Feil tilknyttet dataformat. Kun json eller xml er støttet.'],
    ['KB-009', 404, 'Ingen treff på oppgitt identifikator.'],
  ]);
  codes[4][2] = 'Feil i forbindelse med autorisering eller samtykketoken.';
  const spraak = obj('Tekst på ett eller flere språk.', {
    spraakTekst: arr(obj('Tekst på ett språk.', { tekst: str('Teksten.'), spraak: str('Språkkode, f.eks. nb.') }, ['tekst', 'spraak']), 'Tekstene.'),
  }, ['spraakTekst']);
  const konto = obj('Konto.', {
    kontoeiersNavn: str('Kontoeiers navn.'), bankinformasjon: str('Bankens navn og adresse.'),
    kontonummer: str('Kontonummer (maskert for betalere).'), iban: str('IBAN.'), swiftBIC: str('SWIFT/BIC.'),
  });
  const betaltFra = obj('Hvor beløpet kom fra.', {
    kidnummer: str('KID.'), meldingSendtTilMottaker: str('Melding til mottaker.'), konto: ref('Konto'), valutakode: str('Valuta, f.eks. NOK.'),
  });
  const periodeParams = [
    { name: 'fraOgMed', in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: 'Periodens første dag (YYYY-MM-DD).', example: '2023-01-01' },
    { name: 'tilOgMed', in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: 'Periodens siste dag; høyst ett år etter fraOgMed.', example: '2023-12-31' },
  ];
  const common = [
    { name: 'rettighetspakke', in: 'path', required: true, schema: { type: 'string', enum: ['finans', 'regnskapssystem'] }, description: '`finans` krever samtykke; `regnskapssystem` krever systembruker for parten eller samtykke fra parten.' },
    { name: 'partIdentifikator', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{9}([0-9]{2})?$' }, description: 'Parten (organisasjonsnummer).', example: '212201782' },
    korrelasjonsidHeader,
    korrelasjonsidQuery,
  ];
  const periode = obj('Perioden det ble spurt om.', { fraOgMed: date('Fra og med.'), tilOgMed: date('Til og med.') }, ['fraOgMed', 'tilOgMed']);
  const op = (id, summary, schema, withPeriod, example) => ({
    get: {
      operationId: id, tags: ['kravogbetalinger'], summary,
      security: [{ maskinporten: [] }, { maskinporten: [], AltinnSamtykke: [] }],
      parameters: withPeriod ? [...common, ...periodeParams] : common,
      responses: {
        200: { description: summary, content: jsonAndXml(ref(schema), example) },
        ...errorResponses(codes, [400, 401, 403, 404, 406, 500]),
      },
    },
  });
  const kravperiode = obj('Kravets periode.', {
    periodeBeskrivelse: ref('SpraakTekster'), aar: str('År.'), fraDato: date('Fra dato.'), tilDato: date('Til dato.'), terminTekniskNavn: str('Termin.'),
  });
  const skjermetResp = (liste, item) => obj('Svar for en periode.', {
    partIdentifikator: str('Parten.'), periode: ref('Periode'), skjermet: bool('Skjermet part.'), [liste]: arr(ref(item), 'Elementene i perioden.'),
  }, ['partIdentifikator', 'periode', 'skjermet']);
  const sum = (d) => num(d);
  docs.kravogbetalinger = document({
    name: 'kravogbetalinger', title: 'Krav og betalinger API', version: '1.0.0', codes,
    description: 'Krav, innbetalinger og utbetalinger for en part fra innkrevingsreskontroene (SPEC §3). ' +
      'Scope `skatteetaten:kravogbetalinger`. `finans` krever samtykke (Altinn 2 5928_202301 i `AltinnSamtykke`, ' +
      'eller Altinn 3-ressurs `ske-samtykke-krav-og-betalinger`); `regnskapssystem` krever enten systembruker for parten ' +
      '(ressurs `ske-krav-og-betalinger`) eller samtykke fra parten (samme tjenestekoder og ressurs; av med ' +
      'konfigurasjonen `regnskapssystem_consent` = false). Tilgangen til ' +
      '`regnskapssystem` tildeles regnskapssystemets leverandør (tokenets consumer, eller supplier ved delegering), ikke kunden. ' +
      'I sandkassemodus kan en systembruker slå opp alle parter, som i Skatteetatens testmiljø.',
    servers: serversFor('/api/innkreving/kravogbetalinger/v1', 'kravogbetalinger'),
    tags: [{ name: 'kravogbetalinger', description: 'Krav og betalinger for en part' }],
    paths: {
      '/{rettighetspakke}/{partIdentifikator}/aapnekrav': op('hentAapneKrav', 'Åpne krav og uplasserte innbetalinger', 'AapneKrav', false, {
        partIdentifikator: '212201782', skjermet: false, aapentKravMedGjenstaaendeBeloep: [], innbetalingMedUplassertBeloep: [],
        totalOversikt: { sumStipulerteRenter: 3627.89, sumForfalteKrav: 8000.0, sumIkkeForfalteKrav: 0.0, sumUplasserteInnbetalinger: 1000.0, saldo: 10627.89 },
        oversiktPerKravgruppe: [{ kravgruppe: 'Skatt', sumStipulerteRenter: 3627.89, sumForfalteKrav: 8000.0, sumIkkeForfalteKrav: 0.0, saldo: 11627.89 }],
      }),
      '/{rettighetspakke}/{partIdentifikator}/krav': op('hentKrav', 'Krav i en periode', 'KravListe', true),
      '/{rettighetspakke}/{partIdentifikator}/innbetalinger': op('hentInnbetalinger', 'Innbetalinger i en periode', 'Innbetalinger', true, {
        partIdentifikator: '212201782', periode: { fraOgMed: '2023-01-01', tilOgMed: '2023-12-31' }, skjermet: false,
        innbetaling: [{ partIdentifikator: '212201782', innbetalingsidentifikator: 'inn-1234', innbetalingsdato: '2023-03-01', innbetaltBeloep: 1000.0, uplassertBeloep: 1000.0, mottakersKontonummer: { kontonummer: '98766543210' }, innbetaltFra: { konto: { kontoeiersNavn: 'LYSTIG KLAM KATT TUSJ', kontonummer: '******43210' } }, innbetalingstype: 'bankoverføring' }],
      }),
      '/{rettighetspakke}/{partIdentifikator}/utbetalinger': op('hentUtbetalinger', 'Utbetalinger i en periode', 'Utbetalinger', true, {
        partIdentifikator: '212201782', periode: { fraOgMed: '2023-01-01', tilOgMed: '2023-12-31' }, skjermet: false,
        utbetaling: [{ partIdentifikator: '212201782', utbetalingsidentifikator: 'utb-9876', utbetaltdato: '2023-05-10', utbetaltBeloep: 500.0, betaltTil: { konto: { kontoeiersNavn: 'SPREK KLOK TIGER ENK', kontonummer: '98766543210' }, valutakode: 'NOK' }, grunnlagForUtbetaling: { kreditKrav: [{ kravforfallidentifikator: 'c2f3e4d5-0a1b-4c2d-8e3f-405162738495', opprinneligBeloep: -500.0, gjenstaaendeBeloep: 0.0, utbetaltBeloep: 500.0, kravbeskrivelse: { spraakTekst: [{ tekst: 'Tilgodebeløp skatt', spraak: 'nb' }] }, kravtype: 'RESTERENDE_SKT_TILB', kravperiode: { periodeBeskrivelse: { spraakTekst: [{ tekst: 'Inntektsår', spraak: 'nb' }] }, aar: '2022' } }] }, utbetalingstatus: 'bekreftet' }],
      }),
    },
    schemas: {
      SpraakTekster: spraak,
      Konto: konto,
      BetaltFra: betaltFra,
      Periode: periode,
      Kravperiode: kravperiode,
      Krav: obj('Et krav (SPEC §3.3).', {
        partIdentifikator: str('Part; kan være ENK-eiers fødselsnummer.'), kravidentifikator: str('Kravets id.'), kravtype: str('Kravtype fra reskontro.'),
        opprinneligBeloep: num('Opprinnelig beløp; negativt for kreditkrav.'), gjenstaaendeBeloep: num('Gjenstående beløp.'),
        kravforfall: arr(ref('Kravforfall'), 'Forfall.'), stipulerteRenter: num('Stipulerte renter.'), kravbeskrivelse: ref('SpraakTekster'),
        kravperiode: ref('Kravperiode'), opprettelsesdatoForKrav: date('Opprettet.'), kravgruppe: str('Kravgruppe (visningstekst).'),
        hovedstolKravidentifikator: str('For rentekrav: hovedstolens krav.'), fastsettingsmaate: str('egenfastsatt, myndighetsfastsatt eller blank.'),
      }, ['partIdentifikator', 'kravidentifikator', 'kravtype', 'opprinneligBeloep', 'gjenstaaendeBeloep', 'kravforfall']),
      Kravforfall: obj('Ett forfall av et krav.', {
        kravforfallsIdentifikator: str('Id.'), forfallsdato: date('Forfallsdato.'), opprinneligBeloep: num('Opprinnelig.'), gjenstaaendeBeloep: num('Gjenstående.'),
        betalingsinformasjon: obj('Betalingsinformasjon; kan være tom.', { kidnummer: str('KID.'), konto: ref('Konto') }),
        plassertInnbetaling: arr(ref('PlassertInnbetaling'), 'Innbetalinger plassert mot forfallet.'),
        plassertMotkrav: arr(ref('PlassertMotkrav'), 'Motkrav plassert mot forfallet.'),
        utsattIverksettelse: bool('Utsatt iverksettelse.'),
      }, ['kravforfallsIdentifikator', 'forfallsdato', 'opprinneligBeloep', 'gjenstaaendeBeloep']),
      PlassertInnbetaling: obj('Innbetaling plassert mot et forfall.', {
        innbetalingsIdentifikator: str('Innbetalingens id.'), plassertBeloep: num('Plassert beløp.'), plassertDato: date('Plassert.'),
        innbetalingsdato: date('Innbetalt.'), innbetaltBeloep: num('Innbetalt beløp.'), innbetaltFra: ref('BetaltFra'), innbetalingstype: str('Type.'),
      }),
      PlassertMotkrav: obj('Motkrav plassert mot et forfall.', {
        kravforfallsIdentifikator: str('Motkravets forfall.'), plassertBeloep: num('Plassert beløp.'), kravtype: str('Kravtype.'), plassertDato: date('Plassert.'),
        kravbeskrivelse: ref('SpraakTekster'), forfallsdato: date('Forfall.'), kravperiode: ref('Kravperiode'),
      }),
      Innbetaling: obj('En innbetaling (SPEC §3.3).', {
        partIdentifikator: str('Part.'), innbetalingsidentifikator: str('Id.'), innbetalingsdato: date('Dato.'), innbetaltBeloep: num('Beløp.'),
        plassertKrav: arr(obj('Plassering mot et kravforfall.', {
          kravforfallIdentifikator: str('Forfallets id.'), plassertBeloep: num('Plassert.'), plassertDato: date('Plassert.'), kravbeskrivelse: ref('SpraakTekster'),
          kravforfallsdato: date('Forfall.'), opprinneligKravforfallsbeloep: num('Opprinnelig.'), gjenstaaendeKravforfallsbeloep: num('Gjenstående.'),
        }), 'Plasseringer.'),
        uplassertBeloep: num('Uplassert beløp.'), mottakersKontonummer: obj('Konto det ble betalt til.', { kontonummer: str('Kontonummer.') }),
        innbetaltFra: ref('BetaltFra'), innbetalingstype: str('Type.'),
      }, ['partIdentifikator', 'innbetalingsidentifikator', 'innbetalingsdato', 'innbetaltBeloep']),
      Utbetaling: obj('En utbetaling (SPEC §3.3).', {
        partIdentifikator: str('Part.'), utbetalingsidentifikator: str('Id.'), utbetaltdato: date('Dato.'), utbetaltBeloep: num('Beløp.'),
        betaltTil: obj('Mottaker.', { meldingSendtTilMottaker: str('Melding.'), konto: ref('Konto'), valutakode: str('Valuta.') }),
        grunnlagForUtbetaling: obj('Grunnlag.', {
          kreditKrav: arr(obj('Kreditkrav som ble utbetalt.', {
            kravforfallidentifikator: str('Forfallets id.'), opprinneligBeloep: num('Opprinnelig (negativt).'), gjenstaaendeBeloep: num('Gjenstående.'),
            utbetaltBeloep: num('Utbetalt.'), kravbeskrivelse: ref('SpraakTekster'), kravtype: str('Kravtype.'), kravperiode: ref('Kravperiode'),
          }), 'Kreditkrav.'),
        }),
        utbetalingstatus: str('Status, f.eks. bekreftet.'),
      }, ['partIdentifikator', 'utbetalingsidentifikator', 'utbetaltdato', 'utbetaltBeloep']),
      AapneKrav: obj('Åpne krav (SPEC §3.3).', {
        partIdentifikator: str('Parten.'), skjermet: bool('Skjermet part.'),
        aapentKravMedGjenstaaendeBeloep: arr(ref('Krav'), 'Krav med gjenstående beløp.'),
        innbetalingMedUplassertBeloep: arr(ref('Innbetaling'), 'Innbetalinger med uplassert beløp.'),
        totalOversikt: obj('Totaler.', {
          sumStipulerteRenter: sum('Stipulerte renter.'), sumForfalteKrav: sum('Forfalte krav.'), sumIkkeForfalteKrav: sum('Ikke forfalte krav.'),
          sumUplasserteInnbetalinger: sum('Uplasserte innbetalinger.'), saldo: sum('Saldo.'),
        }),
        oversiktPerKravgruppe: arr(obj('Totaler per kravgruppe.', {
          kravgruppe: str('Kravgruppe.'), sumStipulerteRenter: sum('Renter.'), sumForfalteKrav: sum('Forfalt.'), sumIkkeForfalteKrav: sum('Ikke forfalt.'), saldo: sum('Saldo.'),
        }), 'Per kravgruppe.'),
      }, ['partIdentifikator', 'skjermet']),
      KravListe: skjermetResp('krav', 'Krav'),
      Innbetalinger: skjermetResp('innbetaling', 'Innbetaling'),
      Utbetalinger: skjermetResp('utbetaling', 'Utbetaling'),
      Feil: feilSchema(codes),
    },
  });
}

// ---- trekkpaalegg ---------------------------------------------------------------------------

{
  const codes = [
    ['KB-001', 500, 'Uventet feil på tjenesten.'], ['KB-002', 500, 'Uventet feil i et bakenforliggende system.'],
    ['KB-003', 404, 'Ukjent url benyttet.'], ['KB-004', 401, 'Feil i forbindelse med autentisering.'],
    ['KB-005', 403, 'Feil i forbindelse med autorisering.'], ['KB-006', 400, 'Feil i forbindelse med validering av inputdata.'],
    ['KB-007', 404, 'Fant ikke trekkpålegg: trekkid finnes, men ikke i den versjonen.'], ['KB-008', 406, 'Feil tilknyttet dataformat. Kun json er støttet.'],
    ['KB-009', 404, 'Ingen treff på oppgitt identifikator: trekkpliktig har ingen trekkpålegg med den trekkid.'],
  ];
  const example = {
    trekkid: '10000001', trekkversjon: 1, sekvensnummer: 1, opprettet: '2025-08-09T15:00:00.000Z', saksnummer: 'TREKK/2025/1',
    trekkpliktig: '123456789', skyldner: '16507500866', trekkstatus: 'aktiv',
    trekkstoerrelseForPeriode: [{ startdato: '2025-09-01', trekkprosent: { trekkprosent: 17.0 } }],
    betalingsinformasjon: { betalingsmottaker: '971648199', kidnummer: '6487719756', kontonummer: '70213997155' },
  };
  const errs = errorResponses(codes, [400, 401, 403, 404, 406, 500], 'Feil', ['application/json']);
  docs.trekkpaalegg = document({
    name: 'trekkpaalegg', title: 'Trekkpålegg API', version: '1.4.0', codes,
    description: 'Trekkpålegg (utleggstrekk) til trekkpliktige (SPEC §4). Scope `skatteetaten:trekkpaalegg`. ' +
      'Scopet `skatteetaten:trekkpålegg` (dokumentasjonens skrivemåte) godtas som alias (av med `trekkpaalegg_scope_alias` = false). ' +
      'Trekkpliktig tas fra tokenet (consumer, eller systembruker med ressurs `ske-informasjon-om-trekkpaalegg`). Kun JSON.',
    servers: [
      { url: '/api/trekkpaalegg', description: 'Denne serveren' },
      { url: 'https://api-test.sits.no/api/trekkpaalegg', description: 'Skatteetaten test' },
      { url: 'https://api.skatteetaten.no/api/trekkpaalegg', description: 'Skatteetaten produksjon' },
    ],
    tags: [{ name: 'trekkpaalegg', description: 'Trekkpålegg for trekkpliktig' }],
    paths: {
      '/v1': {
        get: {
          operationId: 'hentAlleGjeldende', tags: ['trekkpaalegg'], summary: 'Hent alle gjeldende trekkpålegg',
          description: 'Uten parametre: siste versjon av hvert trekkpålegg. Med `fraSekvensnummer` og `maksAntall` (begge eller ingen): ' +
            'versjoner med sekvensnummer større enn fraSekvensnummer, stigende, høyst maksAntall. Ingen data gir 200 med `[]`.',
          security: [{ maskinporten: [] }],
          parameters: [
            { name: 'fraSekvensnummer', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Største sekvensnummer fra forrige side.', example: 0 },
            { name: 'maksAntall', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000 }, description: 'Største antall i svaret, høyst 10000 per side; en større verdi gir 400 KB-006 (ikke en avkortet side, som ville stoppet bladingen for tidlig).', example: 2500 },
            korrelasjonsidHeader,
          ],
          responses: { 200: { description: 'Trekkpåleggene', content: { 'application/json': { schema: arr(ref('Trekkpaalegg'), 'Trekkpålegg.'), example: [example] } } }, ...errs },
        },
      },
      '/v1/{trekkid}/{trekkversjon}': {
        get: {
          operationId: 'hentVersjon', tags: ['trekkpaalegg'], summary: 'Hent én versjon av et trekkpålegg',
          security: [{ maskinporten: [] }],
          parameters: [
            { name: 'trekkid', in: 'path', required: true, schema: { type: 'string' }, description: 'Trekkpåleggets id.', example: '10000001' },
            { name: 'trekkversjon', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'Versjonen.', example: 1 },
            korrelasjonsidHeader,
          ],
          responses: { 200: { description: 'Versjonen', content: { 'application/json': { schema: ref('Trekkpaalegg'), example } } }, ...errs },
        },
      },
    },
    schemas: {
      Trekkpaalegg: obj('Ett trekkpålegg i én versjon (SPEC §4.3).', {
        trekkid: str('Trekkpåleggets id.'), trekkversjon: int('Versjon, stiger med 1.', { minimum: 1 }),
        sekvensnummer: int('Globalt løpenummer.', { minimum: 1 }), opprettet: dateTime('Når versjonen ble kommunisert.'),
        saksnummer: str('Saksnummer.'), trekkpliktig: orgnr, skyldner: fnr,
        trekkstatus: str('Status.', { enum: ['aktiv', 'avsluttet'] }),
        trekkstoerrelseForPeriode: arr(ref('TrekkstoerrelseForPeriode'), 'Perioder.'),
        betalingsinformasjon: obj('Hvor trekket betales.', {
          betalingsmottaker: orgnr, kidnummer: str('KID, unik per trekkid.'), kontonummer: str('Kontonummer.'),
        }, ['betalingsmottaker', 'kidnummer', 'kontonummer']),
      }, ['trekkid', 'trekkversjon', 'sekvensnummer', 'opprettet', 'saksnummer', 'trekkpliktig', 'skyldner', 'trekkstatus', 'trekkstoerrelseForPeriode', 'betalingsinformasjon']),
      TrekkstoerrelseForPeriode: {
        ...obj('Trekkets størrelse i en periode: nøyaktig én av trekkbeloep og trekkprosent.', {
          startdato: date('Første dag.'), sluttdato: date('Siste dag.'),
          trekkbeloep: obj('Fast beløp per måned.', { trekkbeloep: num('Beløp.', { minimum: 0 }) }, ['trekkbeloep']),
          trekkprosent: obj('Prosent av brutto.', { trekkprosent: num('Prosent.', { minimum: 0, maximum: 100 }) }, ['trekkprosent']),
        }, ['startdato']),
        oneOf: [{ required: ['trekkbeloep'] }, { required: ['trekkprosent'] }],
      },
      Feil: feilSchema(codes),
    },
  });
}

// ---- avregning ------------------------------------------------------------------------------

{
  const codes = stdCodes('AR', [
    ['AR-007', 404, 'Fant ingen avregning for identifikator og inntektsår.'],
    ['AR-008', 406, 'Feil tilknyttet dataformat. Kun json eller xml er støttet.'],
    ['AR-009', 404, 'Ingen treff på oppgitt identifikator.'],
  ]);
  const example = {
    personidentifikator: '20463518646', inntektsaar: '2024', skjermet: false, skatteoppgjoersdato: '2024-12-02',
    fastland: { restskatt: 0, forhaandsfastsatt: true, skatteregnskapskommune: '5526', beregnetSkatt: 0, aaBetale: 0 },
    svalbard: { beloepTilgode: 60894, forhaandsfastsatt: false, skatteregnskapskommune: '2100', beregnetSkatt: 0, avregnetForskuddsskatt: 60000, overskytende: 60000, rentegodtgjoerelse: 894 },
    ajourholdstidspunkt: '2024-11-28T08:35:16.337Z',
  };
  docs.avregning = document({
    name: 'avregning', title: 'Avregning API', version: '2.2.0', codes,
    description: 'Forskudd og avregning (restskatt eller beløp til gode) i skatteoppgjøret per person og inntektsår (SPEC §5.1). ' +
      'Scope `skatteetaten:avregning`; ingen samtykke. Feltene per rettighetspakke filtreres av serveren.',
    servers: serversFor('/api/fastsetting/avregning/v2', 'avregning'),
    tags: [{ name: 'avregning', description: 'Avregning i skatteoppgjøret' }],
    paths: {
      '/{rettighetspakke}/{inntektsaar}/{personidentifikator}': {
        get: {
          operationId: 'hentAvregning', tags: ['avregning'], summary: 'Hent avregning',
          security: [{ maskinporten: [] }],
          parameters: [
            { name: 'rettighetspakke', in: 'path', required: true, schema: { type: 'string', enum: ['kommunelangtidsoppholdinstitusjon', 'kommunelangtidsoppholdsykehjem', 'norgesbank', 'ssb'] }, description: 'Rettighetspakke.' },
            { name: 'inntektsaar', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{4}$' }, description: 'Inntektsår (2017 og senere).', example: '2024' },
            { name: 'personidentifikator', in: 'path', required: true, schema: fnr, description: 'Personen.', example: '20463518646' },
            korrelasjonsidHeader,
          ],
          responses: {
            200: { description: 'Avregningen', content: jsonAndXml(ref('Avregning'), example) },
            ...errorResponses(codes, [400, 401, 403, 404, 406, 410, 500]),
          },
        },
      },
    },
    schemas: {
      Avregning: obj('Avregning for person og inntektsår (SPEC §5.1). Ved full skjerming kun forespørselen og skjermet.', {
        personidentifikator: fnr, inntektsaar: str('Inntektsår.', { pattern: '^[0-9]{4}$' }), skjermet: bool('Skjermet datasett.'),
        skatteoppgjoersdato: date('Dato for skatteoppgjøret.'), fastland: ref('Avregningsdel'), svalbard: ref('Avregningsdel'),
        ajourholdstidspunkt: dateTime('Sist oppdatert (UTC).'),
      }, ['personidentifikator', 'inntektsaar', 'skjermet']),
      Avregningsdel: obj('Avregning for fastlandet eller Svalbard (hele kroner).', {
        restskatt: int('Restskatt.'), beloepTilgode: int('Beløp til gode.'), forhaandsfastsatt: bool('Forhåndsfastsatt.'),
        skatteregnskapskommune: str('Kommunenummer.', { pattern: '^[0-9]{4}$' }), beregnetSkatt: int('Beregnet skatt.'),
        avregnetForskuddstrekk: int('Avregnet forskuddstrekk.'), avregnetForskuddsskatt: int('Avregnet forskuddsskatt.'),
        overskytende: int('Overskytende forskudd.'), rentegodtgjoerelse: int('Rentegodtgjørelse.'), aaBetale: int('Å betale.'),
      }),
      Feil: feilSchema(codes),
    },
  });
}

// ---- hendelser ------------------------------------------------------------------------------

{
  const codes = [
    ['FA-001', 500, 'Uventet feil på tjenesten.'], ['FA-002', 404, 'Ukjent url benyttet.'],
    ['FA-003', 401, 'Feil i forbindelse med autentisering.'], ['DAS-008', 403, 'Ikke autorisert: tokenet har ingen av scopene (FA-tabellen har ingen autoriseringskode, så den felles DAS-008 brukes).'],
    ['FA-004', 400, 'Feil i forbindelse med validering av inputdata.'], ['FA-005', 404, 'Fant ingen hendelser for gitt input.'],
    ['FA-006', 406, 'Feil tilknyttet dataformat. Kun json eller xml er støttet.'],
    ['DAS-003', 500, 'Informasjonen er midlertidig utilgjengelig (FA-tabellen har ingen kode for feil i bakenforliggende system, så den felles DAS-003 brukes).'],
  ];
  const feil = feilSchema(codes);
  feil.properties.kode.enum = [...new Set(feil.properties.kode.enum)];
  const security = ['spesifisertsummertskattegrunnlag', 'summertskattegrunnlag', 'beregnetskatt', 'avregning', 'skatteplikt', 'pensjonsgivendeinntekt'];
  docs.hendelser = document({
    name: 'hendelser', title: 'Skatteoppgjør hendelser API', version: '1.3.1', codes,
    description: 'Tynn hendelsesliste for skatteoppgjør (SPEC §5.2): sekvensnummer, identifikator og periode. ' +
      'Scope: ett av ' + security.map((s) => '`skatteetaten:' + s + '`').join(', ') + '. ' +
      'XML-skjema for svarene (hendelser med ajourholdstidspunkt, og start): `docs/xsd/hendelser-v1.xsd`.',
    servers: [
      { url: '/api/formueinntekt/skatteoppgjoer', description: 'Denne serveren (sti-basert)' },
      { url: 'https://skatteoppgjoerhendelser.api.skatteetaten-test.no/v1', description: 'Skatteetaten test' },
      { url: 'https://skatteoppgjoerhendelser.api.skatteetaten.no/v1', description: 'Skatteetaten produksjon' },
    ],
    tags: [{ name: 'hendelser', description: 'Hendelser i skatteoppgjøret' }],
    paths: {
      '/hendelser/start': {
        get: {
          operationId: 'hentStart', tags: ['hendelser'], summary: 'Første sekvensnummer fra en dato',
          security: [{ maskinporten: [] }],
          parameters: [{ name: 'dato', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'Første dag; uten dato første tilgjengelige.', example: '2024-01-01' }, korrelasjonsidHeader],
          responses: {
            200: { description: 'Sekvensnummeret', content: jsonAndXml(ref('Start'), { sekvensnummer: 21 }) },
            ...errorResponses(codes, [400, 401, 403, 404, 406, 500]),
          },
        },
      },
      '/hendelser': {
        get: {
          operationId: 'hentHendelser', tags: ['hendelser'], summary: 'Les hendelser',
          description: 'Fra og med `fraSekvensnummer`, høyst `antall` (standard 1000, høyst 10000). Forbi slutten: 200 med tom liste.',
          security: [{ maskinporten: [] }],
          parameters: [
            { name: 'fraSekvensnummer', in: 'query', required: false, schema: { type: 'integer', minimum: 1 }, description: 'Fra og med.', example: 1 },
            { name: 'antall', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000 }, description: 'Største antall.', example: 1000 },
            korrelasjonsidHeader,
          ],
          responses: {
            200: {
              description: 'Hendelsene', content: jsonAndXml(ref('Hendelser'), {
                hendelser: [{ sekvensnummer: 1, identifikator: '07929899274', gjelderPeriode: '2017', registreringstidspunkt: '2018-04-04T18:25:46.689000Z', hendelsetype: 'NY' }],
              }),
            },
            ...errorResponses(codes, [400, 401, 403, 404, 406, 500]),
          },
        },
      },
    },
    schemas: {
      Start: obj('Første sekvensnummer.', { sekvensnummer: int('Sekvensnummer.') }, ['sekvensnummer']),
      Hendelser: obj('En side med hendelser.', { hendelser: arr(ref('Hendelse'), 'Hendelsene, stigende.') }, ['hendelser']),
      Hendelse: obj('Én hendelse.', {
        sekvensnummer: int('Stigende, kan ha hull.'), identifikator: str('Fødselsnummer/D-nummer.'), gjelderPeriode: str('Inntektsår.'),
        registreringstidspunkt: dateTime('Når årsaken ble registrert.'), hendelsetype: str('NY, ENDRET, SLETTET, IDENTITETSENDRING, ...'),
        ajourholdstidspunkt: dateTime('Sist oppdatert.'),
      }, ['sekvensnummer', 'identifikator', 'gjelderPeriode']),
      Feil: feil,
    },
  });
}

// ---- sistetilgjengelige ---------------------------------------------------------------------

{
  const codes = [
    ['TD-001', 500, 'Uventet feil på tjenesten.'], ['TD-002', 401, 'Feil i forbindelse med autentisering.'],
    ['DAS-008', 403, 'Ikke autorisert: tokenet mangler scopet (TD-tabellen har ingen autoriseringskode, så den felles DAS-008 brukes).'], ['TD-003', 400, 'Feil i forbindelse med validering av inputdata.'],
    ['TD-004', 404, 'Fant ingen data for personidentifikator og ressurs.'], ['TD-005', 406, 'Feil tilknyttet dataformat. Kun json eller xml er støttet.'],
    ['TD-006', 404, 'Ukjent url benyttet.'],
    ['DAS-003', 500, 'Informasjonen er midlertidig utilgjengelig (TD-tabellen har ingen kode for feil i bakenforliggende system, så den felles DAS-003 brukes).'],
  ];
  const feil = feilSchema(codes);
  feil.properties.kode.enum = [...new Set(feil.properties.kode.enum)];
  docs.sistetilgjengelige = document({
    name: 'sistetilgjengelige', title: 'Siste tilgjengelige skatteoppgjør API', version: '1.0.0', codes,
    description: 'Siste inntektsår med skatteoppgjør for en person (SPEC §5.3). Scope `skatteetaten:summertskattegrunnlag` ' +
      'eller `skatteetaten:spesifisertsummertskattegrunnlag`.',
    servers: serversFor('/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1', 'sistetilgjengeligeskatteoppgjoer'),
    tags: [{ name: 'sistetilgjengelige', description: 'Siste tilgjengelige skatteoppgjør' }],
    paths: {
      '/{personidentifikator}': {
        get: {
          operationId: 'hentSisteTilgjengelige', tags: ['sistetilgjengelige'], summary: 'Hent siste tilgjengelige periode',
          security: [{ maskinporten: [] }],
          parameters: [{ name: 'personidentifikator', in: 'path', required: true, schema: fnr, description: 'Personen.', example: '20463518646' }, korrelasjonsidHeader],
          responses: {
            200: { description: 'Siste periode', content: jsonAndXml(ref('Tilgjengeligdata'), { personidentifikator: '20463518646', ressursId: 'skattegrunnlag', sisteTilgjengeligePeriode: '2024' }) },
            ...errorResponses(codes, [400, 401, 403, 404, 406, 500]),
          },
        },
      },
    },
    schemas: {
      Tilgjengeligdata: obj('Siste tilgjengelige skatteoppgjør.', {
        personidentifikator: fnr, ressursId: str('Ressurs, f.eks. skattegrunnlag.'), sisteTilgjengeligePeriode: str('Inntektsår.', { pattern: '^[0-9]{4}$' }),
      }, ['personidentifikator', 'ressursId', 'sisteTilgjengeligePeriode']),
      Feil: feil,
    },
  });
}

// The petition (request body) per model, from SPEC §6.4/§6.9 and the parser in
// src/domain/utlegg: every object and property with its type, and what the parser requires.
// Request objects stay open (the server also reads older spellings, SPEC ambiguity 12); the
// documented names are the newest of each model: v1 = model 0.9, v2 = model 1.0-2.0.
function petitionSchemas(v) {
  const v2 = v === 'v2';
  const open = (description, properties, required = []) => ({
    type: 'object', description, properties, ...(required.length ? { required } : {}),
  });
  const tekst = (d) => str(d, { maxLength: 4000 });
  const beloep = (d) => num(d, { minimum: 0 });
  const prioritet = (d) => ({ description: d, oneOf: [{ type: 'integer', minimum: 1, maximum: 99 }, { type: 'string', pattern: '^[0-9]{1,2}$' }] });
  const s = {};
  s.Identifikator = open('Identifikator for en part (SPEC §6.4).', {
    identifikatortype: str('Type fra ekstern kodeliste, f.eks. taxIdentificationNumber.'),
    verdi: str('Verdien, f.eks. organisasjonsnummer (9 siffer) eller fødselsnummer (11 siffer).'),
    landkode: str('Landkode ISO 3166-1 alfa-2, f.eks. NO.', { pattern: '^[A-Z]{2}$' }),
  }, ['identifikatortype', 'verdi']);
  s.Personnavn = open('Personnavn.', { fornavn: tekst('Fornavn.'), mellomnavn: tekst('Mellomnavn.'), etternavn: tekst('Etternavn.') });
  s.AdresseInnland = open('Norsk adresse.', {
    adresseFrittFormatInnland: open('Norsk adresse i fritt format.', {
      kommunenummer: str('Kommunenummer.', { pattern: '^[0-9]{4}$' }), postnummer: str('Postnummer.', { pattern: '^[0-9]{4}$' }),
      adressetekst: tekst('Adressetekst.'), poststedsnavn: tekst('Poststed.'),
    }),
  }, ['adresseFrittFormatInnland']);
  s.AdresseUtland = open('Utenlandsk adresse.', {
    adresseFrittFormatUtland: open('Utenlandsk adresse i fritt format.', {
      adressetekst: tekst('Adressetekst.'), poststedUtland: tekst('Poststed.'),
      landkode: str('Landkode ISO 3166-1 alfa-2.', { pattern: '^[A-Z]{2}$' }),
      ...(v2 ? { postnummerUtland: tekst('Utenlandsk postnummer (1.1).') } : {}),
    }),
  }, ['adresseFrittFormatUtland']);
  s.Adresse = open('En adresse; høyst én av hver type per part (MAKS_EN_ADRESSE_AV_HVER_TYPE).', {
    adressetype: str('Adressetype.', { enum: ['bopelsadresse', 'postadresse', 'forretningsadresse', 'postboks', 'ukjentBosted'] }),
    adresseInnland: ref('AdresseInnland'), adresseUtland: ref('AdresseUtland'),
    ukjentBosted: open('Ukjent bosted.', { begrunnelse: tekst('Begrunnelse.'), kommunenummer: str('Siste kjente kommune.', { pattern: '^[0-9]{4}$' }) }),
  }, ['adressetype']);
  s.Virksomhet = open('En virksomhet.', {
    navn: tekst('Navn.'), identifikator: ref('Identifikator'), virksomhetstype: str('Virksomhetstype, f.eks. inkassovirksomhet.'),
  });
  s.Person = open('En person.', {
    personnavn: ref('Personnavn'), foedselsdato: date('Fødselsdato.'), identifikator: ref('Identifikator'),
  });
  s.Aktoer = {
    ...open('En part: nøyaktig én av virksomhet og person (v0 også sammenslutning).', {
      adresse: arr(ref('Adresse'), 'Adresser.'), virksomhet: ref('Virksomhet'), person: ref('Person'),
      sammenslutning: open('Sammenslutning (v0).', { navn: tekst('Navn.'), identifikator: ref('Identifikator') }),
    }),
    oneOf: [{ required: ['virksomhet'] }, { required: ['person'] }, { required: ['sammenslutning'] }],
  };
  s.Kontaktinformasjon = open('Kontaktinformasjon.', { epostAdresse: str('E-postadresse.'), telefonnummer: str('Telefonnummer.') });
  s.VedleggReferanse = open('Referanse til et opplastet vedlegg.', {
    type: str('Vedleggstype.', { enum: ['betalingsoppfordring', 'fullmakt', 'transporterklæring', 'transporterklaering', 'tvangsgrunnlag', 'tvangskraftgrunnlag', 'annet'] }),
    filnavn: tekst('Filnavn.'), uuid: str('Id fra opplastingen (POST .../vedlegg).', { format: 'uuid' }),
  }, ['type']);
  s.Prosessfullmektig = open('Prosessfullmektig med eventuell bevillingshaver og fullmakt.', {
    prosessfullmektig: ref('Aktoer'),
    bevillingshaver: open('Bevillingshaver for inkasso- eller advokatbevilling (MANGLER_OPPLYSNINGER_BEVILLINGSHAVER).', {
      navn: ref('Personnavn'),
      ...(v2 ? {} : { inkassobevillingshaverNummer: str('Bevillingsnummer (fjernet i 1.0).') }),
    }),
    fullmakt: open('Fullmakt.', { fraDato: date('Fra dato.'), tilDato: date('Til dato.'), fullmakt: ref('VedleggReferanse') }),
  }, ['prosessfullmektig']);
  s.Saksoeker = open('En saksøker.', {
    saksoeker: ref('Aktoer'), saksoekerKontaktinformasjon: ref('Kontaktinformasjon'),
    ...(v2 ? { saksoekersProsessfullmektig: ref('Prosessfullmektig') }
      : { saksoekerReferanse: str('Saksøkers referanse (fjernet i 1.0).'), prosessfullmektig: ref('Prosessfullmektig') }),
  }, ['saksoeker']);
  s.Saksoekt = open('En saksøkt.', {
    saksoekt: ref('Aktoer'),
    ...(v2 ? { saksoektesProsessfullmektig: ref('Prosessfullmektig') }
      : { saksoektReferanse: str('Saksøktes referanse (fjernet i 1.0).'), prosessfullmektig: ref('Prosessfullmektig') }),
  }, ['saksoekt']);
  s.Innsender = open('Innsender; må være den autentiserte organisasjonen.', {
    innsender: ref('Aktoer'),
    [v2 ? 'innsendersProsessfullmektig' : 'prosessfullmektig']: ref('Prosessfullmektig'),
    saksbehandler: tekst('Saksbehandler.'), saksbehandlersKontaktinformasjon: ref('Kontaktinformasjon'),
  }, ['innsender']);
  s.BeloepValuta = open('Beløp med valuta.', { beloep: beloep('Beløp, høyst to desimaler, ikke negativt.'), valuta: str('Valuta, f.eks. NOK.') }, v2 ? ['beloep'] : []);
  s.Krav = open('Et krav til innkreving (SPEC §6.4).', {
    [v2 ? 'innsendersKravreferanse' : 'kravreferanse']: str('Kravets referanse, unik i begjæringen.'),
    kravdetaljer: str('Kravdetaljer.', { enum: ['Hovedkrav', 'Hovedstol', 'Rentekrav', 'UtenrettsligeKostnader', 'TidligereRettsligeSakskostnader', 'SakskostnaderForSkriving', 'Gebyr'] }),
    kravbeskrivelse: tekst('Beskrivelse.'),
    kravforfall: open('Forfall.', { forfallsdato: date('Forfallsdato.') }),
    opprinneligBeloep: ref('BeloepValuta'), gjenstaaendeBeloep: ref('BeloepValuta'),
    innbetaling: arr(open('En innbetaling.', { bokfoertDato: date('Bokført; ikke fram i tid.'), beloep: ref('BeloepValuta') }, ['bokfoertDato', 'beloep']), 'Innbetalinger.'),
    prioritetDekningsloven: str('Prioritet etter dekningsloven § 2-8.', { enum: ['a', 'b', 'c', 'd', 'e'] }),
    prioritetISak: prioritet('Rekkefølge i saken (1-99); oppgis på alle krav eller ingen.'),
    relatertKrav: arr(str('Kravreferanse.'), 'Krav dette kravet hører til.'),
    [v2 ? 'rentekrav' : 'erRentekrav']: open('Rentekravets opplysninger.', {
      rentePeriode: open('Renteperioden.', { startdato: date('Fra.'), sluttdato: date('Til.') }, ['startdato']),
    }),
    [v2 ? 'rentebaerendeKrav' : 'renteOpplysning']: open('Rentebærende krav: forsinkelsesrente eller avtalt rentesats.', {
      forsinkelsesrente: bool('Forsinkelsesrente.'), avtaltRentesats: num('Avtalt rentesats i prosent, høyst to desimaler.', { minimum: 0 }),
      ...(v2 ? { prioritetISakFremtidigRentekrav: prioritet('Prioritet for fremtidige renter (1.1).') } : {}),
    }),
    betalingsoppfordring: arr(open('Betalingsoppfordring.', { betalingsfrist: date('Frist.'), brevdato: date('Brevdato.'), betalingsoppfordring: ref('VedleggReferanse') }), 'Betalingsoppfordringer.'),
    transporterklaering: arr(open('Transporterklæring.', { dato: date('Dato.'), beloep: ref('BeloepValuta'), transporterklaering: ref('VedleggReferanse') }), 'Transporterklæringer.'),
    tilleggsfristForeldelse: arr(open('Tilleggsfrist for foreldelse.', {
      grunnlag: str('Grunnlag.', { enum: ['uvitenhet', 'lovmessigeHindringer', 'skyldnerIUtlandet', 'kravMotVerge', 'kravOmInnskuddISelskap', 'proklama'] }),
      begrunnelse: tekst('Begrunnelse.'), dato: date('Dato.'),
    }, ['grunnlag']), 'Tilleggsfrister.'),
    sisteFristavbrytendeTiltak: tekst('Siste fristavbrytende tiltak.'),
    kravgrunnlagsidentifikator: str('Id fra namsmannen hvis kravet er begjært før.'),
    ...(v2 ? { kravEndring: open('Endring (reduksjon) av kravet (1.0).', {}) } : {}),
  }, [v2 ? 'innsendersKravreferanse' : 'kravreferanse', 'kravdetaljer']);
  s.Varsel = open('Varsel etter tvangsfullbyrdelsesloven § 4-18/4-19.', {
    dato: date('Dato.'),
    type: str('Type.', { enum: v2 ? ['varselTvfbl418', 'varselTvfbl419'] : ['varselTvfbl418', 'varselTvfbl419', 'oppfyllelsesfrist', 'erklærtTvangskraftig', 'vedtattForelegg', 'inkassovarsel'] }),
    tvangskraftgrunnlag: ref('VedleggReferanse'),
  }, ['type']);
  s.SkriftligMeddelelse = open('Skriftlig meddelelse (særlig tvangsgrunnlag).', {
    kravetsGrunnlag: tekst('Kravets grunnlag.'), faktiskeForholdForKravet: tekst('Faktiske forhold.'), paastand: tekst('Påstand; påkrevd ved utlegg og forliksklage kombinert.'),
    kanBehandlesIForliksraadet: bool('Om saken kan behandles i forliksrådet (KAN_BEHANDLES_I_FORLIKSRAADET_PAAKREVET).'),
    krevesFravaersdom: bool('Om fraværsdom kreves.'),
    forsendelsesmaate: open('Forsendelsesmåte.', {
      forsendelsesmaate: str('F.eks. altinn, eFaktura, eBoks.'),
      [v2 ? 'alternativElektroniskForsendelsesmaate' : 'alternativElektroniskKanalForMeddelelse']: open('Alternativ elektronisk kanal.', { kanalForMeddelelse: str('Kanalen.'), akseptKanalvalg: ref('VedleggReferanse') }),
    }),
    mottakeradresse: open('Mottakeradresse.', { adressetekst: arr(tekst('Linje.'), 'Adresselinjer.'), poststedsnavn: tekst('Poststed.'), postnummer: str('Postnummer.') }),
    ...(v2 ? {} : { avsender: ref('Identifikator') }),
  });
  s.SaerligTvangsgrunnlag = {
    ...open('Særlig tvangsgrunnlag: nøyaktig én av variantene.', {
      skyldner: arr(ref('Identifikator'), 'Skyldnere.'), kreditor: arr(ref('Identifikator'), 'Kreditorer.'),
      ...(v2 ? {} : { paalydendeBeloep: num('Pålydende beløp (fjernet i 1.1).'), referanseSak: str('Referanse (fjernet i 1.0).') }),
      skriftligMeddelelse: ref('SkriftligMeddelelse'),
      gjeldsbrev: open('Gjeldsbrev.', { skyldnererklaering: tekst('Skyldnererklæring.'), inndrivelsesklausul: tekst('Inndrivelsesklausul.'), vitne: arr(tekst('Vitne.'), 'Vitner.') }),
      elektroniskGjeldserklaering: open('Elektronisk gjeldserklæring.', { skyldnererklaering: tekst('Skyldnererklæring.'), inndrivelsesklausul: tekst('Inndrivelsesklausul.') }),
      tvangsmulktEllerLovbestemmelse: open('Tvangsmulkt eller lovbestemmelse.', { type: str('Type.', { enum: ['tvangsmulkt', 'lovbestemmelse'] }), juridiskGrunnlag: tekst('Juridisk grunnlag.'), vedtakendeMyndighet: tekst('Myndighet.') }),
      sjekkEllerVeksel: open('Sjekk eller veksel.', {}),
    }),
    oneOf: ['skriftligMeddelelse', 'gjeldsbrev', 'elektroniskGjeldserklaering', 'tvangsmulktEllerLovbestemmelse', 'sjekkEllerVeksel'].map((k) => ({ required: [k] })),
  };
  s.AlminneligTvangsgrunnlag = open('Alminnelig tvangsgrunnlag.', {
    type: str('Type.', { enum: ['domEllerKjennelse', 'avgjørelseSomHarVirkningSomDom', 'forelegg', 'voldgiftsdom', 'avgjørelseAvUtenlandskDomstolKonvensjon', 'avgjørelseAvUtenlandskDomstol', 'avgjørelseAvInternasjonalDomstol', 'rettsforlik'] }),
    domsslutningInformasjon: open('Domsslutning.', {
      forpliktet: arr(ref('Identifikator'), 'Forpliktede.'), berettiget: arr(ref('Identifikator'), 'Berettigede.'),
      oppfyllelsesfrist: date('Oppfyllelsesfrist.'), forkynnelsesdato: date('Forkynnelsesdato.'), rentefot: num('Rentefot.'),
    }),
  }, ['type']);
  s.BegjaeringensTvangsgrunnlag = {
    ...open('Et tvangsgrunnlag med kravene det gjelder: nøyaktig én av alminneligTvangsgrunnlag og saerligTvangsgrunnlag.', {
      innsendersKravreferanse: arr(str('Kravreferanse.'), 'Kravene dette grunnlaget gjelder; hvert krav i nøyaktig ett grunnlag.'),
      eksternSaksreferanse: str(v2 ? 'Ekstern saksreferanse (valgfri fra 2.0).' : 'Ekstern saksreferanse.'),
      tvangsgrunnlagsdato: date('Dato.'), betegnelseAvTvangsgrunnlag: tekst('Betegnelse, f.eks. Faktura 55.'),
      tvangsgrunnlag: ref('VedleggReferanse'), varsel: arr(ref('Varsel'), 'Varsler.'),
      begrunnelseUnnlatVarsel: str('Begrunnelse for unnlatt varsel.', { enum: v2 ? ['ingenMulighetForVarsling', 'fullbyrdelsenKanBliVanskeliggjort'] : ['ingenMulighetForVarsling', 'fullbyrdelsenKanBliVanskeliggjort', 'ukjentOppholdsstedSakssøkt', 'ukjentFullmektigMedKjentOppholdssted', 'ukjentElektroniskKontaktinformasjon'] }),
      alminneligTvangsgrunnlag: ref('AlminneligTvangsgrunnlag'), saerligTvangsgrunnlag: ref('SaerligTvangsgrunnlag'),
    }, ['innsendersKravreferanse']),
    oneOf: [{ required: ['alminneligTvangsgrunnlag'] }, { required: ['saerligTvangsgrunnlag'] }],
  };
  s.Utleggsbegjaering = open(`Begjæringen, ${v2 ? 'modell 1.0-2.0' : 'modell 0.9'} (SPEC §6.4, §6.9). Serveren validerer skjema (400) og regler (422, SPEC §6.7).`, {
    saksoeker: arr(ref('Saksoeker'), 'Saksøkere (minst én).'), saksoekt: arr(ref('Saksoekt'), 'Saksøkte (minst én).'),
    innsender: ref('Innsender'), underskrift: tekst('Navnet på den ansvarlige; kan ikke endres.'),
    tvangsfullbyrdelsestype: str('Type.', { enum: v2 ? ['utlegg', 'utleggOgForliksklageKombinert'] : ['utlegg', 'utleggOgForliksklageKombinert', 'utleggOgForlliksklageKombinert'] }),
    begjaeringsdato: date('Begjæringsdato; kan ikke endres.'),
    innsenderReferanse: str('Innsenders unike referanse; samme referanse og begjæringsdato to ganger er DUPLIKAT_INNSENDING. Uten referanse ingen duplikatkontroll.'),
    ...(v2 ? {} : { saksreferanse: str('Saksreferanse (fjernet i 1.1).') }),
    begjaeringensTvangsgrunnlag: arr(ref('BegjaeringensTvangsgrunnlag'), 'Tvangsgrunnlag (minst ett).'),
    kravTilInnkreving: arr(ref('Krav'), 'Krav (minst ett, MANGLER_KRAV).'),
    kreverRettsgebyrErstattet: v2
      ? { description: 'Om rettsgebyret kreves erstattet: boolsk (0.9) eller objekt (1.1).', oneOf: [{ type: 'boolean' }, open('Rettsgebyr (1.1).', { kreverRettsgebyrErstattet: bool('Kreves erstattet.'), prioritetISak: prioritet('Prioritet for rettsgebyret.'), prioritetISakFremtidigRentekrav: prioritet('Prioritet for fremtidige renter.') })] }
      : bool('Om rettsgebyret kreves erstattet av saksøkte.'),
    ...(v2 ? { kreverFritakRettsgebyr: open('Fritak for rettsgebyr (1.1).', { begrunnelse: tekst('Begrunnelse.') }) } : {}),
    betalingsinformasjon: open('Hvor innbetalinger går (minst én verdi, MANGELFULLE_KONTOOPPLYSNINGER).', {
      norskKonto: open('Norsk konto.', {
        kontonummer: str('Kontonummer, 11 siffer.'), kidnummer: str('KID, 2-25 siffer.'), bankkode: str('Bankkode.'), bankNavn: str('Bankens navn.'),
        landkodeBank: str('Bankens landkode.'), kontovaluta: str('Valuta.'), iban: str('IBAN.'), bic: str('BIC.'),
      }),
    }),
    valgtNamsmannsdistrikt: open('Valgt namsmannsdistrikt.', { namsmannsdistrikt: str('Navn fra kodelisten, f.eks. Namsfogden i Oslo, Asker og Bærum.'), begrunnelse: tekst('Begrunnelse.') }, ['namsmannsdistrikt']),
    vedlegg: arr(ref('VedleggReferanse'), 'Generelle vedlegg.'),
    berOmInnkallingTilMoete: bool('Ber om innkalling til møte.'), berOmInnkallingTilMoeteMedBegrunnelse: tekst('Begrunnelse.'),
    berOmUnnlattForeleggelseMedBegrunnelse: tekst('Begrunnelse for unnlatt foreleggelse.'),
    spesiellUtleggsgjenstand: arr(str('F.eks. utleggspant, utleggstrekk.'), 'Spesielle utleggsgjenstander.'),
  }, ['saksoeker', 'saksoekt', 'underskrift', 'tvangsfullbyrdelsestype', 'begjaeringsdato', 'begjaeringensTvangsgrunnlag']);
  return s;
}

// ---- utleggsbegjaering v1 and v2 ------------------------------------------------------------

for (const v of ['v1', 'v2']) {
  const codes = [
    ['UVENTET_FEIL', 500, 'Uventet feil på tjenesten.'], ['BAKENFORLIGGENDE_FEIL', 500, 'Uventet feil i et bakenforliggende system.'],
    ['UKJENT_URL', 404, 'Ukjent url benyttet.'], ['IKKE_AUTENTISERT', 401, 'Feil i forbindelse med autentisering.'],
    ['IKKE_AUTORISERT', 403, 'Feil i forbindelse med autorisering.'], ['UGYLDIG_FORESPOERSEL', 400, 'Forespørselen er ikke gyldig.'],
    ['IKKE_FUNNET', 404, 'Fant ingen utleggsbegjæring.'], ['IKKE_STOETTET_FORMAT', 406, 'Kun json er støttet.'],
    ['METODE_IKKE_STOETTET', 405, 'Metoden er ikke støttet for denne url-en.'], ['FOR_STOR_FORESPOERSEL', 413, 'Forespørselen er for stor.'],
    ['UGYLDIG_INNHOLDSTYPE', 415, 'Innholdstypen er ikke støttet.'], ['FOR_STORE_HODER', 431, 'Forespørselens hoder er for store.'],
    ['SLETTET', 410, 'Dataene er slettet.'], ['KONFLIKT', 409, 'Konflikt: duplikat eller endring ikke tillatt (kontrollutslag), eller en Meldingsid brukt med annet innhold eller på en annen API-versjon.'],
    ['FOR_MANGE_SAMTIDIGE_KALL', 429, 'For mange samtidige kall per API per konsument (max_concurrent_per_consumer).'],
    ['VALIDERINGSFEIL', 422, 'Begjæringen har valideringsfeil (kontrollutslag, SPEC §6.7).'],
  ];
  const errs = (statuses) => problemResponses(codes, statuses);
  // The demo's petition (valid in both versions for innsender 312597772) is the example, so the
  // portal's try-it sends a working body as it stands.
  // Model 1.0-2.0 calls the innsender's own krav reference innsendersKravreferanse.
  const v2Navn = (x) => (Array.isArray(x) ? x.map(v2Navn) : x && typeof x === 'object'
    ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k === 'kravreferanse' ? 'innsendersKravreferanse' : k, v2Navn(y)]))
    : x);
  const example = v === 'v1' ? demoBegjaering : v2Navn(demoBegjaering);
  const body = { required: true, content: { 'application/json': { schema: ref('Utleggsbegjaering'), example } } };
  const ref_ = { name: 'eksternSaksreferanse', in: 'path', required: true, schema: { type: 'string' }, description: 'Saksreferansen fra innsendingen.' };
  const sec = [{ maskinporten: [] }];
  const model = v === 'v1' ? 'modell 0.9' : 'modell 1.0-2.0';
  const meldingsid = {
    name: 'Meldingsid', in: 'header', required: false, schema: { type: 'string', format: 'uuid' },
    description: 'Gjentaksnøkkel per innsender. Samme Meldingsid med samme JSON-innhold (sammenlignet som JSON-verdier, ' +
      'ikke byte for byte) på samme API-versjon er en gjentakelse og får det opprinnelige svaret; samme Meldingsid med annet ' +
      'innhold eller på en annen versjon gir 409 med en melding om Meldingsid.',
  };
  docs[`utleggsbegjaering-${v}`] = document({
    name: `utleggsbegjaering-${v}`, title: `Utleggsbegjæring API ${v}`, version: v === 'v1' ? '0.9.0' : '2.0.0', codes,
    description: `Innsending, validering og endring av utleggsbegjæringer (SPEC §6), ${model}. Scope \`skatteetaten:utleggsbegjaering\`; ` +
      'systembruker med ressurs `ske-utleggsbegjaering` er tillatt. Innsender må være den autentiserte organisasjonen. ' +
      'Feil er RFC 7807 problem details med `kontrollutslag` (SPEC §6.7). Kun JSON.',
    servers: [
      { url: '/api/utleggsbegjaering', description: 'Denne serveren' },
      { url: 'https://api-test.sits.no/api/utleggsbegjaering', description: 'Skatteetaten test' },
    ],
    tags: [{ name: 'utleggsbegjaering', description: 'Utleggsbegjæringer' }],
    paths: {
      [`/${v}`]: {
        post: {
          operationId: `sendInn_${v}`, tags: ['utleggsbegjaering'], summary: 'Send inn en utleggsbegjæring',
          security: sec, parameters: [korrelasjonsidHeader, meldingsid], requestBody: body,
          responses: { 201: { description: 'Mottatt', content: { 'application/json': { schema: ref('Kvittering'), example: { eksternSaksreferanse: 'UB-2026-000001' } } } }, ...errs([400, 401, 403, 406, 409, 415, 422, 500]) },
        },
      },
      [`/${v}/valider`]: {
        post: {
          operationId: `validerNy_${v}`, tags: ['utleggsbegjaering'], summary: 'Valider en ny begjæring uten å lagre',
          security: sec, parameters: [korrelasjonsidHeader], requestBody: body,
          responses: { 204: { description: 'Gyldig' }, ...errs([400, 401, 403, 406, 409, 415, 422, 500]) },
        },
      },
      [`/${v}/vedlegg`]: {
        post: {
          operationId: `lastOppVedlegg_${v}`, tags: ['utleggsbegjaering'], summary: 'Last opp et vedlegg',
          description: '[INFER] Vedlegget refereres siden som `vedlegg[].uuid` i begjæringen.',
          security: sec, parameters: [korrelasjonsidHeader],
          requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } }, 'application/octet-stream': { schema: { type: 'string' } } } },
          responses: { 201: { description: 'Lagret', content: { 'application/json': { schema: ref('Vedlegg') } } }, ...errs([400, 401, 403, 413, 415, 422, 500]) },
        },
      },
      [`/${v}/{eksternSaksreferanse}`]: {
        get: {
          operationId: `hentSak_${v}`, tags: ['utleggsbegjaering'], summary: 'Hent status og versjoner for en sak',
          description: '[INFER] Egen utvidelse: «Status på sak»-API-et er ikke publisert.',
          security: sec, parameters: [ref_, korrelasjonsidHeader],
          responses: { 200: { description: 'Saken', content: { 'application/json': { schema: ref('Sak') } } }, ...errs([400, 401, 403, 404, 406, 500]) },
        },
        put: {
          operationId: `endre_${v}`, tags: ['utleggsbegjaering'], summary: 'Endre en innsendt begjæring (ny versjon)',
          security: sec, parameters: [ref_, korrelasjonsidHeader, meldingsid], requestBody: body,
          responses: { 204: { description: 'Endret' }, ...errs([400, 401, 403, 404, 406, 409, 415, 422, 500]) },
        },
      },
      [`/${v}/valider/{eksternSaksreferanse}`]: {
        put: {
          operationId: `validerEndret_${v}`, tags: ['utleggsbegjaering'], summary: 'Valider en endring uten å lagre',
          security: sec, parameters: [ref_, korrelasjonsidHeader], requestBody: body,
          responses: { 204: { description: 'Gyldig' }, ...errs([400, 401, 403, 404, 406, 409, 415, 422, 500]) },
        },
      },
    },
    schemas: {
      ...petitionSchemas(v),
      Kvittering: obj('SendInnUtleggsbegjaeringResponse.', { eksternSaksreferanse: str('Sakens referanse.') }, ['eksternSaksreferanse']),
      Vedlegg: obj('Kvittering for et vedlegg.', { uuid: str('Vedleggets id.', { format: 'uuid' }), filnavn: str('Filnavn.'), status: str('Status, f.eks. klar.') }, ['uuid', 'filnavn', 'status']),
      Sak: obj('Sakens tilstand.', {
        eksternSaksreferanse: str('Referanse.'), status: str('Status.'), innsender: orgnr, innsenderReferanse: str('Innsenders referanse.'),
        begjaeringsdato: str('Begjæringsdato.'), opprettet: dateTime('Opprettet.'), gjeldendeVersjon: int('Siste versjon.'),
        versjoner: arr(obj('Én versjon.', { versjon: int('Versjon.'), mottatt: dateTime('Mottatt.'), apiVersjon: str('API/modell.') }, ['versjon', 'mottatt', 'apiVersjon']), 'Versjonene.'),
      }, ['eksternSaksreferanse', 'status', 'innsender', 'gjeldendeVersjon', 'versjoner']),
      Feil: { ...feilSchema([]), description: 'Felles feilrespons fra plattformen (DAS-00x, SPEC §1.3) for forespørsler som avvises før API-et.' },
      ProblemDetail: obj('RFC 7807 problem detail med kontrollutslag (SPEC §1.3).', {
        type: str('Type.'), title: str('Tittel.'), status: int('HTTP-status.'), detail: str('Detaljer.'), instance: str('Stien.'),
        feilid: str('Feil-id.'), feilkode: str('Feilkode.', { enum: codes.map((c) => c[0]) }), korrelasjonsid: str('Korrelasjonsid.'),
        kontrollutslag: arr(obj('Et kontrollutslag.', { kode: str('Regelnavn.'), melding: str('Melding.'), beskrivelse: str('Beskrivelse.') }, ['kode', 'melding', 'beskrivelse']), 'Valideringsfunn (422, 409).'),
        feil: arr(obj('En skjemafeil.', { sti: str('JSON-sti.'), melding: str('Melding.') }, ['sti', 'melding']), 'Skjemafeil (400).'),
      }, ['type', 'status']),
    },
  });
}

// ---- sandbox control plane -------------------------------------------------------------------

{
  const codes = [
    ['UVENTET_FEIL', 500, 'Uventet feil i sandkassens kontrollplan.'], ['BAKENFORLIGGENDE_FEIL', 500, 'Databasen svarer ikke.'],
    ['UKJENT_URL', 404, 'Ukjent url i kontrollplanet.'], ['IKKE_AUTENTISERT', 401, 'Kontrollplanet krever et gyldig token med scope skattedeling:admin.'],
    ['IKKE_AUTORISERT', 403, 'Tokenet har ikke scope skattedeling:admin.'], ['UGYLDIG_FORESPOERSEL', 400, 'Forespørselen er ikke gyldig (dataliner: hver feil linje i `feil`).'],
    ['FINNES_IKKE', 404, 'Tilstanden eller feilregelen finnes ikke.'], ['IKKE_STOETTET_FORMAT', 406, 'Kontrollplanet svarer bare json.'],
    ['METODE_IKKE_STOETTET', 405, 'Metoden er ikke støttet for denne url-en.'], ['FOR_STOR_FORESPOERSEL', 413, 'Forespørselen er for stor.'],
    ['UGYLDIG_INNHOLDSTYPE', 415, 'Innholdstypen er ikke støttet.'], ['FOR_STORE_HODER', 431, 'Forespørselens hoder er for store.'],
    ['KONFLIKT', 409, 'Kan ikke utføres nå (ingen utgangstilstand lagret).'], ['FOR_MANGE_KALL', 429, 'For mange samtidige kall.'],
  ];
  // Where the control plane is not served (an API port when admin_port is set), the path is
  // unknown to the server: the common datadeling body (DAS-002), as problemResponses documents.
  const errs = (statuses) => problemResponses(codes, statuses);
  const admin = [{ maskinporten: [] }];
  const json = (schema, example) => ({ 'application/json': { schema, ...(example ? { example } : {}) } });
  const body = (schema, example) => ({ required: true, content: json(schema, example) });
  const op = (operationId, summary, extra) => ({ operationId, tags: ['sandbox'], summary, security: admin, ...extra });
  const navn = { name: 'navn', in: 'path', required: true, description: 'Tilstandens navn: 1-64 tegn av A-Z, a-z, 0-9, _ og -, ikke først _.', schema: str('Navn.', { pattern: '^[A-Za-z0-9-][A-Za-z0-9_-]{0,63}$' }) };
  const regelId = { name: 'id', in: 'path', required: true, description: 'Regelens id.', schema: int('Id.') };
  const q = (name, schema, description) => ({ name, in: 'query', required: false, schema, description });
  const tom = { 204: { description: 'Utført.' } };
  docs.sandbox = document({
    name: 'sandbox', title: 'Sandkassens kontrollplan', version: '1.0.0', codes,
    description: 'Styr sandkassen over HTTP (README, Sandbox): data, tid, feil og en journal over kallene. Bare i ' +
      'sandkassemodus (`control_plane`), bare på verter som ikke er et API-vertsnavn (eller egen `admin_port`), og hvert kall ' +
      'krever et token med scope `skattedeling:admin` (`skattedeling token --scope skattedeling:admin`). Feil er ' +
      'RFC 7807-problemer (`application/problem+json`).',
    servers: [{ url: '/sandbox/v1', description: 'Denne serveren' }],
    tags: [{ name: 'sandbox', description: 'Kontrollplanet' }],
    paths: {
      '/klokke': {
        get: op('hentKlokke', 'Les datatidens klokke', { responses: { 200: { description: 'Klokken', content: json(ref('Klokke')) }, ...errs([401, 403]) } }),
        put: op('settKlokke', 'Sett datatidens klokke', {
          requestBody: body(obj('Ny tid.', { naa: dateTime('Tidspunktet (ISO 8601 med sone).'), frossen: bool('Står klokken stille?') }, ['naa']), { naa: '2026-09-01T08:00:00+02:00', frossen: true }),
          responses: { 200: { description: 'Klokken etter endringen; midnattsoverganger passert er skrevet (én gang)', content: json(ref('KlokkeEtterFlytting')) }, ...errs([400, 401, 403]) },
        }),
      },
      '/klokke/frem': {
        post: op('flyttKlokkeFrem', 'Flytt klokken fremover', {
          requestBody: body(obj('Hvor langt (summen av feltene, > 0).', { dager: int('Dager.'), timer: int('Timer.'), minutter: int('Minutter.'), sekunder: int('Sekunder.') }), { dager: 30 }),
          responses: { 200: { description: 'Klokken etter flyttingen', content: json(ref('KlokkeEtterFlytting')) }, ...errs([400, 401, 403]) },
        }),
      },
      '/data': {
        post: op('leggTilData', 'Legg til data (JSON Lines i importformatet, alt eller ingenting)', {
          requestBody: { required: true, description: 'docs/import-format.md, én post per linje.', content: {
            'application/x-ndjson': { schema: str('JSON Lines.') }, 'text/plain': { schema: str('JSON Lines.') },
            'application/json': { schema: { type: 'object', description: 'Én post.' } } } },
          responses: { 200: { description: 'Alle linjer er skrevet', content: json(obj('Resultat.', { importert: int('Antall linjer skrevet.') }, ['importert'])) }, ...errs([400, 401, 403, 415]) },
        }),
      },
      '/reset': {
        post: op('tilbakestill', 'Tilbake til utgangstilstanden (data og klokke)', {
          responses: { 200: { description: 'Tilbakestilt', content: json(obj('Resultat.', { tilbakestilt: bool('Alltid true.') }, ['tilbakestilt'])) }, ...errs([401, 403, 409]) },
        }),
      },
      '/tilstander': {
        get: op('listTilstander', 'List lagrede tilstander', {
          responses: { 200: { description: 'Tilstandene', content: json(obj('Liste.', { tilstander: arr(ref('Tilstand'), 'Etter navn.') }, ['tilstander'])) }, ...errs([401, 403]) },
        }),
      },
      '/tilstander/{navn}': {
        put: op('lagreTilstand', 'Lagre hele databasen under et navn', {
          parameters: [navn],
          responses: { 200: { description: 'Lagret', content: json(ref('Tilstand')) }, ...errs([400, 401, 403]) },
        }),
        delete: op('slettTilstand', 'Slett en lagret tilstand', { parameters: [navn], responses: { ...tom, ...errs([400, 401, 403, 404]) } }),
      },
      '/tilstander/{navn}/gjenopprett': {
        post: op('gjenopprettTilstand', 'Gjenopprett en lagret tilstand (atomisk)', {
          parameters: [navn],
          responses: { 200: { description: 'Gjenopprettet', content: json(obj('Resultat.', { navn: str('Navn.'), lagret: dateTime('Lagret.'), rader: int('Rader.'), gjenopprettet: bool('Alltid true.') }, ['gjenopprettet'])) }, ...errs([400, 401, 403, 404]) },
        }),
      },
      '/feil': {
        post: op('leggTilFeilregel', 'Legg til en feilregel', {
          requestBody: body(ref('NyFeilregel'), { api: 'restanser', status: 503, antall: 1 }),
          responses: { 201: { description: 'Lagt til (Location: /sandbox/v1/feil/{id})', content: json(ref('Feilregel')) }, ...errs([400, 401, 403, 415]) },
        }),
        get: op('listFeilregler', 'List feilreglene', { responses: { 200: { description: 'Reglene', content: json(obj('Liste.', { regler: arr(ref('Feilregel'), 'Reglene.') }, ['regler'])) }, ...errs([401, 403]) } }),
        delete: op('fjernFeilregler', 'Fjern alle feilreglene', { responses: { ...tom, ...errs([401, 403]) } }),
      },
      '/feil/{id}': {
        get: op('hentFeilregel', 'Les en feilregel', { parameters: [regelId], responses: { 200: { description: 'Regelen', content: json(ref('Feilregel')) }, ...errs([400, 401, 403, 404]) } }),
        delete: op('fjernFeilregel', 'Fjern en feilregel', { parameters: [regelId], responses: { ...tom, ...errs([400, 401, 403, 404]) } }),
      },
      '/journal': {
        get: op('lesJournal', 'De siste kallene, nyeste først', {
          description: 'API-kallene (også avviste og ukjente URL-er) med beslutningen og tokenets claims. ' +
            'Kontrollplanets egne kall og portalens filer journalføres ikke.',
          parameters: [q('korrelasjonsid', str('Id.'), 'Bare denne korrelasjonsid-en.'), q('api', str('API.'), 'Bare dette API-et.'),
            q('konsument', orgnr, 'Bare denne konsumenten.'), q('metode', str('Metode.'), 'Bare denne HTTP-metoden.'),
            q('sti', str('Sti.'), 'Bare stier som begynner slik.'), q('status', int('Status.'), 'Bare denne statusen.')],
          responses: { 200: { description: 'Kallene', content: json(obj('Liste.', { poster: arr(ref('Journalpost'), 'Nyeste først.') }, ['poster'])) }, ...errs([400, 401, 403]) },
        }),
        delete: op('toemJournal', 'Tøm journalen', { responses: { ...tom, ...errs([401, 403]) } }),
      },
      '/journal/antall': {
        get: op('tellJournal', 'Tell kall som passer filteret (verifisering i tester)', {
          parameters: [q('korrelasjonsid', str('Id.'), 'Som for journalen.'), q('api', str('API.'), 'Som for journalen.'),
            q('konsument', orgnr, 'Som for journalen.'), q('metode', str('Metode.'), 'Som for journalen.'),
            q('sti', str('Sti.'), 'Som for journalen.'), q('status', int('Status.'), 'Som for journalen.')],
          responses: { 200: { description: 'Antallet', content: json(obj('Antall.', { antall: int('Antall.') }, ['antall'])) }, ...errs([400, 401, 403]) },
        }),
      },
      '/parter': {
        get: op('finnParter', 'Finn testdata med gitte egenskaper', {
          parameters: [q('type', str('Type.', { enum: ['person', 'organisasjon'] }), 'Personer eller organisasjoner.'),
            q('aapneKravOver', int('Kroner.'), 'Åpne krav over dette beløpet.'), q('forfaltMva', bool('Ja.'), 'Forfalt, ubetalt merverdiavgift.'),
            q('aktiveTrekk', bool('Ja.'), 'Arbeidsgiver med aktive trekkpålegg.'), q('oppgjoerAar', int('År.'), 'Person med skatteoppgjør for året.'),
            q('skjermet', bool('Ja.'), 'Fortrolig eller strengt fortrolig adresse.'), q('scenario', str('Scenario.'), 'Bare dette scenarioets identifikatorer.'),
            q('antall', int('Høyst.'), 'Høyst så mange (20).')],
          responses: { 200: { description: 'Partene', content: json(obj('Liste.', { parter: arr(ref('Part'), 'Etter identifikator.') }, ['parter'])) }, ...errs([400, 401, 403]) },
        }),
      },
      '/scenarier': {
        get: op('listScenarier', 'Scenarioidentifikatorene', {
          responses: { 200: { description: 'Tabellen', content: json(obj('Liste.', { scenarier: arr(obj('Et scenario.', {
            identifikator: str('Organisasjonsnummer eller fødselsnummer.'), scenario: str('Navn.'), beskrivelse: str('Hva det gir.'),
          }, ['identifikator', 'scenario', 'beskrivelse']), 'Scenarioene.') }, ['scenarier'])) }, ...errs([401, 403]) },
        }),
      },
    },
    schemas: {
      Klokke: obj('Datatidens klokke.', {
        naa: dateTime('Nå (UTC).'), iDag: date('I dag i Norge.'), tidssone: str('Europe/Oslo.'), frossen: bool('Står klokken stille?'),
      }, ['naa', 'iDag', 'tidssone', 'frossen']),
      KlokkeEtterFlytting: obj('Klokken etter en endring.', {
        naa: dateTime('Nå (UTC).'), iDag: date('I dag i Norge.'), tidssone: str('Europe/Oslo.'), frossen: bool('Står klokken stille?'),
        midnattsovergangerSkrevet: int('Trekkpålegg-versjoner skrevet for passerte midnatter.'),
      }, ['naa', 'iDag', 'tidssone', 'frossen', 'midnattsovergangerSkrevet']),
      Tilstand: obj('En lagret tilstand.', { navn: str('Navn.'), lagret: dateTime('Lagret.'), rader: int('Rader.') }, ['navn', 'lagret', 'rader']),
      NyFeilregel: obj('Hva regelen treffer og gjør (minst status, forsinkelse, brudd eller avkorting).', {
        api: str('API-ets navn (restanser, kravogbetalinger, trekkpaalegg, avregning, hendelser, sistetilgjengelige, utleggsbegjaering).'),
        metode: str('HTTP-metode.'), sti: str('Stien begynner slik.'), part: str('En identifikator i stien.'),
        status: int('Svarstatus med API-ets egen kode.'), kode: str('En kode fra API-ets tabell.'),
        forsinkelseMs: int('Forsinkelse.'), jitterMs: int('Tilfeldig tillegg.'), bryt: bool('Lukk forbindelsen.'),
        avkort: bool('Kutt kroppen.'), antall: int('For så mange kall.'), andel: num('Andel av kallene (0-1).'),
      }),
      Feilregel: obj('En feilregel.', {
        id: int('Id.'), api: str('API.'), metode: str('Metode.'), sti: str('Sti.'), part: str('Part.'), status: int('Status.'),
        kode: str('Kode.'), forsinkelseMs: int('Forsinkelse.'), jitterMs: int('Tillegg.'), bryt: bool('Brudd.'), avkort: bool('Avkorting.'),
        antall: int('Antall.'), andel: num('Andel.'), brukt: int('Kall den har truffet.'),
      }, ['id', 'brukt']),
      Journalpost: obj('Ett kall.', {
        nr: int('Løpenummer.'), tid: dateTime('Tid.'), metode: str('Metode.'), sti: str('Sti.'), status: int('Status.'),
        korrelasjonsid: str('Korrelasjonsid.'), api: str('API.'), konsument: str('Konsument.'), systembruker: str('Systembruker.'),
        beslutning: str('Hvilken sjekk som slapp kallet gjennom eller avviste det, og hvorfor.'), varighetMs: num('Varighet.'),
        claims: { type: 'object', description: 'Tokenets claims (aldri signatur eller hele tokenet).', additionalProperties: { type: 'string' } },
      }, ['nr', 'tid', 'metode', 'sti', 'status', 'korrelasjonsid', 'varighetMs']),
      Part: obj('En part.', {
        identifikator: str('Identifikator.'), navn: str('Navn.'), type: str('Type.', { enum: ['person', 'organisasjon'] }),
        skjerming: str('Skjerming.'), enk: bool('Enkeltpersonforetak.'), aapneKrav: int('Åpne krav, kroner.'),
        forfaltOgUbetalt: int('Forfalt og ubetalt, kroner.'), aktiveTrekkpaalegg: int('Aktive trekkpålegg.'), scenario: str('Scenario.'),
      }, ['identifikator', 'type', 'aapneKrav', 'forfaltOgUbetalt', 'aktiveTrekkpaalegg']),
      Feil: { ...feilSchema([]), description: 'Felles feilrespons (DAS-00x, SPEC §1.3) der kontrollplanet ikke serveres.' },
      ProblemDetail: obj('RFC 7807 problem detail.', {
        type: str('Type.'), title: str('Tittel.'), status: int('HTTP-status.'), detail: str('Detaljer.'), instance: str('Stien.'),
        feilid: str('Feil-id.'), feilkode: str('Feilkode.', { enum: [...new Set(codes.map((c) => c[0]))] }), korrelasjonsid: str('Korrelasjonsid.'),
        feil: arr(obj('En feil.', { sti: str('Linje eller felt.'), melding: str('Melding.') }, ['sti', 'melding']), 'Hver feil (400).'),
      }, ['type', 'status']),
    },
  });
}

mkdirSync(outdir, { recursive: true });
for (const [name, doc] of Object.entries(docs)) {
  writeFileSync(join(outdir, `${name}.json`), JSON.stringify(doc, null, 2) + '\n');
}
writeFileSync(join(outdir, 'index.json'), JSON.stringify(Object.entries(docs).map(([name, d]) => ({
  name, title: d.info.title, version: d.info.version, server: d.servers[0].url,
})), null, 2) + '\n');
