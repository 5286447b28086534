package io.custodia.sdk.custody;

import io.custodia.canonical.CustodyHopStatement;
import java.util.Objects;

/**
 * The fields of one custody hop, before or after signing. {@link #statement()} turns them into the
 * {@link CustodyHopStatement} whose canonical JSON is signed.
 *
 * <pre>{@code
 * CustodyHop hop = new CustodyHop("ds-001", 2, previous.hopHash(), "HospitalAMSP", "LabMSP",
 *         "TRANSFER", datasetHash.root());
 * }</pre>
 *
 * @param datasetId ledger identifier of the dataset
 * @param sequence position in the chain, the first hop being 1
 * @param previousHopHash {@link CustodyHopStatement#hopHash()} of the previous hop, empty for the first
 * @param from sender (organisation MSP ID)
 * @param to receiver (organisation MSP ID)
 * @param action what the hop does, e.g. {@code REGISTER}, {@code TRANSFER}, {@value #DERIVE}
 * @param contentHash dataset root at this hop (lower-case hex)
 */
public record CustodyHop(String datasetId, long sequence, String previousHopHash, String from, String to,
        String action, String contentHash) {
    /** The one action after which the content hash may change: the receiver derived a new dataset. */
    public static final String DERIVE = "DERIVE";

    public CustodyHop {
        Objects.requireNonNull(datasetId, "datasetId");
        previousHopHash = previousHopHash == null ? "" : previousHopHash;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** The statement the sender signs. */
    public CustodyHopStatement statement() {
        return CustodyHopStatement.of(datasetId, sequence, previousHopHash, from, to, action, contentHash);
    }
}
