// Checks docs/openapi against the server: validates recorded e2e responses (and the documents'
// own examples) with ajv, draft 2020-12 as OAS 3.1 prescribes. Usage:
//   node openapi-check.mjs recorded <docsdir> <recorddir>   every JSON response of the e2e suites
//   node openapi-check.mjs examples <docsdir>               every example in the documents
//   node openapi-check.mjs selftest <docsdir>               a wrong field in a fixture must fail
//   node openapi-check.mjs uptodate <docsdir>               the JSON equals generate.mjs's output
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));

export function loadDocs(dir) {
  const docs = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    doc.$id = `https://skattedeling.local/openapi/${f}`;
    docs.push({ file: f, doc, servers: doc.servers.map(parseServer) });
  }
  if (docs.length === 0) throw new Error(`ingen OpenAPI-dokumenter i ${dir}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const d of docs) ajv.addSchema(d.doc);
  return { docs, ajv };
}

function parseServer(s) {
  if (s.url.startsWith('/')) return { label: null, base: s.url.replace(/\/$/, '') };
  const u = new URL(s.url);
  return { label: u.hostname.split('.')[0], base: u.pathname.replace(/\/$/, '') };
}

const pointer = (...parts) => '#/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// The path template of doc that matches rest best (most literal segments), or null.
function matchTemplate(doc, rest) {
  const segs = rest.split('/');
  let hit = null;
  for (const tpl of Object.keys(doc.paths)) {
    const t = tpl.split('/');
    if (t.length !== segs.length) continue;
    let literal = 0;
    const ok = t.every((p, i) => (p.startsWith('{') ? segs[i] !== '' : (literal++, p === segs[i])));
    if (ok && (!hit || literal > hit.literal)) hit = { tpl, literal };
  }
  return hit;
}

// The document, path template and operation a recorded request belongs to, as the router would:
// by virtual host (a custom Host header), else by the path-based base URL, else (SPEC §1.1, a
// local server also answers the hosts' paths, e.g. /v2/ssb/...) by the hosts' base paths when
// exactly one document has the best matching template; an ambiguous request is not checked.
export function route(ctx, rec) {
  const host = (rec.host || '').toLowerCase().replace(/:\d+$/, '');
  const custom = host !== '' && host !== 'localhost' && !/^[0-9.]+$/.test(host);
  const label = custom ? host.split('.')[0] : null;
  let path = rec.target.split('?')[0];
  if (path.length > 1) path = path.replace(/\/+$/, '');
  const under = (base) => path === base || path.startsWith(base + '/');
  // Longest base first; documents sharing a base (utleggsbegjaering v1 and v2) are told apart
  // by their templates, and with no template hit the longest base's document owns the error.
  const matching = [];
  for (const d of ctx.docs) {
    for (const s of d.servers) if (s.label === label && under(s.base)) matching.push({ d, base: s.base });
  }
  matching.sort((a, b) => b.base.length - a.base.length);
  let best = matching[0] ?? null;
  let hit = null;
  for (const m of matching) {
    if (hit && m.base.length < best.base.length) break;  // a longer base already matched
    const h = matchTemplate(m.d.doc, path.slice(m.base.length) || '/');
    if (h && (!hit || h.literal > hit.literal)) {
      best = m;
      hit = h;
    }
  }
  if (!best && label === null) {
    const candidates = [];
    for (const d of ctx.docs) {
      const bases = new Set(d.servers.filter((s) => s.label !== null && under(s.base)).map((s) => s.base));
      for (const base of bases) {
        const h = matchTemplate(d.doc, path.slice(base.length) || '/');
        if (h) candidates.push({ d, base, hit: h });
      }
    }
    const top = Math.max(-1, ...candidates.map((c) => c.hit.literal));
    const winners = candidates.filter((c) => c.hit.literal === top);
    if (winners.length !== 1 || new Set(winners.map((c) => c.d)).size !== 1) return null;
    best = winners[0];
    hit = winners[0].hit;
  }
  if (!best) return null;
  const method = rec.method.toLowerCase();
  const op = hit && best.d.doc.paths[hit.tpl][method];
  return { d: best.d, tpl: hit?.tpl, method, op };
}

function mediaKey(contentType) {
  return (contentType || '').split(';')[0].trim().toLowerCase();
}

// Returns {status: 'ok'|'skip'|'fail', why}.
export function checkRecord(ctx, rec) {
  const r = route(ctx, rec);
  if (!r) return { status: 'skip', why: 'ingen API (ops, DAS eller rå protokoll)' };
  const media = mediaKey(rec.content_type);
  const isJson = media === 'application/json' || media === 'application/problem+json';
  if (!isJson) return { status: 'skip', why: media ? `ikke JSON (${media})` : 'ingen kropp' };
  const id = r.d.doc.$id;
  let schemaRef;
  let where;
  if (r.op) {
    const responses = r.op.responses;
    const key = responses[String(rec.status)] ? String(rec.status) : 'default';
    const resp = responses[key];
    if (!resp) return { status: 'fail', why: `${r.d.file} ${r.method.toUpperCase()} ${r.tpl}: status ${rec.status} er ikke dokumentert` };
    if (!resp.content?.[media]) {
      return { status: 'fail', why: `${r.d.file} ${r.method.toUpperCase()} ${r.tpl} ${key}: ${media} er ikke dokumentert` };
    }
    schemaRef = id + pointer('paths', r.tpl, r.method, 'responses', key, 'content', media, 'schema');
    where = `${r.d.file} ${r.method.toUpperCase()} ${r.tpl} ${key}`;
  } else {
    // Unknown URL or method under the API's base: must be the API's own error body.
    if (rec.status < 400) return { status: 'fail', why: `${r.d.file}: ${rec.method} ${rec.target} gav ${rec.status} uten dokumentert operasjon` };
    // Feil ({kode, melding}) for application/json; utleggsbegjaering's own errors are problem+json.
    const schemas = r.d.doc.components.schemas;
    const name = schemas.ProblemDetail && (media === 'application/problem+json' || !schemas.Feil) ? 'ProblemDetail' : 'Feil';
    schemaRef = id + pointer('components', 'schemas', name);
    where = `${r.d.file} (udokumentert sti) ${name}`;
  }
  let body;
  try {
    body = JSON.parse(rec.body);
  } catch {
    return { status: 'fail', why: `${where}: kroppen er ikke gyldig JSON` };
  }
  const validate = ctx.ajv.getSchema(schemaRef) ?? ctx.ajv.compile({ $ref: schemaRef });
  if (validate(body)) return { status: 'ok', where };
  const errs = validate.errors.slice(0, 5).map((e) =>
    `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  return { status: 'fail', why: `${where}: ${errs.join('; ')}` };
}

export function checkRecords(ctx, lines, label) {
  const counts = { ok: 0, skip: 0, fail: 0 };
  const per = {};
  const failures = [];
  for (const rec of lines) {
    const res = checkRecord(ctx, rec);
    counts[res.status]++;
    if (res.status === 'ok') per[res.where] = (per[res.where] ?? 0) + 1;
    if (res.status === 'fail') {
      const target = rec.target.length > 120 ? `${rec.target.slice(0, 120)}…(${rec.target.length} tegn)` : rec.target;
      failures.push(`${rec.method} ${target} -> ${rec.status}: ${res.why.replaceAll(rec.target, target)}`);
    }
  }
  const uniq = [...new Set(failures)];
  for (const f of uniq.slice(0, 40)) console.error('FEIL ' + f);
  console.log(`${label}: ${lines.length} svar, ${counts.ok} validert mot dokumentene, ${counts.skip} hoppet over ` +
    `(XML, uten kropp eller utenfor API-ene), ${counts.fail} feil; ${Object.keys(per).length} ulike operasjon/status-par dekket`);
  return { counts, failures: uniq, per };
}

function readRecorded(dir) {
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    files = [];
  }
  const lines = [];
  for (const f of files) {
    for (const l of readFileSync(join(dir, f), 'utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  }
  return lines;
}

function examples(ctx) {
  let n = 0;
  const failures = [];
  for (const d of ctx.docs) {
    for (const [tpl, item] of Object.entries(d.doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, resp] of Object.entries(op.responses ?? {})) {
          for (const [media, m] of Object.entries(resp.content ?? {})) {
            if (m.example === undefined) continue;
            n++;
            const sref = d.doc.$id + pointer('paths', tpl, method, 'responses', status, 'content', media, 'schema');
            const v = ctx.ajv.compile({ $ref: sref });
            if (!v(m.example)) failures.push(`${d.file} ${method} ${tpl} ${status}: ${ctx.ajv.errorsText(v.errors)}`);
          }
        }
      }
    }
  }
  for (const f of failures) console.error('FEIL eksempel ' + f);
  console.log(`eksempler: ${n} validert, ${failures.length} feil`);
  return n > 0 && failures.length === 0;
}

function selftest(ctx) {
  const good = readRecorded(join(here, 'fixtures/good'));
  const bad = readRecorded(join(here, 'fixtures/wrong-field'));
  const g = checkRecords(ctx, good, 'fixtures/good');
  const b = checkRecords(ctx, bad, 'fixtures/wrong-field');
  const okGood = good.length > 0 && g.counts.fail === 0 && g.counts.ok === good.length;
  // Every line of the wrong-field fixture must fail, each for the field it breaks.
  const okBad = bad.length > 0 && b.counts.fail === bad.length &&
    bad.every((rec) => b.failures.some((f) => f.startsWith(`${rec.method} ${rec.target} `) && f.includes(rec.expect)));
  console.log(`selvtest: gode svar ${okGood ? 'består' : 'FEILER'}, feilaktige felt ${okBad ? 'avvises' : 'GÅR GJENNOM'}`);
  return okGood && okBad;
}

function uptodate(dir) {
  const tmp = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    execFileSync(process.execPath, [join(dir, 'generate.mjs'), tmp]);
    const stale = readdirSync(tmp).filter((f) => readFileSync(join(tmp, f), 'utf8') !== readFileSync(join(dir, f), 'utf8'));
    if (stale.length) console.error(`utdatert: ${stale.join(', ')}; kjør node docs/openapi/generate.mjs`);
    else console.log(`dokumentene er i takt med generate.mjs (${readdirSync(tmp).length} filer)`);
    return stale.length === 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, docsdir, recdir] = process.argv.slice(2);
  const ctx = loadDocs(docsdir);
  let ok = false;
  if (cmd === 'recorded') {
    const lines = readRecorded(recdir);
    if (lines.length === 0) {
      console.error(`ingen opptak i ${recdir}: kjørte e2e-testene med SKD_RECORD_RESPONSES?`);
    } else {
      const { counts, per } = checkRecords(ctx, lines, recdir);
      // Robust against a hook that silently stops recording, or a suite that stops running:
      // every document must have validated responses, and a success and an error among them.
      const uncovered = [];
      for (const d of ctx.docs) {
        const keys = Object.keys(per).filter((k) => k.startsWith(d.file + ' '));
        const n = keys.reduce((a, k) => a + per[k], 0);
        const success = keys.some((k) => / 2\d\d$/.test(k));
        const error = keys.some((k) => !/ 2\d\d$/.test(k));
        console.log(`  ${d.file}: ${n} svar validert, ${keys.length} operasjon/status-par`);
        if (!success || !error) uncovered.push(d.file);
      }
      if (uncovered.length) console.error(`uten både vellykket svar og feilsvar fra e2e: ${uncovered.join(', ')}`);
      if (counts.ok < 50) console.error(`for få validerte svar (${counts.ok} < 50)`);
      ok = counts.fail === 0 && counts.ok >= 50 && uncovered.length === 0;
    }
  } else if (cmd === 'examples') ok = examples(ctx);
  else if (cmd === 'selftest') ok = selftest(ctx);
  else if (cmd === 'uptodate') ok = uptodate(docsdir);
  else console.error('bruk: openapi-check.mjs recorded|examples|selftest|uptodate <docsdir> [recorddir]');
  process.exit(ok ? 0 : 1);
}
