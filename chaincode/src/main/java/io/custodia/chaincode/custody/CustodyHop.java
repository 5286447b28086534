package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.CustodyHopStatement;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.Base64;

/**
 * A custody hop as the sender submits it: the statement fields it signed, the key it signed with and
 * the signature (base64 of the DER-encoded ECDSA signature over {@link #statement()}'s signing bytes).
 */
public final class CustodyHop {
    /** A DER ECDSA P-256 signature is at most 72 bytes; anything much longer is not one. */
    static final int MAX_SIGNATURE_BYTES = 80;

    private final String datasetId;
    private final long sequence;
    private final String previousHopHash;
    private final String from;
    private final String to;
    private final CustodyAction action;
    private final String contentHash;
    private final String keyId;
    private final String signature;

    @JsonCreator
    public CustodyHop(final String datasetId, final long sequence, final String previousHopHash, final String from,
            final String to, final CustodyAction action, final String contentHash, final String keyId,
            final String signature) {
        this.datasetId = Fields.id("datasetId", datasetId);
        if (sequence < 1) {
            throw new InvalidJsonException("sequence", "must be at least 1");
        }
        this.sequence = sequence;
        this.previousHopHash = previousHopHash == null || previousHopHash.isEmpty()
                ? "" : Fields.sha256("previousHopHash", previousHopHash);
        this.from = Fields.mspId("from", from);
        this.to = Fields.mspId("to", to);
        this.action = Fields.required("action", action);
        if (action == CustodyAction.DELETE && !to.equals(from)) {
            throw new InvalidJsonException("to", "must equal from for DELETE");
        }
        if ((action == CustodyAction.TRANSFER || action == CustodyAction.COPY) && to.equals(from)) {
            throw new InvalidJsonException("to", "must differ from from for " + action);
        }
        this.contentHash = Fields.sha256("contentHash", contentHash);
        this.keyId = Fields.sha256("keyId", keyId);
        this.signature = Base64.getEncoder().encodeToString(decode(signature));
    }

    private static byte[] decode(final String signature) {
        Fields.required("signature", signature);
        final byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidJsonException("signature", "must be base64 (RFC 4648, with padding)");
        }
        if (bytes.length == 0 || bytes.length > MAX_SIGNATURE_BYTES) {
            throw new InvalidJsonException("signature", "must be a DER-encoded ECDSA P-256 signature");
        }
        return bytes;
    }

    /** The statement the sender signed, rebuilt from the hop's fields. */
    public CustodyHopStatement statement() {
        return CustodyHopStatement.of(datasetId, sequence, previousHopHash, from, to, action.name(), contentHash);
    }

    public byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    public String datasetId() {
        return datasetId;
    }

    public long sequence() {
        return sequence;
    }

    /** Hop hash of the previous hop, "" for the first. */
    public String previousHopHash() {
        return previousHopHash;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public CustodyAction action() {
        return action;
    }

    public String contentHash() {
        return contentHash;
    }

    public String keyId() {
        return keyId;
    }

    /** Base64 (standard alphabet, padded) of the DER signature, re-encoded so the stored form is canonical. */
    public String signature() {
        return signature;
    }
}
