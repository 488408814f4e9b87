#!/usr/bin/env python3
"""The default model's scoring of a bench/generate.js export, written the way a PM-ops analyst
would script it in pandas. Prints the top N as JSON (same shape as reference.py --csv).

Usage: python3 bench/pandas_score.py PATH [N]
"""
import json, sys
import numpy as np
import pandas as pd

RATES = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}
SEGMENT = {"enterprise": 1.0, "mid-market": 0.7, "smb": 0.4, "startup": 0.2}
EFFORT = {"xs": 1.0, "s": 0.8, "m": 0.5, "l": 0.25, "xl": 0.0}
COLUMNS = ["Account Name", "Amount", "Segment", "Request ID", "Feature Request", "Strategic Alignment", "Effort"]


def amounts(raw):
    s = raw.str.strip()
    currency = np.select([s.str.contains("EUR|€", regex=True), s.str.contains("GBP|£", regex=True)], ["EUR", "GBP"], "USD")
    multiplier = np.where(s.str.endswith(("k", "K")), 1e3, np.where(s.str.endswith(("m", "M")), 1e6, 1.0))
    number = pd.to_numeric(s.str.replace(r"[^0-9.]", "", regex=True), errors="coerce")
    return number * multiplier * pd.Series(currency, index=s.index).map(RATES)


def top(path, n):
    df = pd.read_csv(path, usecols=COLUMNS, dtype=str, keep_default_na=False)
    request_id = df["Request ID"].str.strip()
    title = df["Feature Request"].str.split().str.join(" ")
    df["key"] = np.where(request_id != "", request_id, "title:" + title.str.lower())
    df["label"] = np.where(request_id != "", request_id, title)
    account = df["Account Name"].str.strip().str.lower()
    df["account"] = np.where(account != "", account, "<row " + pd.Series(range(len(df)), index=df.index).astype(str) + ">")
    df["deal"] = amounts(df["Amount"])
    df["segment"] = df["Segment"].str.strip().str.lower().map(SEGMENT).where(df["Segment"].str.strip() != "")
    df.loc[df["Segment"].str.strip() != "", "segment"] = df["segment"].fillna(0.3)
    df["alignment"] = pd.to_numeric(df["Strategic Alignment"], errors="coerce")
    df["effort"] = df["Effort"].str.strip().str.lower().map(EFFORT)

    per_account = df.groupby(["key", "account"], sort=False)["deal"].max()
    requests = df.groupby("key", sort=False).agg(
        label=("label", "first"), segment=("segment", "max"), alignment=("alignment", "last"), effort=("effort", "max"))
    requests["deal_value"] = per_account.groupby(level=0, sort=False).sum(min_count=1)

    deal = np.log1p(requests["deal_value"].clip(0, 2_000_000)) / np.log1p(2_000_000)
    alignment = ((requests["alignment"].clip(1, 5) - 1) / 4).fillna(0.5)
    requests["score"] = (40 * deal.fillna(0) + 20 * requests["segment"].fillna(0.3) + 30 * alignment
                         + 10 * requests["effort"].fillna(0.5))
    ranked = requests.sort_values(["score", "deal_value", "label"], ascending=[False, False, True]).head(n)
    return [dict(id=r.label, score=round(r.score, 6), deal_value=round(r.deal_value, 2)) for r in ranked.itertuples()]


if __name__ == "__main__":
    json.dump(top(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20), sys.stdout)
