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
 * <p>The shim logs every request at INFO and every chaincode error with its stack trace; a library
 * must not flood its host's log, so the shim's loggers are set to WARNING unless
 * {@code CORE_CHAINCODE_LOGGING_LEVEL} asks otherwise. The shim turns unexpected exceptions into a
 * bare "Unexpected error" response; the detail it logs is captured here per thread so the caller's
 * failure can say what went wrong.
 */
public final class ChaincodeRuntime {
    private static final Map<String, ChaincodeRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
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
        }
        RESPONSE_LOGGER.setUseParentHandlers(false);
        RESPONSE_LOGGER.setLevel(Level.SEVERE);
        for (final Handler handler : RESPONSE_LOGGER.getHandlers()) {
            if (handler instanceof CapturingHandler) {
                return;
            }
        }
        RESPONSE_LOGGER.addHandler(new CapturingHandler());
    }

    /** Invokes the function named by the stub's first argument. */
    public Chaincode.Response invoke(final ChaincodeStub stub) {
        LAST_ERROR.remove();
        return router.invoke(stub);
    }

    /** What the shim logged about the last failed invocation on this thread, if anything. */
    public static String lastErrorDetail() {
        final String detail = LAST_ERROR.get();
        LAST_ERROR.remove();
        return detail;
    }

    /** Keeps the shim's error log line for the thread that produced it instead of printing it. */
    private static final class CapturingHandler extends Handler {
        @Override
        public void publish(final LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                final String message = record.getMessage();
                LAST_ERROR.set(message == null ? null : message.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
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
