package dev.episodic.connect.cursoride;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a database file looks like from outside, without opening it through SQLite: identity (inode where the
 * platform has one), size and change time of the file and of its write-ahead log, and SQLite's own change
 * counters: the file change counter in the database header (rollback-journal mode) and the header of the
 * WAL index ({@code -shm}), whose change counter and frame count move with every commit (WAL mode). File
 * times alone are too coarse (a commit in the same clock tick as our last look would go unseen); the counters
 * are exact. Equal stamps mean nothing was committed, so a poll skips the database; a different identity means
 * the file was replaced and must be reopened.
 */
record FileStamp(Object fileKey, long size, long modifiedMs, long walSize, long walModifiedMs, String counters) {
    static final FileStamp MISSING = new FileStamp(null, -1, -1, -1, -1, "");
    /** Bytes 24..27 of the database header: the file change counter. */
    private static final int DB_COUNTER_OFFSET = 24;
    /** The first copy of the WAL-index header: version, change counter, page size, mxFrame, salts, checksums. */
    private static final int SHM_HEADER_BYTES = 48;

    static FileStamp of(final Path database) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(database, BasicFileAttributes.class);
            Path wal = database.resolveSibling(database.getFileName() + "-wal");
            long walSize = -1;
            long walModified = -1;
            if (Files.exists(wal)) {
                BasicFileAttributes walAttrs = Files.readAttributes(wal, BasicFileAttributes.class);
                walSize = walAttrs.size();
                walModified = walAttrs.lastModifiedTime().toMillis();
            }
            byte[] dbHeader = head(database, DB_COUNTER_OFFSET + 4);
            byte[] dbCounter = dbHeader.length == DB_COUNTER_OFFSET + 4
                    ? Arrays.copyOfRange(dbHeader, DB_COUNTER_OFFSET, DB_COUNTER_OFFSET + 4) : dbHeader;
            byte[] shm = head(database.resolveSibling(database.getFileName() + "-shm"), SHM_HEADER_BYTES);
            String counters = HexFormat.of().formatHex(dbCounter) + ":" + HexFormat.of().formatHex(shm);
            return new FileStamp(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime().toMillis(), walSize,
                    walModified, counters);
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static byte[] head(final Path file, final int bytes) {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            // A file we may not read (or one that just vanished) changes nothing we can tell; times still count.
            return new byte[0];
        }
    }

    boolean exists() {
        return size >= 0;
    }

    /** The latest write to the database or its log: the best time the source gives for undated rows. */
    long changedMs() {
        return Math.max(modifiedMs, walModifiedMs);
    }

    boolean sameFile(final FileStamp other) {
        return Objects.equals(fileKey, other.fileKey);
    }
}
