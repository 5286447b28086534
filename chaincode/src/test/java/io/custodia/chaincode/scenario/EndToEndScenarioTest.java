package io.custodia.chaincode.scenario;

import static io.custodia.chaincode.testing.ConsentSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.MerkleTree;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.EmbeddedLedgerBackend;
import io.custodia.chaincode.testing.FixtureBackend;
import io.custodia.chaincode.testing.LedgerBackend;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The main flows — register, derive, consent, access, revoke, access again, erase, audit — run once on
 * the in-memory fixture and once on the real embedded ledger; every step must have the same outcome and,
 * apart from transaction IDs and times, the same response.
 */
class EndToEndScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_embedded_ledger_gives_the_same_outcomes_as_the_reference_fixture() throws Exception {
        List<String> onFixture;
        List<String> onEmbedded;
        try (LedgerBackend fixture = new FixtureBackend()) {
            onFixture = scenario(fixture);
        }
        try (EmbeddedLedgerBackend embedded = new EmbeddedLedgerBackend()) {
            onEmbedded = scenario(embedded);
            assertThat(embedded.ledger().verify().ok()).as("the ledger verifies after the scenario").isTrue();
        }

        assertThat(onEmbedded).hasSameSizeAs(onFixture);
        for (int i = 0; i < onFixture.size(); i++) {
            assertThat(onEmbedded.get(i)).as("step %d", i).isEqualTo(onFixture.get(i));
        }
    }

    /** Runs the scenario, asserting each outcome, and returns the normalised responses. */
    private static List<String> scenario(final LedgerBackend ledger) throws Exception {
        List<String> out = new ArrayList<>();
        String ds = "e2e-ds";

        out.add(ok(ledger.submit(ledger.org1(), "datasets:RegisterDataset", Samples.datasetJson(ds), Samples.subjectsJson(3))));
        out.add(code(ledger.submit(ledger.org2(), "datasets:RegisterDataset", Samples.datasetJson(ds), "[]"), "ALREADY_EXISTS"));
        out.add(code(ledger.submit(ledger.auditor(), "datasets:RegisterDataset", Samples.datasetJson("e2e-x"), "[]"), "ROLE_FORBIDDEN"));
        out.add(code(ledger.submit(ledger.org2(), "datasets:WithdrawDataset", ds, "quality-issue"), "NOT_OWNER"));
        out.add(ok(ledger.evaluate(ledger.auditor(), "datasets:GetDataset", ds)));

        out.add(ok(ledger.submit(ledger.org1(), "consents:GrantConsent", json(ConsentSamples.consent("e2e-c1", 1)))));
        out.add(ok(ledger.submit(ledger.org1(), "consents:GrantConsent", json(ConsentSamples.consent("e2e-c2", 2)))));

        TxResult first = ledger.submit(ledger.org2(), "access:RequestAccess", json(ConsentSamples.accessRequest("e2e-r1", ds)));
        out.add(ok(first));
        JsonNode decision = JSON.readTree(first.payload());
        assertThat(decision.toString()).contains("PERMIT");
        assertThat(releasedSubjects(decision)).containsExactlyInAnyOrder(Samples.subjectRef(1), Samples.subjectRef(2));
        assertThat(decision.toString()).contains(MerkleTree.rootOfStringSet(List.of(Samples.subjectRef(1), Samples.subjectRef(2))));

        out.add(ok(ledger.submit(ledger.org1(), "consents:RevokeConsent", "e2e-c1", ConsentSamples.revocationBySubject())));
        out.add(code(ledger.submit(ledger.org1(), "consents:RevokeConsent", "e2e-c1", ConsentSamples.revocationBySubject()), "STATE_CONFLICT"));

        TxResult second = ledger.submit(ledger.org2(), "access:RequestAccess", json(ConsentSamples.accessRequest("e2e-r2", ds)));
        out.add(ok(second));
        assertThat(releasedSubjects(JSON.readTree(second.payload()))).containsExactly(Samples.subjectRef(2));

        out.add(ok(ledger.submit(ledger.org1(), "erasures:RecordErasure", json(Map.of(
                "receiptId", "e2e-erasure-1",
                "subjectRef", Samples.subjectRef(1),
                "datasetIds", List.of(ds),
                "destroyedPointerSetHash", Samples.hash("destroyed"),
                "consentIds", List.of("e2e-c1"))))));

        TxResult trail = ledger.evaluate(ledger.auditor(), "access:GetAccessTrailByDataset", ds, "", "", "10", "");
        out.add(ok(trail));
        assertThat(JSON.readTree(trail.payload()).get("items")).hasSize(2);
        out.add(code(ledger.submit(ledger.org2(), "access:RequestAccess", json(ConsentSamples.accessRequest("e2e-r2", ds))), "ALREADY_EXISTS"));
        return out;
    }

    private static List<String> releasedSubjects(final JsonNode decision) {
        List<String> refs = new ArrayList<>();
        decision.findValue("releasedSubjects").forEach(n -> refs.add(n.asText()));
        return refs;
    }

    private static String ok(final TxResult result) throws Exception {
        assertThat(result.ok()).as(result.toString()).isTrue();
        return normalised(result.payload());
    }

    private static String code(final TxResult result, final String expected) {
        assertThat(result.errorCode()).as(result.toString()).isEqualTo(expected);
        return "error " + expected;
    }

    /** The response without what legitimately differs between runs: transaction IDs and times. */
    private static String normalised(final String payload) throws Exception {
        JsonNode tree = JSON.readTree(payload);
        strip(tree);
        return tree.toString();
    }

    private static void strip(final JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<String> drop = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.endsWith("At") || name.equalsIgnoreCase("txId") || name.endsWith("TxId") || name.equals("timestamp")) {
                    drop.add(name);
                } else {
                    strip(field.getValue());
                }
            }
            ((ObjectNode) node).remove(drop);
        } else if (node.isArray()) {
            node.forEach(EndToEndScenarioTest::strip);
        }
    }
}
