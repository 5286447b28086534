package io.custodia.chaincode.testing;

import io.custodia.canonical.Hashes;
import io.custodia.chaincode.support.Role;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.ContractRouters;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * A single-org-per-identity "ledger" for chaincode unit tests: runs transactions through the shim's
 * real {@code ContractRouter} on an {@link InMemoryStub}, applies the writes of successful submits,
 * and keeps per-key history.
 *
 * <p>Time and transaction IDs are deterministic: each transaction happens one second after the
 * previous one (or at {@link #setTime(Instant)}), and its ID is the SHA-256 of a counter, so two
 * fixtures given the same calls produce byte-identical writes and events.
 */
public final class ChaincodeFixture {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Map<String, CertificateAuthority> AUTHORITIES = new HashMap<>();
    private static final Map<String, Identity> IDENTITIES = new HashMap<>();

    private final TreeMap<String, byte[]> world = new TreeMap<>();
    private final Map<String, List<KeyModification>> history = new HashMap<>();
    private Instant now = START;
    private long counter;

    /** Hospital A: institution of Org1MSP. */
    public static Identity org1() {
        return identity("Org1MSP", "org1-gateway", Role.INSTITUTION.attributeValue());
    }

    /** Research centre B: institution of Org2MSP. */
    public static Identity org2() {
        return identity("Org2MSP", "org2-gateway", Role.INSTITUTION.attributeValue());
    }

    /** An auditor (ethics board / DPO) of AuditorMSP. */
    public static Identity auditor() {
        return identity("AuditorMSP", "dpo", Role.AUDITOR.attributeValue());
    }

    /** A member of Org1MSP without any custodia.role attribute. */
    public static Identity org1WithoutRole() {
        return identity("Org1MSP", "org1-plain", null);
    }

    /** A member of Org1MSP with a role value Custodia does not know. */
    public static Identity org1WithUnknownRole() {
        return identity("Org1MSP", "org1-admin", "admin");
    }

    public static synchronized Identity identity(final String mspId, final String name, final String role) {
        return IDENTITIES.computeIfAbsent(mspId + "/" + name, k -> AUTHORITIES
                .computeIfAbsent(mspId, CertificateAuthority::create)
                .issue(name, role == null ? Map.of() : Map.of(Role.ATTRIBUTE, role)));
    }

    /** Sets the timestamp of the next transaction. */
    public ChaincodeFixture setTime(final Instant time) {
        now = time;
        return this;
    }

    public Instant time() {
        return now;
    }

    /** Submits: on success the writes are applied, on failure nothing is. */
    public TxResult submit(final Identity caller, final String function, final String... args) {
        return run(caller, function, args, true);
    }

    /** Evaluates: never applies writes. */
    public TxResult evaluate(final Identity caller, final String function, final String... args) {
        return run(caller, function, args, false);
    }

    /** A copy of the world state, for "nothing changed" assertions. */
    public Map<String, String> snapshot() {
        final Map<String, String> copy = new LinkedHashMap<>();
        world.forEach((k, v) -> copy.put(k, Hashes.sha256Hex(v)));
        return copy;
    }

    /** Raw committed value of a key, or null. */
    public byte[] rawState(final String key) {
        return world.get(key);
    }

    /**
     * Overwrites a committed value behind the chaincode's back, as a corrupted or malicious peer's
     * state would be: only for tests of verification transactions that must detect it.
     */
    public void tamper(final String key, final byte[] value) {
        world.put(key, value.clone());
    }

    /**
     * Removes a committed key behind the chaincode's back: for tests of state an earlier chaincode
     * version wrote, without keys this one adds.
     */
    public void removeKey(final String key) {
        world.remove(key);
    }

    private TxResult run(final Identity caller, final String function, final String[] args, final boolean commit) {
        final List<String> all = new ArrayList<>();
        all.add(function);
        all.addAll(List.of(args));
        final String txId = Hashes.sha256Hex("tx-" + (++counter));
        final Instant timestamp = now;
        now = now.plus(Duration.ofSeconds(1));
        final InMemoryStub stub =
                new InMemoryStub(world, history, all, txId, timestamp, caller.serialized(), caller.mspId());

        final Chaincode.Response response = ContractRouters.scanned().invoke(stub);

        final boolean ok = response.getStatus() == Chaincode.Response.Status.SUCCESS;
        if (ok && commit) {
            apply(stub.writes(), txId, timestamp);
        }
        final ChaincodeEvent event = stub.event();
        return new TxResult(
                txId,
                response.getStatusCode(),
                response.getMessage(),
                response.getPayload(),
                new LinkedHashMap<>(stub.writes()),
                ok && event != null ? event.getEventName() : null,
                ok && event != null ? event.getPayload().toByteArray() : null);
    }

    private void apply(final Map<String, byte[]> writes, final String txId, final Instant timestamp) {
        writes.forEach((key, value) -> {
            if (value == null) {
                world.remove(key);
            } else {
                world.put(key, value);
            }
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(new Modification(txId, timestamp, value));
        });
    }

    private static final class Modification implements KeyModification {
        private final String txId;
        private final Instant timestamp;
        private final byte[] value;

        Modification(final String txId, final Instant timestamp, final byte[] value) {
            this.txId = txId;
            this.timestamp = timestamp;
            this.value = value;
        }

        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value == null ? new byte[0] : value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(getValue(), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return value == null;
        }
    }
}
