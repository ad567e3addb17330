// Browser test of the developer portal (run by run.sh, which starts the server in sandbox mode):
// the API list; the try-it (Swagger UI) authorised by tokens minted in the page — a GET as JSON
// and as XML, an AltinnSamtykke consent, a POST with its body; the sandbox pages (clock, live
// journal, faults, named states, data, test-data search, scenarios); the ledger chart. A plain
// node script over playwright-core with Debian's chromium, so no browser or test runner is
// downloaded.
// Usage: node portal.test.mjs <base-url> <outdir>
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const apis = JSON.parse(readFileSync(join(here, '../../docs/openapi/index.json'), 'utf8'));

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FEIL'} ${what}`);
  if (!ok) failures++;
};

// A fresh profile each run: nothing cached or remembered from an earlier run.
const profile = mkdtempSync(join(tmpdir(), 'skd-portal-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.SKD_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=nb-NO'],
  viewport: { width: 1280, height: 900 },
  locale: 'nb-NO',
  timeout: 60_000,
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  const jsErrors = [];
  page.on('pageerror', (e) => jsErrors.push(String(e)));
  // Only our own server: a request elsewhere would mean the portal depends on the internet. They
  // are aborted (and counted), so the test stays hermetic.
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });

  // 1. The portal loads and lists every API of docs/openapi/index.json, each answering.
  const resp = await page.goto(`${base}/portal`);
  check(resp.status() === 200, `GET /portal gir 200 (${resp.status()})`);
  await page.waitForFunction((n) => document.querySelectorAll('#api-liste tbody tr').length === n, apis.length);
  const rows = await page.$$eval('#api-liste tbody tr', (trs) => trs.map((tr) => tr.innerText));
  check(apis.every((a) => rows.some((r) => r.includes(a.title) && r.includes(a.server))),
    `API-listen viser alle ${apis.length} API-ene med base-URL`);
  await page.waitForFunction(() => [...document.querySelectorAll('#api-liste .status')].every((td) => td.textContent !== '…'));
  const status = await page.$$eval('#api-liste .status', (tds) => tds.map((td) => td.textContent));
  check(status.every((s) => s === 'oppe'), `alle API-ene svarer (${status.join(', ')})`);

  // 2. Try-it: Swagger UI (served from our own assets) shows the first document.
  await page.waitForSelector('#swagger .opblock', { timeout: 60_000 });
  check((await page.textContent('#swagger .info .title')).includes(apis[0].title), 'Swagger UI viser det første dokumentet');

  // A token minted through the form is put into Swagger UI's authorization (security scheme).
  await page.selectOption('#dokument', 'restanser');
  await page.waitForSelector('#operations-restanser-hentRestanser');
  await page.click('#lag-token');
  await page.waitForFunction(() => document.querySelector('#token').value !== '');
  const token = await page.inputValue('#token');
  check(/^ey[\w-]+\.[\w-]+\.[\w-]+$/.test(token), 'skjemaet lager et JWT');
  check(await page.$eval('#token', () => true) && await page.isVisible('#swagger .auth-wrapper .authorize.locked'),
    'Swagger UI er autorisert med tokenet (låst hengelås)');

  // Runs one operation in Swagger UI: parameters by name, optional media type; returns the
  // response's status and body as shown.
  async function execute(opId, params = {}, mediaType) {
    const op = page.locator(`[id$="-${opId}"].opblock`);
    if (!(await op.evaluate((el) => el.classList.contains('is-open')))) await op.locator('.opblock-summary').first().click();
    await op.locator('.opblock-body .execute-wrapper').waitFor();
    for (const [name, value] of Object.entries(params)) {
      // An enum is a <select>, anything else an <input>; wait for whichever is rendered.
      const field = op.locator(`tr[data-param-name="${name}"] .parameters-col_description`).locator('select, input').first();
      await field.waitFor();
      if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
      else await field.fill(value);
    }
    if (mediaType) await op.locator('.responses-wrapper .response-control-media-type select').first().selectOption(mediaType);
    await op.locator('.execute-wrapper button.execute, button.btn.execute').first().click();
    const live = op.locator('.live-responses-table .response .response-col_status').first();
    await live.waitFor();
    const body = await op.locator('.live-responses-table .response-col_description .microlight, .live-responses-table .response-col_description pre').first().textContent();
    const curl = await op.locator('.curl-command .microlight, .curl-command pre, .curl').first().textContent().catch(() => '');
    const result = { status: Number((await live.textContent()).trim()), body, curl };
    await op.locator('.btn-clear').first().click().catch(() => {});
    return result;
  }

  // 3. The default restanser call returns 200 with the party asked about, then as XML.
  let r = await execute('hentRestanser', { rettighetspakke: 'dibk', organisasjonsnummer: '310111643' });
  let svar = {};
  try { svar = JSON.parse(r.body); } catch { /* checked below */ }
  check(r.status === 200 && svar.forespurteOrganisasjon === '310111643', `prøv-kallet gir restansene for 310111643 (HTTP ${r.status})`);
  r = await execute('hentRestanser', { rettighetspakke: 'dibk', organisasjonsnummer: '310111643' }, 'application/xml');
  check(r.status === 200 && r.body.includes('<') && r.body.includes('310111643') && r.curl.includes('application/xml'),
    `Accept: application/xml gir XML (HTTP ${r.status})`);

  // 4. ebevis needs consent: an AltinnSamtykke header token minted in the form is sent too.
  await page.fill('#offered_by', '310111643');
  await page.click('#lag-samtykke');
  await page.waitForFunction(() => document.querySelector('#samtykke-token').value.startsWith('ey'));
  r = await execute('hentRestanser', { rettighetspakke: 'ebevis', organisasjonsnummer: '310111643' });
  check(r.status === 200 && r.curl.includes('AltinnSamtykke'), `ebevis med AltinnSamtykke gir 200 (HTTP ${r.status})`);

  // A POST of an API with its body: the documents' example petition validates as it stands
  // (utleggsbegjæring v2, innsender 312597772 as the token's consumer).
  await page.selectOption('#dokument', 'utleggsbegjaering-v2');
  await page.waitForSelector('[id$="-validerNy_v2"].opblock');
  await page.fill('#consumer', '312597772');
  await page.click('#lag-token');
  await page.waitForFunction((old) => document.querySelector('#token').value !== old, token);
  r = await execute('validerNy_v2');
  check(r.status === 204 && r.curl.includes('innsenderReferanse'), `POST /v2/valider med eksempelbegjæringen gir 204 (HTTP ${r.status})`);
  await page.fill('#consumer', '974761076');

  // 5. Sandbox pages: the clock shows the server's frozen data clock.
  await page.waitForFunction(() => document.querySelector('#klokke-naa').textContent.startsWith('2026-06-15'));
  check(true, 'klokkesiden viser datatiden 2026-06-15');

  // A POST with a body through the try-it: the control plane's own document moves the clock
  // forward by its example (30 days); the clock page follows by itself.
  await page.selectOption('#dokument', 'sandbox');
  await page.waitForSelector('[id$="-flyttKlokkeFrem"].opblock');
  await page.click('#lag-token');  // the scope follows the document: skattedeling:admin
  await page.waitForFunction(() => document.querySelector('#token').value.startsWith('ey'));
  r = await execute('flyttKlokkeFrem');
  check(r.status === 200 && r.body.includes('2026-07-15'), `POST /klokke/frem i prøv-delen gir 200 og ny tid (HTTP ${r.status})`);
  await page.waitForFunction(() => document.querySelector('#klokke-naa').textContent.startsWith('2026-07-15'));
  check(true, 'klokkesiden følger med (2026-07-15)');

  // The clock page's own forms: one day forward, then a set time.
  await page.fill('#frem-dager', '1');
  await page.click('#klokke-frem');
  await page.waitForFunction(() => document.querySelector('#klokke-naa').textContent.startsWith('2026-07-16'));
  await page.fill('#klokke-ny', '2026-06-15T12:00:00+02:00');
  await page.click('#klokke-sett');
  await page.waitForFunction(() => document.querySelector('#klokke-naa').textContent.startsWith('2026-06-15T10:00'));
  check(true, 'klokkesiden flytter frem og setter klokken');

  // 6. The journal is live: a call made outside the page shows up without a click, with its
  // decision; a row opens its details (claims, never the token).
  const korr = '0f0e0d0c-0b0a-4909-8807-060504030201';
  const callStatus = await page.evaluate(async ([t, k]) => (await fetch('/api/innkreving/restanser/v2/dibk/310111643',
    { headers: { Authorization: 'Bearer ' + t, Korrelasjonsid: k } })).status, [token, korr]);
  check(callStatus === 200, 'et kall utenfor prøv-delen gir 200');
  await page.waitForSelector(`#journal-tabell tbody tr[data-korrelasjonsid="${korr}"]`, { timeout: 10_000 });
  const journalRow = await page.textContent(`#journal-tabell tbody tr[data-korrelasjonsid="${korr}"]`);
  check(journalRow.includes('/api/innkreving/restanser/v2/dibk/310111643') && journalRow.includes('200'), 'journalen viser kallet (live)');
  await page.click(`#journal-tabell tbody tr[data-korrelasjonsid="${korr}"]`);
  const detalj = await page.textContent('#journal-detalj');
  check(detalj.includes('skatteetaten:restanser') && !detalj.includes(token.split('.')[2]), 'detaljene viser claims, ikke tokenet');
  await page.fill('#journal-korrelasjonsid', korr);
  await page.click('#journal-vis');
  await page.waitForFunction(() => document.querySelector('#journal-antall').textContent.startsWith('1 '));
  check(true, 'journalfilteret teller ett kall');
  await page.fill('#journal-korrelasjonsid', '');

  // 7. Faults: a rule added on the page answers the next restanser call with 503, then is used up.
  await page.selectOption('#feil-api', 'restanser');
  await page.fill('#feil-status', '503');
  await page.fill('#feil-antall', '1');
  await page.click('#feil-legg-til');
  await page.waitForFunction(() => document.querySelectorAll('#feil-tabell tbody tr').length === 1);
  const faulted = await page.evaluate(async (t) => {
    const x = await fetch('/api/innkreving/restanser/v2/dibk/310111643', { headers: { Authorization: 'Bearer ' + t } });
    return { status: x.status, body: await x.json() };
  }, token);
  check(faulted.status === 503 && typeof faulted.body.kode === 'string', `feilregelen gir 503 med API-ets kode (${faulted.status} ${faulted.body.kode})`);
  await page.click('#feil-fjern-alle');
  await page.waitForFunction(() => document.querySelectorAll('#feil-tabell tbody tr').length === 0);
  check(true, 'feilreglene fjernes');

  // 8. Named states: save, then restore.
  await page.fill('#tilstand-navn', 'portaltest');
  await page.click('#tilstand-lagre');
  await page.waitForSelector('#tilstand-tabell tbody tr .tilstand-gjenopprett');
  await page.click('#tilstand-tabell tbody tr .tilstand-gjenopprett');
  await page.waitForFunction(() => document.querySelector('#data-svar').textContent.startsWith('HTTP 200'));
  check(true, 'en tilstand lagres og gjenopprettes');
  // Bad JSON Lines: 400 listing the line, nothing written.
  await page.fill('#data-linjer', 'ikke json');
  await page.click('#data-send');
  await page.waitForFunction(() => document.querySelector('#data-svar').textContent.startsWith('HTTP 400'));
  check((await page.textContent('#data-svar')).includes('linje 1'), 'ugyldige linjer gir 400 med linjenummer');

  // 9. Test-data search: organisations with open claims above 1 krone.
  await page.selectOption('#finn-type', 'organisasjon');
  await page.fill('#finn-aapne', '1');
  await page.click('#finn');
  await page.waitForSelector('#testdata-tabell tbody tr');
  const funn = await page.$$eval('#testdata-tabell tbody tr', (trs) => trs.map((tr) => [tr.children[1].textContent, Number(tr.children[3].textContent)]));
  check(funn.length > 0 && funn.every(([t, a]) => t === 'organisasjon' && a > 1), `søket finner ${funn.length} organisasjoner med åpne krav`);
  const scenarier = await page.$$eval('#scenario-tabell tbody tr', (trs) => trs.map((tr) => tr.children[0].textContent));
  check(scenarier.includes('319999000'), `scenariotabellen har ${scenarier.length} identifikatorer`);

  // 10. The ledger chart for a demo party with rows in 2023.
  await page.fill('#part', '212201782');
  await page.fill('#fra', '2023-01-01');
  await page.fill('#til', '2023-12-31');
  await page.click('#vis-reskontro');
  await page.waitForSelector('#tidslinje svg circle.hendelse');
  const circles = await page.$$eval('#tidslinje svg circle.hendelse', (cs) => cs.length);
  const ledgerRows = await page.$$eval('#reskontro-tabell tbody tr', (trs) => trs.map((tr) => tr.children[2].textContent));
  check(circles > 0 && circles === ledgerRows.length, `tidslinjen (SVG) har ${circles} hendelser, tabellen ${ledgerRows.length} rader`);
  check(['krav', 'innbetaling'].every((t) => ledgerRows.includes(t)), `reskontroen har krav og innbetalinger (${[...new Set(ledgerRows)].join(', ')})`);
  const box = await page.$eval('#tidslinje svg', (s) => { const r = s.getBoundingClientRect(); return { w: r.width, h: r.height }; });
  check(box.w > 500 && box.h > 100, `SVG-en har størrelse (${box.w}x${box.h})`);

  // Screenshots: the whole page, and the overview (everything above the reference docs).
  await page.screenshot({ path: join(out, 'portal-full.png'), fullPage: true });
  const top = await page.$eval('#prov', (s) => s.getBoundingClientRect().top + window.scrollY);

  await page.screenshot({ path: join(out, 'portal.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(top) } });
  await page.locator('#sandkasse').screenshot({ path: join(out, 'sandkasse.png') });
  console.log(`skjermbilder: ${join(out, 'portal.png')}, ${join(out, 'sandkasse.png')}, ${join(out, 'portal-full.png')}`);

  check(jsErrors.length === 0, `ingen JavaScript-feil${jsErrors.length ? ': ' + jsErrors.join('; ') : ''}`);
  check(foreign.length === 0, `ingen forespørsler utenfor serveren${foreign.length ? ': ' + foreign.slice(0, 3).join(', ') : ''}`);
} catch (e) {
  console.error(`FEIL ${e.stack ?? e}`);
  failures++;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `portal: ${failures} feil` : 'portal: alt i orden');
process.exit(failures ? 1 : 0);
