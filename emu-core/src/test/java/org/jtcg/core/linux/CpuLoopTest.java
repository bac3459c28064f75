package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineExit;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class CpuLoopTest {
    /** An engine that replays a script: each step sets registers and returns an exit. */
    static final class ScriptEngine implements Engine {
        record Step(Consumer<TestCpu> regs, EngineExit exit) {}
        final Deque<Step> steps = new ArrayDeque<>();
        final List<Long> resultsSeen = new ArrayList<>();
        int runs;

        ScriptEngine syscall(String name, long... args) {
            steps.add(new Step(c -> c.set(TestAbi.nr(name), args), EngineExit.syscall()));
            return this;
        }

        ScriptEngine then(EngineExit e) {
            steps.add(new Step(c -> { }, e));
            return this;
        }

        @Override public String name() { return "script"; }

        @Override public EngineExit run(CpuState cpu) {
            runs++;
            TestCpu c = (TestCpu) cpu;
            resultsSeen.add(c.a0);
            Step s = steps.poll();
            if (s == null) throw new AssertionError("guest ran past the end of the script");
            s.regs().accept(c);
            c.pc += 4;
            return s.exit();
        }

        @Override public EngineExit step(CpuState cpu) { return run(cpu); }
        @Override public void invalidate(long va, long len) { }
    }

    final SyscallFixture f = new SyscallFixture();

    @Test
    void runsSyscallsUntilExitAndReturnsTheStatus() {
        ScriptEngine e = new ScriptEngine().syscall("getpid").syscall("write", 1, f.str(SyscallFixture.SCRATCH, "ok\n"), 3)
                .syscall("exit_group", 7);
        CpuLoop loop = new CpuLoop(e, f.cpu, f.proc);
        assertEquals(7, loop.run());
        assertEquals(CpuLoop.StopReason.EXITED, loop.stopReason());
        assertEquals("ok\n", f.stdout.toString());
        assertEquals(3, f.proc.syscallCount());
        assertEquals(ProcessHandle.current().pid(), e.resultsSeen.get(1), "getpid's result was in a0 on re-entry");
        assertEquals(3L, e.resultsSeen.get(2));
    }

    @Test
    void guestFaultKillsWith128PlusSignoAndOneLine() {
        ScriptEngine e = new ScriptEngine().syscall("getpid")
                .then(EngineExit.signal(Signals.SIGSEGV, 1, 0, null));
        f.cpu.pc = 0x400ffc;
        CpuLoop loop = new CpuLoop(e, f.cpu, f.proc);
        assertEquals(128 + 11, loop.run());
        assertEquals(CpuLoop.StopReason.KILLED, loop.stopReason());
        assertEquals("jtcg: guest killed by SIGSEGV at pc 0x401004 (fault address 0x0)\n", f.warnings.toString());
    }

    @Test
    void faultWithInstalledHandlerSaysDeliveryIsMissing() {
        f.proc.signals().setAction(Signals.SIGILL, new SignalState.Action(0x401500, 0, 0, 0));
        ScriptEngine e = new ScriptEngine().then(EngineExit.signal(Signals.SIGILL, 2, 0x401000, "undefined opcode 0f 0b"));
        assertEquals(128 + 4, new CpuLoop(e, f.cpu, f.proc).run());
        String w = f.warnings.toString();
        assertTrue(w.startsWith("jtcg: guest killed by SIGILL at pc 0x4 (fault address 0x401000): undefined opcode 0f 0b"), w);
        assertTrue(w.contains("handler at 0x401500 not run"), w);
        assertEquals(1, w.split("\n").length);
    }

    @Test
    void haltStopsWithoutAnExit() {
        ScriptEngine e = new ScriptEngine().then(new EngineExit(EngineExit.Kind.HALT, 0, 0, 0, null));
        CpuLoop loop = new CpuLoop(e, f.cpu, f.proc);
        assertEquals(0, loop.run());
        assertEquals(CpuLoop.StopReason.HALTED, loop.stopReason());
        assertFalse(f.proc.exited());
    }

    @Test
    void listenerCountsSyscallsSwitchesEnginesAndStops() {
        ScriptEngine first = new ScriptEngine().syscall("getpid").syscall("getpid");
        ScriptEngine second = new ScriptEngine().syscall("getuid").syscall("exit_group", 0);
        CpuLoop loop = new CpuLoop(first, f.cpu, f.proc);
        List<Long> counts = new ArrayList<>();
        loop.setSyscallListener((l, n) -> {
            counts.add(n);
            if (n == 2) l.setEngine(second);
            if (n == 3) l.requestStop();
        });
        assertEquals(0, loop.run());
        assertEquals(CpuLoop.StopReason.STOP_REQUESTED, loop.stopReason());
        assertEquals(List.of(1L, 2L, 3L), counts);
        assertEquals(2, first.runs);
        assertEquals(1, second.runs);
        assertEquals(0, loop.run(), "resumes where it stopped");
        assertEquals(CpuLoop.StopReason.EXITED, loop.stopReason());
        assertEquals(List.of(1L, 2L, 3L), counts, "no listener call for the exiting syscall");
    }

    @Test
    void killedBySelfSignalThroughTheLoop() {
        long pid = ProcessHandle.current().pid();
        ScriptEngine e = new ScriptEngine().syscall("kill", pid, Signals.SIGTERM);
        assertEquals(128 + 15, new CpuLoop(e, f.cpu, f.proc).run());
    }
}
