#!/bin/sh
# Renders the JDBC pool from DATABASE_URL and the cluster flags from HEALTHMON_CLUSTER_* (docs/cluster.md;
# none set: one instance, --nohazelcast), then starts Payara Micro with the WAR at the root context.
set -eu
java -jar /opt/payara/libs/healthmon-payara-config.jar /tmp/post-boot.asadmin /tmp/logging.properties /tmp/cluster.env
. /tmp/cluster.env
# The flags are split into words on purpose: one argument per flag.
# shellcheck disable=SC2086
exec java ${JVM_ARGS:-} -jar /opt/payara/payara-micro.jar \
  $PAYARA_MICRO_CLUSTER_FLAGS --port 8080 \
  --addlibs /opt/payara/libs/postgresql.jar \
  --postbootcommandfile /tmp/post-boot.asadmin \
  --logproperties /tmp/logging.properties \
  --deploy /opt/payara/deployments/healthmon-server.war --contextroot /
