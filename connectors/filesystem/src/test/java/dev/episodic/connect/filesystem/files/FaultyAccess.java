package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Local access with injected faults: tests run as root, where permissions cannot make a file unreadable, so the
 * faults a scan must survive are simulated at the boundary the scan uses.
 */
final class FaultyAccess implements FileAccess {
    final Set<Path> unreadable = new HashSet<>();
    final Set<Path> unlistable = new HashSet<>();
    final Set<Path> vanishOnRead = new HashSet<>();
    final Set<Path> vanishOnStat = new HashSet<>();

    @Override
    public DirectoryStream<Path> list(final Path folder) throws IOException {
        if (unlistable.contains(folder)) {
            throw new AccessDeniedException(folder.toString());
        }
        return FileAccess.LOCAL.list(folder);
    }

    @Override
    public BasicFileAttributes attributes(final Path path, final boolean follow) throws IOException {
        if (vanishOnStat.contains(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return FileAccess.LOCAL.attributes(path, follow);
    }

    @Override
    public InputStream open(final Path file) throws IOException {
        if (unreadable.contains(file)) {
            throw new AccessDeniedException(file.toString());
        }
        if (vanishOnRead.contains(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return FileAccess.LOCAL.open(file);
    }
}
