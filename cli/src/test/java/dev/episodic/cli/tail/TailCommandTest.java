package dev.episodic.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import org.junit.jupiter.api.Test;

/** Option checks of `episodic tail` that must fail before anything connects (exit 2, the option named). */
class TailCommandTest {
    private static Cli.Result tail(final String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "tail";
        args[1] = "--bootstrap";
        args[2] = "127.0.0.1:1";
        args[3] = "--topic";
        args[4] = "t";
        System.arraycopy(options, 0, args, 5, options.length);
        return Cli.run(args);
    }

    @Test
    void waitNeedsFollowAndAPositiveValue() {
        Cli.Result r = tail("--stream", "s", "--wait", "100");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--wait only applies with --follow");
        r = tail("--follow", "--wait", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--wait must be a positive number of milliseconds");
    }

    @Test
    void rangeMustBeNonEmptyAndLimitPositive() {
        Cli.Result r = tail("--after", "5", "--before", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--before 5 must be greater than --after 5");
        r = tail("--after", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--after must be 0");
        r = tail("--limit", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }

    @Test
    void gapActionIsWarnOrFail() {
        Cli.Result r = tail("--stream", "s", "--on-gap", "ignore");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'ignore' is not a gap action; use warn or fail");
    }

    @Test
    void rangeContainsOnlySequencesStrictlyBetween() {
        TailRange range = TailRange.of(3, 6L, null);
        assertThat(range.contains(3)).isFalse();
        assertThat(range.contains(4)).isTrue();
        assertThat(range.contains(5)).isTrue();
        assertThat(range.contains(6)).isFalse();
        assertThat(TailRange.of(0, null, null).contains(Long.MAX_VALUE - 1)).isTrue();
    }
}
