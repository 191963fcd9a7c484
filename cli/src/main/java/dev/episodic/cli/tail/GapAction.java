package dev.episodic.cli.tail;

import dev.episodic.client.GapPolicy;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code episodic tail --stream} does when sequences are missing. */
enum GapAction {
    /** A line on stderr naming the missing sequences, then the events after the hole. */
    WARN,
    /** Stop with exit code 1 and the missing sequences in the message. */
    FAIL;

    GapPolicy policy(final PrintWriter err) {
        return switch (this) {
            case WARN -> GapPolicy.report(gap -> {
                err.println("episodic tail: " + gap.describe());
                err.flush();
            });
            case FAIL -> GapPolicy.fail();
        };
    }

    /** Accepts exactly {@code warn} or {@code fail} (any case). */
    static final class Converter implements ITypeConverter<GapAction> {
        @Override
        public GapAction convert(final String value) {
            for (GapAction a : values()) {
                if (a.name().equalsIgnoreCase(value)) {
                    return a;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a gap action; use warn or fail");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
