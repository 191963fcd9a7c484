package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardFormatTest {

    @Test
    void anyFileNameRoundTrips() {
        Map<String, FileState> files = new LinkedHashMap<>();
        files.put("plain.txt", new FileState(1_700_000_000_123_456_789L, 42, "AAAAAAAAAAA"));
        files.put("with space, comma: colon.md", new FileState(5, 0, ""));
        files.put("line\nbreak", new FileState(-7, 1L << 40, "abc-_123XYZ"));
        files.put("ünïcödé/日本語/файл.txt", new FileState(9, 3, "0123456789a"));
        StringBuilder text = new StringBuilder();
        files.forEach((path, state) -> ShardFormat.appendFile(text, path, state));
        assertThat(ShardFormat.parseFiles(text.toString())).containsExactlyEntriesOf(files);

        StringBuilder gone = new StringBuilder();
        ShardFormat.appendGone(gone, "old name", 77);
        assertThat(ShardFormat.parseGone(gone.toString())).containsExactly(Map.entry("old name", 77L));
    }

    @Test
    void malformedTextIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> ShardFormat.parseFiles("3:abc 1 2\n")).hasMessageContaining("has 2 fields");
        assertThatThrownBy(() -> ShardFormat.parseFiles("9:abc 1 2 \n")).hasMessageContaining("not followed by a space");
        assertThatThrownBy(() -> ShardFormat.parseFiles("zz")).hasMessageContaining("missing ':'");
        assertThatThrownBy(() -> ShardFormat.parseFiles("3:abc 1 2 short\n")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> ShardFormat.parseFiles("3:abc 1 2 ")).hasMessageContaining("newline");
        assertThatThrownBy(() -> ShardFormat.parseFiles("3:abc 1 !! \n")).hasMessageContaining("malformed number");
        assertThatThrownBy(() -> ShardFormat.parseFiles("3:abc 1 2 \n3:abc 1 2 \n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ShardFormat.parseGone("3:abc 0\n")).hasMessageContaining(">= 1");
    }

    @Test
    void shardsAreStableAndSpread() {
        assertThat(Shards.of("src/Main.java")).isEqualTo(Shards.of(new String("src/Main.java")));
        int[] counts = new int[Shards.COUNT];
        for (int i = 0; i < 25_600; i++) {
            counts[Shards.of("dir" + (i % 50) + "/file-" + i + ".txt")]++;
        }
        for (int count : counts) {
            assertThat(count).as("each shard gets a fair share of 100 paths").isBetween(50, 160);
        }
    }
}
