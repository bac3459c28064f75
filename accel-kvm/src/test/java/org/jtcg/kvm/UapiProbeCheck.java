package org.jtcg.kvm;

import org.jtcg.kvm.sys.StructLayout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a UAPI probe's output with a plug-in's Java tables, line by line, and says what differs or was
 * never checked. Line kinds: {@code struct <name> <size>}, {@code field <struct>.<member> <offset> <size>},
 * {@code const <macro> <value>}, {@code id <register name> <id>}, {@code place <register name> <offset> <size>}
 * (where a register lives in a struct). Values are unsigned decimal.
 *
 * @param structs the Java layouts by C struct name (each must be printed)
 * @param consts  ioctl numbers and constants by C macro name (each must be printed)
 * @param ids     ONE_REG ids by jtcg register name (each must be printed)
 * @param places  register placements by name: {offset, size} (each must be printed)
 */
public record UapiProbeCheck(Map<String, StructLayout> structs, Map<String, Long> consts, Map<String, Long> ids,
                             Map<String, int[]> places) {
    /** What the comparison found: one line per difference or unchecked entry, and counts per line kind. */
    public record Result(List<String> mismatches, int structs, int fields, int consts, int ids, int places) {}

    public Result compare(List<String> lines) {
        List<String> bad = new ArrayList<>();
        Set<String> seenStructs = new HashSet<>(), seenConsts = new HashSet<>(), seenIds = new HashSet<>(),
                seenPlaces = new HashSet<>();
        int nStruct = 0, nField = 0, nConst = 0, nId = 0, nPlace = 0;
        for (String line : lines) {
            String[] l = line.trim().split(" ");
            switch (l[0]) {
                case "struct" -> {
                    nStruct++;
                    seenStructs.add(l[1]);
                    StructLayout s = structs.get(l[1]);
                    if (s == null) {
                        bad.add("struct " + l[1] + ": no Java layout");
                    } else if (s.size() != Integer.parseInt(l[2])) {
                        bad.add("sizeof(struct " + l[1] + "): headers " + l[2] + ", Java " + s.size());
                    }
                }
                case "field" -> {
                    nField++;
                    int dot = l[1].indexOf('.');
                    StructLayout s = structs.get(l[1].substring(0, dot));
                    String member = l[1].substring(dot + 1);
                    if (s == null || !s.fields().containsKey(member)) {
                        bad.add(l[1] + ": no Java field");
                        continue;
                    }
                    StructLayout.Field f = s.field(member);
                    if (f.offset() != Integer.parseInt(l[2]) || f.size() != Integer.parseInt(l[3])) {
                        bad.add(l[1] + ": headers offset " + l[2] + " size " + l[3] + ", Java offset " + f.offset()
                                + " size " + f.size());
                    }
                }
                case "const" -> {
                    nConst++;
                    seenConsts.add(l[1]);
                    check(bad, l[1], consts.get(l[1]), Long.parseUnsignedLong(l[2]));
                }
                case "id" -> {
                    nId++;
                    seenIds.add(l[1]);
                    check(bad, l[1], ids.get(l[1]), Long.parseUnsignedLong(l[2]));
                }
                case "place" -> {
                    nPlace++;
                    seenPlaces.add(l[1]);
                    int[] p = places.get(l[1]);
                    if (p == null) {
                        bad.add(l[1] + ": no Java placement");
                    } else if (p[0] != Integer.parseInt(l[2]) || p[1] != Integer.parseInt(l[3])) {
                        bad.add(l[1] + ": headers offset " + l[2] + " size " + l[3] + ", Java offset " + p[0] + " size " + p[1]);
                    }
                }
                default -> bad.add("unknown probe line: " + line);
            }
        }
        unchecked(bad, "struct", structs.keySet(), seenStructs);
        unchecked(bad, "constant", consts.keySet(), seenConsts);
        unchecked(bad, "id", ids.keySet(), seenIds);
        unchecked(bad, "placement", places.keySet(), seenPlaces);
        return new Result(bad, nStruct, nField, nConst, nId, nPlace);
    }

    private static void check(List<String> bad, String name, Long mine, long theirs) {
        if (mine == null) {
            bad.add(name + ": not in the Java tables");
        } else if (mine != theirs) {
            bad.add(String.format("%s: headers 0x%x, Java 0x%x", name, theirs, mine));
        }
    }

    private static void unchecked(List<String> bad, String kind, Set<String> java, Set<String> seen) {
        for (String k : java) {
            if (!seen.contains(k)) {
                bad.add(kind + " " + k + ": not checked by the probe");
            }
        }
    }
}
