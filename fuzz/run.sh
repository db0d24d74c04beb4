#!/usr/bin/env bash
# Runs the fuzz targets: `fuzz/run.sh [SECONDS] [TARGET...]` (60 s each, every target, by
# default). Needs cargo-fuzz (`cargo install cargo-fuzz`); uses the nightly toolchain when
# it is installed, else the default one (without a sanitizer no unstable flag is needed).
#
# The corpus of each target starts from seeds made of what the repository already holds: the
# bundled example, the check, collection and import fixtures and the string values in them.
# New inputs libFuzzer finds stay in corpus/TARGET (not tracked); a crash lands in
# artifacts/TARGET and the script exits non-zero. Any pass longer than 10 s counts as a hang.
# The targets are built without a sanitizer (the code is safe Rust) but with debug assertions
# and overflow checks on. FUZZ_PROFILE=--dev builds them unoptimised-by-LTO, much faster to
# build, as CI does; the default is cargo-fuzz's release build, for campaigns.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline collection richtext biblio norms import)
root=..
logs=${FUZZ_LOGS:-logs} # libFuzzer's whole output, one file a target

seed() { # seed TARGET FILE...: copy each file into the target's corpus under its hash
  local dir=corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$dir/seed-$(sha1sum <"$f" | cut -c1-16)"
  done
}
seed_bytes() { # seed_bytes TARGET: each line of stdin becomes one seed
  local dir=corpus/$1 line
  mkdir -p "$dir"
  while IFS= read -r line; do
    printf '%s' "$line" >"$dir/seed-$(printf '%s' "$line" | sha1sum | cut -c1-16)"
  done
}

cards=("$root"/examples/*.toml "$root"/tests/fixtures/check/*/*.toml)
seed pipeline "${cards[@]}"
seed richtext "${cards[@]}" "$root"/tests/fixtures/import/*.txt "$root"/tests/fixtures/import/*.md
seed collection "$root"/tests/fixtures/collection/*/*.toml
printf '[collection]\ntitle = "Сборник"\ncards = ["cards/*.toml", "extra/broken.toml"]\n' |
  seed_bytes collection
printf '[collection]\ntitle = "С"\nsections = [{ title = "А", cards = ["cards/a.toml"] }]\n' |
  seed_bytes collection
# Every quoted string of the cards: records, acts, dates and rich text, one seed each.
strings=$(grep -ohE '"[^"]{8,}"' "${cards[@]}" | sed 's/^"//; s/"$//' | sort -u)
for t in richtext biblio norms; do seed_bytes "$t" <<<"$strings"; done
seed biblio "$root"/tests/fixtures/check/materials-file/*.json
# The importer's first byte picks the kind of file: 0 .docx, 1 .odt, 2 .txt, 3 .md.
mkdir -p corpus/import
kind=0
for ext in docx odt txt md; do
  for f in "$root"/tests/fixtures/import/*."$ext"; do
    { printf "\\x0$kind"; cat "$f"; } >"corpus/import/seed-$ext-$(basename "$f" ".$ext")"
  done
  kind=$((kind + 1))
done

flags=(-s none -a "${FUZZ_PROFILE:---release}")
toolchain=()
rustup run nightly rustc --version >/dev/null 2>&1 && toolchain=(+nightly)
cargo "${toolchain[@]}" fuzz build "${flags[@]}"
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  mkdir -p "$logs"
  cargo "${toolchain[@]}" fuzz run "${flags[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -dict=card.dict -print_final_stats=1 \
    >"$logs/$t.log" 2>&1 || true
  grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|.*panicked at)' \
    "$logs/$t.log" || tail -n 20 "$logs/$t.log"
  if [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
    echo "fuzz $t: crash inputs in fuzz/artifacts/$t:" && ls "artifacts/$t"
    exit 1
  fi
done
