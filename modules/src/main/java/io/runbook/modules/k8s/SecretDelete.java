package io.runbook.modules.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.Secret;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code secret_delete}: deletes named Secrets (as {@code kubectl delete secret otel-token … -n istio-system})
 * and, with {@code wait_regenerated}, watches until each exists again with a new uid, reporting how long
 * each took. Changed iff any existed; check mode is a server-side dry run of the deletes. The wait is a
 * {@link Result#later} result: a host waiting for its tokens holds neither a fork nor a thread.
 */
public final class SecretDelete extends K8sModule {
    private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SECRETS =
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("").withVersion("v1")
                    .withKind("Secret").withPlural("secrets").withNamespaced(true).build();
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.list("names").elements(ArgType.STR).required().aliases("name"))
            .arg(Arg.str("namespace").description("default: the host's namespace, else default"))
            .arg(Arg.bool("wait_regenerated").defaultValue(false)
                    .description("wait until each Secret exists again with a new uid (recreated by its operator)"))
            .arg(Arg.duration("timeout").defaultValue("300s").description("how long wait_regenerated waits"))
            .build();

    @Override
    public String name() {
        return "secret_delete";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Delete Secrets and optionally wait until their operator regenerates them";
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        List<String> names = args.strings("names").stream().distinct().toList();
        if (names.isEmpty()) {
            throw new io.runbook.engine.error.UserError(args.position("names"), "argument 'names': give at least one Secret name");
        }
        String namespace = args.string("namespace") != null ? args.string("namespace") : conn.target().namespaceOrDefault();
        boolean waitRegenerated = args.bool("wait_regenerated") && !ctx.checkMode();
        SecretWatch watch = null;
        ApiLiveness liveness = new ApiLiveness(conn);
        ChangeSignal signal = new ChangeSignal(liveness);
        boolean waiting = false;
        try {
            if (waitRegenerated) {
                // watching before the deletes: no re-issued Secret can come before the watch does
                watch = liveness.watch(SecretWatch.start(conn, namespace, names, signal));
            }
            Deletion d = deleteEach(ctx, conn, namespace, names, args.bool("wait_regenerated"), watch);
            Result result = d.result().withChanged(!d.oldUids().isEmpty()).with("namespace", namespace)
                    .with("deleted", List.copyOf(d.oldUids().keySet())).with("absent", d.absent())
                    .withMsg(message(d.oldUids().keySet(), d.absent(), namespace, ctx.checkMode()));
            if (!waitRegenerated) {
                return result;
            }
            // the wait holds no thread: the host's fork goes to the next host until its tokens are back
            Result later = Result.later(awaitRegenerated(ctx, watch, signal, liveness, names, d, args.duration("timeout"), result));
            waiting = true;
            return later;
        } finally {
            if (watch != null && !waiting) {
                watch.close();
            }
        }
    }

    /** What the deletes did: the uid each existing Secret had, when it was deleted, which were absent, diffs so far. */
    private record Deletion(Map<String, String> oldUids, Map<String, Long> deletedAt, List<String> absent, Result result) {
    }

    private Deletion deleteEach(ModuleContext ctx, ClusterConnection conn, String namespace, List<String> names, boolean waitRegenerated,
                                SecretWatch watch) {
        Map<String, String> oldUids = new LinkedHashMap<>();
        Map<String, Long> deletedAt = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        Result result = Result.ok();
        boolean check = ctx.checkMode();
        for (String name : names) {
            if (watch != null && !ctx.diffMode()) {
                // the delete's answer is the Secret's last state: the uid to wait past and the values to mask, without
                // a read before each delete (a quarter of the requests of a rotation over many clusters)
                long at = System.currentTimeMillis();
                DeletedSecret deleted = conn.requests().delete(SECRETS, namespace, name, DeletedSecret::read);
                if (deleted == null) {
                    absent.add(name);
                    continue;
                }
                SecretMask.register(ctx, deleted.fields());
                oldUids.put(name, deleted.uid() == null ? "" : deleted.uid());
                ctx.madeChange();
                conn.predicted().forget("v1", "Secret", namespace, name);
                deletedAt.put(name, at);
                continue;
            }
            Map<String, Object> before = conn.get(SECRETS, namespace, name, check);
            if (before == null) {
                absent.add(name);
                continue;
            }
            SecretMask.register(ctx, before);
            oldUids.put(name, String.valueOf(FieldPath.read(before, "metadata.uid").orElse("")));
            if (ctx.diffMode()) {
                result = result.withDiff(new Diff("Secret " + namespace + "/" + name,
                        YamlText.of(SecretMask.mask(ChangeDetection.comparable(before))), ""));
            }
            long at = System.currentTimeMillis();
            if (!check) {
                conn.requests().delete(SECRETS, namespace, name, false);
                ctx.madeChange();
                conn.predicted().forget("v1", "Secret", namespace, name);
            } else {
                if (conn.predicted().lookup("v1", "Secret", namespace, name).isEmpty()) {
                    conn.requests().delete(SECRETS, namespace, name, true);
                }
                if (!waitRegenerated) {
                    // with wait_regenerated its operator writes it again: it would still be there for later tasks
                    conn.predicted().absent("v1", "Secret", namespace, name);
                }
            }
            // when the delete was sent: on a busy API server the operator may write the Secret again before the reply
            deletedAt.put(name, at);
        }
        return new Deletion(oldUids, deletedAt, absent, result);
    }

    /**
     * What a delete's answer (the Secret's last state) says: its uid, and its kind with its values to mask. Read in one
     * pass over the answer's bytes instead of through fabric8's model of a Secret (managed fields and all); values are
     * read as that model reads them (text, a number or boolean as its text), and an answer that model could not read
     * fails the same way (the request's failure).
     */
    record DeletedSecret(String uid, Map<String, Object> fields) {
        static DeletedSecret read(byte[] body) throws IOException {
            try (JsonParser p = WatchEventReader.JSON.createParser(body)) {
                p.nextToken();
                WatchEventReader.expectObject(p);
                String uid = null;
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("kind", "Secret");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("metadata".equals(field) && t != JsonToken.VALUE_NULL) {
                        WatchEventReader.expectObject(p);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String m = p.currentName();
                            p.nextToken();
                            if ("uid".equals(m)) {
                                uid = WatchEventReader.text(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (("data".equals(field) || "stringData".equals(field)) && t != JsonToken.VALUE_NULL) {
                        WatchEventReader.expectObject(p);
                        Map<String, String> values = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            values.put(key, WatchEventReader.text(p));
                        }
                        fields.put(field, values);
                    } else {
                        p.skipChildren();
                    }
                }
                return new DeletedSecret(uid, fields);
            }
        }
    }

    /**
     * Waits, without a thread, until the watch has each Secret again: the result with how long each took, or a failure
     * naming those that did not come back in time. The watch is closed when the wait ends, however it ends (the
     * engine cancels the stage at the task's timeout or an interrupt).
     */
    private CompletableFuture<Result> awaitRegenerated(ModuleContext ctx, SecretWatch watch, ChangeSignal signal,
                                                       ApiLiveness liveness, List<String> names, Deletion d,
                                                       Duration timeout, Result result) {
        Map<String, String> oldUids = d.oldUids();
        long start = System.currentTimeMillis();
        // written and read by the wait's checks (one at a time, on the threads that run them), then by its end
        Map<String, Double> seconds = Collections.synchronizedMap(new LinkedHashMap<>());
        RunScheduler scheduler = ctx.scheduler();
        WatchedWait.Upkeep upkeep = new WatchedWait.Upkeep(() -> watch.ended() || liveness.due(), () -> {
            liveness.check();
            watch.reopenIfEnded();
        });
        CompletableFuture<Optional<Boolean>> wait = WatchedWait.start(signal, upkeep, () -> {
            for (String name : names) {
                if (!seconds.containsKey(name) && regenerated(watch, name, oldUids.get(name))) {
                    seconds.put(name, (System.currentTimeMillis() - d.deletedAt().getOrDefault(name, start)) / 1000.0);
                }
            }
            return seconds.size() == names.size() ? Optional.of(true) : Optional.empty();
        }, timeout, ctx.progress(), elapsed -> "regenerated " + seconds.size() + "/" + names.size() + " (" + elapsed
                + " s) — waiting: " + String.join(", ", missing(names, seconds)), scheduler);
        CompletableFuture<Result> regenerated = wait.thenApply(done -> regenerated(result, names, seconds, done.isPresent(), timeout));
        regenerated.whenComplete((r, e) -> {
            wait.cancel(true);
            scheduler.execute(WatchedWait.UPKEEP, watch::close);
        });
        return regenerated;
    }

    private static Result regenerated(Result deleted, List<String> names, Map<String, Double> seconds, boolean all,
                                      Duration timeout) {
        Result result = deleted.with("regenerated", new LinkedHashMap<>(seconds));
        if (all) {
            return result.withMsg(result.msg() + "; all regenerated");
        }
        List<String> missing = missing(names, seconds);
        return result.with("missing", missing).withFailed(true).withMsg("timed out after " + timeout.toSeconds() + " s: "
                + String.join(", ", missing) + " not regenerated"
                + (seconds.isEmpty() ? "" : " (regenerated: " + String.join(", ", seconds.keySet()) + ")")
                + "; check that the operator that writes them is running and can reach the management plane");
    }

    /**
     * Whether the watch has the Secret again: with a uid other than the deleted one's (any, for one that was absent);
     * when the delete's answer gave no uid (a Status instead of the object), one written after the watch saw it deleted.
     */
    private static boolean regenerated(SecretWatch watch, String name, String oldUid) {
        Secret s = watch.latest(name);
        if (s == null || s.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (oldUid != null && oldUid.isEmpty()) {
            return watch.deletionSeen(name);
        }
        return !s.getMetadata().getUid().equals(oldUid);
    }

    private static List<String> missing(List<String> names, Map<String, Double> seconds) {
        return names.stream().filter(n -> !seconds.containsKey(n)).toList();
    }

    private static String message(Iterable<String> deleted, List<String> absent, String namespace, boolean check) {
        String d = String.join(", ", deleted);
        String verb = check ? "would delete " : "deleted ";
        String out = d.isEmpty() ? "no Secret to delete in " + namespace : verb + d + " in " + namespace;
        return absent.isEmpty() ? out : out + " (absent: " + String.join(", ", absent) + ")";
    }
}
