package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeDetectionTest {
    @TempDir
    Path dir;

    private static String sha256(final String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void firstScanReportsEveryFileAsAddedWithStateAndHash() throws Exception {
        FileTree tree = new FileTree(dir);
        Path a = tree.write("a.txt", "alpha");
        tree.write("docs/deep/b.md", "beta!");
        List<FileChange> changes = new Scan(dir).run();
        assertThat(changes).extracting(FileChange::type, FileChange::path)
                .containsExactlyInAnyOrder(tuple(ChangeType.ADDED, "a.txt"), tuple(ChangeType.ADDED, "docs/deep/b.md"));
        FileChange added = changes.stream().filter(c -> c.path().equals("a.txt")).findFirst().orElseThrow();
        assertThat(added.sha256()).isEqualTo(sha256("alpha"));
        assertThat(added.state().size()).isEqualTo(5);
        assertThat(added.state().mtime()).isEqualTo(Files.getLastModifiedTime(a).toInstant());
    }

    @Test
    void nothingChangedMeansNoEventsAndNoReads() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "alpha");
        Scan scan = new Scan(dir);
        scan.run();
        // Were the unchanged file read, this would surface as an unreadable-file state change.
        scan.access.unreadable.add(dir.resolve("a.txt"));
        assertThat(scan.run()).isEmpty();
        assertThat(scan.index.get("a.txt").hashed()).isTrue();
    }

    @Test
    void contentChangeIsModifiedWithThePreviousState() throws Exception {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "alpha");
        Scan scan = new Scan(dir);
        scan.run();
        tree.write("a.txt", "ALPHA");
        List<FileChange> changes = scan.run();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ChangeType.MODIFIED);
            assertThat(c.previous().size()).isEqualTo(5);
            assertThat(c.previous().mtimeNanos()).isLessThan(c.state().mtimeNanos());
        });
        assertThat(changes.get(0).sha256()).isEqualTo(sha256("ALPHA"));
    }

    @Test
    void deletedFileIsReportedOnce() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "alpha");
        tree.write("b.txt", "beta");
        Scan scan = new Scan(dir);
        scan.run();
        tree.delete("a.txt");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path).containsExactly(tuple(ChangeType.DELETED, "a.txt"));
        assertThat(scan.run()).isEmpty();
    }

    @Test
    void mtimeOnlyTouchIsSilentWithHashingAndModifiedWithout() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "alpha");
        Scan hashing = new Scan(dir);
        hashing.run();
        tree.touch("a.txt");
        assertThat(hashing.run()).isEmpty();
        // The new mtime was recorded: the next scan does not hash again.
        hashing.access.unreadable.add(dir.resolve("a.txt"));
        assertThat(hashing.run()).isEmpty();

        Scan plain = new Scan(dir).hash(false);
        assertThat(plain.run()).singleElement().satisfies(c -> assertThat(c.sha256()).isNull());
        tree.touch("a.txt");
        assertThat(plain.run()).extracting(FileChange::type).containsExactly(ChangeType.MODIFIED);
    }

    @Test
    void sameSizeNewContentIsModifiedWhenHashing() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "aaaa");
        Scan scan = new Scan(dir);
        scan.run();
        tree.write("a.txt", "bbbb");
        assertThat(scan.run()).extracting(FileChange::type).containsExactly(ChangeType.MODIFIED);
    }

    @Test
    void moveWithTheSameContentIsOneRename() {
        FileTree tree = new FileTree(dir);
        tree.write("old/name.txt", "content of the file");
        tree.write("other.txt", "other");
        Scan scan = new Scan(dir);
        scan.run();
        tree.move("old/name.txt", "new/place.txt");
        List<FileChange> changes = scan.run();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ChangeType.RENAMED);
            assertThat(c.path()).isEqualTo("new/place.txt");
            assertThat(c.oldPath()).isEqualTo("old/name.txt");
            assertThat(c.sha256()).isNotNull();
        });
        assertThat(scan.index.get("old/name.txt")).isNull();
        assertThat(scan.index.get("new/place.txt")).isNotNull();
    }

    @Test
    void withoutHashingAMoveIsADeleteAndAnAdd() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "content");
        Scan scan = new Scan(dir).hash(false);
        scan.run();
        tree.move("a.txt", "b.txt");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path)
                .containsExactlyInAnyOrder(tuple(ChangeType.DELETED, "a.txt"), tuple(ChangeType.ADDED, "b.txt"));
    }

    @Test
    void emptyFilesAreNeverPairedAsRenames() {
        FileTree tree = new FileTree(dir);
        tree.write("empty-1", "");
        Scan scan = new Scan(dir);
        scan.run();
        tree.delete("empty-1");
        tree.write("empty-2", "");
        assertThat(scan.run()).extracting(FileChange::type)
                .containsExactlyInAnyOrder(ChangeType.DELETED, ChangeType.ADDED);
    }

    @Test
    void excludedFilesAreNeverReportedAndExcludedFoldersNeverWalked() {
        FileTree tree = new FileTree(dir);
        tree.write("src/Main.java", "class Main {}");
        tree.write("README.md", "readme");
        tree.write("node_modules/lib/index.js", "x");
        tree.write("src/gen/Gen.java", "class Gen {}");
        Scan scan = new Scan(dir).rules(PathRules.of(List.of("**/*.java", "*.md"), List.of("**/node_modules/**", "src/gen/**")));
        // A walked folder that cannot be listed would be logged and kept; an unwalked one is never even opened.
        scan.access.unlistable.add(dir.resolve("node_modules"));
        assertThat(scan.run()).extracting(FileChange::path).containsExactlyInAnyOrder("src/Main.java", "README.md");
        tree.write("node_modules/lib/more.js", "y");
        tree.write("notes.txt", "not included");
        assertThat(scan.run()).isEmpty();
    }

    @Test
    void symlinksAreIgnoredUnlessFollowed() {
        FileTree tree = new FileTree(dir.resolve("root"));
        tree.write("real/file.txt", "real");
        FileTree outside = new FileTree(dir.resolve("outside"));
        Path target = outside.write("shared/lib.txt", "shared");
        tree.link("link-to-file.txt", target);
        tree.link("link-to-folder", dir.resolve("outside/shared"));

        assertThat(new Scan(tree.root()).run()).extracting(FileChange::path).containsExactly("real/file.txt");
        assertThat(new Scan(tree.root()).follow(true).run()).extracting(FileChange::path)
                .containsExactlyInAnyOrder("real/file.txt", "link-to-file.txt", "link-to-folder/lib.txt");
    }

    @Test
    void followedSymlinkLoopsAndDanglingLinksAreSkipped() throws Exception {
        FileTree tree = new FileTree(dir);
        tree.write("a/b/file.txt", "x");
        tree.link("a/b/up", dir.resolve("a"));
        tree.link("self", dir.resolve("self"));
        tree.link("dangling", dir.resolve("nowhere"));
        assertThat(new Scan(dir).follow(true).run()).extracting(FileChange::path).containsExactly("a/b/file.txt");
        assertThat(Files.isSymbolicLink(dir.resolve("a/b/up"))).isTrue();
    }

    @Test
    void unreadableFileIsRecordedWithoutHashAndTheRestGoesOn() {
        FileTree tree = new FileTree(dir);
        tree.write("secret.txt", "secret");
        tree.write("open.txt", "open");
        Scan scan = new Scan(dir);
        scan.access.unreadable.add(dir.resolve("secret.txt"));
        List<FileChange> changes = scan.run();
        assertThat(changes).extracting(FileChange::path, c -> c.sha256() == null)
                .containsExactlyInAnyOrder(tuple("secret.txt", true), tuple("open.txt", false));
        tree.write("open.txt", "changed");
        assertThat(scan.run()).extracting(FileChange::path).containsExactly("open.txt");
    }

    @Test
    void unreadableFolderKeepsItsFilesInsteadOfDeletingThem() {
        FileTree tree = new FileTree(dir);
        tree.write("locked/a.txt", "a");
        tree.write("free/b.txt", "b");
        Scan scan = new Scan(dir);
        scan.run();
        scan.access.unlistable.add(dir.resolve("locked"));
        tree.write("free/c.txt", "c");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path).containsExactly(tuple(ChangeType.ADDED, "free/c.txt"));
        assertThat(scan.index.get("locked/a.txt")).isNotNull();
        scan.access.unlistable.clear();
        tree.delete("locked/a.txt");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path).containsExactly(tuple(ChangeType.DELETED, "locked/a.txt"));
    }

    @Test
    void fileVanishingMidScanIsNotReportedAsPresent() {
        FileTree tree = new FileTree(dir);
        tree.write("known.txt", "k");
        Scan scan = new Scan(dir);
        scan.run();
        tree.write("known.txt", "changed, then gone");
        tree.write("brief.txt", "here for a moment");
        tree.write("stays.txt", "s");
        scan.access.vanishOnRead.add(dir.resolve("known.txt"));
        scan.access.vanishOnStat.add(dir.resolve("brief.txt"));
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path)
                .containsExactlyInAnyOrder(tuple(ChangeType.DELETED, "known.txt"), tuple(ChangeType.ADDED, "stays.txt"));
    }

    @Test
    void vanishedRootReportsNothingAndKeepsItsState() throws Exception {
        Path root = dir.resolve("root");
        FileTree tree = new FileTree(root);
        tree.write("a.txt", "a");
        tree.write("b.txt", "b");
        Scan scan = new Scan(root);
        scan.run();
        Path aside = dir.resolve("aside");
        Files.move(root, aside);
        assertThat(scan.run()).isEmpty();
        assertThat(scan.index.size()).isEqualTo(2);
        Files.move(aside, root);
        tree.delete("b.txt");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path).containsExactly(tuple(ChangeType.DELETED, "b.txt"));
    }

    @Test
    void nonAsciiNamesAreAddedModifiedAndRenamed() {
        FileTree tree = new FileTree(dir);
        tree.write("日本語/ファイル.txt", "こんにちは");
        tree.write("ünïcödé é.md", "grüße");
        Scan scan = new Scan(dir);
        assertThat(scan.run()).extracting(FileChange::path).containsExactlyInAnyOrder("日本語/ファイル.txt", "ünïcödé é.md");
        tree.write("ünïcödé é.md", "grüße!");
        tree.move("日本語/ファイル.txt", "файлы/файл.txt");
        assertThat(scan.run()).extracting(FileChange::type, FileChange::path, FileChange::oldPath).containsExactlyInAnyOrder(
                tuple(ChangeType.MODIFIED, "ünïcödé é.md", null),
                tuple(ChangeType.RENAMED, "файлы/файл.txt", "日本語/ファイル.txt"));
    }

    @Test
    void withoutInitialScanTheFirstScanOnlyRecords() {
        FileTree tree = new FileTree(dir);
        tree.write("a.txt", "a");
        Scan scan = new Scan(dir, RootIndex.empty("files:test"), false);
        assertThat(scan.run()).isEmpty();
        assertThat(scan.index.get("a.txt")).isNotNull();
        tree.write("b.txt", "b");
        assertThat(scan.run()).extracting(FileChange::path).containsExactly("b.txt");
    }

    @Test
    void changesComeOrderedByShardThenPath() {
        FileTree tree = new FileTree(dir);
        for (int i = 0; i < 200; i++) {
            tree.write("f" + i, "x" + i);
        }
        List<FileChange> changes = new Scan(dir).run();
        assertThat(changes).hasSize(200);
        for (int i = 1; i < changes.size(); i++) {
            FileChange a = changes.get(i - 1);
            FileChange b = changes.get(i);
            assertThat(a.shard() < b.shard() || (a.shard() == b.shard() && a.path().compareTo(b.path()) < 0)).isTrue();
        }
    }
}
