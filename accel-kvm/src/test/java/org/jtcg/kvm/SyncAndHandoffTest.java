package org.jtcg.kvm;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.linux.CpuLoop;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.x86.RegSetTable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.jtcg.kvm.KvmTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dirty tracking (ioctls per exit), single-step, the register round trip and handoff out. */
@ExtendWith(KvmRequired.class)
class SyncAndHandoffTest {
    /** getpid N times (loop counter in rbx), then exit_group(0). */
    static byte[] getpidLoop(int n) {
        // mov $n, %ebx ; L: mov $39, %eax ; syscall ; dec %ebx ; jnz L ; mov $231,%eax ; xor %edi,%edi ; syscall
        return bytes(0xbb, le32(n), movEax(39), SYSCALL, 0xff, 0xcb, 0x75, 0xf5, movEax(231), 0x31, 0xff, SYSCALL);
    }

    record Measured(long exits, long ioctls, long nanos) {
        double ioctlsPerExit() { return (double) ioctls / exits; }
        double microsPerExit() { return nanos / 1000.0 / exits; }
    }

    static Measured measure(KvmOptions options, int n) {
        PagedMemory m = memoryWith(getpidLoop(n));
        TestX86Cpu cpu = new TestX86Cpu();
        cpu.pc = CODE;
        cpu.rsp = STACK_TOP - 64;
        try (KvmEngine engine = new KvmEngine(context(m), options)) {
            // warm-up entry: the FULL put and its ioctls are not part of the per-exit cost
            EngineExit first = engine.run(cpu);
            assertEquals(EngineExit.Kind.SYSCALL, first.kind());
            long ioctls0 = engine.vcpuIoctls(), exits0 = engine.exits(), t0 = System.nanoTime();
            Result r = finishSyscallThenLoop(engine, cpu, m);
            long t = System.nanoTime() - t0;
            assertEquals(0, r.status(), r.stderr());
            return new Measured(engine.exits() - exits0, engine.vcpuIoctls() - ioctls0, t);
        }
    }

    /** The engine stopped at a syscall: handle it as CpuLoop would, then let CpuLoop run the rest. */
    private static Result finishSyscallThenLoop(KvmEngine engine, TestX86Cpu cpu, PagedMemory m) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.jtcg.core.linux.LinuxProcess p = new org.jtcg.core.linux.LinuxProcess(m, new TestX86Abi(), null, out, out);
        p.syscall(cpu);
        int status = new CpuLoop(engine, cpu, p).run();
        return new Result(status, out.toString(), out.toString(), null, out.toByteArray());
    }

    @Test
    void dirtyTrackingCostsOneIoctlPerSyscallExit() {
        int n = 10_000;
        Measured dirty = measure(KvmOptions.defaults(), n);
        Measured full = measure(KvmOptions.defaults().withFullSync(true), n);
        System.out.printf("getpid x %d: dirty-tracked %.3f ioctls/exit %.2f us/exit; full sync %.3f ioctls/exit %.2f us/exit%n",
                n, dirty.ioctlsPerExit(), dirty.microsPerExit(), full.ioctlsPerExit(), full.microsPerExit());
        assertEquals(n, dirty.exits(), "one exit per syscall (n-1 getpid after warm-up + exit_group)");
        assertTrue(dirty.ioctlsPerExit() < 1.01, "dirty tracking: only KVM_RUN per exit, got " + dirty.ioctlsPerExit());
        assertTrue(full.ioctlsPerExit() > 10, "full sync puts and gets every set: " + full.ioctlsPerExit());
    }

    @Test
    void verificationPassesOnSyscallLoop() {
        Result r = runCode(getpidLoop(200), KvmOptions.defaults().withVerifySync(true));
        assertEquals(0, r.status(), r.stderr());
    }

    @Test
    void singleStepExecutesOneInstruction() {
        // mov $5,%eax ; mov $7,%edi ; add %edi,%eax ; then exit_group(rax)
        byte[] code = bytes(movEax(5), movEdi(7), 0x01, 0xf8, 0x89, 0xc7, movEax(231), SYSCALL);
        PagedMemory m = memoryWith(code);
        TestX86Cpu cpu = new TestX86Cpu();
        cpu.pc = CODE;
        cpu.rsp = STACK_TOP - 64;
        try (KvmEngine engine = new KvmEngine(context(m), KvmOptions.defaults())) {
            long[] expectPc = {CODE + 5, CODE + 10, CODE + 12};
            for (long pc : expectPc) {
                assertEquals(EngineExit.Kind.STEP_DONE, engine.step(cpu).kind());
                assertEquals(pc, cpu.pc);
            }
            assertEquals(12, cpu.getReg(X86Registers.gpr(0)));
            assertEquals(EngineExit.Kind.SYSCALL, engine.run(cpu).kind());
            Result r = finishSyscallThenLoop(engine, cpu, m);
            assertEquals(12, r.status());
        }
    }

    @Test
    void registerRoundTripIntoAFreshVcpuContinuesIdentically() throws Exception {
        Path exe = GuestPrograms.build("intwork");
        GuestPrograms.Native nat = GuestPrograms.runNative(exe, "30000");
        try (GuestPrograms.Guest g = new GuestPrograms.Guest(exe, KvmOptions.defaults(), "30000")) {
            List<long[]> written = new ArrayList<>();
            // run a few syscalls, then stop and leave KVM
            g.loop.setSyscallListener((loop, count) -> {
                if (count == 8) {
                    loop.requestStop();
                }
            });
            assertEquals(0, g.run());
            assertEquals(CpuLoop.StopReason.STOP_REQUESTED, g.loop.stopReason());
            g.engine.leave(g.cpu, va -> written.add(new long[] {va}));
            assertTrue(written.size() > 0, "KVM wrote guest pages (stack, data) since entry");
            RegisterList saved = RegisterList.capture(g.cpu);
            // a fresh CPU state, loaded from the list, continues in a fresh VM over the same memory
            TestX86Cpu fresh = new TestX86Cpu();
            saved.loadInto(fresh);
            fresh.pc = fresh.getReg(X86Registers.RIP);
            assertEquals(RegisterList.capture(g.cpu), RegisterList.capture(fresh));
            try (KvmEngine second = new KvmEngine(KvmTestSupport.context(g.memory), KvmOptions.defaults().withVerifySync(true))) {
                CpuLoop loop = new CpuLoop(second, fresh, g.process);
                int status = loop.run();
                assertEquals(nat.stdout(), g.stdout());
                assertEquals(nat.status(), status);
            }
        }
    }

    @Test
    void everyUserRegisterHasASyncSet() {
        assertEquals(List.of(), RegSetTable.unmappedUserIds());
    }
}
