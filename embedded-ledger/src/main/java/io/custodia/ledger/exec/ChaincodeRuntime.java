package io.custodia.ledger.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.EmbeddedRouterAccess;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Runs chaincode in-process by handing a {@link ChaincodeStub} to the shim's {@link ContractRouter},
 * exactly as the shim does when a peer sends a transaction.
 *
 * <p>One router per chaincode ID per JVM: the router scans the class path (slow) and keeps no
 * per-transaction state, so it is shared and called from several threads.
 *
 * <p>The shim logs every request at INFO and every chaincode error with its stack trace; a library
 * must not flood its host's log, so the shim's loggers are set to WARNING unless
 * {@code CORE_CHAINCODE_LOGGING_LEVEL} asks otherwise. The shim turns unexpected exceptions into a
 * bare "Error during contract method execution" response; the stub keeps the reason of the
 * failures it raises itself so the caller's failure can say what went wrong.
 */
public final class ChaincodeRuntime {
    private static final Map<String, ChaincodeRuntime> RUNTIMES = new ConcurrentHashMap<>();
    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger RESPONSE_LOGGER = Logger.getLogger("org.hyperledger.fabric.shim.ResponseUtils");
    private static final Logger SHIM_LOGGER = Logger.getLogger("org.hyperledger.fabric.shim");
    private static final Logger CONTRACT_LOGGER = Logger.getLogger("org.hyperledger.fabric.contract");

    private final ContractRouter router;

    private ChaincodeRuntime(final ContractRouter router) {
        this.router = router;
    }

    /** The runtime for {@code chaincodeId}, creating the router on first use. */
    public static ChaincodeRuntime forChaincode(final String chaincodeId) {
        return RUNTIMES.computeIfAbsent(chaincodeId, id -> {
            final ContractRouter router = EmbeddedRouterAccess.newRouter(id);
            quietShimLogging();
            return new ChaincodeRuntime(router);
        });
    }

    private static synchronized void quietShimLogging() {
        if (System.getenv("CORE_CHAINCODE_LOGGING_LEVEL") == null) {
            SHIM_LOGGER.setLevel(Level.WARNING);
            CONTRACT_LOGGER.setLevel(Level.WARNING);
            // Business errors (ChaincodeException) reach the caller as ChaincodeFailure; a stack trace per refusal is noise.
            RESPONSE_LOGGER.setLevel(Level.OFF);
        }
    }

    /** Invokes the function named by the stub's first argument. */
    public Chaincode.Response invoke(final ChaincodeStub stub) {
        return router.invoke(stub);
    }
}
