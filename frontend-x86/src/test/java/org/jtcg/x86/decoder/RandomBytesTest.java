package org.jtcg.x86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte strings: the decoder never throws and stays within 15 bytes; every sequence it
 * accepts is fed to objdump, which must find the same boundaries and the same text.
 */
class RandomBytesTest {

    private static final int[] PREFIXES = {0x66, 0x67, 0xF2, 0xF3, 0xF0, 0x2E, 0x64, 0x65};

    /** A random candidate: a few prefixes, maybe REX, an opcode from a random map, random tail. */
    static byte[] candidate(Random r) {
        byte[] b = new byte[16];
        int n = 0;
        int np = r.nextInt(4) == 0 ? r.nextInt(3) : 0;
        for (int i = 0; i < np; i++) {
            b[n++] = (byte) PREFIXES[r.nextInt(PREFIXES.length)];
        }
        if (r.nextBoolean()) {
            b[n++] = (byte) (0x40 + r.nextInt(16));
        }
        switch (r.nextInt(4)) {
            case 0 -> b[n++] = 0x0F;
            case 1 -> {
                b[n++] = 0x0F;
                b[n++] = (byte) (r.nextBoolean() ? 0x38 : 0x3A);
            }
            default -> { }
        }
        while (n < b.length) {
            b[n++] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Number of REX bytes in the prefix area that are not directly before the opcode. */
    static int ignoredRexCount(byte[] b) {
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xff;
            boolean rex = (v & 0xF0) == 0x40;
            if (!rex && !isLegacy(v)) {
                break;
            }
            int next = i + 1 < b.length ? b[i + 1] & 0xff : 0;
            if (rex && ((next & 0xF0) == 0x40 || isLegacy(next))) {
                n++;
            }
        }
        return n;
    }

    /** True when two prefixes of one group (segment, F2/F3, 66, 67, F0) are present. */
    static boolean repeatedPrefixGroup(byte[] b) {
        int seen = 0;
        for (byte x : b) {
            int v = x & 0xff;
            int group;
            if ((v & 0xF0) == 0x40) {
                continue;
            } else if (v == 0x26 || v == 0x2E || v == 0x36 || v == 0x3E || v == 0x64 || v == 0x65) {
                group = 1;
            } else if (v == 0xF2 || v == 0xF3) {
                group = 2;
            } else if (v == 0x66) {
                group = 4;
            } else if (v == 0x67) {
                group = 8;
            } else if (v == 0xF0) {
                group = 16;
            } else {
                break;
            }
            if ((seen & group) != 0) {
                return true;
            }
            seen |= group;
        }
        return false;
    }

    private static boolean isLegacy(int v) {
        return v == 0x66 || v == 0x67 || v == 0xF0 || v == 0xF2 || v == 0xF3 || v == 0x26
                || v == 0x2E || v == 0x36 || v == 0x3E || v == 0x64 || v == 0x65;
    }

    @Test
    void decoderNeverThrowsAndRespectsLengthLimit() {
        Random r = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = candidate(r);
            int avail = r.nextInt(17);
            DecodedInsn d = X86Decoder.decode(b, 0, avail, 0x1000);
            assertTrue(d.length() <= X86Decoder.MAX_LENGTH);
            if (d.ok()) {
                assertTrue(d.length() <= avail);
                X86Disassembler.format(d);
            } else if (d.status() == DecodeStatus.TRUNCATED) {
                assertEquals(avail, d.length());
            }
        }
    }

    @Test
    void acceptedRandomInstructionsMatchObjdump(@TempDir Path dir) throws Exception {
        assumeTrue(Binutils.available("as") && Binutils.available("objdump"),
                "GNU as and objdump not found on PATH: random cross-check skipped");
        Random r = new Random(Long.getLong("jtcg.x86.randomSeed", 42));
        List<DecodedInsn> accepted = new ArrayList<>();
        StringBuilder src = new StringBuilder(".text\n");
        long pc = 0;
        while (accepted.size() < Integer.getInteger("jtcg.x86.randomCount", 5000)) {
            byte[] b = candidate(r);
            DecodedInsn d = X86Decoder.decode(b, 0, b.length, pc);
            if (!d.ok() || ignoredRexCount(d.bytes()) > 0 || repeatedPrefixGroup(d.bytes())
                    || d.op() == Mnemonic.FWAIT
                    || d.op() == Mnemonic.NOP && d.has(DecodedInsn.P_F2 | DecodedInsn.P_F3)
                    || d.repne() && (d.op() == Mnemonic.BSF || d.op() == Mnemonic.BSR)
                    || d.has(DecodedInsn.P_66) && (d.op() == Mnemonic.JMP || d.op() == Mnemonic.CALL || d.op() == Mnemonic.RET)
                    || (d.has(DecodedInsn.P_66) && d.operandCount() > 0 && d.operand(0) instanceof Operand.Rel)) {
                // objdump lists an ignored REX, or prefixes before fwait, as instructions of their
                // own (and fwait as a prefix of the next x87 instruction), and spells every repeated prefix; those are display choices, not lengths.
                // 66 on a near branch: objdump decodes rel16 / a 16-bit target (AMD), Intel CPUs
                // ignore it. F2 0F BC/BD: objdump says (bad); we decode bsf/bsr ignoring F2.
                continue;
            }
            accepted.add(d);
            src.append(".byte ");
            byte[] bytes = d.bytes();
            for (int i = 0; i < bytes.length; i++) {
                src.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
            }
            src.append('\n');
            pc += d.length();
        }
        Binutils.write(dir, "r.s", src.toString());
        Binutils.run(dir, "as", "-o", "r.o", "r.s");
        List<Binutils.Line> lines = Binutils.disassemble(dir, "r.o", ".text");
        List<String> problems = new ArrayList<>();
        int n = Math.min(lines.size(), accepted.size());
        for (int i = 0; i < n && problems.size() < 40; i++) {
            DecodedInsn d = accepted.get(i);
            Binutils.Line l = lines.get(i);
            if (l.address() != d.pc()) {
                DecodedInsn p = accepted.get(i - 1);
                problems.add("previous [" + p.hexBytes() + "] " + X86Disassembler.format(p) + " objdump "
                        + lines.get(i - 1).text());
                problems.add("boundary desync at 0x" + Long.toHexString(d.pc()) + " [" + d.hexBytes() + "] "
                        + X86Disassembler.format(d) + " / objdump at 0x" + Long.toHexString(l.address()));
                break;
            }
            String want = Binutils.normalise(l.text());
            String got = Binutils.normalise(X86Disassembler.format(d));
            // objdump shows a redundant SIB (index 100, scale 1) as "+riz*1"; we drop it
            want = want.replace("+riz*1", "").replace("+eiz*1", "")
                    .replaceAll("\\[eiz\\*1\\+(0x[0-9a-f]+)\\]", "ds:$1");
            if (!got.equals(want) && !(d.op() == Mnemonic.NOP && (want.matches("(\\w+ )*bnd.*") || want.contains("cldemote") || want.contains("prefetchit")))) {
                // 0F 1A/1B (MPX bnd*), 0F 1C /0 (cldemote), 0F 18 /6-7 (prefetchit*) are hint NOPs
                // on CPUs without those features
                problems.add("[" + d.hexBytes() + "] '" + got + "' objdump '" + want + "'");
            }
        }
        System.out.println("random cross-check: " + accepted.size() + " instructions, " + problems.size() + " problems");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
