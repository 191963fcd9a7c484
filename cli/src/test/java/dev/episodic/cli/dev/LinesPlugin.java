package dev.episodic.cli.dev;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.sample.LinesSourceConnector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin folder (Confluent Hub layout, {@code lib/} only) holding the sample connector from the common test-jar and
 * its runtime jars, as the packaging module lays out a real connector. Lets the dev cluster be tested before and
 * apart from any real connector.
 */
final class LinesPlugin {
    private LinesPlugin() {
    }

    static Path create(final Path pluginsRoot) throws IOException {
        Path lib = pluginsRoot.resolve("episodic-lines-sample").resolve("lib");
        Files.createDirectories(lib);
        for (Class<?> type : new Class<?>[] {LinesSourceConnector.class, EpisodicSourceConnector.class, ObjectMapper.class,
                JsonFactory.class, JsonProperty.class, org.sqlite.JDBC.class}) {
            Path jar = jarOf(type);
            Files.copy(jar, lib.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return pluginsRoot;
    }

    private static Path jarOf(final Class<?> type) {
        try {
            Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) {
                throw new IllegalStateException(type.getName() + " is not loaded from a jar but from " + p);
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
