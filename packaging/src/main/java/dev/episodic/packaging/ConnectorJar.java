package dev.episodic.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * What the packager needs to know about one connector module's jar: its artifact id, the module folder it was built
 * from, its description (from the pom Maven embeds) and the connector classes it registers for service loading.
 */
record ConnectorJar(Path jar, String artifactId, String description, List<String> connectorClasses) {
    static final String SOURCE_SERVICES = "META-INF/services/org.apache.kafka.connect.source.SourceConnector";
    static final String SINK_SERVICES = "META-INF/services/org.apache.kafka.connect.sink.SinkConnector";
    private static final Pattern DESCRIPTION = Pattern.compile("<description>(.*?)</description>", Pattern.DOTALL);

    static ConnectorJar read(final Path jar, final String version) throws IOException {
        String file = jar.getFileName().toString();
        String suffix = "-" + version + ".jar";
        if (!file.endsWith(suffix)) {
            throw new IllegalStateException(jar + " is not version " + version + " of a connector module; rebuild the suite");
        }
        String artifactId = file.substring(0, file.length() - suffix.length());
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> classes = new ArrayList<>(services(j, SOURCE_SERVICES));
            classes.addAll(services(j, SINK_SERVICES));
            if (classes.isEmpty()) {
                throw new IllegalStateException(jar + " registers no connector in " + SOURCE_SERVICES
                        + "; with plugin.discovery=service_load a worker would not find it. Add the service file.");
            }
            String pom = text(j, "META-INF/maven/dev.episodic/" + artifactId + "/pom.xml");
            String description = "Episodic source connectors";
            if (pom != null) {
                // The embedded pom is the module's own, so its first description element is the module's.
                Matcher m = DESCRIPTION.matcher(pom);
                if (m.find()) {
                    description = m.group(1).trim().replaceAll("\\s+", " ");
                }
            }
            return new ConnectorJar(jar, artifactId, description, List.copyOf(classes));
        }
    }

    /** The module's folder name: {@code episodic-connector-cursor-ide} is {@code connectors/cursor-ide}. */
    String moduleName() {
        return artifactId.substring(PluginPackager.CONNECTOR_PREFIX.length());
    }

    private static List<String> services(final JarFile jar, final String name) throws IOException {
        String text = text(jar, name);
        List<String> classes = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                String c = line.replaceAll("#.*", "").trim();
                if (!c.isEmpty()) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }

    private static String text(final JarFile jar, final String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        if (e == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
