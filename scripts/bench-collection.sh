#!/usr/bin/env bash
# Benchmarks a сборник of N practices (N copies of the example with distinct titles) → PDF:
# against Typst compiling the same сборник (../shared/bench/make_collection_typ.py), and
# -j 1 against -j 2, in one hyperfine run, with the ratios; then pages, peak memory, whether
# -j 1 and -j 2 give the same bytes, and the time per practice at N/4, N/2 and N (linear
# growth keeps it flat).
#
# usage: scripts/bench-collection.sh        (from the repository root; N=200)
#        N=100 RUNS=5 scripts/bench-collection.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-200}
runs=${RUNS:-5}
shared=${SHARED:-../shared/bench}
venv=${TYPST_VENV:-$HOME/.cache/typst-venv}
out=target/bench-collection
cargo build --release -j "${JOBS:-1}" --quiet
bin=$PWD/target/release/mentorcard
command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q typst; }

# The сборник of k practices in $out/k/сборник.toml.
make_book() {
  local k=$1 dir=$out/$1
  rm -rf "$dir" && mkdir -p "$dir/cards"
  for i in $(seq 1 "$k"); do
    sed "s/^title = \"Реверсивное наставничество\"/title = \"Практика $i. Реверсивное наставничество\"/" \
      examples/reverse-mentoring.toml > "$dir/cards/$(printf %04d "$i").toml"
  done
  printf '[collection]\ntitle = "Сборник лучших практик наставничества"\ncards = ["cards/*.toml"]\n' \
    > "$dir/сборник.toml"
}
for k in $((n / 4)) $((n / 2)) "$n"; do make_book "$k"; done
python3 "$shared/make_collection_typ.py" "$out/typst" "$n" >/dev/null
book=$out/$n/сборник.toml

hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/h.json" \
  -n typst "$venv/bin/python -c \"import typst; typst.compile('$out/typst/collection-$n.typ', output='$out/typst/collection-$n.pdf')\"" \
  -n j1 "$bin build $book -f pdf -j 1 -o $out/j1" \
  -n j2 "$bin build $book -f pdf -j 2 -o $out/j2"
python3 - "$out/h.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
t, j1, j2 = r["typst"], r["j1"], r["j2"]
print(f"median typst {t:.2f} s, mentorcard -j 1 {j1:.2f} s, -j 2 {j2:.2f} s")
print(f"ratio mentorcard(-j 2)/typst = {j2 / t:.3f} (goal <= 0.1); -j 1 / -j 2 = {j1 / j2:.2f} (goal >= 1.5)")
PY
cmp "$out/j1/сборник.pdf" "$out/j2/сборник.pdf" && echo "-j 1 and -j 2: byte-identical"
echo "pages: mentorcard $(pdfinfo "$out/j2/сборник.pdf" | awk '/^Pages/ {print $2}'), typst $(pdfinfo "$out/typst/collection-$n.pdf" | awk '/^Pages/ {print $2}')"
rss=$(/usr/bin/time -v "$bin" build "$book" -f pdf -o "$out/j2" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}')
echo "peak RSS $((rss / 1024)) MiB (goal <= 300)"
for k in $((n / 4)) $((n / 2)) "$n"; do
  hyperfine -N --runs "$runs" --export-json "$out/s$k.json" "$bin build $out/$k/сборник.toml -f pdf -o $out/s$k" >/dev/null
  python3 -c "import json,sys; m=json.load(open('$out/s$k.json'))['results'][0]['median']; print(f'$k practices: {m:.2f} s, {m / $k * 1000:.1f} ms per practice')"
done
