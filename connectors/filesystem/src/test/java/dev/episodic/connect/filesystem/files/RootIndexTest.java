package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EventJson;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootIndexTest {
    private static final String STREAM = "files:test";

    /** The offsets Connect would hold: the latest cursor per shard. */
    private final Map<Integer, FileShardCursor> committed = new HashMap<>();

    private FileShardCursor apply(final RootIndex index, final FileChange change) {
        FileShardCursor cursor = index.apply(change);
        committed.put(change.shard(), cursor);
        return cursor;
    }

    private static FileChange added(final String path, final long mtime) {
        return new FileChange(ChangeType.ADDED, path, null, new FileState(mtime, 10, "AAAAAAAAAAA"), null, null);
    }

    /** Two paths whose shards differ. */
    private static String[] pathsInTwoShards() {
        String first = "rename-source.txt";
        for (int i = 0; ; i++) {
            String candidate = "rename-target-" + i + ".txt";
            if (Shards.of(candidate) != Shards.of(first)) {
                return new String[] {first, candidate};
            }
        }
    }

    @Test
    void reloadingTheCommittedShardsRestoresStateAndSequence() {
        RootIndex index = RootIndex.empty(STREAM);
        for (int i = 0; i < 500; i++) {
            apply(index, added("dir/file-" + i, i));
        }
        FileState before = index.get("dir/file-7");
        apply(index, new FileChange(ChangeType.DELETED, "dir/file-7", null, before, before, null));
        RootIndex reloaded = RootIndex.load(STREAM, committed);
        assertThat(reloaded.seq()).isEqualTo(501);
        assertThat(reloaded.size()).isEqualTo(499);
        assertThat(reloaded.get("dir/file-7")).isNull();
        assertThat(reloaded.get("dir/file-8")).isEqualTo(index.get("dir/file-8"));
    }

    @Test
    void aChangeWritesOnlyItsOwnShard() {
        RootIndex index = RootIndex.empty(STREAM);
        for (int i = 0; i < 2_000; i++) {
            apply(index, added("f" + i, i));
        }
        Map<Integer, FileShardCursor> before = new HashMap<>(committed);
        String path = "f42";
        FileState old = index.get(path);
        FileShardCursor written = apply(index, new FileChange(ChangeType.MODIFIED, path, null,
                new FileState(99_999, 11, "BBBBBBBBBBB"), old, null));
        committed.forEach((shard, cursor) -> {
            if (shard != Shards.of(path)) {
                assertThat(cursor).as("shard " + shard).isSameAs(before.get(shard));
            }
        });
        assertThat(written.parsedFiles()).hasSizeLessThan(40).containsKey(path);
    }

    @Test
    void aRenameAcrossShardsSurvivesAReloadAndItsGoneEntryIsDroppedLater() {
        String[] paths = pathsInTwoShards();
        RootIndex index = RootIndex.empty(STREAM);
        FileChange add = added(paths[0], 1);
        apply(index, add);
        FileShardCursor renamed = apply(index, new FileChange(ChangeType.RENAMED, paths[1], paths[0], add.state(),
                add.state(), null));
        assertThat(renamed.parsedGone()).containsExactly(Map.entry(paths[0], 2L));
        // The old path's shard still lists it in its own (older) offset; the gone entry overrides it.
        assertThat(committed.get(Shards.of(paths[0])).parsedFiles()).containsKey(paths[0]);
        RootIndex reloaded = RootIndex.load(STREAM, committed);
        assertThat(reloaded.get(paths[0])).isNull();
        assertThat(reloaded.get(paths[1])).isNotNull();
        assertThat(reloaded.seq()).isEqualTo(2);

        // Once the old path's shard is written again, the gone entry is no longer needed.
        String neighbour = "n0";
        for (int i = 1; Shards.of(neighbour) != Shards.of(paths[0]); i++) {
            neighbour = "n" + i;
        }
        apply(reloaded, added(neighbour, 3));
        FileShardCursor later = reloaded.apply(added(paths[1] + ".more", 4));
        String twinOfTarget = paths[1];
        for (int i = 0; Shards.of(twinOfTarget) != Shards.of(paths[1]) || twinOfTarget.equals(paths[1]); i++) {
            twinOfTarget = "t" + i;
        }
        FileShardCursor targetShard = reloaded.apply(added(twinOfTarget, 5));
        assertThat(targetShard.parsedGone()).isEmpty();
        assertThat(later.seq()).isEqualTo(4);
    }

    @Test
    void everyOffsetOfAHundredThousandFileRootStaysFarBelow512KiB() throws Exception {
        RootIndex index = RootIndex.empty(STREAM);
        for (int i = 0; i < 100_000; i++) {
            index.putSilently("src/module-" + (i % 100) + "/package/sub/File" + i + ".java",
                    new FileState(1_700_000_000_123_456_789L + i, 1_000 + i, "abcdefghijk"));
        }
        int largest = 0;
        for (int shard = 0; shard < Shards.COUNT; shard++) {
            String json = EventJson.mapper().writeValueAsString(index.snapshot(shard).toOffset());
            largest = Math.max(largest, json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        assertThat(largest).isLessThan(512 * 1024).isGreaterThan(10_000);
        assertThat(largest).as("about 1/256 of ~7 MB").isLessThan(64 * 1024);
    }
}
