package io.custodia.gateway.ledger;

import io.custodia.gateway.auth.Principal;

/**
 * Which organisation identity submits for a principal. Institutions and auditors use their own;
 * patients and proxies have no ledger identity and act through their institution's, after the gateway
 * has authenticated them and resolved their pseudonym.
 */
public final class Callers {
    private Callers() {}

    public static LedgerCaller of(final Principal principal) {
        switch (principal.role()) {
            case AUDITOR:
                return LedgerCaller.auditor(principal.institution());
            case INSTITUTION:
            case PATIENT:
            case PROXY:
            default:
                return LedgerCaller.institution(principal.institution());
        }
    }
}
