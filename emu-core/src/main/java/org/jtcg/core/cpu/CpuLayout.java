package org.jtcg.core.cpu;

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
    private final Map<Long, CpuField> byId = new HashMap<>();

    private CpuLayout(Class<? extends CpuState> stateClass, List<CpuField> fields) {
        this.stateClass = stateClass;
        this.fields = Collections.unmodifiableList(fields);
        for (CpuField f : fields) {
            byName.put(f.fieldName(), f);
            if (f.regId() != 0) {
                byId.put(f.regId(), f);
            }
        }
    }

    /** A field of the layout: its Java name and canonical id (0 when engine-internal). */
    public record Spec(String fieldName, long regId) {}

    public static Spec spec(String fieldName, long regId) {
        return new Spec(fieldName, regId);
    }

    /**
     * Builds a layout. {@code lookup} must have access to the fields (pass
     * {@code MethodHandles.lookup()} from the state class itself).
     */
    public static CpuLayout of(MethodHandles.Lookup lookup, Class<? extends CpuState> stateClass, List<Spec> specs) {
        List<CpuField> out = new ArrayList<>(specs.size());
        for (Spec s : specs) {
            try {
                VarHandle h = lookup.findVarHandle(stateClass, s.fieldName(), long.class);
                out.add(new CpuField(out.size(), s.fieldName(), s.regId(), h));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("CPU state " + stateClass.getName()
                        + " has no public long field '" + s.fieldName() + "'", e);
            }
        }
        return new CpuLayout(stateClass, out);
    }

    public Class<? extends CpuState> stateClass() { return stateClass; }
    public List<CpuField> fields() { return fields; }
    public int size() { return fields.size(); }
    public CpuField field(int index) { return fields.get(index); }
    public CpuField byName(String name) { return byName.get(name); }
    public CpuField byId(long id) { return byId.get(id); }
}
