#!/usr/bin/env bash
# External checks of the HTML and DOCX renderers on the example card, with the tools the
# issue names: Nu HTML Checker, axe-core in headless Chromium, LibreOffice, python-docx and an
# OOXML schema validator. Not part of `cargo test` (they need Java, Chromium and LibreOffice).
#
# Usage: tests/external/run.sh [--install]    (--install: apt, pip and npm installs first)
# Debian packages: chromium libreoffice-writer-nogui poppler-utils default-jre-headless
# pip: python-docx openxml-audit; npm (into a scratch folder): vnu-jar axe-core playwright-core
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${MENTORCARD_TOOLS:-$root/target/external-tools}"
out="$root/target/external-out"
seed="$root/tests/data/seed-practice-reverse-mentoring.txt"

if [[ "${1:-}" == "--install" ]]; then
  apt-get update -q
  apt-get install -y -q chromium libreoffice-writer-nogui poppler-utils default-jre-headless
  pip install -q python-docx openxml-audit
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || (cd "$tools" && npm init -y >/dev/null)
  (cd "$tools" && npm install --no-audit --no-fund vnu-jar axe-core playwright-core >/dev/null)
fi

rm -rf "$out" && mkdir -p "$out"
(cd "$root" && cargo run -q -- build examples/reverse-mentoring.toml --format html,docx -o "$out")
fail=0

echo "== Nu HTML Checker"
java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --also-check-css \
  "$out/reverse-mentoring.html" && echo "0 errors" || fail=1

echo "== Chromium: 375 px, axe-core, print"
NODE_PATH="$tools/node_modules" node "$here/check-html.js" \
  "$out/reverse-mentoring.html" "$out/html" || fail=1
header_pages=$(pdftotext "$out/html.pdf" - | grep -c "^Критерии$" || true)
echo "table header printed on $header_pages of $(pdfinfo "$out/html.pdf" | awk '/Pages/ {print $2}') pages"
[[ "$header_pages" -ge 2 ]] || { echo "FAIL: header not repeated"; fail=1; }

echo "== OOXML schema validation (openxml-audit)"
for v in office2007 microsoft365; do
  openxml-audit -f "$v" -m 0 "$out/reverse-mentoring.docx" | tail -1 | tee "$out/audit-$v.txt"
  grep -q "Errors: 0" "$out/audit-$v.txt" || fail=1
done

echo "== LibreOffice and python-docx"
timeout 300 soffice --headless --convert-to pdf --outdir "$out/lo" \
  "$out/reverse-mentoring.docx" >/dev/null
python3 "$here/docx-words.py" "$out/reverse-mentoring.docx" "$out/lo/reverse-mentoring.pdf" \
  $( [[ -f "$seed" ]] && echo "$seed" ) || fail=1

echo "== two builds are byte-identical"
mkdir -p "$out/again"
(cd "$root" && cargo run -q -- build examples/reverse-mentoring.toml --format html,docx -o "$out/again")
cmp "$out/reverse-mentoring.html" "$out/again/reverse-mentoring.html" || fail=1
cmp "$out/reverse-mentoring.docx" "$out/again/reverse-mentoring.docx" || fail=1

[[ $fail == 0 ]] && echo "external checks: all passed" || echo "external checks: FAILED"
exit $fail
