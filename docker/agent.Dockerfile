# healthmon agent image. An agent normally runs on the host as a systemd service (agent/README.md);
# this image is for the compose demo (it reports its container's view). Build from the repository
# root after ./mvnw -B -DskipTests install:
#   docker build -f docker/agent.Dockerfile -t healthmon-agent .
# Not built by the tests: the build machines have no Docker engine (DockerFilesTest checks the files).
FROM eclipse-temurin:17-jre

RUN mkdir -p /etc/healthmon-agent /var/lib/healthmon-agent
COPY agent/target/healthmon-agent.jar /opt/healthmon/healthmon-agent.jar
COPY docker/agent-compose.yaml /etc/healthmon-agent/agent.yaml
COPY docker/agent-entrypoint.sh /opt/healthmon/agent-entrypoint.sh
VOLUME /var/lib/healthmon-agent
# HEALTHMON_ENROLLMENT_TOKEN (first start) and MONITORING_SERVER_URL come from the environment.
ENTRYPOINT ["/bin/sh", "/opt/healthmon/agent-entrypoint.sh"]
