package dev.episodic.connect.cursoride;

import java.sql.SQLException;
import java.util.List;

/**
 * An ordered list of items in a Cursor database that changes as a whole (a composer's conversation, a chat
 * tab, the prompt or generation list). The list of keys is cheap; items are loaded only for the keys past the
 * stream's mark, so an incremental poll costs what changed.
 */
interface SourceGroup {
    /** Unique within the stream, e.g. {@code composer:<id>}, {@code tab:<id>}, {@code prompts}. */
    String key();

    /** The group's own time (last update), epoch ms; groups are read in (time, key) order. */
    long time();

    /** Changes whenever the group's items may have changed; no '|' or ','. */
    String fingerprint();

    /**
     * The item keys in order. {@code lastCompleteFingerprint} is what the stream saw at its last complete read
     * (empty if never), for sources that can read just the range past it.
     */
    List<String> keys(String lastCompleteFingerprint) throws SQLException, DatabaseReadException;

    /**
     * Items for {@code keys}, the run of {@link #keys} that starts at {@code fromIndex}, in order. The result may stop early: the next
     * key is not ready yet (still being written) and must be looked at again on a later poll.
     * {@code firstOrdinal} is the 1-based position of the first of them among all items of the group the
     * stream has handled; items without an identity of their own (prompts) take it as their id.
     */
    List<Item> load(int fromIndex, List<String> keys, long firstOrdinal) throws SQLException, DatabaseReadException;

    /**
     * Whether item keys are identities (bubble and generation ids). Prompts are keyed by their content, so the
     * same key may rightly come again (the same prompt sent twice).
     */
    default boolean uniqueKeys() {
        return true;
    }
}
