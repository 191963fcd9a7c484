package dev.episodic.connect.filesystem.files;

import java.nio.file.Path;
import java.util.List;

/** Runs scans of one root synchronously and applies them to its index, as the task does between polls. */
final class Scan {
    final Path root;
    final RootIndex index;
    final FaultyAccess access = new FaultyAccess();
    PathRules rules = PathRules.everything();
    boolean follow;
    boolean hash = true;

    Scan(final Path root) {
        this(root, RootIndex.empty("files:test"), true);
    }

    Scan(final Path root, final RootIndex index, final boolean initialScan) {
        this.root = root;
        this.index = index;
        if (initialScan) {
            index.markAllBaselined();
        }
    }

    Scan follow(final boolean value) {
        this.follow = value;
        return this;
    }

    Scan hash(final boolean value) {
        this.hash = value;
        return this;
    }

    Scan rules(final PathRules value) {
        this.rules = value;
        return this;
    }

    List<FileChange> run() {
        Listing listing = new TreeWalker(access, rules, follow).walk(root);
        ScanResult result = new ChangeDetector(access, hash).detect(root, index, listing);
        result.silent().forEach(index::putSilently);
        if (!result.rootMissing()) {
            index.markAllBaselined();
        }
        result.changes().forEach(index::apply);
        return result.changes();
    }
}
