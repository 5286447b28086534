package io.custodia.chaincode.access;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.revocationBySubject;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.testing.Samples;
import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.identity.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access decision simulated before a consent change of one of its subjects commits must not
 * commit after it: on the real embedded ledger (MVCC validation), with both transactions in one block.
 */
class ConsentRaceTest {
    @TempDir
    Path dir;

    @Test
    void an_access_decided_before_a_revocation_is_invalid_if_the_revocation_commits_first() throws Exception {
        assertRaceIsSerialised(ledger -> ledger.submitAsync(org1(ledger), "consents:RevokeConsent", "c-1", revocationBySubject()), 1);
    }

    @Test
    void an_access_decided_before_a_grant_is_invalid_if_the_grant_commits_first() throws Exception {
        assertRaceIsSerialised(ledger -> ledger.submitAsync(org1(ledger), "consents:GrantConsent", json(consent("c-9", 2))), 2);
    }

    /**
     * Runs {@code change} (for {@code subject}, who is in the dataset) and an access request for the
     * dataset so that both simulate against the same committed state and land in the same block.
     * Either order may be cut; the access may commit only if it is ordered before the change.
     */
    private void assertRaceIsSerialised(final Function<EmbeddedLedger, CompletableFuture<CommitResult>> change,
            final int subject) throws Exception {
        // Two transactions per block and a long wait: both simulate before either commits.
        try (EmbeddedLedger ledger = EmbeddedLedger.open(
                LedgerConfig.builder(dir).maxBlockTransactions(2).maxBlockWait(Duration.ofSeconds(1)).build())) {
            assertThat(ledger.submit(org1(ledger), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), Samples.subjectsJson(2))
                    .isValid()).isTrue();
            assertThat(ledger.submit(org1(ledger), "consents:GrantConsent", json(consent("c-1", 1))).isValid()).isTrue();

            final CompletableFuture<CommitResult> changed = change.apply(ledger);
            Thread.sleep(200);
            final CompletableFuture<CommitResult> access =
                    ledger.submitAsync(org2(ledger), "access:RequestAccess", json(accessRequest("r-1", "ds-1")));

            final CommitResult c = changed.get();
            final CommitResult a = access.get();
            assertThat(c.validationCode()).isEqualTo(ValidationCode.VALID);
            assertThat(a.blockNumber()).as("both in one block").isEqualTo(c.blockNumber());
            if (a.txIndex() > c.txIndex()) {
                assertThat(a.validationCode()).isEqualTo(ValidationCode.MVCC_READ_CONFLICT);
            } else {
                assertThat(a.validationCode()).isEqualTo(ValidationCode.VALID);
            }
            // Whatever was cut, a fresh request decides on the changed consents.
            final AccessDecision after = CanonicalJson.parse(
                    ledger.submit(org2(ledger), "access:RequestAccess", json(accessRequest("r-2", "ds-1"))).payload(), AccessDecision.class);
            final List<String> expected = subject == 1 ? List.of()
                    : Stream.of(Samples.subjectRef(1), Samples.subjectRef(2)).sorted().toList();
            assertThat(after.releasedSubjects()).isEqualTo(expected);
        }
    }

    private static Identity org1(final EmbeddedLedger ledger) {
        return ledger.identity("Org1MSP", "org1-gateway", Map.of(Role.ATTRIBUTE, Role.INSTITUTION.attributeValue()));
    }

    private static Identity org2(final EmbeddedLedger ledger) {
        return ledger.identity("Org2MSP", "org2-gateway", Map.of(Role.ATTRIBUTE, Role.INSTITUTION.attributeValue()));
    }
}
