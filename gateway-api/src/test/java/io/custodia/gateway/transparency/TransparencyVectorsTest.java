package io.custodia.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/transparency.md, computed there by an independent script (Python:
 * hashlib and the cryptography package's Ed25519): the log must produce the same bytes.
 */
class TransparencyVectorsTest {
    private static final String LOG_SKEY = "PRIVATE+KEY+custodia.example/log+c8ee3e76+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    private static final String LOG_VKEY = "custodia.example/log+c8ee3e76+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    private static final String WITNESS_SKEY = "PRIVATE+KEY+witness.example/w1+20324abe+BCAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/";
    private static final String NOTE = "custodia.example/log\n3\nPw18WmB6bZg5ji7CoUbz2DnMw8Ytddefi3YiGz2gSXI=\n\n"
            + "\u2014 custodia.example/log yO4+dlO6PIC2CqAEWCdET8ZzQb7zfV75lA5rAnfxKiCZLIoSUtw+xGhb8hYwoy05Minl7CXNjIoHdTzkUMo6Bd753QQ=\n";
    private static final String COSIGNATURE = "\u2014 witness.example/w1 "
            + "IDJKvgAAAABrFoOgDE3ZT1zQAh0IizWUIPnswm55dNMhDoQJ34BjOzUaZ7Lfc9u2AN/u4JASJtw+4HswKoPAhn2/Lrp48KnuQhDBAg==\n";

    @TempDir
    Path dir;

    @Test
    void the_documented_example_gives_the_documented_entries_hashes_proofs_checkpoint_and_cosignature() {
        final List<LedgerEvent> events = List.of(
                new LedgerEvent(1, 0, "tx-1", "AccessDecided", CanonicalJson.toBytes(Map.of("eventId", "ev-1", "datasetId", "ds-1",
                        "requester", "Org2MSP", "decision", "PERMIT", "subjectsReleased", 1,
                        "releasedSubjectsRoot", Hashes.sha256Hex("x")))),
                new LedgerEvent(2, 0, "tx-2", "ErasureRecorded", CanonicalJson.toBytes(Map.of("receiptId", "er-1",
                        "subjectRef", "ab".repeat(32), "recordedBy", "Org1MSP", "erasedAt", "2026-12-07T10:00:00Z"))),
                new LedgerEvent(3, 0, "tx-3", "AccessDecided", CanonicalJson.toBytes(Map.of("eventId", "ev-2", "datasetId", "ds-1",
                        "requester", "Org2MSP", "decision", "DENY", "subjectsReleased", 0,
                        "releasedSubjectsRoot", Hashes.sha256Hex(new byte[0])))));
        final NoteKey key = NoteKey.parsePrivateKey(LOG_SKEY);

        try (TransparencyLog log = TransparencyLog.open(dir, key, Duration.ZERO)) {
            events.forEach(log::record);

            assertThat(new String(log.entry(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"block\":1,"
                    + "\"eventHash\":\"f6de4b141854dd8723331d500b63e7f364445b226366e7edd6a25369db7e950f\",\"id\":\"ev-1\","
                    + "\"position\":0,\"schema\":\"custodia.log-entry.v1\",\"txId\":\"tx-1\",\"type\":\"access-event\"}");
            assertThat(b64(MerkleTree.leafHash(log.entry(1).bytes()))).isEqualTo("Y4ZfJC2+RSosf86/61aKZMi0Y7q4/hR4Pgc8IIbylik=");
            assertThat(log.inclusionProof(1, 3).stream().map(TransparencyVectorsTest::b64))
                    .containsExactly("lzwBlffxSFyenPP9V2NrvTexlIeqzPNSHKiYqHL0MLk=", "IJMKWo/8d1SHHfesAWy2ca3zSf23YB24xELucq7dypU=");
            assertThat(log.consistencyProof(2, 3).stream().map(TransparencyVectorsTest::b64))
                    .containsExactly("IJMKWo/8d1SHHfesAWy2ca3zSf23YB24xELucq7dypU=");
            assertThat(b64(log.checkpointAt(2).rootHash())).isEqualTo("N/dMnDCBFkZimJSWp64uWnPRdJsZMitUFLSPeDSTiOw=");
            assertThat(log.verifierKey()).isEqualTo(LOG_VKEY);
            final SignedNote note = log.checkpoint();
            assertThat(note.toString()).isEqualTo(NOTE);
            assertThat(note.cosignature(NoteKey.parsePrivateKey(WITNESS_SKEY), 1_796_637_600L).toString()).isEqualTo(COSIGNATURE);
        }
    }

    private static String b64(final byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
