package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether sudo on a host asks for a password to run commands as a user, found out once per run with
 * {@code sudo -n -k -u USER} (never prompts, ignores cached credentials): a host that does not ask is never sent the
 * password, so it cannot end up on a command's standard input.
 */
final class BecomeProbes {
    private final Map<String, Boolean> asks = new ConcurrentHashMap<>();

    boolean needsPassword(HostConnection login, Become become) throws ModuleException {
        String key = login.describe() + "\0" + become.exe() + "\0" + become.user();
        Boolean known = asks.get(key);
        if (known != null) {
            return known;
        }
        String marker = Become.marker();
        Execution done;
        try {
            done = login.run(new CommandLine(List.of(become.exe(), "-n", "-k", "-u", become.user(), "/bin/sh", "-c", "echo " + marker),
                    null, null, Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while asking sudo on " + login.describe() + " about " + become.user());
        }
        boolean needs;
        if (done.stdout().startsWith(marker)) {
            needs = false;
        } else if (done.stderr().contains("password is required")) {
            needs = true;
        } else {
            become.unwrap(done, marker, login.describe()); // throws: sudo refused for another reason
            needs = true;
        }
        asks.put(key, needs);
        return needs;
    }
}
