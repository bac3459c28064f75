package org.jtcg.kvm;

import org.jtcg.core.linux.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void probe() {
        var m = KvmTestSupport.memoryWith(KvmTestSupport.helloProgram("hello\n", 3));
        try (KvmEngine e = new KvmEngine(KvmTestSupport.context(m), KvmOptions.defaults())) {
            TestX86Cpu cpu = new TestX86Cpu();
            cpu.pc = KvmTestSupport.CODE;
            cpu.rsp = KvmTestSupport.STACK_TOP - 64;
            LinuxProcess p = new LinuxProcess(m, new TestX86Abi(), null, System.out, System.out);
            p.setStrace(System.out);
            int st = new CpuLoop(e, cpu, p).run();
            System.out.println("STATUS " + st + " " + e.stats());
        }
    }
}
