package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ApiLogConfigTest {
    private static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "api");
        props.put("apilog.paths", "/var/log/nginx/*.log, /srv/app/access.log");
        return props;
    }

    @Test
    void everyKeyIsDocumented() {
        ConfigDefAssertions.assertFullyDocumented(ApiLogConfig.DEFINITION);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ApiLogConfig config = new ApiLogConfig(base());
        assertThat(config.topic()).isEqualTo("episodic.api");
        assertThat(config.sourceId()).isEqualTo("api");
        assertThat(config.paths()).containsExactly("/var/log/nginx/*.log", "/srv/app/access.log");
        assertThat(config.format()).isEqualTo(LogFormat.AUTO);
        assertThat(config.start()).isEqualTo(StartPosition.BEGINNING);
        assertThat(config.redactParams()).containsExactlyInAnyOrder("token", "access_token", "api_key", "key",
                "password", "secret", "signature");
        assertThat(config.maxLineBytes()).isEqualTo(1 << 20);
        assertThat(config.pollInterval().toMillis()).isEqualTo(500);
        assertThat(config.batchMaxEvents()).isEqualTo(10_000);
    }

    @Test
    void enumsAndPathsParseStrictly() {
        Map<String, String> props = base();
        props.put("apilog.format", "JSON");
        assertThatThrownBy(() -> new ApiLogConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[json, combined, common, auto]");
        Map<String, String> relative = base();
        relative.put("apilog.paths", "logs/access.log");
        assertThatThrownBy(() -> new ApiLogConfig(relative)).hasMessageContaining("not an absolute path");
        Map<String, String> start = base();
        start.put("apilog.start", "middle");
        assertThatThrownBy(() -> new ApiLogConfig(start)).hasMessageContaining("[beginning, end]");
    }

    @Test
    void jsonFieldMappingOverridesOnlyTheNamedTargets() {
        JsonFieldMapping mapping = JsonFieldMapping.parse("k",
                "method=req.method, path=req.url|req.path, status=res.statusCode, latency_ms=responseTime");
        assertThat(mapping.paths().get(FieldTarget.PATH)).containsExactly("req.url", "req.path");
        assertThat(mapping.paths().get(FieldTarget.USER)).isEqualTo(FieldTarget.USER.defaults());
        assertThat(mapping.isPrefix("req")).isTrue();
        assertThat(mapping.candidate("req.path")).isEqualTo(new JsonFieldMapping.Candidate(FieldTarget.PATH, 1));
        assertThat(mapping.candidate("method")).isNull();
        for (String bad : List.of("method", "verb=req.method", "method=a,method=b", "path=.a", "path=a..b")) {
            assertThatThrownBy(() -> JsonFieldMapping.parse(ApiLogConfig.JSON_FIELDS, bad))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(ApiLogConfig.JSON_FIELDS);
        }
    }
}
