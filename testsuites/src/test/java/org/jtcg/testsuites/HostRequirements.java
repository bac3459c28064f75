package org.jtcg.testsuites;

import org.jtcg.kvm.KvmEngineProvider;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@link Needs} around each test invocation rather than once per class: an assumption that
 * fails in {@code @BeforeAll} or a test factory leaves no per-test entry in Surefire's report, so the
 * tests that did not run would not be counted. A missing tool aborts the test with the reason (skipped);
 * a failed guest build fails it with make's output, naming the broken programs.
 */
final class HostRequirements implements InvocationInterceptor {
    static final java.nio.file.Path GUEST = java.nio.file.Path.of("guest");

    /** Build outcomes per target list: each JVM builds once, every test sees the same result. */
    private static final Map<List<String>, GuestBuild.Outcome> BUILDS = new ConcurrentHashMap<>();

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        check(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        check(invocation, context);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
                                     ExtensionContext context) throws Throwable {
        check(invocation, context);
    }

    private static void check(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Needs needs = needsOf(context);
        String problem = null;
        boolean skip = true;
        if (needs != null) {
            for (Needs.Need need : needs.value()) {
                if (need == Needs.Need.GUESTS) {
                    GuestBuild.Outcome o = guests(List.of(needs.guestTargets()));
                    if (o instanceof GuestBuild.ToolMissing m) {
                        problem = "guest programs skipped: " + m.reason();
                    } else if (o instanceof GuestBuild.Failed f) {
                        problem = f.message(GUEST);
                        skip = false;
                    }
                } else if (need == Needs.Need.KVM) {
                    String why = new KvmEngineProvider().unavailableReason(null);
                    if (why != null) {
                        problem = "kvm tests skipped: KVM not usable here: " + why;
                    }
                }
                if (problem != null) {
                    break;
                }
            }
        }
        if (problem == null) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        if (skip) {
            throw new TestAbortedException(problem);
        }
        throw new AssertionError(problem);
    }

    /** The annotation of the test method, else of the nearest enclosing method or class that has one. */
    private static Needs needsOf(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Needs n = c.getElement().map(e -> e.getAnnotation(Needs.class)).orElse(null);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    static GuestBuild.Outcome guests(List<String> targets) {
        return BUILDS.computeIfAbsent(targets, t -> GuestBuild.build(GUEST, t, "make", "gcc"));
    }
}
