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

export IPCBENCH_HOME="$home"
exec "$java" -Djava.awt.headless=true -cp "$jar" ipcbench.cli.Main "$@"
