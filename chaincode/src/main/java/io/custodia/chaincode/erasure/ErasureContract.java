package io.custodia.chaincode.erasure;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.ConsentRecord;
import io.custodia.chaincode.consent.ConsentRepository;
import io.custodia.chaincode.consent.ConsentStatus;
import io.custodia.chaincode.dataset.DatasetRepository;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.Caller;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.support.Tx;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Erasure receipts. Institutions (role {@code institution}) record that they destroyed a subject's
 * off-chain pointers; the receipt's datasets and consents must exist, and the consents must belong to
 * the subject and be REVOKED. Auditors and institutions read receipts.
 */
@Contract(name = "erasures", info = @Info(title = "Custodia erasure receipts", version = "1"))
public final class ErasureContract implements ContractInterface {

    /**
     * Records an erasure receipt with {@code erasedAt} = transaction time and {@code recordedBy} = caller.
     *
     * @param receiptJson an {@link Erasure}
     * @return the stored {@link ErasureReceipt}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RecordErasure(final Context ctx, final String receiptJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final Erasure erasure = Args.parse(receiptJson, Erasure.class);
        final State state = new State(ctx.getStub());
        final StateKey key = StateKey.of(KeyType.ERASURE, erasure.receiptId());
        if (state.exists(key)) {
            throw ErrorCode.ALREADY_EXISTS.exception("erasure receipt " + erasure.receiptId() + " already exists");
        }
        final DatasetRepository datasets = new DatasetRepository(state);
        for (final String datasetId : erasure.datasetIds()) {
            if (!datasets.exists(datasetId)) {
                throw ErrorCode.NOT_FOUND.exception("dataset " + datasetId + " does not exist");
            }
        }
        final ConsentRepository consents = new ConsentRepository(state);
        for (final String consentId : erasure.consentIds()) {
            final ConsentRecord consent = consents.require(consentId);
            if (!consent.consent().subjectRef().equals(erasure.subjectRef())) {
                throw ErrorCode.INVALID_ARGUMENT.exception("consentIds", "consent " + consentId + " is not a consent of this subject");
            }
            if (consent.status() != ConsentStatus.REVOKED) {
                throw ErrorCode.STATE_CONFLICT.exception("consent " + consentId + " is " + consent.status() + ", not REVOKED");
            }
        }

        final String now = Tx.time(ctx).toString();
        final ErasureReceipt receipt = new ErasureReceipt(erasure, now, caller.mspId(), Tx.id(ctx));
        state.put(key, receipt);
        state.putIndex(StateKey.of(KeyType.ERASURE_BY_SUBJECT, erasure.subjectRef(), erasure.receiptId()));
        Tx.emit(ctx, "ErasureRecorded", Map.of(
                "receiptId", erasure.receiptId(),
                "subjectRef", erasure.subjectRef(),
                "recordedBy", caller.mspId(),
                "erasedAt", now));
        return CanonicalJson.toString(receipt);
    }

    /** The receipt, or NOT_FOUND. Auditors and institutions. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetErasureReceipt(final Context ctx, final String receiptId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("receiptId", receiptId));
        return CanonicalJson.toString(find(new State(ctx.getStub()), receiptId));
    }

    /** One page of a subject's receipts, in receipt-ID order. Auditors and institutions. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListErasuresBySubject(final Context ctx, final String subjectRef, final String pageSize, final String bookmark) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.subjectRef("subjectRef", subjectRef));
        final int size = Args.pageSize(pageSize);
        final State state = new State(ctx.getStub());
        return CanonicalJson.toString(state.page(StateKey.of(KeyType.ERASURE_BY_SUBJECT, subjectRef), size, bookmark)
                .map(kv -> find(state, kv.getStringValue())));
    }

    private static ErasureReceipt find(final State state, final String receiptId) {
        return state.get(StateKey.of(KeyType.ERASURE, receiptId), ErasureReceipt.class)
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("erasure receipt " + receiptId + " does not exist"));
    }
}
