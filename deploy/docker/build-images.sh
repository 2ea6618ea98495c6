#!/usr/bin/env bash
# Builds every image the deployment and the container tests use, from what a machine without an
# image registry can reach (Debian's packages and Maven Central). Each image carries a label with a
# content hash of its inputs; an image whose label matches is kept, so a second run builds nothing.
#
#   deploy/docker/build-images.sh [--force] [IMAGE...]
#
# IMAGE is any of: base chimera kafka prometheus (default: all, in that order)
#   base     chimera/debian-jre:17     Debian bookworm + openjdk-17-jre-headless + curl (mmdebstrap, docker import)
#   chimera  chimera-insight:local     the CLI jar on that base (deploy/Dockerfile); every service, the
#                                      standalone registry (`registry`) and the GPU worker simulator
#                                      (`simulate-worker`): the command picks which
#   kafka    chimera/kafka:<version>   an Apache Kafka KRaft node from Kafka's Maven Central jars
#   prometheus chimera/prometheus:bookworm  Debian's prometheus package on that base (the compose stack's)
#
# The CLI jar (app/target/chimera.jar) is built by the host's Maven through ./chimera when it is
# missing or older than the sources. Talks to the daemon at DOCKER_HOST (or the default socket):
# start one with deploy/docker/dockerd.sh on a machine that has none. Builds use the legacy
# builder with --network host (no bridge network exists on our machines).
#
# Environment: CHIMERA_DEBIAN_MIRROR (default http://deb.debian.org/debian),
# CHIMERA_DEBIAN_SECURITY_MIRROR (default http://deb.debian.org/debian-security),
# CHIMERA_IMAGE_TAG (tag of chimera-insight, default local).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

BASE_IMAGE=chimera/debian-jre:17
CHIMERA_IMAGE=chimera-insight:${CHIMERA_IMAGE_TAG:-local}
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$root/pom.xml")
KAFKA_IMAGE=chimera/kafka:$KAFKA_VERSION
PROMETHEUS_IMAGE=chimera/prometheus:bookworm
INPUTS_LABEL=io.chimera.inputs
DEBIAN_MIRROR=${CHIMERA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${CHIMERA_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# passwd: useradd/groupadd for the images' fixed non-root users; curl: the health checks.
BASE_PACKAGES=openjdk-17-jre-headless,curl,passwd,ca-certificates

force=false
targets=()
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    base|chimera|kafka|prometheus) targets+=("$arg") ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done
(( ${#targets[@]} )) || targets=(base chimera kafka prometheus)

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || {
  echo "build-images.sh: no Docker daemon answers at ${DOCKER_HOST:-the default socket}; on a machine without one run" \
       "deploy/docker/dockerd.sh start and export the DOCKER_HOST it prints" >&2
  exit 1
}

sha() { sha256sum | cut -c1-64; }

current_inputs() {
  docker image inspect --format "{{index .Config.Labels \"$INPUTS_LABEL\"}}" "$1" 2>/dev/null || true
}

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# drop_replaced OLD_ID: removes the image a rebuild replaced, when nothing else names or uses it.
drop_replaced() {
  local old=$1 dangling
  [[ -n $old ]] || return 0
  dangling=$(docker image inspect --format '{{len .RepoTags}}' "$old" 2>/dev/null || echo x)
  [[ $dangling == 0 ]] && docker image rm "$old" >/dev/null 2>&1 || true
}

# up_to_date IMAGE HASH: true when IMAGE exists with HASH in its label (and --force is not given).
up_to_date() {
  if ! $force && [[ $(current_inputs "$1") == "$2" ]]; then
    echo "$1: up to date (inputs ${2:0:12})"
    return 0
  fi
  return 1
}

timed() {
  local started=$SECONDS
  "$@"
  echo "    took $((SECONDS - started)) s"
}

# The base image's whole recipe: mmdebstrap's arguments and the image settings docker import adds.
# Documentation is left out, except the copyright files; man pages stay, because
# update-alternatives (java's /usr/bin/java link) writes into usr/share/man.
BASE_MMDEBSTRAP_ARGS=(--variant=minbase --include="$BASE_PACKAGES"
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --aptopt='Acquire::Retries "3"'
  bookworm)
BASE_SOURCES=("deb $DEBIAN_MIRROR bookworm main" "deb $DEBIAN_MIRROR bookworm-updates main"
  "deb $SECURITY_MIRROR bookworm-security main")
BASE_CHANGES=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' 'CMD ["bash"]')

build_base() {
  local inputs
  inputs=$(printf '%s\n' "${BASE_MMDEBSTRAP_ARGS[@]}" "${BASE_SOURCES[@]}" "${BASE_CHANGES[@]}" | sha)
  up_to_date "$BASE_IMAGE" "$inputs" && return
  command -v mmdebstrap >/dev/null || {
    echo "build-images.sh: mmdebstrap is missing (apt-get install mmdebstrap; deploy/docker/dockerd.sh start installs it)" >&2
    exit 1
  }
  echo "$BASE_IMAGE: building from Debian bookworm with mmdebstrap ($BASE_PACKAGES)"
  local work change changes=() old
  old=$(image_id "$BASE_IMAGE")
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  mmdebstrap --quiet "${BASE_MMDEBSTRAP_ARGS[@]}" "$work/rootfs.tar" "${BASE_SOURCES[@]}"
  for change in "${BASE_CHANGES[@]}" "LABEL $INPUTS_LABEL=$inputs"; do
    changes+=(--change "$change")
  done
  docker import "${changes[@]}" "$work/rootfs.tar" "$BASE_IMAGE" >/dev/null
  drop_replaced "$old"
  echo "$BASE_IMAGE: built ($(docker image inspect --format '{{.Size}}' "$BASE_IMAGE" | awk '{printf "%d MB", $1/1e6}'))"
}

build_chimera() {
  echo "$CHIMERA_IMAGE: checking the CLI jar (./chimera builds it with Maven when sources changed)"
  "$root/chimera" --version >/dev/null
  local inputs
  inputs=$( { image_id "$BASE_IMAGE"; sha < "$root/deploy/Dockerfile"; sha < "$root/app/target/chimera.jar"; } | sha)
  up_to_date "$CHIMERA_IMAGE" "$inputs" && return
  echo "$CHIMERA_IMAGE: building on $BASE_IMAGE"
  local old
  old=$(image_id "$CHIMERA_IMAGE")
  # The context is exactly what the Dockerfile copies, sent as a tar: the legacy builder does not
  # read deploy/Dockerfile.dockerignore and would otherwise send the whole repository.
  tar -C "$root" -c deploy/Dockerfile app/target/chimera.jar \
    | docker build --quiet --network host -f deploy/Dockerfile \
        --build-arg BASE_IMAGE="$BASE_IMAGE" --label "$INPUTS_LABEL=$inputs" -t "$CHIMERA_IMAGE" - >/dev/null
  drop_replaced "$old"
  echo "$CHIMERA_IMAGE: built"
}

build_kafka() {
  local context=$here/kafka libs=$here/kafka/target/libs
  # The jars are those the pom resolves (Kafka's version is the root pom's kafka.version).
  if [[ ! -d $libs ]] || [[ -n $(find "$context/pom.xml" "$root/pom.xml" -newer "$libs" -print -quit) ]]; then
    echo "$KAFKA_IMAGE: copying Kafka's jars from Maven"
    rm -rf "$libs"
    # Some Maven builds print bare colour resets even in batch mode; strip them, as ./chimera does.
    mvn -B -q -Dstyle.color=never -f "$context/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$libs" 2>&1 | sed 's/\x1b\[0m//g'
    touch "$libs"
  fi
  local inputs
  inputs=$( { image_id "$BASE_IMAGE"; cd "$context"; find Dockerfile kafka-start.sh log4j2.xml target/libs -type f \
      | sort | xargs sha256sum; } | sha)
  up_to_date "$KAFKA_IMAGE" "$inputs" && return
  echo "$KAFKA_IMAGE: building on $BASE_IMAGE"
  local old
  old=$(image_id "$KAFKA_IMAGE")
  tar -C "$context" -c Dockerfile kafka-start.sh log4j2.xml target/libs \
    | docker build --quiet --network host --build-arg BASE_IMAGE="$BASE_IMAGE" \
        --label "$INPUTS_LABEL=$inputs" -t "$KAFKA_IMAGE" - >/dev/null
  drop_replaced "$old"
  echo "$KAFKA_IMAGE: built"
}

build_prometheus() {
  local context=$here/prometheus
  # Inputs: the base and the Dockerfile. The package comes from bookworm (+ security updates) when the
  # image is built; --force rebuilds it to pick up a newer one, as for the base.
  local inputs
  inputs=$( { image_id "$BASE_IMAGE"; sha < "$context/Dockerfile"; } | sha)
  up_to_date "$PROMETHEUS_IMAGE" "$inputs" && return
  echo "$PROMETHEUS_IMAGE: building on $BASE_IMAGE (apt-get install prometheus)"
  local old
  old=$(image_id "$PROMETHEUS_IMAGE")
  tar -C "$context" -c Dockerfile \
    | docker build --quiet --network host --build-arg BASE_IMAGE="$BASE_IMAGE" \
        --label "$INPUTS_LABEL=$inputs" -t "$PROMETHEUS_IMAGE" - >/dev/null
  drop_replaced "$old"
  echo "$PROMETHEUS_IMAGE: built ($(docker run --rm --network host --entrypoint prometheus "$PROMETHEUS_IMAGE" --version 2>&1 | head -n1))"
}

for target in "${targets[@]}"; do
  timed "build_$target"
done
