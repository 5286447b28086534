package io.custodia.sdk.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one request and turns the answer into a value or a typed exception. The only class that
 * touches {@link HttpClient}; every area implementation goes through it.
 */
final class HttpTransport {
    private final HttpClient http;
    private final ObjectMapper json;
    private final URI baseUrl;
    private final Optional<String> token;
    private final Duration timeout;
    private final String userAgent;

    HttpTransport(final HttpClient http, final ObjectMapper json, final URI baseUrl, final Optional<String> token,
            final Duration timeout, final String userAgent) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    ObjectMapper json() {
        return json;
    }

    JavaType type(final Class<?> type) {
        return json.constructType(type);
    }

    JavaType pageOf(final Class<?> item) {
        return json.getTypeFactory().constructParametricType(Page.class, item);
    }

    <T> T get(final String path, final Map<String, String> query, final JavaType type) throws CustodiaException {
        return send("GET", path, query, null, IdempotencyKey.none(), type);
    }

    <T> T send(final String method, final String path, final Map<String, String> query, final Object body,
            final IdempotencyKey key, final JavaType type) throws CustodiaException {
        final HttpResponse<byte[]> response = exchange(method, path, query, body, key);
        return read(response, type);
    }

    /** Sends a {@code text/plain} body (signed notes) and returns the raw answer after error mapping. */
    HttpResponse<byte[]> exchangeText(final String method, final String path, final String text) throws CustodiaException {
        return exchange(method, path, Map.of(), new PlainText(text), IdempotencyKey.none());
    }

    /** A body sent as UTF-8 text rather than as JSON. */
    private record PlainText(String text) {}

    /** Sends and returns the raw answer after error mapping (for endpoints whose success is a status). */
    HttpResponse<byte[]> exchange(final String method, final String path, final Map<String, String> query,
            final Object body, final IdempotencyKey key) throws CustodiaException {
        final URI uri = uri(path, query);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", userAgent);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        key.value().ifPresent(k -> request.header("Idempotency-Key", k));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof PlainText plain) {
            request.header("Content-Type", "text/plain; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(plain.text(), StandardCharsets.UTF_8));
        } else {
            final byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CustodiaConnectionException(method + " " + uri + " timed out after " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new CustodiaConnectionException("cannot connect to " + baseUrl + " (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new CustodiaConnectionException(method + " " + uri + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CustodiaConnectionException(method + " " + uri + " was interrupted", e);
        }
        if (response.statusCode() >= 400) {
            throw ApiErrors.of(response.statusCode(), problem(response));
        }
        return response;
    }

    private <T> T read(final HttpResponse<byte[]> response, final JavaType type) throws CustodiaProtocolException {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CustodiaProtocolException(response.statusCode(), "cannot read the answer of "
                    + response.request().method() + " " + response.request().uri() + " as " + type.getRawClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    private Problem problem(final HttpResponse<byte[]> response) {
        final int status = response.statusCode();
        final String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json")) {
            try {
                final JsonNode tree = json.readTree(response.body());
                if (tree instanceof ObjectNode node && node.hasNonNull("type")) {
                    return problemFrom(node, status);
                }
            } catch (IOException e) {
                // Fall through: a broken error body must not hide the status.
            }
        }
        final String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        return new Problem("/problems/http-" + status, "HTTP " + status, status,
                text.length() > 300 ? text.substring(0, 300) + "..." : text, response.request().uri().getPath(),
                List.of(), retryAfter(response));
    }

    private Problem problemFrom(final ObjectNode node, final int status) {
        final List<FieldError> errors = new ArrayList<>();
        final JsonNode list = node.get("errors");
        if (list != null && list.isArray()) {
            for (final JsonNode error : list) {
                errors.add(new FieldError(error.path("field").asText(""), error.path("message").asText("")));
            }
        }
        final Map<String, Object> extensions = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            switch (field.getKey()) {
                case "type", "title", "status", "detail", "instance", "errors" -> { }
                default -> {
                    if (!field.getValue().isNull()) {
                        extensions.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
                    }
                }
            }
        }
        return new Problem(node.get("type").asText(), node.path("title").asText(""),
                node.path("status").asInt(status), node.path("detail").asText(""), node.path("instance").asText(""),
                errors, extensions);
    }

    private static Map<String, Object> retryAfter(final HttpResponse<byte[]> response) {
        return response.headers().firstValue("Retry-After").<Map<String, Object>>map(v -> Map.of("retryAfter", v)).orElse(Map.of());
    }

    private URI uri(final String path, final Map<String, String> query) {
        final StringBuilder text = new StringBuilder(baseUrl.toString());
        if (text.charAt(text.length() - 1) == '/') {
            text.setLength(text.length() - 1);
        }
        text.append(path);
        char separator = '?';
        for (final Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() == null || parameter.getValue().isEmpty()) {
                continue;
            }
            text.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(text.toString());
    }

    /** Percent-encodes one path segment or query value (never '+' for space). */
    static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(final IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
