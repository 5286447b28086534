package io.custodia.gateway.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.ErrorMapper;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.testsupport.FaultyChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's view of a full ledger disk: 507 naming the cause, not ready, reads on, ready again once space is freed. */
class LedgerDiskFullTest {
    private static final LedgerCaller ORG1 = LedgerCaller.institution("Org1MSP");

    @TempDir
    Path dir;

    private static String certificate() {
        return CertificateAuthority.toPem(CertificateAuthority.create("CustodyMSP").caCertificate());
    }

    @Test
    void a_full_disk_answers_507_reports_not_ready_keeps_reads_and_recovers() throws Exception {
        final FaultyChannel.Disk disk = new FaultyChannel.Disk();
        final AtomicBoolean full = disk.full;
        try (EmbeddedLedgerClient client = EmbeddedLedgerClient.open(LedgerConfig.builder(dir)
                .blockChannels(disk::wrap).build())) {
            client.submit(ORG1, "custody:RegisterCustodyKey", certificate());
            final long height = client.status().height();

            full.set(true);
            final LedgerException.StorageUnavailable refused = catchThrowableOfType(
                    () -> client.submit(ORG1, "custody:RegisterCustodyKey", certificate()), LedgerException.StorageUnavailable.class);
            final ApiException answer = ErrorMapper.fromLedger(refused);

            assertThat(refused.full()).isTrue();
            assertThat(answer.status()).isEqualTo(507);
            assertThat(answer.type()).isEqualTo("ledger-storage-full");
            assertThat(answer.getMessage()).contains("disk is full").contains("not committed");
            assertThat(client.isReady()).isFalse();
            assertThat(client.status().height()).isEqualTo(height);
            assertThat(client.verify(java.util.Optional.empty()).valid()).isTrue();

            full.set(false);

            assertThat(client.isReady()).isTrue();
            client.submit(ORG1, "custody:RegisterCustodyKey", certificate());
            assertThat(client.status().height()).isEqualTo(height + 1);
        }
    }
}
