package io.custodia.gateway.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP calls to the child gateway. An {@link IOException} means the answer was lost (the process died
 * with the request in flight, or before it was sent): the caller cannot know whether it took effect.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String baseUrl;

    /** An answer: status, body and whether the gateway said it replayed a stored response. */
    record Reply(int status, String text, boolean replayed) {
        JsonNode json() {
            try {
                return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem type slug of an error answer, e.g. {@code ledger-conflict}. */
        String problem() {
            return json().path("type").asText("").replace("/problems/", "");
        }

        @Override
        public String toString() {
            return status + (replayed ? " (replayed) " : " ") + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
        }
    }

    void target(final String url) {
        this.baseUrl = url;
    }

    Reply send(final String method, final String path, final String token, final String body, final String idempotencyKey)
            throws IOException, InterruptedException {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        final HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false));
    }

    Reply get(final String path, final String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    static String json(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
