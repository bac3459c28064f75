package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterList;

import java.util.List;

/**
 * The per-architecture code around a sequence that lets an oracle process run it
 * ({@link OracleLane}): a prologue that loads every fuzzed register from a register block, and an
 * epilogue that stores every register back into the same block, writes the scratch block and the
 * register block to stdout with one {@code write} system call and then either jumps on (to the
 * next sequence of the batch) or ends with {@code exit_group(0)}. Both must be position independent
 * (absolute addresses only): the prologue is placed so that it falls through into the sequence, the
 * epilogue where the terminator would be. The register block follows the scratch block directly,
 * so one write covers both. Between sequences a driver copies the next sequence (with its epilogue)
 * into the code area and its initial scratch and register block into place ({@link #copy}), then
 * jumps to the prologue ({@link #jump}).
 */
public interface OracleCode {
    /** The name in {@code qemu-NAME-static}, e.g. {@code x86_64}, {@code aarch64}, {@code s390x}. */
    String qemuArch();

    /** qemu options selecting the baseline CPU model, e.g. {@code -cpu cortex-a57}. */
    List<String> qemuCpu();

    /** The {@code os.arch} of a host that runs the image natively ({@code amd64}), or null. */
    String nativeHostArch();

    boolean bigEndian();

    /** Register block size in bytes (room the epilogue needs as scratch stack included). */
    int blockSize();

    /** The block with {@code state}'s register values, in the layout {@link #parseBlock} reads. */
    byte[] registerBlock(FuzzState state);

    /** Code that loads every fuzzed register from the block at {@code block}; runs into whatever follows it. */
    byte[] prologue(long block);

    /**
     * Code that stores every fuzzed register into the block at {@code block}, writes
     * {@code writeLength} bytes from {@code writeFrom} to stdout, then jumps to {@code continueAt},
     * or exits with status 0 if {@code continueAt} is negative.
     */
    byte[] epilogue(long block, long writeFrom, int writeLength, long continueAt);

    /** Code that copies {@code length} bytes from {@code from} to {@code to} (any registers may be clobbered). */
    byte[] copy(long to, long from, int length);

    /** Code that jumps to {@code target} (any register may be clobbered). */
    byte[] jump(long target);

    /**
     * Register bits qemu is known to compute wrongly (checked against the host CPU), register id to
     * mask; the comparison ignores them on the qemu lane only. Each entry needs a comment saying
     * which qemu behaviour it covers.
     */
    default java.util.Map<Long, long[]> qemuUnreliableBits() {
        return java.util.Map.of();
    }

    /** The registers in a block the epilogue wrote. */
    RegisterList parseBlock(byte[] block);
}
