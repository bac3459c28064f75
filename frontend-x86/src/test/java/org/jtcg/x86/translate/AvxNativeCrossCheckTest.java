package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AVX/AVX2 forms ({@link AvxCrossCheckCases}) against the host CPU. A generated C program runs
 * every instruction natively from a full register state (ymm0-15, rax/rcx/rdx, MXCSR, 128 bytes at
 * rdi) built from edge values (signed zeros, infinities, NaNs, denormals, integer limits) and random
 * bits, and prints the instruction's bytes, each input state and the state after it. The same bytes
 * then run under interp and jit from the same input; every ymm register (all 256 bits), the
 * arithmetic flags, the three GPRs, MXCSR and the memory must match. Skipped without an x86-64 host
 * gcc, or when the host CPU lacks AVX2.
 */
class AvxNativeCrossCheckTest {
    static final int INPUTS = 8;
    /** State layout shared with the C side: ymm0-15, rflags, rax, rcx, rdx, mxcsr, memory at 576. */
    static final int Y = 0, RFLAGS = 512, RAX = 520, RCX = 528, RDX = 536, MXCSR = 544, MEM = 576, SIZE = 704, MEM_SIZE = 128;

    static boolean hostHasAvx2() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2");
        } catch (IOException e) {
            return false;
        }
    }

    static boolean gccAvailable() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String program(List<AvxCrossCheckCases.Case> cases) {
        StringBuilder s = new StringBuilder();
        s.append("""
            #include <stdio.h>
            #include <stdint.h>
            #include <string.h>
            struct st { uint8_t b[704]; } __attribute__((aligned(64)));
            extern void run_case(void *fn, struct st *s);
            __asm__(".intel_syntax noprefix\\n.text\\n.globl run_case\\nrun_case:\\n"
              "push rbx\\npush rbp\\npush r12\\npush r13\\npush r14\\npush r15\\nmov rbx, rdi\\nmov rbp, rsi\\n"
            """);
        for (int i = 0; i < 16; i++) {
            s.append("  \"vmovdqu ymm").append(i).append(", [rbp+").append(32 * i).append("]\\n\"\n");
        }
        s.append("""
              "ldmxcsr [rbp+544]\\nmov rax, [rbp+520]\\nmov rcx, [rbp+528]\\nmov rdx, [rbp+536]\\nlea rdi, [rbp+576]\\n"
              "push 0x202\\npopfq\\ncall rbx\\npushfq\\npop r12\\nmov [rbp+512], r12\\nmov [rbp+520], rax\\n"
              "mov [rbp+528], rcx\\nmov [rbp+536], rdx\\n"
            """);
        for (int i = 0; i < 16; i++) {
            s.append("  \"vmovdqu [rbp+").append(32 * i).append("], ymm").append(i).append("\\n\"\n");
        }
        s.append("""
              "stmxcsr [rbp+544]\\npush 0x1f80\\nldmxcsr [rsp]\\nadd rsp, 8\\nvzeroupper\\n"
              "pop r15\\npop r14\\npop r13\\npop r12\\npop rbp\\npop rbx\\nret\\n"
            """);
        for (int i = 0; i < cases.size(); i++) {
            s.append("  \".globl c").append(i).append("\\nc").append(i).append(":\\n")
             .append(cases.get(i).asm().replace("\n", "\\n")).append("\\nc").append(i).append("_end:\\nret\\n\"\n");
        }
        s.append("  \".att_syntax\\n\");\n");
        for (int i = 0; i < cases.size(); i++) {
            s.append("extern char c").append(i).append("[], c").append(i).append("_end[];\n");
        }
        s.append("static char *starts[] = {");
        for (int i = 0; i < cases.size(); i++) s.append("c").append(i).append(",");
        s.append("};\nstatic char *ends[] = {");
        for (int i = 0; i < cases.size(); i++) s.append("c").append(i).append("_end,");
        s.append("};\n");
        s.append("""
            static uint64_t seed;
            static uint64_t next(void) { uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
              z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL; return z ^ (z >> 31); }
            static const uint32_t F32[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
              0xffc00000, 0x7fa00000, 0x00000001, 0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x3f000000, 0x40490fdb,
              0x7fffffff, 0xffffffff, 0x00007fff, 0x00008000, 0x0000ffff, 0x80808080, 0x7f7f7f7f, 0x00000080};
            static const uint64_t F64[] = {0, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff0000000000000ULL,
              0x7ff0000000000000ULL, 0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0x7ff4000000000000ULL, 1,
              0x800fffffffffffffULL, 0x7fefffffffffffffULL, 0x43e0000000000000ULL, 0xc1e0000000000000ULL,
              0x41dfffffffc00000ULL, 0x3fe0000000000000ULL, 0x400921fb54442d18ULL, 0x7fffffffffffffffULL,
              0xffffffffffffffffULL, 0x000000000000001fULL, 0x0000000000000040ULL, 0x0000000300000005ULL};
            static uint64_t word(void) {
              uint64_t k = next() % 8;
              if (k < 3) return next();
              if (k < 5) return F64[next() % (sizeof F64 / 8)];
              if (k < 7) return (uint64_t) F32[next() % (sizeof F32 / 4)] << 32 | F32[next() % (sizeof F32 / 4)];
              return next() & 0x0f0f0f0f0f0f0f0fULL;
            }
            static void hex(const char *tag, struct st *s) {
              fputs(tag, stdout);
              for (int i = 0; i < 704; i++) printf("%02x", s->b[i]);
              putchar('\\n');
            }
            int main(void) {
              static const uint32_t MX[] = {0x1f80, 0x1f80, 0x1f80, 0x9fc0, 0x3f80, 0x5f80, 0x7f80, 0x1fbf};
              struct st s;
              for (int c = 0; c < (int) (sizeof starts / sizeof *starts); c++) {
                printf("C %d ", c);
                for (char *p = starts[c]; p < ends[c]; p++) printf("%02x", (unsigned char) *p);
                putchar('\\n');
                for (int i = 0; i < %INPUTS%; i++) {
                  seed = (uint64_t) c * 1000003 + i;
                  memset(&s, 0, sizeof s);
                  for (int w = 0; w < 512 / 8; w++) { uint64_t v = word(); memcpy(s.b + 8 * w, &v, 8); }
                  for (int w = 0; w < 128 / 8; w++) { uint64_t v = word(); memcpy(s.b + 576 + 8 * w, &v, 8); }
                  uint64_t g[3] = {next() % 4 == 0 ? next() % 40 : next(), next() % 3 == 0 ? next() % 20 : next(), next() % 2 ? next() % 20 : next()};
                  memcpy(s.b + 520, g, 24);
                  uint32_t mx = MX[next() % 8];
                  memcpy(s.b + 544, &mx, 4);
                  hex("I ", &s);
                  run_case(starts[c], &s);
                  hex("O ", &s);
                }
              }
              return 0;
            }
            """.replace("%INPUTS%", Integer.toString(INPUTS)));
        return s.toString();
    }

    static String runNative(Path dir, String source) throws IOException, InterruptedException {
        Path c = dir.resolve("avx.c");
        Files.writeString(c, source);
        Path exe = dir.resolve("avx");
        Process p = new ProcessBuilder("gcc", "-O1", "-o", exe.toString(), c.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gcc failed:\n" + log);
        }
        Process r = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(r.getInputStream().readAllBytes());
        if (!r.waitFor(120, TimeUnit.SECONDS) || r.exitValue() != 0) {
            throw new IOException("native run failed (" + r.exitValue() + "): " + out.substring(Math.max(0, out.length() - 2000)));
        }
        return out;
    }

    static long word(byte[] s, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (s[off + i] & 0xff);
        }
        return v;
    }

    static void setWord(byte[] s, int off, long v) {
        for (int i = 0; i < 8; i++) {
            s[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Runs {@code code} from state {@code in} and returns the state after it, in the native layout. */
    static byte[] emulate(SnippetRunner r, byte[] in) {
        for (int i = 0; i < 16; i++) {
            r.cpu.sse.set(i, word(in, 32 * i), word(in, 32 * i + 8));
            r.cpu.sse.setUpper(i, word(in, 32 * i + 16), word(in, 32 * i + 24));
        }
        r.cpu.rax = word(in, RAX);
        r.cpu.rcx = word(in, RCX);
        r.cpu.rdx = word(in, RDX);
        r.cpu.rdi = SnippetRunner.DATA;
        r.cpu.sse.mxcsr = (int) word(in, MXCSR);
        r.cpu.setRflags(0x202);
        r.mem.poke(SnippetRunner.DATA, in, MEM, MEM_SIZE);
        EngineExit e = r.run();
        if (e.kind() != EngineExit.Kind.SIGNAL || e.signal() != Signals.SIGTRAP) {
            return null;
        }
        byte[] out = in.clone();
        for (int i = 0; i < 16; i++) {
            setWord(out, 32 * i, r.cpu.sse.lo(i));
            setWord(out, 32 * i + 8, r.cpu.sse.hi(i));
            setWord(out, 32 * i + 16, r.cpu.sse.upperLo(i));
            setWord(out, 32 * i + 24, r.cpu.sse.upperHi(i));
        }
        setWord(out, RFLAGS, r.cpu.rflags());
        setWord(out, RAX, r.cpu.rax);
        setWord(out, RCX, r.cpu.rcx);
        setWord(out, RDX, r.cpu.rdx);
        setWord(out, MXCSR, r.cpu.sse.mxcsr & 0xffffffffL);
        byte[] m = new byte[MEM_SIZE];
        r.mem.read(SnippetRunner.DATA, m, 0, MEM_SIZE);
        System.arraycopy(m, 0, out, MEM, MEM_SIZE);
        return out;
    }

    static String diff(byte[] want, byte[] got) {
        List<String> d = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            for (int w = 0; w < 4; w++) {
                int off = 32 * i + 8 * w;
                if (word(want, off) != word(got, off)) {
                    d.add("ymm" + i + "[" + (64 * w + 63) + ":" + 64 * w + "] " + Long.toHexString(word(got, off))
                            + " != native " + Long.toHexString(word(want, off)));
                }
            }
        }
        long fw = word(want, RFLAGS) & 0x8d5, fg = word(got, RFLAGS) & 0x8d5;
        if (fw != fg) d.add("flags " + Long.toHexString(fg) + " != native " + Long.toHexString(fw));
        String[] g = {"rax", "rcx", "rdx"};
        for (int i = 0; i < 3; i++) {
            if (word(want, RAX + 8 * i) != word(got, RAX + 8 * i)) {
                d.add(g[i] + " " + Long.toHexString(word(got, RAX + 8 * i)) + " != native " + Long.toHexString(word(want, RAX + 8 * i)));
            }
        }
        if ((int) word(want, MXCSR) != (int) word(got, MXCSR)) {
            d.add("mxcsr " + Integer.toHexString((int) word(got, MXCSR)) + " != native " + Integer.toHexString((int) word(want, MXCSR)));
        }
        for (int i = 0; i < MEM_SIZE; i += 8) {
            if (word(want, MEM + i) != word(got, MEM + i)) {
                d.add("mem+" + i + " " + Long.toHexString(word(got, MEM + i)) + " != native " + Long.toHexString(word(want, MEM + i)));
            }
        }
        return String.join("; ", d);
    }

    @Test
    void everyAvxFormMatchesTheHostCpu(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64") && hostHasAvx2(), "needs an x86-64 host with AVX2");
        assumeTrue(gccAvailable(), "host gcc not found: AVX cross-check skipped");
        List<AvxCrossCheckCases.Case> cases = AvxCrossCheckCases.all();
        String out = runNative(dir, program(cases));
        HexFormat hex = HexFormat.of();
        Map<String, SnippetRunner> runners = new LinkedHashMap<>();
        for (String engine : new String[] {"interp", "jit"}) {
            runners.put(engine, new SnippetRunner(engine));
        }
        Map<String, int[]> perFamily = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int idx = -1;
        String code = null;
        byte[] in = null;
        boolean reported = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("C ")) {
                String[] p = line.split(" ");
                idx = Integer.parseInt(p[1]);
                code = p.length > 2 ? p[2] : "";
                for (SnippetRunner r : runners.values()) {
                    r.code(code);
                }
                reported = false;
                perFamily.computeIfAbsent(cases.get(idx).family(), k -> new int[2])[0]++;
            } else if (line.startsWith("I ")) {
                in = hex.parseHex(line.substring(2));
            } else if (line.startsWith("O ")) {
                byte[] want = hex.parseHex(line.substring(2));
                for (Map.Entry<String, SnippetRunner> e : runners.entrySet()) {
                    byte[] got = emulate(e.getValue(), in);
                    String d = got == null ? "did not reach the end (signal)" : diff(want, got);
                    if (!d.isEmpty() && !reported) {
                        reported = true;
                        perFamily.get(cases.get(idx).family())[1]++;
                        problems.add(cases.get(idx).asm() + " [" + e.getKey() + ", " + code + "]: " + d);
                    }
                }
            }
        }
        System.out.println("AVX native cross-check: " + cases.size() + " forms x " + INPUTS + " inputs; per family (forms, failing): "
                + perFamily.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).toList());
        assertTrue(problems.isEmpty(), problems.size() + " forms differ from the host CPU:\n"
                + String.join("\n", problems.subList(0, Math.min(60, problems.size()))));
    }
}
