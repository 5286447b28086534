package io.custodia.chaincode.consent;

import io.custodia.canonical.CanonicalJson;
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
 * Proxy delegations: a guardian or legal representative (pseudonym) may grant and/or revoke a
 * subject's consents. The institution whose gateway verified the delegation document registers it
 * (role {@code institution}, recorded as {@code recordedBy}) and only that institution may end it.
 */
@Contract(name = "delegations", info = @Info(title = "Custodia proxy delegations", version = "1"))
public final class DelegationContract implements ContractInterface {

    /**
     * Registers a delegation, ACTIVE from now on (it is in force during its validity period).
     *
     * @param delegationJson a {@link Delegation}
     * @return the stored {@link DelegationRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterDelegation(final Context ctx, final String delegationJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final Delegation delegation = Args.parse(delegationJson, Delegation.class);
        final Instant now = Tx.time(ctx);
        if (Validity.endedBy(delegation.validUntil(), now)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("validUntil", "has already passed at transaction time " + now);
        }
        final ConsentRepository repository = new ConsentRepository(new State(ctx.getStub()));
        if (repository.delegationExists(delegation.delegationId())) {
            throw ErrorCode.ALREADY_EXISTS.exception("delegation " + delegation.delegationId() + " already exists");
        }

        final DelegationRecord record = new DelegationRecord(
                delegation, DelegationStatus.ACTIVE, caller.mspId(), now.toString(), Tx.id(ctx), null);
        repository.saveDelegation(record);
        Tx.emit(ctx, "DelegationRegistered", Map.of(
                "delegationId", delegation.delegationId(),
                "subjectRef", delegation.subjectRef(),
                "proxyRef", delegation.proxyRef(),
                "recordedBy", caller.mspId()));
        return CanonicalJson.toString(record);
    }

    /**
     * Ends an ACTIVE delegation; the proxy can no longer act under it. Consents it was used to grant stay as they are.
     *
     * @return the stored {@link DelegationRecord}, now ENDED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String EndDelegation(final Context ctx, final String delegationId) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        Args.check(() -> Fields.id("delegationId", delegationId));
        final ConsentRepository repository = new ConsentRepository(new State(ctx.getStub()));
        final DelegationRecord current = repository.requireDelegation(delegationId);
        caller.requireOwner(current.recordedBy(), "delegation " + delegationId);
        if (current.status() != DelegationStatus.ACTIVE) {
            throw ErrorCode.STATE_CONFLICT.exception("delegation " + delegationId + " is " + current.status() + ", not ACTIVE");
        }

        final String now = Tx.time(ctx).toString();
        final DelegationRecord ended = current.ended(new DelegationEnding(now, Tx.id(ctx)));
        repository.saveDelegation(ended);
        Tx.emit(ctx, "DelegationEnded", Map.of("delegationId", delegationId, "endedAt", now));
        return CanonicalJson.toString(ended);
    }

    /** The delegation record, or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDelegation(final Context ctx, final String delegationId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("delegationId", delegationId));
        return CanonicalJson.toString(new ConsentRepository(new State(ctx.getStub())).requireDelegation(delegationId));
    }
}
