package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Cursor's state databases under its User folder: every {@code workspaceStorage/<hash>/state.vscdb}
 * (its folder from {@code workspace.json}) and {@code globalStorage/state.vscdb}. Cheap enough (one directory
 * listing, small JSON files) to repeat, so workspaces created while the connector runs are picked up.
 */
final class WorkspaceDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceDiscovery.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DB_FILE = "state.vscdb";

    private final Path dataDir;
    private final Glob workspaces;

    WorkspaceDiscovery(final Path dataDir, final Glob workspaces) {
        this.dataDir = dataDir;
        this.workspaces = workspaces;
    }

    Path dataDir() {
        return dataDir;
    }

    /** All workspace databases (matching the globs) in hash order; the global database is not included. */
    List<CursorDatabase> workspaces() {
        return discover(true);
    }

    /** Every workspace database, whether it matches the globs or not (to know which composers are tied). */
    List<CursorDatabase> allWorkspaces() {
        return discover(false);
    }

    private List<CursorDatabase> discover(final boolean filtered) {
        Path storage = dataDir.resolve("workspaceStorage");
        List<CursorDatabase> result = new ArrayList<>();
        if (!Files.isDirectory(storage)) {
            return result;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(storage, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path db = dir.resolve(DB_FILE);
                if (!Files.isRegularFile(db)) {
                    continue;
                }
                String folder = folderOf(dir).orElse(null);
                if (!filtered || workspaces.matches(folder)) {
                    result.add(new CursorDatabase(CursorDatabase.WORKSPACE_PREFIX + dir.getFileName(), db, folder));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {} ({}); workspaces are looked for again on the next poll", storage, e.getMessage());
        }
        result.sort(Comparator.comparing(CursorDatabase::stream));
        return result;
    }

    Optional<CursorDatabase> global() {
        Path db = dataDir.resolve("globalStorage").resolve(DB_FILE);
        return Files.isRegularFile(db) ? Optional.of(new CursorDatabase(CursorDatabase.GLOBAL_STREAM, db, null))
                : Optional.empty();
    }

    /** The folder (or multi-root workspace file) that {@code workspace.json} names, as a local path when it is one. */
    static Optional<String> folderOf(final Path workspaceDir) {
        Path json = workspaceDir.resolve("workspace.json");
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(json.toFile());
            JsonNode uri = node.hasNonNull("folder") ? node.get("folder") : node.get("workspace");
            if (uri == null || !uri.isTextual()) {
                LOG.warn("{} names neither a folder nor a workspace; the workspace is read with no folder", json);
                return Optional.empty();
            }
            return Optional.of(uriToPath(uri.asText()));
        } catch (IOException e) {
            LOG.warn("{} is not valid JSON ({}); the workspace is read with no folder", json, e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code file:///c%3A/Users/x} becomes {@code c:/Users/x}; other schemes (remote) stay as the decoded URI. */
    static String uriToPath(final String uri) {
        if (uri.startsWith("file://")) {
            try {
                String path = URI.create(uri).getPath();
                if (path != null) {
                    // Windows drive letters arrive as /c:/...; drop the leading slash so globs like c:/** work.
                    return path.matches("^/[A-Za-z]:.*") ? path.substring(1) : path;
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("workspace URI {} is not a valid URI; decoding it leniently", uri);
            }
            return URLDecoder.decode(uri.substring("file://".length()), StandardCharsets.UTF_8);
        }
        return URLDecoder.decode(uri, StandardCharsets.UTF_8);
    }
}
