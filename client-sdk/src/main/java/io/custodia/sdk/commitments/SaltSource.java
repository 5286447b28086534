package io.custodia.sdk.commitments;

import io.custodia.canonical.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies the per-subject salt of a patient, from which {@code subjectRef = HMAC-SHA256(salt, patientId)}.
 *
 * <p>In production the gateway's subject registry is the source (it creates a salt the first time a
 * patient is seen, so the same patient gets the same pseudonym across datasets). {@link #inMemory} and
 * {@link #fromFile} serve tests and offline trials.
 *
 * <pre>{@code
 * SaltSource salts = SaltSource.inMemory(Map.of("MRN-0001", salt32));
 * byte[] salt = salts.subjectSalt("MRN-0001");
 * }</pre>
 */
@FunctionalInterface
public interface SaltSource {
    /**
     * The salt of {@code patientId} (at least 16 bytes).
     *
     * @throws SaltUnavailableException when none can be supplied; the message must not name the patient
     */
    byte[] subjectSalt(String patientId) throws SaltUnavailableException;

    /** A fixed map of patient identifier to salt. */
    static SaltSource inMemory(final Map<String, byte[]> saltsByPatientId) {
        final Map<String, byte[]> copy = new HashMap<>();
        saltsByPatientId.forEach((id, salt) -> copy.put(Objects.requireNonNull(id), salt.clone()));
        return patientId -> {
            final byte[] salt = copy.get(patientId);
            if (salt == null) {
                throw new SaltUnavailableException("no subject salt for this patient");
            }
            return salt.clone();
        };
    }

    /**
     * Reads a UTF-8 file of lines {@code patientId<TAB>hexSalt}; blank lines and lines starting with
     * {@code #} are ignored. A tab separates the fields because identifiers may contain commas.
     *
     * @throws IOException when the file cannot be read or a line is malformed (reported by line number)
     */
    static SaltSource fromFile(final Path file) throws IOException {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final Map<String, byte[]> salts = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final int tab = line.indexOf('\t');
            final String hex = tab < 0 ? "" : line.substring(tab + 1).trim();
            if (tab <= 0 || hex.length() < 32 || hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) {
                throw new IOException(file + " line " + (i + 1) + ": expected patientId<TAB>hex salt of at least 16 bytes");
            }
            if (salts.put(line.substring(0, tab), Hashes.fromHex(hex.toLowerCase(java.util.Locale.ROOT))) != null) {
                throw new IOException(file + " line " + (i + 1) + ": patient listed twice");
            }
        }
        return inMemory(salts);
    }
}
