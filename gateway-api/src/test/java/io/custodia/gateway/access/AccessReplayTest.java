package io.custodia.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An access request whose decision committed but whose answer (and idempotency record) was lost: the
 * retry with the same Idempotency-Key derives the same request id, which the ledger has decided already;
 * it answers that decision again — same event, same released subjects and pointers — instead of 409.
 */
class AccessReplayTest {
    private static final String OWNER = "Org1MSP";

    @Test
    void a_retry_of_a_decided_request_whose_answer_was_lost_answers_the_recorded_decision() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-access-replay-"))) {
            final AccessScenario scenario = new AccessScenario(gateway);
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String researcher = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
            final List<String> all = scenario.patients(OWNER, 3);
            // Of the first dataset every subject is released (the store's set is the released one); of
            // the second, one is not (its consent names another grantee), so the set is rebuilt from the ledger.
            final String some = AccessScenario.unique("ds-some");
            scenario.registerDataset(OWNER, some, all);
            scenario.consent(OWNER, all.get(0), "Org2MSP");
            scenario.consent(OWNER, all.get(1), "Org2MSP");
            scenario.consent(OWNER, all.get(2), "Org3MSP");
            final String full = AccessScenario.unique("ds-full");
            scenario.registerDataset(OWNER, full, all.subList(0, 2));

            for (final String datasetId : List.of(full, some)) {
                final Map<String, String> key = Map.of("Idempotency-Key", "access-" + datasetId);
                final String body = HttpClientSupport.json(AccessScenario.request(datasetId));
                final Reply first = http.post("/api/v1/access-requests", researcher, body, key);
                assertThat(first.status()).as(first.toString()).isEqualTo(201);
                assertThat(first.json().path("event").path("decision").asText()).isEqualTo("PERMIT");
                gateway.gateway().store().idempotency().deleteCreatedBefore(Instant.now().plusSeconds(3600));

                final Reply retry = http.post("/api/v1/access-requests", researcher, body, key);

                assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
                assertThat(retry.json()).as(datasetId).isEqualTo(first.json());
                assertThat(retry.json().path("subjects")).hasSize(2);
            }
        }
    }
}
