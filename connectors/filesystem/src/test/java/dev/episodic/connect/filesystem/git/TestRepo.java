package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds test repositories with the git CLI, with fixed identities and a clock that advances one
 * minute per commit, so every run produces the same commit ids.
 */
final class TestRepo {

    static final long EPOCH = 1_700_000_000L;

    private final Path dir;
    private long clock = EPOCH;

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    static TestRepo init(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TestRepo repo = new TestRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Test Author");
        repo.git("config", "user.email", "author@example.com");
        repo.git("config", "core.autocrlf", "false");
        repo.git("config", "commit.gpgsign", "false");
        return repo;
    }

    Path dir() {
        return dir;
    }

    long clock() {
        return clock;
    }

    TestRepo write(String path, String content) {
        return writeBytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    TestRepo writeBytes(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git("add", "--", path);
        return this;
    }

    TestRepo delete(String path) {
        git("rm", "-q", "-r", "-f", "--", path);
        return this;
    }

    TestRepo move(String from, String to) {
        try {
            Path target = dir.resolve(to).getParent();
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git("mv", from, to);
        return this;
    }

    /** Commits everything staged (empty commits allowed) and returns the new id. */
    String commit(String message) {
        git("commit", "-q", "--allow-empty", "--no-verify", "-m", message);
        return head();
    }

    String head() {
        return git("rev-parse", "HEAD").strip();
    }

    String rev(String name) {
        return git("rev-parse", name).strip();
    }

    /** Runs git with the fixed clock and returns stdout; fails the test on a non-zero exit. */
    String git(String... args) {
        return new String(gitBytes(args), StandardCharsets.UTF_8);
    }

    byte[] gitBytes(String... args) {
        clock += 60;
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        String date = "@" + clock + " +0200";
        env.put("GIT_AUTHOR_DATE", date);
        env.put("GIT_COMMITTER_DATE", date);
        env.put("GIT_COMMITTER_NAME", "Test Committer");
        env.put("GIT_COMMITTER_EMAIL", "committer@example.com");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[][] err = new byte[1][];
            Thread drain = new Thread(() -> err[0] = readAll(p.getErrorStream()));
            drain.start();
            byte[] out = readAll(p.getInputStream());
            drain.join();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: "
                        + new String(err[0], StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
