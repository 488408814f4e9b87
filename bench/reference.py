#!/usr/bin/env python3
"""Independent reference implementation of pm-rank's default scoring, for the
fixtures in /work/main/fixtures/. Reads the files with Python's csv module and
implements the aggregation and scoring rules from scratch.

Usage: python3 bench/reference.py [OUT.json]  -> prints markdown tables (+ writes OUT.json)
       python3 bench/reference.py --csv PATH [N] -> JSON top N (default 20) of a bench/generate.js export
"""
import csv, json, math, os, re, sys

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
PLACEHOLDERS = {"", "n/a", "tbd", "-"}
RATES = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}

# ---- default model (scoring.example.yaml) ----
M = 2_000_000
W = {"deal_value": 40, "segment_fit": 20, "alignment": 30, "effort": 10}
SEG_MAP = {"enterprise": 1.0, "mid-market": 0.7, "smb": 0.4, "startup": 0.2}
SEG_DEFAULT, SEG_MISSING = 0.3, 0.3
ALIGN_MIN, ALIGN_MAX, ALIGN_MISSING = 1.0, 5.0, 0.5
EFF_MAP = {"xs": 1.0, "s": 0.8, "m": 0.5, "l": 0.25, "xl": 0.0}
EFF_MISSING = 0.5  # no default: an unknown effort value is a fixture bug here
HORIZONS = [("Now", 75.0), ("Next", 60.0), ("Later", None)]

FILES = {
    "requests.csv": dict(encoding="utf-8-sig", delimiter=",", decimal=".",
        cols=dict(id="Request ID", title="Feature Request", account="Account Name",
                  deal_value="Amount", segment="Segment", alignment="Strategic Alignment",
                  effort="Effort")),
    "hubspot-deals.csv": dict(encoding="utf-8", delimiter=",", decimal=".",
        cols=dict(id=None, title="Feature Request", account="Company name",
                  deal_value="Amount", segment="Customer Segment", alignment="Strategic Fit",
                  effort="T-Shirt Size")),
    "jira-issues.csv": dict(encoding="utf-8", delimiter=",", decimal=".",
        cols=dict(id="Issue key", title="Summary", account="Custom field (Customer)",
                  deal_value="Custom field (ARR)", segment="Custom field (Segment)",
                  alignment="Custom field (Strategic Alignment)", effort="Custom field (Effort)")),
    "europe-semicolon.csv": dict(encoding="cp1252", delimiter=";", decimal=",",
        cols=dict(id="Request ID", title="Title", account="Account", deal_value="Deal Value",
                  segment="Segment", alignment="Alignment", effort="Effort")),
}


def missing(v):
    return v is None or v.strip().lower() in PLACEHOLDERS


def parse_number(s, decimal):
    s = s.strip().replace(" ", "").replace("\u00a0", "")
    if decimal == ",":
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s):
        raise ValueError(f"not a number: {s!r}")
    return float(s)


def parse_money(raw, decimal):
    """-> (USD value, currency, original-currency amount) or None if missing."""
    if missing(raw):
        return None
    s = raw.strip()
    cur = "USD"  # no currency marker => base currency
    for token, code in (("$", "USD"), ("USD", "USD"), ("€", "EUR"), ("EUR", "EUR"),
                        ("£", "GBP"), ("GBP", "GBP")):
        if token in s.upper() if token.isalpha() else token in s:
            cur = code
            s = re.sub(re.escape(token), "", s, flags=re.I)
    s = s.strip()
    mult = 1
    m = re.fullmatch(r"(.*?)([kKmM])", s)
    if m:
        s, mult = m.group(1), (1_000 if m.group(2) in "kK" else 1_000_000)
    amount = parse_number(s, decimal) * mult
    return amount * RATES[cur], cur, amount


def norm_title(t):
    return " ".join(t.split()).lower()


def read_rows(name, spec):
    with open(f"{FIX}/{name}", encoding=spec["encoding"], newline="") as f:
        rows = list(csv.reader(f, delimiter=spec["delimiter"]))
    header, body = rows[0], rows[1:]
    data, trailer = [], []
    for i, r in enumerate(body):
        if not any(c.strip() for c in r):      # blank line ends the data (Salesforce footer)
            trailer = body[i + 1:]
            break
        data.append(r)
    for r in trailer:
        assert len(r) == 1, f"unexpected trailer row {r}"
    for r in data:
        assert len(r) == len(header), f"{name}: ragged row {r}"
    idx = {}
    for field, col in spec["cols"].items():
        if col is None:
            continue
        hits = [i for i, h in enumerate(header) if h.strip().lower() == col.lower()]
        assert len(hits) == 1, (name, col, hits)
        idx[field] = hits[0]
    mentions = [{f: r[i] for f, i in idx.items()} for r in data]
    return header, data, trailer, mentions


def aggregate(mentions, decimal):
    reqs = {}   # key -> request
    for n, m in enumerate(mentions):
        rid = m.get("id", "")
        key = ("id", rid.strip()) if not missing(rid) else ("title", norm_title(m["title"]))
        r = reqs.setdefault(key, dict(key=key, id=rid.strip() if key[0] == "id" else "",
                                      title=" ".join(m["title"].split()), rows=[],
                                      accounts={}, unattributed=[], segments=[], alignment=None, efforts=[]))
        r["rows"].append(n + 1)
        akey = "" if missing(m["account"]) else m["account"].strip().lower()
        money = parse_money(m["deal_value"], decimal)
        val = money[0] if money else None
        prev = r["accounts"].get(akey, "absent")
        if not akey:
            r["unattributed"].append(val)  # a row naming no account: no customer, its deal counted once
        elif prev == "absent":
            r["accounts"][akey] = val
        elif val is not None and (prev is None or val > prev):
            r["accounts"][akey] = val
        if not missing(m["segment"]):
            r["segments"].append(m["segment"].strip())
        if not missing(m["alignment"]):
            r["alignment"] = parse_number(m["alignment"], decimal)  # last non-empty wins
        if not missing(m["effort"]):
            e = m["effort"].strip()
            assert e.lower() in EFF_MAP, f"unknown effort {e!r}"
            r["efforts"].append(e)
    return list(reqs.values())


def score(r):
    known = [v for v in [*r["accounts"].values(), *r["unattributed"]] if v is not None]
    assert known, f"request {r['key']} has no deal value at all"
    dv = sum(known)
    r["deal_value"] = dv
    r["n_accounts"] = len(r["accounts"])
    r["n_unattributed"] = len(r["unattributed"])
    s = {}
    s["deal_value"] = math.log1p(min(max(dv, 0), M)) / math.log1p(M)
    if r["segments"]:
        s["segment_fit"] = max(SEG_MAP.get(x.lower(), SEG_DEFAULT) for x in r["segments"])
        r["segment_best"] = max(r["segments"], key=lambda x: SEG_MAP.get(x.lower(), SEG_DEFAULT))
    else:
        s["segment_fit"], r["segment_best"] = SEG_MISSING, None
    a = r["alignment"]
    s["alignment"] = ALIGN_MISSING if a is None else (min(max(a, ALIGN_MIN), ALIGN_MAX) - ALIGN_MIN) / (ALIGN_MAX - ALIGN_MIN)
    if r["efforts"]:
        s["effort"] = max(EFF_MAP[e.lower()] for e in r["efforts"])
        r["effort_best"] = max(r["efforts"], key=lambda e: EFF_MAP[e.lower()])
    else:
        s["effort"], r["effort_best"] = EFF_MISSING, None
    r["s"] = s
    r["score"] = 100 * sum(W[k] * s[k] for k in W) / sum(W.values())
    r["horizon"] = next(h for h, mn in HORIZONS if mn is None or r["score"] >= mn)
    esc = dv >= 250_000 and any(x.lower() == "enterprise" for x in r["segments"])
    r["escalation"] = "Strategic deal" if esc else ""
    return r


def rank(reqs):
    sortid = lambda r: r["id"] if r["id"] else r["key"][1]
    reqs.sort(key=lambda r: (-r["score"], -r["deal_value"], sortid(r)))
    return reqs


def run(name):
    spec = FILES[name]
    header, data, trailer, mentions = read_rows(name, spec)
    reqs = rank([score(r) for r in aggregate(mentions, spec["decimal"])])
    return dict(header=header, data=data, trailer=trailer, mentions=mentions, reqs=reqs)


def check_boundaries(name, reqs):
    warn = []
    for r in reqs:
        for _, mn in HORIZONS:
            if mn is not None and abs(r["score"] - mn) < 0.01:
                warn.append(f"{name}: {r['id'] or r['title']} score {r['score']} within 0.01 of {mn}")
    for a, b in zip(reqs, reqs[1:]):
        if abs(a["score"] - b["score"]) < 0.005:
            warn.append(f"{name}: near tie {a['id'] or a['title']} / {b['id'] or b['title']}")
    return warn


def table(reqs):
    out = ["| # | id | title | deal value (USD) | accounts | unattributed | deal_value | segment_fit | alignment | effort | score | horizon | escalation |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for i, r in enumerate(reqs, 1):
        s = r["s"]
        seg = f"{s['segment_fit']:.2f} ({r['segment_best'] or 'missing'})"
        al = f"{s['alignment']:.3f} ({'missing' if r['alignment'] is None else ('%g' % r['alignment'])})"
        ef = f"{s['effort']:.2f} ({r['effort_best'] or 'missing'})"
        out.append(f"| {i} | {r['id'] or '—'} | {r['title']} | {r['deal_value']:,.2f} | {r['n_accounts']} | {r['n_unattributed']} | "
                   f"{s['deal_value']:.4f} | {seg} | {al} | {ef} | {r['score']:.2f} | {r['horizon']} | {r['escalation'] or '—'} |")
    return "\n".join(out)


GENERATED = dict(id="Request ID", title="Feature Request", account="Account Name", deal_value="Amount",
                 segment="Segment", alignment="Strategic Alignment", effort="Effort")


def top_of_generated(path, n):
    """Streams a generated export (no footer, every row full) and returns its top n."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        idx = {field: header.index(col) for field, col in GENERATED.items()}
        mentions = ({field: r[i] for field, i in idx.items()} for r in rows)
        reqs = rank([score(r) for r in aggregate(mentions, ".")])
    return [dict(id=r["id"] or r["title"], score=round(r["score"], 6), deal_value=round(r["deal_value"], 2))
            for r in reqs[:n]]


if __name__ == "__main__" and sys.argv[1:2] == ["--csv"]:
    json.dump(top_of_generated(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20), sys.stdout)
elif __name__ == "__main__":
    result, warns = {}, []
    for name in FILES:
        res = run(name)
        warns += check_boundaries(name, res["reqs"])
        print(f"\n## {name}: {len(res['data'])} data rows, {len(res['reqs'])} requests, "
              f"{len(res['trailer'])} footer rows\n")
        print(table(res["reqs"]))
        result[name] = dict(
            data_rows=len(res["data"]), requests=len(res["reqs"]),
            ranking=[dict(rank=i, id=r["id"] or None, title=r["title"],
                          deal_value=round(r["deal_value"], 2), accounts=r["n_accounts"],
                          unattributed=r["n_unattributed"],
                          criteria={k: round(v, 6) for k, v in r["s"].items()},
                          score=round(r["score"], 2), horizon=r["horizon"],
                          escalations=[r["escalation"]] if r["escalation"] else [])
                     for i, r in enumerate(res["reqs"], 1)])
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
    print("\nWARNINGS:" if warns else "\nno boundary/tie warnings", *warns, sep="\n")
