package org.jtcg.core.cpu;

import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hot registers of one arch's CPU state class: which {@code public long} fields
 * exist and which canonical id each carries. Built once per class from a data table.
 */
public final class CpuLayout {
    private final Class<? extends CpuState> stateClass;
    private final List<CpuField> fields;
    private final Map<String, CpuField> byName = new HashMap<>();
    private final Map<Long, CpuField[]> byId = new HashMap<>();
    private final long[] ids;
    private final int vectorRegisters;

    private CpuLayout(Class<? extends CpuState> stateClass, List<CpuField> fields, int vectorRegisters) {
        this.stateClass = stateClass;
        this.vectorRegisters = vectorRegisters;
        this.fields = Collections.unmodifiableList(fields);
        for (CpuField f : fields) {
            byName.put(f.fieldName(), f);
            if (f.regId() == 0) {
                continue;
            }
            int words = RegId.words(f.regId());
            if (f.word() < 0 || f.word() >= words) {
                throw new IllegalArgumentException("field '" + f.fieldName() + "' claims word " + f.word()
                        + " of " + RegisterNames.describe(f.regId()) + ", which has " + words + " word(s)");
            }
            CpuField[] slots = byId.computeIfAbsent(f.regId(), k -> new CpuField[words]);
            if (slots[f.word()] != null) {
                throw new IllegalArgumentException("two fields hold word " + f.word() + " of "
                        + RegisterNames.describe(f.regId()));
            }
            slots[f.word()] = f;
        }
        for (Map.Entry<Long, CpuField[]> e : byId.entrySet()) {
            for (CpuField slot : e.getValue()) {
                if (slot == null) {
                    throw new IllegalArgumentException("no field holds every word of " + RegisterNames.describe(e.getKey()));
                }
            }
        }
        this.ids = byId.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** A field of the layout: its Java name, canonical id (0 when engine-internal) and which word of the register it holds. */
    public record Spec(String fieldName, long regId, int word) {}

    public static Spec spec(String fieldName, long regId) {
        return new Spec(fieldName, regId, 0);
    }

    /** A field holding word {@code word} (0 = least significant) of a register wider than 64 bits. */
    public static Spec spec(String fieldName, long regId, int word) {
        return new Spec(fieldName, regId, word);
    }

    /**
     * Builds a layout. {@code lookup} must have access to the fields (pass
     * {@code MethodHandles.lookup()} from the state class itself).
     */
    public static CpuLayout of(MethodHandles.Lookup lookup, Class<? extends CpuState> stateClass, List<Spec> specs) {
        return of(lookup, stateClass, specs, 0);
    }

    /**
     * A layout whose state class also has a 128-bit vector register file of {@code vectorRegisters}
     * registers, returned by {@link CpuState#vectorFile()}, for the IR's vector ops.
     */
    public static CpuLayout of(MethodHandles.Lookup lookup, Class<? extends CpuState> stateClass, List<Spec> specs,
                               int vectorRegisters) {
        if (vectorRegisters < 0 || vectorRegisters > 256) {
            throw new IllegalArgumentException("vector register count " + vectorRegisters + " outside 0..256");
        }
        List<CpuField> out = new ArrayList<>(specs.size());
        for (Spec s : specs) {
            try {
                VarHandle h = lookup.findVarHandle(stateClass, s.fieldName(), long.class);
                out.add(new CpuField(out.size(), s.fieldName(), s.regId(), h, s.word()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("CPU state " + stateClass.getName()
                        + " has no public long field '" + s.fieldName() + "'", e);
            }
        }
        return new CpuLayout(stateClass, out, vectorRegisters);
    }

    public Class<? extends CpuState> stateClass() { return stateClass; }
    public List<CpuField> fields() { return fields; }
    public int size() { return fields.size(); }
    public CpuField field(int index) { return fields.get(index); }
    public CpuField byName(String name) { return byName.get(name); }
    /** The fields holding the words of a register (index = word), or null when the id is not a hot register. */
    public CpuField[] byId(long id) { return byId.get(id); }

    /** Number of 128-bit vector registers the IR's vector ops may address (0 = none). */
    public int vectorRegisters() { return vectorRegisters; }

    /** Canonical ids of the hot registers, ascending. */
    public long[] ids() { return ids.clone(); }
}
