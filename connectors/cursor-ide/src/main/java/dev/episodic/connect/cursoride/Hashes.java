package dev.episodic.connect.cursoride;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short, stable content hashes: identities for items that carry no id of their own, and change fingerprints. */
final class Hashes {
    private Hashes() {
    }

    /** The first {@code hexChars} hex digits of the SHA-256 of {@code text}. */
    static String sha256(final String text, final int hexChars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The compact hash a cursor keeps of an item key (12 hex digits: collisions are negligible per group). */
    static String key(final String itemKey) {
        return sha256(itemKey, 12);
    }
}
