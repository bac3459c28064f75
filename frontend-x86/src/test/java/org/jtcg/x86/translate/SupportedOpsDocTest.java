package org.jtcg.x86.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/x86.md states how many ops the translator supports; the number must be the real one. */
class SupportedOpsDocTest {
    @Test
    void theDocumentedOpCountIsTheTranslatorsCount() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "x86.md"));
        Matcher m = Pattern.compile("`X86Translator\\.supportedOps\\(\\)`, (\\d+) ops").matcher(doc);
        assertTrue(m.find(), "docs/x86.md has no \"(`X86Translator.supportedOps()`, N ops)\" heading");
        assertEquals(X86Translator.supportedOps().size(), Integer.parseInt(m.group(1)),
                "docs/x86.md's op count is stale: update the heading of 'Supported instructions'");
    }
}
