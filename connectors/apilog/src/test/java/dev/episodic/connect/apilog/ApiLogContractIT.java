package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's contract on a real broker and Connect worker with exactly-once on, over two log files. */
class ApiLogContractIT extends SourceConnectorContractTest {

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return ApiLogSourceConnector.class;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path a = logs.resolve("a.log");
        Path b = logs.resolve("b.log");
        LogLines.append(a, LogLines.lines(0, 3) + "not an access log line\n");
        LogLines.append(b, LogLines.lines(0, 1));
        return new ContractSource() {
            private int next = 1_000;

            @Override
            public Map<String, String> config() {
                return Map.of("apilog.paths", logs.resolve("*.log").toString(), "apilog.format", "combined");
            }

            @Override
            public int initialEvents() {
                return 5;
            }

            @Override
            public int addActivity(final int amount) throws Exception {
                LogLines.append(a, LogLines.lines(next, next + amount));
                LogLines.append(b, LogLines.lines(next, next + amount));
                next += amount;
                return 2 * amount;
            }
        };
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        return Map.of("apilog.paths", dir.resolve("missing").resolve("*.log").toString());
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return "folder " + dir.resolve("missing") + " of";
    }

    /** The shipped example config/apilog.json passes the worker's validation once its log folders exist. */
    @Test
    void shippedExampleConfigValidatesOnTheWorker(@TempDir final Path dir) throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../../config/apilog.json").normalize();
        JsonNode document = EventJson.mapper().readTree(example.toFile());
        assertThat(document.path("name").asText()).isNotEmpty();
        assertThat(document.path("config").path("connector.class").asText())
                .isEqualTo(ApiLogSourceConnector.class.getName());
        Map<String, String> config = new HashMap<>();
        document.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", document.path("name").asText());
        // Point its globs at folders that exist here; everything else is validated exactly as shipped.
        Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(dir.resolve("app"));
        config.put("apilog.paths", dir.resolve("nginx/access.log") + "," + dir.resolve("app/*.jsonl"));
        JsonNode result = cluster.rest().validate(ApiLogSourceConnector.class.getName(), config).requireOk().json();
        assertThat(result.path("error_count").asInt()).as(result.toString()).isZero();
    }
}
