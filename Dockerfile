# syntax=docker/dockerfile:1
# One image recipe for both services, chosen by build args; the context is the repository root
# (.dockerignore sends only the two exec jars). Build the jars first
# (./mvnw -B -pl report-intake,report-worker -am package -DskipTests), then e.g.
#   docker build --build-arg MODULE=report-intake --build-arg HTTP_PORT=8080 --build-arg MANAGEMENT_PORT=9080 \
#       -t spelling-reports/report-intake .
#   docker build --build-arg MODULE=report-worker --build-arg HTTP_PORT=8081 --build-arg MANAGEMENT_PORT=9081 \
#       -t spelling-reports/report-worker .
# docker-compose.yml passes the same args.
# Stage 1 splits the Boot jar into layers (Boot 4 "tools" jar mode), so that a code change
# rebuilds only the small application layer; stage 2 is a plain JRE running as a non-root user.
FROM eclipse-temurin:17.0.17_10-jre-noble AS layers
ARG MODULE
ARG HTTP_PORT
ARG MANAGEMENT_PORT
# no defaults: an image built with another module's ports would fail its healthcheck much later
RUN test -n "$MODULE" && test -n "$HTTP_PORT" && test -n "$MANAGEMENT_PORT" \
    || { echo "build args MODULE, HTTP_PORT and MANAGEMENT_PORT are required" >&2; exit 1; }
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17.0.17_10-jre-noble
RUN groupadd --system --gid 10001 spelling \
    && useradd --system --uid 10001 --gid spelling --no-create-home --shell /usr/sbin/nologin spelling
WORKDIR /app
# least to most often changed
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ARG HTTP_PORT
ARG MANAGEMENT_PORT
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT}
EXPOSE ${HTTP_PORT} ${MANAGEMENT_PORT}
# readiness on the management port, with bash's /dev/tcp: the JRE image has no curl to rely on
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
