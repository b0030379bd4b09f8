#!/bin/sh
# Registers once with the enrollment token (the key is kept in the state volume), then runs the agent.
set -eu
CONFIG=/etc/healthmon-agent/agent.yaml
if [ ! -s /var/lib/healthmon-agent/api-key ]; then
  : "${HEALTHMON_ENROLLMENT_TOKEN:?set HEALTHMON_ENROLLMENT_TOKEN so the agent can register}"
  java -jar /opt/healthmon/healthmon-agent.jar register --config "$CONFIG" \
    --server "${MONITORING_SERVER_URL:-http://server:8080/}" --token "$HEALTHMON_ENROLLMENT_TOKEN"
fi
exec java -Xmx32m -XX:+UseSerialGC -jar /opt/healthmon/healthmon-agent.jar --config "$CONFIG"
