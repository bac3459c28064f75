package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.x86.LazyFlags;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host CPU as the oracle for integer results and flags. At test time (when gcc and an x86-64
 * host are available) every instruction form below is assembled into a C harness that loads rax,
 * rbx, rcx, rdx and RFLAGS, executes the form and prints the registers and RFLAGS back; the harness
 * also prints the form's bytes, which jtcg then runs under jit (all inputs) and interp (every 8th)
 * with the same inputs. Registers must match exactly; flags must match on the flags the SDM defines
 * for the form and input (undefined ones are only counted). Division forms that fault natively
 * (SIGFPE) must raise SIGFPE in jtcg too.
 */
class NativeFlagOracleTest {
    @TempDir
    static Path dir;

    static Path harness;

    /** Which flags are architecturally defined for a form, given its inputs. */
    enum Rule { ALL, LOGIC, INCDEC, SHIFT, ROT, DSHIFT, MUL, DIV, BT, BSF, CNT, NONE_CHANGED, BMI, BEXTR }

    record Form(String text, int width, Rule rule) {}

    static final String[][] REGS = {{"al", "bl", "cl", "dl"}, {"ax", "bx", "cx", "dx"},
        {"eax", "ebx", "ecx", "edx"}, {"rax", "rbx", "rcx", "rdx"}};

    static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        int[] widths = {1, 2, 4, 8};
        for (int w : widths) {
            String[] r = REGS[Integer.numberOfTrailingZeros(w)];
            String a = r[0], b = r[1];
            for (String op : new String[] {"add", "adc", "sub", "sbb", "cmp"}) {
                f.add(new Form(op + " " + a + ", " + b, w, Rule.ALL));
                f.add(new Form(op + " " + a + ", 0x55", w, Rule.ALL));
                if (w > 1) {
                    f.add(new Form(op + " " + b + ", -3", w, Rule.ALL));
                }
            }
            for (String op : new String[] {"and", "or", "xor", "test"}) {
                f.add(new Form(op + " " + a + ", " + b, w, Rule.LOGIC));
                f.add(new Form(op + " " + b + ", 0x71", w, Rule.LOGIC));
            }
            f.add(new Form("neg " + a, w, Rule.ALL));
            f.add(new Form("not " + a, w, Rule.ALL));
            f.add(new Form("inc " + a, w, Rule.INCDEC));
            f.add(new Form("dec " + b, w, Rule.INCDEC));
            for (String op : new String[] {"shl", "shr", "sar", "rol", "ror", "rcl", "rcr"}) {
                Rule rule = op.startsWith("r") ? Rule.ROT : Rule.SHIFT;
                f.add(new Form(op + " " + a + ", 1", w, rule));
                f.add(new Form(op + " " + a + ", cl", w, rule));
                f.add(new Form(op + " " + a + ", 5", w, rule));
            }
            // inc/dec keep CF: its value from each kind of producer known in the same block (x86perf, round 6)
            for (String producer : new String[] {"adc " + a + ", " + b, "sbb " + a + ", " + b, "shl " + a + ", 5",
                    "shr " + a + ", 1", "sar " + a + ", 5", "imul " + b, "inc " + b, "dec " + b, "and " + a + ", " + b}) {
                f.add(new Form(producer + "; inc " + r[3] + "; dec " + r[2], w, Rule.INCDEC));
            }
            f.add(new Form("mul " + b, w, Rule.MUL));
            f.add(new Form("imul " + b, w, Rule.MUL));
            f.add(new Form("div " + b, w, Rule.DIV));
            f.add(new Form("idiv " + b, w, Rule.DIV));
            f.add(new Form("xadd " + a + ", " + b, w, Rule.ALL));
            f.add(new Form("cmpxchg " + b + ", " + r[3], w, Rule.ALL));
            for (int cc = 0; cc < 16; cc++) {
                String[] names = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
                f.add(new Form("cmp " + a + ", " + b + "; set" + names[cc] + " dl", w, Rule.ALL));
                if (w == 4 || w == 1) {
                    f.add(new Form("sub " + a + ", " + b + "; set" + names[cc] + " dl", w, Rule.ALL));
                    f.add(new Form("test " + a + ", " + b + "; set" + names[cc] + " dl", w, Rule.LOGIC));
                    f.add(new Form("add " + a + ", " + b + "; set" + names[cc] + " dl", w, Rule.ALL));
                    f.add(new Form("inc " + a + "; set" + names[cc] + " dl", w, Rule.INCDEC));
                    f.add(new Form("set" + names[cc] + " dl", w, Rule.ALL));
                }
                if (w == 8) {
                    f.add(new Form("cmp " + a + ", " + b + "; cmov" + names[cc] + " rdx, rbx", w, Rule.ALL));
                    f.add(new Form("shl " + a + ", cl; set" + names[cc] + " dl", w, Rule.SHIFT));
                }
            }
            if (w > 1) {
                f.add(new Form("imul " + a + ", " + b, w, Rule.MUL));
                f.add(new Form("imul " + a + ", " + b + ", 0x71", w, Rule.MUL));
                f.add(new Form("imul " + a + ", " + b + ", -7", w, Rule.MUL));
                f.add(new Form("shld " + a + ", " + b + ", cl", w, Rule.DSHIFT));
                f.add(new Form("shrd " + a + ", " + b + ", cl", w, Rule.DSHIFT));
                f.add(new Form("shld " + a + ", " + b + ", 3", w, Rule.DSHIFT));
                f.add(new Form("shrd " + a + ", " + b + ", 3", w, Rule.DSHIFT));
                for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
                    f.add(new Form(op + " " + a + ", " + b, w, Rule.BT));
                    f.add(new Form(op + " " + a + ", 13", w, Rule.BT));
                }
                f.add(new Form("bsf " + a + ", " + b, w, Rule.BSF));
                f.add(new Form("bsr " + a + ", " + b, w, Rule.BSF));
                f.add(new Form("tzcnt " + a + ", " + b, w, Rule.CNT));
                f.add(new Form("lzcnt " + a + ", " + b, w, Rule.CNT));
                f.add(new Form("popcnt " + a + ", " + b, w, Rule.ALL));
            }
            if (w >= 4) {
                f.add(new Form("bswap " + a, w, Rule.ALL));
            }
        }
        // BMI1/BMI2 (VEX, issue 15): OF SF ZF CF defined (bextr: OF ZF CF); the others keep every flag
        for (int w : new int[] {4, 8}) {
            String[] r = REGS[Integer.numberOfTrailingZeros(w)];
            String a = r[0], b = r[1], c = r[2];
            f.add(new Form("andn " + a + ", " + b + ", " + c, w, Rule.BMI));
            f.add(new Form("bextr " + a + ", " + b + ", " + c, w, Rule.BEXTR));
            for (String op : new String[] {"blsi", "blsmsk", "blsr"}) {
                f.add(new Form(op + " " + a + ", " + b, w, Rule.BMI));
            }
            f.add(new Form("bzhi " + a + ", " + b + ", " + c, w, Rule.BMI));
            for (String op : new String[] {"mulx", "pdep", "pext", "sarx", "shlx", "shrx"}) {
                f.add(new Form(op + " " + a + ", " + b + ", " + c, w, Rule.NONE_CHANGED));
            }
            f.add(new Form("mulx " + r[1] + ", " + r[1] + ", " + c, w, Rule.NONE_CHANGED)); // same register: the high half
            f.add(new Form("rorx " + a + ", " + b + ", 13", w, Rule.NONE_CHANGED));
            f.add(new Form("rorx " + a + ", " + b + ", 0", w, Rule.NONE_CHANGED));
        }
        for (String s : new String[] {"cbw", "cwde", "cdqe", "cwd", "cdq", "cqo", "lahf", "sahf", "clc", "stc", "cmc"}) {
            f.add(new Form(s, 8, Rule.ALL));
        }
        return f;
    }

    static final List<Form> FORMS = forms();

    /** Why the oracle cannot run here (null: it can). Checked per test: a skip in @BeforeAll leaves no report entry. */
    static String unavailable;

    @BeforeEach
    void needsTheHarness() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @BeforeAll
    static void buildHarness() throws Exception {
        if (!System.getProperty("os.arch").equals("amd64")) {
            unavailable = "native oracle skipped: it needs an x86-64 host";
            return;
        }
        if (!hasGcc()) {
            unavailable = "native oracle skipped: gcc not found";
            return;
        }
        StringBuilder s = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int i = 0; i < FORMS.size(); i++) {
            // rdi -> {rax, rbx, rcx, rdx, rflags}
            s.append(".globl f").append(i).append("\nf").append(i).append(":\n")
             .append(" push rbx\n mov rax, [rdi]\n mov rbx, [rdi+8]\n mov rcx, [rdi+16]\n mov rdx, [rdi+24]\n")
             .append(" push qword ptr [rdi+32]\n popfq\n")
             .append(".globl s").append(i).append("\ns").append(i).append(":\n ")
             .append(FORMS.get(i).text().replace("; ", "\n ")).append("\n")
             .append(".globl e").append(i).append("\ne").append(i).append(":\n")
             .append(" pushfq\n pop qword ptr [rdi+32]\n mov [rdi], rax\n mov [rdi+8], rbx\n mov [rdi+16], rcx\n")
             .append(" mov [rdi+24], rdx\n pop rbx\n ret\n");
        }
        Files.writeString(dir.resolve("forms.s"), s.toString());
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <signal.h>\n#include <setjmp.h>\n");
        c.append("static sigjmp_buf jb;\nstatic void fpe(int s) { siglongjmp(jb, 1); }\n");
        c.append("typedef void (*fn)(unsigned long *);\n");
        for (int i = 0; i < FORMS.size(); i++) {
            c.append("extern void f").append(i).append("(unsigned long *); extern char s").append(i)
             .append("[], e").append(i).append("[];\n");
        }
        c.append("static fn F[] = {");
        for (int i = 0; i < FORMS.size(); i++) c.append("f").append(i).append(",");
        c.append("};\nstatic char *S[] = {");
        for (int i = 0; i < FORMS.size(); i++) c.append("s").append(i).append(",");
        c.append("};\nstatic char *E[] = {");
        for (int i = 0; i < FORMS.size(); i++) c.append("e").append(i).append(",");
        c.append("};\n");
        c.append("int main(void) {\n signal(SIGFPE, fpe);\n");
        c.append(" for (int i = 0; i < ").append(FORMS.size())
         .append("; i++) { printf(\"B\"); for (char *p = S[i]; p < E[i]; p++) printf(\"%02x\", (unsigned char)*p); printf(\"\\n\"); }\n fflush(stdout);\n");
        c.append(" int k; unsigned long r[5];\n");
        c.append(" while (scanf(\"%d %lx %lx %lx %lx %lx\", &k, &r[0], &r[1], &r[2], &r[3], &r[4]) == 6) {\n");
        c.append("  if (sigsetjmp(jb, 1)) { printf(\"FPE\\n\"); fflush(stdout); continue; }\n");
        c.append("  F[k](r); printf(\"%lx %lx %lx %lx %lx\\n\", r[0], r[1], r[2], r[3], r[4]);\n }\n return 0;\n}\n");
        Files.writeString(dir.resolve("h.c"), c.toString());
        harness = dir.resolve("h");
        Process p = new ProcessBuilder("gcc", "-O1", "-o", harness.toString(), dir.resolve("h.c").toString(),
                dir.resolve("forms.s").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "harness build failed:\n" + out);
    }

    static boolean hasGcc() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static final long[] EDGES = {0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffffL,
        0x80000000L, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, 0x5555555555555555L};
    static final long[] COUNTS = {0, 1, 2, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0x101};

    record Input(int form, long[] r) {}

    static List<Input> inputs() {
        Random rnd = new Random(20240601);
        List<Input> in = new ArrayList<>();
        long[] flagsIn = {0x202, 0x202 | LazyFlags.OSZAPC, 0x203, 0x2c6, 0x202 | LazyFlags.OF | LazyFlags.AF};
        for (int k = 0; k < FORMS.size(); k++) {
            boolean div = FORMS.get(k).rule() == Rule.DIV;
            int n = 0;
            for (long a : EDGES) {
                for (long b : EDGES) {
                    long c = COUNTS[n % COUNTS.length];
                    long d = div ? (n % 3 == 0 ? 0 : EDGES[(n / 7) % EDGES.length]) : rnd.nextLong();
                    in.add(new Input(k, new long[] {a, b, c, d, flagsIn[n % flagsIn.length]}));
                    n++;
                }
            }
            for (int i = 0; i < 120; i++) {
                long a = rnd.nextLong() >> rnd.nextInt(64), b = rnd.nextLong() >> rnd.nextInt(64);
                long c = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(70);
                long d = div ? rnd.nextLong() >> rnd.nextInt(64) : rnd.nextLong();
                in.add(new Input(k, new long[] {a, b, c, d, 0x202 | (rnd.nextLong() & LazyFlags.OSZAPC)}));
            }
        }
        return in;
    }

    /** Defined-flag mask for a form and its inputs. */
    static long definedFlags(Form f, long[] in) {
        int bits = 8 * f.width();
        long all = LazyFlags.OSZAPC;
        String op = f.text().split(" ")[0];
        long cnt = f.text().endsWith(", cl") ? in[2] : f.text().matches(".*, \\d+$")
                ? Long.parseLong(f.text().replaceAll(".*, ", "")) : 1;
        cnt &= f.width() == 8 ? 63 : 31;
        return switch (f.rule()) {
            case ALL, INCDEC, NONE_CHANGED -> all;
            case LOGIC -> all & ~LazyFlags.AF;
            case SHIFT -> {
                if (cnt == 0) yield all;
                long m = LazyFlags.SF | LazyFlags.ZF | LazyFlags.PF | LazyFlags.CF;
                if (cnt > bits) m &= ~LazyFlags.CF;
                if (cnt == 1) m |= LazyFlags.OF;
                if (f.text().contains(";")) m = all & ~LazyFlags.AF & ~LazyFlags.OF; // setcc reads a mix
                yield m;
            }
            case ROT -> {
                if (cnt == 0) yield all;
                yield cnt == 1 ? all : all & ~LazyFlags.OF;
            }
            case DSHIFT -> {
                if (cnt == 0) yield all;
                if (cnt > bits) yield 0;
                long m = LazyFlags.SF | LazyFlags.ZF | LazyFlags.PF | LazyFlags.CF;
                yield cnt == 1 ? m | LazyFlags.OF : m;
            }
            case MUL -> LazyFlags.CF | LazyFlags.OF;
            case DIV -> 0;
            case BT -> LazyFlags.CF | LazyFlags.ZF;
            case BSF -> LazyFlags.ZF;
            case CNT -> LazyFlags.ZF | LazyFlags.CF;
            case BMI -> LazyFlags.OF | LazyFlags.SF | LazyFlags.ZF | LazyFlags.CF;
            case BEXTR -> LazyFlags.OF | LazyFlags.ZF | LazyFlags.CF;
        };
    }

    /** Registers whose result the SDM leaves undefined (bsf/bsr with a zero source, 16-bit shld/shrd beyond 16). */
    static boolean registersDefined(Form f, long[] in) {
        if (f.rule() == Rule.BSF && (in[1] & LazyFlags.mask(f.width())) == 0) {
            return false;
        }
        return !(f.rule() == Rule.DSHIFT && f.width() == 2 && f.text().endsWith("cl") && (in[2] & 31) > 16);
    }

    @Test
    void integerInstructionsMatchTheHostCpu() throws Exception {
        List<Input> in = inputs();
        Process p = new ProcessBuilder(harness.toString()).start();
        byte[][] code = new byte[FORMS.size()][];
        BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        for (int i = 0; i < FORMS.size(); i++) {
            String l = rd.readLine();
            code[i] = HexFormat.of().parseHex(l.substring(1));
        }
        Thread writer = new Thread(() -> {
            try (OutputStream os = p.getOutputStream()) {
                StringBuilder sb = new StringBuilder();
                for (Input x : in) {
                    sb.append(x.form());
                    for (long v : x.r()) sb.append(' ').append(Long.toHexString(v));
                    sb.append('\n');
                    if (sb.length() > 1 << 16) {
                        os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                        sb.setLength(0);
                    }
                }
                os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        List<String> nat = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            nat.add(rd.readLine());
        }
        writer.join();
        p.waitFor(60, TimeUnit.SECONDS);

        List<String> failures = new ArrayList<>();
        int[] undefinedSame = new int[1], undefinedTotal = new int[1];
        for (String engine : new String[] {"jit", "interp"}) {
            SnippetRunner r = new SnippetRunner(engine);
            for (int k = 0; k < FORMS.size(); k++) {
                r.code(SnippetRunner.CODE + 64L * k, HexFormat.of().formatHex(code[k]));
            }
            for (int i = 0; i < in.size(); i++) {
                if (engine.equals("interp") && i % 8 != 0) continue;
                Input x = in.get(i);
                Form f = FORMS.get(x.form());
                r.cpu.rax = x.r()[0]; r.cpu.rbx = x.r()[1]; r.cpu.rcx = x.r()[2]; r.cpu.rdx = x.r()[3];
                r.cpu.setRflags(x.r()[4]);
                r.cpu.pc = SnippetRunner.CODE + 64L * x.form();
                EngineExit e = r.engine.run(r.cpu);
                String expect = nat.get(i);
                String where = engine + " " + f.text() + " in=" + fmt(x.r());
                if (expect.equals("FPE")) {
                    if (e.signal() != Signals.SIGFPE) failures.add(where + ": expected SIGFPE, got " + e);
                    continue;
                }
                if (e.signal() != Signals.SIGTRAP) {
                    failures.add(where + ": stopped with " + e);
                    continue;
                }
                String[] t = expect.split(" ");
                long[] want = new long[5];
                for (int j = 0; j < 5; j++) want[j] = Long.parseUnsignedLong(t[j], 16);
                long[] got = {r.cpu.rax, r.cpu.rbx, r.cpu.rcx, r.cpu.rdx, r.cpu.rflags()};
                long mask = definedFlags(f, x.r());
                boolean regsOk = !registersDefined(f, x.r())
                        || (got[0] == want[0] && got[1] == want[1] && got[2] == want[2] && got[3] == want[3]);
                boolean flagsOk = ((got[4] ^ want[4]) & mask) == 0 && ((got[4] ^ want[4]) & ~LazyFlags.OSZAPC & 0xfff) == 0;
                if (engine.equals("jit")) {
                    undefinedTotal[0]++;
                    if (((got[4] ^ want[4]) & LazyFlags.OSZAPC & ~mask) == 0) undefinedSame[0]++;
                }
                if (!regsOk || !flagsOk) {
                    failures.add(where + " native=" + fmt(want) + " jtcg=" + fmt(got)
                            + String.format(" flagdiff=%x mask=%x", got[4] ^ want[4], mask));
                }
            }
            r.engine.close();
        }
        java.util.Map<String, Integer> perForm = new java.util.TreeMap<>();
        for (String fl : failures) perForm.merge(fl.substring(0, fl.indexOf(" in=")), 1, Integer::sum);
        perForm.forEach((k, v) -> System.out.println("MISMATCH " + k + ": " + v));
        System.out.printf("native oracle: %d forms, %d inputs; undefined flags equal to the host's in %d of %d runs%n",
                FORMS.size(), in.size(), undefinedSame[0], undefinedTotal[0]);
        assertEquals(List.of(), failures.size() > 40 ? failures.subList(0, 40) : failures,
                failures.size() + " mismatches");
    }

    private static String fmt(long[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (long x : v) sb.append(Long.toHexString(x)).append(' ');
        return sb.append(']').toString();
    }
}
