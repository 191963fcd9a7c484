package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChangeSourceTaskTest {
    @TempDir
    Path dir;
    private FileTaskHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.stop();
        }
    }

    private FileTaskHarness harness(final Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(extra);
        props.putIfAbsent("fs.roots", dir.resolve("project").toString());
        harness = new FileTaskHarness(props);
        return harness;
    }

    private static void assertDense(final List<EpisodicEvent> events, final long from) {
        assertThat(events).extracting(EpisodicEvent::sequence)
                .containsExactlyElementsOf(LongStream.range(from, from + events.size()).boxed().toList());
    }

    @Test
    void reportsTheTreeThenEachKindOfChangeWithDenseSequences() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        tree.write("a.txt", "alpha");
        tree.write("b.txt", "beta");
        tree.write("docs/c.md", "gamma");
        harness(Map.of("batch.max.events", "2")).start();
        List<EpisodicEvent> first = harness.drain();
        assertThat(first).extracting(EpisodicEvent::eventType).containsOnly("file_added").hasSize(3);
        assertDense(first, 1);
        EpisodicEvent a = first.stream().filter(e -> e.attributes().get("path").equals("a.txt")).findFirst().orElseThrow();
        assertThat(a.stream()).isEqualTo("files:project");
        assertThat(a.sourceId()).isEqualTo("files-test");
        assertThat(a.attributes()).containsEntry("size", "5").containsKeys("mtime", "sha256", "root");
        // occurred_at travels as a Connect Timestamp (milliseconds); the mtime attribute keeps the nanoseconds.
        java.time.Instant mtime = Files.getLastModifiedTime(tree.root().resolve("a.txt")).toInstant();
        assertThat(a.occurredAt().toEpochMilli()).isEqualTo(mtime.toEpochMilli());
        assertThat(a.attributes()).containsEntry("mtime", mtime.toString());
        assertThat(EventJson.mapper().readTree(a.payload()).path("path").asText()).isEqualTo("a.txt");

        tree.write("a.txt", "ALPHA!");
        tree.delete("b.txt");
        tree.move("docs/c.md", "docs/renamed.md");
        tree.write("new.txt", "new");
        List<EpisodicEvent> second = harness.drain();
        assertDense(second, 4);
        assertThat(second).extracting(EpisodicEvent::eventType, e -> e.attributes().get("path"), e -> e.attributes().get("old_path"))
                .containsExactlyInAnyOrder(tuple("file_modified", "a.txt", null), tuple("file_deleted", "b.txt", null),
                        tuple("file_renamed", "docs/renamed.md", "docs/c.md"), tuple("file_added", "new.txt", null));
        assertThat(second).extracting(EpisodicEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void changesMadeWhileStoppedArriveOnceAfterRestart() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        for (int i = 0; i < 50; i++) {
            tree.write("dir" + (i % 5) + "/file-" + i + ".txt", "content " + i);
        }
        harness(Map.of("batch.max.events", "7")).start();
        assertThat(harness.drain()).hasSize(50);
        harness.stop();

        tree.write("dir0/file-0.txt", "edited while stopped");
        tree.delete("dir1/file-1.txt");
        tree.write("added-while-stopped.txt", "hello");
        tree.move("dir2/file-2.txt", "moved/file-2.txt");
        harness.start();
        List<EpisodicEvent> after = harness.drain();
        assertDense(after, 51);
        assertThat(after).extracting(EpisodicEvent::eventType, e -> e.attributes().get("path")).containsExactlyInAnyOrder(
                tuple("file_modified", "dir0/file-0.txt"), tuple("file_deleted", "dir1/file-1.txt"),
                tuple("file_added", "added-while-stopped.txt"), tuple("file_renamed", "moved/file-2.txt"));

        harness.start();
        assertThat(harness.drain()).as("a second restart repeats nothing").isEmpty();
    }

    @Test
    void aCrashMidBatchResumesFromWhatWasCommitted() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        for (int i = 0; i < 40; i++) {
            tree.write("f" + i, "x" + i);
        }
        harness(Map.of("batch.max.events", "10")).start();
        List<EpisodicEvent> firstPolls = new java.util.ArrayList<>();
        while (firstPolls.size() < 10) {
            firstPolls.addAll(harness.pollOnce());
        }
        // Restart without the rest being committed: the new task picks up where the offsets stand.
        harness.start();
        List<EpisodicEvent> rest = harness.drain();
        assertDense(rest, firstPolls.size() + 1);
        Set<String> paths = new HashSet<>();
        firstPolls.forEach(e -> paths.add(e.attributes().get("path")));
        rest.forEach(e -> assertThat(paths.add(e.attributes().get("path"))).as("reported twice: " + e).isTrue());
        assertThat(paths).hasSize(40);
    }

    @Test
    void oneChangeWritesOneShardOffsetOnly() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        for (int i = 0; i < 300; i++) {
            tree.write("f" + i, "x" + i);
        }
        harness(Map.of()).start();
        harness.drain();
        int before = harness.records.size();
        tree.write("f7", "changed");
        assertThat(harness.drain()).hasSize(1);
        List<SourceRecord> written = harness.records.subList(before, harness.records.size());
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.sourcePartition()).isEqualTo(ShardPartition.of("files:project", Shards.of("f7")));
            assertThat((String) r.sourceOffset().get("files")).contains("f7 ").hasSizeLessThan(200);
        });
    }

    @Test
    void initialScanOffRecordsFirstAndReportsLaterChanges() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        tree.write("existing.txt", "old");
        harness(Map.of("fs.initial.scan", "false")).start();
        assertThat(harness.drain()).isEmpty();
        tree.write("new.txt", "new");
        assertThat(harness.drain()).extracting(e -> e.attributes().get("path")).containsExactly("new.txt");
    }

    @Test
    void textContentUpToTheLimitGoesIntoTheEvent() throws Exception {
        FileTree tree = new FileTree(dir.resolve("project"));
        tree.write("small.txt", "héllo\n");
        tree.write("large.txt", "x".repeat(100));
        Path binary = tree.root().resolve("binary.bin");
        Files.write(binary, new byte[] {1, 0, 2});
        harness(Map.of("fs.content.max.bytes", "64")).start();
        Map<String, String> content = new java.util.HashMap<>();
        harness.drain().forEach(e -> content.put(e.attributes().get("path"), e.content()));
        assertThat(content).containsEntry("small.txt", "héllo\n").containsEntry("large.txt", null)
                .containsEntry("binary.bin", null);
        assertThat("héllo\n".getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(64);
    }

    @Test
    void twoRootsAreTwoStreams() throws Exception {
        new FileTree(dir.resolve("one")).write("a", "a");
        new FileTree(dir.resolve("two")).write("b", "b");
        harness(Map.of("fs.roots", dir.resolve("one") + "," + dir.resolve("two"))).start();
        List<EpisodicEvent> events = harness.drain();
        assertThat(events).extracting(EpisodicEvent::stream, EpisodicEvent::sequence)
                .containsExactlyInAnyOrder(tuple("files:one", 1L), tuple("files:two", 1L));
    }
}
