#!/bin/bash
# The broker of deploy/docker-compose.yml with the secure configuration of `screening broker
# start --secure`: SASL_SSL listeners (SCRAM-SHA-512, TLS with deploy/secrets/kafka.pem),
# SASL/PLAIN on the container-local controller listener, StandardAuthorizer with
# allow.everyone.if.no.acl.found=false, super users admin/broker/controller. The SCRAM users
# (USERS: the principals of deploy/kafka/acls.toml, the admin and the broker itself) are created
# when the storage is formatted; passwords are read from the compose secrets at start, never
# written into the image, the compose file or the logs. Runs in the official apache/kafka image.
# A user added to acls.toml later needs `kafka-configs.sh --alter --add-config SCRAM-SHA-512=...`
# on an existing volume (format runs once). tests/deploy/test_compose_security.py runs it.
set -euo pipefail
SECRETS=${SECRETS:-/run/secrets}
KAFKA=${KAFKA_HOME:-/opt/kafka}
WORK=${WORK:-/tmp}
CONF=$WORK/server.properties
USERS=(admin publisher worker auditor reviewer broker)
secret() { tr -d '\r\n' < "$SECRETS/$1"; }
jaas_scram() { echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"$(secret broker.password)\";"; }
controller_pw=$(secret controller.password)

umask 077
cat > "$CONF" <<PROPERTIES
node.id=1
process.roles=broker,controller
listeners=SECURE://:29092,EXTERNAL://:9092,CONTROLLER://localhost:9093
advertised.listeners=SECURE://kafka:29092,EXTERNAL://127.0.0.1:9092
listener.security.protocol.map=SECURE:SASL_SSL,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=SECURE
controller.listener.names=CONTROLLER
controller.quorum.voters=1@localhost:9093
log.dirs=/var/lib/kafka/data
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.secure.scram-sha-512.sasl.jaas.config=$(jaas_scram)
listener.name.external.scram-sha-512.sasl.jaas.config=$(jaas_scram)
ssl.keystore.type=PEM
ssl.keystore.location=$SECRETS/kafka.pem
ssl.truststore.type=PEM
ssl.truststore.location=$SECRETS/ca.pem
ssl.client.auth=none
ssl.endpoint.identification.algorithm=https
ssl.enabled.protocols=TLSv1.3,TLSv1.2
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="$controller_pw" user_controller="$controller_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:broker;User:controller
PROPERTIES

# The healthcheck's admin client (kafka-topics.sh --command-config), readable only here.
cat > "$WORK/admin-client.properties" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(secret admin.password)";
ssl.truststore.type=PEM
ssl.truststore.location=$SECRETS/ca.pem
PROPERTIES

scram=()
for user in "${USERS[@]}"; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(secret "$user.password")]")
done
"$KAFKA/bin/kafka-storage.sh" format --ignore-formatted -t "${CLUSTER_ID:?}" -c "$CONF" \
  "${scram[@]}" > /dev/null
exec "$KAFKA/bin/kafka-server-start.sh" "$CONF"
