package dev.episodic.connect.cursoride;

import java.util.ArrayList;
import java.util.List;

/** A group whose items are already in memory (values of ItemTable keys, read whole as Cursor writes them). */
final class ListGroup implements SourceGroup {
    /** Builds the item at {@code index} of the list; {@code ordinal} as in {@link SourceGroup#load}. */
    @FunctionalInterface
    interface Loader {
        Item load(int index, long ordinal);
    }

    private final String key;
    private final long time;
    private final String fingerprint;
    private final List<String> keys;
    private final Loader loader;
    private final boolean uniqueKeys;

    ListGroup(final String key, final long time, final String fingerprint, final List<String> keys,
              final Loader loader) {
        this(key, time, fingerprint, keys, loader, true);
    }

    ListGroup(final String key, final long time, final String fingerprint, final List<String> keys,
              final Loader loader, final boolean uniqueKeys) {
        this.uniqueKeys = uniqueKeys;
        this.key = key;
        this.time = time;
        this.fingerprint = fingerprint;
        this.keys = List.copyOf(keys);
        this.loader = loader;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean uniqueKeys() {
        return uniqueKeys;
    }

    @Override
    public List<String> keys(final String lastCompleteFingerprint) {
        return keys;
    }

    @Override
    public List<Item> load(final int fromIndex, final List<String> wanted, final long firstOrdinal) {
        List<Item> items = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            items.add(loader.load(fromIndex + i, firstOrdinal + i));
        }
        return items;
    }
}
