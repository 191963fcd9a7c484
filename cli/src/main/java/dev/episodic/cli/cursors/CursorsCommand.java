package dev.episodic.cli.cursors;

import dev.episodic.cli.Main;
import dev.episodic.cli.UsageException;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.store.SqliteCursorStore;
import dev.episodic.connect.common.store.StoredCursor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code episodic cursors}: inspect and manage the cursors of standalone runs. */
@Command(name = "cursors", mixinStandardHelpOptions = true,
        description = "Inspect and manage the SQLite cursors of standalone runs.",
        subcommands = {CursorsCommand.ListCursors.class, CursorsCommand.Show.class, CursorsCommand.Reset.class,
                CursorsCommand.Expire.class})
public final class CursorsCommand {
    /** A cursor not updated for this long is marked STALE by {@code list}. */
    public static final Duration STALE_AFTER = Duration.ofHours(24);

    @Option(names = "--cursors", paramLabel = "FILE", defaultValue = ".episodic/cursors.db", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "SQLite cursor store (default: ${DEFAULT-VALUE}).")
    Path cursors;

    /** Tests move the clock; the command line always uses the system clock. */
    Clock clock = Clock.systemUTC();

    SqliteCursorStore openExisting() {
        if (!Files.isRegularFile(cursors)) {
            throw new UsageException("No cursor store at " + cursors + "; run `episodic run` first or point --cursors at the file");
        }
        return SqliteCursorStore.open(cursors, clock);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Each stream's cursor: source, stream, sequence, age; STALE past 24 h, CORRUPT when unreadable.")
    static final class ListCursors implements Callable<Integer> {
        @ParentCommand
        CursorsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SqliteCursorStore store = parent.openExisting()) {
                List<StoredCursor> rows = store.list();
                if (rows.isEmpty()) {
                    out.println("No cursors in " + store.file());
                    return Main.OK;
                }
                Instant now = parent.clock.instant();
                out.printf("%-24s %-40s %10s %8s  %s%n", "SOURCE", "STREAM", "SEQUENCE", "AGE", "STATUS");
                int corrupt = 0;
                for (StoredCursor row : rows) {
                    Duration age = Duration.between(row.updatedAt(), now);
                    String status;
                    String seq;
                    if (row.corrupt()) {
                        corrupt++;
                        status = "CORRUPT: " + row.error() + " (next run does a full sync of it; `episodic cursors reset "
                                + row.sourceId() + "` removes it)";
                        seq = "-";
                    } else {
                        status = age.compareTo(STALE_AFTER) > 0 ? "STALE" : "ok";
                        Object s = row.offset().get("seq");
                        seq = s == null ? "-" : s.toString();
                    }
                    out.printf("%-24s %-40s %10s %8s  %s%n", row.sourceId(),
                            row.stream().orElse(row.corrupt() ? row.key().substring(row.sourceId().length()) : row.partition().toString()),
                            seq, DurationParser.humanize(age), status);
                }
                out.printf("%d cursor(s) in %s%s%n", rows.size(), store.file(), corrupt > 0 ? ", " + corrupt + " corrupt" : "");
                return Main.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Every stream of one source with its partition and offset as JSON.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CursorsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "SOURCE", description = "The source id (source.id, or the connector's name).")
        String source;

        @Override
        public Integer call() {
            try (SqliteCursorStore store = parent.openExisting()) {
                List<StoredCursor> rows = requireRows(store, source);
                PrintWriter out = spec.commandLine().getOut();
                for (StoredCursor row : rows) {
                    var node = EventJson.mapper().createObjectNode();
                    node.put("source", row.sourceId());
                    node.put("updated_at", row.updatedAt().toString());
                    if (row.corrupt()) {
                        node.put("error", row.error());
                        node.put("key", row.key());
                    } else {
                        node.set("partition", EventJson.mapper().valueToTree(row.partition()));
                        node.set("offset", EventJson.mapper().valueToTree(row.offset()));
                    }
                    out.println(node);
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Delete every cursor of one source: its next run is a full sync (sequences start at 1 again).")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        CursorsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "SOURCE", description = "The source id (source.id, or the connector's name).")
        String source;

        @Override
        public Integer call() {
            try (SqliteCursorStore store = parent.openExisting()) {
                requireRows(store, source);
                int removed = store.deleteSource(source);
                spec.commandLine().getOut().printf("Reset %s: removed %d cursor(s); its next run is a full sync%n", source, removed);
                return Main.OK;
            }
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true,
            description = "Delete cursors not updated for longer than a duration.")
    static final class Expire implements Callable<Integer> {
        @ParentCommand
        CursorsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--older-than", required = true, paramLabel = "DURATION", converter = DurationParser.Converter.class,
                description = "e.g. 30d, 12h, 90m or P30D.")
        Duration olderThan;

        @Override
        public Integer call() {
            try (SqliteCursorStore store = parent.openExisting()) {
                Instant cutoff = parent.clock.instant().minus(olderThan);
                int removed = store.deleteOlderThan(cutoff);
                spec.commandLine().getOut().printf("Expired %d cursor(s) not updated since %s%n", removed, cutoff);
                return Main.OK;
            }
        }
    }

    private static List<StoredCursor> requireRows(final SqliteCursorStore store, final String source) {
        List<StoredCursor> rows = store.listSource(source);
        if (rows.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            store.list().forEach(r -> known.add(r.sourceId()));
            throw new UsageException("No cursors for source '" + source + "' in " + store.file() + "; known sources: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return rows;
    }
}
