package dev.episodic.connect.apilog;

import dev.episodic.connect.common.cursor.StreamPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream: a live log path followed through its generations. The file at the path is read line by line; when
 * the path comes to hold another file (rename rotation) or none (deletion), the file read so far is finished one
 * poll interval later (a writer gets that long to stop writing to it), its unterminated last line emitted, and
 * reading continues with the new file from its start, in the same stream and sequence. A file that shrinks below
 * the offset or whose first bytes change was truncated in place (copytruncate): reading restarts at 0, with a
 * WARN.
 */
final class LogStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogStream.class);

    private final String name;
    private final Path path;
    private final Map<String, String> partition;
    private final ReadSettings settings;

    private ApiLogFileCursor cursor;
    /** The file at the path (null while there is none). */
    private OpenFile current;
    /** Where reading of {@link #current} starts once it has content. */
    private long currentStart;
    /** A previous generation still to be read to its end before {@link #current}. */
    private OpenFile previous;
    /** When the previous generation was seen rotated away (System.nanoTime); it is finished a grace period later. */
    private long previousSeenAt;
    /** Set when the current file was truncated: its next identity starts a new position even if it looks equal. */
    private boolean restart;

    LogStream(final Path path, final ReadSettings settings) {
        this.name = streamName(path);
        this.path = path;
        this.partition = StreamPartition.of(name);
        this.settings = settings;
        this.cursor = ApiLogFileCursor.empty();
    }

    /** The stream of a live log path: {@code apilog:<absolute path>}. */
    static String streamName(final Path path) {
        return "apilog:" + path.toAbsolutePath().normalize();
    }

    String name() {
        return name;
    }

    Path path() {
        return path;
    }

    Map<String, String> partition() {
        return partition;
    }

    ApiLogFileCursor cursor() {
        return cursor;
    }

    /**
     * Positions the stream: at its stored cursor (finding the file it names, at the path or among the path's
     * rotated siblings), or for a new stream at the beginning or the end of the current file.
     */
    void open(final Optional<ApiLogFileCursor> stored, final boolean startAtEnd) throws IOException {
        current = tryOpen(path);
        if (stored.isEmpty()) {
            if (current != null && startAtEnd) {
                currentStart = current.lastLineBoundary();
            }
            return;
        }
        ApiLogFileCursor c = stored.get();
        cursor = c;
        FileIdentity known = c.identity();
        if (current != null && known.matches(current.inode(), current.channel())) {
            if (current.size() < c.position()) {
                LOG.warn("{}: file is shorter ({} bytes) than the stored offset {}; it was truncated while the "
                        + "task was stopped (copytruncate). Reading it again from its start.", path, current.size(),
                        c.position());
                restart = true;
                return;
            }
            current.identify(known, c.position());
            return;
        }
        Optional<Path> rotated = findGeneration(known, c.position());
        if (rotated.isPresent()) {
            previous = OpenFile.open(rotated.get(), settings);
            previousSeenAt = System.nanoTime() - settings.rotationGraceNanos();
            previous.identify(known, c.position());
            LOG.info("{}: finishing the rotated file {} from offset {} before the current one", name, rotated.get(),
                    c.position());
        } else {
            LOG.warn("{}: the file of the stored offset (inode {}, offset {}) is neither at the path nor beside it "
                    + "(rotated away and deleted or compressed); continuing with the current file from its start. "
                    + "Lines written to the old file after the offset were not read.", name, known.inode(),
                    c.position());
        }
    }

    /** A file in the path's folder with the stored identity, at least as long as the stored offset. */
    private Optional<Path> findGeneration(final FileIdentity known, final long position) throws IOException {
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path candidate : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(candidate)) {
                    continue;
                }
                long inode;
                try {
                    inode = FileIdentity.inodeOf(candidate);
                } catch (IOException gone) {
                    continue;
                }
                if (inode != known.inode()) {
                    continue;
                }
                try (OpenFile file = OpenFile.open(candidate, settings)) {
                    if (known.matches(inode, file.channel()) && file.size() >= position) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Adds this stream's new lines to {@code batch} (a sink), at most until it is full. Returns true when the stream has
     * more to read right now.
     */
    boolean poll(final EventSink batch) throws IOException {
        if (previous != null) {
            if (System.nanoTime() - previousSeenAt < settings.rotationGraceNanos()) {
                return false;
            }
            if (!finishPrevious(batch)) {
                return true;
            }
        }
        if (current == null) {
            current = tryOpen(path);
            currentStart = 0;
            if (current == null) {
                return false;
            }
        }
        if (current.identity() != null && truncatedInPlace()) {
            current.truncated();
            currentStart = 0;
            restart = true;
        }
        if (current.identity() == null) {
            if (!current.identify(null, currentStart)) {
                return checkReplaced();
            }
        }
        if (restart || !current.identity().equals(cursor.identity())) {
            cursor = cursor.startOf(current.identity(), current.startPosition());
            restart = false;
        }
        LineReader reader = current.reader();
        while (batch.hasRoom()) {
            if (!reader.next()) {
                return checkReplaced();
            }
            emit(current, batch);
        }
        return true;
    }

    /** Reads the previous generation to its end; true when it is done and closed. */
    private boolean finishPrevious(final EventSink batch) throws IOException {
        LineReader reader = previous.reader();
        while (batch.hasRoom()) {
            if (!reader.rest()) {
                LOG.info("{}: finished {} at offset {}", name, previous.path(), reader.position());
                previous.close();
                previous = null;
                return true;
            }
            emit(previous, batch);
        }
        return false;
    }

    /**
     * Checked before every read, so a file truncated and rewritten past the offset between two polls is not read
     * from the middle: the file is shorter than the offset, or its first bytes are not those fingerprinted.
     */
    private boolean truncatedInPlace() throws IOException {
        long size = current.size();
        if (size >= cursor.position() && current.identity().matches(current.inode(), current.channel())) {
            return false;
        }
        LOG.warn("{}: {} was truncated in place (now {} bytes, read up to offset {}): copytruncate rotation. "
                + "Reading it again from its start; lines written between the copy and the truncation are only in "
                + "the copy.", name, path, size, cursor.position());
        return true;
    }

    /** True when the path now holds another file or none: the current one becomes the previous generation. */
    private boolean checkReplaced() throws IOException {
        long inode;
        try {
            inode = FileIdentity.inodeOf(path);
        } catch (NoSuchFileException gone) {
            inode = -1;
        }
        if (inode == current.inode()) {
            return false;
        }
        if (current.identity() == null) {
            // It never had content: nothing to finish.
            current.close();
        } else {
            previous = current;
            previousSeenAt = System.nanoTime();
            LOG.info("{}: {} was {}; finishing the old file after one poll interval", name, path,
                    inode == -1 ? "deleted or renamed" : "replaced by a new file (rotation)");
        }
        current = null;
        return false;
    }

    private void emit(final OpenFile file, final EventSink batch) {
        LineReader r = file.reader();
        ApiLogFileCursor after = cursor.next(r.lineEnd());
        batch.add(file.origin(name, partition), r, after);
        cursor = after;
    }

    private OpenFile tryOpen(final Path file) throws IOException {
        try {
            return OpenFile.open(file, settings);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (previous != null) {
            previous.close();
            previous = null;
        }
    }
}
