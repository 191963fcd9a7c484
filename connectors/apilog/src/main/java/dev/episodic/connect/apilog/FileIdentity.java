package dev.episodic.connect.apilog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which file a stream is reading, independent of its path: the inode plus a fingerprint of the file's first bytes.
 * The inode follows a file through a rename (rotation); the fingerprint tells a reused inode, or a file truncated
 * and rewritten in place, from the file that was read before. A file small when first seen keeps the fingerprint
 * length it had then, so the identity does not change as the file grows.
 *
 * @param inode     the file's inode ({@code unix:ino}), or a hash of its file key where there is none
 * @param fingerprint hex of the first 8 bytes of SHA-256 over the first {@code length} bytes
 * @param length    how many leading bytes the fingerprint covers (1..{@value #MAX_BYTES})
 */
public record FileIdentity(long inode, String fingerprint, int length) {
    static final int MAX_BYTES = 1024;

    /** The identity string used in event ids: inode and fingerprint. */
    public String id() {
        return Long.toHexString(inode) + "-" + fingerprint;
    }

    /** The identity of an open file, or empty while it is empty (nothing to fingerprint yet). */
    static Optional<FileIdentity> of(final long inode, final FileChannel channel) throws IOException {
        long size = channel.size();
        if (size <= 0) {
            return Optional.empty();
        }
        int length = (int) Math.min(size, MAX_BYTES);
        String fp = fingerprint(channel, length);
        return fp == null ? Optional.empty() : Optional.of(new FileIdentity(inode, fp, length));
    }

    /** True when {@code channel} (a file with {@code fileInode}) is this file: same inode, same first bytes. */
    boolean matches(final long fileInode, final FileChannel channel) throws IOException {
        if (fileInode != inode || channel.size() < length) {
            return false;
        }
        return fingerprint.equals(fingerprint(channel, length));
    }

    /** The inode of {@code path}, following symlinks; fails when the file is gone. */
    static long inodeOf(final Path path) throws IOException {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            if (ino instanceof Number) {
                return ((Number) ino).longValue();
            }
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // Not a POSIX file system: fall back to the platform's file key below.
        }
        Object key = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        return key == null ? 0 : key.hashCode() & 0xffffffffL;
    }

    private static String fingerprint(final FileChannel channel, final int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        long at = 0;
        while (bytes.hasRemaining()) {
            int n = channel.read(bytes, at);
            if (n <= 0) {
                return null;
            }
            at += n;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.array());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
