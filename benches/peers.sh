#!/bin/sh
# The full metrics workload, side by side in one run: pactnet and the four anchor scripts
# (networkx, python-igraph, rustworkx, networkit) on ATOP 4.01 + COW 2016, each timed as a whole
# process by ../shared/anchors/bench.sh (1 warm-up, then N runs; medians).
#
# Usage, from the repository root:  sh benches/peers.sh [N] [NX_RUNS]
#   N        timed runs of pactnet and of each fast peer (default 5)
#   NX_RUNS  timed runs of networkx, which takes ~40 s a run (default 1)
# Needs: cargo; python3 with networkx igraph rustworkx networkit numpy scipy in
# target/anchors-venv (see ../shared/anchors/README.md); GNU time at /usr/bin/time.
set -eu
N=${1:-5}
NX=${2:-1}
A=${PACTNET_ANCHORS_DIR:-../shared/anchors}
D=${PACTNET_DATA_DIR:-../shared/data}
PY=${PY:-target/anchors-venv/bin/python}
M=$D/atop-4.01/atop4_01m.csv
S=$D/cow/states2016.csv
OUT=target/peers
mkdir -p "$OUT"
cargo build --release --quiet
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'pactnet:    '; bash "$A/bench.sh" "$N" ./target/release/pactnet -q --members "$M" --states "$S" metrics --layers all --level both -o "$OUT/pactnet"
for lib in igraph rustworkx networkit; do
  printf '%-11s ' "$lib:"; bash "$A/bench.sh" "$N" "$PY" "$A/anchor_$lib.py" --members "$M" --states "$S" --out "$OUT/$lib"
done
printf 'networkx:   '; bash "$A/bench.sh" "$NX" "$PY" "$A/anchor_networkx.py" --members "$M" --states "$S" --out "$OUT/networkx"
python3 "$A/compare.py" --ref "$OUT/networkx" pactnet="$OUT/pactnet" | tail -1
