package io.custodia.gateway.http;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies over real HTTP: every malformed, mistyped or mislabelled body is a 4xx problem+json
 * naming the field where there is one, and writes nothing.
 */
class StrictBodiesTest {
    private static final String ACCESS = "{\"datasetId\":\"strict-ds\",\"purpose\":{\"code\":\"HMB\"},\"commercial\":%s,"
            + "\"forProfit\":false,\"methodsDevelopment\":false,\"geneticStudy\":false}";

    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String institution;
    private static String requester;
    private static String auditor;

    @BeforeAll
    static void start() throws Exception {
        // A short idle timeout, so the body that stops short of its Content-Length fails quickly.
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-strict-"), Map.of("CUSTODIA_HTTP_IDLE_TIMEOUT", "500ms"));
        http = new HttpClientSupport(gateway.baseUrl());
        institution = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        requester = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        Reply registered = http.post("/api/v1/datasets", institution, json(ApiSamples.registration("strict-ds", List.of())));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_string_for_a_number_is_a_field_error() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\",\"ttlSeconds\":\"60\"}");

        assertFieldError(reply, "ttlSeconds");
    }

    @Test
    void a_string_for_a_number_inside_a_ledger_document_is_a_field_error_and_writes_nothing() throws Exception {
        Map<String, Object> body = ApiSamples.registration("strict-string-count", List.of());
        descriptor(body).put("itemCount", "0");

        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/datasets", institution, json(body)), "dataset.itemCount");
    }

    @Test
    void a_boolean_for_a_number_is_a_field_error_and_writes_nothing() throws Exception {
        Map<String, Object> body = ApiSamples.registration("strict-bool-count", List.of());
        descriptor(body).put("fileCount", true);

        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/datasets", institution, json(body)), "dataset.fileCount");
    }

    @Test
    void a_string_or_a_number_for_a_boolean_is_a_field_error_and_writes_nothing() throws Exception {
        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/access-requests", requester, String.format(ACCESS, "\"false\"")), "commercial");
        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/access-requests", requester, String.format(ACCESS, "0")), "commercial");
    }

    @Test
    void a_number_for_a_string_is_a_field_error() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":12345}");

        assertFieldError(reply, "subject");
    }

    @Test
    void a_fraction_for_an_integer_is_a_field_error() throws Exception {
        assertFieldError(http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\",\"ttlSeconds\":1.5}"),
                "ttlSeconds");
    }

    @Test
    void a_custody_hop_sequence_of_one_and_a_half_is_a_field_error() throws Exception {
        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/datasets/strict-ds/custody-hops", institution, hop("1.5")), "sequence");
    }

    @Test
    void a_custody_hop_sequence_of_1e400_is_a_field_error() throws Exception {
        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/datasets/strict-ds/custody-hops", institution, hop("1e400")), "sequence");
    }

    @Test
    void a_custody_hop_sequence_beyond_the_integer_range_is_a_field_error() throws Exception {
        assertFieldErrorWithoutWrite(() -> http.post("/api/v1/datasets/strict-ds/custody-hops", institution, hop("99999999999999999999999")),
                "sequence");
    }

    @Test
    void a_number_out_of_range_is_a_field_error() throws Exception {
        Reply reply = http.post("/dev/tokens", null,
                "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\",\"ttlSeconds\":99999999999999999999999}");

        assertFieldError(reply, "ttlSeconds");
    }

    @Test
    void duplicate_members_are_refused_and_write_nothing() throws Exception {
        String body = json(ApiSamples.registration("strict-dup", List.of()));
        String duplicated = body.replaceFirst("\\{", "{\"storageUri\":\"s3://elsewhere/x\",");

        Reply reply = http.post("/api/v1/datasets", institution, duplicated);

        assertProblem(reply, 400);
        assertThat(http.get("/api/v1/datasets/strict-dup", auditor).status()).isEqualTo(404);
    }

    @Test
    void duplicate_members_of_a_typed_body_are_refused() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"role\":\"patient\",\"institution\":\"Org1MSP\",\"subject\":\"x\"}");

        assertProblem(reply, 400);
    }

    @Test
    void trailing_data_after_the_body_is_refused() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\"} {\"more\":1}");

        assertProblem(reply, 400);
    }

    @Test
    void unknown_members_are_refused() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\",\"admin\":true}");

        assertFieldError(reply, "admin");
    }

    @Test
    void a_body_that_is_not_declared_json_is_415() throws Exception {
        Reply reply = http.send("POST", "/api/v1/datasets", institution, json(ApiSamples.registration("strict-text", List.of())),
                Map.of("Content-Type", "text/plain"));

        assertProblem(reply, 415);
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unsupported-media-type");
        assertThat(http.get("/api/v1/datasets/strict-text", auditor).status()).isEqualTo(404);
    }

    @Test
    void a_body_without_content_type_is_415() throws Exception {
        Reply reply = http.send("POST", "/dev/tokens", null, "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\"}", Map.of());

        assertProblem(reply, 415);
    }

    @Test
    void json_with_a_charset_and_structured_json_types_are_accepted() throws Exception {
        String body = "{\"role\":\"auditor\",\"institution\":\"Org1MSP\",\"subject\":\"x\"}";

        assertThat(http.send("POST", "/dev/tokens", null, body, Map.of("Content-Type", "application/json; charset=UTF-8")).status()).isEqualTo(201);
        assertThat(http.send("POST", "/dev/tokens", null, body, Map.of("Content-Type", "application/merge-patch+json")).status()).isEqualTo(201);
        assertProblem(http.send("POST", "/dev/tokens", null, body, Map.of("Content-Type", "application/json; charset=latin1")), 415);
    }

    @Test
    void a_body_shorter_than_its_content_length_is_a_prompt_400() throws Exception {
        URI base = URI.create(gateway.baseUrl());
        String response;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dev/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"role\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            response = readAll(socket.getInputStream());
        }

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("/problems/incomplete-body");
    }

    private static String hop(final String sequence) {
        return "{\"sequence\":" + sequence + ",\"previousHopHash\":null,\"from\":\"Org1MSP\",\"to\":\"Org2MSP\",\"action\":\"TRANSFER\","
                + "\"contentHash\":\"" + "ab".repeat(32) + "\",\"keyId\":\"k1\",\"signature\":\"AAAA\"}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> descriptor(final Map<String, Object> registration) {
        return (Map<String, Object>) registration.get("dataset");
    }

    /** A request, sent by the assertion between its two reads of the ledger. */
    private interface Request {
        Reply send() throws Exception;
    }

    private static void assertFieldErrorWithoutWrite(final Request request, final String field) throws Exception {
        long before = transactions();

        Reply reply = request.send();

        assertFieldError(reply, field);
        assertThat(transactions()).isEqualTo(before);
    }

    private static long transactions() throws Exception {
        return http.get("/api/v1/ledger", auditor).json().get("transactionCount").asLong();
    }

    private static void assertFieldError(final Reply reply, final String field) {
        assertProblem(reply, 400);
        JsonNode errors = reply.json().get("errors");
        assertThat(errors).as(reply.toString()).isNotNull();
        assertThat(errors.findValuesAsText("field")).as(reply.toString()).contains(field);
    }

    private static void assertProblem(final Reply reply, final int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }

    private static String readAll(final InputStream in) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
