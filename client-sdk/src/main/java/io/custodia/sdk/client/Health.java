package io.custodia.sdk.client;

/**
 * Answer of {@code GET /health}.
 *
 * <pre>{@code
 * boolean up = client.health().up();
 * }</pre>
 *
 * @param status {@code UP} when the process serves requests
 */
public record Health(String status) {
    /** Whether the gateway reported {@code UP}. */
    public boolean up() {
        return "UP".equals(status);
    }
}
