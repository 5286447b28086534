package io.custodia.sdk.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A client of one Custodia gateway, acting as one caller (the bearer token). Thread-safe; build one per
 * token and reuse it. Every call is a blocking HTTP request and throws a checked
 * {@link CustodiaException}: {@link CustodiaApiException} (with status and problem details) when the
 * gateway answered with an error, {@link CustodiaConnectionException} when it could not be reached.
 *
 * <pre>{@code
 * CustodiaClient client = CustodiaClient.builder()
 *         .baseUrl("http://127.0.0.1:8080")
 *         .token(System.getenv("CUSTODIA_TOKEN"))
 *         .build();
 * LedgerStatus status = client.ledger().status();
 * DatasetRecord dataset = client.datasets().get("ds-001");
 * }</pre>
 */
public interface CustodiaClient {
    /** A builder; {@code baseUrl} is required, {@code token} for everything under {@code /api/v1}. */
    static Builder builder() {
        return new DefaultCustodiaClient.DefaultBuilder();
    }

    /** {@code GET /health} (no token). */
    Health health() throws CustodiaException;

    /** {@code GET /ready} (no token): whether the gateway can serve, i.e. its ledger takes transactions. */
    boolean ready() throws CustodiaException;

    /** {@code POST /dev/tokens} (no token; embedded development mode only, else 404). */
    DevToken devToken(DevTokenRequest request) throws CustodiaException;

    /** The gateway's base URL. */
    URI baseUrl();

    /** The same gateway as another caller. */
    CustodiaClient withToken(String token);

    Subjects subjects();

    Datasets datasets();

    Custody custody();

    Delegations delegations();

    Access access();

    Consents consents();

    Audit audit();

    Ledger ledger();

    /** The transparency log: checkpoints, proofs, entries, cosignatures. */
    TransparencyLog log();

    /** Configures a {@link CustodiaClient}. */
    interface Builder {
        /** Gateway base URL, e.g. {@code http://127.0.0.1:8080} (http or https). */
        Builder baseUrl(String url);

        /** Gateway base URL. */
        Builder baseUrl(URI url);

        /** Bearer token (JWT). */
        Builder token(String token);

        /** Per-request timeout; default 60 s (writes wait for the ledger commit). */
        Builder requestTimeout(Duration timeout);

        /** Connect timeout of the default HTTP client; default 10 s. */
        Builder connectTimeout(Duration timeout);

        /** Use this HTTP client (proxy, TLS settings) instead of a default one. */
        Builder httpClient(HttpClient client);

        /**
         * Builds the client.
         *
         * @throws IllegalArgumentException when the base URL is missing or not an http(s) URL
         */
        CustodiaClient build();
    }
}
