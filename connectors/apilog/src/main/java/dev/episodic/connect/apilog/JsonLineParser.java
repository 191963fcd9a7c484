package dev.episodic.connect.apilog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * One JSON object per line, read straight from the line's bytes: a flat object of plain ASCII by
 * {@link FlatJsonScanner}, anything else by Jackson's streaming parser, which enters only the objects on a mapped
 * path and skips everything else unread. A line that is not a JSON object, is broken, or
 * carries none of method, path and status does not parse.
 */
final class JsonLineParser implements LineParser {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int MAX_DEPTH = 16;

    private final JsonFieldMapping mapping;
    /** Per target (by ordinal), the rank of the candidate that filled it on this line; NONE when unfilled. */
    private final int[] rank = new int[FieldTarget.values().length];
    private static final int NONE = Integer.MAX_VALUE;
    private final String[] prefix = new String[MAX_DEPTH];

    /** Whether flat lines take {@link FlatJsonScanner} (false only in tests that compare the two paths). */
    private final boolean fastPath;
    private final RepeatedStrings repeated = new RepeatedStrings();

    JsonLineParser(final JsonFieldMapping mapping) {
        this(mapping, true);
    }

    JsonLineParser(final JsonFieldMapping mapping, final boolean fastPath) {
        this.mapping = mapping;
        this.fastPath = fastPath;
    }

    @Override
    public boolean parse(final byte[] b, final int from, final int to, final ParsedRequest out) {
        int start = from;
        while (start < to && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        if (start >= to || b[start] != '{') {
            return out.fail("not a JSON object");
        }
        Arrays.fill(rank, NONE);
        if (!fastPath || !FlatJsonScanner.scan(b, start, to, mapping, rank, repeated, out)) {
            out.reset();
            Arrays.fill(rank, NONE);
            if (!parseWithJackson(b, start, to, out)) {
                return false;
            }
        }
        if (out.method == null && out.path == null && out.status == null) {
            return out.fail("no method, path or status field (map them with apilog.json.fields)");
        }
        return true;
    }

    /** The general path: Jackson's streaming parser, entering only the objects on a mapped path. */
    private boolean parseWithJackson(final byte[] b, final int start, final int to, final ParsedRequest out) {
        try (JsonParser parser = FACTORY.createParser(b, start, to - start)) {
            parser.nextToken();
            readObject(parser, 0, out);
            if (parser.nextToken() != null) {
                return out.fail("text after the JSON object");
            }
        } catch (JsonParseException e) {
            return out.fail("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return out.fail("invalid JSON: " + e.getMessage());
        }
        return true;
    }

    private void readObject(final JsonParser parser, final int depth, final ParsedRequest out) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String path = depth == 0 ? name : prefix[depth - 1] + '.' + name;
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                if (depth + 1 < MAX_DEPTH && mapping.isPrefix(path)) {
                    prefix[depth] = path;
                    readObject(parser, depth + 1, out);
                } else {
                    parser.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else {
                JsonFieldMapping.Candidate candidate = mapping.candidate(path);
                if (candidate != null && value != JsonToken.VALUE_NULL) {
                    int target = candidate.target().ordinal();
                    if (candidate.rank() < rank[target]) {
                        rank[target] = candidate.rank();
                        assign(candidate.target(), parser.getText(), out);
                    }
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    static void assign(final FieldTarget target, final String text, final ParsedRequest out) {
        switch (target) {
            case METHOD -> out.method = text;
            case PATH -> {
                // A full URL keeps only its path; its query feeds the query unless a query field is mapped.
                String t = stripOrigin(text);
                int q = t.indexOf('?');
                out.path = q < 0 ? t : t.substring(0, q);
                if (q >= 0 && !out.separateQuery) {
                    out.query = t.substring(q + 1);
                }
            }
            case QUERY -> {
                out.query = text.startsWith("?") ? text.substring(1) : text;
                out.separateQuery = true;
            }
            case STATUS -> out.status = text;
            case BYTES -> out.bytes = text;
            case LATENCY_MS -> out.latencyMs = text;
            case TIME -> {
                out.time = LogTimes.flexible(text);
                out.timeText = out.time == null ? text : null;
            }
            case REQUEST_ID -> out.requestId = text;
            case USER -> out.user = text.isEmpty() || text.equals("-") ? null : text;
            case SESSION -> out.session = text.isEmpty() ? null : text;
            case CLIENT_IP -> out.clientIp = text;
            case USER_AGENT -> out.userAgent = text;
            case REFERER -> out.referer = text.isEmpty() || text.equals("-") ? null : text;
            default -> throw new IllegalStateException("unhandled target " + target);
        }
    }

    private static String stripOrigin(final String url) {
        int scheme = url.indexOf("://");
        if (scheme <= 0 || scheme > 10) {
            return url;
        }
        int slash = url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }
}
