package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
    // The example of golang.org/x/mod/sumdb/note (the reference implementation of C2SP signed-note).
    private static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_TEXT =
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT
            + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void signing_the_reference_example_gives_the_reference_note_byte_for_byte() {
        final NoteKey signer = NoteKey.parsePrivateKey(GO_SKEY);

        assertThat(signer.verifierKey()).isEqualTo(GO_VKEY);
        assertThat(SignedNote.sign(GO_TEXT, signer).toString()).isEqualTo(GO_NOTE);
        assertThat(SignedNote.parse(GO_NOTE).verifiedBy(NoteKey.parseVerifierKey(GO_VKEY))).isTrue();
    }

    @Test
    void every_changed_byte_of_a_signed_checkpoint_fails_verification() {
        final NoteKey log = NoteKey.generate("custodia.test/log", NoteKey.TYPE_ED25519);
        final NoteKey verifier = NoteKey.parseVerifierKey(log.verifierKey());
        final String note = SignedNote.sign(new Checkpoint("custodia.test/log", 42, Hashes.sha256(new byte[] {1})).text(), log)
                .toString();
        assertThat(SignedNote.parse(note).verifiedBy(verifier)).isTrue();

        final byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            final byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            final String tampered = new String(changed, StandardCharsets.UTF_8);
            boolean accepted;
            try {
                accepted = SignedNote.parse(tampered).verifiedBy(verifier);
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertThat(accepted).as("byte %d changed", i).isFalse();
        }
    }

    @Test
    void a_signature_or_root_in_non_canonical_base64_is_refused() {
        // 'M' and 'N' differ only in the unused low bits of the last character before the padding.
        final String note = GO_NOTE.replace("nAM=", "nAN=");
        assertThat(java.util.Base64.getDecoder().decode("nAN=")).isEqualTo(java.util.Base64.getDecoder().decode("nAM="));

        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
        final String root = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + root.substring(0, 42) + "B=\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
    }

    @Test
    void a_cosignature_verifies_for_its_witness_only_and_binds_its_timestamp() {
        final NoteKey log = NoteKey.generate("custodia.test/log", NoteKey.TYPE_ED25519);
        final NoteKey witness = NoteKey.generate("witness.test/w1", NoteKey.TYPE_COSIGNATURE_V1);
        final NoteKey other = NoteKey.generate("witness.test/w1", NoteKey.TYPE_COSIGNATURE_V1);
        final SignedNote signed = SignedNote.sign(new Checkpoint("custodia.test/log", 7, Hashes.sha256(new byte[0])).text(), log);

        final SignedNote cosigned = SignedNote.parse(signed.with(signed.cosignature(witness, 1_700_000_000L)).toString());

        final NoteKey witnessVerifier = NoteKey.parseVerifierKey(witness.verifierKey());
        assertThat(cosigned.cosignedBy(witnessVerifier)).contains(1_700_000_000L);
        assertThat(cosigned.cosignedBy(NoteKey.parseVerifierKey(other.verifierKey()))).isEmpty();
        assertThat(cosigned.verifiedBy(NoteKey.parseVerifierKey(log.verifierKey()))).isTrue();
        // The log key cannot pass as a cosigner, nor a cosignature as a log signature.
        assertThat(cosigned.verifiedBy(witnessVerifier)).isFalse();
        final SignedNote.Line line = cosigned.signatures().get(1);
        final byte[] sig = line.signature();
        sig[7] ^= 1;
        assertThat(SignedNote.parse(signed.text() + "\n" + new SignedNote.Line(line.name(), line.keyId(), sig))
                .cosignedBy(witnessVerifier)).as("timestamp changed").isEmpty();
    }

    @Test
    void the_cosigner_key_id_uses_signature_type_4() {
        final NoteKey witness = NoteKey.generate("w", NoteKey.TYPE_COSIGNATURE_V1);
        final String vkey = witness.verifierKey();
        final byte[] raw = java.util.Base64.getDecoder().decode(vkey.split("\\+", 3)[2]);
        final var digest = Hashes.newSha256();
        digest.update("w\n".getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x04);
        digest.update(raw, 1, 32);

        assertThat(raw[0]).isEqualTo((byte) 0x04);
        assertThat(vkey.split("\\+", 3)[1]).isEqualTo(Hashes.hex(java.util.Arrays.copyOf(digest.digest(), 4)));
    }

    @Test
    void malformed_keys_and_checkpoints_are_refused() {
        assertThatThrownBy(() -> NoteKey.parseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n01\nAAAA\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.parse("origin\n1\n" + java.util.Base64.getEncoder().encodeToString(new byte[31]) + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT)).isInstanceOf(IllegalArgumentException.class);
        final Checkpoint checkpoint = new Checkpoint("o", 3, new byte[32]);
        assertThat(Checkpoint.parse(checkpoint.text())).isEqualTo(checkpoint);
    }
}
