package org.hyperledger.fabric.contract;

/**
 * Builds a contract router for in-process tests. Lives in the shim's package because
 * {@code ContractRouter.findAllContracts()} is package-private; the shim's own {@code main} calls it.
 */
public final class ContractRouters {
    private static ContractRouter router;

    private ContractRouters() {}

    /** One router per JVM: the classpath scan takes seconds and the result never changes. */
    public static synchronized ContractRouter scanned() {
        if (router == null) {
            final ContractRouter created = new ContractRouter(new String[] {"--id", "custodia-test"});
            created.findAllContracts();
            router = created;
        }
        return router;
    }
}
