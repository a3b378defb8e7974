# The client image of docs/scale-out/k8s/30-client-job.yaml: the checkout with its jar built, a JDK 17, Maven (so that
# run-bench.sh finds the jar up to date and never rebuilds), kubectl for the launcher, fonts for the charts.
# From the checkout:  docker build -f docs/scale-out/k8s/client.Dockerfile -t <registry>/ipcbench-client:<tag> .
FROM maven:3.9-eclipse-temurin-17
ARG KUBECTL_VERSION=v1.32.4
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && curl -fsSL -o /usr/local/bin/kubectl \
      "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/$(dpkg --print-architecture)/kubectl" \
 && chmod 0755 /usr/local/bin/kubectl
WORKDIR /ipcbench
COPY pom.xml run-bench.sh ./
COPY src ./src
RUN mvn -B -q -DskipTests package
