package org.jtcg.cpreg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterListTest {
    static final long RAX = X86Registers.gpr(0);
    static final long RBX = X86Registers.gpr(3);
    static final long RIP = X86Registers.RIP;
    static final long XMM0 = X86Registers.xmm(0);
    static final long FCW = RegisterNames.parse("x86.fcw");

    /** A register source whose one read-only register ignores writes, like a hardware ID register. */
    static final class ReadOnlyRegister implements RegisterAccess {
        final RegisterTable table;
        final long readOnly;

        ReadOnlyRegister(RegisterTable table, long readOnly) {
            this.table = table;
            this.readOnly = readOnly;
        }

        @Override
        public long[] ids() {
            return table.ids();
        }

        @Override
        public long[] readWords(long id) {
            return table.readWords(id);
        }

        @Override
        public void writeWords(long id, long[] words) {
            if (id != readOnly) {
                table.writeWords(id, words);
            }
        }
    }

    static RegisterTable filled() {
        RegisterTable t = new RegisterTable(RAX, RBX, RIP, XMM0, FCW);
        t.set(RAX, 1);
        t.set(RBX, 2);
        t.set(RIP, 0x401000);
        t.setWords(XMM0, new long[] {0x1111, 0x2222});
        t.set(FCW, 0x37f);
        return t;
    }

    @Test
    void captureAndLoadRoundTrip() {
        RegisterList list = RegisterList.capture(filled());
        assertEquals(5, list.size());
        for (int i = 1; i < list.size(); i++) {
            assertTrue(Long.compareUnsigned(list.id(i - 1), list.id(i)) < 0);
        }
        RegisterTable target = new RegisterTable(RAX, RBX, RIP, XMM0, FCW);
        list.loadInto(target);
        assertEquals(list, RegisterList.capture(target));
        assertArrayEquals(new long[] {0x1111, 0x2222}, target.getWords(XMM0));
        assertEquals(0x401000, target.get(RIP));
    }

    @Test
    void captureIsASnapshotNotAView() {
        RegisterTable t = filled();
        RegisterList list = RegisterList.capture(t);
        t.set(RAX, 99);
        assertArrayEquals(new long[] {1}, list.get(RAX));
    }

    @Test
    void unknownIncomingIdFailsBeforeWritingAnything() {
        RegisterList list = RegisterList.builder().put(RAX, 5).put(RIP, 6).put(XMM0, 1, 2).build();
        RegisterTable target = new RegisterTable(RAX, XMM0);
        RegisterMergeException e = assertThrows(RegisterMergeException.class, () -> list.loadInto(target));
        assertEquals(RegisterMergeException.Kind.UNKNOWN_REGISTER, e.kind());
        assertEquals(RIP, e.registerId());
        assertTrue(e.getMessage().contains("x86.rip"), e.getMessage());
        assertEquals(0, target.get(RAX), "nothing may be written when an id is unknown");
        assertArrayEquals(new long[2], target.getWords(XMM0));
    }

    @Test
    void targetRegisterMissingFromInputKeepsItsValue() {
        RegisterTable target = filled();
        RegisterList.builder().put(RBX, 0x42).build().loadInto(target);
        assertEquals(0x42, target.get(RBX));
        assertEquals(1, target.get(RAX));
        assertEquals(0x401000, target.get(RIP));
        assertArrayEquals(new long[] {0x1111, 0x2222}, target.getWords(XMM0));
        RegisterList.empty().loadInto(target);
        assertEquals(0x42, target.get(RBX));
    }

    @Test
    void readOnlyRegisterFailsReadBackNamingRegisterAndValues() {
        RegisterTable table = filled();
        ReadOnlyRegister target = new ReadOnlyRegister(table, RIP);
        RegisterList list = RegisterList.builder().put(RAX, 7).put(RIP, 0xdead).build();
        RegisterMergeException e = assertThrows(RegisterMergeException.class, () -> list.loadInto(target));
        assertEquals(RegisterMergeException.Kind.READ_BACK_MISMATCH, e.kind());
        assertEquals(RIP, e.registerId());
        assertTrue(e.getMessage().contains("x86.rip"), e.getMessage());
        assertTrue(e.getMessage().contains("0xdead"), e.getMessage());
        assertTrue(e.getMessage().contains("0x401000"), e.getMessage());
        assertArrayEquals(new long[] {0xdead}, e.written());
        assertArrayEquals(new long[] {0x401000}, e.readBack());
        // Writing the value the read-only register already holds is fine.
        RegisterList.builder().put(RIP, 0x401000).build().loadInto(target);
    }

    @Test
    void builderRejectsValueWiderThanRegister() {
        // A U16 register never stores bits above 15, so a list must not carry them either.
        assertThrows(IllegalArgumentException.class, () -> RegisterList.builder().put(FCW, 0x1_037f));
    }

    @Test
    void diffReportsChangedAndOneSidedRegisters() {
        RegisterList a = RegisterList.builder().put(RAX, 1).put(RBX, 2).put(XMM0, 3, 4).build();
        RegisterList b = RegisterList.builder().put(RAX, 1).put(RBX, 9).put(RIP, 5).put(XMM0, 3, 5).build();
        List<RegisterDiff> d = a.diff(b);
        assertEquals(3, d.size());
        assertEquals(RBX, d.get(0).id());
        assertArrayEquals(new long[] {2}, d.get(0).a());
        assertArrayEquals(new long[] {9}, d.get(0).b());
        assertEquals(RIP, d.get(1).id());
        assertNull(d.get(1).a());
        assertEquals(XMM0, d.get(2).id());
        assertEquals("x86.xmm0: 0x00000000000000040000000000000003 != 0x00000000000000050000000000000003",
                d.get(2).toString());
        assertTrue(a.diff(a).isEmpty());
        assertEquals(3, b.diff(a).size());
        assertNull(b.diff(a).get(1).b());
    }

    @Test
    void builderRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> RegisterList.builder().put(RAX, 1).put(RAX, 2).build());
        assertThrows(IllegalArgumentException.class, () -> RegisterList.builder().put(XMM0, 1));
        assertThrows(IllegalArgumentException.class, () -> RegisterList.builder().put(0x0130000000000000L, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterList.empty().get(RAX));
        assertTrue(e.getMessage().contains("x86.rax"));
    }

    @Test
    void captureRejectsABrokenSource() {
        RegisterAccess broken = new RegisterAccess() {
            @Override
            public long[] ids() {
                return new long[] {XMM0};
            }

            @Override
            public long[] readWords(long id) {
                return new long[1];
            }

            @Override
            public void writeWords(long id, long[] words) {
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RegisterList.capture(broken));
        assertTrue(e.getMessage().contains("x86.xmm0"), e.getMessage());
    }

    @Test
    void equalityAndToString() {
        RegisterList a = RegisterList.builder().put(RBX, 2).put(RAX, 1).build();
        RegisterList b = RegisterList.builder().put(RAX, 1).put(RBX, 2).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, RegisterList.builder().put(RAX, 1).put(RBX, 3).build());
        assertEquals("[x86.rax=0x1, x86.rbx=0x2]", a.toString());
    }

    @Test
    void wideValuesRoundTripThroughTheirTextForm() {
        long[] v = {0x0123456789abcdefL, 0xfedcba9876543210L};
        String text = RegisterList.formatWords(v);
        assertEquals("0xfedcba98765432100123456789abcdef", text);
        assertArrayEquals(v, RegisterList.parseWords(text, XMM0));
        assertArrayEquals(v, RegisterList.parseWords("0xfedcba9876543210_0123456789abcdef", XMM0));
        assertThrows(IllegalArgumentException.class, () -> RegisterList.parseWords("0x1_00000000000000000", XMM0));
        assertThrows(IllegalArgumentException.class, () -> RegisterList.parseWords("0x1" + "0".repeat(32), XMM0));
    }
}
