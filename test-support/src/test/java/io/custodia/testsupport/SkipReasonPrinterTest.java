package io.custodia.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

class SkipReasonPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final SkipReasonPrinter printer = new SkipReasonPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private static TestIdentifier identifier(final String name, final TestDescriptor.Type type, final org.junit.platform.engine.TestSource source) {
        return TestIdentifier.from(new AbstractTestDescriptor(UniqueId.forEngine("e").append("t", name), name, source) {
            @Override
            public Type getType() {
                return type;
            }
        });
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_suite_aborted_by_an_assumption_in_before_all_prints_its_class_and_reason() {
        final TestIdentifier suite = identifier("FabricTest", TestDescriptor.Type.CONTAINER, ClassSource.from("io.custodia.FabricTest"));

        printer.executionFinished(suite, TestExecutionResult.aborted(new TestAbortedException("Assumption failed: set CUSTODIA_TEST_FABRIC_NETWORK")));

        assertThat(printed()).isEqualTo("SKIPPED io.custodia.FabricTest: set CUSTODIA_TEST_FABRIC_NETWORK" + System.lineSeparator());
    }

    @Test
    void a_disabled_test_prints_its_class_method_and_reason() {
        final TestIdentifier test = identifier("runs()", TestDescriptor.Type.TEST, MethodSource.from("io.custodia.SomeTest", "runs"));

        printer.executionSkipped(test, "needs Docker");

        assertThat(printed()).isEqualTo("SKIPPED io.custodia.SomeTest#runs: needs Docker" + System.lineSeparator());
    }

    @Test
    void passed_and_failed_tests_print_nothing() {
        final TestIdentifier test = identifier("runs()", TestDescriptor.Type.TEST, MethodSource.from("io.custodia.SomeTest", "runs"));

        printer.executionFinished(test, TestExecutionResult.successful());
        printer.executionFinished(test, TestExecutionResult.failed(new AssertionError("boom")));

        assertThat(printed()).isEmpty();
    }
}
