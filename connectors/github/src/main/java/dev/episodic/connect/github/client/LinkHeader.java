package dev.episodic.connect.github.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GitHub's pagination header: {@code <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"}. */
public final class LinkHeader {
    private static final Pattern ENTRY = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([^\",;]+)\"?");

    private final Map<String, String> byRel;

    private LinkHeader(final Map<String, String> byRel) {
        this.byRel = byRel;
    }

    public static LinkHeader parse(final String header) {
        Map<String, String> byRel = new LinkedHashMap<>();
        if (header != null) {
            Matcher m = ENTRY.matcher(header);
            while (m.find()) {
                for (String rel : m.group(2).trim().split("\\s+")) {
                    byRel.putIfAbsent(rel, m.group(1).trim());
                }
            }
        }
        return new LinkHeader(byRel);
    }

    public Optional<String> next() {
        return rel("next");
    }

    public Optional<String> rel(final String rel) {
        return Optional.ofNullable(byRel.get(rel));
    }
}
