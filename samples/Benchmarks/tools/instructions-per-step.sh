#!/bin/bash
# Instructions per step of the benchmark network, counted by valgrind (no PMU needed, far less noisy than time on a
# shared 2-vCPU machine): (Ir at S2 steps − Ir at S1 steps) / (S2 − S1), so start-up and JIT cancel out.
# usage: instructions-per-step.sh [Benchmarks.dll ...] [-- extra Benchmarks args]   (default: this tree's Release build)
# needs: valgrind (Debian package 'valgrind'). S1/S2 via env (default 1000/3000).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dlls=(); extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  dlls+=("$1"); shift
done
[ ${#dlls[@]} -eq 0 ] && dlls=("$here/bin/Release/net10.0/Benchmarks.dll")
[ ${#extra[@]} -eq 0 ] && extra=(--n 4000 --threads 1)
S1=${S1:-1000}; S2=${S2:-3000}
ir() { DOTNET_TieredCompilation=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
         dotnet "$1" "${extra[@]}" --steps "$2" 2>&1 | grep "I *refs" | tr -d ',' | awk '{print $NF}'; }
for d in "${dlls[@]}"; do
  a=$(ir "$d" "$S1"); b=$(ir "$d" "$S2")
  echo "$d: $(( (b - a) / (S2 - S1) )) instructions/step (${extra[*]})"
done
