package dev.episodic.connect.apilog;

import java.util.Map;

/**
 * Where a line read ahead came from, as the thread that parses it needs it: the stream (name and source
 * partition), the file's path (for the WARN of an unparsed line), the event-id prefix of its generation and the
 * format its lines are read as. One per file generation, shared by all its lines.
 */
record LineOrigin(String stream, Map<String, String> partition, String path, String idPrefix, LogFormat format) {
}
