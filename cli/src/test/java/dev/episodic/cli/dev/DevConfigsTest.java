package dev.episodic.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.cli.UsageException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DevConfigsTest {
    private static final DevSettings SETTINGS = new DevSettings(Path.of("/data"), 19092, 19093, 18083,
            List.of(Path.of("/plugins/a"), Path.of("/plugins/b")), List.of("kafka.jar"), "512m");

    private static Properties parse(final String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void brokerIsSingleNodeKraftOnLoopbackWithATransactionLogThatAcceptsOneReplica() throws Exception {
        Properties p = parse(DevConfigs.broker(SETTINGS, Path.of("/data/kafka/data")));
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("log.dirs", "/data/kafka/data");
    }

    @Test
    void workerIsDistributedWithExactlyOnceServiceLoadedPluginsAndLoopbackRest() throws Exception {
        Properties p = parse(DevConfigs.worker(SETTINGS));
        assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("plugin.path", "/plugins/a,/plugins/b")
                .containsEntry("listeners", "http://127.0.0.1:18083")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("scheduled.rebalance.max.delay.ms", "1000");
    }

    @Test
    void log4jSendsWarnToStderr() {
        assertThat(DevConfigs.log4j()).contains("target=\"SYSTEM_ERR\"").contains("<Root level=\"WARN\">");
    }

    @Test
    void missingPluginsOrKafkaJarsNameTheFix() {
        assertThatThrownBy(() -> new DevSettings(Path.of("d"), 1, 2, 3, List.of(), List.of("k.jar"), "1g"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--plugin-path");
        assertThatThrownBy(() -> new DevSettings(Path.of("d"), 1, 2, 3, List.of(Path.of("p")), List.of(), "1g"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--kafka-classpath");
    }
}
