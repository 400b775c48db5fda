"""statsmodels fitting the design pactnet writes (`pactnet tergm --design FILE`): the same pooled
logistic regression by Newton's method, timed in process (median of N fits), and btergm's bootstrap
(years drawn with replacement, each sample refitted from the full estimate) on R replicates.

Usage: python3 benches/tergm_statsmodels.py design.csv [N] [R]
"""
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
replicates = int(sys.argv[3]) if len(sys.argv) > 3 else 50
d = pd.read_csv(path)
y = d["tie"].to_numpy(float)
x = d.iloc[:, 4:].to_numpy(float)
years = d["year"].to_numpy()
times = []
for _ in range(runs):
    t = time.perf_counter()
    r = sm.Logit(y, x).fit(method="newton", tol=1e-10, maxiter=100, disp=0)
    times.append(time.perf_counter() - t)
print(f"statsmodels fit: median {np.median(times) * 1e3:.1f} ms of {runs} ({r.mle_retvals['iterations']} iterations)")
rows = {yr: np.flatnonzero(years == yr) for yr in np.unique(years)}
keys = list(rows)
rng = np.random.default_rng(1)
t = time.perf_counter()
for _ in range(replicates):
    drawn = rng.choice(len(keys), size=len(keys), replace=True)
    index = np.concatenate([rows[keys[k]] for k in drawn])
    sm.Logit(y[index], x[index]).fit(method="newton", tol=1e-6, maxiter=100, disp=0, start_params=r.params)
per = (time.perf_counter() - t) / replicates
print(f"statsmodels bootstrap: {per * 1e3:.1f} ms per replicate ({replicates} replicates), {per * 1000:.1f} s for 1000")
