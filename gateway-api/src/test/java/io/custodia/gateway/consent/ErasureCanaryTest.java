package io.custodia.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * THE CANARY, end to end over HTTP: a patient's item pointers and consent document carry a unique
 * string; after the patient revokes their only consent and the gateway stops, the string (and the
 * patient's identifier) is in no file under the gateway's data directory — UTF-8, UTF-16LE or
 * UTF-16BE — and in no log output captured while the gateway ran.
 *
 * <p>The dataset is registered through {@code store.items()} and {@code datasets:RegisterDataset}
 * (the datasets endpoint is not on this branch); everything else goes through the API.
 */
class ErasureCanaryTest {
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

    @Test
    void after_revocation_the_canary_is_nowhere_on_disk_or_in_the_logs() throws Exception {
        final String canary = "CANARY-" + UUID.randomUUID();
        final String patientId = "mrn-" + UUID.randomUUID();
        final Path dataDir = Files.createTempDirectory("custodia-canary-");
        final LogCapture logs = LogCapture.start();
        final String subjectRef;
        final String datasetId = "ds-canary-" + UUID.randomUUID();
        final List<byte[]> ciphertexts;
        try {
            try (RunningGateway gateway = RunningGateway.start(dataDir)) {
                final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
                final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, patientId);
                final String consentId = "c-" + UUID.randomUUID();
                final Reply granted = http.post("/api/v1/consents", patient, HttpClientSupport.json(
                        ConsentFixtures.grantWithDocument(consentId, "Signed consent form of " + canary)));
                assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
                subjectRef = granted.json().path("consent").path("subjectRef").asText();
                TestDatasets.register(gateway.gateway().ledger(), gateway.gateway().store(), datasetId, subjectRef,
                        List.of("s3://hospital-a/" + canary + "/ct-0001.dcm", "s3://hospital-a/" + canary + "/ct-0002.dcm"));
                // Control: the pointers and the document are really there before the revocation.
                assertThat(gateway.gateway().store().items().find(datasetId, subjectRef)).hasValueSatisfying(
                        items -> assertThat(items.pointers()).allSatisfy(p -> assertThat(p).contains(canary)));
                assertThat(new String(gateway.gateway().store().consents().find(consentId).orElseThrow().document(),
                        StandardCharsets.UTF_8)).contains(canary);

                // The subject's rows exactly as stored (encrypted): the disk must lose these too.
                ciphertexts = storedBlobsOf(dataDir, subjectRef);
                for (final byte[] blob : ciphertexts) {
                    assertThat(filesContaining(dataDir, blob)).as("control: stored ciphertext is on disk").isNotEmpty();
                }

                final Reply revoked = http.delete("/api/v1/consents/" + consentId, patient);

                assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
                final JsonNode erasure = revoked.json().path("erasure");
                assertThat(erasure.path("receiptId").asText()).startsWith("erasure-");
                // What the access endpoint resolves pointers from is gone: no release of this subject is possible.
                assertThat(gateway.gateway().store().items().find(datasetId, subjectRef)).isEmpty();
                final JsonNode receipt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gateway.gateway().ledger().evaluate(
                        ConsentFixtures.INSTITUTION_CALLER, "erasures:GetErasureReceipt", erasure.path("receiptId").asText()));
                assertThat(receipt.path("erasure").path("datasetIds").get(0).asText()).isEqualTo(datasetId);
            }
        } finally {
            logs.stop();
        }

        // Control: the search does find what the ledger legitimately keeps (the pseudonym), in every file walk.
        assertThat(filesContaining(dataDir, subjectRef)).isNotEmpty();
        assertThat(filesContaining(dataDir, canary)).isEmpty();
        assertThat(filesContaining(dataDir, patientId)).isEmpty();
        for (final byte[] blob : ciphertexts) {
            assertThat(filesContaining(dataDir, blob)).as("erased ciphertext").isEmpty();
        }
        assertThat(logs.events()).as("log capture works").anySatisfy(line -> assertThat(line).contains(LogCapture.MARKER));
        assertThat(logs.events()).noneSatisfy(line -> assertThat(line).contains(canary));
        assertThat(logs.events()).noneSatisfy(line -> assertThat(line).contains(patientId));
        assertThat(logs.console()).contains(LogCapture.MARKER);
        assertThat(logs.console()).doesNotContain(canary).doesNotContain(patientId);
    }

    @Test
    void the_disk_search_finds_a_needle_in_each_encoding() throws Exception {
        final Path dir = Files.createTempDirectory("custodia-search-");
        final String needle = "CANARY-" + UUID.randomUUID();
        Files.write(dir.resolve("le.bin"), ("xx" + needle + "yy").getBytes(StandardCharsets.UTF_16LE));
        Files.createDirectories(dir.resolve("nested"));
        Files.write(dir.resolve("nested/be.bin"), needle.getBytes(StandardCharsets.UTF_16BE));
        Files.write(dir.resolve("clean.bin"), "nothing here".getBytes(StandardCharsets.UTF_8));

        final List<String> found = filesContaining(dir, needle);

        assertThat(found).containsExactlyInAnyOrder("le.bin", "nested" + java.io.File.separator + "be.bin");
    }

    /** Relative paths of the files under {@code root} containing {@code text} in any of the encodings. */
    private static List<String> filesContaining(final Path root, final String text) throws IOException {
        final List<String> hits = new ArrayList<>();
        for (final Charset charset : ENCODINGS) {
            for (final String hit : filesContaining(root, text.getBytes(charset))) {
                if (!hits.contains(hit)) {
                    hits.add(hit);
                }
            }
        }
        return hits;
    }

    /** Relative paths of the files under {@code root} containing {@code needle}. */
    private static List<String> filesContaining(final Path root, final byte[] needle) throws IOException {
        final List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    hits.add(root.relativize(file).toString());
                }
            }
        }
        return hits;
    }

    /** The subject's encrypted pointers, salts, registry salt, document and wrapped data key, read from the SQLite file. */
    private static List<byte[]> storedBlobsOf(final Path dataDir, final String subjectRef) throws java.sql.SQLException {
        final List<byte[]> blobs = new ArrayList<>();
        final String url = "jdbc:sqlite:" + dataDir.resolve("store").resolve(io.custodia.gateway.store.StoreConfig.SQLITE_FILE);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            for (final String query : List.of(
                    "SELECT wrapped_key FROM subject_keys WHERE subject_ref = ?",
                    "SELECT encrypted_pointers FROM subject_items WHERE subject_ref = ?",
                    "SELECT encrypted_item_salt FROM subject_items WHERE subject_ref = ?",
                    "SELECT encrypted_salt FROM subject_registry WHERE subject_ref = ?",
                    "SELECT encrypted_document FROM consent_documents WHERE subject_ref = ?")) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(query)) {
                    ps.setString(1, subjectRef);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as("stored: " + query).isTrue();
                        blobs.add(rs.getBytes(1));
                    }
                }
            }
        }
        return blobs;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Everything logged while the gateway runs: logback events (io.custodia at TRACE, Javalin at
     * DEBUG, attached to the root logger), java.util.logging records (the Fabric shim logs through it)
     * and whatever reaches System.out/err.
     */
    private static final class LogCapture {
        static final String MARKER = "log-capture-marker-" + UUID.randomUUID();

        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final List<String> julRecords = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.logging.Handler julHandler = new java.util.logging.Handler() {
            @Override
            public void publish(final java.util.logging.LogRecord record) {
                julRecords.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        private final ByteArrayOutputStream console = new ByteArrayOutputStream();
        private final PrintStream originalOut = System.out;
        private final PrintStream originalErr = System.err;
        private final Map<String, Level> originalLevels = new java.util.HashMap<>();

        static LogCapture start() {
            final LogCapture capture = new LogCapture();
            final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (final Map.Entry<String, Level> e : Map.of("io.custodia", Level.TRACE, "io.javalin", Level.DEBUG).entrySet()) {
                final Logger logger = context.getLogger(e.getKey());
                capture.originalLevels.put(e.getKey(), logger.getLevel());
                logger.setLevel(e.getValue());
            }
            capture.appender.setContext(context);
            capture.appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture.appender);
            java.util.logging.Logger.getLogger("").addHandler(capture.julHandler);
            System.setOut(new PrintStream(new Tee(capture.originalOut, capture.console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(capture.originalErr, capture.console), true, StandardCharsets.UTF_8));
            LoggerFactory.getLogger("io.custodia.test").info("{}", MARKER);
            return capture;
        }

        void stop() {
            System.setOut(originalOut);
            System.setErr(originalErr);
            java.util.logging.Logger.getLogger("").removeHandler(julHandler);
            final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
            originalLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }

        List<String> events() {
            final List<String> lines = new ArrayList<>();
            synchronized (appender.list) {
                for (final ILoggingEvent event : appender.list) {
                    lines.add(event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
                }
            }
            lines.addAll(julRecords);
            return lines;
        }

        String console() {
            synchronized (console) {
                return console.toString(StandardCharsets.UTF_8) + console.toString(StandardCharsets.UTF_16LE);
            }
        }
    }

    /** Writes to the real stream and to the capture buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(final OutputStream original, final ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(final int b) throws IOException {
            original.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            original.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
