package org.jtcg.x86.decoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: runs GNU as / gcc / objdump and parses objdump's Intel-syntax listing. */
final class Binutils {

    /** One line of an objdump listing. */
    record Line(long address, String text) {
    }

    private Binutils() {
    }

    /** True when {@code tool} runs (answers --version). */
    static boolean available(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command, returns stdout; fails with the command's output when it exits non-zero. */
    static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t(.*)$");

    /** Instruction lines of {@code objdump -d -M intel --no-show-raw-insn [-j section] file}. */
    static List<Line> disassemble(Path dir, String file, String section) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("objdump", "-d", "-M", "intel", "--no-show-raw-insn", "-w"));
        if (section != null) {
            cmd.add("-j");
            cmd.add(section);
        }
        cmd.add(file);
        List<Line> lines = new ArrayList<>();
        for (String l : run(dir, cmd.toArray(new String[0])).split("\n")) {
            Matcher m = INSN.matcher(l);
            if (m.matches()) {
                lines.add(new Line(Long.parseUnsignedLong(m.group(1), 16), m.group(2)));
            }
        }
        return lines;
    }

    /** Start address and size of a section ({@code objdump -h}). */
    static long[] section(Path dir, String file, String name) throws IOException, InterruptedException {
        for (String l : run(dir, "objdump", "-h", file).split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals(name)) {
                return new long[] {Long.parseUnsignedLong(f[3], 16), Long.parseUnsignedLong(f[2], 16),
                    Long.parseUnsignedLong(f[5], 16)};
            }
        }
        throw new IOException("no section " + name + " in " + file);
    }

    private static final Pattern BRANCH = Pattern.compile(
            "^((?:bnd )?(?:j[a-z]+|call|loop[a-z]*|xbegin))\\s+([0-9a-f]+)$");

    /**
     * Normalises objdump's or our text for comparison: lower case, no comments or symbols, single
     * spaces, no space after commas, "0x" on branch targets, and objdump's redundant-prefix words
     * (data16, rex.W ...) dropped.
     */
    static String normalise(String s) {
        s = s.toLowerCase(Locale.ROOT);
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        s = s.replaceAll("<[^>]*>", "");
        s = s.replaceAll("\\s+", " ").trim();
        s = s.replace(", ", ",");
        s = s.replaceAll("\\b(rex(\\.[wrxb]+)?|data16|addr32) ", "");
        s = s.replaceAll("^((cs|ds|es|ss|notrack) )+", "");
        Matcher m = BRANCH.matcher(s);
        if (m.matches()) {
            s = m.group(1) + " 0x" + m.group(2);
        }
        return s;
    }

    /** Writes {@code content} to {@code dir/name}. */
    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
