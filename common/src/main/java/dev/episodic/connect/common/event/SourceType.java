package dev.episodic.connect.common.event;

import java.util.Locale;

/** The families of sources an episodic event can come from; {@link #wireName()} is what goes on the topic. */
public enum SourceType {
    GIT("git"),
    FILESYSTEM("filesystem"),
    GITHUB("github"),
    SLACK("slack"),
    API_LOG("api_log"),
    CURSOR_IDE("cursor_ide");

    private final String wireName;

    SourceType(final String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Strict parse: only the exact wire names are accepted. */
    public static SourceType fromWireName(final String value) {
        for (SourceType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown source_type '" + value + "'; expected one of "
                + java.util.Arrays.stream(values()).map(SourceType::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
