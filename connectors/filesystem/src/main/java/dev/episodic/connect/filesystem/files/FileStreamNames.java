package dev.episodic.connect.filesystem.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names each root's stream {@code files:<folder name>}. Two roots of one connector never share a stream: folder
 * names that collide get {@code @<8 hex of the absolute path's SHA-256>} appended.
 */
public final class FileStreamNames {
    public static final String PREFIX = "files:";

    private FileStreamNames() {
    }

    /** Stream name to normalised absolute root, in configuration order; duplicate roots collapse. */
    public static Map<String, Path> assign(final List<String> roots) {
        Map<Path, String> names = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String root : roots) {
            Path path = Path.of(root.trim()).toAbsolutePath().normalize();
            if (!names.containsKey(path)) {
                String name = path.getFileName() == null ? "root" : path.getFileName().toString();
                names.put(path, name);
                counts.merge(name, 1, Integer::sum);
            }
        }
        Map<String, Path> streams = new LinkedHashMap<>();
        names.forEach((path, name) -> streams.put(
                counts.get(name) > 1 ? PREFIX + name + "@" + shortHash(path) : PREFIX + name, path));
        return streams;
    }

    private static String shortHash(final Path path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
