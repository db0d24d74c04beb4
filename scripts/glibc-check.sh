#!/usr/bin/env bash
# glibc-check.sh FILE [MAX]: prints the newest GLIBC_x.y symbol version FILE asks for (none for
# a static binary) and fails when it is newer than MAX (default 2.17, the oldest glibc we
# promise: Astra Linux 1.7 has 2.28, CentOS 7 2.17). Reads the dynamic symbol table with
# objdump, or readelf where objdump is missing.
set -euo pipefail
file=$1
max=${2:-2.17}
if command -v objdump >/dev/null; then
  symbols=$(objdump -T "$file" 2>/dev/null || true)
else
  symbols=$(readelf --dyn-syms -W "$file" 2>/dev/null || true)
fi
newest=$(grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' <<<"$symbols" | sed 's/GLIBC_//' | sort -uV | tail -n 1 || true)
if [ -z "$newest" ]; then
  echo "glibc: $file needs none"
  exit 0
fi
echo "glibc: $file needs $newest"
if [ "$(printf '%s\n%s\n' "$newest" "$max" | sort -V | tail -n 1)" != "$max" ]; then
  echo "glibc: $newest is newer than $max: the program would not start on older systems" >&2
  exit 1
fi
