package org.jtcg.kvm;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(KvmRequired.class)}: each test of the class is disabled, with the reason, where the
 * kvm engine cannot run. Evaluated per test rather than in {@code @BeforeAll}: a class-level assumption
 * leaves no per-test entry in Surefire's report ("Tests run: 0"), so the tests that did not run would
 * not be counted as skipped.
 */
public final class KvmRequired implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        String reason = new KvmEngineProvider().unavailableReason(null);
        return reason == null ? ConditionEvaluationResult.enabled("KVM usable")
                : ConditionEvaluationResult.disabled("kvm tests skipped: KVM not usable here: " + reason);
    }
}
