package dev.episodic.connect.apilog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which JSON path feeds which event field. A target may have several candidate paths; the first one present in a
 * line wins. Lookups are by full dotted path; {@link #isPrefix} tells the parser which nested objects to enter so
 * it can skip all others without looking inside.
 */
public final class JsonFieldMapping {
    /** One candidate: the target it feeds and its rank among that target's candidates (0 = preferred). */
    public record Candidate(FieldTarget target, int rank) {
    }

    private final Map<String, Candidate> byPath;
    private final Set<String> prefixes;
    private final Map<FieldTarget, List<String>> paths;
    /**
     * The paths as ASCII bytes in an open-addressed table by String hash (spread, so the slot does not hang on a
     * key's last characters), for lookups by a key's raw bytes; each slot keeps its path's hash, so a probe
     * compares bytes only when the hashes agree.
     */
    private final byte[][] slotPaths;
    private final int[] slotHashes;
    private final Candidate[] slotCandidates;

    private JsonFieldMapping(final Map<FieldTarget, List<String>> paths) {
        this.paths = Collections.unmodifiableMap(paths);
        Map<String, Candidate> lookup = new HashMap<>();
        Set<String> objectPrefixes = new HashSet<>();
        paths.forEach((target, list) -> {
            for (int i = 0; i < list.size(); i++) {
                String path = list.get(i);
                lookup.putIfAbsent(path, new Candidate(target, i));
                int dot = path.indexOf('.');
                while (dot > 0) {
                    objectPrefixes.add(path.substring(0, dot));
                    dot = path.indexOf('.', dot + 1);
                }
            }
        });
        this.byPath = lookup;
        this.prefixes = objectPrefixes;
        int capacity = Integer.highestOneBit(Math.max(4, lookup.size() * 8) - 1) << 1;
        this.slotPaths = new byte[capacity][];
        this.slotHashes = new int[capacity];
        this.slotCandidates = new Candidate[capacity];
        lookup.forEach((path, candidate) -> {
            if (path.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                int hash = path.hashCode();
                int slot = spread(hash) & (capacity - 1);
                while (slotPaths[slot] != null) {
                    slot = (slot + 1) & (capacity - 1);
                }
                slotPaths[slot] = path.getBytes(StandardCharsets.US_ASCII);
                slotHashes[slot] = hash;
                slotCandidates[slot] = candidate;
            }
        });
    }

    public static JsonFieldMapping defaults() {
        return parse("default", "");
    }

    /** Parses {@code target=path|path,target=path}; throws a ConfigException naming the bad entry. */
    public static JsonFieldMapping parse(final String key, final String spec) {
        Map<FieldTarget, List<String>> paths = new EnumMap<>(FieldTarget.class);
        for (FieldTarget target : FieldTarget.values()) {
            paths.put(target, target.defaults());
        }
        Set<FieldTarget> seen = new HashSet<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new ConfigException(key, spec, "entry '" + trimmed + "' is not target=path; write e.g. "
                        + "method=req.method");
            }
            String name = trimmed.substring(0, eq).trim();
            FieldTarget target = FieldTarget.of(name).orElseThrow(() -> new ConfigException(key, spec,
                    "unknown target '" + name + "'; use one of " + FieldTarget.names()));
            if (!seen.add(target)) {
                throw new ConfigException(key, spec, "target '" + name + "' is mapped twice; list alternatives "
                        + "with '|' in one entry");
            }
            List<String> list = new ArrayList<>();
            for (String path : trimmed.substring(eq + 1).split("\\|")) {
                String p = path.trim();
                if (p.isEmpty() || p.startsWith(".") || p.endsWith(".") || p.contains("..")) {
                    throw new ConfigException(key, spec, "path '" + p + "' of target '" + name
                            + "' is not a dotted JSON path like res.statusCode");
                }
                list.add(p);
            }
            paths.put(target, List.copyOf(list));
        }
        return new JsonFieldMapping(paths);
    }

    public Candidate candidate(final String path) {
        return byPath.get(path);
    }

    /**
     * The candidate of a top-level key given as ASCII bytes {@code b[from, to)}, without making a string: the
     * hash is String's own (equal for ASCII), so it finds exactly what {@link #candidate(String)} finds.
     */
    Candidate candidate(final byte[] b, final int from, final int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + b[i];
        }
        int mask = slotPaths.length - 1;
        for (int slot = spread(hash) & mask; slotPaths[slot] != null; slot = (slot + 1) & mask) {
            byte[] path = slotPaths[slot];
            if (slotHashes[slot] == hash && path.length == to - from
                    && Arrays.equals(path, 0, path.length, b, from, to)) {
                return slotCandidates[slot];
            }
        }
        return null;
    }

    private static int spread(final int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public boolean isPrefix(final String objectPath) {
        return prefixes.contains(objectPath);
    }

    public Map<FieldTarget, List<String>> paths() {
        return paths;
    }
}
