"""Times the Python package against the CLI on the full data (run by hand, not by the tests).

    python python/bench.py [--repeat 10]

Prints the import time of `pactnet`, the load time of the full ATOP 4.01 data, and
`net.metrics(layers="all", level="node")` (a DataFrame, after the import and a warm-up) next to
`pactnet bench --analyses metrics` (the same metrics in the CLI, without writing them) and the
CLI's whole `metrics --layers all --level node` command (load + metrics + CSV) and its `info` (load
only). Wall time (min, median) and CPU time (median: on a busy machine it is the steadier one); the data is found through PACTNET_DATA_DIR, the CLI in target/release.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def times(f, repeat, who=resource.RUSAGE_SELF):
    """Wall time (min, median) and CPU time (median; of this process or of its children)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), _cpu(who)
        f()
        wall.append(time.perf_counter() - t)
        cpu.append(_cpu(who) - c)
    ms = lambda v: f"{v * 1e3:7.1f} ms"  # noqa: E731
    return f"wall min {ms(min(wall))}, median {ms(statistics.median(wall))}; CPU median {ms(statistics.median(cpu))}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=10)
    repeat = p.parse_args().repeat
    data = Path(os.environ.get("PACTNET_DATA_DIR", REPO.parent / "shared" / "data"))
    members, states = data / "atop-4.01" / "atop4_01m.csv", data / "cow" / "states2016.csv"
    binary = os.environ.get("PACTNET_BIN", str(REPO / "target" / "release" / "pactnet"))

    imp = lambda: subprocess.run([sys.executable, "-c", "import pactnet"], check=True)  # noqa: E731
    base = lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)  # noqa: E731
    kids = resource.RUSAGE_CHILDREN
    print("python -c 'pass'         ", times(base, repeat, kids))
    print("python -c 'import pactnet'", times(imp, repeat, kids))

    # The installed package, not python/pactnet/ beside this script (no extension there).
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
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
    print("CLI metrics command       ", times(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), repeat, kids))
    info = [binary, *flags, "info"]
    print("CLI info (load only)      ", times(lambda: subprocess.run(info, check=True, stdout=subprocess.DEVNULL), repeat, kids))


if __name__ == "__main__":
    main()
