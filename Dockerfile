# cronium/cronium-operator: the operator (Quarkus fast-jar). Build with `make operator-image`,
# which builds the jar first. The base needs only a Java 17 runtime; by default it is the
# runtime-api base (make base-image), so no registry is needed; with one, pass e.g.
# --build-arg BASE_IMAGE=eclipse-temurin:17-jre.
ARG BASE_IMAGE=localhost/cronium/runtime-base:bookworm
FROM ${BASE_IMAGE}

COPY target/quarkus-app/lib/ /opt/cronium/operator/lib/
COPY target/quarkus-app/*.jar /opt/cronium/operator/
COPY target/quarkus-app/app/ /opt/cronium/operator/app/
COPY target/quarkus-app/quarkus/ /opt/cronium/operator/quarkus/

# Runs as non-root with a read-only root filesystem (the chart mounts a writable /tmp).
USER 1000:1000
EXPOSE 8080
# The heap shrinks back once a collection leaves most of it free: the start-up lists of a large
# cluster need room that the steady state does not. Its young generation stays small: between
# bursts the operator allocates little, and a third of a large heap would sit empty. Native memory
# the JIT compilers free goes back to the system every 5 s instead of staying with the C library
# (~50 MiB after start-up; needs JDK 17.0.9 or later). make bench-memory measures all three.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", \
            "-XX:MaxNewSize=24m", "-XX:TrimNativeHeapInterval=5000", \
            "-Djava.io.tmpdir=/tmp", \
            "-jar", "/opt/cronium/operator/quarkus-run.jar"]
