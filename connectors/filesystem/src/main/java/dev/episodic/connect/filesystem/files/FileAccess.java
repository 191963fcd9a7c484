package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The few file-system calls a scan makes. Production uses {@link #LOCAL}; tests substitute faults (an unreadable
 * file or folder) that a root-run test process could not produce with permissions.
 */
public interface FileAccess {
    FileAccess LOCAL = new FileAccess() {
    };

    default DirectoryStream<Path> list(final Path folder) throws IOException {
        return Files.newDirectoryStream(folder);
    }

    /** Attributes of the entry itself ({@code follow=false}) or of what a symlink points at. */
    default BasicFileAttributes attributes(final Path path, final boolean follow) throws IOException {
        return follow ? Files.readAttributes(path, BasicFileAttributes.class)
                : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    default InputStream open(final Path file) throws IOException {
        return Files.newInputStream(file);
    }
}
