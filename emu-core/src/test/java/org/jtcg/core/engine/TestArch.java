package org.jtcg.core.engine;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;

/** A test arch around any translator (not registered with ServiceLoader). */
public record TestArch(Translator translator) implements GuestArch {
    @Override public String name() { return "test"; }
    @Override public int elfMachine() { return -1; }
    @Override public CpuState newCpu() { return new TestCpu(); }
    @Override public LinuxAbi linuxAbi() { return null; }
}
