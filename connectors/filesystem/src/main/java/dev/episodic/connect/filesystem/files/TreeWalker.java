package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks one root and lists its included regular files with mtime and size: one {@code lstat} per entry, as
 * {@code find -printf} does, and no content read. Symlinks are skipped unless {@code follow} is set; then they are
 * walked as what they point at, a link back into its own ancestry (a loop) is skipped with a WARN, and so is a
 * dangling link. Every fault (unreadable folder, vanished file, vanished root) is a WARN naming the path, and the
 * walk goes on with everything else.
 */
public final class TreeWalker {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWalker.class);

    private final FileAccess access;
    private final PathRules rules;
    private final boolean follow;

    public TreeWalker(final FileAccess access, final PathRules rules, final boolean follow) {
        this.access = access;
        this.rules = rules;
        this.follow = follow;
    }

    /** Walks {@code root}; stops early (returning what it has) when the thread is interrupted. */
    public Listing walk(final Path root) {
        Listing listing = new Listing();
        BasicFileAttributes rootAttributes;
        try {
            rootAttributes = access.attributes(root, true);
        } catch (IOException e) {
            LOG.warn("Root {} cannot be read ({}); keeping its last known state and reporting nothing for it until "
                    + "it is back", root, describe(e));
            listing.rootMissing();
            return listing;
        }
        if (!rootAttributes.isDirectory()) {
            LOG.warn("Root {} is no longer a folder; keeping its last known state until it is one again", root);
            listing.rootMissing();
            return listing;
        }
        Deque<Object> ancestors = new ArrayDeque<>();
        walkFolder(root, "", rootAttributes.fileKey(), ancestors, listing);
        return listing;
    }

    private void walkFolder(final Path folder, final String relative, final Object key, final Deque<Object> ancestors,
                            final Listing listing) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        if (key != null) {
            ancestors.push(key);
        }
        try (DirectoryStream<Path> entries = access.list(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                visit(entry, relative.isEmpty() ? name : relative + '/' + name, ancestors, listing);
            }
        } catch (NoSuchFileException e) {
            if (relative.isEmpty()) {
                LOG.warn("Root {} vanished during the scan; keeping its last known state", folder);
                listing.rootMissing();
            } else {
                LOG.warn("Folder {} vanished during the scan; its files count as deleted", folder);
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.warn("Folder {} cannot be read ({}); its files keep their last known state", folder, describe(e));
            listing.unknown(relative);
        } finally {
            if (key != null) {
                ancestors.pop();
            }
        }
    }

    private void visit(final Path entry, final String relative, final Deque<Object> ancestors, final Listing listing) {
        BasicFileAttributes attributes;
        try {
            attributes = access.attributes(entry, false);
        } catch (NoSuchFileException e) {
            LOG.warn("File {} vanished during the scan", entry);
            return;
        } catch (IOException e) {
            LOG.warn("Cannot read the attributes of {} ({}); it keeps its last known state", entry, describe(e));
            listing.unknown(relative);
            return;
        }
        if (attributes.isSymbolicLink()) {
            if (!follow) {
                return;
            }
            try {
                attributes = access.attributes(entry, true);
            } catch (NoSuchFileException e) {
                LOG.warn("Symlink {} points at nothing; skipped", entry);
                return;
            } catch (IOException e) {
                // ELOOP (a link chain that never ends) lands here too; only a permission fault hides known files.
                LOG.warn("Symlink {} cannot be followed ({}); skipped", entry, describe(e));
                if (e instanceof java.nio.file.AccessDeniedException) {
                    listing.unknown(relative);
                }
                return;
            }
        }
        if (attributes.isDirectory()) {
            Object key = attributes.fileKey();
            if (follow && key != null && ancestors.contains(key)) {
                LOG.warn("Symlink loop at {}: it leads back into its own ancestry; not walked again", entry);
                return;
            }
            if (rules.walksFolder(relative)) {
                walkFolder(entry, relative, follow ? key : null, ancestors, listing);
            }
        } else if (attributes.isRegularFile() && rules.includesWalkedFile(relative)) {
            listing.add(relative, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
        }
    }

    static String describe(final Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
