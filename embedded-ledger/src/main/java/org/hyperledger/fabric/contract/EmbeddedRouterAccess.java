package org.hyperledger.fabric.contract;

import org.hyperledger.fabric.contract.metadata.MetadataBuilder;

/**
 * Opens the two package-private steps of {@link ContractRouter#main} that an in-process host needs:
 * finding the {@code @Contract} classes and building the metadata, without connecting to a peer.
 *
 * <p>This lives in the shim's package on purpose: unlike reflection, the compiler checks these
 * calls against the shim version we build with, so a shim upgrade that changes them fails the
 * build instead of failing at run time.
 */
public final class EmbeddedRouterAccess {
    private EmbeddedRouterAccess() {}

    /** A router for chaincode {@code chaincodeId} with all contracts on the class path registered. */
    public static ContractRouter newRouter(final String chaincodeId) {
        final ContractRouter router = new ContractRouter(new String[] {"--id", chaincodeId});
        router.findAllContracts();
        MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
        return router;
    }
}
