package io.custodia.chaincode.duo;

import java.util.Collection;

/**
 * Whether a DUO permission term covers a research purpose. The single rule used both for a
 * dataset's primary use restriction and for the purposes a subject consented to (a consented
 * purpose acts as a permission).
 *
 * <table>
 *   <caption>permission → purposes it covers</caption>
 *   <tr><th>permission</th><th>covers</th></tr>
 *   <tr><td>NRES</td><td>everything</td></tr>
 *   <tr><td>GRU</td><td>GRU, HMB, DS(any disease), POA</td></tr>
 *   <tr><td>HMB</td><td>HMB, DS(any disease)</td></tr>
 *   <tr><td>DS(d)</td><td>DS(d) only — the same disease term</td></tr>
 *   <tr><td>POA</td><td>POA only</td></tr>
 * </table>
 *
 * <p>Disease terms are compared as exact CURIEs: the chaincode holds no ontology, so a permission
 * for a parent disease does not cover a sub-disease. That errs on the side of refusing.
 *
 * <pre>{@code
 * DuoCompatibility.covers(DuoTerm.of(DuoPermission.HMB), new DuoTerm(DuoPermission.DS, "MONDO:0005148")); // true
 * }</pre>
 */
public final class DuoCompatibility {
    private DuoCompatibility() {}

    /** True when research for {@code purpose} is allowed under {@code permission}. */
    public static boolean covers(final DuoTerm permission, final DuoTerm purpose) {
        switch (permission.code()) {
            case NRES:
                return true;
            case GRU:
                return purpose.code() != DuoPermission.NRES;
            case HMB:
                return purpose.code() == DuoPermission.HMB || purpose.code() == DuoPermission.DS;
            case DS:
                return permission.equals(purpose);
            case POA:
                return purpose.code() == DuoPermission.POA;
            default:
                throw new IllegalStateException("unknown DUO permission " + permission.code());
        }
    }

    /** True when any of {@code permissions} covers {@code purpose}. */
    public static boolean anyCovers(final Collection<DuoTerm> permissions, final DuoTerm purpose) {
        for (final DuoTerm permission : permissions) {
            if (covers(permission, purpose)) {
                return true;
            }
        }
        return false;
    }
}
