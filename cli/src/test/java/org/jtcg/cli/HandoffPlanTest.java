package org.jtcg.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffPlanTest {
    @Test
    void parsesSteps() {
        HandoffPlan p = HandoffPlan.parse("kvm@20,jit@40");
        assertEquals(List.of(new HandoffPlan.Step("kvm", 20), new HandoffPlan.Step("jit", 40)), p.steps());
        assertTrue(HandoffPlan.parse(null).isEmpty());
        assertEquals(0, HandoffPlan.parse("interp@0").steps().get(0).afterSyscalls());
    }

    @Test
    void rejectsMalformedSteps() {
        for (String bad : new String[] {"kvm", "@3", "kvm@", "kvm@x", "kvm@-1", "kvm@5,jit@5", "kvm@5,jit@2", "kvm@1,"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HandoffPlan.parse(bad), bad);
            assertTrue(e.getMessage().contains("--handoff"), e.getMessage());
        }
    }
}
