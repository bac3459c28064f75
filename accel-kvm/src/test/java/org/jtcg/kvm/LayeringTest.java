package org.jtcg.kvm;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split of accel-kvm, checked on the compiled classes: the generic packages ({@code org.jtcg.kvm},
 * {@code org.jtcg.kvm.sys}) never refer to a frontend, an architecture's register catalogue or a KVM
 * plug-in package (x86, arm64, s390x); plug-ins never refer to each other; and no two top-level classes of
 * the module depend on each other in a cycle.
 */
class LayeringTest {
    /** What generic code must not name (internal form, as in the constant pool). */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "org/jtcg/(x86|arm64|aarch64|s390x|s390)/|org/jtcg/cpreg/(X86|Arm64|S390)Registers|org/jtcg/kvm/(?!sys/)[a-z0-9_]+/");
    private static final Pattern KVM_CLASS = Pattern.compile("org/jtcg/kvm/[A-Za-z0-9_/$]+");

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(KvmEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Class files of the module (main classes only), by internal name. */
    private static Map<String, Path> mainClasses() throws Exception {
        Path root = classesRoot();
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root.resolve("org/jtcg/kvm"))) {
            s.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String name = root.relativize(p).toString().replace('\\', '/');
                out.put(name.substring(0, name.length() - ".class".length()), p);
            });
        }
        return out;
    }

    private static boolean generic(String internalName) {
        return internalName.matches("org/jtcg/kvm/[^/]+") || internalName.matches("org/jtcg/kvm/sys/[^/]+");
    }

    @Test
    void genericPackagesNameNoArchitecture() throws Exception {
        Map<String, Path> classes = mainClasses();
        assertTrue(classes.containsKey("org/jtcg/kvm/KvmEngine") && classes.containsKey("org/jtcg/kvm/RegisterSetCache"),
                "the scan sees the generic classes: " + classes.keySet());
        List<String> violations = new ArrayList<>();
        int generic = 0;
        for (Map.Entry<String, Path> e : classes.entrySet()) {
            if (!generic(e.getKey())) {
                continue;
            }
            generic++;
            for (String s : ClassReferences.utf8Constants(e.getValue())) {
                Matcher m = FORBIDDEN.matcher(s);
                if (m.find()) {
                    violations.add(e.getKey() + " -> " + s);
                }
            }
        }
        assertTrue(generic > 15, "generic classes scanned: " + generic);
        assertEquals(List.of(), violations);
    }

    /** The check itself must see an architecture reference where one is (every plug-in has some). */
    @Test
    void theScanFindsArchitectureReferencesInThePlugins() throws Exception {
        Map<String, Path> classes = mainClasses();
        for (String plugin : List.of("org/jtcg/kvm/x86/X86KvmVcpu", "org/jtcg/kvm/arm64/Arm64RegisterSets",
                "org/jtcg/kvm/s390x/S390KvmVcpu")) {
            assertTrue(classes.containsKey(plugin), "scanned: " + plugin);
            assertTrue(ClassReferences.utf8Constants(classes.get(plugin)).stream().anyMatch(s -> FORBIDDEN.matcher(s).find()),
                    plugin);
        }
    }

    /** Plug-ins name no other plug-in: each architecture's package stands alone on the generic SPI. */
    @Test
    void pluginsDoNotReferToEachOther() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Path> e : mainClasses().entrySet()) {
            Matcher own = Pattern.compile("^org/jtcg/kvm/([a-z0-9_]+)/").matcher(e.getKey());
            if (!own.find() || own.group(1).equals("sys")) {
                continue;
            }
            for (String s : ClassReferences.utf8Constants(e.getValue())) {
                Matcher m = Pattern.compile("org/jtcg/kvm/([a-z0-9_]+)/").matcher(s);
                while (m.find()) {
                    if (!m.group(1).equals("sys") && !m.group(1).equals(own.group(1))) {
                        violations.add(e.getKey() + " -> " + s);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noDependencyCyclesBetweenClasses() throws Exception {
        Map<String, Set<String>> deps = dependencyGraph();
        List<Set<String>> cycles = stronglyConnected(deps).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "classes that depend on each other in a cycle");
    }

    /** The cycle check must see a cycle where one is. */
    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("A", Set.of("B"));
        g.put("B", Set.of("C"));
        g.put("C", Set.of("A"));
        g.put("D", Set.of("A"));
        List<Set<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(Set.of("A", "B", "C")), cycles);
    }

    /** Edges between top-level classes (a nested class counts as its outermost class). */
    private static Map<String, Set<String>> dependencyGraph() throws Exception {
        Map<String, Path> classes = mainClasses();
        Map<String, Set<String>> deps = new TreeMap<>();
        for (Map.Entry<String, Path> e : classes.entrySet()) {
            String from = topLevel(e.getKey());
            Set<String> to = deps.computeIfAbsent(from, k -> new TreeSet<>());
            for (String s : ClassReferences.utf8Constants(e.getValue())) {
                Matcher m = KVM_CLASS.matcher(s);
                while (m.find()) {
                    String target = topLevel(m.group());
                    if (!target.equals(from) && classes.containsKey(target)) {
                        to.add(target);
                    }
                }
            }
        }
        return deps;
    }

    private static String topLevel(String internalName) {
        int d = internalName.indexOf('$');
        return d < 0 ? internalName : internalName.substring(0, d);
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> c = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            out.add(c);
        }
    }

    @Test
    void thePluginsAreFoundByTheirArchNames() {
        Map<String, String> expected = Map.of("x86_64", "org.jtcg.kvm.x86.X86KvmTarget",
                "aarch64", "org.jtcg.kvm.arm64.Arm64KvmTarget", "s390x", "org.jtcg.kvm.s390x.S390KvmTarget");
        expected.forEach((arch, cls) -> {
            KvmTarget t = KvmTargets.forArch(arch);
            assertTrue(t != null && t.getClass().getName().equals(cls), arch + ": " + t);
        });
        assertEquals(null, KvmTargets.forArch("no-such-arch"));
    }

    /** The arm64 and s390x plug-ins are unexecuted: they refuse every host with one line, their own included. */
    @Test
    void theUnexecutedPluginsRefuseEveryHost() {
        for (String arch : List.of("aarch64", "s390x")) {
            KvmTarget t = KvmTargets.forArch(arch);
            for (String host : List.of("amd64", arch)) {
                String why = t.hostUnsupportedReason(host);
                assertTrue(why != null && !why.contains("\n"), arch + " on " + host + ": " + why);
            }
        }
        assertTrue(KvmTargets.forArch("aarch64").hostUnsupportedReason("aarch64").contains("EL1"));
        assertTrue(KvmTargets.forArch("s390x").hostUnsupportedReason("s390x").contains("DAT"));
    }
}
