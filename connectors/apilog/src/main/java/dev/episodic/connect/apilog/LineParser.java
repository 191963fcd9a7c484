package dev.episodic.connect.apilog;

/** Parses one line (bytes {@code [from, to)} of {@code buf}, without its line end) into {@code out}. */
interface LineParser {
    /** True when the line parsed; false with {@link ParsedRequest#failure} set when it did not. */
    boolean parse(byte[] buf, int from, int to, ParsedRequest out);
}
