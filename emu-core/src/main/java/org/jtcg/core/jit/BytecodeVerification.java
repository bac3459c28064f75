package org.jtcg.core.jit;

/**
 * Whether HotSpot verifies the classes the JIT defines, read once from the VM's options.
 *
 * <p>A hidden class defined through jtcg's lookup is a "remote" class: HotSpot verifies it unless the VM
 * runs with {@code -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote}. Verification needs a
 * StackMapTable, which ASM computes by abstract interpretation of the whole method
 * ({@code COMPUTE_FRAMES}); both are a fixed cost per translated class (on a python start-up, ~5% of CPU
 * for the frames and ~3% for the verifier, docs/performance.md "round 5 — compile pipeline"). The
 * {@code jtcg} launcher turns remote verification off, so the JIT then emits no frames; the tests and any
 * other VM keep verification and the frames, so every shape of generated code is verified there.
 * {@code -Djtcg.stackMapFrames=true} forces the frames (and only they) back on.
 */
final class BytecodeVerification {
    private BytecodeVerification() {}

    /*
     * -Djtcg.stackMapFrames=true|false decides without asking the VM (the launcher passes false with
     * -XX:-BytecodeVerificationRemote, unless JTCG_JAVA_OPTS names that flag): the management interface costs ~5 ms
     * of set-up on the main thread of every run.
     */
    /** Whether the generated classes need stack-map frames (the VM verifies them). */
    static final boolean FRAMES_NEEDED = System.getProperty("jtcg.stackMapFrames") != null
            ? Boolean.getBoolean("jtcg.stackMapFrames") : remoteClassesVerified();

    private static boolean remoteClassesVerified() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null || !"false".equals(bean.getVMOption("BytecodeVerificationRemote").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot, or no management module: assume the class is verified
        }
    }
}
