package ipcbench.mechanism.rpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The echo service both gRPC mechanisms run, defined by hand instead of by protoc: the messages are raw byte arrays
 * (no protobuf encoding), so what is measured is gRPC's framing, HTTP/2 and the transport, not a serializer.
 *
 * <p>{@code ipcbench.Echo/Echo} is unary: the request comes back as the response. {@code ipcbench.Echo/Sink} is
 * client-streaming: the client sends one batch on one call, the server checks each message (when the trial
 * verifies) and, when the client half-closes, answers once with the number of messages it received (4 bytes,
 * big-endian): that answer is the batch's acknowledgement.
 */
final class GrpcEchoService {
    static final String SERVICE = "ipcbench.Echo";

    /** Raw bytes both ways; a message's 5-byte gRPC prefix and the HTTP/2 frames around it are gRPC's own. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new BytesMarshaller();

    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Echo"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    static final MethodDescriptor<byte[], byte[]> SINK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Sink"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private GrpcEchoService() {
    }

    /**
     * The service for one trial. A streamed message that differs from the trial's seeded payload fails its call
     * with INVALID_ARGUMENT and is handed to {@code failures}, so the child also exits with an error.
     */
    static ServerServiceDefinition definition(Trial trial, Consumer<IOException> failures) {
        byte[] expected = trial.verify() ? bytesOf(Payload.allocate(trial.payloadBytes(), trial.seed())) : null;
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .addMethod(SINK, ServerCalls.asyncClientStreamingCall(
                        response -> new BatchReceiver(expected, response, failures)))
                .build();
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.clear();
        buffer.get(bytes);
        return bytes;
    }

    /** An acknowledgement's length: the message count, big-endian. */
    static final int ACK_BYTES = 4;

    static byte[] ackFor(int messages) {
        return new byte[] {(byte) (messages >>> 24), (byte) (messages >>> 16), (byte) (messages >>> 8), (byte) messages};
    }

    static int messagesIn(byte[] ack) {
        return (ack[0] & 0xff) << 24 | (ack[1] & 0xff) << 16 | (ack[2] & 0xff) << 8 | (ack[3] & 0xff);
    }

    /** The server's side of one Sink call: counts (and checks) messages, answers the count on half-close. */
    private static final class BatchReceiver implements StreamObserver<byte[]> {
        private final byte[] expected;
        private final StreamObserver<byte[]> response;
        private final Consumer<IOException> failures;
        private int messages;
        private boolean failed;

        BatchReceiver(byte[] expected, StreamObserver<byte[]> response, Consumer<IOException> failures) {
            this.expected = expected;
            this.response = response;
            this.failures = failures;
        }

        @Override
        public void onNext(byte[] message) {
            if (failed) {
                return;
            }
            if (expected != null) {
                int at = Arrays.mismatch(expected, message);
                if (at >= 0) {
                    failed = true;
                    IOException failure = Payload.differs("streamed message " + messages, at, expected.length);
                    failures.accept(failure);
                    response.onError(Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException());
                    return;
                }
            }
            messages++;
        }

        @Override
        public void onError(Throwable t) {
            // the client cancelled or the connection dropped: there is no one to answer
        }

        @Override
        public void onCompleted() {
            if (!failed) {
                response.onNext(ackFor(messages));
                response.onCompleted();
            }
        }
    }

    /**
     * byte[] as a gRPC message. The outgoing stream tells gRPC its length and drains in one write, so gRPC frames it
     * without an intermediate buffer; parsing reads the known length into one new array.
     */
    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new BytesStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                if (stream instanceof KnownLength) {
                    byte[] bytes = new byte[stream.available()];
                    int read = stream.readNBytes(bytes, 0, bytes.length);
                    if (read != bytes.length) {
                        throw new IOException("message ended after " + read + " of " + bytes.length + " bytes");
                    }
                    return bytes;
                }
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("cannot read a message: " + e.getMessage()).withCause(e)
                        .asRuntimeException();
            }
        }
    }

    private static final class BytesStream extends ByteArrayInputStream implements KnownLength, Drainable {
        BytesStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
