package io.custodia.chaincode.custody;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Signatures;
import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.chaincode.dataset.DatasetRepository;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.Caller;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.Tx;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Chain of custody: institutions register and revoke their custody signing keys and record the hops
 * they send, each signed over a {@link io.custodia.canonical.CustodyHopStatement}; everyone with a
 * role reads and re-verifies chains.
 */
@Contract(name = "custody", info = @Info(title = "Custodia chain of custody", version = "1"))
public final class CustodyContract implements ContractInterface {
    /** Largest certificate PEM accepted; an institutional P-256 certificate is well under 4 KiB. */
    public static final int MAX_CERTIFICATE_PEM = 16_384;

    /**
     * Registers the X.509 certificate (EC P-256) whose key signs the caller organisation's custody hops.
     * The key ID is the certificate's fingerprint ({@code Signatures.fingerprint}).
     *
     * <p>The certificate is not chained to the organisation's MSP root and its validity period is not
     * enforced: the binding "this key signs for this MSP" comes from the institution's authenticated
     * registration, and ending it is what {@code RevokeCustodyKey} is for. Its subject is never read.
     *
     * @return the stored {@link CustodyKeyRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterCustodyKey(final Context ctx, final String certificatePem) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final X509Certificate certificate = parseCertificate(certificatePem);
        final String keyId = Signatures.fingerprint(certificate);
        final CustodyRepository custody = new CustodyRepository(new State(ctx.getStub()));
        if (custody.key(caller.mspId(), keyId).isPresent()) {
            throw ErrorCode.ALREADY_EXISTS.exception("custody key " + keyId + " is already registered");
        }

        final CustodyKeyRecord key = new CustodyKeyRecord(keyId, caller.mspId(), CertificatePem.of(certificate),
                CustodyKeyStatus.ACTIVE, Tx.time(ctx).toString(), Tx.id(ctx), null, null);
        custody.saveKey(key);
        Tx.emit(ctx, "CustodyKeyRegistered", Map.of("owner", key.owner(), "keyId", keyId));
        return CanonicalJson.toString(key);
    }

    /**
     * Revokes one of the caller organisation's custody keys. Hops it signed before stay valid; later
     * hops signed with it are refused. A key of another organisation is NOT_FOUND, like a missing one.
     *
     * @return the updated {@link CustodyKeyRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeCustodyKey(final Context ctx, final String keyId) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        Args.check(() -> Fields.sha256("keyId", keyId));
        final CustodyRepository custody = new CustodyRepository(new State(ctx.getStub()));
        final CustodyKeyRecord key = custody.key(caller.mspId(), keyId).orElseThrow(() ->
                ErrorCode.NOT_FOUND.exception("custody key " + keyId + " is not registered for " + caller.mspId()));
        if (!key.isActive()) {
            throw ErrorCode.STATE_CONFLICT.exception("custody key " + keyId + " is already revoked");
        }

        final CustodyKeyRecord revoked = key.revoked(Tx.time(ctx).toString(), Tx.id(ctx));
        custody.saveKey(revoked);
        Tx.emit(ctx, "CustodyKeyRevoked", Map.of("owner", key.owner(), "keyId", keyId));
        return CanonicalJson.toString(revoked);
    }

    /** A custody key record of any organisation, or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCustodyKey(final Context ctx, final String mspId, final String keyId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.mspId("mspId", mspId));
        Args.check(() -> Fields.sha256("keyId", keyId));
        return CanonicalJson.toString(new CustodyRepository(new State(ctx.getStub())).key(mspId, keyId).orElseThrow(() ->
                ErrorCode.NOT_FOUND.exception("custody key " + keyId + " is not registered for " + mspId)));
    }

    /**
     * Records a custody hop sent by the caller's organisation ({@code from} must be the caller's MSP).
     * See {@link CustodyRules} for the chain checks.
     *
     * @param hopJson a {@link CustodyHop}
     * @return the stored {@link CustodyHopRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RecordCustodyHop(final Context ctx, final String hopJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final CustodyHop hop = Args.parse(hopJson, CustodyHop.class);
        if (!caller.mspId().equals(hop.from())) {
            throw ErrorCode.NOT_OWNER.exception("institutions record only hops they send: from is " + hop.from()
                    + ", caller is of " + caller.mspId());
        }
        final State state = new State(ctx.getStub());
        final DatasetRecord dataset = new DatasetRepository(state).require(hop.datasetId());
        if (!dataset.isActive()) {
            throw ErrorCode.DATASET_WITHDRAWN.exception("dataset " + hop.datasetId() + " has been withdrawn");
        }
        final CustodyRepository custody = new CustodyRepository(state);
        final CustodyKeyRecord key = custody.key(hop.from(), hop.keyId())
                .filter(CustodyKeyRecord::isActive)
                .orElseThrow(() -> ErrorCode.CUSTODY_KEY_UNKNOWN.exception(
                        "key " + hop.keyId() + " is not an active custody key of " + hop.from()));
        final CustodyHead head = headOf(custody, dataset);
        final Optional<Violation> violation = CustodyRules.check(head, hop, CustodyRepository.certificate(key));
        if (violation.isPresent()) {
            throw violation.get().exception();
        }

        final String hopHash = hop.statement().hopHash();
        final CustodyHopRecord record = new CustodyHopRecord(hop, hopHash, Tx.time(ctx).toString(), Tx.id(ctx));
        custody.saveHop(record, head.after(hop, hopHash));
        final Map<String, Object> event = new TreeMap<>();
        event.put("datasetId", hop.datasetId());
        event.put("sequence", hop.sequence());
        event.put("action", hop.action().name());
        event.put("from", hop.from());
        event.put("to", hop.to());
        event.put("contentHash", hop.contentHash());
        event.put("hopHash", hopHash);
        Tx.emit(ctx, "CustodyHopRecorded", event);
        return CanonicalJson.toString(record);
    }

    /**
     * The end of the dataset's custody chain: what the next hop must name as sequence − 1 and
     * previousHopHash, the content hash it must carry, and the current holders.
     *
     * @return a {@link CustodyHead}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCustodyHead(final Context ctx, final String datasetId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final State state = new State(ctx.getStub());
        final DatasetRecord dataset = new DatasetRepository(state).require(datasetId);
        return CanonicalJson.toString(headOf(new CustodyRepository(state), dataset));
    }

    /**
     * One page of the dataset's hops in sequence order, each with the sender's certificate.
     *
     * @return a {@link io.custodia.chaincode.support.Page} of {@link VerifiableHop}s
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCustodyChain(final Context ctx, final String datasetId, final String pageSize, final String bookmark) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final int size = Args.pageSize(pageSize);
        final State state = new State(ctx.getStub());
        new DatasetRepository(state).require(datasetId);
        final CustodyRepository custody = new CustodyRepository(state);
        final TreeMap<String, CustodyKeyRecord> keys = new TreeMap<>();
        return CanonicalJson.toString(custody.hops(datasetId, size, bookmark).map(record -> {
            final CustodyHop hop = record.hop();
            final CustodyKeyRecord key = keys.computeIfAbsent(hop.from() + "/" + hop.keyId(), k ->
                    custody.key(hop.from(), hop.keyId()).orElseThrow(() -> new IllegalStateException(
                            "hop " + hop.sequence() + " of " + datasetId + " names an unregistered key")));
            return new VerifiableHop(record, key.certificatePem(), key.status());
        }));
    }

    /**
     * Re-verifies the dataset's whole custody chain (signatures, links, content continuity, holders).
     *
     * @return a {@link ChainVerification}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyCustodyChain(final Context ctx, final String datasetId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final State state = new State(ctx.getStub());
        final DatasetRecord dataset = new DatasetRepository(state).require(datasetId);
        return CanonicalJson.toString(new CustodyChainVerifier(new CustodyRepository(state)).verify(dataset));
    }

    private static CustodyHead headOf(final CustodyRepository custody, final DatasetRecord dataset) {
        return custody.head(dataset.datasetId()).orElseGet(() ->
                CustodyHead.initial(dataset.datasetId(), dataset.owner(), dataset.descriptor().contentHash().root()));
    }

    private static X509Certificate parseCertificate(final String pem) {
        if (pem != null && pem.length() > MAX_CERTIFICATE_PEM) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificatePem", "must be at most " + MAX_CERTIFICATE_PEM + " characters");
        }
        try {
            return Signatures.parseCertificate(pem);
        } catch (CertificateException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificatePem", "must be one PEM X.509 certificate with an EC P-256 key ("
                    + e.getMessage() + ")");
        }
    }
}
