package org.jtcg.core.ir;

import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.engine.TestHelpers;
import org.jtcg.core.memory.GuestFault;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The interpreter's helper calls: the generated invoker and the method-handle fallback agree on every shape. */
class HelperInvokerTest {
    private static HelperRef helper(String name) {
        return HelperRef.of(TestHelpers.class, name, 0);
    }

    /** Both invokers of a helper; the generated one must really be generated (not the fallback). */
    private static HelperInvoker[] both(HelperRef h) {
        HelperInvoker generated = HelperInvokerClass.generateOrFallBack(h);
        assertFalse(generated instanceof HelperInvoker.ByHandle, "no class generated for " + h);
        return new HelperInvoker[]{generated, new HelperInvoker.ByHandle(h)};
    }

    @Test
    void longArgumentsAndResult() throws Throwable {
        for (HelperInvoker i : both(helper("mix"))) {
            assertEquals(TestHelpers.mix(3, -7), i.invoke(new TestCpu(), new long[]{3, -7}));
        }
    }

    @Test
    void intArgumentTakesTheLowHalfAndIntResultIsSignExtended() throws Throwable {
        long a = 0x1234_5678_8000_0001L;
        long b = 0xFFFF_FFFF_FFFF_FFF0L;
        long expected = TestHelpers.mix32((int) a, b);
        for (HelperInvoker i : both(helper("mix32"))) {
            assertEquals(expected, i.invoke(new TestCpu(), new long[]{a, b}));
        }
    }

    @Test
    void cpuStateOfTheHelpersOwnTypeAndVoidResult() throws Throwable {
        for (HelperInvoker i : both(helper("setR6"))) {
            TestCpu cpu = new TestCpu();
            assertEquals(0, i.invoke(cpu, new long[]{0xAAAA_BBBB_FFFF_FFFEL}));
            assertEquals(-2, cpu.r6);
        }
        for (HelperInvoker i : both(helper("accumulate"))) {
            TestCpu cpu = new TestCpu();
            cpu.r7 = 10;
            cpu.r0 = 5;
            assertEquals(10, i.invoke(cpu, new long[]{1}));
            assertEquals(16, cpu.r7);
        }
    }

    @Test
    void guestFaultPropagates() throws Throwable {
        for (HelperInvoker i : both(helper("faultIfOdd"))) {
            assertEquals(2, i.invoke(new TestCpu(), new long[]{4}));
            assertThrows(GuestFault.class, () -> i.invoke(new TestCpu(), new long[]{5}));
        }
    }

    @Test
    void helperRefInvoke() throws Throwable {
        HelperRef h = helper("mix32");
        assertEquals(TestHelpers.mix32(-1, 16), h.invoke(new TestCpu(), new long[]{0xFFFF_FFFFL, 16}));
    }
}
