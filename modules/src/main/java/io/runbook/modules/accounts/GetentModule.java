package io.runbook.modules.accounts;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.StrMethods;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code getent}: a database of the host's name service (passwd, group, hosts, services, …) read with the host's
 * {@code getent}, as Ansible's getent module: each record's first field is a key of the fact {@code getent_DATABASE},
 * its other fields the value (a list of lists when several records share the key). Read-only.
 */
public final class GetentModule implements Module {
    /** The databases whose records Ansible splits at {@code :} when no split is given. */
    private static final Set<String> COLON = Set.of("passwd", "shadow", "group", "gshadow");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("database").required().description("the getent database to read (passwd, group, hosts, services, shadow, …)"))
            .arg(Arg.str("key").description("the one key to look up (a user, a host name, …); unset: the whole database"))
            .arg(Arg.str("service").description("the name service to ask instead of the host's configured ones (getent -s: files, sss, …)"))
            .arg(Arg.str("split").description("the text that separates a record's fields; unset: `:` for passwd, shadow, group "
                    + "and gshadow, runs of whitespace for the others"))
            .arg(Arg.bool("fail_key").defaultValue(true).description("fail when the key is not found; false: the fact gives the key "
                    + "a null value and the task only says so in msg"))
            .build();

    @Override
    public String name() {
        return "getent";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Read a name-service database of the host (getent) into the fact getent_<database> (read-only)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String database = args.string("database");
        String key = args.has("key") ? args.string("key") : null;
        List<String> argv = new ArrayList<>(List.of("getent", database));
        if (key != null) {
            argv.add(key);
        }
        if (args.has("service")) {
            argv.addAll(List.of("-s", args.string("service")));
        }
        String split = args.has("split") ? args.string("split") : COLON.contains(database) ? ":" : null;
        if ("".equals(split)) {
            throw new ModuleException("split: empty separator");
        }
        Execution done = AdminTools.run(HostConnections.of(ctx), argv);
        String fact = "getent_" + database;
        return switch (done.rc()) {
            case 0 -> Result.ok().with("ansible_facts", Map.of(fact, records(done.stdout(), split)));
            case 1 -> Result.failed("Missing arguments, or database unknown.");
            case 2 -> notFound(args, fact, key);
            case 3 -> Result.failed("Enumeration not supported on this database.");
            case 127 -> Result.failed(done.stderr().isEmpty() ? "Unexpected failure!" : done.stderr().strip());
            default -> Result.failed("Unexpected failure!");
        };
    }

    private static Result notFound(Args args, String fact, String key) {
        String msg = "One or more supplied key could not be found in the database.";
        if (args.bool("fail_key")) {
            return Result.failed(msg);
        }
        Map<String, Object> missing = new HashMap<>();
        missing.put(key, null);
        return Result.ok().with("ansible_facts", Map.of(fact, missing)).withMsg(msg);
    }

    /**
     * getent's lines as Ansible reads them: Python's splitlines, each line split (at {@code split}, or at whitespace);
     * the first field is the key. A key seen again turns its value into the list of each record's fields.
     */
    static Map<String, Object> records(String output, String split) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : StrMethods.splitlines(output)) {
            List<Object> record = StrMethods.split(line, split, -1);
            if (record.isEmpty()) {
                continue;  // a blank line (Python's would fail on it; getent prints none)
            }
            String key = (String) record.get(0);
            List<Object> fields = new ArrayList<>(record.subList(1, record.size()));
            int count = seen.merge(key, 1, Integer::sum);
            if (count == 1) {
                out.put(key, fields);
                continue;
            }
            if (count == 2) {
                List<Object> several = new ArrayList<>();
                several.add(out.get(key));
                out.put(key, several);
            }
            @SuppressWarnings("unchecked")
            List<Object> several = (List<Object>) out.get(key);
            several.add(fields);
        }
        return out;
    }
}
