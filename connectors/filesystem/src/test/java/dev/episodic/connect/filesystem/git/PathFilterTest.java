package dev.episodic.connect.filesystem.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PathFilterTest {

    @Test
    void emptyListsLetEverythingThrough() {
        assertThat(PathFilter.of(List.of(), null).isAll()).isTrue();
        assertThat(PathFilter.ALL.matches("any/path.txt")).isTrue();
    }

    @Test
    void doubleStarCrossesDirectoriesSingleStarDoesNot() {
        PathFilter f = PathFilter.of(List.of("src/**"), List.of());
        assertThat(f.matches("src/a/b/C.java")).isTrue();
        assertThat(f.matches("srcx/a")).isFalse();
        assertThat(f.matches("lib/src/a")).isFalse();

        PathFilter single = PathFilter.of(List.of("src/*.java"), List.of());
        assertThat(single.matches("src/A.java")).isTrue();
        assertThat(single.matches("src/sub/A.java")).isFalse();
    }

    @Test
    void slashlessPatternMatchesNamesAtAnyDepth() {
        PathFilter f = PathFilter.of(List.of("*.md"), List.of());
        assertThat(f.matches("README.md")).isTrue();
        assertThat(f.matches("docs/deep/guide.md")).isTrue();
        assertThat(f.matches("docs/guide.mdx")).isFalse();
    }

    @Test
    void directoryPatternCoversItsContents() {
        PathFilter f = PathFilter.of(List.of("docs", "web/"), List.of());
        assertThat(f.matches("docs/a/b.txt")).isTrue();
        assertThat(f.matches("web/index.html")).isTrue();
        assertThat(f.matches("documentation/x")).isFalse();
    }

    @Test
    void excludeWins() {
        PathFilter f = PathFilter.of(List.of("src/**"), List.of("*.md", "src/generated/**"));
        assertThat(f.matches("src/Main.java")).isTrue();
        assertThat(f.matches("src/NOTES.md")).isFalse();
        assertThat(f.matches("src/generated/X.java")).isFalse();
        assertThat(PathFilter.of(List.of(), List.of("docs/**")).matches("docs/a")).isFalse();
        assertThat(PathFilter.of(List.of(), List.of("docs/**")).matches("src/a")).isTrue();
    }

    @Test
    void questionMarkAndLeadingSlashAnchor() {
        PathFilter f = PathFilter.of(List.of("/a?.txt"), List.of());
        assertThat(f.matches("ab.txt")).isTrue();
        assertThat(f.matches("x/ab.txt")).isFalse();
        assertThat(f.matches("abc.txt")).isFalse();
    }

    @Test
    void nonAsciiGlobs() {
        assertThat(PathFilter.of(List.of("lib/ü/**"), List.of()).matches("lib/ü/f.txt")).isTrue();
    }
}
