#!/bin/sh
# Regenerates the README pictures in docs/images from the embedded sample (no input files needed).
# Run from the repository root: sh docs/make-images.sh
set -e
cargo build --release --quiet
P=./target/release/pactnet
$P -q plot network --year 1914 --width 800 --height 600 -o docs/images/network-1914.png
$P -q plot network --year 1960 --layer defense --width 800 --height 600 --color community --hide-isolates -o docs/images/network-1960-blocs.png
$P -q plot series --metrics density,transitivity --layers any,defense --eras --width 800 --height 600 -o docs/images/series.png
$P -q plot state RUS --years 1816..2016 --width 800 --height 600 -o docs/images/state-RUS.png
$P -q plot matrix --year 1960 --width 800 --height 600 -o docs/images/matrix-1960.png
# The report page (needs Chromium: apt-get install chromium).
if command -v chromium >/dev/null 2>&1; then
  out=$(mktemp -d)
  $P -q report -o "$out/report"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$out/profile" --window-size=1280,1700 \
    --virtual-time-budget=10000 --screenshot="$PWD/docs/images/report.png" "file://$out/report/index.html" 2>/dev/null
  $P -q explore -o "$out/explore.html"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$out/profile" --window-size=1280,800 \
    --virtual-time-budget=5000 --screenshot="$PWD/docs/images/explore.png" \
    "file://$out/explore.html#year=1955&layer=any&state=UKG" 2>/dev/null
  rm -rf "$out"
fi
