package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a file's text for the event's {@code content} ({@code fs.content.max.bytes} above 0). Only files no larger
 * than the limit that are valid UTF-8 without NUL bytes count as text; anything else gets no content.
 */
public final class ContentReader {
    private static final Logger LOG = LoggerFactory.getLogger(ContentReader.class);

    private final FileAccess access;
    private final int maxBytes;

    public ContentReader(final FileAccess access, final int maxBytes) {
        this.access = access;
        this.maxBytes = maxBytes;
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    public Optional<String> read(final Path file, final long size) {
        if (maxBytes <= 0 || size > maxBytes) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = access.open(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            LOG.warn("Cannot read the content of {} ({}); its event carries none", file, TreeWalker.describe(e));
            return Optional.empty();
        }
        if (bytes.length > maxBytes) {
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
