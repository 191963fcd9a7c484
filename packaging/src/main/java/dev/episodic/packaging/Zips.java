package dev.episodic.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes zip archives with entries in a stable order and a fixed time, so the same input gives the same bytes. */
final class Zips {
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L);

    /** A file or folder and the path it gets inside the archive. */
    record Entry(Path source, String name) {
    }

    private Zips() {
    }

    static void zip(final Path zip, final List<Entry> entries) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Entry e : entries) {
                if (Files.isDirectory(e.source())) {
                    try (Stream<Path> walk = Files.walk(e.source())) {
                        for (Path p : walk.sorted().toList()) {
                            String rel = e.source().relativize(p).toString().replace('\\', '/');
                            String name = rel.isEmpty() ? e.name() : e.name() + "/" + rel;
                            add(out, p, name);
                        }
                    }
                } else {
                    add(out, e.source(), e.name());
                }
            }
        }
    }

    private static void add(final ZipOutputStream out, final Path p, final String name) throws IOException {
        boolean dir = Files.isDirectory(p);
        ZipEntry entry = new ZipEntry(dir ? name + "/" : name);
        entry.setLastModifiedTime(EPOCH);
        out.putNextEntry(entry);
        if (!dir) {
            Files.copy(p, out);
        }
        out.closeEntry();
    }
}
