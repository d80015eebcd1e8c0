#!/usr/bin/env bash
# Side by side with Brian2 (C++ standalone), same model, same update order, same machine, same invocation.
# Usage: samples/Benchmarks/brian2/run.sh [--sizes 4000,40000] [--steps 10000] [--pairs 3] [--threads 1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
py=/usr/bin/python3

if ! "$py" -c "import brian2" >/dev/null 2>&1; then
  echo "Brian2 not found: installing Debian's python3-brian (needs root and apt)" >&2
  # A fresh machine may have no package lists yet ("Unable to locate package"): update them once and retry.
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get install -y python3-brian python3-dev g++ >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y python3-brian python3-dev g++ >&2; }
fi

dotnet build -c Release "$root/samples/Benchmarks" >&2
ours="$root/samples/Benchmarks/bin/Release/net10.0/Benchmarks"
exec "$py" "$here/compare.py" --ours "$ours" "$@"
