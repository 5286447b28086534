package io.custodia.gateway.system;

import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which development tokens the start-up banner prints. In embedded mode one gateway serves every
 * institution: the demo's hospital (Org1), research centre (Org2), an auditor and an Org1 patient. In
 * fabric mode a gateway serves one institution and refuses tokens of any other, so it prints only
 * callers it serves: that institution, its own auditor and one of its patients, named after it
 * ({@code ORG2_TOKEN}, {@code ORG2_AUDITOR_TOKEN}, {@code ORG2_PATIENT_TOKEN} for {@code Org2MSP}).
 *
 * <pre>{@code
 * BannerTokens.of(Optional.of("Org2MSP")).forEach(t -> print(t.variable(), issuer.issue(t.principal(), ttl)));
 * }</pre>
 */
public final class BannerTokens {
    /** The demo patient of each institution (its identifier never leaves the gateway). */
    public static final String DEMO_PATIENT = "MRN-0001";

    private BannerTokens() {}

    /** A shell variable name and the caller its token speaks for. */
    public record Entry(String variable, Principal principal) {}

    /** The banner's tokens for a gateway serving {@code servedInstitution} (fabric mode) or every institution (empty). */
    public static List<Entry> of(final Optional<String> servedInstitution) {
        if (servedInstitution.isEmpty()) {
            return List.of(
                    new Entry("ORG1_TOKEN", new Principal(UserRole.INSTITUTION, "Org1MSP", "org1-data-steward")),
                    new Entry("ORG2_TOKEN", new Principal(UserRole.INSTITUTION, "Org2MSP", "org2-researcher")),
                    new Entry("AUDITOR_TOKEN", new Principal(UserRole.AUDITOR, "AuditorMSP", "dpo")),
                    new Entry("PATIENT_TOKEN", new Principal(UserRole.PATIENT, "Org1MSP", DEMO_PATIENT)));
        }
        final String msp = servedInstitution.get();
        final String prefix = prefix(msp);
        return List.of(
                new Entry(prefix + "_TOKEN", new Principal(UserRole.INSTITUTION, msp, prefix.toLowerCase(Locale.ROOT) + "-data-steward")),
                new Entry(prefix + "_AUDITOR_TOKEN", new Principal(UserRole.AUDITOR, msp, prefix.toLowerCase(Locale.ROOT) + "-dpo")),
                new Entry(prefix + "_PATIENT_TOKEN", new Principal(UserRole.PATIENT, msp, DEMO_PATIENT)));
    }

    /** {@code Org2MSP} → {@code ORG2}: upper case, the conventional {@code MSP} suffix dropped, other characters {@code _}. */
    public static String prefix(final String mspId) {
        String name = mspId.toUpperCase(Locale.ROOT);
        if (name.endsWith("MSP") && name.length() > 3) {
            name = name.substring(0, name.length() - 3);
        }
        name = name.replaceAll("[^A-Z0-9]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
