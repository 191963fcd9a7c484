package dev.episodic.connect.filesystem;

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
 * Names each configured repository's stream {@code git:<folder name>} ({@code .git} of a bare repository's folder
 * dropped). Two repositories of one connector never share a stream: folder names that collide get
 * {@code @<8 hex of the absolute path's SHA-256>} appended, which stays the same for as long as the path does.
 */
final class GitStreamNames {
    static final String PREFIX = "git:";

    private GitStreamNames() {
    }

    /** Stream name to normalised absolute path, in configuration order; duplicate paths collapse. */
    static Map<String, Path> assign(final List<String> repositories) {
        Map<String, Integer> nameCounts = new HashMap<>();
        Map<Path, String> folderNames = new LinkedHashMap<>();
        for (String repository : repositories) {
            Path path = Path.of(repository).toAbsolutePath().normalize();
            if (folderNames.containsKey(path)) {
                continue;
            }
            String name = folderName(path);
            folderNames.put(path, name);
            nameCounts.merge(name, 1, Integer::sum);
        }
        Map<String, Path> streams = new LinkedHashMap<>();
        folderNames.forEach((path, name) -> {
            String stream = nameCounts.get(name) > 1 ? PREFIX + name + "@" + shortHash(path) : PREFIX + name;
            streams.put(stream, path);
        });
        return streams;
    }

    private static String folderName(final Path path) {
        Path file = path.getFileName();
        String name = file == null ? "root" : file.toString();
        return name.endsWith(".git") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
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
