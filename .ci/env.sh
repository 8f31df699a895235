# Sourced by ./cnlp, ./run-tests and .ci/run: selects the JDK and the flags every JVM here gets.
# The project builds and runs on JDK 25 (Lucene 10 needs 21+; JDK 25 is faster for Lucene).
# Set CNLP_JAVA_HOME (or JAVA_HOME) to a JDK 25 to choose another installation.
_cnlp_java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }
for _candidate in "${CNLP_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  if [ -n "$_candidate" ] && _cnlp_java_ok "$_candidate"; then JAVA_HOME="$_candidate"; break; fi
done
if ! _cnlp_java_ok "${JAVA_HOME:-}"; then
  echo "cnlp: needs a JDK 25; set CNLP_JAVA_HOME to one (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# DJL must never phone home (see the server and model modules).
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
CNLP_JVM_FLAGS="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dai.djl.offline=true"
