package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads the text of a decode table (syntax in docs/decode-tables.md) line by line into a
 * {@link DecodeTable}. Checks everything one line can show (names, bit counts, fields inside the
 * width and the pattern); checks across patterns (overlaps) are {@link TableChecks}.
 */
final class DecodeTableParser {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");
    private static final java.util.regex.Pattern BITS = java.util.regex.Pattern.compile("[01.]+");
    private static final List<String> DIRECTIVES = List.of("width", "lengths", "numbering", "field", "format");

    private final String tableName;
    private int lineNumber;

    private int width;
    private int[] lengths;
    private boolean msb0;
    private boolean headerDone;

    private final Map<String, BitField> fields = new LinkedHashMap<>();
    private final Map<String, List<ArgumentBinding>> formats = new LinkedHashMap<>();
    private final List<String> slotNames = new ArrayList<>();
    private final List<EncodingPattern> patterns = new ArrayList<>();
    private final Map<String, Integer> patternLines = new LinkedHashMap<>();

    private int group = -1;
    private int groupCount;
    private int groupLine;
    private int groupSize;

    DecodeTableParser(String tableName) {
        this.tableName = tableName;
    }

    DecodeTable parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lineNumber = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (!line.isEmpty()) {
                parseLine(Words.of(line));
            }
        }
        if (group >= 0) {
            lineNumber = groupLine;
            throw error("group opened here is never closed with '}'");
        }
        if (width == 0) {
            lineNumber = 1;
            throw error("the table declares no 'width'");
        }
        return new DecodeTable(tableName, width, patterns, fields, slotNames);
    }

    private void parseLine(String[] tokens) {
        switch (tokens[0]) {
            case "width" -> parseWidth(tokens);
            case "lengths" -> parseLengths(tokens);
            case "numbering" -> parseNumbering(tokens);
            case "field" -> parseField(tokens);
            case "format" -> parseFormat(tokens);
            case "{" -> openGroup(tokens);
            case "}" -> closeGroup(tokens);
            default -> parsePattern(tokens);
        }
    }

    // ------------------------------------------------------------------ header

    private void requireHeaderOpen(String directive) {
        if (headerDone) {
            throw error("'" + directive + "' must come before the first field, format or pattern");
        }
    }

    private void requireWidth() {
        if (width == 0) {
            throw error("declare 'width' before fields, formats and patterns");
        }
        headerDone = true;
    }

    private void parseWidth(String[] tokens) {
        requireHeaderOpen("width");
        if (width != 0) {
            throw error("'width' is declared twice");
        }
        if (tokens.length != 2) {
            throw error("expected 'width BITS'");
        }
        width = number(tokens[1], "width");
        if (width < 1 || width > 64) {
            throw error("width must be 1..64 bits, not " + width);
        }
        if (lengths == null) {
            lengths = new int[] {width};
        }
    }

    private void parseLengths(String[] tokens) {
        requireHeaderOpen("lengths");
        if (width == 0) {
            throw error("declare 'width' before 'lengths'");
        }
        if (tokens.length < 2) {
            throw error("expected 'lengths BITS...'");
        }
        lengths = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) {
            int length = number(tokens[i], "length");
            if (length < 1 || length > width) {
                throw error("length " + length + " is not within the " + width + "-bit width");
            }
            lengths[i - 1] = length;
        }
    }

    private void parseNumbering(String[] tokens) {
        requireHeaderOpen("numbering");
        if (tokens.length != 2 || !(tokens[1].equals("lsb0") || tokens[1].equals("msb0"))) {
            throw error("expected 'numbering lsb0' (bit 0 = least significant) or 'numbering msb0' (bit 0 = most significant)");
        }
        msb0 = tokens[1].equals("msb0");
    }

    // ------------------------------------------------------------------ fields and formats

    private void parseField(String[] tokens) {
        requireWidth();
        if (tokens.length < 3) {
            throw error("expected 'field NAME BITS... [signed] [<<N]'");
        }
        String name = newName(tokens[1], "field");
        if (fields.containsKey(name) || formats.containsKey(name)) {
            throw error("'" + name + "' is already defined");
        }
        List<int[]> segments = new ArrayList<>();
        boolean signed = false;
        int shift = 0;
        for (int i = 2; i < tokens.length; i++) {
            String token = tokens[i];
            Matcher segment = SEGMENT.matcher(token);
            if (token.equals("signed")) {
                signed = true;
            } else if (token.startsWith("<<")) {
                shift = number(token.substring(2), "shift");
                if (shift < 0 || shift > 63) {
                    throw error("field " + name + ": shift must be 0..63, not " + shift);
                }
            } else if (segment.matches()) {
                segments.add(segment(name, segment));
            } else {
                throw error("field " + name + ": expected a bit range like 21..10, 'signed' or '<<N', got '" + token + "'");
            }
        }
        if (segments.isEmpty()) {
            throw error("field " + name + " has no bit range");
        }
        int[] lsb = new int[segments.size()];
        int[] length = new int[segments.size()];
        int total = 0;
        for (int i = 0; i < lsb.length; i++) {
            lsb[i] = segments.get(i)[0];
            length[i] = segments.get(i)[1];
            total += length[i];
        }
        if (total + shift > 64) {
            throw error("field " + name + " has " + total + " bits shifted by " + shift + ": more than 64");
        }
        BitField field = new BitField(name, lineNumber, lsb, length, signed, shift);
        if (Long.bitCount(field.bitMask()) != total) {
            throw error("field " + name + " reads some bit twice");
        }
        fields.put(name, field);
    }

    /** A range "a..b" or a single bit "a" in the table's numbering, as {lowest LSB-0 bit, length}. */
    private int[] segment(String field, Matcher segment) {
        int a = toLsb0(field, number(segment.group(1), "bit"));
        int b = segment.group(2) == null ? a : toLsb0(field, number(segment.group(2), "bit"));
        return new int[] {Math.min(a, b), Math.abs(a - b) + 1};
    }

    private int toLsb0(String field, int bit) {
        if (bit >= width) {
            throw error("field " + field + ": bit " + bit + " is outside the " + width + "-bit width");
        }
        return msb0 ? width - 1 - bit : bit;
    }

    private void parseFormat(String[] tokens) {
        requireWidth();
        if (tokens.length < 3) {
            throw error("expected 'format NAME ARGUMENT...'");
        }
        String name = newName(tokens[1], "format");
        if (fields.containsKey(name) || formats.containsKey(name)) {
            throw error("'" + name + "' is already defined");
        }
        List<ArgumentBinding> bindings = new ArrayList<>();
        for (int i = 2; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.contains(":")) {
                throw error("format " + name + ": attributes (" + token + ") belong on patterns");
            }
            addArguments(token, bindings, "format " + name);
        }
        formats.put(name, bindings);
    }

    /** Adds what {@code token} names (a format, a field, {@code arg=field} or {@code arg=constant}). */
    private void addArguments(String token, List<ArgumentBinding> bindings, String owner) {
        int equals = token.indexOf('=');
        if (equals >= 0) {
            String argument = newName(token.substring(0, equals), "argument");
            String source = token.substring(equals + 1);
            if (!source.isEmpty() && (Character.isDigit(source.charAt(0)) || source.charAt(0) == '-')) {
                bind(bindings, argument, null, constant(source), owner);
            } else {
                BitField field = fields.get(source);
                if (field == null) {
                    throw error(owner + ": unknown field '" + source + "' in '" + token + "'");
                }
                bind(bindings, argument, field, 0, owner);
            }
        } else if (formats.containsKey(token)) {
            for (ArgumentBinding binding : formats.get(token)) {
                bind(bindings, binding.argument(), binding.field(), binding.constant(), owner);
            }
        } else if (fields.containsKey(token)) {
            bind(bindings, token, fields.get(token), 0, owner);
        } else {
            throw error(owner + ": unknown field or format '" + token + "'");
        }
    }

    private void bind(List<ArgumentBinding> bindings, String argument, BitField field, long constant, String owner) {
        for (ArgumentBinding existing : bindings) {
            if (existing.argument().equals(argument)) {
                throw error(owner + ": argument '" + argument + "' is given twice");
            }
        }
        int slot = slotNames.indexOf(argument);
        if (slot < 0) {
            slot = slotNames.size();
            slotNames.add(argument);
        }
        bindings.add(new ArgumentBinding(argument, slot, field, constant));
    }

    // ------------------------------------------------------------------ groups and patterns

    private void openGroup(String[] tokens) {
        requireWidth();
        if (tokens.length != 1) {
            throw error("'{' stands alone on its line");
        }
        if (group >= 0) {
            throw error("groups do not nest (the group opened on line " + groupLine + " is still open)");
        }
        group = groupCount++;
        groupLine = lineNumber;
        groupSize = 0;
    }

    private void closeGroup(String[] tokens) {
        if (tokens.length != 1) {
            throw error("'}' stands alone on its line");
        }
        if (group < 0) {
            throw error("'}' without an open group");
        }
        if (groupSize < 2) {
            throw error("a group needs at least two patterns (it exists to let them overlap)");
        }
        group = -1;
    }

    private void parsePattern(String[] tokens) {
        requireWidth();
        String name = tokens[0];
        if (!NAME.matcher(name).matches()) {
            throw error("expected a directive (" + String.join(", ", DIRECTIVES) + "), '{', '}' or a pattern name, got '" + name + "'");
        }
        if (patternLines.containsKey(name)) {
            throw error("pattern " + name + " is already defined on line " + patternLines.get(name));
        }
        StringBuilder bits = new StringBuilder();
        int i = 1;
        while (i < tokens.length && BITS.matcher(tokens[i]).matches()) {
            bits.append(tokens[i++]);
        }
        if (bits.length() == 0) {
            throw error("pattern " + name + " has no bit string (0, 1 and . for don't-care)");
        }
        int length = bits.length();
        if (Arrays.stream(lengths).noneMatch(allowed -> allowed == length)) {
            throw error("pattern " + name + " has " + length + " bits; the table allows " + describeLengths());
        }
        long mask = 0;
        long value = 0;
        for (int b = 0; b < length; b++) {
            char c = bits.charAt(b);
            long bit = 1L << (width - 1 - b);
            if (c != '.') {
                mask |= bit;
                if (c == '1') {
                    value |= bit;
                }
            }
        }
        List<ArgumentBinding> bindings = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        String owner = "pattern " + name;
        for (; i < tokens.length; i++) {
            String token = tokens[i];
            int colon = token.indexOf(':');
            if (colon >= 0) {
                String key = newName(token.substring(0, colon), "attribute");
                String attributeValue = token.substring(colon + 1);
                if (attributeValue.isEmpty() || attributes.put(key, attributeValue) != null) {
                    throw error(owner + ": attribute '" + token + "' is empty or given twice");
                }
            } else {
                addArguments(token, bindings, owner);
            }
        }
        int lowestBit = width - length;
        for (ArgumentBinding binding : bindings) {
            if (binding.field() != null && binding.field().lowestBit() < lowestBit) {
                throw error(owner + ": field " + binding.field().name() + " lies outside the " + length + "-bit pattern");
            }
        }
        patternLines.put(name, lineNumber);
        patterns.add(new EncodingPattern(patterns.size(), name, lineNumber, length, mask, value, group, bindings, attributes));
        if (group >= 0) {
            groupSize++;
        }
    }

    // ------------------------------------------------------------------ tokens

    private String describeLengths() {
        StringBuilder text = new StringBuilder();
        for (int length : lengths) {
            text.append(text.length() == 0 ? "" : " or ").append(length);
        }
        return text.append(lengths.length == 1 && lengths[0] == width ? " (the width)" : "").toString();
    }

    private String newName(String token, String what) {
        if (!NAME.matcher(token).matches() || DIRECTIVES.contains(token)) {
            throw error("'" + token + "' is not a valid " + what + " name");
        }
        return token;
    }

    private int number(String token, String what) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error("expected a number for the " + what + ", got '" + token + "'");
        }
    }

    private long constant(String token) {
        try {
            boolean negative = token.startsWith("-");
            String digits = negative ? token.substring(1) : token;
            long magnitude = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            return negative ? -magnitude : magnitude;
        } catch (NumberFormatException e) {
            throw error("expected a constant (decimal or 0x hex), got '" + token + "'");
        }
    }

    private DecodeTableException error(String message) {
        return new DecodeTableException(tableName, lineNumber, message);
    }
}
