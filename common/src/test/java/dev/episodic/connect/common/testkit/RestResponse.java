package dev.episodic.connect.common.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import java.io.IOException;

/** One answer of the Connect REST API: status code and body. */
public record RestResponse(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonNode json() {
        try {
            return EventJson.mapper().readTree(body == null || body.isEmpty() ? "null" : body);
        } catch (IOException e) {
            throw new AssertionError("Response is not JSON (" + status + "): " + body, e);
        }
    }

    public RestResponse requireOk() {
        if (!ok()) {
            throw new AssertionError("Connect REST call failed with " + status + ": " + body);
        }
        return this;
    }
}
