# healthmon agent image. An agent normally runs on the host as a systemd service (agent/README.md);
# this image is for the compose demo. Build from the repository root after ./mvnw -B -DskipTests install:
#   docker build -f docker/agent.Dockerfile -t healthmon-agent .
FROM eclipse-temurin:17-jre

COPY agent/target/healthmon-agent.jar /opt/healthmon/healthmon-agent.jar
# MONITORING_SERVER_URL and MONITORING_API_KEY come from the environment.
ENTRYPOINT ["java", "-Xmx32m", "-XX:+UseSerialGC", "-jar", "/opt/healthmon/healthmon-agent.jar"]
