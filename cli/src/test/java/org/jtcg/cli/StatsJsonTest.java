package org.jtcg.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsJsonTest {
    @Test
    void writesNestedObjectsAndEscapes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("regs", 3);
        String json = new StatsJson().put("engine", "jit").put("syscalls", 12L).put("ok", true)
                .put("note", "a\"b\\c\n\u0001").put("sync_gets", inner).toString();
        assertEquals("{\"engine\":\"jit\",\"syscalls\":12,\"ok\":true,\"note\":\"a\\\"b\\\\c\\n\\u0001\",\"sync_gets\":{\"regs\":3}}", json);
    }
}
