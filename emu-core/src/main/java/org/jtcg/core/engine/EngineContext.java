package org.jtcg.core.engine;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.memory.GuestMemory;

import java.io.PrintStream;

/**
 * What an engine is created with.
 *
 * @param arch     the guest arch (translator, ABI)
 * @param memory   guest memory shared by all engines of the process
 * @param traceOut where --trace output goes (stderr normally), or null for none
 * @param trace    trace flags, e.g. "in_asm", "op", "exec" (empty for none)
 */
public record EngineContext(GuestArch arch, GuestMemory memory, PrintStream traceOut, java.util.Set<String> trace) {
}
