#!/usr/bin/env bash
# Starts one Apache Kafka KRaft node configured by environment, the convention of the apache/kafka
# image: every KAFKA_<NAME> variable becomes the server property <name>, lower-cased, "_" -> ".",
# "__" -> "_", "___" -> "-" (KAFKA_MIN_INSYNC_REPLICAS=2 -> min.insync.replicas=2). Defaults make a
# single combined broker+controller on 127.0.0.1:9092 (clients) and 127.0.0.1:9093 (controller):
#
#   KAFKA_NODE_ID                                   1
#   KAFKA_PROCESS_ROLES                             broker,controller
#   KAFKA_CONTROLLER_QUORUM_VOTERS                  <node id>@127.0.0.1:9093
#   KAFKA_LISTENERS                                 PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
#                                                   (CONTROLLER://127.0.0.1:9093 only for a pure controller)
#   KAFKA_ADVERTISED_LISTENERS                      the PLAINTEXT listener, for a broker
#   KAFKA_LISTENER_SECURITY_PROTOCOL_MAP            CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
#   KAFKA_CONTROLLER_LISTENER_NAMES                 CONTROLLER
#   KAFKA_INTER_BROKER_LISTENER_NAME                PLAINTEXT
#   KAFKA_LOG_DIRS                                  /var/lib/kafka/data
#   KAFKA_DEFAULT_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS, KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR,
#   KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR, KAFKA_TRANSACTION_STATE_LOG_MIN_ISR   1 (one node)
#   KAFKA_AUTO_CREATE_TOPICS_ENABLE                 false (the services create their topics)
#   KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS          0
#
# KAFKA_CLUSTER_ID (not a property) names the cluster when the log directory is formatted; every
# node of one cluster needs the same one. KAFKA_HEAP_OPTS (default -Xmx512m) and KAFKA_OPTS go to
# the JVM. The storage is formatted once (a formatted directory is kept as it is), then the node
# runs as this process (exec), so `docker stop` reaches the JVM.
set -euo pipefail
home=/opt/kafka
config=$home/config/server.properties

node_id=${KAFKA_NODE_ID:-1}
roles=${KAFKA_PROCESS_ROLES:-broker,controller}
if [[ $roles == controller ]]; then
  default_listeners=CONTROLLER://127.0.0.1:9093
else
  default_listeners=PLAINTEXT://127.0.0.1:9092
  [[ $roles == *controller* ]] && default_listeners+=,CONTROLLER://127.0.0.1:9093
fi

declare -A props=(
  [node.id]=$node_id
  [process.roles]=$roles
  [controller.quorum.voters]=$node_id@127.0.0.1:9093
  [listeners]=$default_listeners
  [listener.security.protocol.map]=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
  [controller.listener.names]=CONTROLLER
  [log.dirs]=/var/lib/kafka/data
  [default.replication.factor]=1
  [min.insync.replicas]=1
  [offsets.topic.replication.factor]=1
  [transaction.state.log.replication.factor]=1
  [transaction.state.log.min.isr]=1
  [auto.create.topics.enable]=false
  [group.initial.rebalance.delay.ms]=0
)
[[ $roles == *broker* ]] && props[inter.broker.listener.name]=PLAINTEXT

for var in $(compgen -e); do
  case $var in
    KAFKA_CLUSTER_ID|KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_VERSION) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  name=${var#KAFKA_}
  name=${name,,}
  name=${name//___/-}
  name=${name//__/@}
  name=${name//_/.}
  name=${name//@/_}
  props[$name]=${!var}
done

# A broker advertises its client listener unless told otherwise.
if [[ $roles == *broker* && -z ${props[advertised.listeners]:-} ]]; then
  advertised=$(tr ',' '\n' <<<"${props[listeners]}" | grep -v '^CONTROLLER://' | paste -sd, -)
  props[advertised.listeners]=$advertised
fi

{
  echo "# written by kafka-start.sh from the environment"
  for name in $(printf '%s\n' "${!props[@]}" | sort); do
    echo "$name=${props[$name]}"
  done
} >"$config"
cat "$config"

# The HEALTHCHECK connects to the node's first listener (a broker's client listener, a pure
# controller's controller listener): the start script is what knows where that is.
first_listener=$(tr ',' '\n' <<<"${props[listeners]}" | grep -v '^CONTROLLER://' | head -n1)
[[ -n $first_listener ]] || first_listener=${props[listeners]%%,*}
health_host=${first_listener#*://}
health_host=${health_host%:*}
[[ -z $health_host || $health_host == 0.0.0.0 ]] && health_host=127.0.0.1
echo "$health_host ${first_listener##*:}" >"$home/config/health-address"

classpath="$home/libs/*"
log4j="-Dlog4j2.configurationFile=$home/log4j2.xml"
log_dir=${props[log.dirs]%%,*}
if [[ ! -f $log_dir/meta.properties ]]; then
  cluster_id=${KAFKA_CLUSTER_ID:?KAFKA_CLUSTER_ID is needed to format a new node (the same for every node of a cluster)}
  echo "formatting $log_dir for cluster $cluster_id"
  java $log4j -cp "$classpath" kafka.tools.StorageTool format --config "$config" --cluster-id "$cluster_id" --ignore-formatted
fi

# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -Djava.awt.headless=true $log4j ${KAFKA_OPTS:-} -cp "$classpath" kafka.Kafka "$config"
