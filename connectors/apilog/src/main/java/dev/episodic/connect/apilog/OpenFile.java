package dev.episodic.connect.apilog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One generation of a log file held open: its channel (which keeps reading after the file is renamed or
 * deleted), its identity once it has content, its line reader and the format its lines are read as.
 */
final class OpenFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long inode;
    private final ReadSettings settings;
    private FileIdentity identity;
    private LineReader reader;
    /** The format of this file's lines: the configured one, or for auto the one its first lines decide. */
    private LogFormat format;
    private LineOrigin origin;
    private long startPosition;
    private int headLength;
    private String idPrefix;

    private OpenFile(final Path path, final FileChannel channel, final long inode, final ReadSettings settings) {
        this.path = path;
        this.channel = channel;
        this.inode = inode;
        this.settings = settings;
    }

    /** Opens {@code path}; the inode is read first so it belongs to the file actually opened in a race. */
    static OpenFile open(final Path path, final ReadSettings settings) throws IOException {
        long inode = FileIdentity.inodeOf(path);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new OpenFile(path, channel, inode, settings);
    }

    Path path() {
        return path;
    }

    long inode() {
        return inode;
    }

    FileChannel channel() {
        return channel;
    }

    FileIdentity identity() {
        return identity;
    }

    /** The event-id prefix of this file's lines. */
    String idPrefix() {
        return idPrefix;
    }

    LineReader reader() {
        return reader;
    }

    LogFormat format() {
        return format;
    }

    /** What every line read from this generation carries to the thread that parses it (built once per file). */
    LineOrigin origin(final String stream, final Map<String, String> partition) {
        if (origin == null) {
            origin = new LineOrigin(stream, partition, path.toString(), idPrefix, format);
        }
        return origin;
    }

    long startPosition() {
        return startPosition;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * Fingerprints the file and prepares to read from {@code position}; false while the file is empty. The
     * identity may be given (a file recognised from a stored cursor) or is computed.
     */
    boolean identify(final FileIdentity known, final long position) throws IOException {
        FileIdentity id = known;
        if (id == null) {
            id = FileIdentity.of(inode, channel).orElse(null);
            if (id == null) {
                return false;
            }
        }
        identity = id;
        idPrefix = ApiLogEvents.idPrefix(id);
        startPosition = position;
        reader = new LineReader(channel, position, settings.maxLineBytes(), settings.bufferBytes());
        format = settings.format() == LogFormat.AUTO
                ? FormatParser.detect(settings.mapping(), head(), headLength) : settings.format();
        return true;
    }

    /** Forgets the identity and reader: the file was truncated in place and is read again from its start. */
    void truncated() {
        identity = null;
        reader = null;
        format = null;
        origin = null;
    }

    private byte[] head() throws IOException {
        if (settings.format() != LogFormat.AUTO) {
            headLength = 0;
            return new byte[0];
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(ReadSettings.DETECT_BYTES, channel.size()));
        long at = 0;
        while (bytes.hasRemaining()) {
            int n = channel.read(bytes, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        headLength = bytes.position();
        return bytes.array();
    }

    /** Offset after the last newline in the file: where "start at end" begins, so no line is read in half. */
    long lastLineBoundary() throws IOException {
        long size = channel.size();
        long from = Math.max(0, size - 64 * 1024);
        ByteBuffer tailBytes = ByteBuffer.allocate((int) (size - from));
        long at = from;
        while (tailBytes.hasRemaining()) {
            int n = channel.read(tailBytes, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        byte[] b = tailBytes.array();
        for (int i = tailBytes.position() - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return from + i + 1;
            }
        }
        return from == 0 ? 0 : size;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a read-only channel loses nothing; the file is simply no longer held.
        }
    }
}
