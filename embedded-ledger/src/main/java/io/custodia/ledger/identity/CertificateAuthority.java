package io.custodia.ledger.identity;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Signatures;
import io.custodia.ledger.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for one organisation (MSP) that issues EC P-256 identities with
 * Fabric-CA-style attributes.
 *
 * <p>Attributes go into the X.509 extension {@value #FABRIC_ATTRIBUTE_OID} as the JSON
 * {@code {"attrs":{...}}}, which is where Fabric CA puts them and where the shim's
 * {@code ClientIdentity} reads them.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("Org1MSP");
 * Identity alice = ca.issue("gateway", Map.of("custodia.role", "institution"));
 * }</pre>
 */
public final class CertificateAuthority {
    /** The OID under which Fabric CA stores enrollment attributes. */
    public static final String FABRIC_ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final String mspId;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(final String mspId, final X509Certificate caCertificate, final PrivateKey caKey) {
        this.mspId = mspId;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /** A new authority with a fresh self-signed root, kept in memory only. */
    public static CertificateAuthority create(final String mspId) {
        requireName(mspId, "mspId");
        final KeyPair keys = newKeyPair();
        final X500Name subject = name(mspId, "ca." + mspId);
        final X509Certificate root = sign(subject, subject, keys.getPublic(), keys.getPrivate(), true, Map.of(), new SecureRandom());
        return new CertificateAuthority(mspId, root, keys.getPrivate());
    }

    /**
     * The authority stored in {@code directory} ({@code ca-cert.pem}, {@code ca-key.pem}), created and
     * stored there on first use. Files are written atomically so a crash never leaves half a key.
     */
    public static CertificateAuthority loadOrCreate(final Path directory, final String mspId) {
        requireName(mspId, "mspId");
        final Path certFile = directory.resolve("ca-cert.pem");
        final Path keyFile = directory.resolve("ca-key.pem");
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                PrivateFiles.requireOwnerOnly(keyFile);
                final X509Certificate cert = Signatures.parseCertificate(Files.readString(certFile));
                return new CertificateAuthority(mspId, cert, readPrivateKey(Files.readString(keyFile)));
            }
            final CertificateAuthority ca = create(mspId);
            writeAtomically(keyFile, toPem(ca.caKey));
            writeAtomically(certFile, toPem(ca.caCertificate));
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write CA files in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("CA files in " + directory + " are not a usable EC P-256 key and certificate", e);
        }
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** Issues a new identity {@code name} with the given Fabric-CA attributes. */
    public Identity issue(final String name, final Map<String, String> attributes) {
        requireName(name, "name");
        Objects.requireNonNull(attributes, "attributes");
        final KeyPair keys = newKeyPair();
        final X509Certificate cert = sign(
                X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
                name(mspId, name),
                keys.getPublic(),
                caKey,
                false,
                attributes,
                random);
        return new Identity(mspId, cert, toPem(cert), keys.getPrivate());
    }

    /**
     * The identity stored as {@code name-cert.pem} and {@code name-key.pem} in {@code directory},
     * issued and stored on first use.
     */
    public Identity loadOrIssue(final Path directory, final String name, final Map<String, String> attributes) {
        requireName(name, "name");
        final Path certFile = directory.resolve(name + "-cert.pem");
        final Path keyFile = directory.resolve(name + "-key.pem");
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                PrivateFiles.requireOwnerOnly(keyFile);
                final String pem = Files.readString(certFile);
                return new Identity(mspId, Signatures.parseCertificate(pem), pem, readPrivateKey(Files.readString(keyFile)));
            }
            final Identity identity = issue(name, attributes);
            writeAtomically(keyFile, toPem(identity.privateKey()));
            writeAtomically(certFile, identity.certificatePem());
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write identity files in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("identity files for " + name + " in " + directory + " are not usable", e);
        }
    }

    /** Reads an identity from PEM text, as written by {@link #loadOrIssue}. */
    public static Identity identityFromPem(final String mspId, final String certificatePem, final String privateKeyPem)
            throws GeneralSecurityException {
        return new Identity(mspId, Signatures.parseCertificate(certificatePem), certificatePem, readPrivateKey(privateKeyPem));
    }

    public static String toPem(final Object object) {
        final StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static PrivateKey readPrivateKey(final String pem) throws GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            final Object parsed = parser.readObject();
            final JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Signatures.PROVIDER);
            if (parsed instanceof PEMKeyPair) {
                return converter.getKeyPair((PEMKeyPair) parsed).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) parsed);
            }
            throw new GeneralSecurityException("not a PEM private key");
        } catch (IOException e) {
            throw new GeneralSecurityException("unreadable private key PEM", e);
        }
    }

    private static X509Certificate sign(
            final X500Name issuer,
            final X500Name subject,
            final java.security.PublicKey subjectKey,
            final PrivateKey issuerKey,
            final boolean isCa,
            final Map<String, String> attributes,
            final SecureRandom random) {
        final Instant now = Instant.now();
        try {
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(128, random),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (!attributes.isEmpty()) {
                final String json = CanonicalJson.toString(Map.of("attrs", new TreeMap<>(attributes)));
                builder.addExtension(new ASN1ObjectIdentifier(FABRIC_ATTRIBUTE_OID), false, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return new JcaX509CertificateConverter()
                    .setProvider(Signatures.PROVIDER)
                    .getCertificate(builder.build(new JcaContentSignerBuilder(Signatures.ALGORITHM)
                            .setProvider(Signatures.PROVIDER)
                            .build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Signatures.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    private static X500Name name(final String mspId, final String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, mspId)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /**
     * Writes with mode 0600, forces and renames into place, then forces the directory
     * ({@link PrivateFiles}): the ledger's genesis block names the node key, so the key must be on
     * disk before any block signed with it is. Certificates are written the same way: one writer.
     */
    private static void writeAtomically(final Path file, final String text) throws IOException {
        PrivateFiles.writeAtomically(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void requireName(final String value, final String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern());
        }
    }
}
