package io.custodia.gateway.audit;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/audit/access-events} and {@code /{eventId}}: selectors, roles, time ranges, pagination. */
class AccessTrailAuditTest {
    private static final String OWNER = "Org1MSP";
    private static final String OTHER = "Org3MSP";
    private static final String PATH = "/api/v1/audit/access-events";

    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static AccessScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        scenario = new AccessScenario(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String institution(final String mspId) {
        return gateway.token(UserRole.INSTITUTION, mspId, "staff-1");
    }

    private static String auditor() {
        return gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo-1");
    }

    /** A dataset of OWNER with one subject consenting to {@code requester}, and {@code events} access events by it. */
    private static Trail trail(final String requester, final int events) throws Exception {
        final String datasetId = unique("ds");
        final List<String> subjects = scenario.patients(OWNER, 1);
        scenario.registerDataset(OWNER, datasetId, subjects);
        scenario.consent(OWNER, subjects.get(0), requester);
        final List<JsonNode> recorded = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            final Reply reply = http.post("/api/v1/access-requests", institution(requester), json(request(datasetId)));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            recorded.add(reply.json().path("event"));
            // Distinct milliseconds, so time-range bounds fall between events.
            Thread.sleep(3);
        }
        return new Trail(datasetId, subjects.get(0), recorded);
    }

    private record Trail(String datasetId, String subjectRef, List<JsonNode> events) {
        String eventId(final int i) {
            return events.get(i).path("eventId").asText();
        }

        String decidedAt(final int i) {
            return events.get(i).path("decidedAt").asText();
        }
    }

    private static List<String> eventIds(final Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(e -> ids.add(e.path("eventId").asText()));
        return ids;
    }

    private static String q(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void auditors_read_trails_by_dataset_institution_and_subject() throws Exception {
        final String requester = unique("Req").replace("-", "");
        final Trail trail = trail(requester, 2);
        final List<String> expected = List.of(trail.eventId(0), trail.eventId(1));

        final Reply datasetTrail = http.get(PATH + "?datasetId=" + trail.datasetId(), auditor());
        final List<String> byInstitution = eventIds(http.get(PATH + "?institution=" + requester, auditor()));
        final Reply subjectTrail = http.get(PATH + "?subjectRef=" + trail.subjectRef(), auditor());

        assertThat(eventIds(datasetTrail)).isEqualTo(expected);
        assertThat(byInstitution).isEqualTo(expected);
        assertThat(eventIds(subjectTrail)).isEqualTo(expected);
        // The subject trail comes from the gateway's disclosure index; its events are the ledger's, byte for byte.
        assertThat(subjectTrail.body()).isEqualTo(datasetTrail.body());
    }

    @Test
    void every_event_carries_the_block_and_position_of_its_transaction_in_ledger_order() throws Exception {
        final Trail trail = trail(unique("Req").replace("-", ""), 3);

        final List<Reply> trails = List.of(http.get(PATH + "?datasetId=" + trail.datasetId(), auditor()),
                http.get(PATH + "?subjectRef=" + trail.subjectRef(), auditor()));

        for (final Reply reply : trails) {
            assertThat(eventIds(reply)).hasSize(3);
            long previous = -1;
            for (final JsonNode event : reply.json().path("items")) {
                final JsonNode tx = http.get("/api/v1/transactions/" + event.path("txId").asText(), auditor()).json();
                assertThat(event.path("block").asLong()).as(event.toString()).isEqualTo(tx.path("block").asLong());
                assertThat(event.path("position").asInt()).isEqualTo(tx.path("position").asInt());
                assertThat(tx.path("status").asText()).isEqualTo("VALID");
                // Sequential requests: the trail's order is the ledger's block order here.
                assertThat(event.path("block").asLong()).isGreaterThan(previous);
                previous = event.path("block").asLong();
            }
        }
        final JsonNode one = http.get(PATH + "/" + trail.eventId(2), auditor()).json();
        assertThat(one.path("block").asLong()).isEqualTo(trails.get(0).json().path("items").get(2).path("block").asLong());
    }

    @Test
    void institutions_read_trails_of_their_own_datasets_and_requests_only() throws Exception {
        final String requester = unique("Req").replace("-", "");
        final Trail trail = trail(requester, 1);

        final Reply ownerByDataset = http.get(PATH + "?datasetId=" + trail.datasetId(), institution(OWNER));
        final Reply requesterByDataset = http.get(PATH + "?datasetId=" + trail.datasetId(), institution(requester));
        final Reply otherByDataset = http.get(PATH + "?datasetId=" + trail.datasetId(), institution(OTHER));
        final Reply missingDataset = http.get(PATH + "?datasetId=" + unique("missing"), institution(OWNER));
        final Reply requesterBySelf = http.get(PATH + "?institution=" + requester, institution(requester));
        final Reply ownerByRequester = http.get(PATH + "?institution=" + requester, institution(OWNER));
        final Reply institutionBySubject = http.get(PATH + "?subjectRef=" + trail.subjectRef(), institution(OWNER));

        assertThat(eventIds(ownerByDataset)).containsExactly(trail.eventId(0));
        assertThat(requesterByDataset.status()).isEqualTo(404);
        assertThat(otherByDataset.status()).isEqualTo(404);
        assertThat(otherByDataset.json().path("detail")).isEqualTo(missingDataset.json().path("detail"));
        assertThat(missingDataset.status()).isEqualTo(404);
        assertThat(eventIds(requesterBySelf)).containsExactly(trail.eventId(0));
        assertThat(ownerByRequester.status()).isEqualTo(404);
        assertThat(institutionBySubject.status()).isEqualTo(403);
    }

    @Test
    void patients_proxies_and_anonymous_callers_cannot_read_trails() throws Exception {
        final Trail trail = trail(unique("Req").replace("-", ""), 1);
        final String query = PATH + "?datasetId=" + trail.datasetId();
        final String one = PATH + "/" + trail.eventId(0);

        final List<Integer> statuses = List.of(
                http.get(query, gateway.token(UserRole.PATIENT, OWNER, "mrn-1")).status(),
                http.get(query, gateway.token(UserRole.PROXY, OWNER, "guardian-1")).status(),
                http.get(query, null).status(),
                http.get(one, gateway.token(UserRole.PATIENT, OWNER, "mrn-1")).status(),
                http.get(one, null).status());

        assertThat(statuses).containsExactly(403, 403, 401, 403, 401);
    }

    @Test
    void one_event_is_readable_by_auditors_its_requester_and_the_dataset_owner_only() throws Exception {
        final String requester = unique("Req").replace("-", "");
        final Trail trail = trail(requester, 1);
        final String path = PATH + "/" + trail.eventId(0);

        final Reply auditor = http.get(path, auditor());
        final Reply byRequester = http.get(path, institution(requester));
        final Reply byOwner = http.get(path, institution(OWNER));
        final Reply byOther = http.get(path, institution(OTHER));
        final Reply missing = http.get(PATH + "/" + unique("req"), auditor());
        final Reply malformed = http.get(PATH + "/" + q("bad id!"), auditor());

        assertThat(auditor.status()).isEqualTo(200);
        // The event as recorded, plus where the ledger holds it.
        final JsonNode recorded = ((ObjectNode) auditor.json().deepCopy()).without(List.of("block", "position"));
        assertThat(recorded).isEqualTo(trail.events().get(0));
        assertThat(auditor.json().path("block").isIntegralNumber()).isTrue();
        assertThat(byRequester.status()).isEqualTo(200);
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOther.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").get(0).path("field").asText()).isEqualTo("eventId");
    }

    @Test
    void requires_exactly_one_selector() throws Exception {
        final Reply none = http.get(PATH, auditor());
        final Reply two = http.get(PATH + "?datasetId=ds-1&institution=Org1MSP", auditor());
        final Reply badSubject = http.get(PATH + "?subjectRef=ABC", auditor());
        final Reply badInstitution = http.get(PATH + "?institution=" + q("Org 1"), auditor());

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").get(0).path("field").asText()).isEqualTo("datasetId|institution|subjectRef");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().path("errors").get(0).path("field").asText()).isEqualTo("datasetId|institution");
        assertThat(badSubject.json().path("errors").get(0).path("field").asText()).isEqualTo("subjectRef");
        assertThat(badInstitution.json().path("errors").get(0).path("field").asText()).isEqualTo("institution");
    }

    @Test
    void validates_time_bounds_and_page_parameters_naming_each() throws Exception {
        final String base = PATH + "?datasetId=ds-1";

        final Reply badFrom = http.get(base + "&from=yesterday&to=2026-01-01", auditor());
        final Reply reversed = http.get(base + "&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", auditor());
        final Reply badPage = http.get(base + "&pageSize=0", auditor());
        final Reply beforeEpoch = http.get(base + "&from=1969-12-31T23:59:59Z", auditor());

        final List<String> fields = new ArrayList<>();
        badFrom.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(fields).containsExactly("from", "to");
        assertThat(reversed.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
        assertThat(badPage.json().path("errors").get(0).path("field").asText()).isEqualTo("pageSize");
        assertThat(beforeEpoch.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    }

    @Test
    void time_ranges_include_from_and_exclude_to() throws Exception {
        final Trail trail = trail(unique("Req").replace("-", ""), 3);
        final String base = PATH + "?datasetId=" + trail.datasetId();

        final List<String> fromSecond = eventIds(http.get(base + "&from=" + q(trail.decidedAt(1)), auditor()));
        final List<String> untilSecond = eventIds(http.get(base + "&to=" + q(trail.decidedAt(1)), auditor()));
        final List<String> onlySecond = eventIds(http.get(base + "&from=" + q(trail.decidedAt(1)) + "&to=" + q(trail.decidedAt(2)), auditor()));
        final List<String> future = eventIds(http.get(base + "&from=2999-01-01T00:00:00Z", auditor()));

        assertThat(fromSecond).containsExactly(trail.eventId(1), trail.eventId(2));
        assertThat(untilSecond).containsExactly(trail.eventId(0));
        assertThat(onlySecond).containsExactly(trail.eventId(1));
        assertThat(future).isEmpty();
    }

    @Test
    void pages_through_a_trail_with_bookmarks() throws Exception {
        final Trail trail = trail(unique("Req").replace("-", ""), 5);
        final String base = PATH + "?datasetId=" + trail.datasetId() + "&pageSize=2";
        final List<String> seen = new ArrayList<>();
        final List<Integer> pageSizes = new ArrayList<>();

        String bookmark = "";
        do {
            final Reply page = http.get(base + (bookmark.isEmpty() ? "" : "&bookmark=" + q(bookmark)), auditor());
            final List<String> ids = eventIds(page);
            pageSizes.add(ids.size());
            seen.addAll(ids);
            bookmark = page.json().path("bookmark").asText();
        } while (!bookmark.isEmpty() && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly(trail.eventId(0), trail.eventId(1), trail.eventId(2), trail.eventId(3), trail.eventId(4));
    }
}
