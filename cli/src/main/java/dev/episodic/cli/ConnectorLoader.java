package dev.episodic.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Finds a source connector class by the name a REST config gives ({@code connector.class}): a fully qualified
 * class name or, as Connect also accepts, its simple name or the simple name without "Connector". It looks on
 * the classpath first, then in each plugin folder of the plugin path (a folder of jars, or a Confluent Hub
 * component with a {@code lib/} folder), each in its own class loader.
 */
public final class ConnectorLoader {
    private final List<ClassLoader> loaders = new ArrayList<>();

    public ConnectorLoader(final List<Path> pluginPath) {
        loaders.add(Thread.currentThread().getContextClassLoader());
        for (Path root : pluginPath) {
            for (Path plugin : pluginFolders(root)) {
                loaders.add(new URLClassLoader("plugin:" + plugin.getFileName(), jars(plugin), ConnectorLoader.class.getClassLoader()));
            }
        }
    }

    public SourceConnector load(final String name) {
        for (ClassLoader loader : loaders) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                if (!SourceConnector.class.isAssignableFrom(type)) {
                    throw new UsageException(name + " is not a Kafka Connect source connector; episodic run takes "
                            + "source connectors only");
                }
                return instantiate(type.asSubclass(SourceConnector.class));
            } catch (ClassNotFoundException e) {
                // Try the next loader, then aliases.
            }
        }
        List<String> known = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            for (ServiceLoader.Provider<SourceConnector> provider : ServiceLoader.load(SourceConnector.class, loader)
                    .stream().toList()) {
                Class<? extends SourceConnector> type = provider.type();
                String simple = type.getSimpleName();
                if (simple.equals(name) || simple.equals(name + "Connector")) {
                    return instantiate(type);
                }
                known.add(type.getName());
            }
        }
        throw new UsageException("Connector class " + name + " was not found; known source connectors: "
                + (known.isEmpty() ? "none" : String.join(", ", known.stream().distinct().toList()))
                + ". Build the suite (./episodic builds it) or fix connector.class.");
    }

    private static SourceConnector instantiate(final Class<? extends SourceConnector> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static List<Path> pluginFolders(final Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("Cannot list plugin folder " + root + ": " + e.getMessage());
        }
    }

    private static URL[] jars(final Path plugin) {
        Path lib = Files.isDirectory(plugin.resolve("lib")) ? plugin.resolve("lib") : plugin;
        try (Stream<Path> files = Files.list(lib)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (IOException e) {
            throw new UsageException("Cannot read plugin " + plugin + ": " + e.getMessage());
        }
    }

    /** The plugin folders named by {@code episodic.plugin.path} (set by the launcher), separated like a classpath. */
    public static List<Path> defaultPluginPath() {
        String value = System.getProperty("episodic.plugin.path", "");
        List<Path> paths = new ArrayList<>();
        for (String part : value.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                paths.add(Path.of(part));
            }
        }
        return paths;
    }
}
