package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.cursor.CursorFormatException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileShardCursorTest {

    private static FileShardCursor sample() {
        StringBuilder files = new StringBuilder();
        ShardFormat.appendFile(files, "a b/ç.txt", new FileState(1_700_000_000_000_000_001L, 12, "AAAAAAAAAAA"));
        StringBuilder gone = new StringBuilder();
        ShardFormat.appendGone(gone, "old.txt", 3);
        return new FileShardCursor(7, files.toString(), gone.toString());
    }

    @Test
    void roundTripsThroughItsOffsetAndAJsonLikeNumberType() {
        FileShardCursor cursor = sample();
        Map<String, Object> offset = new HashMap<>(cursor.toOffset());
        assertThat(offset).containsEntry("v", 1).containsEntry("seq", 7L).containsEntry("shards", 256L);
        offset.put("seq", 7);
        assertThat(FileShardCursor.CODEC.decode(offset)).isEqualTo(cursor);
    }

    @Test
    void refusesWhatItCannotRead() {
        Map<String, Object> offset = new HashMap<>(sample().toOffset());
        offset.put("v", 999);
        assertThatThrownBy(() -> FileShardCursor.CODEC.decode(offset)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("version 999");
        Map<String, Object> shards = new HashMap<>(sample().toOffset());
        shards.put("shards", 64);
        assertThatThrownBy(() -> FileShardCursor.CODEC.decode(shards)).hasMessageContaining("reset the offsets");
        Map<String, Object> files = new HashMap<>(sample().toOffset());
        files.put("files", "garbage");
        assertThatThrownBy(() -> FileShardCursor.CODEC.decode(files)).hasMessageContaining("'files' is malformed");
        Map<String, Object> seq = new HashMap<>(sample().toOffset());
        seq.put("seq", 0);
        assertThatThrownBy(() -> FileShardCursor.CODEC.decode(seq)).hasMessageContaining("written with an event");
    }

    @Test
    void aCorruptShardFallsBackWithAWarningInsteadOfFailing() {
        Map<String, Object> offset = new HashMap<>(sample().toOffset());
        offset.put("gone", 5);
        assertThat(FileShardCursor.CODEC.read("files:x shard 1", offset)).isEmpty();
    }

    @Test
    void partitionsMustBeStreamAndShard() {
        assertThat(ShardPartition.problem(ShardPartition.of("files:a", 255))).isEmpty();
        assertThat(ShardPartition.problem(Map.of("stream", "files:a"))).get().asString().contains("\"shard\"");
        assertThat(ShardPartition.problem(Map.of("shard", "1", "unknown", "x"))).get().asString().contains("\"stream\"");
        assertThat(ShardPartition.problem(Map.of("stream", "files:a", "shard", "256"))).get().asString().contains("0..255");
        assertThat(ShardPartition.problem(Map.of("stream", "files:a", "shard", "01"))).isPresent();
        assertThat(ShardPartition.problem(Map.of("stream", "files:a", "shard", 1))).isPresent();
    }
}
