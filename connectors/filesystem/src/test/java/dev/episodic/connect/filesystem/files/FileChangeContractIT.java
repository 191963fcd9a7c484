package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import dev.episodic.connect.filesystem.FileChangeSourceConnector;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceConnector;

/** The suite's contract on the embedded cluster with exactly-once on, for the file-change connector. */
class FileChangeContractIT extends SourceConnectorContractTest {

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return FileChangeSourceConnector.class;
    }

    @Override
    protected ContractSource newSource(final Path dir) {
        FileTree tree = new FileTree(dir.resolve("watched"));
        tree.write("README.md", "readme");
        tree.write("src/Main.java", "class Main {}");
        tree.write("docs/guide.md", "guide");
        tree.write("node_modules/ignored.js", "never reported");
        AtomicInteger counter = new AtomicInteger();
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                return Map.of("fs.roots", tree.root().toString(), "fs.scan.interval.ms", "200");
            }

            @Override
            public int initialEvents() {
                return 3;
            }

            @Override
            public int addActivity(final int amount) {
                for (int i = 0; i < amount; i++) {
                    int n = counter.incrementAndGet();
                    tree.write("activity/" + (n % 10) + "/file-" + n + ".txt", "activity " + n);
                }
                return amount;
            }
        };
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        return Map.of("fs.roots", dir.resolve("missing").toString());
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return "Root " + dir.resolve("missing") + " does not exist";
    }
}
