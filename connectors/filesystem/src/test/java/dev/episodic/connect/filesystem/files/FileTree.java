package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Writes test files with distinct, explicit mtimes so changes never hide inside the clock's granularity. */
final class FileTree {
    private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000L);

    private final Path root;

    FileTree(final Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path write(final String relative, final String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, nextTime());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the mtime forward without touching the content. */
    void touch(final String relative) {
        try {
            Files.setLastModifiedTime(root.resolve(relative), nextTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(final String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void move(final String from, final String to) {
        try {
            Path target = root.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(root.resolve(from), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void link(final String relative, final Path target) {
        try {
            Path link = root.resolve(relative);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime nextTime() {
        return FileTime.from(Instant.ofEpochSecond(CLOCK.incrementAndGet(), 123_456_789));
    }
}
