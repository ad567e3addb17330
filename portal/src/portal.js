// The portal's own script: the API list from /openapi/index.json, the try-it (Swagger UI from
// npm, served by the server itself, driven by each document's security schemes: a Maskinporten
// token and an AltinnSamtykke minted here in demo mode) and a ledger timeline drawn as plain SVG
// from krav og betalinger. sandkasse.js adds the control plane's pages.
'use strict';

const $ = (id) => document.getElementById(id);
const scopes = {
  restanser: 'skatteetaten:restanser', kravogbetalinger: 'skatteetaten:kravogbetalinger',
  trekkpaalegg: 'skatteetaten:trekkpaalegg', avregning: 'skatteetaten:avregning',
  hendelser: 'skatteetaten:avregning', sistetilgjengelige: 'skatteetaten:summertskattegrunnlag',
  'utleggsbegjaering-v1': 'skatteetaten:utleggsbegjaering', 'utleggsbegjaering-v2': 'skatteetaten:utleggsbegjaering',
  sandbox: 'skattedeling:admin',
};

async function mintToken(params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  const r = await fetch('/portal/token?' + q, { method: 'POST' });
  if (!r.ok) throw new Error(`token: HTTP ${r.status} (demomodus kreves)`);
  return (await r.json()).access_token;
}

async function loadApis() {
  const apis = await (await fetch('/openapi/index.json')).json();
  const tbody = $('api-liste').querySelector('tbody');
  for (const a of apis) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${a.title}</td><td>${a.version}</td><td><code>${a.server}</code></td>` +
      `<td class="status">…</td><td><a href="/openapi/${a.name}.json">${a.name}.json</a></td>`;
    tbody.appendChild(tr);
    // Status: the base URL answers (401 without a token means it is up).
    fetch(a.server.replace(/\/$/, '') + '/', { method: 'GET' }).then((r) => {
      tr.querySelector('.status').textContent = r.status < 500 ? 'oppe' : `feil ${r.status}`;
      tr.querySelector('.status').className = r.status < 500 ? 'status ok' : 'status feil';
    }).catch(() => { tr.querySelector('.status').textContent = 'nede'; });
    $('dokument').add(new Option(a.title, a.name));
    if (![...$('scope').options].some((o) => o.value === scopes[a.name])) {
      $('scope').add(new Option(scopes[a.name], scopes[a.name]));
    }
  }
  showDoc();
}

// ---- try-it: Swagger UI over the chosen document -------------------------------------------

let ui = null;
const authorized = {};  // security scheme -> token, applied again when another document loads

function authorize(scheme, token) {
  authorized[scheme] = token;
  if (ui) ui.preauthorizeApiKey(scheme, token);
}

let shown = '';
function showDoc() {
  const name = $('dokument').value;
  if (scopes[name]) $('scope').value = scopes[name];
  if (name === shown) return;
  shown = name;
  if (!window.SwaggerUIBundle) {
    $('swagger').textContent = 'Swagger UI er ikke bygget; se OpenAPI-lenkene over.';
    return;
  }
  ui = window.SwaggerUIBundle({
    url: `/openapi/${name}.json`,
    dom_id: '#swagger',
    validatorUrl: null,  // no calls to validator.swagger.io: everything stays on this server
    deepLinking: false,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    onComplete: () => {
      for (const [scheme, token] of Object.entries(authorized)) ui.preauthorizeApiKey(scheme, token);
    },
  });
}

$('token-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const token = await mintToken({
      scope: $('scope').value, consumer: $('consumer').value, supplier: $('supplier').value,
      systemuser_org: $('systemuser_org').value, samtykke_fra: $('samtykke_fra').value,
      samtykke_ressurs: $('samtykke_fra').value ? $('samtykke_ressurs').value : '',
    });
    $('token').value = token;
    authorize('maskinporten', token);
  } catch (err) { $('token').value = String(err); }
});

$('samtykke-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const token = await mintToken({
      type: 'altinnsamtykke', tjenester: $('tjenester').value, offered_by: $('offered_by').value,
      covered_by: $('covered_by').value,
    });
    $('samtykke-token').value = token;
    authorize('AltinnSamtykke', token);
  } catch (err) { $('samtykke-token').value = String(err); }
});

$('dokument').addEventListener('change', showDoc);

// ---- ledger view --------------------------------------------------------------------------

// For an ENK the owner's fødselsnummer is a party too (SPEC §3), so the same ids can appear twice
// with different Part; the table shows which.
async function ledger(part, fra, til) {
  const token = await mintToken({ scope: 'skatteetaten:kravogbetalinger', consumer: '974761076', systemuser_org: part });
  const get = async (ep) => {
    const r = await fetch(`/api/innkreving/kravogbetalinger/v1/regnskapssystem/${part}/${ep}?fraOgMed=${fra}&tilOgMed=${til}`,
      { headers: { Authorization: 'Bearer ' + token } });
    return r.ok ? r.json() : {};
  };
  const [krav, inn, utb] = await Promise.all([get('krav'), get('innbetalinger'), get('utbetalinger')]);
  const events = [];
  const tekst = (b) => b?.spraakTekst?.[0]?.tekst ?? '';
  for (const k of krav.krav ?? []) {
    events.push({ dato: k.opprettelsesdatoForKrav, part: k.partIdentifikator, type: 'krav', id: k.kravidentifikator, beloep: k.opprinneligBeloep, tekst: tekst(k.kravbeskrivelse) });
    for (const f of k.kravforfall ?? []) {
      events.push({ dato: f.forfallsdato, part: k.partIdentifikator, type: 'forfall', id: f.kravforfallsIdentifikator, beloep: f.opprinneligBeloep, tekst: `forfall, gjenstår ${f.gjenstaaendeBeloep}` });
      for (const p of f.plassertInnbetaling ?? []) {
        events.push({ dato: p.plassertDato, part: k.partIdentifikator, type: 'plassering', id: p.innbetalingsIdentifikator, beloep: p.plassertBeloep, tekst: `plassert mot ${k.kravidentifikator}` });
      }
    }
  }
  for (const i of inn.innbetaling ?? []) events.push({ dato: i.innbetalingsdato, part: i.partIdentifikator, type: 'innbetaling', id: i.innbetalingsidentifikator, beloep: i.innbetaltBeloep, tekst: i.innbetalingstype ?? '' });
  for (const u of utb.utbetaling ?? []) events.push({ dato: u.utbetaltdato, part: u.partIdentifikator, type: 'utbetaling', id: u.utbetalingsidentifikator, beloep: u.utbetaltBeloep, tekst: u.utbetalingstatus ?? '' });
  events.sort((a, b) => a.dato.localeCompare(b.dato));
  return events.filter((e) => e.dato);
}

const colours = { krav: '#1b3a57', forfall: '#b54708', innbetaling: '#1a7f37', plassering: '#6941c6', utbetaling: '#b42318' };
const lanes = Object.keys(colours);

function drawTimeline(events, fra, til) {
  const w = 900, h = 40 + lanes.length * 40, left = 110, right = 20;
  const t0 = Date.parse(fra), t1 = Date.parse(til);
  const x = (d) => left + ((Date.parse(d) - t0) / Math.max(1, t1 - t0)) * (w - left - right);
  const max = Math.max(1, ...events.map((e) => Math.abs(e.beloep)));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', w); svg.setAttribute('height', h); svg.setAttribute('id', 'tidslinje-svg');
  const el = (name, attrs, text) => {
    const n = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text) n.textContent = text;
    svg.appendChild(n);
    return n;
  };
  lanes.forEach((l, i) => {
    const y = 30 + i * 40;
    el('text', { x: 5, y: y + 4, 'font-size': 12 }, l);
    el('line', { x1: left, x2: w - right, y1: y, y2: y, stroke: '#ddd' });
  });
  for (let m = new Date(t0); m <= t1; m.setMonth(m.getMonth() + 1)) {
    const xm = x(m.toISOString().slice(0, 10));
    el('text', { x: xm, y: h - 5, 'font-size': 10, fill: '#666' }, m.toISOString().slice(0, 7));
  }
  for (const e of events) {
    const y = 30 + lanes.indexOf(e.type) * 40;
    const c = el('circle', { cx: x(e.dato), cy: y, r: 4 + 10 * Math.sqrt(Math.abs(e.beloep) / max), fill: colours[e.type], 'fill-opacity': 0.7, class: 'hendelse' });
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${e.dato} ${e.type} ${e.id}: ${e.beloep}`;
    c.appendChild(title);
  }
  $('tidslinje').replaceChildren(svg);
}

$('reskontro-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  const events = await ledger($('part').value, $('fra').value, $('til').value);
  drawTimeline(events, $('fra').value, $('til').value);
  const tbody = $('reskontro-tabell').querySelector('tbody');
  tbody.replaceChildren(...events.map((ev) => {
    const tr = document.createElement('tr');
    for (const v of [ev.dato, ev.part ?? '', ev.type, ev.id, ev.beloep, ev.tekst]) tr.appendChild(Object.assign(document.createElement('td'), { textContent: v }));
    return tr;
  }));
});

loadApis();
