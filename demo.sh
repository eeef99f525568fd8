#!/usr/bin/env bash
# Starts the Spring Boot demo (examples/.../demo/DemoApplication) on http://localhost:8080/ after building what
# it needs (tests skipped). Pass another main to run an example instead: ./demo.sh QuickStartMain
# PORT=9090 ./demo.sh serves on another port.
set -euo pipefail
cd "$(dirname "$0")"
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -B -pl examples -am -DskipTests package
JAR=$(ls examples/target/examples-*-demo.jar | head -n 1)
if [ $# -gt 0 ]; then
  exec "$JAVA" -Dloader.main="io.scheduledreports.examples.$1" -jar "$JAR" "${@:2}"
fi
echo "Scheduled Reports demo: http://localhost:${PORT:-8080}/ (Ctrl+C to stop)"
exec "$JAVA" -jar "$JAR"
