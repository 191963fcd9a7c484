package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.filesystem.FileChangeConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileGlobTest {

    @Test
    void starStaysInOneFolderAndDoubleStarSpansFolders() {
        assertThat(FileGlob.of("*.md").matches("a.md")).isTrue();
        assertThat(FileGlob.of("*.md").matches("docs/a.md")).isFalse();
        assertThat(FileGlob.of("**/*.md").matches("a.md")).isTrue();
        assertThat(FileGlob.of("**/*.md").matches("docs/deep/a.md")).isTrue();
        assertThat(FileGlob.of("src/**").matches("src/a/b.java")).isTrue();
        assertThat(FileGlob.of("src/**").matches("srcx/a")).isFalse();
        assertThat(FileGlob.of("?.txt").matches("a.txt")).isTrue();
        assertThat(FileGlob.of("?.txt").matches("ab.txt")).isFalse();
        assertThat(FileGlob.of("a+b(1).txt").matches("a+b(1).txt")).as("regex characters are literal").isTrue();
    }

    @Test
    void defaultExcludesLeaveOutToolFoldersAndPruneThem() {
        PathRules rules = PathRules.of(List.of("**"), Arrays.asList(FileChangeConfig.DEFAULT_EXCLUDE.split(",")));
        assertThat(rules.includesFile(".git/config")).isFalse();
        assertThat(rules.includesFile("web/node_modules/x/index.js")).isFalse();
        assertThat(rules.includesFile("node_modules/x.js")).isFalse();
        assertThat(rules.includesFile("module/target/classes/A.class")).isFalse();
        assertThat(rules.includesFile(".episodic/state")).isFalse();
        assertThat(rules.includesFile("src/.gitignore")).isTrue();
        assertThat(rules.includesFile("src/target.txt")).isTrue();
        assertThat(rules.walksFolder(".git")).isFalse();
        assertThat(rules.walksFolder("a/b/node_modules")).isFalse();
        assertThat(rules.walksFolder("src")).isTrue();
        assertThat(rules.walksFolder("sub/.git")).as(".git/** is anchored at the root").isTrue();
    }

    @Test
    void walkedFilesSkipOnlyTheGlobsTheirFoldersAlreadyPassed() {
        PathRules rules = PathRules.of(List.of("**"), List.of("**/build/**", "*.log", "docs/**/draft-*"));
        assertThat(rules.includesWalkedFile("app.log")).isFalse();
        assertThat(rules.includesWalkedFile("docs/a/draft-1.md")).isFalse();
        assertThat(rules.includesWalkedFile("docs/a/final.md")).isTrue();
        assertThat(rules.includesFile("x/build/out.bin")).isFalse();
        assertThat(rules.walksFolder("x/build")).isFalse();
    }

    @Test
    void excludeWinsOverInclude() {
        PathRules rules = PathRules.of(List.of("**/*.java"), List.of("gen/**"));
        assertThat(rules.includesFile("src/A.java")).isTrue();
        assertThat(rules.includesFile("gen/B.java")).isFalse();
        assertThat(rules.includesFile("README.md")).isFalse();
    }

    @Test
    void badGlobsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> FileGlob.of("/abs/**")).hasMessageContaining("without the leading slash");
        assertThatThrownBy(() -> FileGlob.of("a\\b")).hasMessageContaining("use '/'");
        assertThatThrownBy(() -> FileGlob.of(" ")).hasMessageContaining("empty");
    }
}
