package io.custodia.ledger.bench;

import io.custodia.canonical.Signatures;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * Micro-benchmark behind the verify-throughput analysis: CPU microseconds (this thread's CPU time,
 * so other processes on a shared machine distort it far less than wall time) for one ECDSA P-256
 * verification of a ~1.1 KB proposal, three ways:
 *
 * <ul>
 *   <li>{@code canonical, cached key}: {@link Signatures#verify(PublicKey, byte[], byte[])} with one
 *       {@code PublicKey} object per creator, what {@code LedgerVerifier} does;</li>
 *   <li>{@code canonical, key per call}: the certificate's key re-parsed for every transaction;</li>
 *   <li>{@code BC low-level, cached point}: Bouncy Castle's {@code ECDSASigner} on one cached
 *       {@code ECPublicKeyParameters} (its point keeps BC's WNAF precomputation), JDK SHA-256.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -o -q -pl embedded-ledger test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.custodia.ledger.bench.SignatureVerifyBenchmark}
 */
public final class SignatureVerifyBenchmark {
    private static final int MESSAGES = 256;

    private SignatureVerifyBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final int n = Integer.getInteger("bench.verifies", 3_000);
        final Identity id = CertificateAuthority.create("BenchMSP").issue("v", Map.of());
        final Random random = new Random(7);
        final byte[][] data = new byte[MESSAGES][];
        final byte[][] sigs = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            data[i] = new byte[1_100];
            random.nextBytes(data[i]);
            sigs[i] = id.sign(data[i]);
        }
        final PublicKey cached = id.certificate().getPublicKey();
        final String pem = id.certificatePem();
        final ECPublicKeyParameters params = (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(cached);
        final BigInteger order = params.getParameters().getN();
        final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        final String[] names = {"canonical, cached key", "canonical, key per call", "BC low-level, cached point"};
        final double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 8; round++) {
            for (int way = 0; way < names.length; way++) {
                final long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    final int m = i % MESSAGES;
                    final boolean ok;
                    if (way == 0) {
                        ok = Signatures.verify(cached, data[m], sigs[m]);
                    } else if (way == 1) {
                        ok = Signatures.verify(Signatures.parseCertificate(pem).getPublicKey(), data[m], sigs[m]);
                    } else {
                        final BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, sigs[m]);
                        final ECDSASigner signer = new ECDSASigner();
                        signer.init(false, params);
                        ok = signer.verifySignature(MessageDigest.getInstance("SHA-256").digest(data[m]), rs[0], rs[1]);
                    }
                    if (!ok) {
                        throw new IllegalStateException(names[way] + ": a valid signature did not verify");
                    }
                }
                final double micros = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / n;
                if (round >= 2) {
                    best[way] = Math.min(best[way], micros);
                }
            }
        }
        for (int way = 0; way < names.length; way++) {
            System.out.printf("%-28s %.1f us CPU per verify (best of 6 rounds of %d)%n", names[way], best[way], n);
        }
        System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
