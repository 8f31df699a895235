#!/usr/bin/env bash
# Regenerates ../resources/org/cnlp/terminology/knn/knn.ptx from knn.cu (run it after every change to
# knn.cu; KnnPtxTest fails while the PTX is stale). Needs nvcc (CUDA 12.x or 13.x; NVCC=... to choose).
# Flags: compute_75 PTX (the oldest architecture CUDA 13 still targets; the driver JIT-compiles it for
# newer GPUs); -fmad=false -ftz=false and IEEE division/sqrt so that nothing is contracted or flushed
# (knn.cu also uses __fmul_rn/__fadd_rn explicitly). The first line records the source's sha256.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/knn.cu"
out="$(cd "$here/.." && pwd)/resources/org/cnlp/terminology/knn/knn.ptx"
nvcc="${NVCC:-nvcc}"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
"$nvcc" -ptx -arch=compute_75 -fmad=false -ftz=false -prec-div=true -prec-sqrt=true -o "$tmp" "$src"
if grep -qE '\bfma\.|\.ftz\b' "$tmp"; then
  echo "build-ptx: the PTX contains fma or .ftz instructions; scores would differ from the CPU" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
{ echo "// source-sha256: $(sha256sum "$src" | cut -d' ' -f1)"; cat "$tmp"; } > "$out"
ptxas="${PTXAS:-$(command -v ptxas || echo /usr/local/cuda/bin/ptxas)}"
if [ -x "$ptxas" ]; then
  for arch in sm_75 sm_90; do
    "$ptxas" -arch="$arch" "$out" -o /dev/null
  done
  echo "build-ptx: $out written; ptxas assembles it for sm_75 and sm_90"
else
  echo "build-ptx: $out written (ptxas not found: not assembled)"
fi
