package dev.episodic.cli.run;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/** Turns the records a task hands over back into events; only the suite's envelope is accepted. */
final class Records {
    private Records() {
    }

    static EpisodicEvent event(final SourceRecord record) {
        if (!(record.value() instanceof Struct) || record.valueSchema() == null
                || !EventSchemas.VALUE_SCHEMA_NAME.equals(record.valueSchema().name())) {
            throw new ConnectException("The connector produced a record that is not an episodic event (value schema "
                    + (record.valueSchema() == null ? "none" : record.valueSchema().name())
                    + "); episodic run only runs connectors of the episodic suite");
        }
        return EventSchemas.fromStruct((Struct) record.value());
    }
}
