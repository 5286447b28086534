package io.custodia.chaincode.consent;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.dataset.DatasetRepository;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.Caller;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.Tx;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Consents: grant, revoke, read.
 *
 * <p>Patients and proxies have no Fabric identity: their institution's gateway authenticates them
 * and submits with the institution's identity, so writes require role {@code institution} and record
 * the caller's MSP ID as {@code recordedBy}; only that institution may later revoke the consent.
 * A proxy act must name an ACTIVE delegation, valid at transaction time, for the same proxy and
 * subject, whose scope allows the act ({@code DELEGATION_INVALID} otherwise).
 *
 * <p>Reads are open to every institution and auditor: the subject's gateway decides which patient
 * may see what, and public world state is replicated to every member anyway, so hiding records from
 * the chaincode API would protect nothing.
 */
@Contract(name = "consents", info = @Info(title = "Custodia consents", version = "1"))
public final class ConsentContract implements ContractInterface {

    /**
     * Records a consent granted by the subject or by a proxy.
     *
     * @param consentJson a {@link Consent}
     * @return the stored {@link ConsentRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String GrantConsent(final Context ctx, final String consentJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final Consent consent = Args.parse(consentJson, Consent.class);
        final Instant now = Tx.time(ctx);
        if (Validity.endedBy(consent.validUntil(), now)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("validUntil", "has already passed at transaction time " + now);
        }
        final State state = new State(ctx.getStub());
        final ConsentRepository consents = new ConsentRepository(state);
        if (consents.exists(consent.consentId())) {
            throw ErrorCode.ALREADY_EXISTS.exception("consent " + consent.consentId() + " already exists");
        }
        new ProxyAuthority(consents).require(consent.grantor(), consent.subjectRef(), ProxyAuthority.Act.GRANT, now);
        if (consent.scope().kind() == ScopeKind.DATASETS) {
            final DatasetRepository datasets = new DatasetRepository(state);
            for (final String datasetId : consent.scope().datasetIds()) {
                if (!datasets.exists(datasetId)) {
                    throw ErrorCode.NOT_FOUND.exception("dataset " + datasetId + " does not exist");
                }
            }
        }

        final ConsentRecord record = new ConsentRecord(
                consent, ConsentStatus.ACTIVE, caller.mspId(), now.toString(), Tx.id(ctx), null);
        consents.save(record, now);
        Tx.emit(ctx, "ConsentGranted", Map.of(
                "consentId", consent.consentId(),
                "subjectRef", consent.subjectRef(),
                "grantorKind", consent.grantor().kind().name(),
                "recordedBy", caller.mspId()));
        return CanonicalJson.toString(record);
    }

    /**
     * Revokes an ACTIVE consent. Access decisions committed after this transaction no longer count it.
     *
     * @param consentId the consent to revoke
     * @param revocationJson a {@link Revocation}: who revokes
     * @return the stored {@link ConsentRecord}, now REVOKED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeConsent(final Context ctx, final String consentId, final String revocationJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        Args.check(() -> Fields.id("consentId", consentId));
        final Revocation revocation = Args.parse(revocationJson, Revocation.class);
        final Instant now = Tx.time(ctx);
        final ConsentRepository consents = new ConsentRepository(new State(ctx.getStub()));
        final ConsentRecord current = consents.require(consentId);
        caller.requireOwner(current.recordedBy(), "consent " + consentId);
        if (current.status() != ConsentStatus.ACTIVE) {
            throw ErrorCode.STATE_CONFLICT.exception("consent " + consentId + " is " + current.status() + ", not ACTIVE");
        }
        new ProxyAuthority(consents).require(revocation.by(), current.consent().subjectRef(), ProxyAuthority.Act.REVOKE, now);

        final ConsentRecord revoked = current.revoked(
                new RevocationRecord(revocation.by(), now.toString(), Tx.id(ctx), caller.mspId()));
        consents.save(revoked, now);
        Tx.emit(ctx, "ConsentRevoked", Map.of(
                "consentId", consentId,
                "subjectRef", current.consent().subjectRef(),
                "revokedAt", now.toString()));
        return CanonicalJson.toString(revoked);
    }

    /** The consent record, or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetConsent(final Context ctx, final String consentId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("consentId", consentId));
        return CanonicalJson.toString(new ConsentRepository(new State(ctx.getStub())).require(consentId));
    }

    /**
     * One page of a subject's consents (any status), in consent-ID order.
     *
     * @return a {@link io.custodia.chaincode.support.Page} of {@link ConsentRecord}s
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListConsentsBySubject(final Context ctx, final String subjectRef, final String pageSize, final String bookmark) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.subjectRef("subjectRef", subjectRef));
        final int size = Args.pageSize(pageSize);
        return CanonicalJson.toString(new ConsentRepository(new State(ctx.getStub())).pageOfSubject(subjectRef, size, bookmark));
    }
}
