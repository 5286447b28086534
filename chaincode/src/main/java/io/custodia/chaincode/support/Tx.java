package io.custodia.chaincode.support;

import io.custodia.canonical.CanonicalJson;
import java.time.Instant;
import org.hyperledger.fabric.contract.Context;

/** The transaction's own time and ID, and its one event: the only sources of "now" and "unique" here. */
public final class Tx {
    private Tx() {}

    /** The proposal timestamp; every endorser sees the same one. */
    public static Instant time(final Context ctx) {
        return ctx.getStub().getTxTimestamp();
    }

    public static String id(final Context ctx) {
        return ctx.getStub().getTxId();
    }

    /**
     * Emits the transaction's chaincode event. Fabric keeps one event per transaction, so each
     * transaction calls this exactly once, with a canonical-JSON payload free of personal data.
     */
    public static void emit(final Context ctx, final String name, final Object payload) {
        ctx.getStub().setEvent(name, CanonicalJson.toBytes(payload));
    }
}
