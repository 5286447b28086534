package io.custodia.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP calls against a running gateway, with JSON bodies. */
public final class HttpClientSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpClientSupport(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status, headers and body. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        public String header(final String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(final String path, final String token) throws IOException, InterruptedException {
        return send(builder(path, token).GET(), path);
    }

    public Reply post(final String path, final String token, final String body) throws IOException, InterruptedException {
        return send(builder(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    public Reply post(final String path, final String token, final String body, final Map<String, String> headers)
            throws IOException, InterruptedException {
        final HttpRequest.Builder b = builder(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b, path);
    }

    public Reply delete(final String path, final String token) throws IOException, InterruptedException {
        return send(builder(path, token).DELETE(), path);
    }

    public Reply delete(final String path, final String token, final Map<String, String> headers)
            throws IOException, InterruptedException {
        final HttpRequest.Builder b = builder(path, token).DELETE();
        headers.forEach(b::header);
        return send(b, path);
    }

    /**
     * Any method, with exactly the headers given (no Content-Type unless given), and a body when
     * {@code body} is not null.
     */
    public Reply send(final String method, final String path, final String token, final String body, final Map<String, String> headers)
            throws IOException, InterruptedException {
        final HttpRequest.Builder b = builder(path, token).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b, path);
    }

    /** JSON text of a value, for request bodies. */
    public static String json(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder builder(final String path, final String token) {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply send(final HttpRequest.Builder builder, final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }
}
