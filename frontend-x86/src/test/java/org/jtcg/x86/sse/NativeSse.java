package org.jtcg.x86.sse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SSE instructions on the host CPU: generates a C program with one inline-asm case per
 * instruction variant, compiles it with gcc, feeds it "case a.lo a.hi b.lo b.hi mxcsr" lines and
 * reads back "dst.lo dst.hi gpr mxcsr". The asm loads the given MXCSR, executes the instruction with
 * dst = first operand (xmm "a"), src = second (xmm "b"; GPR sources get "g": b.lo, or the optional
 * seventh input), stores MXCSR and restores the default, so the C code around it is unaffected. The
 * asm may also use rax, rcx, rdx and xmm0 (implicit operands: string compares, blendv) and the xmm
 * input "m" = {g, ~g} (a blendv mask to copy into xmm0).
 */
final class NativeSse {
    /** One host result. */
    record Result(long lo, long hi, long gpr, int mxcsr) {}

    private final Path dir;
    private final Path exe;

    private NativeSse(Path dir, Path exe) {
        this.dir = dir;
        this.exe = exe;
    }

    /** True when a host gcc for x86-64 is usable. */
    static boolean available() {
        if (!System.getProperty("os.arch").matches("amd64|x86_64")) return false;
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Compiles a program whose case i executes {@code asm.get(i)} (AT&T, operands %[a] %[b] %[g] %[r]). */
    static NativeSse compile(List<String> asm) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jtcg-sse-native");
        StringBuilder c = new StringBuilder();
        c.append("#include <stdio.h>\n#include <stdint.h>\n#include <emmintrin.h>\n")
         .append("#define OP(n, insn) case n: __asm__ volatile(\"ldmxcsr %[ci]\\n\\t\" insn "
                 + "\"\\n\\tstmxcsr %[co]\\n\\tldmxcsr %[rs]\" : [a]\"+x\"(a), [co]\"=m\"(co), "
                 + "[r]\"+r\"(r) : [b]\"x\"(b), [m]\"x\"(m), [ci]\"m\"(ci), [rs]\"m\"(rs), [g]\"r\"(g) "
                 + ": \"cc\", \"rax\", \"rcx\", \"rdx\", \"xmm0\"); break;\n")
         .append("int main(void) {\n  unsigned id, ci, co, rs = 0x1f80;\n")
         .append("  unsigned long long alo, ahi, blo, bhi, gin;\n")
         .append("  while (scanf(\"%x %llx %llx %llx %llx %x %llx\", &id, &alo, &ahi, &blo, &bhi, &ci, &gin) == 7) {\n")
         .append("    __m128i a = _mm_set_epi64x((long long) ahi, (long long) alo);\n")
         .append("    __m128i b = _mm_set_epi64x((long long) bhi, (long long) blo);\n")
         .append("    __m128i m = _mm_set_epi64x((long long) ~gin, (long long) gin);\n")
         .append("    uint64_t g = gin, r = 0; co = 0;\n    switch (id) {\n");
        for (int i = 0; i < asm.size(); i++) {
            c.append("      OP(").append(i).append(", \"").append(asm.get(i).replace("\n", "\\n\\t")).append("\")\n");
        }
        c.append("      default: return 2;\n    }\n")
         .append("    printf(\"%llx %llx %llx %x\\n\", (unsigned long long) _mm_cvtsi128_si64(a),")
         .append(" (unsigned long long) _mm_cvtsi128_si64(_mm_unpackhi_epi64(a, a)), (unsigned long long) r, co);\n")
         .append("  }\n  return 0;\n}\n");
        Path src = dir.resolve("sse.c");
        Path exe = dir.resolve("sse");
        Files.writeString(src, c.toString());
        Process p = new ProcessBuilder("gcc", "-O1", "-mno-red-zone", "-msse2", "-o", exe.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("gcc failed on " + src + ":\n" + out);
        }
        return new NativeSse(dir, exe);
    }

    /** Runs the inputs (case, a.lo, a.hi, b.lo, b.hi, mxcsr) in one process. */
    List<Result> run(List<long[]> inputs) throws IOException, InterruptedException {
        Path in = dir.resolve("in.txt"), out = dir.resolve("out.txt");
        StringBuilder sb = new StringBuilder(inputs.size() * 80);
        for (long[] v : inputs) {
            sb.append(Long.toHexString(v[0])).append(' ').append(Long.toHexString(v[1])).append(' ')
              .append(Long.toHexString(v[2])).append(' ').append(Long.toHexString(v[3])).append(' ')
              .append(Long.toHexString(v[4])).append(' ').append(Long.toHexString(v[5])).append(' ')
              .append(Long.toHexString(v.length > 6 ? v[6] : v[3])).append('\n');
        }
        Files.writeString(in, sb.toString());
        Process p = new ProcessBuilder(exe.toString()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("native SSE runner timed out");
        }
        List<String> lines = Files.readAllLines(out);
        if (lines.size() != inputs.size()) {
            throw new IllegalStateException("native runner exited " + p.exitValue() + " after " + lines.size()
                    + " of " + inputs.size() + " inputs");
        }
        List<Result> res = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = line.split(" ");
            res.add(new Result(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16),
                    Long.parseUnsignedLong(f[2], 16), Integer.parseUnsignedInt(f[3], 16)));
        }
        return res;
    }

    void delete() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }
}
