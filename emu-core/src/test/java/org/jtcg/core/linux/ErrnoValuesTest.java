package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The errno numbers are part of the guest ABI, so the tests that compare against {@link Errno} constants
 * rest on this one: the constants are the Linux numbers, written out here, and match the kernel's
 * asm-generic headers where the host has them (linux-libc-dev).
 */
class ErrnoValuesTest {
    @Test
    void errnoConstantsAreTheLinuxNumbers() {
        assertEquals(1, Errno.EPERM);
        assertEquals(2, Errno.ENOENT);
        assertEquals(3, Errno.ESRCH);
        assertEquals(4, Errno.EINTR);
        assertEquals(9, Errno.EBADF);
        assertEquals(11, Errno.EAGAIN);
        assertEquals(12, Errno.ENOMEM);
        assertEquals(13, Errno.EACCES);
        assertEquals(14, Errno.EFAULT);
        assertEquals(17, Errno.EEXIST);
        assertEquals(20, Errno.ENOTDIR);
        assertEquals(21, Errno.EISDIR);
        assertEquals(22, Errno.EINVAL);
        assertEquals(24, Errno.EMFILE);
        assertEquals(25, Errno.ENOTTY);
        assertEquals(29, Errno.ESPIPE);
        assertEquals(32, Errno.EPIPE);
        assertEquals(34, Errno.ERANGE);
        assertEquals(35, Errno.EDEADLK);
        assertEquals(36, Errno.ENAMETOOLONG);
        assertEquals(38, Errno.ENOSYS);
        assertEquals(39, Errno.ENOTEMPTY);
        assertEquals(40, Errno.ELOOP);
        assertEquals(61, Errno.ENODATA);
        assertEquals(75, Errno.EOVERFLOW);
        assertEquals(95, Errno.ENOTSUP);
        assertEquals(110, Errno.ETIMEDOUT);
        // sockets (asm-generic/errno.h)
        assertEquals(88, Errno.ENOTSOCK);
        assertEquals(92, Errno.ENOPROTOOPT);
        assertEquals(93, Errno.EPROTONOSUPPORT);
        assertEquals(94, Errno.ESOCKTNOSUPPORT);
        assertEquals(97, Errno.EAFNOSUPPORT);
        assertEquals(99, Errno.EADDRNOTAVAIL);
        assertEquals(101, Errno.ENETUNREACH);
        assertEquals(106, Errno.EISCONN);
        assertEquals(107, Errno.ENOTCONN);
        assertEquals(111, Errno.ECONNREFUSED);
        assertEquals("ECONNREFUSED", Errno.name(111));
        assertEquals("Transport endpoint is not connected", Errno.message(107));
    }

    @Test
    void everyConstantMatchesTheKernelHeadersWhenInstalled() throws Exception {
        Map<String, Integer> kernel = new HashMap<>();
        Pattern define = Pattern.compile("^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)\\b", Pattern.MULTILINE);
        for (String h : new String[] {"/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h"}) {
            Path p = Path.of(h);
            if (Files.isReadable(p)) {
                Matcher m = define.matcher(Files.readString(p));
                while (m.find()) kernel.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(kernel.isEmpty(),
                "kernel errno headers not installed (linux-libc-dev): header cross-check skipped");
        int checked = 0;
        for (Field fld : Errno.class.getFields()) {
            if (Modifier.isStatic(fld.getModifiers()) && fld.getType() == int.class && fld.getName().startsWith("E")) {
                Integer want = kernel.get(fld.getName());
                if (fld.getName().equals("ENOTSUP")) want = kernel.get("EOPNOTSUPP");  // glibc's alias
                assertEquals(want, fld.getInt(null), fld.getName());
                checked++;
            }
        }
        assertTrue(checked >= 40, "checked " + checked);
    }
}
