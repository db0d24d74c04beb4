#!/usr/bin/env bash
# Makes what a teacher downloads, in target/dist/:
#   mentorcard-VERSION-x86_64-linux.tar.gz  a statically linked binary (no glibc needed: it
#                                          starts on Astra Linux 1.7, ALT, RED OS, any kernel
#                                          from 3.2), README, LICENSE, man page, completions;
#   mentorcard_VERSION_amd64.deb            from that binary (cargo-deb), no Depends;
#   mentorcard-VERSION-1.x86_64.rpm         from that binary (cargo-generate-rpm), no Requires.
# Run from anywhere; installs the packaging tools it lacks (cargo install --locked) and can be
# run again: every file is made anew. `dist.sh --binary` stops after the static binary (CI
# tries it in an empty root with scripts/chroot-smoke.sh). SOURCE_DATE_EPOCH (default: the last commit's time) sets
# the archive's dates, so the same commit gives the same archive.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
dist=target/dist
bin="target/$target/release/mentorcard"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

echo "== static binary ($target, crt-static)"
# --target keeps the flags off build scripts and proc macros, which must stay dynamic; the
# symbols go (14 MB → about 9), the program keeps its own messages for any failure.
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -C strip=symbols" \
  cargo build --release --locked --target "$target"
if ! file "$bin" | grep -Eq 'static(-pie)? linked'; then
  echo "dist: $bin is not statically linked: $(file -b "$bin")" >&2
  exit 1
fi
bash scripts/glibc-check.sh "$bin"
[ "${1:-}" = --binary ] && exit 0

tool() { # tool COMMAND CRATE VERSION
  command -v "$1" >/dev/null || cargo install --locked --quiet "$2" --version "$3"
}
tool cargo-deb cargo-deb 3.8.0
tool cargo-generate-rpm cargo-generate-rpm 0.21.1

echo "== man pages and completions (from the binary's own help)"
rm -rf "$dist"
share="$dist/share"
mkdir -p "$share/man/man1" "$share/man/en/man1" "$share/completions"
MENTORCARD_LANG=ru "$bin" completions man | gzip -9n >"$share/man/man1/mentorcard.1.gz"
MENTORCARD_LANG=en "$bin" completions man | gzip -9n >"$share/man/en/man1/mentorcard.1.gz"
MENTORCARD_LANG=ru "$bin" completions bash >"$share/completions/mentorcard.bash"
MENTORCARD_LANG=ru "$bin" completions zsh >"$share/completions/_mentorcard"
MENTORCARD_LANG=ru "$bin" completions fish >"$share/completions/mentorcard.fish"

echo "== archive"
name="mentorcard-$version-x86_64-linux"
stage="$dist/$name"
mkdir -p "$stage/completions"
cp "$bin" README.md LICENSE "$stage/"
cp assets/fonts/OFL.txt "$stage/OFL.txt"
gunzip -c "$share/man/man1/mentorcard.1.gz" >"$stage/mentorcard.1"
cp "$share/completions/"* "$stage/completions/"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$dist" -cf - "$name" | gzip -9n >"$dist/$name.tar.gz"
rm -rf "$stage"

echo "== .deb"
cargo deb --no-build --no-strip --target "$target" --output "$dist/mentorcard_${version}_amd64.deb"

echo "== .rpm"
# gzip, not zstd: ALT's and older RED OS rpm read no zstd payload.
cargo generate-rpm --target "$target" --payload-compress gzip \
  --output "$dist/mentorcard-$version-1.x86_64.rpm"

rm -rf "$share"
(cd "$dist" && sha256sum -- *.tar.gz *.deb *.rpm >SHA256SUMS)
ls -l "$dist"
