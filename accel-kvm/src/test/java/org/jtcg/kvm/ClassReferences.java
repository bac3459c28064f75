package org.jtcg.kvm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings of a class file's constant pool (JVMS 4.4), which hold every class, field type and
 * method signature the class refers to: enough for layering and cycle checks without a library.
 */
final class ClassReferences {
    private ClassReferences() {}

    /** Every CONSTANT_Utf8 string of the class file. */
    static List<String> utf8Constants(Path classFile) throws IOException {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            List<String> out = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());                       // Utf8
                    case 3, 4 -> in.skipNBytes(4);                         // Integer, Float
                    case 5, 6 -> { in.skipNBytes(8); i++; }                // Long, Double: two slots
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);             // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);        // refs, NameAndType, (Invoke)Dynamic
                    case 15 -> in.skipNBytes(3);                           // MethodHandle
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
            return out;
        }
    }
}
