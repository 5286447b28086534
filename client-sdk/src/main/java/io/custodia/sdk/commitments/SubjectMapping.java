package io.custodia.sdk.commitments;

import io.custodia.sdk.manifest.CanonicalPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which dataset files belong to which patient, read from a CSV file the owner prepares.
 *
 * <p>Format (UTF-8, LF or CRLF line ends): one {@code path,patientId} row per file; an optional first
 * line exactly {@code path,patientId}; blank lines ignored. A field containing a comma or a double
 * quote is enclosed in double quotes, with inner quotes doubled (RFC 4180). The path is the file's
 * canonical dataset path (as in the manifest; it is NFC-normalised on reading). Patient identifiers are
 * taken byte-exact, so surrounding whitespace is rejected rather than silently creating a second
 * pseudonym. A path may appear once; files not listed belong to no subject.
 *
 * <p>Holds patient identifiers: {@link #toString()} shows counts only, and no exception names one.
 *
 * <pre>{@code
 * SubjectMapping mapping = SubjectMapping.read(Path.of("subjects.csv"));
 * }</pre>
 */
public final class SubjectMapping {
    static final String HEADER = "path,patientId";
    /** A first line meant as a header: the word path, alone or before a separator ({@code pathology/a.dcm} is not). */
    private static final Pattern HEADER_LIKE = Pattern.compile("(?i)\\s*\"?path\"?\\s*([,;\\t].*)?");

    /** One mapping row; line numbers let errors point at a row without naming the patient. */
    record Row(String path, String patientId, int line) {
        @Override
        public String toString() {
            // Never print the identifier, even from internal code paths.
            return "Row[path=" + path + ", line=" + line + "]";
        }
    }

    private final Map<String, Row> rowsByPath;

    private SubjectMapping(final Map<String, Row> rowsByPath) {
        this.rowsByPath = Collections.unmodifiableMap(rowsByPath);
    }

    /** Reads a mapping file. */
    public static SubjectMapping read(final Path csv) throws MappingFormatException {
        Objects.requireNonNull(csv, "csv");
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MappingFormatException("cannot read subject mapping " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Parses mapping text. */
    public static SubjectMapping parse(final String csv) throws MappingFormatException {
        Objects.requireNonNull(csv, "csv");
        final String[] lines = csv.split("\r?\n", -1);
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            final int lineNumber = i + 1;
            final String line = lines[i];
            if (line.isBlank() || (i == 0 && HEADER.equals(line.strip()))) {
                continue;
            }
            if (i == 0 && HEADER_LIKE.matcher(line).matches()) {
                // Not echoed: on a data line the second field would be a patient identifier.
                throw new MappingFormatException("subject mapping line 1 looks like a header but is not exactly "
                        + HEADER + " (case and spaces matter); write it so, or remove the line");
            }
            final List<String> fields = fields(line, lineNumber);
            if (fields.size() != 2) {
                throw new MappingFormatException("subject mapping line " + lineNumber + ": expected 2 fields (path,patientId), found "
                        + fields.size());
            }
            final String path = Normalizer.normalize(fields.get(0), Normalizer.Form.NFC);
            final String patientId = fields.get(1);
            if (!CanonicalPaths.isCanonical(path)) {
                throw new MappingFormatException("subject mapping line " + lineNumber + ": not a canonical dataset path: " + path);
            }
            if (patientId.isEmpty() || !patientId.equals(patientId.strip())) {
                throw new MappingFormatException("subject mapping line " + lineNumber
                        + ": patient identifier is empty or has surrounding whitespace");
            }
            final Row previous = rows.putIfAbsent(path, new Row(path, patientId, lineNumber));
            if (previous != null) {
                throw new MappingFormatException("subject mapping line " + lineNumber + ": path " + path
                        + " already mapped on line " + previous.line());
            }
        }
        return new SubjectMapping(rows);
    }

    /** The mapped paths. */
    public Set<String> paths() {
        return rowsByPath.keySet();
    }

    /**
     * The distinct patient identifiers, in order of first appearance; to send to the subject registry
     * (the gateway's pseudonym endpoint) and nowhere else.
     */
    public List<String> patientIds() {
        final java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        rowsByPath.values().forEach(row -> ids.add(row.patientId()));
        return List.copyOf(ids);
    }

    /** Number of mapped files. */
    public int size() {
        return rowsByPath.size();
    }

    Row row(final String path) {
        return rowsByPath.get(path);
    }

    Iterable<Row> rows() {
        return rowsByPath.values();
    }

    @Override
    public String toString() {
        return "SubjectMapping[" + rowsByPath.size() + " files]";
    }

    private static List<String> fields(final String line, final int lineNumber) throws MappingFormatException {
        final List<String> fields = new ArrayList<>(2);
        final StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new MappingFormatException("subject mapping line " + lineNumber + ": unterminated quoted field");
                    }
                    final char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new MappingFormatException("subject mapping line " + lineNumber + ": text after a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    final char c = line.charAt(i++);
                    if (c == '"') {
                        throw new MappingFormatException("subject mapping line " + lineNumber
                                + ": a field with a quote must be enclosed in quotes");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
