package io.custodia.ledger.testcc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** A small contract that exercises every stub feature the Custodia chaincode uses. */
@Contract(name = "kv")
public final class KvContract implements ContractInterface {
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void put(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(final Context ctx, final String key) {
        final byte[] value = ctx.getStub().getState(key);
        if (value == null || value.length == 0) {
            throw new ChaincodeException("no value for " + key, "NOT_FOUND");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void del(final Context ctx, final String key) {
        ctx.getStub().delState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String increment(final Context ctx, final String key) {
        final byte[] value = ctx.getStub().getState(key);
        final int next = value.length == 0 ? 1 : Integer.parseInt(new String(value, StandardCharsets.UTF_8)) + 1;
        ctx.getStub().putStringState(key, Integer.toString(next));
        return Integer.toString(next);
    }

    /** Counts keys in a range and writes the count: a decision that depends on a range (phantom check). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String countInto(final Context ctx, final String start, final String end, final String target) {
        int count = 0;
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            for (final KeyValue ignored : results) {
                count++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ctx.getStub().putStringState(target, Integer.toString(count));
        return Integer.toString(count);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String range(final Context ctx, final String start, final String end) {
        final List<String> out = new ArrayList<>();
        for (final KeyValue kv : ctx.getStub().getStateByRange(start, end)) {
            out.add(kv.getKey() + "=" + kv.getStringValue());
        }
        return String.join(";", out);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String page(final Context ctx, final String start, final String end, final int size, final String bookmark) {
        final QueryResultsIteratorWithMetadata<KeyValue> results =
                ctx.getStub().getStateByRangeWithPagination(start, end, size, bookmark);
        final List<String> out = new ArrayList<>();
        for (final KeyValue kv : results) {
            out.add(kv.getKey());
        }
        return String.join(",", out) + "|" + results.getMetadata().getBookmark();
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void pageThenPut(final Context ctx, final String key) {
        ctx.getStub().getStateByRangeWithPagination("", "", 10, "");
        ctx.getStub().putStringState(key, "x");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(final Context ctx, final String key) {
        final List<String> out = new ArrayList<>();
        for (final KeyModification m : ctx.getStub().getHistoryForKey(key)) {
            out.add(m.getTxId() + ":" + (m.isDeleted() ? "<deleted>" : m.getStringValue()));
        }
        return String.join(";", out);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void event(final Context ctx, final String name, final String payload) {
        ctx.getStub().setEvent("overwritten", new byte[] {1});
        ctx.getStub().setEvent(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void fail(final Context ctx, final String code) {
        ctx.getStub().putStringState("should-not-exist", "x");
        throw new ChaincodeException("refused", code);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String boom(final Context ctx) {
        throw new IllegalStateException("boom happened");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String whoami(final Context ctx) {
        return ctx.getClientIdentity().getMSPID() + "|" + ctx.getClientIdentity().getAttributeValue("custodia.role")
                + "|" + ctx.getStub().getTxId() + "|" + ctx.getStub().getTxTimestamp().getEpochSecond();
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String privateRead(final Context ctx) {
        return new String(ctx.getStub().getPrivateData("c", "k"), StandardCharsets.UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String transientValue(final Context ctx, final String name) {
        return new String(ctx.getStub().getTransient().get(name), StandardCharsets.UTF_8);
    }

    /** Like a Custodia access event: one record and several index keys, plus an event. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void recordAccess(final Context ctx, final String id, final String dataset, final String org) {
        final String txTime = Long.toString(ctx.getStub().getTxTimestamp().toEpochMilli());
        final String record = "{\"dataset\":\"" + dataset + "\",\"id\":\"" + id + "\",\"org\":\"" + org + "\",\"time\":" + txTime + "}";
        ctx.getStub().putStringState("ACCESS\u0001" + id, record);
        ctx.getStub().putStringState("ACCESS_BY_DATASET\u0001" + dataset + "\u0001" + txTime + "\u0001" + id, id);
        ctx.getStub().putStringState("ACCESS_BY_ORG\u0001" + org + "\u0001" + txTime + "\u0001" + id, id);
        ctx.getStub().setEvent("AccessRecorded", record.getBytes(StandardCharsets.UTF_8));
    }

    /** A batch of access events in one transaction: {@code count} records, each with its index keys. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void recordAccessBatch(final Context ctx, final String prefix, final int count, final String dataset, final String org) {
        final String txTime = Long.toString(ctx.getStub().getTxTimestamp().toEpochMilli());
        for (int i = 0; i < count; i++) {
            final String id = prefix + "-" + i;
            final String record = "{\"dataset\":\"" + dataset + "\",\"id\":\"" + id + "\",\"org\":\"" + org + "\",\"time\":" + txTime + "}";
            ctx.getStub().putStringState("ACCESS\u0001" + id, record);
            ctx.getStub().putStringState("ACCESS_BY_DATASET\u0001" + dataset + "\u0001" + txTime + "\u0001" + id, id);
            ctx.getStub().putStringState("ACCESS_BY_ORG\u0001" + org + "\u0001" + txTime + "\u0001" + id, id);
        }
        ctx.getStub().setEvent("AccessBatchRecorded", (prefix + ":" + count).getBytes(StandardCharsets.UTF_8));
    }
}
