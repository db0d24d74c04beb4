#!/usr/bin/env bash
# same-outputs.sh OLD_BINARY NEW_BINARY: proves a change left what the program writes alone.
# Both binaries check and build every card the repository holds (the examples, the check and
# collection fixtures, the cards `import` makes of the import fixtures) in every format, with
# the same SOURCE_DATE_EPOCH, and every file and every printed line is compared byte for byte.
# Exits non-zero and names each difference.
set -uo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1")
new=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
unset MENTORCARD_LANG

run() { # run BINARY OUT: everything into OUT
  local bin=$1 out=$2 card name dir
  mkdir -p "$out"
  while IFS= read -r card; do
    name=$(echo "$card" | tr '/' '_')
    dir="$out/$name"
    mkdir -p "$dir"
    "$bin" check "$card" >"$dir/check.out" 2>"$dir/check.err"
    echo "exit $?" >>"$dir/check.out"
    "$bin" build "$card" -o "$dir/build" --skip-invalid >"$dir/build.out" 2>"$dir/build.err" ||
      "$bin" build "$card" -o "$dir/build" >"$dir/build.out" 2>"$dir/build.err"
    echo "exit $?" >>"$dir/build.out"
  done < <(find examples tests/fixtures -name '*.toml' ! -name 'expected.toml' | sort)
  while IFS= read -r doc; do
    name=$(echo "$doc" | tr '/' '_')
    dir="$out/$name"
    mkdir -p "$dir"
    "$bin" import "$doc" -o "$dir/card.toml" >"$dir/import.out" 2>"$dir/import.err"
    echo "exit $?" >>"$dir/import.out"
    [ -f "$dir/card.toml" ] && "$bin" build "$dir/card.toml" -o "$dir/build" >/dev/null 2>&1
  done < <(find tests/fixtures/import -type f \( -name '*.docx' -o -name '*.odt' -o -name '*.md' -o -name '*.txt' \) | sort)
  # the paths the outputs name are the only thing that differs between the two runs
  grep -rlF "$out" "$out" 2>/dev/null | while IFS= read -r f; do
    sed -i "s#$out#OUT#g" "$f"
  done
}

run "$old" "$work/old"
run "$new" "$work/new"
if diff -r "$work/old" "$work/new" >"$work/diff"; then
  echo "same-outputs: $(find "$work/new" -type f | wc -l) files and outputs identical"
else
  cat "$work/diff" | head -n 60
  echo "same-outputs: the outputs differ" >&2
  exit 1
fi
