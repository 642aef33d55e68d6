package io.runbook.modules.connection;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** One TCP stream opened from a host's side ({@link HostConnection#connect}). */
public interface Tunnel extends Closeable {
    InputStream input();

    OutputStream output();

    @Override
    void close();
}
