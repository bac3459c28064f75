package org.jtcg.x86.translate;

import org.jtcg.core.ir.HelperRef;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.cpuid.X86Extension;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * XGETBV, XSAVE(64), XRSTOR(64) ({@link XsaveHelpers}). They exist only while the CPU model
 * advertises XSAVE/OSXSAVE (x86-64-v3); below that they are #UD (SIGILL), as on a CPU without them.
 * XSAVEOPT/XSAVEC/XSAVES are not implemented and not advertised.
 */
final class XsaveOps {
    private XsaveOps() {}

    private static final HelperRef XGETBV = HelperRef.of(XsaveHelpers.class, "xgetbv",
            HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    private static final HelperRef XSAVE = HelperRef.of(XsaveHelpers.class, "xsave", 0);
    private static final HelperRef XRSTOR = HelperRef.of(XsaveHelpers.class, "xrstor", 0);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.XGETBV, c -> {
            if (advertised()) {
                c.b.call(XGETBV, null);
            } else {
                c.sigill();
            }
        });
        m.put(Mnemonic.XSAVE, c -> area(c, XSAVE, 0));
        m.put(Mnemonic.XSAVE64, c -> area(c, XSAVE, 1));
        m.put(Mnemonic.XRSTOR, c -> area(c, XRSTOR, 0));
        m.put(Mnemonic.XRSTOR64, c -> area(c, XRSTOR, 1));
    }

    private static boolean advertised() {
        return CpuidModel.active().has(X86Extension.XSAVE);
    }

    /** The requested-feature mask edx:eax and the area address go to the helper. */
    private static void area(Ctx c, HelperRef h, int rexW) {
        if (!advertised()) {
            c.sigill();
            return;
        }
        Operand.Mem m = (Operand.Mem) c.op(0);
        var mask = c.b.or(c.b.shl(c.readGpr(2, 4), c.c(32)), c.readGpr(0, 4));
        c.b.call(h, null, c.ea(m), mask, c.c(rexW));
    }
}
