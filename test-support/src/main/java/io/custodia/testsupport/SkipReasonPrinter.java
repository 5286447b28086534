package io.custodia.testsupport;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints {@code SKIPPED <class>[#<test>]: <reason>} on stdout for every test or suite that was skipped
 * ({@code @Disabled}, {@code @EnabledOnOs}, ...) or aborted by an assumption (an environment that is
 * absent, such as a Fabric network): surefire writes the reason only into its XML reports, so a
 * skipped suite looked like a passed one on the console. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; every module has this
 * artifact on its test class path.
 *
 * <pre>{@code
 * SKIPPED io.custodia.gateway.ledger.fabric.FabricNetworkTest: CUSTODIA_TEST_FABRIC_NETWORK is not set
 * }</pre>
 */
public final class SkipReasonPrinter implements TestExecutionListener {
    private final PrintStream out;

    /** Prints to {@code System.out} (what the service loader uses). */
    public SkipReasonPrinter() {
        this(System.out);
    }

    SkipReasonPrinter(final PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(final TestIdentifier test, final String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(final TestIdentifier test, final TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(SkipReasonPrinter::reason).orElse("aborted"));
        }
    }

    private void print(final TestIdentifier test, final String reason) {
        out.println("SKIPPED " + name(test) + ": " + (reason == null || reason.isBlank() ? "(no reason given)" : reason.strip()));
        out.flush();
    }

    private static String reason(final Throwable t) {
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName())
                .replaceFirst("^Assumption failed: ", "");
    }

    static String name(final TestIdentifier test) {
        return test.getSource().map(source -> {
            if (source instanceof MethodSource) {
                final MethodSource method = (MethodSource) source;
                return method.getClassName() + "#" + method.getMethodName() + suffix(test);
            }
            if (source instanceof ClassSource) {
                return ((ClassSource) source).getClassName();
            }
            return test.getDisplayName();
        }).orElse(test.getDisplayName());
    }

    /** The invocation's display name for parameterised and repeated tests ({@code [2] C.UTF-8}). */
    private static String suffix(final TestIdentifier test) {
        return test.getType().isTest() && test.getDisplayName().startsWith("[") ? " " + test.getDisplayName() : "";
    }
}
