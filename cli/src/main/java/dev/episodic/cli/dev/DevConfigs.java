package dev.episodic.cli.dev;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The broker and worker properties of the dev cluster. Single-node values that a default broker gets wrong are
 * spelled out: the transaction log must accept one replica, or exactly-once source tasks never start.
 */
final class DevConfigs {
    private DevConfigs() {
    }

    static String broker(final DevSettings s, final Path dataDir) {
        String controller = "127.0.0.1:" + s.controllerPort();
        return String.join("\n",
                "# Written by `episodic dev`; edits are overwritten on the next start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://" + s.bootstrap() + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + s.bootstrap(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // Record timestamps are when things happened (a commit from 2019 carries 2019): time-based
                // retention would delete backfilled history at once, so the dev broker keeps everything.
                "log.retention.ms=-1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    static String worker(final DevSettings s) {
        String plugins = s.pluginPath().stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(","));
        return String.join("\n",
                "# Written by `episodic dev`; edits are overwritten on the next start.",
                "bootstrap.servers=" + s.bootstrap(),
                "group.id=episodic-dev",
                "config.storage.topic=episodic-dev-configs",
                "offset.storage.topic=episodic-dev-offsets",
                "status.storage.topic=episodic-dev-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "exactly.once.source.support=enabled",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=false",
                "plugin.path=" + plugins,
                "plugin.discovery=service_load",
                "listeners=http://127.0.0.1:" + s.restPort(),
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + s.restPort(),
                "offset.flush.interval.ms=1000",
                // One worker: after a restart it must take its connectors back at once, not after the default 5 min.
                "scheduled.rebalance.max.delay.ms=1000",
                "");
    }

    /** WARN and above to stderr, so tool output on stdout stays clean and the process logs stay short. */
    static String log4j() {
        return String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<Configuration status=\"WARN\">",
                "  <Appenders>",
                "    <Console name=\"stderr\" target=\"SYSTEM_ERR\">",
                "      <PatternLayout pattern=\"%d{ISO8601} %-5level [%t] %c{1} - %msg%n\"/>",
                "    </Console>",
                "  </Appenders>",
                "  <Loggers>",
                "    <Root level=\"WARN\"><AppenderRef ref=\"stderr\"/></Root>",
                "  </Loggers>",
                "</Configuration>",
                "");
    }
}
