#!/usr/bin/env bash
# smoke.sh BINARY: the release binary on the bundled example, as a teacher would run it:
# `check` passes and speaks Russian, `build` writes the four documents and they are what they
# claim to be. Runs on Linux, macOS and Windows (Git Bash), so each release runner tries the
# binary it built before anything is published.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$bin" --version
said=$("$bin" check examples/reverse-mentoring.toml 2>&1)
grep -q 'ошиб' <<<"$said" || { echo "smoke: check did not answer in Russian: $said" >&2; exit 1; }
"$bin" build examples/reverse-mentoring.toml -o "$out"
for ext in pdf html md docx; do
  file="$out/reverse-mentoring.$ext"
  [ -s "$file" ] || { echo "smoke: $file is missing or empty" >&2; exit 1; }
done
head -c 5 "$out/reverse-mentoring.pdf" | grep -q '%PDF-' || { echo "smoke: not a PDF" >&2; exit 1; }
head -c 2 "$out/reverse-mentoring.docx" | grep -q 'PK' || { echo "smoke: not a DOCX (zip)" >&2; exit 1; }
grep -q 'Реверсивное наставничество' "$out/reverse-mentoring.html" || { echo "smoke: HTML lacks the title" >&2; exit 1; }
echo "smoke: $bin checks and builds the example"
