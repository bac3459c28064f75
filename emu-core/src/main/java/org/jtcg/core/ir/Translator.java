package org.jtcg.core.ir;

/**
 * A frontend's guest-code-to-IR translator. PLACEHOLDER: the IR/engine work defines
 * the method(s) here (decode guest instructions at a PC and emit one translation block).
 */
public interface Translator {
}
