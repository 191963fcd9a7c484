package dev.episodic.connect.filesystem.git;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a {@code git fast-import} stream for the benchmark repository: a main line with a
 * long-running dev branch merged back regularly, 2-6 files touched per commit, files from a few
 * lines to a few thousand, renames, deletes, binaries. Seeded, so the repository is identical on
 * every machine. Usage: {@code BenchRepoGenerator <total-commits> | git fast-import}.
 */
public final class BenchRepoGenerator {

    private static final String[] DIRS = {"src/main/java/app", "src/main/java/lib", "src/test/java/app", "docs",
        "web/static", "scripts", "config"};
    private static final String[] EXTS = {".java", ".java", ".java", ".md", ".js", ".sh", ".yml", ".txt"};
    private static final String[] WORDS = {"return", "value", "count", "if", "else", "for", "while", "final",
        "static", "index", "result", "buffer", "stream", "config", "event", "commit", "branch", "offset", "{", "}"};

    private final Random random = new Random(20240601L);
    private final OutputStream out;
    private final Map<String, List<String>> mainFiles = new HashMap<>();
    private final List<String> mainPaths = new ArrayList<>();
    private final Map<String, List<String>> devFiles = new HashMap<>();
    private final List<String> devPaths = new ArrayList<>();
    private final Set<String> devChangedSinceMerge = new LinkedHashSet<>();
    private long time = 1_600_000_000L;
    private int mark;
    private int mainTip;
    private int devTip;
    private int fileSeq;

    private BenchRepoGenerator(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (OutputStream os = new BufferedOutputStream(System.out, 1 << 20)) {
            new BenchRepoGenerator(os).generate(total);
        }
    }

    private void generate(int total) throws IOException {
        int commits = 0;
        while (commits < total) {
            int roll = random.nextInt(100);
            if (devTip != 0 && roll < 2 && !devChangedSinceMerge.isEmpty()) {
                merge();
            } else if (roll < 20) {
                devCommit();
            } else {
                mainCommit();
            }
            commits++;
        }
        write("done\n");
    }

    private void mainCommit() throws IOException {
        Ops ops = new Ops();
        int touched = 2 + random.nextInt(5);
        for (int i = 0; i < touched; i++) {
            int op = random.nextInt(100);
            if (mainPaths.size() < 40 || op < 12) {
                String path = newPath();
                List<String> content = newContent();
                mainFiles.put(path, content);
                mainPaths.add(path);
                modify(ops, path, content);
            } else if (op < 15) {
                String path = mainPaths.remove(random.nextInt(mainPaths.size()));
                mainFiles.remove(path);
                ops.text("D " + path + "\n");
            } else if (op < 18) {
                int idx = random.nextInt(mainPaths.size());
                String from = mainPaths.get(idx);
                String to = newPath();
                List<String> content = mainFiles.remove(from);
                mainFiles.put(to, content);
                mainPaths.set(idx, to);
                ops.text("R " + from + " " + to + "\n");
                if (random.nextBoolean()) {
                    edit(content, 1 + random.nextInt(3));
                    modify(ops, to, content);
                }
            } else if (op < 20) {
                byte[] data = new byte[200 + random.nextInt(20_000)];
                random.nextBytes(data);
                data[0] = 0;
                String path = "assets/blob" + random.nextInt(30) + ".bin";
                blob(ops, path, data);
            } else {
                String path = mainPaths.get(random.nextInt(mainPaths.size()));
                edit(mainFiles.get(path), 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 8));
                modify(ops, path, mainFiles.get(path));
            }
        }
        mainTip = commit("refs/heads/main", mainTip, 0, "main change " + mark, ops);
    }

    private void devCommit() throws IOException {
        Ops ops = new Ops();
        int touched = 1 + random.nextInt(4);
        for (int i = 0; i < touched; i++) {
            if (devPaths.size() < 10 || random.nextInt(10) == 0) {
                String path = "feature/" + DIRS[random.nextInt(DIRS.length)] + "/d" + (fileSeq++)
                        + EXTS[random.nextInt(EXTS.length)];
                devFiles.put(path, newContent());
                devPaths.add(path);
                modify(ops, path, devFiles.get(path));
                devChangedSinceMerge.add(path);
            } else {
                String path = devPaths.get(random.nextInt(devPaths.size()));
                edit(devFiles.get(path), 1 + random.nextInt(10));
                modify(ops, path, devFiles.get(path));
                devChangedSinceMerge.add(path);
            }
        }
        int from = devTip == 0 ? mainTip : devTip;
        devTip = commit("refs/heads/dev", from, 0, "dev change " + mark, ops);
    }

    /** Merges dev into main: main takes dev's version of every file dev touched since the last merge. */
    private void merge() throws IOException {
        Ops ops = new Ops();
        for (String path : devChangedSinceMerge) {
            modify(ops, path, devFiles.get(path));
        }
        devChangedSinceMerge.clear();
        mainTip = commit("refs/heads/main", mainTip, devTip, "Merge branch 'dev'", ops);
    }

    private int commit(String ref, int from, int merge, String message, Ops ops) throws IOException {
        time += 30 + random.nextInt(3000);
        int id = ++mark;
        StringBuilder sb = new StringBuilder();
        sb.append("commit ").append(ref).append('\n');
        sb.append("mark :").append(id).append('\n');
        String who = "Dev" + random.nextInt(12) + " <dev" + random.nextInt(12) + "@example.com>";
        sb.append("author ").append(who).append(' ').append(time).append(" +0100\n");
        sb.append("committer ").append(who).append(' ').append(time).append(" +0100\n");
        String msg = message + "\n\nDetails for " + message + ".\n";
        sb.append("data ").append(msg.getBytes(StandardCharsets.UTF_8).length).append('\n').append(msg);
        if (from != 0) {
            sb.append("from :").append(from).append('\n');
        }
        if (merge != 0) {
            sb.append("merge :").append(merge).append('\n');
        }
        write(sb.toString());
        ops.bytes.writeTo(out);
        write("\n");
        return id;
    }

    private void modify(Ops ops, String path, List<String> content) {
        StringBuilder text = new StringBuilder();
        for (String line : content) {
            text.append(line).append('\n');
        }
        blob(ops, path, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void blob(Ops ops, String path, byte[] data) {
        ops.text("M 100644 inline " + path + "\ndata " + data.length + "\n");
        ops.bytes.writeBytes(data);
        ops.text("\n");
    }

    private String newPath() {
        return DIRS[random.nextInt(DIRS.length)] + "/f" + (fileSeq++) + EXTS[random.nextInt(EXTS.length)];
    }

    private List<String> newContent() {
        int size = random.nextInt(10) == 0 ? 500 + random.nextInt(2500) : 5 + random.nextInt(200);
        List<String> lines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lines.add(line());
        }
        return lines;
    }

    private void edit(List<String> lines, int changes) {
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(lines.size() + 1);
            int kind = random.nextInt(3);
            if (kind == 0 || lines.isEmpty()) {
                lines.add(at, line());
            } else if (kind == 1 && lines.size() > 1) {
                lines.remove(Math.min(at, lines.size() - 1));
            } else {
                lines.set(Math.min(at, lines.size() - 1), line());
            }
        }
    }

    private String line() {
        StringBuilder sb = new StringBuilder("    ");
        int words = random.nextInt(9);
        for (int i = 0; i < words; i++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return sb.append(random.nextInt(1000)).toString();
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** File operations of one commit; bytes because binary blobs go in verbatim. */
    private static final class Ops {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void text(String s) {
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
