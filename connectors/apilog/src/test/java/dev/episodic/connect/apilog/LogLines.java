package dev.episodic.connect.apilog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes combined-format lines numbered {@code n}, so tests can tell exactly which lines arrived. */
final class LogLines {
    private LogLines() {
    }

    static String line(final int n) {
        return "10.0.0." + (n % 250) + " - user" + (n % 7) + " [31/Jan/2024:10:" + two((n / 60) % 60) + ":"
                + two(n % 60) + " +0000] \"GET /items/" + n + "?page=" + (n % 9) + " HTTP/1.1\" 200 " + (100 + n)
                + " \"-\" \"bench/1.0\"\n";
    }

    static String lines(final int from, final int toExclusive) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < toExclusive; i++) {
            s.append(line(i));
        }
        return s.toString();
    }

    static void append(final Path file, final String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The line number a {@link #line} event came from, read back from its path. */
    static int numberOf(final dev.episodic.connect.common.event.EpisodicEvent event) {
        String path = event.attributes().get("path");
        return Integer.parseInt(path.substring("/items/".length()));
    }

    private static String two(final int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
