package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST <owner gateway>/federation/v1/releases} with the signed request; the owner's gateway is
 * found by MSP ID in {@code CUSTODIA_PEER_GATEWAYS}. Connection failures and 5xx answers are retryable
 * ({@link FederationException#retryable()}); 4xx answers are the owner's refusal, with its problem detail.
 */
final class HttpReleaseTransport implements ReleaseTransport {
    static final String PATH = "/federation/v1/releases";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> peers;
    private final HttpClient http;
    private final Duration timeout;

    HttpReleaseTransport(final Map<String, URI> peers, final Duration timeout) {
        this.peers = Map.copyOf(peers);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String send(final String ownerMsp, final byte[] signedRequest) throws FederationException {
        final URI base = peers.get(ownerMsp);
        if (base == null) {
            throw new FederationException(503, "owner-gateway-unknown",
                    "no gateway of " + ownerMsp + " is configured (CUSTODIA_PEER_GATEWAYS)");
        }
        final HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(base.resolve(PATH))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signedRequest))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FederationException(503, "owner-unreachable", "the gateway of " + ownerMsp + " cannot be reached: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FederationException(503, "owner-unreachable", "interrupted while asking the gateway of " + ownerMsp);
        }
        final JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FederationException(502, "federation-bad-answer", "the gateway of " + ownerMsp + " answered " + response.statusCode()
                    + " with no JSON");
        }
        if (response.statusCode() == 200 && body.path("sealed").isTextual()) {
            return body.get("sealed").asText();
        }
        final String type = body.path("type").asText("/problems/federation-bad-answer");
        throw new FederationException(response.statusCode() == 200 ? 502 : response.statusCode(),
                type.substring(type.lastIndexOf('/') + 1), "the gateway of " + ownerMsp + " answered " + response.statusCode()
                        + ": " + body.path("detail").asText(""));
    }
}
