package org.jtcg.cli.toy;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;

/** A test-only guest arch (registered through test resources) that exercises the CLI end to end. */
public final class ToyArch implements GuestArch {
    /** An e_machine value no real arch uses here. */
    public static final int EM_TOY = 0x4a54;

    private final Translator translator = new ToyTranslator();
    private final LinuxAbi abi = new ToyAbi();

    @Override public String name() { return "toy64"; }
    @Override public int elfMachine() { return EM_TOY; }
    @Override public CpuState newCpu() { return new ToyCpu(); }
    @Override public Translator translator() { return translator; }
    @Override public LinuxAbi linuxAbi() { return abi; }
}
