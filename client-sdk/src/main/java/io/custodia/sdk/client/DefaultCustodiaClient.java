package io.custodia.sdk.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class DefaultCustodiaClient implements CustodiaClient {
    private static final String USER_AGENT = "custodia-java-sdk/0.1";

    private final URI baseUrl;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final HttpTransport transport;

    private DefaultCustodiaClient(final URI baseUrl, final Optional<String> token, final HttpClient http,
            final ObjectMapper json, final Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.transport = new HttpTransport(http, json, baseUrl, token, requestTimeout, USER_AGENT);
    }

    @Override
    public Health health() throws CustodiaException {
        return transport.get("/health", Map.of(), transport.type(Health.class));
    }

    @Override
    public boolean ready() throws CustodiaException {
        try {
            transport.exchange("GET", "/ready", Map.of(), null, IdempotencyKey.none());
            return true;
        } catch (ServiceUnavailableException e) {
            // 503 is the answer "not ready", not a failure of the call.
            return false;
        }
    }

    @Override
    public DevToken devToken(final DevTokenRequest request) throws CustodiaException {
        Objects.requireNonNull(request, "request");
        return transport.send("POST", "/dev/tokens", Map.of(), request, IdempotencyKey.none(), transport.type(DevToken.class));
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public CustodiaClient withToken(final String token) {
        return new DefaultCustodiaClient(baseUrl, Optional.of(Objects.requireNonNull(token, "token")), http, json, requestTimeout);
    }

    @Override
    public Subjects subjects() {
        return new HttpSubjects(transport);
    }

    @Override
    public Datasets datasets() {
        return new HttpDatasets(transport);
    }

    @Override
    public Custody custody() {
        return new HttpCustody(transport);
    }

    @Override
    public Delegations delegations() {
        return new HttpDelegations(transport);
    }

    @Override
    public Access access() {
        return new HttpAccess(transport);
    }

    @Override
    public Consents consents() {
        return new HttpConsents(transport);
    }

    @Override
    public Audit audit() {
        return new HttpAudit(transport);
    }

    @Override
    public Ledger ledger() {
        return new HttpLedger(transport);
    }

    @Override
    public TransparencyLog log() {
        return new HttpTransparencyLog(transport);
    }

    @Override
    public String toString() {
        return "CustodiaClient[" + baseUrl + "]";
    }

    static final class DefaultBuilder implements CustodiaClient.Builder {
        private URI baseUrl;
        private String token;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private HttpClient http;

        @Override
        public Builder baseUrl(final String url) {
            Objects.requireNonNull(url, "url");
            try {
                return baseUrl(new URI(url.strip()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")", e);
            }
        }

        @Override
        public Builder baseUrl(final URI url) {
            Objects.requireNonNull(url, "url");
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("the base URL must be http(s)://host[:port], got " + url);
            }
            if (url.getQuery() != null || url.getFragment() != null) {
                throw new IllegalArgumentException("the base URL must not have a query or fragment: " + url);
            }
            this.baseUrl = url;
            return this;
        }

        @Override
        public Builder token(final String value) {
            Objects.requireNonNull(value, "token");
            if (value.isBlank()) {
                throw new IllegalArgumentException("the token is empty");
            }
            this.token = value.strip();
            return this;
        }

        @Override
        public Builder requestTimeout(final Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        @Override
        public Builder connectTimeout(final Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        @Override
        public Builder httpClient(final HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        @Override
        public CustodiaClient build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            final HttpClient client = http != null ? http
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
            return new DefaultCustodiaClient(baseUrl, Optional.ofNullable(token), client, Json.mapper(), requestTimeout);
        }

        private static Duration positive(final Duration value, final String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
