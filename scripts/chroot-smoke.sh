#!/usr/bin/env bash
# chroot-smoke.sh BINARY: the static binary with nothing around it. An empty root holds only
# the binary and the example card: no libc, no /usr/share/fonts, no fontconfig, no /etc, no
# /tmp, no /proc. `check` must answer in Russian, `build` must write the four documents, and
# the PDF must carry the bundled font embedded. Needs root (chroot) and poppler-utils
# (pdffonts) outside the root.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cp "$bin" "$root/mentorcard"
cp examples/reverse-mentoring.toml "$root/card.toml"

echo "== check in an empty root"
said=$(chroot "$root" /mentorcard check /card.toml 2>&1) || { echo "$said" >&2; exit 1; }
grep -q '0 ошибок' <<<"$said" || { echo "chroot-smoke: check did not answer in Russian: $said" >&2; exit 1; }
echo "$said" | tail -n 1

echo "== build in an empty root"
chroot "$root" /mentorcard build /card.toml -o /out
for ext in pdf html md docx; do
  [ -s "$root/out/card.$ext" ] || { echo "chroot-smoke: card.$ext was not written" >&2; exit 1; }
done
leftover=$(find "$root" -name '*.tmp')
[ -z "$leftover" ] || { echo "chroot-smoke: temporary files left: $leftover" >&2; exit 1; }

echo "== the PDF's fonts"
fonts=$(pdffonts "$root/out/card.pdf")
echo "$fonts"
grep -q 'LiberationSerif' <<<"$fonts" || { echo "chroot-smoke: the bundled font is not in the PDF" >&2; exit 1; }
if awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit !bad }' <<<"$fonts"; then
  echo "chroot-smoke: a font is not embedded" >&2
  exit 1
fi
echo "chroot-smoke: the static binary checks and builds with nothing around it"
