package org.jtcg.testsuites;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the tests of a class (or one method, which overrides the class) need from the host. Checked
 * before every test, every dynamic test and every parameterized invocation by {@link HostRequirements},
 * so each test that cannot run is reported skipped with the reason, and a broken guest build fails
 * each test that needs it. {@code @Needs({})} on a method: it needs nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(HostRequirements.class)
@interface Needs {
    Need[] value();

    /** The make targets the tests need (empty: every guest program). */
    String[] guestTargets() default {};

    enum Need {
        /** The guest programs of {@code guest/src}, built with the host gcc and static glibc. */
        GUESTS,
        /** A usable {@code /dev/kvm} for the kvm engine. */
        KVM
    }
}
