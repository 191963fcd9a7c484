package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible history mixing everything numstat has to get right: edits of many
 * shapes, files without final newline, CRLF, repeated lines, binaries, renames with and without
 * edits, mode changes, symlinks, submodule entries, type changes, file/directory swaps,
 * non-ASCII names, empty commits, branches and merges that differ from their first parent.
 */
final class MixedRepo {

    private static final String[] DIRS = {"src", "src/main", "docs", "lib/ü", "tests", ""};
    private static final String[] EXTS = {".java", ".md", ".txt", ".c", ""};

    private final TestRepo repo;
    private final Random random;
    private final List<String> files = new ArrayList<>();
    private int fileSeq;

    private MixedRepo(TestRepo repo, long seed) {
        this.repo = repo;
        this.random = new Random(seed);
    }

    static TestRepo build(Path dir, long seed, int rounds) {
        MixedRepo m = new MixedRepo(TestRepo.init(dir), seed);
        m.fixedScenarios();
        for (int i = 0; i < rounds; i++) {
            m.round(i);
        }
        return m.repo;
    }

    /** The special cases, each at least once regardless of the seed. */
    private void fixedScenarios() {
        repo.write("README.md", "# title\n\nintro\n");
        repo.writeBytes("noeol.txt", "one\ntwo".getBytes());
        repo.writeBytes("crlf.txt", "a\r\nb\r\nc\r\n".getBytes());
        repo.writeBytes("image.bin", binary(300));
        repo.write("héllo wörld/naïve €.txt", "unicode\npath\n");
        repo.commit("initial: ümlauts ✓");
        files.addAll(List.of("README.md", "noeol.txt", "crlf.txt", "héllo wörld/naïve €.txt"));

        repo.writeBytes("noeol.txt", "one\ntwo\n".getBytes());
        repo.writeBytes("crlf.txt", "a\nb\r\nc\r\nd".getBytes());
        repo.writeBytes("image.bin", binary(400));
        repo.commit("newline fixes");

        repo.git("update-index", "--chmod=+x", "README.md");
        repo.commit("mode change only");

        repo.git("update-index", "--chmod=+x", "image.bin");
        repo.commit("mode change of a binary");

        repo.commit("empty commit");

        symlink("link", "README.md");
        repo.commit("add symlink");
        symlink("link", "noeol.txt");
        repo.commit("retarget symlink");

        String sub = repo.head();
        repo.git("update-index", "--add", "--cacheinfo", "160000," + sub + ",vendor/sub");
        repo.commit("add submodule entry");
        repo.git("update-index", "--cacheinfo", "160000," + repo.rev("HEAD~2") + ",vendor/sub");
        repo.commit("bump submodule");

        repo.git("rm", "-q", "--cached", "link");
        repo.write("link", "now a regular file\nwith two lines\n");
        repo.commit("symlink becomes a file");

        repo.write("swap", "file first\n");
        repo.commit("swap is a file");
        repo.delete("swap");
        repo.write("swap/inner.txt", "now a directory\n");
        repo.commit("swap becomes a directory");

        repo.write("big.txt", lines(2000, 1));
        repo.commit("big file");
        repo.write("big.txt", shuffleEdit(lines(2000, 1), 400));
        repo.commit("big scattered edit");
        repo.write("braces.c", braces(300, 0));
        repo.commit("braces");
        repo.write("braces.c", braces(300, 7));
        repo.commit("braces rewritten");

        repo.move("README.md", "docs/README.md");
        repo.commit("exact rename");
        repo.move("docs/README.md", "docs/INTRO.md");
        repo.write("docs/INTRO.md", "# title\n\nintro\nmore\n");
        repo.commit("rename with edit");
        repo.writeBytes("image.bin", binary(400));
        repo.move("image.bin", "assets/image.bin");
        repo.commit("binary rename");
        files.remove("README.md");
        files.add("docs/INTRO.md");

        repo.git("checkout", "-q", "-b", "side");
        repo.write("side.txt", "from side\n");
        repo.write("noeol.txt", "one\ntwo\nthree\n");
        repo.commit("side work");
        repo.git("checkout", "-q", "main");
        repo.write("main-only.txt", "main\n");
        repo.commit("main work");
        repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side");
        repo.git("branch", "-q", "-D", "side");
        files.addAll(List.of("side.txt", "main-only.txt"));
    }

    private void round(int i) {
        int kind = random.nextInt(10);
        if (kind == 0 && i > 0) {
            branchAndMerge(i);
            return;
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            mutate();
        }
        repo.commit("round " + i + (random.nextInt(5) == 0 ? " — ünïcödé" : "") + "\n\nbody line\n");
    }

    private void branchAndMerge(int i) {
        String name = "topic-" + i;
        repo.git("checkout", "-q", "-b", name);
        for (int c = 0; c < 1 + random.nextInt(3); c++) {
            mutate();
            repo.commit(name + " commit " + c);
        }
        repo.git("checkout", "-q", "main");
        mutate();
        repo.commit("main before merge " + i);
        // Only the topic's own new files are touched on both sides rarely; resolve any conflict with ours.
        repo.git("merge", "-q", "--no-ff", "-X", "ours", "-m", "merge " + name, name);
        if (random.nextBoolean()) {
            repo.git("branch", "-q", "-D", name);
        }
    }

    private void mutate() {
        int op = random.nextInt(12);
        if (files.isEmpty() || op < 3) {
            String path = newPath();
            repo.write(path, lines(1 + random.nextInt(120), random.nextInt(1000)));
            files.add(path);
        } else if (op < 8) {
            String path = pick();
            repo.write(path, shuffleEdit(read(path), 1 + random.nextInt(12)));
        } else if (op == 8) {
            String path = pick();
            repo.delete(path);
            files.remove(path);
        } else if (op == 9) {
            String from = pick();
            String to = newPath();
            repo.move(from, to);
            if (random.nextBoolean()) {
                repo.write(to, shuffleEdit(read(to), 1 + random.nextInt(3)));
            }
            files.remove(from);
            files.add(to);
        } else if (op == 10) {
            repo.writeBytes("bin/blob" + random.nextInt(4) + ".dat", binary(100 + random.nextInt(9000)));
        } else {
            String path = pick();
            repo.write(path, read(path) + "tail without newline " + random.nextInt(99));
        }
    }

    private String newPath() {
        String dir = DIRS[random.nextInt(DIRS.length)];
        String name = "f" + (fileSeq++) + EXTS[random.nextInt(EXTS.length)];
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private String pick() {
        return files.get(random.nextInt(files.size()));
    }

    private String read(String path) {
        try {
            return Files.readString(repo.dir().resolve(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces, inserts and deletes lines at random places; keeps repeated lines common. */
    private String shuffleEdit(String text, int changes) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(Math.max(1, lines.size()));
            switch (random.nextInt(4)) {
                case 0 -> lines.add(at, "inserted " + random.nextInt(50));
                case 1 -> {
                    if (lines.size() > 1) {
                        lines.remove(at);
                    }
                }
                case 2 -> lines.set(at, "replaced " + random.nextInt(50));
                default -> lines.add(at, random.nextBoolean() ? "}" : "");
            }
        }
        return String.join("\n", lines);
    }

    private static String lines(int count, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i % 7 == 0 ? "}" : "line " + ((i * 31 + seed) % 97)).append('\n');
        }
        return sb.toString();
    }

    private static String braces(int blocks, int variant) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < blocks; i++) {
            sb.append("int f").append((i * (variant + 1)) % blocks).append("() {\n")
                    .append("    return ").append(i % (variant + 3)).append(";\n}\n\n");
        }
        return sb.toString();
    }

    private byte[] binary(int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        data[size / 2] = 0;
        return data;
    }

    private void symlink(String name, String target) {
        try {
            Path link = repo.dir().resolve(name);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        repo.git("add", "--", name);
    }
}
