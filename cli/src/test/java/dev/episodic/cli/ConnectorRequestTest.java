package dev.episodic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import org.junit.jupiter.api.Test;

class ConnectorRequestTest {
    private static JsonNode json(final String s) throws Exception {
        return EventJson.mapper().readTree(s);
    }

    @Test
    void restShapeWithNumbersAndBooleansAsStrings() throws Exception {
        ConnectorRequest r = ConnectorRequest.parse(json(
                "{\"name\":\"g\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":2,\"include.payload\":false}}"), "t");
        assertThat(r.name()).isEqualTo("g");
        assertThat(r.config()).containsEntry("tasks.max", "2").containsEntry("include.payload", "false").containsEntry("name", "g");
        assertThat(r.tasksMax()).isEqualTo(2);
        assertThat(r.sourceId()).isEqualTo("g");
    }

    @Test
    void bareMapTakesTheNameFromItsNameKeyAndSourceIdWins() throws Exception {
        ConnectorRequest r = ConnectorRequest.parse(json("{\"name\":\"b\",\"connector.class\":\"X\",\"source.id\":\" mine \"}"), "t");
        assertThat(r.name()).isEqualTo("b");
        assertThat(r.sourceId()).isEqualTo("mine");
    }

    @Test
    void mistakesNameTheFix() {
        assertThatThrownBy(() -> ConnectorRequest.parse(json("{\"config\":{\"connector.class\":\"X\"}}"), "f.json"))
                .hasMessageContaining("no connector name").hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> ConnectorRequest.parse(json("{\"name\":\"n\",\"config\":{}}"), "f.json"))
                .hasMessageContaining("lacks \"connector.class\"");
        assertThatThrownBy(() -> ConnectorRequest.parse(json("{\"name\":\"n\",\"config\":{\"connector.class\":\"X\",\"a\":[1]}}"), "f.json"))
                .hasMessageContaining("'a' holds array").hasMessageContaining("commas");
        assertThatThrownBy(() -> ConnectorRequest.parse(json("[]"), "f.json")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ConnectorRequest.parse(json("{\"name\":\"n\",\"connector.class\":\"X\",\"tasks.max\":\"0\"}"), "f").tasksMax())
                .hasMessageContaining(">= 1");
    }

    @Test
    void restJsonRoundTrips() throws Exception {
        ConnectorRequest r = ConnectorRequest.parse(json("{\"name\":\"g\",\"config\":{\"connector.class\":\"X\"}}"), "t");
        assertThat(ConnectorRequest.parse(json(r.toRestJson()), "again")).isEqualTo(r);
    }
}
