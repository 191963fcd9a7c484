package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRedactorTest {
    private final QueryRedactor redactor = new QueryRedactor(List.of("token", "api_key", "Password"));

    @Test
    void redactsNamedParametersCaseInsensitivelyAndKeepsTheRest() {
        assertThat(redactor.query("a=1&TOKEN=abc&b=&api_key=k;password=p"))
                .isEqualTo("a=1&TOKEN=REDACTED&b=&api_key=REDACTED;password=REDACTED");
        assertThat(redactor.query("tokens=1&token")).isEqualTo("tokens=1&token");
        assertThat(redactor.query("")).isEmpty();
        assertThat(redactor.query(null)).isNull();
    }

    @Test
    void redactsEveryQueryInFreeTextAndStopsAtItsEnd() {
        assertThat(redactor.text("\"GET /a?token=x&q=1 HTTP/1.1\" \"https://r/?api_key=y#frag\" token=z"))
                .isEqualTo("\"GET /a?token=REDACTED&q=1 HTTP/1.1\" \"https://r/?api_key=REDACTED#frag\" token=z");
        assertThat(redactor.text("{\"url\":\"/x?token=abc\",\"n\":1}")).isEqualTo("{\"url\":\"/x?token=REDACTED\",\"n\":1}");
        String plain = "no query here";
        assertThat(redactor.text(plain)).isSameAs(plain);
        assertThat(new QueryRedactor(List.of()).text("/a?token=1")).isEqualTo("/a?token=1");
    }
}
