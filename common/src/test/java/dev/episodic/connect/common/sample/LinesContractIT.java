package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;

/** Runs the suite's contract against the sample connector: proves the test kit and the common task loop. */
class LinesContractIT extends SourceConnectorContractTest {

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return LinesSourceConnector.class;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.writeString(a, "one\ntwo\nthree\n");
        Files.writeString(b, "alpha\n");
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                return Map.of("lines.files", a + "," + b);
            }

            @Override
            public int initialEvents() {
                return 4;
            }

            @Override
            public int addActivity(final int amount) throws Exception {
                StringBuilder more = new StringBuilder();
                for (int i = 0; i < amount; i++) {
                    more.append("line ").append(i).append('\n');
                }
                Files.writeString(a, more.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                Files.writeString(b, more.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                return 2 * amount;
            }
        };
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        return Map.of("lines.files", dir.resolve("missing.log").toString());
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return dir.resolve("missing.log") + " does not exist";
    }
}
