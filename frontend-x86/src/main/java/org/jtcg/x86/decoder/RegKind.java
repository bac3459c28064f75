package org.jtcg.x86.decoder;

/** Register file of an {@link Operand.Reg}. */
public enum RegKind {
    /** General-purpose register 0..15 (rax, rcx, ... r15) accessed at its low 1, 2, 4 or 8 bytes. */
    GPR,
    /** Legacy high-byte register ah, ch, dh, bh: bits 8..15 of GPR 0..3 (only without REX). */
    GPR_HIGH8,
    /** Segment register in ModRM.reg encoding: es=0 cs=1 ss=2 ds=3 fs=4 gs=5. */
    SEG,
    /** SSE register xmm0..xmm15 (16 bytes). */
    XMM,
    /** AVX register ymm0..ymm15 (32 bytes; its low 16 bytes are the xmm register of that number). */
    YMM,
    /** x87 stack register st(i), number relative to the stack top. */
    ST
}
