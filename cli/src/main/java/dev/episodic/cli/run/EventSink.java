package dev.episodic.cli.run;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where a standalone run delivers events. {@link #deliver} returns only when every record is durably written
 * (flushed to the file or acknowledged by Kafka); only then may the run save the cursors that follow them.
 */
public interface EventSink extends AutoCloseable {
    void deliver(List<SourceRecord> records) throws Exception;

    /** A short description for the run summary, e.g. "stdout" or "Kafka localhost:9092". */
    String describe();

    @Override
    void close() throws Exception;
}
