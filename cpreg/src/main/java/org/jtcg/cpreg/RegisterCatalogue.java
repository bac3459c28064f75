package org.jtcg.cpreg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The named registers of one architecture: a table of (name, id, origin) entries plus
 * optional parse-only aliases. The tables themselves live in {@link X86Registers},
 * {@link Arm64Registers} and {@link S390Registers}; this class only indexes them.
 */
public final class RegisterCatalogue {

    /** Who defined an id. */
    public enum Origin {
        /** The id is Linux's ({@code arch/<arch>/include/uapi/asm/kvm.h}) and can be passed to KVM ONE_REG. */
        LINUX,
        /** The id is jtcg's own, in a type range Linux does not use (see docs/register-ids.md). */
        PROJECT
    }

    /**
     * One named register.
     *
     * @param name   full canonical name including the arch prefix, e.g. {@code "arm64.x0"}
     * @param id     the register id
     * @param origin whether Linux or jtcg defined the id
     */
    public record Entry(String name, long id, Origin origin) {
        /** Size of the register. */
        public RegSize size() {
            return RegId.size(id);
        }
    }

    private final RegArch arch;
    private final List<Entry> entries;
    private final Map<Long, Entry> byId;
    private final Map<String, Long> byShortName;

    private RegisterCatalogue(RegArch arch, List<Entry> entries, Map<Long, Entry> byId,
                              Map<String, Long> byShortName) {
        this.arch = arch;
        this.entries = entries;
        this.byId = byId;
        this.byShortName = byShortName;
    }

    /** The catalogue of an arch. */
    public static RegisterCatalogue of(RegArch arch) {
        switch (arch) {
            case X86:
                return X86Registers.CATALOGUE;
            case ARM64:
                return Arm64Registers.CATALOGUE;
            case S390:
                return S390Registers.CATALOGUE;
            default:
                throw new AssertionError(arch);
        }
    }

    /** The arch all entries belong to. */
    public RegArch arch() {
        return arch;
    }

    /** All entries in the order the arch table lists them (not id order). */
    public List<Entry> entries() {
        return entries;
    }

    /** The entry with this id, or {@code null}. */
    public Entry byId(long id) {
        return byId.get(id);
    }

    /**
     * The id named by a short name (without the arch prefix, lower case), including aliases,
     * or {@code null}.
     */
    public Long idOf(String shortName) {
        return byShortName.get(shortName);
    }

    /** Builds a catalogue; rejects duplicate names and ids so that naming stays a bijection. */
    static final class Builder {
        private final RegArch arch;
        private final List<Entry> entries = new ArrayList<>();
        private final Map<Long, Entry> byId = new HashMap<>();
        private final Map<String, Long> byShortName = new HashMap<>();

        Builder(RegArch arch) {
            this.arch = arch;
        }

        Builder add(String shortName, long id, Origin origin) {
            RegId.validate(id);
            if (RegId.arch(id) != arch) {
                throw new IllegalStateException(shortName + " has id " + RegId.hex(id) + " of another arch");
            }
            Entry e = new Entry(arch.prefix() + "." + shortName, id, origin);
            if (byId.putIfAbsent(id, e) != null) {
                throw new IllegalStateException("duplicate id " + RegId.hex(id) + " for " + e.name()
                        + " and " + byId.get(id).name());
            }
            putName(shortName, id);
            entries.add(e);
            return this;
        }

        Builder alias(String alias, String target) {
            Long id = byShortName.get(target);
            if (id == null) {
                throw new IllegalStateException("alias " + alias + " for unknown register " + target);
            }
            putName(alias, id);
            return this;
        }

        private void putName(String shortName, long id) {
            if (byShortName.putIfAbsent(shortName, id) != null) {
                throw new IllegalStateException("duplicate register name " + arch.prefix() + "." + shortName);
            }
        }

        RegisterCatalogue build() {
            return new RegisterCatalogue(arch, Collections.unmodifiableList(new ArrayList<>(entries)),
                    Map.copyOf(byId), Map.copyOf(byShortName));
        }
    }
}
