#!/usr/bin/python3
"""Reference values from scipy for SerKit's significance tests and special functions.

Reads a JSON object from stdin and writes one with the same keys:
  "betainc":   [[a, b, x], ...]        -> scipy.special.betainc(a, b, x)
  "t_sf":      [[t, df], ...]          -> scipy.stats.t.sf(t, df)
  "norm_sf":   [z, ...]                -> scipy.stats.norm.sf(z)
  "gammaln":   [x, ...]                -> scipy.special.gammaln(x)
  "ttest":     [[a, b], ...]           -> [t, p] of scipy.stats.ttest_rel(a, b)
  "wilcoxon":  [[a, b, mode], ...]     -> [W+, p] of scipy.stats.wilcoxon(a, b, mode=mode)
                                          (zero_method="wilcox", correction=False, two-sided)
  "signflip":  [[a, b], ...]           -> p of scipy.stats.permutation_test on the mean of
                                          a - b, permutation_type="samples", exact enumeration
  "ccc":       [[x, y], ...]           -> Lin's concordance correlation (population moments)
Run with Debian's python3-scipy (/usr/bin/python3).
"""
import json
import sys

import numpy as np
from scipy import special, stats


def wilcoxon(a, b, mode):
    d = np.asarray(a) - np.asarray(b)
    d = d[d != 0]
    ranks = stats.rankdata(np.abs(d))
    w_plus = float(ranks[d > 0].sum())
    res = stats.wilcoxon(a, b, zero_method="wilcox", correction=False, alternative="two-sided", mode=mode)
    return [w_plus, float(res.pvalue)]


def signflip(a, b):
    d = np.asarray(a) - np.asarray(b)
    res = stats.permutation_test((d,), np.mean, permutation_type="samples", alternative="two-sided",
                                 n_resamples=np.inf)
    return float(res.pvalue)


def ccc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    cov = np.mean((x - x.mean()) * (y - y.mean()))
    return float(2 * cov / (x.var() + y.var() + (x.mean() - y.mean()) ** 2))


if __name__ == "__main__":
    q = json.load(sys.stdin)
    out = {}
    out["betainc"] = [float(special.betainc(a, b, x)) for a, b, x in q.get("betainc", [])]
    out["t_sf"] = [float(stats.t.sf(t, df)) for t, df in q.get("t_sf", [])]
    out["norm_sf"] = [float(stats.norm.sf(z)) for z in q.get("norm_sf", [])]
    out["gammaln"] = [float(special.gammaln(x)) for x in q.get("gammaln", [])]
    out["ttest"] = [[float(r.statistic), float(r.pvalue)] for r in
                    (stats.ttest_rel(a, b) for a, b in q.get("ttest", []))]
    out["wilcoxon"] = [wilcoxon(a, b, m) for a, b, m in q.get("wilcoxon", [])]
    out["signflip"] = [signflip(a, b) for a, b in q.get("signflip", [])]
    out["ccc"] = [ccc(x, y) for x, y in q.get("ccc", [])]
    json.dump(out, sys.stdout)
