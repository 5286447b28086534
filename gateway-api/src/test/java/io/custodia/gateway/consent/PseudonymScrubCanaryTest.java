package io.custodia.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After an erasure the subject's pseudonym is in no file of the off-chain store: not in a stored
 * Idempotency-Key response (an access decision lists the subjects it released), not in an outbox
 * payload or step state (grant and revocation items are kept a day). The ledger legitimately keeps the
 * pseudonym, so the search covers the store's directory only — and, as its control, finds the pseudonym
 * there before the revocation.
 */
class PseudonymScrubCanaryTest {
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

    @Test
    void after_erasure_no_stored_response_or_outbox_row_names_the_subject() throws Exception {
        final Path dataDir = Files.createTempDirectory("custodia-scrub-");
        final Path storeDir = dataDir.resolve("store");
        final String subjectRef;
        final String other;
        try (RunningGateway gateway = RunningGateway.start(dataDir)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final AccessScenario scenario = new AccessScenario(gateway);
            final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, "mrn-" + UUID.randomUUID());
            final String consentId = "c-" + UUID.randomUUID();
            final Reply granted = http.post("/api/v1/consents", patient, HttpClientSupport.json(
                    ConsentFixtures.grantWithDocument(consentId, "signed form")), Map.of("Idempotency-Key", "grant-" + consentId));
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
            subjectRef = granted.json().path("consent").path("subjectRef").asText();
            other = scenario.patient(ConsentFixtures.ORG, AccessScenario.unique("mrn"));
            scenario.consent(ConsentFixtures.ORG, other, "Org2MSP");
            final String datasetId = "ds-" + UUID.randomUUID();
            scenario.registerDataset(ConsentFixtures.ORG, datasetId, List.of(subjectRef, other));
            final Reply permitted = http.post("/api/v1/access-requests", gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher"),
                    HttpClientSupport.json(AccessScenario.request(datasetId)), Map.of("Idempotency-Key", "access-" + datasetId));
            assertThat(permitted.status()).as(permitted.toString()).isEqualTo(201);
            assertThat(permitted.body()).contains(subjectRef);
            gateway.gateway().store().compact();
            // Control: before the erasure the store's files hold the pseudonym (stored response, outbox).
            assertThat(filesContaining(storeDir, subjectRef)).isNotEmpty();

            final Reply revoked = http.delete("/api/v1/consents/" + consentId, patient);

            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            assertThat(revoked.json().path("erasure").path("receiptId").asText()).startsWith("erasure-");
        }

        assertThat(filesContaining(storeDir, subjectRef)).as("the erased subject's pseudonym").isEmpty();
        assertThat(filesContaining(storeDir, other)).as("control: the other subject stays").isNotEmpty();
    }

    private static List<String> filesContaining(final Path root, final String text) {
        final List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                final byte[] bytes = Files.readAllBytes(file);
                for (final Charset charset : ENCODINGS) {
                    if (indexOf(bytes, text.getBytes(charset)) >= 0 && !hits.contains(root.relativize(file).toString())) {
                        hits.add(root.relativize(file).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
