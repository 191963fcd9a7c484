package dev.episodic.client;

/**
 * A record keyed with the stream that is not an episodic event (no sequence in its header or value, or a value
 * that is not the JSON envelope). The reader stops rather than skip it, so no event is ever silently lost.
 */
public final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(final String topic, final int partition, final long offset, final String cause) {
        super("Record " + topic + "-" + partition + "@" + offset + " is keyed as an episodic stream but is not an "
                + "episodic event: " + cause + ". Episodic topics must be written by the episodic connectors with "
                + "value.converter=org.apache.kafka.connect.json.JsonConverter (schemas.enable=false); read other "
                + "topics with a plain consumer.");
    }
}
