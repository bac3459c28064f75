package org.jtcg.s390x.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The disassembler on the general instructions added for issue 12, which static glibc does
 * not contain and {@link ObjdumpCrossCheckTest} therefore never sees: each is assembled with
 * s390x-linux-gnu-as and must print exactly as objdump prints it. Skips without binutils.
 */
class GeneralDisassemblyTest {
    @TempDir
    Path tmp;

    static final String SOURCE = """
            spm %r1
            spm %r14
            ipm %r3
            sfpc %r7
            srnmt 13(%r2)
            srnmt 7
            sla %r1,3(%r2)
            slag %r1,%r3,3(%r2)
            slak %r1,%r3,3(%r2)
            slda %r2,3(%r4)
            clm %r1,5,8(%r2)
            clmy %r1,5,-8(%r2)
            clmh %r1,15,8(%r2)
            stcmh %r1,5,8(%r2)
            cds %r2,%r4,8(%r5)
            cdsy %r2,%r4,8(%r5)
            cdsg %r2,%r4,8(%r5)
            trt 1(2,%r3),4(%r5)
            trtr 1(256,%r3),4(%r5)
            mvcl %r2,%r4
            clcl %r2,%r4
            mvcle %r2,%r4,5(%r6)
            clcle %r2,%r4,0
            ahhhr %r1,%r2,%r3
            ahhlr %r1,%r2,%r3
            alhhhr %r1,%r2,%r3
            alhhlr %r1,%r2,%r3
            shhhr %r1,%r2,%r3
            shhlr %r1,%r2,%r3
            slhhhr %r1,%r2,%r3
            slhhlr %r1,%r2,%r3
            aih %r1,-5
            alsih %r1,-5
            alsihn %r1,7
            chhr %r1,%r2
            chlr %r1,%r2
            chf %r1,8(%r2,%r3)
            cih %r1,-5
            clhhr %r1,%r2
            clhlr %r1,%r2
            clhf %r1,8(%r2,%r3)
            clih %r1,5
            lbh %r1,8(%r2,%r3)
            lhh %r1,8(%r2,%r3)
            lfh %r1,-8(%r2,%r3)
            llch %r1,8(%r2,%r3)
            llhh %r1,8(%r2,%r3)
            stch %r1,8(%r2,%r3)
            sthh %r1,8(%r2,%r3)
            stfh %r1,8(%r2,%r3)
            risbhg %r1,%r2,3,4,5
            risblg %r1,%r2,3,132,5
            crte %r1,%r2
            crt %r1,%r2,0
            crt %r1,%r2,14
            cgrtl %r1,%r2
            clrtne %r1,%r2
            clgrth %r1,%r2
            cite %r1,-5
            citnh %r1,-5
            cgitnl %r1,-5
            clfith %r1,65535
            clgitl %r1,5
            cit %r1,3,14
            tre %r2,%r4
            ecag %r1,%r3,16(%r2)
            alc %r2,0(%r1)
            alcg %r2,-8(%r1,%r3)
            slb %r2,0(%r1)
            slbg %r2,0(%r1)
            mr %r2,%r4
            m %r2,0(%r1)
            mfy %r2,0(%r1)
            dr %r2,%r4
            d %r2,0(%r1)
            mhy %r2,0(%r1)
            cgh %r2,0(%r1)
            lngfr %r2,%r3
            lpgfr %r2,%r3
            bxh %r2,%r4,0(%r5)
            bxle %r2,%r4,0(%r5)
            bxhg %r2,%r4,0(%r5)
            bxleg %r2,%r4,0(%r5)
            balr %r14,%r5
            balr %r14,%r0
            bal %r14,0(%r5)
            lmh %r2,%r4,0(%r1)
            stmh %r2,%r4,0(%r1)
            mvcin 0(4,%r1),7(%r1)
            lpq %r2,0(%r1)
            stpq %r2,0(%r1)
            """;

    @Test
    void newRowsDisassembleLikeObjdump() throws Exception {
        Path src = CrossTools.writeTemp(tmp, "g.s", SOURCE);
        Path obj = tmp.resolve("g.o");
        CrossTools.run(List.of(CrossTools.AS, "-march=z196", "-o", obj.toString(), src.toString()));
        List<CrossTools.Line> all = CrossTools.objdump(obj);
        int count = SOURCE.strip().split("\n").length;
        assertEquals(true, all.size() >= count, "objdump lines: " + all.size());
        List<CrossTools.Line> lines = all.subList(0, count); // the rest is section padding (nopr)
        List<String> wrong = new ArrayList<>();
        for (CrossTools.Line l : lines) {
            String ours = S390xDisassembler.format(S390xTranslator.leftAligned(l.bytes(), l.bytes().length),
                    l.bytes().length, l.address());
            if (!ours.equals(l.text())) {
                wrong.add("objdump '" + l.text() + "' ours '" + ours + "'");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
