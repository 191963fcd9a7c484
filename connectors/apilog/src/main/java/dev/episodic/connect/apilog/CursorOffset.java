package dev.episodic.connect.apilog;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The offset map of an {@link ApiLogFileCursor}, as an immutable view over the cursor's fields instead of a
 * filled hash map. Connect keeps only the last offset per partition and serializes it at commit time, yet every
 * record carries one: a view costs one small object per line where a built map costs seven entries. It holds
 * String keys and primitive values only, in the order v, seq, ino, fp, fp_len, pos, line.
 */
final class CursorOffset extends AbstractMap<String, Object> {
    private static final String[] KEYS = {"v", "seq", ApiLogFileCursor.INODE, ApiLogFileCursor.FINGERPRINT,
        ApiLogFileCursor.FINGERPRINT_LENGTH, ApiLogFileCursor.POSITION, ApiLogFileCursor.LINE};

    private final ApiLogFileCursor cursor;

    CursorOffset(final ApiLogFileCursor cursor) {
        this.cursor = cursor;
    }

    private Object value(final int index) {
        return switch (index) {
            case 0 -> ApiLogFileCursor.VERSION;
            case 1 -> cursor.seq();
            case 2 -> cursor.identity().inode();
            case 3 -> cursor.identity().fingerprint();
            case 4 -> (long) cursor.identity().length();
            case 5 -> cursor.position();
            case 6 -> cursor.line();
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    @Override
    public Object get(final Object key) {
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(key)) {
                return value(i);
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(final Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return KEYS.length;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < KEYS.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= KEYS.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(KEYS[i], value(i));
                    }
                };
            }

            @Override
            public int size() {
                return KEYS.length;
            }
        };
    }
}
