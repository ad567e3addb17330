// The sandbox pages of the portal: the control plane (/sandbox/v1, docs/openapi/sandbox.json)
// driven from the browser — the data's clock, the request journal (live), fault rules, data,
// reset and named states, the test-data search and the scenario identifiers. In demo mode the
// admin token is minted here; otherwise paste one (`skattedeling token --scope skattedeling:admin`).
'use strict';

let adminToken = '';

async function admin(method, path, body, contentType = 'application/json') {
  if (!$('admin-token').value) {
    try {
      $('admin-token').value = await mintToken({ scope: 'skattedeling:admin', consumer: '974761076' });
    } catch { /* not demo mode: the field stays empty and the call answers 401 */ }
  }
  adminToken = $('admin-token').value;
  const headers = { Accept: 'application/json' };
  if (adminToken) headers.Authorization = 'Bearer ' + adminToken;
  if (body !== undefined) headers['Content-Type'] = contentType;
  const r = await fetch('/sandbox/v1' + path, {
    method, headers, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* shown as text */ }
  return { status: r.status, json, text };
}

// A problem body or any other answer, readable in one <pre>.
function vis(id, svar) {
  const body = svar.json ? JSON.stringify(svar.json, null, 2) : svar.text;
  $(id).textContent = `HTTP ${svar.status}\n${body}`;
}

function rad(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    if (c instanceof Node) td.appendChild(c); else td.textContent = c ?? '';
    tr.appendChild(td);
  }
  return tr;
}

function knapp(tekst, klasse, handling) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: tekst, className: klasse });
  b.addEventListener('click', handling);
  return b;
}

// ---- clock ----------------------------------------------------------------------------------

async function visKlokke() {
  const s = await admin('GET', '/klokke');
  if (s.status !== 200) { vis('klokke-svar', s); return s.status; }
  $('klokke-naa').textContent = s.json.naa;
  $('klokke-idag').textContent = s.json.iDag;
  $('klokke-frossen').textContent = s.json.frossen ? 'står stille' : 'går';
  return 200;
}

$('klokke-frem-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {};
  if (Number($('frem-dager').value)) body.dager = Number($('frem-dager').value);
  if (Number($('frem-timer').value)) body.timer = Number($('frem-timer').value);
  const s = await admin('POST', '/klokke/frem', body);
  vis('klokke-svar', s);
  await visKlokke();
});

$('klokke-sett-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  const s = await admin('PUT', '/klokke', { naa: $('klokke-ny').value, frossen: $('klokke-ny-frossen').checked });
  vis('klokke-svar', s);
  await visKlokke();
});

// ---- journal --------------------------------------------------------------------------------

function journalFilter() {
  const q = new URLSearchParams();
  for (const k of ['api', 'status', 'konsument', 'korrelasjonsid']) {
    const v = $('journal-' + k).value.trim();
    if (v) q.set(k, v);
  }
  return q.toString() ? '?' + q : '';
}

let sisteNr = -1;
async function visJournal() {
  const filter = journalFilter();
  const [s, antall] = await Promise.all([admin('GET', '/journal' + filter), admin('GET', '/journal/antall' + filter)]);
  if (s.status !== 200) { $('journal-antall').textContent = `HTTP ${s.status}: ${s.json?.detail ?? s.text}`; return; }
  $('journal-antall').textContent = `${antall.json?.antall ?? '?'} kall i journalen (nyeste først)`;
  const poster = s.json.poster ?? [];
  const topp = poster.length ? poster[0].nr : 0;
  if (topp === sisteNr && $('journal-tabell').tBodies[0].rows.length === poster.length) return;
  sisteNr = topp;
  $('journal-tabell').tBodies[0].replaceChildren(...poster.map((p) => {
    const tr = rad([p.nr, p.tid, p.metode, p.sti, p.status, p.api, p.konsument, p.beslutning, p.varighetMs]);
    tr.dataset.korrelasjonsid = p.korrelasjonsid ?? '';
    tr.addEventListener('click', () => { $('journal-detalj').textContent = JSON.stringify(p, null, 2); });
    return tr;
  }));
}

$('journal-skjema').addEventListener('submit', (e) => { e.preventDefault(); sisteNr = -1; visJournal(); });
$('journal-tom').addEventListener('click', async () => { await admin('DELETE', '/journal'); sisteNr = -1; visJournal(); });

// Live: the journal and the clock are read again every second while the box is ticked and the
// page is shown (a try-it call or another client moving the clock shows up by itself).
setInterval(() => {
  if ($('journal-live').checked && !document.hidden && adminToken !== null) {
    visJournal().catch(() => {});
    visKlokke().catch(() => {});
  }
}, 1000);

// ---- faults ---------------------------------------------------------------------------------

async function visFeil() {
  const s = await admin('GET', '/feil');
  if (s.status !== 200) return;
  $('feil-tabell').tBodies[0].replaceChildren(...(s.json.regler ?? []).map((r) => {
    const treff = [r.api && `api ${r.api}`, r.metode, r.sti && `sti ${r.sti}`, r.part && `part ${r.part}`].filter(Boolean).join(', ') || 'alle';
    const gjor = [r.status && `status ${r.status}${r.kode ? ' ' + r.kode : ''}`, r.forsinkelseMs && `+${r.forsinkelseMs} ms`,
      r.jitterMs && `±${r.jitterMs} ms`, r.bryt && 'bryter', r.avkort && 'avkorter'].filter(Boolean).join(', ');
    const igjen = r.antall !== undefined ? `${r.antall - (r.brukt ?? 0)} av ${r.antall}` : `andel ${r.andel}`;
    return rad([r.id, treff, gjor, igjen, knapp('Fjern', 'feil-fjern', async () => { vis('feil-svar', await admin('DELETE', `/feil/${r.id}`)); visFeil(); })]);
  }));
}

$('feil-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  const regel = {};
  const tekst = { api: 'feil-api', sti: 'feil-sti', part: 'feil-part', kode: 'feil-kode' };
  for (const [k, id] of Object.entries(tekst)) if ($(id).value.trim()) regel[k] = $(id).value.trim();
  const tall = { status: 'feil-status', forsinkelseMs: 'feil-forsinkelse', jitterMs: 'feil-jitter', antall: 'feil-antall', andel: 'feil-andel' };
  for (const [k, id] of Object.entries(tall)) if ($(id).value !== '') regel[k] = Number($(id).value);
  if (regel.andel !== undefined) delete regel.antall;
  if ($('feil-bryt').checked) regel.bryt = true;
  if ($('feil-avkort').checked) regel.avkort = true;
  vis('feil-svar', await admin('POST', '/feil', regel));
  visFeil();
});

$('feil-fjern-alle').addEventListener('click', async () => { vis('feil-svar', await admin('DELETE', '/feil')); visFeil(); });

// ---- data, reset and named states ----------------------------------------------------------

async function visTilstander() {
  const s = await admin('GET', '/tilstander');
  if (s.status !== 200) return;
  $('tilstand-tabell').tBodies[0].replaceChildren(...(s.json.tilstander ?? []).map((t) => rad([t.navn, t.lagret, t.rader,
    knapp('Gjenopprett', 'tilstand-gjenopprett', async () => { vis('data-svar', await admin('POST', `/tilstander/${encodeURIComponent(t.navn)}/gjenopprett`)); }),
    knapp('Slett', 'tilstand-slett', async () => { vis('data-svar', await admin('DELETE', `/tilstander/${encodeURIComponent(t.navn)}`)); visTilstander(); }),
  ])));
}

$('data-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  vis('data-svar', await admin('POST', '/data', $('data-linjer').value, 'application/x-ndjson'));
});
$('data-reset').addEventListener('click', async () => { vis('data-svar', await admin('POST', '/reset')); visKlokke(); });
$('tilstand-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  vis('data-svar', await admin('PUT', `/tilstander/${encodeURIComponent($('tilstand-navn').value)}`));
  visTilstander();
});

// ---- test data and scenarios ----------------------------------------------------------------

$('testdata-skjema').addEventListener('submit', async (e) => {
  e.preventDefault();
  const q = new URLSearchParams();
  const felt = { type: 'finn-type', aapneKravOver: 'finn-aapne', oppgjoerAar: 'finn-aar', scenario: 'finn-scenario', antall: 'finn-antall' };
  for (const [k, id] of Object.entries(felt)) if ($(id).value.trim()) q.set(k, $(id).value.trim());
  for (const [k, id] of Object.entries({ forfaltMva: 'finn-mva', aktiveTrekk: 'finn-trekk', skjermet: 'finn-skjermet' })) {
    if ($(id).checked) q.set(k, 'true');
  }
  const s = await admin('GET', '/parter?' + q);
  const tbody = $('testdata-tabell').tBodies[0];
  if (s.status !== 200) { tbody.replaceChildren(rad([`HTTP ${s.status}: ${s.json?.detail ?? s.text}`])); return; }
  tbody.replaceChildren(...(s.json.parter ?? []).map((p) => rad([p.identifikator, p.type, p.navn, p.aapneKrav,
    p.forfaltOgUbetalt, p.aktiveTrekkpaalegg, p.skjerming, p.scenario])));
});

async function visScenarier() {
  const s = await admin('GET', '/scenarier');
  if (s.status !== 200) return;
  $('scenario-tabell').tBodies[0].replaceChildren(...(s.json.scenarier ?? []).map((x) => rad([x.identifikator, x.scenario, x.beskrivelse])));
}

async function fyllFeilApi() {
  const apis = await (await fetch('/openapi/index.json')).json();
  // A rule names the server's API module: both utleggsbegjæring versions are one module.
  const moduler = new Set(apis.filter((a) => a.name !== 'sandbox').map((a) => a.name.replace(/-v\d+$/, '')));
  for (const m of moduler) $('feil-api').add(new Option(m, m));
}

// The control plane is there in sandbox mode only; elsewhere the section says so.
(async () => {
  fyllFeilApi();
  const status = await visKlokke();
  if (status === 404) {
    $('admin-status').textContent = 'Kontrollplanet er av (serveren kjører ikke i sandkassemodus).';
    adminToken = null;
    return;
  }
  if (status !== 200) {
    $('admin-status').textContent = `Kontrollplanet svarte ${status}: lim inn et admin-token.`;
    return;
  }
  await Promise.all([visJournal(), visFeil(), visTilstander(), visScenarier()]);
})();
