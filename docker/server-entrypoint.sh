#!/bin/sh
# Renders the JDBC pool from DATABASE_URL, then starts Payara Micro with the WAR at the root context.
set -eu
java -jar /opt/payara/libs/healthmon-payara-config.jar /tmp/post-boot.asadmin
exec java ${JVM_ARGS:-} -jar /opt/payara/payara-micro.jar \
  --nohazelcast --port 8080 \
  --addlibs /opt/payara/libs/postgresql.jar \
  --postbootcommandfile /tmp/post-boot.asadmin \
  --deploy /opt/payara/deployments/healthmon-server.war --contextroot /
