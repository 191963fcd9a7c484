package dev.episodic.connect.apilog.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates the benchmark's log files: realistic combined and JSON lines with varied paths, users and agents. */
final class BenchFiles {
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "curl/8.5.0", "python-requests/2.31.0", "okhttp/4.12.0"};
    private static final int[] STATUS = {200, 200, 200, 201, 204, 301, 404, 500};

    private BenchFiles() {
    }

    static Path combined(final Path dir, final int lines) throws IOException {
        Path file = dir.resolve("combined-" + lines + ".log");
        if (Files.exists(file)) {
            return file;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder s = new StringBuilder(512);
            for (int i = 0; i < lines; i++) {
                s.setLength(0);
                int second = i / 1000;
                s.append("10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.').append(i & 255)
                        .append(i % 13 == 0 ? " - alice [" : " - - [").append(clf(second)).append("] \"")
                        .append(METHODS[i % METHODS.length]).append(" /api/v1/items/").append(i % 10_007)
                        .append(i % 5 == 0 ? "?page=" + (i % 17) + "&token=t" + i : "")
                        .append(" HTTP/1.1\" ").append(STATUS[i % STATUS.length]).append(' ').append(200 + i % 5000)
                        .append(" \"https://example.com/start\" \"").append(AGENTS[i % AGENTS.length]).append("\"\n");
                out.write(s.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    static Path json(final Path dir, final int lines) throws IOException {
        Path file = dir.resolve("json-" + lines + ".log");
        if (Files.exists(file)) {
            return file;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder s = new StringBuilder(512);
            for (int i = 0; i < lines; i++) {
                s.setLength(0);
                s.append("{\"time\":\"2024-01-31T").append(iso(i / 1000)).append(".").append(100 + i % 900)
                        .append("Z\",\"level\":\"info\",\"method\":\"").append(METHODS[i % METHODS.length])
                        .append("\",\"path\":\"/api/v1/items/").append(i % 10_007)
                        .append(i % 5 == 0 ? "?page=2&api_key=k" + i : "").append("\",\"status\":")
                        .append(STATUS[i % STATUS.length]).append(",\"duration\":").append(i % 977 / 10.0)
                        .append(",\"request_id\":\"req-").append(i).append("\",\"user\":\"")
                        .append(i % 13 == 0 ? "alice" : "bob").append("\",\"ip\":\"10.0.").append((i >> 8) & 255)
                        .append('.').append(i & 255).append("\",\"user_agent\":\"").append(AGENTS[i % AGENTS.length])
                        .append("\"}\n");
                out.write(s.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static String clf(final int second) {
        int h = (second / 3600) % 24;
        int m = (second / 60) % 60;
        int s = second % 60;
        return "31/Jan/2024:" + two(h) + ":" + two(m) + ":" + two(s) + " +0000";
    }

    private static String iso(final int second) {
        int h = (second / 3600) % 24;
        int m = (second / 60) % 60;
        int s = second % 60;
        return two(h) + ":" + two(m) + ":" + two(s);
    }

    private static String two(final int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
