# sipyard in a container, made from the release tarball that ./mvnw package leaves in target/.
# NOT built or run on the project's own machine (it has no container engine): see README.md,
# "Container image".
#   ./mvnw -B package -DskipTests
#   docker build -t sipyard .
FROM eclipse-temurin:21-jre AS unpack
COPY target/sipyard-*.tar.gz /tmp/
# exactly one tarball: an old version left in target/ would make the choice ambiguous
RUN set -eu; set -- /tmp/sipyard-*.tar.gz; [ "$#" -eq 1 ]; \
    mkdir /opt/sipyard; tar -xzf "$1" -C /opt/sipyard --strip-components=1

FROM eclipse-temurin:21-jre
# espeak-ng speaks <Say> (without it, <Say> is skipped and logged)
RUN apt-get update \
    && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*
COPY --from=unpack /opt/sipyard /opt/sipyard
RUN useradd --system --uid 10001 --home-dir /var/lib/sipyard --create-home --shell /usr/sbin/nologin sipyard
USER sipyard
WORKDIR /var/lib/sipyard
# Listen on every address of the container. RTP then binds to 0.0.0.0 too, so SIPYARD_RTP_PUBLIC_ADDR
# (the address phones send audio to) must be given at run time; the server refuses to start without it.
ENV SIPYARD_DATA_DIR=/var/lib/sipyard \
    SIPYARD_HTTP_ADDR=0.0.0.0:8080 \
    SIPYARD_SIP_ADDR=0.0.0.0:5060
VOLUME /var/lib/sipyard
EXPOSE 8080/tcp 5060/udp 5060/tcp 5061/tcp 5066/tcp 7443/tcp 10000-20000/udp
# the launcher execs java, so docker stop's SIGTERM reaches the JVM and its shutdown hook
ENTRYPOINT ["/opt/sipyard/sipyard"]
CMD ["serve"]
