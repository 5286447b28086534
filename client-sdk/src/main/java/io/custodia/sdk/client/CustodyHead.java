package io.custodia.sdk.client;

import java.util.List;

/**
 * The end of a dataset's custody chain: what the next hop's sender signs against.
 *
 * <pre>{@code
 * CustodyHead head = client.custody().head("ds-001");
 * CustodyHop next = new CustodyHop("ds-001", head.sequence() + 1, head.lastHopHash(), "Org1MSP", "Org2MSP",
 *         "TRANSFER", head.contentHash());
 * }</pre>
 *
 * @param datasetId dataset
 * @param sequence sequence of the last hop (0 before the first)
 * @param lastHopHash hash of the last hop, empty before the first
 * @param contentHash current content hash
 * @param holders institutions holding the dataset now
 */
public record CustodyHead(String datasetId, long sequence, String lastHopHash, String contentHash, List<String> holders) {
    public CustodyHead {
        lastHopHash = lastHopHash == null ? "" : lastHopHash;
        holders = holders == null ? List.of() : List.copyOf(holders);
    }
}
