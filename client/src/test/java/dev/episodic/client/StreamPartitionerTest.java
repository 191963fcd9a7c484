package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class StreamPartitionerTest {
    @Test
    void sameAsTheProducersDefaultPartitionerForKeyedRecords() {
        for (int partitions : new int[] {1, 3, 8, 50}) {
            for (int i = 0; i < 2000; i++) {
                String stream = "stream-" + i + (i % 3 == 0 ? ":é" : "");
                assertThat(StreamPartitioner.partitionFor(stream, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(stream.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> StreamPartitioner.partitionFor("s", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamPartitioner.partitionFor(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
