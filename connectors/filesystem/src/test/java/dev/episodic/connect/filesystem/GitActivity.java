package dev.episodic.connect.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes git activity for connector tests with the git CLI: {@code fast-import} writes thousands of commits in
 * well under a second, with fixed identities and times so ids are the same on every run.
 */
final class GitActivity {
    private final Path dir;
    private long clock = 1_700_000_000L;
    private int counter;

    private GitActivity(final Path dir) {
        this.dir = dir;
    }

    static GitActivity init(final Path dir) throws IOException {
        Files.createDirectories(dir);
        GitActivity repo = new GitActivity(dir);
        repo.git("init", "-q", "-b", "main");
        return repo;
    }

    Path dir() {
        return dir;
    }

    /** Appends {@code n} linear commits to {@code branch} (created from {@code from} when new; null = root). */
    List<String> commits(final String branch, final String from, final int n) throws IOException {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        String start = from != null ? from : tip(branch);
        for (int i = 0; i < n; i++) {
            counter++;
            clock += 60;
            String message = "Change " + counter + " on " + branch + "\n\nBody of change " + counter + ".\n";
            String content = "line a " + counter + "\nline b\n".repeat(1 + counter % 3);
            write(script, "commit refs/heads/" + branch + "\n");
            write(script, "mark :" + (i + 1) + "\n");
            write(script, "author Ada Lovelace <ada@example.com> " + clock + " +0100\n");
            write(script, "committer Ada Lovelace <ada@example.com> " + clock + " +0100\n");
            data(script, message);
            if (i == 0 && start != null) {
                write(script, "from " + start + "\n");
            }
            write(script, "M 100644 inline src/file" + (counter % 20) + ".txt\n");
            data(script, content);
            write(script, "\n");
        }
        for (int i = 0; i < n; i++) {
            write(script, "get-mark :" + (i + 1) + "\n");
        }
        String out = run(script.toByteArray(), "fast-import", "--quiet", "--force");
        List<String> shas = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.matches("[0-9a-f]{40}")) {
                shas.add(line);
            }
        }
        return shas;
    }

    String tip(final String branch) throws IOException {
        try {
            return git("rev-parse", "--verify", "-q", "refs/heads/" + branch).trim();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    String git(final String... args) throws IOException {
        return run(null, args);
    }

    private String run(final byte[] stdin, final String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-c");
        command.add("core.quotePath=false");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
        } else {
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void data(final ByteArrayOutputStream out, final String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, "data " + bytes.length + "\n");
        out.write(bytes);
        write(out, "\n");
    }

    private static void write(final ByteArrayOutputStream out, final String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
