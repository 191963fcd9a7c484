package dev.episodic.client;

/** The topic does not exist (the reader never creates one: a misspelt name would make an empty topic). */
public final class TopicNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopicNotFoundException(final String topic) {
        super("Topic " + topic + " does not exist on the cluster; check the topic name (a connector creates its "
                + "topic with its first event)");
    }
}
