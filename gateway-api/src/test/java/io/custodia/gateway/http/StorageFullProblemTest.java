package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.store.StoreException;
import io.custodia.gateway.testing.HttpClientSupport;
import io.javalin.Javalin;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A full disk under the off-chain store is a truthful, retryable 507 problem, not an anonymous 500. */
class StorageFullProblemTest {
    @Test
    void a_store_failure_for_want_of_disk_space_answers_507_problem_json() throws Exception {
        final Javalin app = Javalin.create();
        ErrorMapper.install(app);
        app.post("/full", ctx -> {
            throw new StoreException("transaction failed",
                    new StoreException("put dataset pointer failed", new SQLException("could not extend file", "53100")));
        });
        app.post("/broken", ctx -> {
            throw new StoreException("put dataset pointer failed (SQLSTATE 23505)", new SQLException("dup", "23505"));
        });
        app.start("127.0.0.1", 0);
        try {
            final HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + app.port());

            final HttpClientSupport.Reply full = http.post("/full", null, "{}");
            final HttpClientSupport.Reply broken = http.post("/broken", null, "{}");

            assertThat(full.status()).isEqualTo(507);
            assertThat(full.header("Content-Type")).startsWith("application/problem+json");
            assertThat(full.json().path("type").asText()).isEqualTo("/problems/storage-full");
            assertThat(full.json().path("detail").asText()).contains("no disk space");
            assertThat(full.json().path("retryable").asBoolean()).isTrue();
            assertThat(broken.status()).isEqualTo(500);
            assertThat(broken.json().path("type").asText()).isEqualTo("/problems/internal");
        } finally {
            app.stop();
        }
    }
}
