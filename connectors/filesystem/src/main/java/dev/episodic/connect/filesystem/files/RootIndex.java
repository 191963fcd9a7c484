package dev.episodic.connect.filesystem.files;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The state of every file of one root as of the last event handed to Connect, split into {@link Shards#COUNT}
 * shards, each the content of one source partition's offset.
 *
 * <p>Every event is written through exactly one shard: the shard of the path it is about. A rename touches two
 * shards; its record carries the new path's shard, whose offset also lists the old path under {@code gone} with
 * the event's sequence. Loading applies a {@code gone} entry when the old path's own shard was last written
 * before it; the entry is dropped from later snapshots once that shard has been written again.
 */
public final class RootIndex {
    /** A file's state and its encoded offset line, cached so a shard snapshot is a concatenation. */
    private record Entry(FileState state, String line) {
    }

    private final String stream;
    @SuppressWarnings("unchecked")
    private final TreeMap<String, Entry>[] shards = new TreeMap[Shards.COUNT];
    @SuppressWarnings("unchecked")
    private final TreeMap<String, Long>[] gone = new TreeMap[Shards.COUNT];
    /** Sequence of the last event written through each shard; 0 = never written. */
    private final long[] shardSeq = new long[Shards.COUNT];
    /** Whether the shard's files were recorded (by an offset, or by a scan of this run). */
    private final boolean[] baselined = new boolean[Shards.COUNT];
    /** Every path's state in one hash map: the scan looks up each file, and a hash lookup beats a tree walk. */
    private final HashMap<String, FileState> lookup = new HashMap<>(1 << 12);
    private long seq;

    private RootIndex(final String stream) {
        this.stream = stream;
        for (int i = 0; i < Shards.COUNT; i++) {
            shards[i] = new TreeMap<>();
            gone[i] = new TreeMap<>();
        }
    }

    /** A root never scanned before. */
    public static RootIndex empty(final String stream) {
        return new RootIndex(stream);
    }

    /** Rebuilds the state from the stored shard offsets (shard number to cursor; missing shards were never written). */
    public static RootIndex load(final String stream, final Map<Integer, FileShardCursor> cursors) {
        RootIndex index = new RootIndex(stream);
        cursors.forEach((shard, cursor) -> {
            index.shardSeq[shard] = cursor.seq();
            index.baselined[shard] = true;
            index.seq = Math.max(index.seq, cursor.seq());
        });
        cursors.forEach((shard, cursor) -> {
            // A hand-edited offset may list a path under the wrong shard; it is filed where it belongs.
            cursor.parsedFiles().forEach(index::putSilently);
            index.gone[shard].putAll(cursor.parsedGone());
        });
        for (TreeMap<String, Long> goneOfShard : index.gone) {
            goneOfShard.forEach((path, goneSeq) -> {
                int home = Shards.of(path);
                if (index.shardSeq[home] < goneSeq) {
                    index.removeSilently(path);
                }
            });
        }
        return index;
    }

    public String stream() {
        return stream;
    }

    /** Sequence of the last event of this stream. */
    public long seq() {
        return seq;
    }

    public int size() {
        return lookup.size();
    }

    public FileState get(final String path) {
        return lookup.get(path);
    }

    public void forEach(final BiConsumer<String, FileState> action) {
        lookup.forEach(action);
    }

    public boolean isBaselined(final String path) {
        return baselined[Shards.of(path)];
    }

    /** After a complete scan of this run every shard's files are known, written or not. */
    public void markAllBaselined() {
        java.util.Arrays.fill(baselined, true);
    }

    /** Records a state without an event; it reaches the offset with the shard's next event. */
    public void putSilently(final String path, final FileState state) {
        shards[Shards.of(path)].put(path, new Entry(state, ShardFormat.fileLine(path, state)));
        lookup.put(path, state);
    }

    private void removeSilently(final String path) {
        shards[Shards.of(path)].remove(path);
        lookup.remove(path);
    }

    /**
     * Applies one change as the stream's next event and returns the offset of the shard that records it, as it
     * stands after the change.
     */
    public FileShardCursor apply(final FileChange change) {
        long next = seq + 1;
        int shard = change.shard();
        switch (change.type()) {
            case ADDED, MODIFIED -> putSilently(change.path(), change.state());
            case DELETED -> removeSilently(change.path());
            case RENAMED -> {
                removeSilently(change.oldPath());
                putSilently(change.path(), change.state());
                if (Shards.of(change.oldPath()) != shard) {
                    gone[shard].put(change.oldPath(), next);
                }
            }
            default -> throw new IllegalStateException("unknown change type " + change.type());
        }
        seq = next;
        shardSeq[shard] = next;
        baselined[shard] = true;
        return snapshot(shard);
    }

    /** The offset of {@code shard} as it stands now. */
    FileShardCursor snapshot(final int shard) {
        TreeMap<String, Entry> files = shards[shard];
        StringBuilder text = new StringBuilder(files.size() * 64);
        for (Entry entry : files.values()) {
            text.append(entry.line());
        }
        // A gone entry is needed only until the old path's own shard has been written after it.
        gone[shard].entrySet().removeIf(e -> shardSeq[Shards.of(e.getKey())] > e.getValue());
        StringBuilder goneText = new StringBuilder();
        gone[shard].forEach((path, goneSeq) -> ShardFormat.appendGone(goneText, path, goneSeq));
        return new FileShardCursor(shardSeq[shard], text.toString(), goneText.toString());
    }
}
