package ipcbench.mechanism.memory;

import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory family's half of the C/Java contract, as the Java side has it: SharedRegion's constants, Agrona's ring
 * descriptor, RingPort's record types, the signal and file names, and the offsets and sizes of real regions that
 * {@link SharedRegion} creates and maps at payloads either side of each limit. Keys are {@code ipcpeer layout}'s.
 */
public final class MemoryContract {
    /** Payloads either side of the slot limit, a slot's 128-byte rounding and the 1 MiB record limit. */
    private static final int[] PAYLOADS = {1, 120, 121, 4096, 4097, 8192, 8193, 1 << 20, (1 << 20) + 1, 64 << 20};

    private MemoryContract() {
    }

    /** The expected lines; maps each sample region as a file in {@code dir} (sparse, removed again). */
    public static Map<String, String> expected(Path dir) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "header_bytes", SharedRegion.HEADER_BYTES);
        put(lines, "closed", SharedRegion.CLOSED);
        put(lines, "request_room_wanted", SharedRegion.REQUEST_ROOM_WANTED);
        put(lines, "response_room_wanted", SharedRegion.RESPONSE_ROOM_WANTED);
        put(lines, "client_pid", SharedRegion.CLIENT_PID);
        put(lines, "client_tid", SharedRegion.CLIENT_TID);
        put(lines, "request_slots_read", SharedRegion.REQUEST_SLOTS_READ);
        put(lines, "response_slots_read", SharedRegion.RESPONSE_SLOTS_READ);
        put(lines, "slot_max_payload", SharedRegion.SLOT_MAX_PAYLOAD);
        put(lines, "slot_area_target", SharedRegion.SLOT_AREA_TARGET);
        put(lines, "min_slots", SharedRegion.MIN_SLOTS);
        put(lines, "slot_header_bytes", SharedRegion.SLOT_HEADER_BYTES);
        put(lines, "slot_alignment", SharedRegion.SLOT_ALIGNMENT);
        put(lines, "page", SharedRegion.PAGE);
        put(lines, "min_capacity", SharedRegion.MIN_CAPACITY);
        put(lines, "max_record_payload", SharedRegion.MAX_RECORD_PAYLOAD);
        put(lines, "ring.trailer_tail", RingBufferDescriptor.TAIL_POSITION_OFFSET);
        put(lines, "ring.trailer_head_cache", RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET);
        put(lines, "ring.trailer_head", RingBufferDescriptor.HEAD_POSITION_OFFSET);
        put(lines, "ring.trailer_bytes", RingBufferDescriptor.TRAILER_LENGTH);
        put(lines, "ring.record_header", RecordDescriptor.HEADER_LENGTH);
        put(lines, "ring.record_alignment", RecordDescriptor.ALIGNMENT);
        put(lines, "ring.padding_type", RingBuffer.PADDING_MSG_TYPE_ID);
        put(lines, "ring.type_message", RingPort.MESSAGE);
        put(lines, "ring.type_ack", RingPort.ACK);
        put(lines, "signal.rt_offset", SignalMechanism.RT_OFFSET);
        put(lines, "region_role", SharedRegion.ROLE);
        put(lines, "region_file", MmapFileMechanism.FILE);
        put(lines, "sem_request", SemaphoreMechanism.REQUEST);
        put(lines, "sem_response", SemaphoreMechanism.RESPONSE);
        Path file = dir.resolve("contract-region");
        for (int payload : PAYLOADS) {
            SharedRegion.create(file, payload);
            try (SharedRegion region = SharedRegion.map(file, payload)) {
                long base = region.header.addressOffset();
                put(lines, payload + ".region_bytes", SharedRegion.bytes(payload));
                put(lines, payload + ".ring_capacity", region.request.capacity());
                put(lines, payload + ".ring_max_message", region.request.maxMsgLength());
                put(lines, payload + ".request_ring_offset", region.request.buffer().addressOffset() - base);
                put(lines, payload + ".response_ring_offset", region.response.buffer().addressOffset() - base);
                put(lines, payload + ".response_slots_offset",
                        region.responseSlots == null ? 0 : region.responseSlots.addressOffset() - base);
                put(lines, payload + ".slot_bytes", region.slotBytes);
                put(lines, payload + ".slot_count", region.slotCount);
            } finally {
                SharedRegion.remove(file);
            }
        }
        return lines;
    }

    private static void put(Map<String, String> lines, String name, Object value) {
        lines.put("memory." + name, String.valueOf(value));
    }
}
