"""Times the Python package against the CLI on the full data (run by hand, not by the tests).

    python python/bench.py [--repeat 10]

Prints the import time of `pactnet`, the load time of the full ATOP 4.01 data, and
`net.metrics(layers="all", level="node")` (a DataFrame, after the import and a warm-up) next to
`pactnet bench --analyses metrics` (the same metrics in the CLI, without writing them) and the
CLI's whole `metrics --layers all --level node` command (load + metrics + CSV). Minimum and median
of the repeats; the data is found through PACTNET_DATA_DIR, the CLI in target/release.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def times(f, repeat):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        out.append(time.perf_counter() - t)
    return f"min {min(out) * 1e3:7.1f} ms, median {statistics.median(out) * 1e3:7.1f} ms"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=10)
    repeat = p.parse_args().repeat
    data = Path(os.environ.get("PACTNET_DATA_DIR", REPO.parent / "shared" / "data"))
    members, states = data / "atop-4.01" / "atop4_01m.csv", data / "cow" / "states2016.csv"
    binary = os.environ.get("PACTNET_BIN", str(REPO / "target" / "release" / "pactnet"))

    imp = lambda: subprocess.run([sys.executable, "-c", "import pactnet"], check=True)  # noqa: E731
    base = lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)  # noqa: E731
    print("python -c 'pass'         ", times(base, repeat))
    print("python -c 'import pactnet'", times(imp, repeat))

    import pactnet as pn
    import pandas  # noqa: F401  (imported once, outside the timings)

    print("pn.load(full data)       ", times(lambda: pn.load(members=members, states=states), repeat))
    net = pn.load(members=members, states=states)
    net.metrics(layers="all", level="node")
    print("net.metrics(all, node)   ", times(lambda: net.metrics(layers="all", level="node"), repeat))
    flags = ["-q", "--members", str(members), "--states", str(states)]
    bench = subprocess.run(
        [binary, *flags, "bench", "--analyses", "metrics", "--repeat", str(repeat), "--format", "csv"],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    row = dict(zip(bench[0].split(","), bench[1].split(",")))
    print(f"CLI bench metrics         min {float(row['min_s']) * 1e3:7.1f} ms, median {float(row['median_s']) * 1e3:7.1f} ms")
    cmd = [binary, *flags, "metrics", "--layers", "all", "--level", "node", "--format", "csv"]
    print("CLI metrics command       ", times(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), repeat))


if __name__ == "__main__":
    main()
