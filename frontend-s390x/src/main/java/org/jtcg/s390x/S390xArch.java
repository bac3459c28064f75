package org.jtcg.s390x;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.s390x.translate.S390xTranslator;

/** The s390x frontend (ELF EM_S390, 64-bit), registered as a {@link GuestArch} service. */
public final class S390xArch implements GuestArch {
    public static final int EM_S390 = 22;

    private final Translator translator = new S390xTranslator();
    private final LinuxAbi abi = new S390xLinuxAbi();

    @Override public String name() { return "s390x"; }
    @Override public int elfMachine() { return EM_S390; }
    @Override public CpuState newCpu() { return new S390xCpu(); }
    @Override public Translator translator() { return translator; }
    @Override public LinuxAbi linuxAbi() { return abi; }
}
