package ipcbench.results;

/**
 * A row of a result file: its {@link ResultKey}, and the values of today's dimensions read through it, so that code
 * reading one dimension does not unpack the key. A row holds no dimension outside its key.
 */
public interface Keyed {
    ResultKey key();

    default String mechanism() {
        return key().mechanism();
    }

    default int payloadBytes() {
        return key().payloadBytes();
    }

    default String placement() {
        return key().placement();
    }

    default String waitStrategy() {
        return key().waitStrategy();
    }

    default String peers() {
        return key().peers();
    }
}
