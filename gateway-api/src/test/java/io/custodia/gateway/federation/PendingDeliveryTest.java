package io.custodia.gateway.federation;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.gateway.access.AccessGrant;
import io.custodia.gateway.access.AccessRequestBody;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.access.AccessService;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner's gateway is down when the ledger permits: the requester still gets the committed decision
 * with a retryable pending delivery, and {@code POST /api/v1/access-requests/{requestId}/delivery}
 * fetches the pointers once the owner answers.
 */
class PendingDeliveryTest {
    private static final String OWNER = "Org1MSP";
    private static final String RESEARCHER = "Org2MSP";

    private static RunningGateway gateway;
    private static AccessScenario scenario;
    private static HttpClientSupport http;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        scenario = new AccessScenario(gateway);
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A requester gateway that reaches Org1's gateway over HTTP at {@code ownerUrl} (here: nobody listens there). */
    private static AccessService requesterWithOwnerAt(final URI ownerUrl) {
        final EmbeddedLedgerClient ledger = (EmbeddedLedgerClient) gateway.gateway().ledger();
        final InstitutionKeys keys = InstitutionKeys.embedded(ledger);
        final InstitutionKeys requesterOnly = new InstitutionKeys() {
            @Override
            public boolean serves(final String mspId) {
                return RESEARCHER.equals(mspId);
            }

            @Override
            public SigningIdentity signer(final String mspId) {
                return keys.signer(mspId);
            }

            @Override
            public java.util.List<java.security.cert.X509Certificate> trustRoots(final String mspId) {
                return keys.trustRoots(mspId);
            }
        };
        final ReleaseClient client = new ReleaseClient(requesterOnly,
                new HttpReleaseTransport(Map.of(OWNER, ownerUrl), Duration.ofSeconds(5)), Clock.systemUTC(), new SecureRandom(), 30);
        return new AccessService(ledger, gateway.gateway().store(), client, Clock.systemUTC());
    }

    private static URI nobodyListening() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void an_unreachable_owner_leaves_the_decision_committed_with_a_pending_delivery_that_can_be_fetched_later() throws Exception {
        final String datasetId = unique("ds");
        final List<String> refs = scenario.patients(OWNER, 2);
        scenario.registerDataset(OWNER, datasetId, refs);
        refs.forEach(ref -> consent(ref));
        final AccessService requester = requesterWithOwnerAt(nobodyListening());
        final AccessRequestBody body = new ObjectMapper().convertValue(request(datasetId), AccessRequestBody.class);
        final String requestId = unique("req");

        final AccessGrant first = requester.request(new Principal(UserRole.INSTITUTION, RESEARCHER, "researcher"), body, requestId)
                .grant();
        final AccessGrant stillDown = requester.fetchPending(new Principal(UserRole.INSTITUTION, RESEARCHER, "researcher"), requestId);
        final String token = gateway.token(UserRole.INSTITUTION, RESEARCHER, "researcher");
        final Reply later = http.post("/api/v1/access-requests/" + requestId + "/delivery", token, "");
        final Reply again = http.post("/api/v1/access-requests/" + requestId + "/delivery", token, "");
        final Reply byOther = http.post("/api/v1/access-requests/" + requestId + "/delivery",
                gateway.token(UserRole.INSTITUTION, "Org3MSP", "x"), "");

        assertThat(first.event().path("decision").asText()).isEqualTo("PERMIT");
        assertThat(first.subjects()).isEmpty();
        assertThat(first.delivery().status()).isEqualTo("pending");
        assertThat(first.delivery().retryAfter()).isEqualTo(30);
        assertThat(first.delivery().reason()).contains("cannot be reached");
        assertThat(stillDown.pending()).isTrue();
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(later.json().path("delivery").path("status").asText()).isEqualTo("delivered");
        assertThat(later.json().path("subjects")).hasSize(2);
        assertThat(later.json().path("event")).isEqualTo(new ObjectMapper().valueToTree(first.event()));
        assertThat(again.status()).isEqualTo(404);
        assertThat(byOther.status()).isEqualTo(404);
        // Until delivered, the auditor sees a PERMIT without a receipt; now it has one.
        final Reply undelivered = http.get("/api/v1/audit/undelivered-permits?datasetId=" + datasetId,
                gateway.token(UserRole.AUDITOR, OWNER, "dpo"));
        assertThat(undelivered.json().path("items")).isEmpty();
    }

    @Test
    void a_permit_never_delivered_is_listed_for_auditors_and_has_no_receipt() throws Exception {
        final String datasetId = unique("ds");
        final List<String> refs = scenario.patients(OWNER, 1);
        scenario.registerDataset(OWNER, datasetId, refs);
        consent(refs.get(0));
        final AccessService requester = requesterWithOwnerAt(nobodyListening());
        final AccessRequestBody body = new ObjectMapper().convertValue(request(datasetId), AccessRequestBody.class);
        final String requestId = unique("req");
        requester.request(new Principal(UserRole.INSTITUTION, RESEARCHER, "researcher"), body, requestId);

        final Reply audit = http.get("/api/v1/audit/undelivered-permits?datasetId=" + datasetId,
                gateway.token(UserRole.AUDITOR, OWNER, "dpo"));
        final Reply noReceipt = http.get("/api/v1/audit/access-events/" + requestId + "/delivery",
                gateway.token(UserRole.AUDITOR, OWNER, "dpo"));

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("items")).hasSize(1);
        assertThat(audit.json().path("items").get(0).path("eventId").asText()).isEqualTo(requestId);
        assertThat(noReceipt.status()).isEqualTo(404);
    }

    private static void consent(final String ref) {
        try {
            scenario.consent(OWNER, ref, RESEARCHER);
        } catch (io.custodia.gateway.ledger.LedgerException e) {
            throw new AssertionError(e);
        }
    }
}
