#!/usr/bin/env bash
# ipcbench: builds target/benchmarks.jar when the sources are newer, then runs the command line
# (ipcbench.cli.Main; ./run-bench.sh --help lists everything). Uses $JAVA_HOME/bin/java when set, so
# JAVA_HOME=/usr/lib/jvm/<other-jdk> ./run-bench.sh measures another JDK.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$home/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" || -n "$(find "$home/src/main" "$home/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "ipcbench: building $jar (mvn package) ..." >&2
  if ! (cd "$home" && mvn -B -q -DskipTests package >"$home/target-build.log" 2>&1); then
    echo "ipcbench: the build failed; see $home/target-build.log" >&2
    exit 1
  fi
  rm -f "$home/target-build.log"
fi

# The feature version of the JDK that will run (17, 21, 25, ...), from its release file, else from java -version.
jdk_feature() {
  local bin release version=""
  bin="$(readlink -f "$(command -v "$java")" 2>/dev/null || true)"
  release="$(dirname "$(dirname "$bin")")/release"
  if [[ -n "$bin" && -r "$release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  fi
  if [[ -z "$version" ]]; then
    version="$("$java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
  fi
  echo "${version:-0}"
}

# The flags JMH forks and echo-server children get (ipcbench.process.JvmFlags), so that this JVM, which loads the
# same native and Unsafe-using libraries, starts without warnings too; the Unsafe one exists from JDK 23 on.
flags=(--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
       --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)
if (( $(jdk_feature) >= 23 )); then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi

export IPCBENCH_HOME="$home"
exec "$java" "${flags[@]}" -Djava.awt.headless=true -cp "$jar" ipcbench.cli.Main "$@"
