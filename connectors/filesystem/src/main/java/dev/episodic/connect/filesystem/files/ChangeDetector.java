package dev.episodic.connect.filesystem.files;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a {@link Listing} with the {@link RootIndex} and decides what changed. A file whose mtime and size are
 * unchanged is not read. With hashing on, a file whose mtime or size moved is hashed and reported only if its
 * content changed; a deleted and an added file of the same non-empty content become one rename.
 */
public final class ChangeDetector {
    private static final Comparator<FileChange> ORDER =
            Comparator.comparingInt(FileChange::shard).thenComparing(FileChange::path);

    private final ContentHasher hasher;
    private final boolean hash;

    public ChangeDetector(final FileAccess access, final boolean hash) {
        this.hasher = new ContentHasher(access);
        this.hash = hash;
    }

    public ScanResult detect(final Path root, final RootIndex index, final Listing listing) {
        List<FileChange> added = new ArrayList<>();
        List<FileChange> changes = new ArrayList<>();
        Map<String, FileState> silent = new HashMap<>();
        Set<String> vanished = new HashSet<>();
        for (Map.Entry<String, Listing.Stat> file : listing.files().entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            String path = file.getKey();
            Listing.Stat stat = file.getValue();
            FileState old = index.get(path);
            if (old != null && old.sameStat(stat.mtimeNanos(), stat.size())) {
                continue;
            }
            ContentHasher.Result digest = hash ? hasher.hash(root.resolve(path)) : null;
            if (digest instanceof ContentHasher.Vanished) {
                vanished.add(path);
                continue;
            }
            ContentHasher.Hashed hashed = digest instanceof ContentHasher.Hashed h ? h : null;
            FileState state = new FileState(stat.mtimeNanos(), stat.size(), hashed == null ? "" : hashed.shortHash());
            String hex = hashed == null ? null : hashed.hex();
            if (old == null) {
                if (index.isBaselined(path)) {
                    added.add(new FileChange(ChangeType.ADDED, path, null, state, null, hex));
                } else {
                    silent.put(path, state);
                }
            } else if (hashed != null && old.hashed() && old.hash().equals(state.hash()) && old.size() == stat.size()) {
                silent.put(path, state);
            } else {
                changes.add(new FileChange(ChangeType.MODIFIED, path, null, state, old, hex));
            }
        }
        List<FileChange> deleted = new ArrayList<>();
        index.forEach((path, old) -> {
            if (!listing.files().containsKey(path) || vanished.contains(path)) {
                if (vanished.contains(path) || !listing.isUnknown(path)) {
                    deleted.add(new FileChange(ChangeType.DELETED, path, null, old, old, null));
                }
            }
        });
        pairRenames(added, deleted, changes);
        changes.sort(ORDER);
        return new ScanResult(changes, silent, listing.rootIsMissing());
    }

    /** Moves matching delete/add pairs out of both lists into renames; the rest go to {@code changes} as they are. */
    private static void pairRenames(final List<FileChange> added, final List<FileChange> deleted,
                                    final List<FileChange> changes) {
        Map<String, Deque<FileChange>> deletedByContent = new HashMap<>();
        deleted.sort(Comparator.comparing(FileChange::path));
        for (FileChange d : deleted) {
            if (d.state().hashed() && d.state().size() > 0) {
                deletedByContent.computeIfAbsent(key(d.state()), k -> new ArrayDeque<>()).add(d);
            } else {
                changes.add(d);
            }
        }
        added.sort(Comparator.comparing(FileChange::path));
        for (FileChange a : added) {
            Deque<FileChange> candidates = a.state().hashed() && a.state().size() > 0
                    ? deletedByContent.get(key(a.state())) : null;
            FileChange d = candidates == null ? null : candidates.poll();
            if (d == null) {
                changes.add(a);
            } else {
                changes.add(new FileChange(ChangeType.RENAMED, a.path(), d.path(), a.state(), d.state(), a.sha256()));
            }
        }
        deletedByContent.values().forEach(changes::addAll);
    }

    private static String key(final FileState state) {
        return state.hash() + '/' + state.size();
    }
}
