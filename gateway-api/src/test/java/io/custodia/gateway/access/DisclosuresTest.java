package io.custodia.gateway.access;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/me/disclosures}: who accessed my data, for patients and their proxies. */
class DisclosuresTest {
    private static final String OWNER = "Org1MSP";
    private static final String RESEARCHER = "Org2MSP";
    private static final String PATH = "/api/v1/me/disclosures";

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

    /** Two patients in one dataset; only the first consents; {@code requests} permits are recorded. */
    private record Setup(String consentingId, String otherId, List<String> eventIds, List<String> decidedAt) {}

    private static Setup setup(final int requests) throws Exception {
        final String consenting = unique("mrn");
        final String other = unique("mrn");
        final String datasetId = unique("ds");
        final List<String> refs = List.of(scenario.patient(OWNER, consenting), scenario.patient(OWNER, other));
        scenario.registerDataset(OWNER, datasetId, refs);
        scenario.consent(OWNER, refs.get(0), RESEARCHER);
        final List<String> ids = new ArrayList<>();
        final List<String> times = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            final Reply reply = http.post("/api/v1/access-requests",
                    gateway.token(UserRole.INSTITUTION, RESEARCHER, "researcher"), json(request(datasetId)));
            ids.add(reply.json().path("event").path("eventId").asText());
            times.add(reply.json().path("event").path("decidedAt").asText());
            Thread.sleep(3);
        }
        return new Setup(consenting, other, ids, times);
    }

    private static List<String> eventIds(final Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(e -> ids.add(e.path("eventId").asText()));
        return ids;
    }

    private static String patient(final String patientId) {
        return gateway.token(UserRole.PATIENT, OWNER, patientId);
    }

    @Test
    void a_patient_sees_the_access_events_that_released_their_data() throws Exception {
        final Setup setup = setup(2);

        final Reply mine = http.get(PATH, patient(setup.consentingId()));
        final Reply other = http.get(PATH, patient(setup.otherId()));

        assertThat(eventIds(mine)).isEqualTo(setup.eventIds());
        assertThat(mine.json().path("items").get(0).path("requester").asText()).isEqualTo(RESEARCHER);
        assertThat(mine.json().path("items").get(0).path("purpose").path("code").asText()).isEqualTo("HMB");
        assertThat(eventIds(other)).isEmpty();
    }

    @Test
    void each_item_is_the_ledgers_event_and_a_foreign_bookmark_is_refused() throws Exception {
        final Setup setup = setup(1);

        final Reply mine = http.get(PATH, patient(setup.consentingId()));
        final Reply onLedger = http.get("/api/v1/audit/access-events/" + setup.eventIds().get(0),
                gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"));
        final Reply forged = http.get(PATH + "?bookmark=bm90LWEtYm9va21hcms", patient(setup.consentingId()));

        assertThat(onLedger.status()).isEqualTo(200);
        // The audit answer adds where the ledger holds the event; the event itself is the same.
        assertThat(mine.json().path("items").get(0))
                .isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) onLedger.json().deepCopy()).without(java.util.List.of("block", "position")));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("errors").get(0).path("field").asText()).isEqualTo("bookmark");
    }

    @Test
    void a_disclosure_recorded_before_event_copies_were_kept_shows_what_its_row_knows() throws Exception {
        final String patientId = unique("mrn");
        final String subjectRef = scenario.patient(OWNER, patientId);
        final Instant decidedAt = Instant.parse("2026-01-02T03:04:05.678Z");
        // What the migration to released sets makes of such a row: a set of its own, no event copy.
        try (Connection c = scenario.storeDatabase()) {
            c.createStatement().execute("INSERT INTO released_sets (set_key) VALUES ('legacy:ev-legacy')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO released_set_members (subject_ref, set_id)"
                    + " SELECT ?, set_id FROM released_sets WHERE set_key = 'legacy:ev-legacy'")) {
                ps.setString(1, subjectRef);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO set_disclosures (set_id, decided_at, event_id,"
                    + " dataset_id, requester_institution, purpose) SELECT set_id, ?, 'ev-legacy', 'ds-legacy', ?,"
                    + " '{\"code\":\"HMB\"}' FROM released_sets WHERE set_key = 'legacy:ev-legacy'")) {
                ps.setLong(1, decidedAt.toEpochMilli());
                ps.setString(2, RESEARCHER);
                ps.executeUpdate();
            }
        }

        final Reply mine = http.get(PATH, patient(patientId));

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).isEqualTo("{\"bookmark\":\"\",\"items\":[{\"datasetId\":\"ds-legacy\","
                + "\"decidedAt\":\"2026-01-02T03:04:05.678Z\",\"decision\":\"PERMIT\",\"eventId\":\"ev-legacy\","
                + "\"purpose\":{\"code\":\"HMB\"},\"requester\":\"Org2MSP\"}]}");
    }

    @Test
    void a_patient_never_seen_before_gets_an_empty_list_and_is_not_registered() throws Exception {
        final String stranger = unique("mrn");

        final Reply reply = http.get(PATH, patient(stranger));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("items")).isEmpty();
        assertThat(reply.json().path("bookmark").asText()).isEmpty();
        assertThat(new io.custodia.gateway.subjects.SubjectResolver(scenario.store().subjects(),
                io.custodia.gateway.config.GatewaySecrets.loadOrCreate(gateway.dataDir().resolve("keys/pepper.hex"),
                        gateway.dataDir().resolve("keys/store-kek.hex"))).find(OWNER, stranger)).isEmpty();
    }

    @Test
    void time_ranges_and_pages_apply_to_disclosures() throws Exception {
        final Setup setup = setup(3);
        final String from = URLEncoder.encode(setup.decidedAt().get(1), StandardCharsets.UTF_8);

        final Reply fromSecond = http.get(PATH + "?from=" + from, patient(setup.consentingId()));
        final Reply firstPage = http.get(PATH + "?pageSize=2", patient(setup.consentingId()));
        final Reply secondPage = http.get(PATH + "?pageSize=2&bookmark="
                + URLEncoder.encode(firstPage.json().path("bookmark").asText(), StandardCharsets.UTF_8), patient(setup.consentingId()));
        final Reply badTo = http.get(PATH + "?to=soon", patient(setup.consentingId()));

        assertThat(eventIds(fromSecond)).isEqualTo(setup.eventIds().subList(1, 3));
        assertThat(eventIds(firstPage)).isEqualTo(setup.eventIds().subList(0, 2));
        assertThat(eventIds(secondPage)).isEqualTo(setup.eventIds().subList(2, 3));
        assertThat(secondPage.json().path("bookmark").asText()).isEmpty();
        assertThat(badTo.status()).isEqualTo(400);
        assertThat(badTo.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
    }

    @Test
    void a_proxy_sees_the_disclosures_of_the_person_they_represent_under_a_delegation() throws Exception {
        final Setup setup = setup(1);
        final String guardianId = unique("guardian");
        final String delegationId = scenario.delegate(OWNER, scenario.patient(OWNER, setup.consentingId()),
                scenario.patient(OWNER, guardianId));
        final String proxy = gateway.token(UserRole.PROXY, OWNER, guardianId);
        final String strangerProxy = gateway.token(UserRole.PROXY, OWNER, unique("guardian"));

        final Reply represented = http.get(PATH + "?delegationId=" + delegationId, proxy);
        final Reply withoutDelegation = http.get(PATH, proxy);
        final Reply notTheirs = http.get(PATH + "?delegationId=" + delegationId, strangerProxy);
        final Reply missing = http.get(PATH + "?delegationId=" + unique("delegation"), proxy);

        assertThat(eventIds(represented)).isEqualTo(setup.eventIds());
        assertThat(withoutDelegation.status()).isEqualTo(400);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void only_patients_and_proxies_use_it() throws Exception {
        final List<Integer> statuses = List.of(
                http.get(PATH, gateway.token(UserRole.INSTITUTION, OWNER, "staff")).status(),
                http.get(PATH, gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo")).status(),
                http.get(PATH, null).status(),
                http.get(PATH + "?delegationId=d-1", patient(unique("mrn"))).status());

        assertThat(statuses).containsExactly(403, 403, 401, 400);
    }
}
