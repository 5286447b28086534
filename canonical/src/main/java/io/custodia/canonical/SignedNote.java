package io.custodia.canonical;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A C2SP signed note: UTF-8 text of newline-terminated lines, a blank line, and signature lines
 * {@code — <key name> base64(4-byte key ID || signature)}. Checkpoints are signed by the log key
 * ({@link NoteKey#TYPE_ED25519}, signature over the text); witnesses add tlog-cosignature/v1 lines
 * ({@link NoteKey#TYPE_COSIGNATURE_V1}, signature over {@code "cosignature/v1\ntime <t>\n" || text},
 * with an 8-byte big-endian timestamp before the signature).
 *
 * <pre>{@code
 * SignedNote note = SignedNote.sign(checkpoint.text(), logKey);
 * SignedNote parsed = SignedNote.parse(note.toString());
 * boolean ok = parsed.verifiedBy(logVerifier);
 * }</pre>
 */
public final class SignedNote {
    /** The em dash and space that open every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    private final String text;
    private final List<Line> signatures;

    /** One signature line: key name, 4-byte key ID, and what follows the ID (for a cosignature: timestamp and signature). */
    public static final class Line {
        private final String name;
        private final int keyId;
        private final byte[] signature;

        public Line(final String name, final int keyId, final byte[] signature) {
            this.name = NoteKey.checkName(name);
            this.keyId = keyId;
            this.signature = signature.clone();
        }

        public String name() {
            return name;
        }

        public int keyId() {
            return keyId;
        }

        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public String toString() {
            final byte[] payload = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(payload) + "\n";
        }

        @Override
        public boolean equals(final Object other) {
            if (!(other instanceof Line)) {
                return false;
            }
            final Line o = (Line) other;
            return o.name.equals(name) && o.keyId == keyId && Arrays.equals(o.signature, signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, keyId, Arrays.hashCode(signature));
        }
    }

    private SignedNote(final String text, final List<Line> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} (newline-terminated lines, no blank line) with a log key. */
    public static SignedNote sign(final String text, final NoteKey key) {
        checkText(text);
        if (key.type() != NoteKey.TYPE_ED25519) {
            throw new IllegalArgumentException("a note is signed with an Ed25519 note key (type 0x01)");
        }
        return new SignedNote(text, List.of(new Line(key.name(), key.keyIdInt(), key.sign(utf8(text)))));
    }

    /** Parses a note; signature lines are not verified here (see {@link #verifiedBy(NoteKey)}). */
    public static SignedNote parse(final String note) {
        Objects.requireNonNull(note, "note");
        final int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note is text, a blank line and signature lines");
        }
        final String text = note.substring(0, split + 1);
        checkText(text);
        final List<Line> lines = new ArrayList<>();
        for (final String line : note.substring(split + 2).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            lines.add(parseLine(line));
            if (lines.size() > MAX_SIGNATURES) {
                throw new IllegalArgumentException("too many signature lines");
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature line");
        }
        return new SignedNote(text, lines);
    }

    private static Line parseLine(final String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("signature lines start with an em dash and a space");
        }
        final String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a signature line is '— name base64'");
        }
        final byte[] payload;
        try {
            payload = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not base64", e);
        }
        // Base64 leaves the last character's low bits unused: decoders accept any value there, so
        // without this check one signature line would have several spellings.
        if (!Base64.getEncoder().encodeToString(payload).equals(parts[1])) {
            throw new IllegalArgumentException("signature is not canonical base64");
        }
        if (payload.length < 5) {
            throw new IllegalArgumentException("signature is too short");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(payload);
        final int keyId = buffer.getInt();
        final byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new Line(parts[0], keyId, signature);
    }

    /** The signed text (ends with a newline). */
    public String text() {
        return text;
    }

    public List<Line> signatures() {
        return signatures;
    }

    /** Whether a signature line of {@code key} (a log key) verifies over the text. */
    public boolean verifiedBy(final NoteKey key) {
        if (key.type() != NoteKey.TYPE_ED25519) {
            return false;
        }
        final byte[] message = utf8(text);
        return signatures.stream().anyMatch(l -> matches(l, key) && key.verify(message, l.signature()));
    }

    /** The timestamp of a valid cosignature by {@code witness}, if there is one. */
    public Optional<Long> cosignedBy(final NoteKey witness) {
        return cosignatureOf(witness).map(line -> ByteBuffer.wrap(line.signature).getLong());
    }

    /** The signature line of a valid cosignature by {@code witness} (a cosigner verifier key), if there is one. */
    public Optional<Line> cosignatureOf(final NoteKey witness) {
        if (witness.type() != NoteKey.TYPE_COSIGNATURE_V1) {
            return Optional.empty();
        }
        for (final Line line : signatures) {
            final byte[] sig = line.signature;
            if (!matches(line, witness) || sig.length != 8 + 64) {
                continue;
            }
            final long timestamp = ByteBuffer.wrap(sig).getLong();
            if (timestamp >= 0 && witness.verify(cosignedMessage(text, timestamp), Arrays.copyOfRange(sig, 8, 72))) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** The tlog-cosignature/v1 signature line of {@code witness} over this note's text at {@code timestamp}. */
    public Line cosignature(final NoteKey witness, final long timestamp) {
        if (witness.type() != NoteKey.TYPE_COSIGNATURE_V1 || timestamp < 0) {
            throw new IllegalArgumentException("a cosignature needs a cosigner key (type 0x04) and a non-negative time");
        }
        final byte[] sig = witness.sign(cosignedMessage(text, timestamp));
        return new Line(witness.name(), witness.keyIdInt(),
                ByteBuffer.allocate(8 + sig.length).putLong(timestamp).put(sig).array());
    }

    /** This note with {@code line} added, unless a line of the same key is already there. */
    public SignedNote with(final Line line) {
        if (signatures.stream().anyMatch(l -> l.name.equals(line.name) && l.keyId == line.keyId)) {
            return this;
        }
        final List<Line> all = new ArrayList<>(signatures);
        all.add(line);
        return new SignedNote(text, all);
    }

    private static boolean matches(final Line line, final NoteKey key) {
        return line.name.equals(key.name()) && line.keyId == key.keyIdInt();
    }

    static byte[] cosignedMessage(final String text, final long timestamp) {
        return utf8("cosignature/v1\ntime " + timestamp + "\n" + text);
    }

    private static void checkText(final String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n") || text.startsWith("\n")) {
            throw new IllegalArgumentException("note text is non-empty newline-terminated lines with no blank line");
        }
        if (text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("note text has no control characters");
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(out::append);
        return out.toString();
    }
}
