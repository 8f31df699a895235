#!/usr/bin/env bash
# GPU check for exact kNN search (org.cnlp.terminology.knn.GpuCheck): probes CUDA, checks that the GPU
# returns the same rows and bit-identical scores as the CPU (odd sizes, dim 384 and 37, k 1/10/128,
# duplicated rows for ties, many chunks and query batches), then benchmarks CPU and GPU at 10k, 100k and
# 1M vectors (dim 384, 64 queries per batch, k 10). Takes about a minute on a 16-core GPU machine.
#
# Usage (from anywhere): terminology-index/gpu-check.sh [--no-bench] [--device=N]
# Exit status: 0 all identical, 1 a CPU/GPU mismatch, 2 an error (build, JVM, CUDA), 3 no usable GPU.
#
# Where the code comes from:
#  (a) mvn and ~/.m2 (with JCuda) usable: builds the module offline (tests skipped) and copies the jars it
#      needs to terminology-index/target/gpu-lib. GPU_CHECK_BUILD=0 skips this.
#  (b) otherwise (a GPU machine without Maven): prepare on a build machine and bring the results along:
#        mvn -o -q -B install -pl terminology-index -DskipTests
#        mvn -o -q -B dependency:copy-dependencies -pl terminology-index -DincludeScope=runtime \
#            -DincludeArtifactIds=jcuda,jcuda-natives,slf4j-api -DoutputDirectory=terminology-index/target/gpu-lib
#      and, only if the GPU machine has no Java 25, a minimal runtime (about 43 MB):
#        jlink --add-modules java.base,java.logging --strip-debug --no-man-pages --no-header-files \
#            --compress=zip-6 --output terminology-index/target/gpu-jre
#      i.e. terminology-index/target/{classes,gpu-lib,gpu-jre}, about 55 MB together.
#      The check is then just: java -cp "terminology-index/target/classes:terminology-index/target/gpu-lib/*" \
#          org.cnlp.terminology.knn.GpuCheck
# Overrides: GPU_LIB=folder of jars, JAVA=java binary, JAVA_OPTS (default -Xmx8g).
set -uo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$module")"
cd "$root" || exit 2
classes="$module/target/classes"
lib="${GPU_LIB:-$module/target/gpu-lib}"

is_java25() { [ -x "$1" ] && "$1" -version 2>&1 | head -1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }

# A JDK for Maven (what .ci/env.sh selects), then the java to run the check with.
jdk=""
if [ -f "$root/.ci/env.sh" ]; then
  jdk="$(source "$root/.ci/env.sh" >/dev/null 2>&1 && echo "${JAVA_HOME:-}")"
fi
java_bin="${JAVA:-}"
for candidate in "$module/target/gpu-jre/bin/java" "${jdk:+$jdk/bin/java}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java 2>/dev/null)"; do
  if [ -z "$java_bin" ] && [ -n "$candidate" ] && is_java25 "$candidate"; then java_bin="$candidate"; fi
done

if [ "${GPU_CHECK_BUILD:-1}" != 0 ] && command -v mvn >/dev/null 2>&1 && [ -n "$jdk" ] \
    && [ -d "$HOME/.m2/repository/org/jcuda/jcuda" ]; then
  echo "== building terminology-index with Maven (offline, tests skipped)"
  export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
  if JAVA_HOME="$jdk" mvn -o -q -B install -pl terminology-index -DskipTests \
      && JAVA_HOME="$jdk" mvn -o -q -B dependency:copy-dependencies -pl terminology-index -DincludeScope=runtime \
          -DincludeArtifactIds=jcuda,jcuda-natives,slf4j-api -DoutputDirectory="$module/target/gpu-lib"; then
    lib="${GPU_LIB:-$module/target/gpu-lib}"
  else
    echo "== Maven build failed; trying already-built classes and jars" >&2
  fi
else
  echo "== not building (no mvn, JDK 25 or JCuda in ~/.m2, or GPU_CHECK_BUILD=0): using built classes and jars"
fi

if [ ! -f "$classes/org/cnlp/terminology/knn/GpuCheck.class" ]; then
  echo "gpu-check: $classes has no org/cnlp/terminology/knn/GpuCheck.class; build it first (see the header of $0)" >&2
  exit 2
fi
if ! ls "$lib"/jcuda-*.jar >/dev/null 2>&1; then
  echo "gpu-check: no JCuda jars in $lib; copy them there (see the header of $0) or set GPU_LIB" >&2
  exit 2
fi
if [ -z "$java_bin" ]; then
  echo "gpu-check: no Java 25 found (tried \$JAVA, $module/target/gpu-jre, \$JAVA_HOME, PATH); see the header of $0" >&2
  exit 2
fi

echo "== java: $java_bin ($("$java_bin" -version 2>&1 | head -1))"
echo "== jars: $(cd "$lib" && ls ./*.jar | tr '\n' ' ')"
command -v nvidia-smi >/dev/null 2>&1 \
  && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/== nvidia-smi: /'
# shellcheck disable=SC2086
"$java_bin" ${JAVA_OPTS:--Xmx8g} --enable-native-access=ALL-UNNAMED -cp "$classes:$lib/*" \
  org.cnlp.terminology.knn.GpuCheck "$@"
status=$?
case $status in
  0) echo "== gpu-check: PASSED (CPU and GPU identical)" ;;
  1) echo "== gpu-check: FAILED (CPU and GPU differ; see FAIL lines above)" ;;
  3) echo "== gpu-check: no usable GPU (see the probe line above)" ;;
  *) echo "== gpu-check: ERROR (exit status $status)" ;;
esac
exit $status
