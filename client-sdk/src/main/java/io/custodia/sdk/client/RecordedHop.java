package io.custodia.sdk.client;

/**
 * The signed fields of a recorded custody hop, as the ledger stores them.
 *
 * <pre>{@code
 * RecordedHop h = record.hop();
 * System.out.println(h.sequence() + " " + h.from() + " -> " + h.to() + " " + h.action());
 * }</pre>
 *
 * @param datasetId dataset
 * @param sequence position in the chain
 * @param previousHopHash previous hop's hash, empty on the first
 * @param from sender
 * @param to receiver
 * @param action what the hop does
 * @param contentHash content hash at the hop
 * @param keyId sender's key
 * @param signature base64 DER signature
 */
public record RecordedHop(String datasetId, long sequence, String previousHopHash, String from, String to,
        String action, String contentHash, String keyId, String signature) {
    public RecordedHop {
        previousHopHash = previousHopHash == null ? "" : previousHopHash;
    }
}
