// Browser test of the developer portal (run by run.sh, which starts the server): the API list,
// a token minted through the form, a try-it call, the ledger chart, and Redoc. A plain node
// script over playwright-core with Debian's chromium, so no browser or test runner is downloaded.
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
  // are aborted, so the test stays hermetic. The one exception is Redoc's attribution logo in
  // its sidebar footer (no option turns it off); without the network it is simply not shown.
  const foreign = [];
  const allowedMissing = ['https://cdn.redoc.ly/redoc/logo-mini.svg'];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    if (!allowedMissing.includes(url)) foreign.push(url);
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

  // Redoc renders the first document (served from our own assets, no CDN).
  await page.waitForSelector('#redoc h1', { timeout: 60_000 });
  check((await page.textContent('#redoc h1')).includes(apis[0].title), 'Redoc viser referansedokumentasjonen');

  // 2. A token is minted through the form (demo mode only).
  await page.selectOption('#scope', 'skatteetaten:restanser');
  await page.click('#lag-token');
  await page.waitForFunction(() => document.querySelector('#token').value !== '');
  const token = await page.inputValue('#token');
  check(/^ey[\w-]+\.[\w-]+\.[\w-]+$/.test(token), 'skjemaet lager et JWT');

  // 3. Try-it: the default restanser call returns 200 with the party asked about.
  await page.fill('#sti', '/api/innkreving/restanser/v2/dibk/310111643');
  await page.click('#send');
  await page.waitForFunction(() => document.querySelector('#svar-status').textContent !== '');
  const svarStatus = await page.textContent('#svar-status');
  check(svarStatus.startsWith('HTTP 200'), `prøv-kallet gir 200 (${svarStatus})`);
  let svar = {};
  try { svar = JSON.parse(await page.textContent('#svar')); } catch { /* checked below */ }
  check(svar.forespurteOrganisasjon === '310111643' && svar.restanser?.restskatt !== undefined,
    'svaret er restansene for 310111643');

  // 4. The ledger chart for a demo party with rows in 2023.
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
  const top = await page.$eval('#referanse', (s) => s.getBoundingClientRect().top + window.scrollY);
  // Redoc's sticky sidebar would float into the clip, so the reference section is hidden for it.
  await page.$eval('#referanse', (s) => { s.style.display = 'none'; });
  await page.screenshot({ path: join(out, 'portal.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(top) } });
  await page.$eval('#referanse', (s) => { s.style.display = ''; });
  console.log(`skjermbilder: ${join(out, 'portal.png')}, ${join(out, 'portal-full.png')}`);

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
