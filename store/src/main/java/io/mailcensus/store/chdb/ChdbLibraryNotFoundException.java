package io.mailcensus.store.chdb;

import io.mailcensus.store.StoreException;

/** libchdb.so is not where it should be; the message says where it looked and what to run. */
public final class ChdbLibraryNotFoundException extends StoreException {

    public ChdbLibraryNotFoundException(String message) {
        super(message);
    }
}
