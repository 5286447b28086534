package io.custodia.ledger.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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
 * <p>Logging: the shim logs every request at INFO and every chaincode error, business refusals
 * included, at SEVERE with a stack trace. A library must not flood its host's log, so unless
 * {@code CORE_CHAINCODE_LOGGING_LEVEL} is set, the {@code org.hyperledger.fabric} loggers stop
 * passing records to the host's handlers. Their SEVERE records are kept instead, per thread, because
 * the shim answers an unexpected exception with a bare "Error during contract method execution":
 * {@link #lastFailureCause()} gives the caller the root cause it logged.
 */
public final class ChaincodeRuntime {
    private static final Map<String, ChaincodeRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> LAST_CAUSE = new ThreadLocal<>();
    /** Held strongly: java.util.logging keeps loggers only weakly. The shim's own loggers hang below this one. */
    private static final Logger FABRIC_LOGGER = Logger.getLogger("org.hyperledger.fabric");
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
            captureShimErrors();
            return new ChaincodeRuntime(router);
        });
    }

    private static synchronized void captureShimErrors() {
        if (System.getenv("CORE_CHAINCODE_LOGGING_LEVEL") == null) {
            FABRIC_LOGGER.setUseParentHandlers(false);
            SHIM_LOGGER.setLevel(Level.WARNING);
            CONTRACT_LOGGER.setLevel(Level.WARNING);
        }
        for (final Handler handler : FABRIC_LOGGER.getHandlers()) {
            if (handler instanceof CauseCapture) {
                return;
            }
        }
        FABRIC_LOGGER.addHandler(new CauseCapture());
    }

    /** Invokes the function named by the stub's first argument. */
    public Chaincode.Response invoke(final ChaincodeStub stub) {
        LAST_CAUSE.remove();
        return router.invoke(stub);
    }

    /** The root cause the shim logged for the last failed invocation on this thread, if any. */
    public static String lastFailureCause() {
        final String cause = LAST_CAUSE.get();
        LAST_CAUSE.remove();
        return cause;
    }

    /** The innermost "Caused by:" of a formatted stack trace, else its first line. */
    static String rootCause(final String formatted) {
        String cause = formatted.lines().findFirst().orElse("");
        for (final String line : (Iterable<String>) formatted.lines()::iterator) {
            final int at = line.indexOf("Caused by: ");
            if (at >= 0) {
                cause = line.substring(at + "Caused by: ".length());
            }
        }
        return cause;
    }

    /** Keeps the shim's SEVERE message for the thread that produced it. */
    private static final class CauseCapture extends Handler {
        @Override
        public void publish(final LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getMessage() != null) {
                LAST_CAUSE.set(rootCause(record.getMessage()));
            }
        }

        @Override
        public void flush() {
            // Nothing buffered.
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }
}
