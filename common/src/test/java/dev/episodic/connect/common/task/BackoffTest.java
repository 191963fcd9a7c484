package dev.episodic.connect.common.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsWithJitterUpToTheCapAndHonoursTheFloor() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1));
        long previousCeiling = 0;
        for (int i = 0; i < 10; i++) {
            long ceiling = Math.min(2000, 100L << i);
            long wait = backoff.next(null).toMillis();
            assertThat(wait).isBetween(ceiling / 2, ceiling);
            assertThat(ceiling).isGreaterThanOrEqualTo(previousCeiling);
            previousCeiling = ceiling;
        }
        assertThat(backoff.next(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.next(null).toMillis()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsRetries() {
        Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(1));
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(2));
        a.next(null);
        b.next(null);
        assertThat(a.next(null)).isNotEqualTo(b.next(null));
    }
}
