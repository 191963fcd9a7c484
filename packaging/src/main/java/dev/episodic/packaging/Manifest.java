package dev.episodic.packaging;

import java.util.List;
import java.util.stream.Collectors;

/** The component's {@code manifest.json}, in the Confluent Hub format. */
final class Manifest {
    static final String OWNER = "episodic";

    private Manifest() {
    }

    static String json(final ConnectorJar c, final String version) {
        String classes = c.connectorClasses().stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).collect(Collectors.joining(", "));
        return "{\n"
                + "  \"name\" : " + q(c.artifactId()) + ",\n"
                + "  \"version\" : " + q(version) + ",\n"
                + "  \"title\" : " + q("Episodic " + c.moduleName() + " source connectors") + ",\n"
                + "  \"description\" : " + q(c.description() + " Connectors: " + classes
                        + ". Events follow the dev.episodic.EpisodicEvent envelope, sequenced per stream, exactly once.") + ",\n"
                + "  \"owner\" : {\n"
                + "    \"username\" : " + q(OWNER) + ",\n"
                + "    \"type\" : \"organization\",\n"
                + "    \"name\" : \"episodic-connect\"\n"
                + "  },\n"
                + "  \"tags\" : " + array(List.of("episodic", c.moduleName(), "source")) + ",\n"
                + "  \"features\" : {\n"
                + "    \"supported_encodings\" : [ \"any\" ],\n"
                + "    \"single_message_transforms\" : true,\n"
                + "    \"confluent_control_center_integration\" : false,\n"
                + "    \"kafka_connect_api\" : true\n"
                + "  },\n"
                + "  \"component_types\" : [ \"source\" ],\n"
                + "  \"requirements\" : [ \"Apache Kafka Connect 4.x; exactly-once needs exactly.once.source.support=enabled\" ]\n"
                + "}\n";
    }

    private static String array(final List<String> values) {
        return values.stream().map(Manifest::q).collect(Collectors.joining(", ", "[ ", " ]"));
    }

    /** A JSON string literal. */
    static String q(final String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
