package ipcbench.os;

import jnr.constants.platform.Errno;
import jnr.ffi.Runtime;

import java.io.IOException;
import java.util.function.IntFunction;

/** Turns a failed libc call into an {@link IOException} whose message names the call and the errno. */
public final class Native {
    private static final Runtime RUNTIME = Runtime.getRuntime(LibC.INSTANCE);

    private Native() {
    }

    /** errno as saved by the last {@code @SaveError} call on this thread. */
    public static int lastErrno() {
        return RUNTIME.getLastError();
    }

    /** "ENOENT (No such file or directory)" for 2. */
    public static String describeErrno(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }

    /** Returns {@code rc} when it is not -1; otherwise throws "call: ERRNO (text)" plus a hint when given. */
    public static int check(int rc, String call, String hint) throws IOException {
        if (rc == -1) {
            throw failure(call, hint);
        }
        return rc;
    }

    /**
     * After a call failed: returns when it was interrupted by a signal (EINTR, the caller retries it), else throws its
     * errno with {@code hintFor}'s hint for that errno (null: none).
     */
    public static void retryOnlyIfInterrupted(String call, IntFunction<String> hintFor) throws IOException {
        int errno = lastErrno();
        if (errno != Errno.EINTR.intValue()) {
            throw failure(call, hintFor.apply(errno));
        }
    }

    /** The exception for the errno the last call on this thread saved. */
    public static IOException failure(String call, String hint) {
        String message = call + ": " + describeErrno(lastErrno());
        return new IOException(hint == null ? message : message + "; " + hint);
    }
}
