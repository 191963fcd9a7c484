package dev.episodic.connect.apilog;

/**
 * How every stream of a task reads its files: format, field mapping, line limit, read-buffer size, whether a
 * parsed line's raw text is decoded (it is needed for the payload only), and how long a file rotated away is left
 * to its writer before it is finished.
 */
record ReadSettings(LogFormat format, JsonFieldMapping mapping, int maxLineBytes, int bufferBytes,
                    boolean decodeRaw, long rotationGraceNanos) {
    /** Initial read buffer per open file; it grows towards the maximum line length only for long lines. */
    static final int DEFAULT_BUFFER_BYTES = 256 * 1024;
    /** Bytes of a file's beginning read to decide its format when the format is auto. */
    static final int DETECT_BYTES = 64 * 1024;
}
