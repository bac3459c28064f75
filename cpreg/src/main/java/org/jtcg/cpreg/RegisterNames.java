package org.jtcg.cpreg;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human names for register ids, and the parser back.
 *
 * <p>Syntax (all lower case; the parser ignores case and surrounding blanks):
 * <ul>
 *   <li>{@code <arch>.<name>} for catalogue entries: {@code x86.rax}, {@code x86.fs.base},
 *       {@code arm64.tpidr_el0}, {@code s390.psw_addr}. Aliases (e.g. {@code arm64.lr}) parse
 *       but are never printed.</li>
 *   <li>{@code arm64.sysreg(op0,op1,crn,crm,op2)} for any arm64 system register (decimal fields).</li>
 *   <li>{@code x86.msr(0xNNN)} for any MSR (hex with 0x, or decimal).</li>
 *   <li>{@code <arch>.raw(<size>,0xLOW)} for any other id with a known arch and size, e.g.
 *       {@code s390.raw(u64,0x1234)}; LOW is bits 0-51 in hex.</li>
 *   <li>{@code id(0x<16 hex digits>)} for any 64-bit value, including ids whose arch or size
 *       field is not known.</li>
 * </ul>
 * {@link #name(long)} prints the most specific form; {@code parse(name(id)) == id} for every id.
 */
public final class RegisterNames {
    private static final Pattern SYSREG = Pattern.compile("sysreg\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern MSR = Pattern.compile("msr\\((0x[0-9a-f]+|\\d+)\\)");
    private static final Pattern RAW = Pattern.compile("raw\\((u\\d+),0x([0-9a-f]+)\\)");
    private static final Pattern ID = Pattern.compile("id\\(0x([0-9a-f]{1,16})\\)");

    private RegisterNames() {
    }

    /** The canonical name of any 64-bit value (never fails). */
    public static String name(long id) {
        RegArch arch = RegArch.fromCode(RegId.archCode(id));
        RegSize size = RegSize.fromField(RegId.sizeField(id));
        if (arch == null || size == null) {
            return String.format("id(0x%016x)", id);
        }
        RegisterCatalogue.Entry e = RegisterCatalogue.of(arch).byId(id);
        if (e != null) {
            return e.name();
        }
        if (arch == RegArch.ARM64 && Arm64Registers.isSysreg(id)) {
            int[] f = Arm64Registers.sysregFields(id);
            return String.format("arm64.sysreg(%d,%d,%d,%d,%d)", f[0], f[1], f[2], f[3], f[4]);
        }
        if (arch == RegArch.X86 && X86Registers.isMsr(id)) {
            return String.format("x86.msr(0x%x)", X86Registers.msrIndex(id));
        }
        return String.format("%s.raw(%s,0x%x)", arch.prefix(), size.lowerName(), RegId.low(id));
    }

    /** {@code "x86.rax (0x2030008000000000)"}: the form used in error messages. */
    public static String describe(long id) {
        String n = name(id);
        return n.startsWith("id(") ? n : n + " (" + RegId.hex(id) + ")";
    }

    /**
     * Parses any form {@link #name(long)} prints, plus catalogue aliases.
     *
     * @throws IllegalArgumentException with a message quoting the input if it names no register
     */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher m = ID.matcher(s);
        if (m.matches()) {
            return Long.parseUnsignedLong(m.group(1), 16);
        }
        int dot = s.indexOf('.');
        RegArch arch = dot < 0 ? null : RegArch.fromPrefix(s.substring(0, dot));
        if (arch == null) {
            throw new IllegalArgumentException("bad register name '" + text
                    + "': expected <arch>.<register> with arch x86, s390 or arm64, or id(0x...)");
        }
        String rest = s.substring(dot + 1);
        Long known = RegisterCatalogue.of(arch).idOf(rest);
        if (known != null) {
            return known;
        }
        try {
            if (arch == RegArch.ARM64 && (m = SYSREG.matcher(rest)).matches()) {
                return Arm64Registers.sysreg(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            }
            if (arch == RegArch.X86 && (m = MSR.matcher(rest)).matches()) {
                String n = m.group(1);
                return X86Registers.msr(n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n));
            }
            if ((m = RAW.matcher(rest)).matches()) {
                RegSize size = parseSize(m.group(1), text);
                return RegId.make(arch, size, Long.parseUnsignedLong(m.group(2), 16));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad register name '" + text + "': number out of range", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad register name '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown register '" + text + "' for arch " + arch.prefix());
    }

    private static RegSize parseSize(String s, String text) {
        for (RegSize size : RegSize.values()) {
            if (size.lowerName().equals(s)) {
                return size;
            }
        }
        throw new IllegalArgumentException("bad register name '" + text + "': unknown size " + s
                + " (u8, u16, ... u2048)");
    }
}
