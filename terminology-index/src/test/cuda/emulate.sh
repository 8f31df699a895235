#!/usr/bin/env bash
# Checks the logic of src/main/cuda/knn.cu without a GPU: compiles the kernels unchanged with g++ (each CUDA
# thread a fiber, __syncthreads() a switch; see knn_emulate.cpp), runs them through CudaKnnSearcher's launch
# plan on 14 cases (odd sizes and dims, ties, many chunks and query batches) and compares every key with a
# sequential reference. About 30 s on 2 cores. Not part of the Maven build; run it after editing knn.cu.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(mktemp)"
trap 'rm -f "$bin"' EXIT
"${CXX:-g++}" -std=c++17 -O2 -ffp-contract=off -Wall -Wno-unknown-pragmas -o "$bin" "$here/knn_emulate.cpp"
"$bin"
