package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;
import ipcbench.os.LibC;
import ipcbench.os.Native;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fifo}: two named pipes, {@code request.fifo} and {@code response.fifo}, made with mkfifo(3) (mode 0600) by
 * the parent in the trial's private directory and opened by both sides as plain FileChannels. One round trip: the
 * client write(2)s N bytes into the request FIFO, the echo thread read(2)s them and write(2)s them into the
 * response FIFO, the client read(2)s N: the same pipe buffers as {@code pipe}, reached through a path. Writes above
 * the pipe's capacity (64 KiB) go through in pieces, which both sides loop over.
 *
 * <p>Opening a FIFO blocks until its other end opens, so both sides open in the same order, request first: the
 * child in {@code accept()}, after it reported ready; the parent in a helper thread, watching the child meanwhile:
 * if the child dies before opening, the parent opens the missing ends itself to release the helper and fails.
 */
public final class FifoMechanism extends StreamMechanism {
    static final String REQUEST = "request.fifo";
    static final String RESPONSE = "response.fifo";
    private static final int MODE_0600 = 0600;
    private static final long CHILD_CHECK_MS = 50;

    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String whyHostLocal() {
        return "a FIFO carries data only within one kernel, even when its file is on a network file system";
    }

    @Override
    public String id() {
        return "fifo";
    }

    @Override
    public void createResources(Trial trial) throws IOException {
        for (String fifo : new String[] {REQUEST, RESPONSE}) {
            Path path = trial.file(fifo);
            Native.check(LibC.INSTANCE.mkfifo(path.toString(), MODE_0600), "fifo: mkfifo(" + path + ")",
                    "can this user create files in " + trial.scratchDir() + "?");
        }
    }

    @Override
    protected Listener listen(Trial trial) {
        return new Listener() {
            @Override
            public String address() {
                return trial.file(REQUEST).toString();
            }

            @Override
            public ChannelPair accept() throws IOException {
                FileInputStream requests = new FileInputStream(trial.file(REQUEST).toFile());
                try {
                    return new ChannelPair(requests.getChannel(),
                            FileChannel.open(trial.file(RESPONSE), StandardOpenOption.WRITE), requests.getFD());
                } catch (IOException | RuntimeException e) {
                    requests.close();
                    throw e;
                }
            }

            @Override
            public void close() {
                // the FIFOs close with the pair; the private directory's removal deletes them
            }
        };
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        Path request = trial.file(REQUEST);
        Path response = trial.file(RESPONSE);
        CompletableFuture<ChannelPair> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                FileChannel requests = FileChannel.open(request, StandardOpenOption.WRITE);
                try {
                    // read end through a FileInputStream: its descriptor can be made non-blocking for a spinning wait
                    FileInputStream responses = new FileInputStream(response.toFile());
                    opening.complete(new ChannelPair(responses.getChannel(), requests, responses.getFD()));
                } catch (IOException | RuntimeException e) {
                    requests.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }, "fifo-open");
        opener.setDaemon(true);
        opener.start();
        try {
            while (true) {
                try {
                    return opening.get(CHILD_CHECK_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillOpening) {
                    if (!child.isAlive()) {
                        release(request, response, opening);
                        throw new IOException("fifo: the echo server exited with code " + child.exitValue()
                                + " before opening its FIFOs");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("fifo: opening failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(request, response, opening);
            throw new IOException("fifo: interrupted while opening the FIFOs", e);
        }
    }

    /**
     * Opens the ends the dead child would have, in its order, so the helper's blocked opens return; then closes
     * what the helper got. An open of the peer's end does not block while the helper waits on the other side.
     */
    private static void release(Path request, Path response, CompletableFuture<ChannelPair> opening) throws IOException {
        try (FileChannel r = FileChannel.open(request, StandardOpenOption.READ);
             FileChannel w = FileChannel.open(response, StandardOpenOption.WRITE)) {
            opening.join().close();
        } catch (RuntimeException helperFailed) {
            // nothing was left open
        }
    }
}
