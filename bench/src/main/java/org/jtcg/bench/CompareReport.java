package org.jtcg.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of bench/compare.sh: reads the per-run CSV (and the in-process CSV), prints a table
 * of medians, ratios and peak memory, writes a summary CSV and a PNG bar chart (log scale).
 * <pre>
 *   java -cp benchmarks.jar org.jtcg.bench.CompareReport RUNS.csv INPROCESS.csv SUMMARY.csv CHART.png
 * </pre>
 * Only runs whose exit status was 0 and whose output matched the native output count; a config
 * with no such run shows its first failure (e.g. "no frontend for x86-64") as "pending".
 */
public final class CompareReport {
    static final List<String> CONFIG_ORDER = List.of("native", "qemu", "jit", "kvm", "interp", "java");
    static final Color[] COLORS = {new Color(0x4c72b0), new Color(0xdd8452), new Color(0x55a868),
        new Color(0xc44e52), new Color(0x8172b3), new Color(0x937860)};

    private CompareReport() {}

    /** One (program, input, config) cell. */
    static final class Cell {
        final String program, input, config;
        String args = "";
        final List<Double> walls = new ArrayList<>();
        final List<Double> rss = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        int runs;
        String firstProblem;

        Cell(String program, String input, String config) {
            this.program = program;
            this.input = input;
            this.config = config;
        }

        Double medianWall() {
            return median(walls);
        }

        Double medianRssMiB() {
            Double m = median(rss);
            return m == null ? null : m / 1024;
        }
    }

    public static void main(String[] a) throws IOException {
        if (a.length != 4) {
            System.err.println("usage: CompareReport RUNS.csv INPROCESS.csv SUMMARY.csv CHART.png");
            System.exit(2);
        }
        Map<String, Cell> cells = read(Path.of(a[0]));
        if (cells.isEmpty()) {
            throw new IllegalArgumentException(a[0] + " has no runs");
        }
        List<String> summary = table(cells);
        Files.write(Path.of(a[2]), summary);
        printInProcess(Path.of(a[1]));
        chart(cells, Path.of(a[3]));
    }

    static Map<String, Cell> read(Path csv) throws IOException {
        Map<String, Cell> cells = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            if (f.size() < 10) {
                throw new IllegalArgumentException(csv + ": malformed line: " + line);
            }
            String key = f.get(0) + "/" + f.get(1) + "/" + f.get(3);
            Cell c = cells.computeIfAbsent(key, k -> new Cell(f.get(0), f.get(1), f.get(3)));
            c.args = f.get(2);
            c.runs++;
            if (f.get(8).equals("1")) {
                c.walls.add(Double.parseDouble(f.get(5)));
                if (!f.get(6).isEmpty()) {
                    c.rss.add(Double.parseDouble(f.get(6)));
                }
                if (f.size() > 10 && !f.get(10).isEmpty()) {   // cpu_s (user + sys), when /usr/bin/time gave it
                    c.cpu.add(Double.parseDouble(f.get(10)));
                }
            } else if (c.firstProblem == null) {
                c.firstProblem = f.get(9).isEmpty() ? "failed" : f.get(9);
            }
        }
        return cells;
    }

    /** Prints the table and returns it as summary CSV lines. */
    static List<String> table(Map<String, Cell> cells) {
        List<String> out = new ArrayList<>();
        out.add("program,input,args,config,ok_runs,runs,median_wall_s,median_peak_rss_mib,x_native,x_qemu,x_java,"
                + "rss_x_java,median_cpu_s,cpu_x_qemu,note");
        System.out.println();
        System.out.printf("%-8s %-7s %-7s %6s %10s %9s %9s %9s %8s %9s %8s %8s  %s%n", "program", "input", "config",
                "ok/run", "median s", "peak MiB", "x native", "x qemu", "x java", "RSS xjava", "cpu s", "cpu xq", "note");
        for (Cell c : sorted(cells)) {
            Double w = c.medianWall();
            Cell nat = cells.get(c.program + "/" + c.input + "/native");
            Cell qemu = cells.get(c.program + "/" + c.input + "/qemu");
            Double xn = ratio(w, nat == null ? null : nat.medianWall());
            Double xq = ratio(w, qemu == null ? null : qemu.medianWall());
            // The start-up row (hello) is also measured against a bare `java -version`: wall and peak RSS.
            Cell java = List.of("java", "native", "qemu").contains(c.config) ? null
                    : cells.get(c.program + "/" + c.input + "/java");
            Double xj = ratio(w, java == null ? null : java.medianWall());
            Double rj = ratio(c.medianRssMiB(), java == null ? null : java.medianRssMiB());
            Double cpu = median(c.cpu);
            Double cq = ratio(cpu, qemu == null ? null : median(qemu.cpu));
            String note = w == null ? "pending: " + (c.firstProblem == null ? "no run" : c.firstProblem)
                    : c.walls.size() < c.runs ? (c.runs - c.walls.size()) + " run(s) excluded: " + c.firstProblem : "";
            System.out.printf(Locale.ROOT, "%-8s %-7s %-7s %3d/%-2d %10s %9s %9s %9s %8s %9s %8s %8s  %s%n", c.program,
                    c.input, c.config, c.walls.size(), c.runs, fmt(w, "%.3f"), fmt(c.medianRssMiB(), "%.1f"),
                    fmt(xn, "%.2f"), c.config.equals("qemu") ? "" : fmt(xq, "%.2f"), java == null ? "" : fmt(xj, "%.2f"),
                    java == null ? "" : fmt(rj, "%.2f"), fmt(cpu, "%.2f"), c.config.equals("qemu") ? "" : fmt(cq, "%.2f"),
                    note);
            out.add(String.join(",", c.program, c.input, c.args, c.config, String.valueOf(c.walls.size()),
                    String.valueOf(c.runs), fmt(w, "%.4f"), fmt(c.medianRssMiB(), "%.1f"), fmt(xn, "%.3f"),
                    fmt(xq, "%.3f"), fmt(xj, "%.3f"), fmt(rj, "%.3f"), fmt(cpu, "%.3f"), fmt(cq, "%.3f"),
                    "\"" + note.replace("\"", "'") + "\""));
        }
        System.out.println("x native / x qemu: median wall time divided by the native / qemu median for the same"
                + " program and input (jtcg/native, jtcg/qemu); wall time includes process and JVM start-up."
                + " x java / RSS xjava (hello): wall time and peak RSS divided by a bare `java -version`'s."
                + " cpu s: median user + sys CPU time of the whole process (all threads); cpu xq: that / qemu's.");
        return out;
    }

    static void printInProcess(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() <= 1) {
            return;
        }
        System.out.println();
        System.out.println("in one JVM (org.jtcg.bench.InProcessRun): run 1 cold, later runs with jtcg warmed up");
        System.out.printf("%-8s %-7s %5s %10s %14s  %s%n", "program", "config", "runs", "first ms", "best later ms", "note");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            String note = f.get(6).equals("1") ? "" : f.get(7).isEmpty() ? "failed" : f.get(7);
            System.out.printf("%-8s %-7s %5s %10s %14s  %s%n", f.get(0), f.get(2), f.get(3),
                    f.get(4).isEmpty() ? "-" : f.get(4), f.get(5).isEmpty() ? "-" : f.get(5),
                    f.get(6).equals("1") ? "" : "pending: " + note);
        }
    }

    /** Grouped bars: one group per (program, input), one bar per config, log-scale seconds. */
    static void chart(Map<String, Cell> cells, Path png) throws IOException {
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : sorted(cells)) {
            groups.computeIfAbsent(c.program + "\n" + c.input, k -> new ArrayList<>()).add(c);
        }
        List<String> configs = new ArrayList<>();
        for (String cfg : CONFIG_ORDER) {
            if (cells.values().stream().anyMatch(c -> c.config.equals(cfg))) {
                configs.add(cfg);
            }
        }
        double lo = Double.MAX_VALUE, hi = 0;
        for (Cell c : cells.values()) {
            Double w = c.medianWall();
            if (w != null && w > 0) {
                lo = Math.min(lo, w);
                hi = Math.max(hi, w);
            }
        }
        if (hi == 0) {
            lo = 0.01;
            hi = 1;
        }
        double logLo = Math.floor(Math.log10(lo)), logHi = Math.ceil(Math.log10(hi));
        if (logHi <= logLo) {
            logHi = logLo + 1;
        }
        int barW = 22, gap = 26, left = 70, top = 50, plotH = 380, bottom = 70;
        int groupW = configs.size() * barW + gap;
        int width = Math.max(640, left + groups.size() * groupW + 20 + 150);
        int height = top + plotH + bottom;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("jtcg end-to-end: median wall time per run (log scale, lower is better)", left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double e = logLo; e <= logHi; e++) {                      // y grid at powers of ten
            int y = yOf(Math.pow(10, e), logLo, logHi, top, plotH);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + groups.size() * groupW, y);
            g.setColor(Color.BLACK);
            double v = Math.pow(10, e);
            String s = v >= 1 ? String.format(Locale.ROOT, "%.0f s", v)
                    : v >= 1e-3 ? String.format(Locale.ROOT, "%.0f ms", v * 1e3) : String.format(Locale.ROOT, "%.0f us", v * 1e6);
            g.drawString(s, left - 8 - fm.stringWidth(s), y + 4);
        }
        int gx = left + gap / 2;
        for (Map.Entry<String, List<Cell>> grp : groups.entrySet()) {
            for (Cell c : grp.getValue()) {
                int k = configs.indexOf(c.config);
                int x = gx + k * barW;
                Double w = c.medianWall();
                g.setColor(COLORS[CONFIG_ORDER.indexOf(c.config) % COLORS.length]);
                if (w != null && w > 0) {
                    int y = yOf(w, logLo, logHi, top, plotH);
                    g.fillRect(x + 2, y, barW - 4, top + plotH - y);
                } else {                                                // pending: hatched outline
                    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3, 3}, 0));
                    g.drawRect(x + 2, top + plotH - 60, barW - 4, 60);
                    g.setStroke(new BasicStroke());
                    drawVertical(g, "pending", x + barW / 2 + 4, top + plotH - 6);
                }
            }
            g.setColor(Color.BLACK);
            String[] name = grp.getKey().split("\n");
            int cx = gx + (configs.size() * barW) / 2;
            g.drawString(name[0], cx - fm.stringWidth(name[0]) / 2, top + plotH + 16);
            g.drawString(name[1], cx - fm.stringWidth(name[1]) / 2, top + plotH + 30);
            gx += groupW;
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, left + groups.size() * groupW, top + plotH);
        int lx = left + groups.size() * groupW + 20, ly = top + 10;                // legend
        for (String cfg : configs) {
            g.setColor(COLORS[CONFIG_ORDER.indexOf(cfg) % COLORS.length]);
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(cfg.equals("native") || cfg.equals("qemu") ? cfg : cfg.equals("java") ? "java -version" : "jtcg " + cfg,
                    lx + 18, ly);
            ly += 18;
        }
        g.drawString("interp: reduced input", lx, ly + 10);
        g.drawString("dashed: pending", lx, ly + 26);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void drawVertical(Graphics2D g, String s, int x, int y) {
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2, x, y);
        r.drawString(s, x, y);
        r.dispose();
    }

    private static int yOf(double v, double logLo, double logHi, int top, int plotH) {
        double f = (Math.log10(v) - logLo) / (logHi - logLo);
        return top + plotH - (int) Math.round(f * plotH);
    }

    private static List<Cell> sorted(Map<String, Cell> cells) {
        List<Cell> l = new ArrayList<>(cells.values());
        List<String> programs = new ArrayList<>();
        cells.values().forEach(c -> {
            if (!programs.contains(c.program)) {
                programs.add(c.program);
            }
        });
        l.sort((x, y) -> {
            int c = Integer.compare(programs.indexOf(x.program), programs.indexOf(y.program));
            if (c == 0) {
                c = x.input.compareTo(y.input);   // "full" before "reduced"
            }
            return c != 0 ? c : Integer.compare(CONFIG_ORDER.indexOf(x.config), CONFIG_ORDER.indexOf(y.config));
        });
        return l;
    }

    static Double median(List<Double> v) {
        if (v.isEmpty()) {
            return null;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private static String fmt(Double v, String f) {
        return v == null ? "-" : String.format(Locale.ROOT, f, v);
    }

    /** Splits one CSV line; fields may be double-quoted (no escaped quotes inside). */
    static List<String> splitCsv(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        f.add(cur.toString());
        return f;
    }
}
