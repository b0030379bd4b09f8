# healthmon server on the official Payara Micro 6 image. Build from the repository root after
# ./mvnw -B -DskipTests install:
#   docker build -f docker/server.Dockerfile -t healthmon-server .
# Not built by the tests: the build machines have no Docker engine.
FROM payara/micro:6.2025.10-jdk17

COPY server-war/target/healthmon-server.war /opt/payara/deployments/healthmon-server.war
COPY server-war/target/runtime/postgresql.jar /opt/payara/libs/postgresql.jar
COPY payara-config/target/healthmon-payara-config.jar /opt/payara/libs/healthmon-payara-config.jar
COPY docker/server-entrypoint.sh /opt/payara/server-entrypoint.sh

# DATABASE_URL, HEALTHMON_ENROLLMENT_TOKEN, HEALTHMON_ADMIN_TOKEN and the other HEALTHMON_* settings
# come from the environment (see compose.yaml).
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/bin/sh", "/opt/payara/server-entrypoint.sh"]
