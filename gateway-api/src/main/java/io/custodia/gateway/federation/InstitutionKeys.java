package io.custodia.gateway.federation;

import io.custodia.canonical.Signatures;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.ledger.fabric.FabricConnection;
import io.custodia.ledger.identity.Identity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * The identities a gateway signs with and the trust roots it checks other institutions' identities
 * against. Embedded: every MSP is served here, each with its own embedded CA (the ledger's issuer).
 * Fabric: this gateway serves the connection file's MSP and signs with its {@code institution}
 * identity; other institutions' CA certificates come from a configured bundle per MSP, taken from the
 * network's crypto material (the same certificates as the channel's MSP definitions).
 */
public interface InstitutionKeys {
    /** Whether this gateway holds {@code mspId}'s keys (and so acts as that institution). */
    boolean serves(String mspId);

    /** The signing identity of {@code mspId}, which this gateway serves. */
    SigningIdentity signer(String mspId);

    /** CA certificates that issue {@code mspId}'s identities; empty when the MSP is unknown here. */
    List<X509Certificate> trustRoots(String mspId);

    /** Embedded ledger: one gateway plays every institution; identities and roots from the embedded CAs. */
    static InstitutionKeys embedded(final EmbeddedLedgerClient ledger) {
        return new InstitutionKeys() {
            @Override
            public boolean serves(final String mspId) {
                return true;
            }

            @Override
            public SigningIdentity signer(final String mspId) {
                final Identity identity = ledger.identity(LedgerCaller.institution(mspId));
                return new SigningIdentity(mspId, identity.certificate(), identity.certificatePem(), identity.privateKey());
            }

            @Override
            public List<X509Certificate> trustRoots(final String mspId) {
                return List.of(ledger.ledger().caCertificate(mspId));
            }
        };
    }

    /** Fabric: this institution's identity from its connection file, others' CAs from {@code trustBundles}. */
    static InstitutionKeys fabric(final FabricConnection connection, final Map<String, Path> trustBundles) {
        final FabricConnection.IdentityFiles files = connection.identity(FabricConnection.INSTITUTION).orElseThrow();
        final SigningIdentity own;
        try (Reader key = Files.newBufferedReader(files.privateKey())) {
            final String pem = Files.readString(files.certificate());
            own = new SigningIdentity(connection.mspId(), Signatures.parseCertificate(pem), pem, Identities.readPrivateKey(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the institution identity of " + connection.mspId(), e);
        } catch (CertificateException | InvalidKeyException e) {
            throw new IllegalArgumentException("the institution identity of " + connection.mspId() + " is unusable: " + e.getMessage(), e);
        }
        final Map<String, List<X509Certificate>> roots = new java.util.HashMap<>();
        trustBundles.forEach((msp, path) -> roots.put(msp, readBundle(msp, path)));
        final Map<String, List<X509Certificate>> trusted = Map.copyOf(roots);
        return new InstitutionKeys() {
            @Override
            public boolean serves(final String mspId) {
                return own.mspId().equals(mspId);
            }

            @Override
            public SigningIdentity signer(final String mspId) {
                if (!serves(mspId)) {
                    throw new IllegalArgumentException("this gateway holds no keys of " + mspId);
                }
                return own;
            }

            @Override
            public List<X509Certificate> trustRoots(final String mspId) {
                return trusted.getOrDefault(mspId, List.of());
            }
        };
    }

    /** Every certificate in a PEM bundle. */
    static List<X509Certificate> readBundle(final String mspId, final Path path) {
        final String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA bundle of " + mspId + " at " + path, e);
        }
        final List<X509Certificate> out = new ArrayList<>();
        final String end = "-----END CERTIFICATE-----";
        int from = 0;
        for (int at = text.indexOf(end, from); at >= 0; at = text.indexOf(end, from)) {
            final String block = text.substring(from, at + end.length());
            from = at + end.length();
            try {
                out.add(Signatures.parseCertificate(block.substring(Math.max(0, block.indexOf("-----BEGIN")))));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("the CA bundle of " + mspId + " at " + path + " holds an unusable certificate: "
                        + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the CA bundle of " + mspId + " at " + path + " holds no certificate");
        }
        return List.copyOf(out);
    }
}
