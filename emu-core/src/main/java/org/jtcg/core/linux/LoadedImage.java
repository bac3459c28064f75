package org.jtcg.core.linux;

/**
 * Where an executable (and its interpreter, if any) ended up in guest memory: the values the
 * initial stack's auxv and the initial registers need.
 *
 * @param file        the main executable
 * @param loadBias    added to the main executable's addresses (0 for ET_EXEC)
 * @param entry       the main executable's entry point (AT_ENTRY), bias applied
 * @param startPc     where execution starts: the interpreter's entry, or {@code entry} when static
 * @param phdrAddr    guest address of the main executable's program headers (AT_PHDR)
 * @param phnum       number of program headers (AT_PHNUM); AT_PHENT is {@link ElfFile#PHDR_SIZE}
 * @param interpBase  the interpreter's load address (AT_BASE), 0 without interpreter
 * @param imageStart  lowest mapped address of the main executable
 * @param imageEnd    end of the main executable's highest segment (exclusive, not page-rounded)
 * @param brkStart    initial program break (page-rounded image end)
 * @param tls         the PT_TLS segment (bias applied), or null
 * @param execStack   PT_GNU_STACK asks for an executable stack
 * @param interpreter the PT_INTERP path as written in the file, or null
 */
public record LoadedImage(ElfFile file, long loadBias, long entry, long startPc, long phdrAddr, int phnum,
                          long interpBase, long imageStart, long imageEnd, long brkStart, Tls tls,
                          boolean execStack, String interpreter) {
    /** A PT_TLS template. */
    public record Tls(long vaddr, long filesz, long memsz, long align) {}
}
