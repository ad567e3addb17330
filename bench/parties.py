#!/usr/bin/env python3
"""Helpers of bench/run.sh for the random-party, write-stream and first-touch scenarios.

  pick      N random organisations that have krav in a generated SQLite ledger (seeded)
  fetch     each party's answer from our server, once: kept as a static file at the same path
            (for nginx) and as a line "path<TAB>Authorization value" of a URL list (bench/urls.lua)
  new-orgs  MOD11-valid organisation numbers the ledger does not know (sandbox first touch)
  stream    POST innbetaling lines to /sandbox/v1/data at a steady rate; prints what it achieved
  touches   the server's own time for each first touch (from its access log), overall and by the
            size of the party made (claims in the ledger)
"""
import argparse
import http.client
import json
import os
import random
import sqlite3
import sys
import time


def pick(a):
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    orgs = [r[0] for r in db.execute(
        "SELECT DISTINCT part FROM krav WHERE length(part) = 9 ORDER BY part")]
    rng = random.Random(a.seed)
    rng.shuffle(orgs)
    # More than asked for: parties whose answer is not 200 are left out by `fetch`.
    for o in orgs[: a.n * 3]:
        print(o)


def fetch(a):
    host, port = a.base.split("://", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    parties = [l.strip() for l in open(a.parties) if l.strip()]
    kept, skipped, total_bytes = [], {}, 0
    for org in parties:
        if len(kept) >= a.n:
            break
        path = a.path.replace("{org}", org)
        conn.request("GET", path, headers={"Authorization": f"Bearer {a.token}"})
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            skipped[r.status] = skipped.get(r.status, 0) + 1
            continue
        file_path = os.path.join(a.www, path.split("?", 1)[0].lstrip("/"))
        os.makedirs(os.path.dirname(file_path), exist_ok=True)
        with open(file_path, "wb") as f:
            f.write(body)
        kept.append(path)
        total_bytes += len(body)
    with open(a.out, "w") as f:
        for p in kept:
            f.write(f"{p}\tBearer {a.token}\n")
    sizes = f"{total_bytes / max(len(kept), 1):,.0f} bytes per answer on average"
    left = ", ".join(f"{n} answered {s}" for s, n in sorted(skipped.items()))
    print(f"{len(kept)} parties, {sizes}" + (f"; left out: {left}" if left else ""))
    if len(kept) < a.n:
        sys.exit(f"only {len(kept)} of {a.n} parties answered 200")


def mod11_org(first8):
    s = sum(int(d) * w for d, w in zip(first8, (3, 2, 7, 6, 5, 4, 3, 2)))
    r = 11 - s % 11
    return None if r == 10 else first8 + str(0 if r == 11 else r)


def new_orgs(a):
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    known = {r[0] for r in db.execute("SELECT identifikator FROM part WHERE length(identifikator) = 9")}
    rng = random.Random(a.seed)
    seen, out = set(), []
    while len(out) < a.n:
        # 8xx xxx xxx and 9xx xxx xxx like real organisation numbers; the generator's own
        # parties and the scenario identifiers (3199990xx) lie below.
        o = mod11_org(str(rng.randrange(80000000, 100000000)))
        if o is None or o in known or o in seen:
            continue
        seen.add(o)
        out.append(o)
    with open(a.out, "w") as f:
        for o in out:
            f.write(a.path.replace("{org}", o) + (f"\tBearer {a.token}" if a.token else "") + "\n")


def stream(a):
    """Writes `rate` innbetaling lines a second, `batch` lines to a POST, for `duration` seconds."""
    host, port = a.base.split("://", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    parties = [l.strip() for l in open(a.parties) if l.strip()]
    rng = random.Random(7)
    interval = a.batch / a.rate
    start = time.monotonic()
    next_at = start
    n = lines = failed = 0
    lat = []
    while True:
        now = time.monotonic()
        if now - start >= a.duration:
            break
        if now < next_at:
            time.sleep(next_at - now)
        body = []
        for _ in range(a.batch):
            n += 1
            body.append(json.dumps({
                "type": "innbetaling", "part": rng.choice(parties),
                "innbetalingsidentifikator": f"bench-{a.nonce}-{n}",
                "innbetalingsdato": a.date, "beloep_oere": rng.randrange(10000, 5000000),
                "innbetalingstype": "bank"}))
        t0 = time.monotonic()
        conn.request("POST", "/sandbox/v1/data", body="\n".join(body) + "\n",
                     headers={"Authorization": f"Bearer {a.token}", "Content-Type": "application/x-ndjson"})
        r = conn.getresponse()
        text = r.read()
        lat.append((time.monotonic() - t0) * 1000)
        if 200 <= r.status < 300:
            lines += a.batch
        else:
            failed += 1
            if failed == 1:
                print(f"first failure {r.status}: {text[:300]!r}", file=sys.stderr)
        next_at += interval
    took = time.monotonic() - start
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] if lat else 0.0
    json.dump({"linjer": lines, "sekunder": took, "per_sekund": lines / took, "poster": len(lat),
               "feilet": failed, "p50_ms": q(0.50), "p99_ms": q(0.99), "maal": a.rate},
              open(a.out, "w"))


def touches(a):
    """The server's own time for each first touch of a URL list (the access log's varighet_us),
    overall and by the size of the party made (its claims): typical parties and the long tail."""
    wanted = {l.split("\t")[0].strip() for l in open(a.urls) if l.strip()}
    took = {}
    for line in open(a.log):
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if e.get("sti") in wanted and e.get("status") == 200 and e["sti"] not in took:
            took[e["sti"]] = e["varighet_us"] / 1000
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    orgs = [p.rsplit("/", 1)[-1] for p in took]
    size = {}
    for i in range(0, len(orgs), 500):
        chunk = orgs[i:i + 500]
        size.update(db.execute(
            f"SELECT part, count(*) FROM krav WHERE part IN ({','.join('?' * len(chunk))}) GROUP BY part",
            chunk).fetchall())

    def stats(ms):
        ms = sorted(ms)
        q = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))] if ms else 0.0
        return {"n": len(ms), "p50_ms": q(0.50), "p90_ms": q(0.90), "p99_ms": q(0.99)}

    by = [(size.get(p.rsplit("/", 1)[-1], 0), ms) for p, ms in took.items()]
    json.dump({"typisk_grense": a.typical, "alle": stats([ms for _, ms in by]),
               "typiske": stats([ms for n, ms in by if n <= a.typical]),
               "lang_hale": stats([ms for n, ms in by if n > a.typical])}, open(a.out, "w"))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("pick"); s.add_argument("--db"); s.add_argument("--n", type=int); s.add_argument("--seed", type=int, default=42)
    s = sub.add_parser("fetch")
    for k in ("--base", "--token", "--path", "--parties", "--www", "--out"): s.add_argument(k)
    s.add_argument("--n", type=int)
    s = sub.add_parser("new-orgs")
    for k in ("--db", "--token", "--path", "--out"): s.add_argument(k)
    s.add_argument("--n", type=int); s.add_argument("--seed", type=int, default=42)
    s = sub.add_parser("stream")
    for k in ("--base", "--token", "--parties", "--nonce", "--date", "--out"): s.add_argument(k)
    s.add_argument("--rate", type=float); s.add_argument("--batch", type=int); s.add_argument("--duration", type=float)
    s = sub.add_parser("touches")
    for k in ("--log", "--urls", "--db", "--out"): s.add_argument(k)
    s.add_argument("--typical", type=int, default=10)
    a = p.parse_args()
    {"pick": pick, "fetch": fetch, "new-orgs": new_orgs, "stream": stream, "touches": touches}[a.cmd](a)


if __name__ == "__main__":
    main()
