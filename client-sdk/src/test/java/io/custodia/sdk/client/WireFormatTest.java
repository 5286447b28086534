package io.custodia.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire and how it reads error answers, against a scripted local HTTP server
 * (for statuses a healthy gateway cannot be made to answer on demand: 409 with txId, 429, 503).
 */
class WireFormatTest {
    private HttpServer server;
    private final AtomicReference<String> seenMethod = new AtomicReference<>();
    private final AtomicReference<String> seenUri = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final AtomicReference<String> seenKey = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String answer = "{}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seenMethod.set(exchange.getRequestMethod());
            seenUri.set(exchange.getRequestURI().toString());
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seenKey.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CustodiaClient client() {
        return CustodiaClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).token("t").build();
    }

    @Test
    void a_consent_grant_sends_the_documented_body_and_the_idempotency_key() throws Exception {
        answer = "{\"consent\":{\"consentId\":\"c-1\",\"subjectRef\":\"" + "a".repeat(64) + "\",\"grantor\":{\"kind\":\"SUBJECT\"},"
                + "\"scope\":{\"kind\":\"DATASETS\",\"datasetIds\":[\"ds-1\"]},\"purposes\":[{\"code\":\"HMB\"}],\"grantees\":[\"Org2MSP\"],"
                + "\"validFrom\":\"2026-01-01T00:00:00Z\"},\"status\":\"ACTIVE\",\"recordedBy\":\"Org1MSP\",\"grantedAt\":\"2026-01-01T00:00:00Z\",\"txId\":\"tx1\"}";
        status = 201;

        final ConsentRecord record = client().consents().grant(ConsentRequest.of(ConsentScope.datasets(List.of("ds-1")),
                List.of(DuoTerm.of("HMB")), List.of("Org2MSP"), Instant.parse("2026-01-01T00:00:00Z"), "f".repeat(64)),
                IdempotencyKey.of("key-12345678"));

        assertThat(seenMethod.get()).isEqualTo("POST");
        assertThat(seenUri.get()).isEqualTo("/api/v1/consents");
        assertThat(seenKey.get()).isEqualTo("key-12345678");
        assertThat(seenBody.get()).isEqualTo("{\"scope\":{\"kind\":\"DATASETS\",\"datasetIds\":[\"ds-1\"]},\"purposes\":[{\"code\":\"HMB\"}],"
                + "\"grantees\":[\"Org2MSP\"],\"validFrom\":\"2026-01-01T00:00:00Z\",\"documentHash\":\"" + "f".repeat(64) + "\"}");
        assertThat(record.consent().consentId()).isEqualTo("c-1");
        assertThat(record.revocation()).isEmpty();
    }

    @Test
    void path_segments_and_query_values_are_percent_encoded() throws Exception {
        answer = "{\"items\":[],\"bookmark\":\"\"}";

        client().audit().accessEvents(AccessEventQuery.byInstitution("Org 2&x").between(Instant.parse("2026-01-01T00:00:00Z"), null),
                new PageRequest(5, "b/1"));

        assertThat(seenUri.get()).isEqualTo("/api/v1/audit/access-events?institution=Org%202%26x&from=2026-01-01T00%3A00%3A00Z&pageSize=5&bookmark=b%2F1");
    }

    @Test
    void a_ledger_conflict_carries_its_transaction_and_is_retryable() {
        status = 409;
        contentType = "application/problem+json";
        answer = "{\"type\":\"/problems/ledger-conflict\",\"title\":\"Conflicting concurrent transaction\",\"status\":409,"
                + "\"detail\":\"lost an update\",\"instance\":\"/api/v1/datasets\",\"txId\":\"tx-9\",\"retryable\":true}";

        assertThatThrownBy(() -> client().datasets().get("ds-1"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.transactionId()).contains("tx-9");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.problem().slug()).isEqualTo("ledger-conflict");
                });
    }

    @Test
    void statuses_without_a_problem_body_still_map_to_their_exception() {
        status = 503;
        contentType = "text/plain";
        answer = "upstream down";

        assertThatThrownBy(() -> client().ledger().status())
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.problem().detail()).isEqualTo("upstream down");
                    assertThat(e.retryable()).isTrue();
                });
        status = 429;
        assertThatThrownBy(() -> client().ledger().status()).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void a_success_answer_of_the_wrong_shape_is_a_protocol_error() {
        answer = "[1,2]";

        assertThatThrownBy(() -> client().ledger().status())
                .isInstanceOf(CustodiaProtocolException.class)
                .hasMessageContaining("LedgerStatus");
    }

    @Test
    void a_short_pseudonym_answer_is_refused() {
        answer = "{\"subjectRefs\":[\"" + "a".repeat(64) + "\"]}";

        assertThatThrownBy(() -> client().subjects().pseudonyms(List.of("MRN-1", "MRN-2")))
                .isInstanceOf(CustodiaProtocolException.class)
                .hasMessageContaining("1 pseudonyms for 2 patients");
    }

    @Test
    void rejects_bad_base_urls_and_idempotency_keys_before_any_request() {
        assertThatThrownBy(() -> CustodiaClient.builder().baseUrl("ftp://x").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustodiaClient.builder().build()).hasMessageContaining("baseUrl is required");
        assertThatThrownBy(() -> IdempotencyKey.of("short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Optional.of(IdempotencyKey.random().value().orElseThrow())).isPresent();
    }
}
