#!/usr/bin/env bash
# Benchmarks the PDF build of the example card: time side by side with Typst compiling the
# same document (../shared/bench/vs-typst.sh, one hyperfine run, prints the ratio), then file
# size, peak memory (/usr/bin/time -v) and pdffonts for the PDF.
#
# usage: scripts/bench-pdf.sh            (from the repository root; builds --release first)
#        RUNS=40 scripts/bench-pdf.sh    (more hyperfine runs)
set -euo pipefail
cd "$(dirname "$0")/.."
card=${CARD:-examples/reverse-mentoring.toml}
out=target/bench-pdf
bench=${VS_TYPST:-../shared/bench/vs-typst.sh}
cargo build --release -j "${JOBS:-1}" --quiet
bin=target/release/mentorcard
mkdir -p "$out"
"$bench" "$bin build $card --format pdf -o $out"
pdf=$(ls "$out"/*.pdf | head -n1)
size=$(stat -c %s "$pdf")
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
rss=$(/usr/bin/time -v "$bin" build "$card" --format pdf -o "$out" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}')
echo "mentorcard PDF: $size bytes (limit 61440), peak RSS ${rss} KiB (limit 20480)"
command -v pdffonts >/dev/null && pdffonts "$pdf"
[ "$size" -le 61440 ] && [ "$rss" -le 20480 ]
