package io.custodia.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class only against a configured Fabric network ({@link FabricTestNetwork}).
 * Without one every test of the class is reported as skipped, with the reason on the console. An
 * assumption inside {@code @BeforeAll} would abort the class before any test is reported, so the
 * report would say "Tests run: 0" as if the class had no tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresFabricNetwork.Condition.class)
public @interface RequiresFabricNetwork {

    /** Disables the class (Surefire then reports each of its tests as skipped) and prints why, once per class. */
    final class Condition implements ExecutionCondition {
        private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
            if (FabricTestNetwork.directory().isPresent()) {
                return ConditionEvaluationResult.enabled("Fabric network " + FabricTestNetwork.directory().get());
            }
            final String owner = context.getRequiredTestClass().getSimpleName();
            if (ANNOUNCED.add(owner)) {
                System.out.println("[SKIPPED] " + owner + ": " + FabricTestNetwork.SKIP_MESSAGE);
            }
            return ConditionEvaluationResult.disabled(FabricTestNetwork.SKIP_MESSAGE);
        }
    }
}
