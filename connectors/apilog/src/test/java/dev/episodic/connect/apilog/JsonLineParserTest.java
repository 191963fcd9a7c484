package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineParserTest {
    private static ParsedRequest parse(final JsonFieldMapping mapping, final String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParsedRequest out = new ParsedRequest();
        new JsonLineParser(mapping).parse(b, 0, b.length, out);
        return out;
    }

    @Test
    void userMappingReachesNestedFieldsAndPrefersTheFirstAlternative() {
        JsonFieldMapping mapping = JsonFieldMapping.parse("k", "method=http.verb,path=http.target.path|url,"
                + "status=http.res.code,latency_ms=took,user=auth.sub,session=auth.sid,time=at");
        ParsedRequest r = parse(mapping, "{\"url\":\"/fallback\",\"http\":{\"verb\":\"GET\",\"target\":{\"path\":"
                + "\"/real?x=1\"},\"res\":{\"code\":418}},\"took\":3.5,\"auth\":{\"sub\":\"u-1\",\"sid\":\"s-9\"},"
                + "\"at\":\"2024-01-31T10:00:00Z\",\"other\":{\"deep\":[1,{\"a\":2}]}}");
        assertThat(r.failure).isNull();
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/real");
        assertThat(r.query).isEqualTo("x=1");
        assertThat(r.status).isEqualTo("418");
        assertThat(r.latencyMs).isEqualTo("3.5");
        assertThat(r.user).isEqualTo("u-1");
        assertThat(r.session).isEqualTo("s-9");
        assertThat(r.time).isEqualTo(Instant.parse("2024-01-31T10:00:00Z"));
    }

    @Test
    void aMappedTargetNoLongerReadsItsDefaultNames() {
        JsonFieldMapping mapping = JsonFieldMapping.parse("k", "status=res.statusCode");
        ParsedRequest r = parse(mapping, "{\"method\":\"GET\",\"status\":500,\"res\":{\"statusCode\":200}}");
        assertThat(r.status).isEqualTo("200");
        assertThat(parse(mapping, "{\"status\":500}").failure).startsWith("no method, path or status");
    }

    @Test
    void fullUrlsKeepTheirPathAndQuery() {
        ParsedRequest r = parse(JsonFieldMapping.defaults(), "{\"method\":\"GET\",\"url\":\"https://h:8443/a/b?c=d\"}");
        assertThat(r.path).isEqualTo("/a/b");
        assertThat(r.query).isEqualTo("c=d");
        assertThat(parse(JsonFieldMapping.defaults(), "{\"url\":\"https://h\"}").path).isEqualTo("/");
    }

    /**
     * The fast path for flat lines and the Jackson path read every line alike: the same verdict, the same reason
     * and the same fields, over curated edge cases and 30,000 generated lines (valid, malformed, nested, escaped,
     * non-ASCII, odd numbers and literals, duplicate keys).
     */
    @Test
    void theFlatFastPathReadsEveryLineExactlyAsJacksonDoes() throws Exception {
        JsonFieldMapping[] mappings = {JsonFieldMapping.defaults(),
            JsonFieldMapping.parse("k", "method=verb|method,path=req.url|target,status=code,time=at")};
        List<String> lines = new ArrayList<>(List.of(
                "{}", "{ }", "{\"method\":\"GET\"}", "{\"method\":\"GET\",}", "{\"method\" \"GET\"}",
                "{\"status\":01}", "{\"status\":1.}", "{\"status\":-}", "{\"status\":+1}", "{\"status\":1e}",
                "{\"status\":-0.5E-3}", "{\"status\":200} x", "{\"status\":200}  ", "{\"status\":true}",
                "{\"status\":trueX}", "{\"status\":nul}", "{\"status\":null,\"method\":\"PUT\"}",
                "{\"path\":\"/a\\\"b\"}", "{\"path\":\"/caf\u00e9\"}", "{\"path\":\"/tab\there\"}",
                "{\"path\":\"/x\",\"path\":\"/y\"}", "{\"url\":\"/u\",\"path\":\"/p\"}",
                "{\"path\":{\"a\":1}}", "{\"path\":[1,2],\"status\":5}", "{\"\":1,\"status\":2}",
                "{\"status\":200\t}", "{\"status\":\"\"}", "{\"time\":\"2024-01-31T00:00:00Z\",\"status\":1}",
                "{\"time\":\"yesterday\",\"status\":1}", "{\"status\":1", "{\"status\":\"1}",
                "{\"query\":\"?a=1\",\"path\":\"/p?b=2\"}", "{\"path\":\"/p?b=2\",\"query\":\"a=1\"}",
                "{\"url\":\"https://h:1/a?q=1\"}", "{\"status\":1" + "0".repeat(150) + "}",
                "{\"req.url\":\"/dotted\",\"code\":7}", "{\"req\":{\"url\":\"/nested\"},\"code\":7}"));
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String[] keys = {"method", "verb", "path", "url", "target", "status", "code", "duration", "time", "at",
            "ip", "user", "session", "query", "request_id", "level", "msg", "user_agent", "referer", "bytes", ""};
        String[] values = {"\"GET\"", "\"/api/v1/x?token=t\"", "200", "-1.5e3", "0", "01", "true", "false", "null",
            "\"a\\\"b\"", "\"\u00fcml\"", "\"tab\tin\"", "{\"x\":1}", "[1,{\"y\":2}]", "\"2024-01-31T00:00:00.1Z\"",
            "\"-\"", "\"\"", "1.", "nul", "\"\\u0041\""};
        String[] glue = {",", ", ", " ,", ",,", ":", ""};
        for (int n = 0; n < 30_000; n++) {
            StringBuilder line = new StringBuilder(random.nextInt(10) == 0 ? " {" : "{");
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    line.append(random.nextInt(20) == 0 ? glue[random.nextInt(glue.length)] : ",");
                }
                line.append('"').append(keys[random.nextInt(keys.length)]).append('"')
                        .append(random.nextInt(10) == 0 ? " : " : ":")
                        .append(values[random.nextInt(values.length)]);
            }
            line.append(random.nextInt(30) == 0 ? "" : "}").append(random.nextInt(30) == 0 ? " trailing" : "");
            lines.add(line.toString());
        }
        int fast = 0;
        for (JsonFieldMapping mapping : mappings) {
            JsonLineParser withFastPath = new JsonLineParser(mapping, true);
            JsonLineParser jacksonOnly = new JsonLineParser(mapping, false);
            for (String line : lines) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                ParsedRequest a = new ParsedRequest();
                ParsedRequest j = new ParsedRequest();
                boolean parsedA = withFastPath.parse(b, 0, b.length, a);
                boolean parsedJ = jacksonOnly.parse(b, 0, b.length, j);
                assertThat(parsedA).as(line).isEqualTo(parsedJ);
                for (java.lang.reflect.Field field : ParsedRequest.class.getDeclaredFields()) {
                    assertThat(field.get(a)).as(field.getName() + " of " + line).isEqualTo(field.get(j));
                }
                int[] rank = new int[FieldTarget.values().length];
                java.util.Arrays.fill(rank, Integer.MAX_VALUE);
                if (FlatJsonScanner.scan(b, 0, b.length, mapping, rank, new RepeatedStrings(), new ParsedRequest())) {
                    fast++;
                }
            }
        }
        // Both paths were exercised: most generated lines are flat and plain, many are not.
        assertThat(fast).isBetween(lines.size() / 10, lines.size() * 2 - lines.size() / 10);
    }

    @Test
    void aTypicalJsonAccessLogLineTakesTheFastPath() {
        byte[] b = ("{\"time\":\"2024-01-31T00:00:00.100Z\",\"level\":\"info\",\"method\":\"GET\",\"path\":"
                + "\"/api/v1/items/0?page=2\",\"status\":200,\"duration\":0.0,\"request_id\":\"req-0\",\"user\":"
                + "\"alice\",\"ip\":\"10.0.0.0\",\"user_agent\":\"curl/8.5.0\"}").getBytes(StandardCharsets.UTF_8);
        int[] rank = new int[FieldTarget.values().length];
        java.util.Arrays.fill(rank, Integer.MAX_VALUE);
        ParsedRequest out = new ParsedRequest();
        assertThat(FlatJsonScanner.scan(b, 0, b.length, JsonFieldMapping.defaults(), rank, new RepeatedStrings(), out)).isTrue();
        assertThat(out.method).isEqualTo("GET");
        assertThat(out.path).isEqualTo("/api/v1/items/0");
        assertThat(out.query).isEqualTo("page=2");
        assertThat(out.status).isEqualTo("200");
        assertThat(out.latencyMs).isEqualTo("0.0");
        assertThat(out.clientIp).isEqualTo("10.0.0.0");
        assertThat(out.time).isEqualTo(Instant.parse("2024-01-31T00:00:00.100Z"));
    }
}
