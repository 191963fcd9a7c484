package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
