package dev.episodic.connect.filesystem.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SHA-256 of file contents, with one reused buffer; used from the scan thread only. */
public final class ContentHasher {
    private static final Logger LOG = LoggerFactory.getLogger(ContentHasher.class);

    /** Outcome of hashing one file. */
    public sealed interface Result permits Hashed, Unreadable, Vanished {
    }

    /** The full SHA-256. */
    public record Hashed(byte[] sha256) implements Result {
        public String hex() {
            return HexFormat.of().formatHex(sha256);
        }

        /** The 64-bit prefix kept in offsets. */
        public String shortHash() {
            return shortOf(sha256);
        }
    }

    /** The file exists but cannot be read; it was logged. */
    public record Unreadable() implements Result {
    }

    /** The file vanished between listing and reading. */
    public record Vanished() implements Result {
    }

    private final FileAccess access;
    private final byte[] buffer = new byte[64 * 1024];
    private final MessageDigest digest;

    public ContentHasher(final FileAccess access) {
        this.access = access;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public Result hash(final Path file) {
        digest.reset();
        try (InputStream in = access.open(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return new Hashed(digest.digest());
        } catch (NoSuchFileException e) {
            LOG.warn("File {} vanished during the scan", file);
            return new Vanished();
        } catch (IOException e) {
            LOG.warn("Cannot read {} to hash it ({}); it is recorded without a content hash", file,
                    TreeWalker.describe(e));
            return new Unreadable();
        }
    }

    static String shortOf(final byte[] sha256) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha256, 8));
    }
}
