package dev.episodic.connect.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replays one recorded scenario of {@code shared/fixtures/github} (WireMock stub mappings) on a loopback port.
 * It keeps WireMock's scenario states (so a 403 is followed by a 200, a 200 by 304s), matches the
 * {@code If-None-Match} request matchers, renders the {@code {{now …}}}/{@code {{testStartDate …}}} templates hub4j
 * put into rate-limit headers, and rewrites {@code https://api.github.com} to itself in headers and bodies.
 * Fixtures are read in place, never copied.
 */
public final class RecordedGitHub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(now|testStartDate)([^}]*)}}");
    private static final Pattern OFFSET = Pattern.compile("offset='(-?\\d+) seconds'");
    private static final Pattern FORMAT = Pattern.compile("format='([^']*)'");

    private final Path scenario;
    private final List<JsonNode> mappings = new ArrayList<>();
    private final Map<String, String> states = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final Instant testStart = Instant.now();
    private final HttpServer server;

    private RecordedGitHub(final Path scenario) throws IOException {
        this.scenario = scenario;
        try (Stream<Path> files = Files.list(scenario.resolve("mappings"))) {
            for (Path f : files.toList()) {
                mappings.add(MAPPER.readTree(f.toFile()));
            }
        }
        mappings.sort(Comparator.comparingInt(m -> m.path("insertionIndex").asInt()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The fixtures root: {@code <repo>/../shared/fixtures/github}, found from the module directory. */
    public static Path fixturesRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/github");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/github not found above " + dir);
    }

    public static RecordedGitHub start(final String scenarioName) throws IOException {
        return new RecordedGitHub(fixturesRoot().resolve(scenarioName));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Paths and queries requested so far, in order. */
    public List<String> requests() {
        return requests;
    }

    public List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    private synchronized void handle(final HttpExchange exchange) throws IOException {
        String url = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(url);
        Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(exchange.getRequestHeaders());
        requestHeaders.add(copy);
        try {
            JsonNode mapping = match(exchange.getRequestMethod(), url, exchange.getRequestHeaders().getFirst("If-None-Match"));
            if (mapping == null) {
                respond(exchange, 404, Map.of(), "{\"message\":\"no recording for " + url + "\"}");
                return;
            }
            if (mapping.hasNonNull("scenarioName") && mapping.hasNonNull("newScenarioState")) {
                states.put(mapping.get("scenarioName").asText(), mapping.get("newScenarioState").asText());
            }
            JsonNode response = mapping.get("response");
            Map<String, String> headers = new HashMap<>();
            response.path("headers").properties().forEach(e -> {
                String value = e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText();
                headers.put(e.getKey(), render(value));
            });
            String body = "";
            if (response.hasNonNull("bodyFileName")) {
                body = Files.readString(scenario.resolve("__files").resolve(response.get("bodyFileName").asText()));
            } else if (response.hasNonNull("body")) {
                body = response.get("body").asText();
            }
            respond(exchange, response.get("status").asInt(), headers, body);
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of(), "{\"message\":\"replay failed: " + e + "\"}");
        }
    }

    private JsonNode match(final String method, final String url, final String ifNoneMatch) {
        for (JsonNode m : mappings) {
            JsonNode request = m.get("request");
            if (!method.equals(request.path("method").asText()) || !url.equals(request.path("url").asText())) {
                continue;
            }
            if (m.hasNonNull("scenarioName")) {
                String state = states.getOrDefault(m.get("scenarioName").asText(), "Started");
                if (!state.equals(m.path("requiredScenarioState").asText("Started"))) {
                    continue;
                }
            }
            JsonNode inm = request.path("headers").path("If-None-Match");
            if (!inm.isMissingNode() && !matchesHeader(inm, ifNoneMatch)) {
                continue;
            }
            return m;
        }
        return null;
    }

    private static boolean matchesHeader(final JsonNode matcher, final String value) {
        if (matcher.has("absent")) {
            return matcher.get("absent").asBoolean() == (value == null);
        }
        if (value == null) {
            return false;
        }
        if (matcher.has("equalTo")) {
            return matcher.get("equalTo").asText().equals(value);
        }
        if (matcher.has("matches")) {
            return value.matches(matcher.get("matches").asText());
        }
        return true;
    }

    private String render(final String value) {
        Matcher m = TEMPLATE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Instant at = "now".equals(m.group(1)) ? Instant.now() : testStart;
            Matcher offset = OFFSET.matcher(m.group(2));
            if (offset.find()) {
                at = at.plusSeconds(Long.parseLong(offset.group(1)));
            }
            Matcher format = FORMAT.matcher(m.group(2));
            String pattern = format.find() ? format.group(1) : "unix";
            String rendered = "unix".equals(pattern) ? Long.toString(at.getEpochSecond())
                    : DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(java.time.ZoneId.of("GMT")).format(at);
            m.appendReplacement(out, Matcher.quoteReplacement(rendered));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void respond(final HttpExchange exchange, final int status, final Map<String, String> headers,
                         final String body) throws IOException {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length") && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                exchange.getResponseHeaders().add(h.getKey(), h.getValue().replace("https://api.github.com", url()));
            }
        }
        byte[] bytes = body.replace("https://api.github.com", url()).getBytes(StandardCharsets.UTF_8);
        boolean noBody = status == 304 || status == 204 || bytes.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
