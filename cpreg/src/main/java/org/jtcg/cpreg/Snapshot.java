package org.jtcg.cpreg;

import java.util.List;

/**
 * The content of a snapshot file: the guest arch, its register list, and any further sections
 * (e.g. the memory map the KVM engine will add), kept as opaque payloads so tools can carry
 * sections they do not understand. Encoded and decoded by {@link SnapshotFile}.
 *
 * @param arch      the guest arch; every register id must belong to it
 * @param registers the registers
 * @param sections  other sections in file order (never {@link SnapshotFile#SECTION_REGS})
 */
public record Snapshot(RegArch arch, RegisterList registers, List<Section> sections) {

    /**
     * One extra section.
     *
     * @param type    section type, 1-65535, see {@code SnapshotFile.SECTION_*}
     * @param flags   section flags, e.g. {@link SnapshotFile#FLAG_REQUIRED}
     * @param payload the bytes
     */
    public record Section(int type, int flags, byte[] payload) {
        public Section {
            if (type <= 0 || type > 0xffff || type == SnapshotFile.SECTION_REGS) {
                throw new IllegalArgumentException("bad extra section type " + type);
            }
            if (flags < 0 || flags > 0xffff) {
                throw new IllegalArgumentException("bad section flags " + flags);
            }
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Section && ((Section) o).type == type && ((Section) o).flags == flags
                    && java.util.Arrays.equals(((Section) o).payload, payload);
        }

        @Override
        public int hashCode() {
            return (type * 31 + flags) * 31 + java.util.Arrays.hashCode(payload);
        }
    }

    /** Checks that every register belongs to {@code arch}. */
    public Snapshot {
        for (long id : registers.ids()) {
            if (RegId.arch(id) != arch) {
                throw new IllegalArgumentException("register " + RegisterNames.describe(id)
                        + " does not belong to a " + arch.prefix() + " snapshot");
            }
        }
        sections = List.copyOf(sections);
    }

    /** A snapshot with registers only. */
    public Snapshot(RegArch arch, RegisterList registers) {
        this(arch, registers, List.of());
    }
}
