package org.jtcg.x86.decoder;

import org.jtcg.core.decode.Words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The x86-64 opcode tables, loaded from the {@code opcodes.tbl} resource (format described at the
 * top of that file) into an array indexed by (opcode map, opcode byte). Each slot holds the rows
 * for that opcode in table order; the decoder picks the first that matches prefixes and ModRM.
 */
final class OpcodeTable {

    /** Slots: legacy maps 0-3 (one-byte, 0F, 0F38, 0F3A), then VEX maps 1-3 at 4 + map. */
    static final int MAPS = 8;
    /** Table map number of VEX map 0 (VEX map m, m = 1..3, is slot 4 + m). */
    static final int VEX_MAP_BASE = 4;
    private static final OpcodeTable INSTANCE = load();

    private final OpcodeRow[][] rows;

    private OpcodeTable(OpcodeRow[][] rows) {
        this.rows = rows;
    }

    /** The shared table (immutable once loaded). */
    static OpcodeTable get() {
        return INSTANCE;
    }

    /** Rows for {@code opcode} in {@code map}, or null when the opcode is not in the table. */
    OpcodeRow[] rows(int map, int opcode) {
        return rows[map * 256 + opcode];
    }

    /** Number of rows (after +r / +cc expansion), for tests and documentation. */
    int size() {
        int n = 0;
        for (OpcodeRow[] r : rows) {
            n += r == null ? 0 : r.length;
        }
        return n;
    }

    private static OpcodeTable load() {
        String res = "opcodes.tbl";
        try (InputStream in = OpcodeTable.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/jtcg/x86/decoder/" + res);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
            return parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses table lines; throws IllegalArgumentException naming the line on any error. */
    static OpcodeTable parse(List<String> lines) {
        @SuppressWarnings("unchecked")
        List<OpcodeRow>[] slots = new List[MAPS * 256];
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                for (OpcodeRow row : parseLine(t)) {
                    int slot = row.map() * 256 + row.opcode();
                    if (slots[slot] == null) {
                        slots[slot] = new ArrayList<>();
                    } else if (slots[slot].get(0).hasModrm() != row.hasModrm()) {
                        throw new IllegalArgumentException("rows of one opcode disagree on ModRM presence");
                    }
                    slots[slot].add(row);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("opcodes.tbl line " + lineNo + ": " + e.getMessage()
                        + ": " + t, e);
            }
        }
        OpcodeRow[][] rows = new OpcodeRow[MAPS * 256][];
        for (int i = 0; i < rows.length; i++) {
            if (slots[i] != null) {
                rows[i] = slots[i].toArray(new OpcodeRow[0]);
            }
        }
        return new OpcodeTable(rows);
    }

    private static List<OpcodeRow> parseLine(String line) {
        String[] cols = line.split("\\|", -1);
        if (cols.length != 4) {
            throw new IllegalArgumentException("expected 4 '|'-separated columns, got " + cols.length);
        }
        // ---- key
        String[] key = Words.of(cols[0]);
        int k = 0;
        boolean vexRow = key[0].equals("VEX");
        if (vexRow) {
            k++;
        }
        int prefix = 0;
        if (key.length > k + 1 && (key[k].equals("66") || key[k].equals("F2") || key[k].equals("F3"))) {
            prefix = Integer.parseInt(key[k], 16);
            k++;
        }
        int map = 0;
        if (key[k].equals("0F")) {
            map = 1;
            k++;
            if (k + 1 < key.length && (key[k].equals("38") || key[k].equals("3A"))
                    && isOpcodeToken(key[k + 1])) {
                map = key[k].equals("38") ? 2 : 3;
                k++;
            }
        }
        if (vexRow) {
            if (map == 0) {
                throw new IllegalArgumentException("a VEX row needs the 0F, 0F 38 or 0F 3A map");
            }
            map += VEX_MAP_BASE;
        }
        String opTok = key[k++];
        boolean plusR = opTok.endsWith("+r");
        boolean plusCc = opTok.endsWith("+cc");
        int opcode = Integer.parseInt(opTok.replace("+r", "").replace("+cc", ""), 16);
        int reg = -1, mod = -1, modrm = -1;
        for (; k < key.length; k++) {
            String t = key[k];
            if (t.startsWith("/")) {
                reg = Integer.parseInt(t.substring(1));
            } else if (t.equals("m")) {
                mod = 0;
            } else if (t.equals("r")) {
                mod = 3;
            } else if (t.startsWith("=")) {
                modrm = Integer.parseInt(t.substring(1), 16);
            } else {
                throw new IllegalArgumentException("bad key token '" + t + "'");
            }
        }
        // ---- mnemonic(s)
        String[] names = cols[1].trim().split("/");
        Mnemonic[] ops = new Mnemonic[names.length];
        for (int i = 0; i < names.length; i++) {
            ops[i] = Mnemonic.valueOf(names[i]);
        }
        if (ops.length == 0 || ops.length > 3) {
            throw new IllegalArgumentException("1, 2 or 3 mnemonics expected");
        }
        // ---- operands
        String opsCol = cols[2].trim();
        OperandSpec[] specs;
        if (opsCol.isEmpty()) {
            specs = new OperandSpec[0];
        } else {
            String[] codes = opsCol.split(",");
            specs = new OperandSpec[codes.length];
            for (int i = 0; i < codes.length; i++) {
                specs[i] = OperandSpec.parse(codes[i].trim());
            }
        }
        // ---- flags
        int flags = 0;
        int rexW = -1;
        int vexL = -1;
        String name = null;
        for (String f : Words.of(cols[3])) {
            switch (f) {
                case "" -> { }
                case "d64" -> flags |= OpcodeRow.F_D64;
                case "f64" -> flags |= OpcodeRow.F_F64;
                case "lock" -> flags |= OpcodeRow.F_LOCK;
                case "rexb0" -> flags |= OpcodeRow.F_REXB0;
                case "no66" -> flags |= OpcodeRow.F_NO66;
                case "movabs64" -> flags |= OpcodeRow.F_MOVABS64;
                case "movabsa64" -> flags |= OpcodeRow.F_MOVABSA64;
                case "nopfx" -> flags |= OpcodeRow.F_NOPFX;
                case "norep" -> flags |= OpcodeRow.F_NOREP;
                case "W0" -> rexW = 0;
                case "W1" -> rexW = 1;
                case "L0" -> vexL = 0;
                case "L1" -> vexL = 1;
                default -> {
                    if (f.startsWith("name=")) {
                        name = f.substring(5);
                    } else {
                        throw new IllegalArgumentException("unknown flag '" + f + "'");
                    }
                }
            }
        }
        if (vexL >= 0 && !vexRow) {
            throw new IllegalArgumentException("L0/L1 only apply to VEX rows");
        }
        boolean hasModrm = reg >= 0 || mod >= 0 || modrm >= 0;
        for (OperandSpec s : specs) {
            hasModrm |= s.usesModrm();
        }
        if (modrm >= 0) {
            reg = -1;
            mod = -1;
        }
        List<OpcodeRow> out = new ArrayList<>();
        if (plusR) {
            for (int r = 0; r < 8; r++) {
                out.add(new OpcodeRow(map, opcode + r, prefix, reg, mod, modrm, -1, ops, name, specs, flags, rexW, hasModrm, vexL));
            }
        } else if (plusCc) {
            for (int cc = 0; cc < 16; cc++) {
                out.add(new OpcodeRow(map, opcode + cc, prefix, reg, mod, modrm, cc, ops, name, specs, flags, rexW, hasModrm, vexL));
            }
        } else {
            out.add(new OpcodeRow(map, opcode, prefix, reg, mod, modrm, -1, ops, name, specs, flags, rexW, hasModrm, vexL));
        }
        return out;
    }

    /*
     * The table is parsed at every start (a guest's first translation), before C1 has compiled anything, so it
     * uses no regular expressions ({@link Words}): String.split with a pattern compiles it anew on every call,
     * which was most of the table's ~25 ms load time in HotSpot's bytecode interpreter.
     */

    /** Whether {@code t} is two upper-case hex digits, optionally followed by {@code +r} or {@code +cc}. */
    private static boolean isOpcodeToken(String t) {
        if (t.length() < 2 || !isUpperHex(t.charAt(0)) || !isUpperHex(t.charAt(1))) {
            return false;
        }
        String rest = t.substring(2);
        return rest.isEmpty() || rest.equals("+r") || rest.equals("+cc");
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    /** Condition-code suffixes in encoding order, as objdump spells them. */
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    /** Disassembly name of a conditional family member, e.g. JCC + 5 = "jne". */
    static String condName(Mnemonic op, int cc) {
        String base = switch (op) {
            case JCC -> "j";
            case SETCC -> "set";
            case CMOVCC -> "cmov";
            default -> op.name().toLowerCase(Locale.ROOT);
        };
        return base + CC[cc];
    }
}
